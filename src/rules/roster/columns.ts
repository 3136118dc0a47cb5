/**
 * The columns of an enrolment roster (参保花名册) and the header texts clerks use for them
 * (domain.md, "A roster as clerks keep it"). Unknown columns are ignored.
 */
import { toHalfWidth } from '../dates';

export type Field = 'seq' | 'unit' | 'name' | 'sex' | 'id' | 'plan' | 'shares' | 'effectiveDate' | 'previousShares' | 'funding' | 'phone';

export interface ColumnDefinition {
  field: Field;
  /** The standard header, first; then the other texts units use. */
  headers: string[];
  /** A blank cell in this column is a MISSING_FIELD finding. */
  required: boolean;
}

export const COLUMNS: readonly ColumnDefinition[] = [
  { field: 'seq', headers: ['序号', '编号', '序'], required: false },
  { field: 'unit', headers: ['单位', '单位名称', '所在单位', '工作单位', '参保单位', '投保单位'], required: false },
  { field: 'name', headers: ['姓名', '职工姓名', '参保人', '参保人姓名', '被保障人', '被保障人姓名'], required: true },
  { field: 'sex', headers: ['性别'], required: false },
  {
    field: 'id',
    headers: ['身份证号', '身份证号码', '公民身份号码', '身份证', '证件号码', '身份证件号码'],
    required: true,
  },
  {
    field: 'plan',
    headers: ['参保计划', '保障计划', '保障类别', '险种', '参保险种', '保障项目', '参保项目', '计划'],
    required: true,
  },
  { field: 'shares', headers: ['份数', '参保份数', '购买份数', '本年份数', '本年度份数'], required: true },
  {
    field: 'effectiveDate',
    headers: ['生效日期', '保障起始日期', '参保日期', '起保日期', '保障开始日期', '生效日'],
    required: false,
  },
  { field: 'previousShares', headers: ['上年份数', '上年度份数', '续保份数', '上一年度份数', '去年份数'], required: false },
  { field: 'funding', headers: ['出资方式', '缴费方式', '交费方式', '付费方式'], required: false },
  { field: 'phone', headers: ['联系电话', '电话', '手机', '手机号', '联系方式'], required: false },
];

/** Header text without spaces, brackets' contents, required-markers or a trailing colon. */
export function normaliseHeader(text: string): string {
  return toHalfWidth(text)
    .replace(/[\s\u00a0]+/g, '')
    .replace(/\([^)]*\)/g, '')
    .replace(/[*※:]/g, '')
    .toLowerCase();
}

/**
 * A lookup from header cell to field for a table's columns (the roster's, the claims register's):
 * texts are compared normalised, so "身份证号码 (必填)" finds the same field as "身份证号码".
 */
export function headerLookup<F extends string>(columns: readonly { field: F; headers: readonly string[] }[]): (value: unknown) => F | null {
  const index = new Map<string, F>(columns.flatMap((column) => column.headers.map((header) => [normaliseHeader(header), column.field] as const)));
  return (value) => (typeof value === 'string' ? (index.get(normaliseHeader(value)) ?? null) : null);
}

/** The field a header cell names, or null for a column the roster rules do not use. */
export const fieldOfHeader: (value: unknown) => Field | null = headerLookup(COLUMNS);

export function standardHeader(field: Field): string {
  return (COLUMNS.find((column) => column.field === field) as ColumnDefinition).headers[0];
}

export const REQUIRED_FIELDS: readonly Field[] = COLUMNS.filter((column) => column.required).map((column) => column.field);

/** Rows searched for the header (title rows may stand above it). */
export const HEADER_SEARCH_ROWS = 10;
