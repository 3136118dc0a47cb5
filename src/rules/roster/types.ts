/** The roster engine's inputs and outputs: plain data, the same for the pane and the command. */
import type { Plan } from '../catalogue';

export const RULES = [
  'MISSING_FIELD',
  'ID_INVALID',
  'GENDER_MISMATCH',
  'PLAN_UNKNOWN',
  'PLAN_GENDER',
  'PLAN_CONFLICT',
  'DUPLICATE_ENROLLMENT',
  'SHARES_INVALID',
  'SHARES_NOT_UNIFORM',
  'SHARES_OVER_MAX',
  'DATE_INVALID',
  'AGE_OUT_OF_SERVICE',
  'PREVIOUS_SHARES_MISMATCH',
  'FORMULA_NOT_CALCULATED',
  // The claims register (src/rules/claims):
  'CLAIM_NOT_ENROLLED',
  'CLAIM_BEFORE_COVER',
  'CLAIM_NEEDS_REVIEW',
  'CLAIM_OVERDUE',
  'CLAIM_DUPLICATE',
  'CLAIM_LIMIT_REACHED',
  'CLAIM_INVALID',
  'CLAIM_DUE_UNKNOWN',
  'PAID_BEFORE_REVIEW',
] as const;

export type RuleId = (typeof RULES)[number];
export type Severity = 'error' | 'warning';

/** Chinese titles of the rules, for the pane's groups and the command's table. */
export const RULE_TITLES: Readonly<Record<RuleId, string>> = {
  MISSING_FIELD: '必填项为空',
  ID_INVALID: '身份证号无效',
  GENDER_MISMATCH: '性别与身份证不符',
  PLAN_UNKNOWN: '参保计划无法识别',
  PLAN_GENDER: '女职工安康仅限女职工',
  PLAN_CONFLICT: '计划互斥',
  DUPLICATE_ENROLLMENT: '重复参保',
  SHARES_INVALID: '份数无效',
  SHARES_NOT_UNIFORM: '单位份数不统一',
  SHARES_OVER_MAX: '份数超过上限',
  DATE_INVALID: '日期无效',
  AGE_OUT_OF_SERVICE: '年龄不在在职范围',
  PREVIOUS_SHARES_MISMATCH: '上年份数与上年花名册不符',
  FORMULA_NOT_CALCULATED: '公式未计算',
  CLAIM_NOT_ENROLLED: '花名册中无此参保记录',
  CLAIM_BEFORE_COVER: '出险日期不在保障期内',
  CLAIM_NEEDS_REVIEW: '诊断需人工复核',
  CLAIM_OVERDUE: '已超过给付期限',
  CLAIM_DUPLICATE: '重复登记',
  CLAIM_LIMIT_REACHED: '保障限额已用完',
  CLAIM_INVALID: '理赔信息有误',
  CLAIM_DUE_UNKNOWN: '无法推算应付日期',
  PAID_BEFORE_REVIEW: '给付日期早于审核日期',
};

export const RULE_SEVERITY: Readonly<Record<RuleId, Severity>> = {
  MISSING_FIELD: 'error',
  ID_INVALID: 'error',
  GENDER_MISMATCH: 'error',
  PLAN_UNKNOWN: 'error',
  PLAN_GENDER: 'error',
  PLAN_CONFLICT: 'error',
  DUPLICATE_ENROLLMENT: 'error',
  SHARES_INVALID: 'error',
  SHARES_NOT_UNIFORM: 'error',
  SHARES_OVER_MAX: 'error',
  DATE_INVALID: 'error',
  AGE_OUT_OF_SERVICE: 'warning',
  PREVIOUS_SHARES_MISMATCH: 'error',
  FORMULA_NOT_CALCULATED: 'error',
  CLAIM_NOT_ENROLLED: 'error',
  CLAIM_BEFORE_COVER: 'warning',
  CLAIM_NEEDS_REVIEW: 'warning',
  CLAIM_OVERDUE: 'error',
  CLAIM_DUPLICATE: 'error',
  CLAIM_LIMIT_REACHED: 'warning',
  CLAIM_INVALID: 'error',
  CLAIM_DUE_UNKNOWN: 'warning',
  PAID_BEFORE_REVIEW: 'error',
};

/** 错误 / 警告, for tables, notes and the pane. */
export const SEVERITY_TITLES: Readonly<Record<Severity, string>> = { error: '错误', warning: '警告' };

/** Why a sheet was passed over without checking (hidden sheets: the pane and the command alike). */
export const HIDDEN_SHEET_REASON = '隐藏的工作表不检查（取消隐藏后再检查）';

export interface Finding {
  file?: string;
  sheet: string;
  /** The worksheet's 1-based row number. */
  row: number;
  /** The header text of the faulty cell's column; null for a whole-row finding. */
  column: string | null;
  /** The faulty cell's A1 address inside its sheet ("G16"); null for a whole-row finding. */
  cell: string | null;
  rule: RuleId;
  severity: Severity;
  message: string;
}

/** One sheet as a 2-D array of cell values (numbers, strings, booleans, Dates, null). */
export interface SheetInput {
  name: string;
  rows: readonly (readonly unknown[])[];
  file?: string;
  /** Worksheet row number of rows[0] (1 when the values start at row 1). */
  firstRow?: number;
  /** Worksheet column number of rows[i][0] (1 for column A). */
  firstColumn?: number;
  /** The workbook uses the 1904 date system: a number in the effective-date column is a 1904 serial. */
  date1904?: boolean;
}

export interface UnitPlanSummary {
  unit: string;
  plan: number;
  planName: string;
  people: number;
  shares: number;
  premium: number;
}

export interface FundingSummary {
  funding: string;
  people: number;
  premium: number;
}

export interface SkippedSheet {
  file?: string;
  sheet: string;
  reason: string;
}

export interface RosterSummary {
  /** Person rows checked (blank, title and total rows are not counted). */
  rows: number;
  /** Distinct people: by valid ID number; a row without a valid ID counts as one person. */
  people: number;
  /** Yuan, over the rows whose plan and shares are valid. */
  premiumTotal: number;
  units: UnitPlanSummary[];
  /** Present when a 出资方式 column exists. */
  byFunding?: FundingSummary[];
  /** The sheets checked, with the row where their header was found. */
  sheets: { file?: string; sheet: string; headerRow: number; rows: number }[];
  /** Sheets without a recognisable roster header: reported, not guessed. */
  skipped: SkippedSheet[];
  errors: number;
  warnings: number;
  /** Present when the roster was checked against last year's (check --previous, 与上年比对). */
  renewal?: RenewalSummary;
}

/** One person × plan of last year's roster that is absent this year. */
export interface LapsedMember {
  id: string;
  name: string;
  unit: string;
  /** The plan's short name (综合, 指定疾病 …). */
  plan: string;
  /** Last year's shares; null when last year's cell was not a valid count. */
  shares: number | null;
}

/**
 * This year's roster against last year's, in counts of person × plan (an ID and a plan; rows without
 * a valid ID or a known plan cannot be matched and are not counted).
 * renewing + newMembers = this year's person × plan entries; renewing + lapsed = last year's.
 */
export interface RenewalSummary {
  /** In both years' rosters in the same plan. */
  renewing: number;
  /** In this year's roster in a plan they did not hold last year (plan switches included). */
  newMembers: number;
  /** Renewing with more shares than last year: the added shares wait out the waiting period. */
  addedShares: number;
  /** Renewing with fewer shares than last year. */
  reducedShares: number;
  /** New memberships that replace a plan the person held last year and dropped (a switch is new to its plan). */
  planSwitches: number;
  /** Last year's person × plan entries absent this year, in last year's roster order. */
  lapsed: LapsedMember[];
  premiumLastYear: number;
  premiumThisYear: number;
}

/** A roster's person row as the claims register is joined to it: valid values, else null. */
export interface RosterRecord {
  file?: string;
  sheet: string;
  row: number;
  unit: string;
  /** The canonical 18-character ID when valid. */
  id: string | null;
  plan: Plan | null;
  /** Valid whole shares ≥ 1. */
  shares: number | null;
  previousShares: number;
  /** The effective date (serial) when valid. */
  effective: number | null;
}

export interface RosterReport {
  findings: Finding[];
  summary: RosterSummary;
}
