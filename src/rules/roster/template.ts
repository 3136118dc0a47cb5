/**
 * The standard roster layout (参保花名册模板) as data: the columns in the order of COLUMNS, with the
 * cell format each needs and the drop-down lists drawn from the catalogue. The faces lay it out
 * their way (the pane through Excel, the command in a new .xlsx); the layout is decided here once.
 */
import { FUNDING_METHODS, PLANS } from '../catalogue';
import { COLUMNS, Field } from './columns';

export type TemplateValidation =
  | { kind: 'list'; items: readonly string[]; title: string; message: string }
  | { kind: 'wholeNumber'; min: number; max: number; title: string; message: string };

export interface TemplateColumn {
  field: Field;
  header: string;
  /** 'text' keeps all 18 digits of an ID (a number keeps 15) and a phone's leading 0. */
  format: 'text' | 'date' | null;
  /** Width in characters. */
  width: number;
  validation?: TemplateValidation;
}

/** Rows below the header that get the formats and drop-down lists, so a clerk can keep typing. */
export const TEMPLATE_BODY_ROWS = 2000;

const MAX_SHARES = Math.max(...PLANS.map((plan) => plan.shares.maxShares));
const PLAN_NAMES = PLANS.map((plan) => plan.shortName);

const VALIDATIONS: Partial<Record<Field, TemplateValidation>> = {
  sex: { kind: 'list', items: ['男', '女'], title: '性别', message: '请选择 男 或 女。' },
  plan: { kind: 'list', items: PLAN_NAMES, title: '参保计划', message: `请从列表中选择参保计划：${PLAN_NAMES.join('、')}。` },
  shares: {
    kind: 'list',
    items: Array.from({ length: MAX_SHARES }, (_, i) => String(i + 1)),
    title: '份数',
    message: `份数为 1 到 ${MAX_SHARES} 的整数；各计划的上限见互助保障说明。`,
  },
  funding: { kind: 'list', items: FUNDING_METHODS, title: '出资方式', message: '请从列表中选择出资方式。' },
  previousShares: { kind: 'wholeNumber', min: 0, max: MAX_SHARES, title: '上年份数', message: `上年份数为 0 到 ${MAX_SHARES} 的整数。` },
};

const FORMATS: Partial<Record<Field, 'text' | 'date'>> = { id: 'text', phone: 'text', effectiveDate: 'date' };
const WIDTHS: Partial<Record<Field, number>> = { seq: 6, unit: 16, id: 22, plan: 12, effectiveDate: 12, funding: 28, phone: 14 };

export const TEMPLATE_COLUMNS: readonly TemplateColumn[] = COLUMNS.map((column) => ({
  field: column.field,
  header: column.headers[0],
  format: FORMATS[column.field] ?? null,
  width: WIDTHS[column.field] ?? 10,
  ...(VALIDATIONS[column.field] ? { validation: VALIDATIONS[column.field] } : {}),
}));
