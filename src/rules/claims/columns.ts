/**
 * The columns of a claims register (理赔登记): one claim per row, headers found like the roster's
 * (title rows above allowed, the wordings clerks use accepted). The four computed columns are the
 * add-in's: the pane and the command fill them, never a column the clerk types.
 */
import { headerLookup } from '../roster/columns';
import { readHeaderRow } from '../roster/header';

export type ClaimField = 'seq' | 'unit' | 'name' | 'id' | 'plan' | 'event' | 'detail' | 'eventDate' | 'reviewDate' | 'paidDate' | 'remark' | ComputedField;

/** The columns the add-in fills: 应付金额, 计算说明, 应付日期, 状态. */
export type ComputedField = 'payable' | 'explanation' | 'dueDate' | 'status';

export interface ClaimColumn {
  field: ClaimField;
  /** The standard header first, then the other texts clerks use. */
  headers: string[];
  /** A blank cell in this column is a MISSING_FIELD finding. */
  required: boolean;
}

export const CLAIM_COLUMNS: readonly ClaimColumn[] = [
  { field: 'seq', headers: ['序号', '编号', '序'], required: false },
  { field: 'unit', headers: ['单位', '单位名称', '所在单位', '工作单位', '参保单位'], required: false },
  { field: 'name', headers: ['姓名', '职工姓名', '参保人', '参保人姓名', '被保障人', '被保障人姓名', '申请人'], required: false },
  { field: 'id', headers: ['身份证号', '身份证号码', '公民身份号码', '身份证', '证件号码', '身份证件号码'], required: true },
  { field: 'plan', headers: ['参保计划', '保障计划', '保障类别', '险种', '参保险种', '保障项目', '参保项目', '计划'], required: true },
  { field: 'event', headers: ['事件', '出险事件', '理赔事件', '给付类型', '理赔类型', '申请项目', '事故类型', '出险类型'], required: true },
  { field: 'detail', headers: ['明细', '诊断', '诊断或原因', '诊断/原因', '详情', '申请金额'], required: false },
  { field: 'eventDate', headers: ['出险日期', '事故日期', '确诊日期', '发生日期', '出险时间', '事故发生日期'], required: true },
  { field: 'reviewDate', headers: ['审核日期', '审核确认日期', '资料审核日期', '审核通过日期', '审批日期'], required: false },
  { field: 'paidDate', headers: ['给付日期', '支付日期', '赔付日期', '付款日期', '发放日期'], required: false },
  { field: 'remark', headers: ['备注', '说明'], required: false },
  { field: 'payable', headers: ['应付金额', '给付金额'], required: false },
  { field: 'explanation', headers: ['计算说明'], required: false },
  { field: 'dueDate', headers: ['应付日期', '最迟给付日期'], required: false },
  { field: 'status', headers: ['状态', '理赔状态'], required: false },
];

/** The computed columns in the order they are added after the register's last column. */
export const COMPUTED_FIELDS: readonly ComputedField[] = ['payable', 'explanation', 'dueDate', 'status'];

/** The register's typed columns as a new register sheet lays them out (the pane's 插入理赔登记表). */
export const REGISTER_TEMPLATE_FIELDS: readonly ClaimField[] = [
  'seq',
  'unit',
  'name',
  'id',
  'plan',
  'event',
  'detail',
  'eventDate',
  'reviewDate',
  'paidDate',
  'remark',
];

export const REQUIRED_CLAIM_FIELDS: readonly ClaimField[] = CLAIM_COLUMNS.filter((column) => column.required).map((column) => column.field);

export const claimFieldOfHeader = headerLookup(CLAIM_COLUMNS);

export function claimHeader(field: ClaimField): string {
  return (CLAIM_COLUMNS.find((column) => column.field === field) as ClaimColumn).headers[0];
}

/** The default name of a register sheet. */
export const REGISTER_SHEET = '理赔登记';

/**
 * A register header names the event and the 出险日期 (no roster has these) and at least one of the
 * person's columns. The roster engine passes such a sheet over; the claims engine reads it.
 */
export function isRegisterHeader(row: readonly unknown[]): boolean {
  const { columns } = readHeaderRow(row, claimFieldOfHeader);
  return columns.has('event') && columns.has('eventDate') && (columns.has('id') || columns.has('plan'));
}

/** Why the roster engine passes a register sheet over. */
export const REGISTER_SHEET_REASON = '这是理赔登记表，不是花名册（理赔登记用"理赔计算"或 mutual-aid claims 处理）';
