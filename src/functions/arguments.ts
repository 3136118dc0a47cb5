/**
 * Turning the values Excel sends to a custom function (numbers, strings, booleans, null for an
 * omitted argument) into typed values, and failures into CustomFunctions.Error with a Chinese
 * message. No plan rule lives here: the readings come from src/rules.
 */
import { Plan } from '../rules/catalogue';
import { parseDate, serialFromYmd } from '../rules/dates';
import { findPlan, highestShareCap, planChoicesText } from '../rules/plans';
import { isBlank, parseNumber, parseWholeNumber, showValue } from '../rules/values';

type ErrorCodeName = 'invalidValue' | 'invalidNumber' | 'notAvailable';

/**
 * Builds the error Excel shows. Excel displays the message for #VALUE! and #N/A; for #NUM! it shows
 * the code alone (office.js: "A custom error message can't be used"), so the message is kept for
 * callers that read it (tests, the pane) but the clerk sees only #NUM!.
 */
export function excelError(code: ErrorCodeName, message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode[code], message);
}

export function fail(code: ErrorCodeName, message: string): never {
  throw excelError(code, message);
}

function isCustomFunctionsError(error: unknown): error is CustomFunctions.Error {
  return error instanceof CustomFunctions.Error;
}

/**
 * Runs a function body so that nothing but a CustomFunctions.Error ever leaves it, and no NaN or
 * undefined reaches a cell.
 */
export function guard<T>(body: () => T): T {
  let result: T;
  try {
    result = body();
  } catch (error) {
    if (isCustomFunctionsError(error)) throw error;
    throw excelError('invalidValue', `计算出错：${error instanceof Error ? error.message : String(error)}`);
  }
  if (result === undefined || (typeof result === 'number' && !Number.isFinite(result))) {
    throw excelError('invalidNumber', '结果不是有效数字');
  }
  return result;
}

export function planArgument(value: unknown, label = '计划'): Plan {
  if (isBlank(value)) fail('invalidValue', `请填写${label}(${planChoicesText()})`);
  const plan = findPlan(typeof value === 'number' ? value : String(value));
  if (!plan) fail('invalidValue', `未知的${label} ${showValue(value)}：应为 ${planChoicesText()}`);
  return plan;
}

/** Shares held in the plan: a whole number from 1 to the plan's highest cap ("3", "3份", "３" too). */
export function sharesArgument(value: unknown, plan: Plan, label = '份数'): number {
  const parsed = parseWholeNumber(typeof value === 'boolean' ? undefined : value);
  const cap = highestShareCap(plan);
  if (!parsed.ok) {
    if (parsed.reason === 'notWhole') fail('invalidNumber', `${label}须为整数，${showValue(value)} 不是整数`);
    fail('invalidValue', `${label}须为 1 到 ${cap} 的整数，收到 ${showValue(value)}`);
  }
  if (parsed.value < 1 || parsed.value > cap) {
    fail('invalidNumber', `${plan.shortName}每人 1 到 ${cap} 份，${label} ${parsed.value} 超出范围`);
  }
  return parsed.value;
}

/** Last year's shares: omitted or blank → 0 (a new member); otherwise a whole number ≥ 0. */
export function previousSharesArgument(value: unknown, plan: Plan): number {
  if (isBlank(value)) return 0;
  const parsed = parseWholeNumber(typeof value === 'boolean' ? undefined : value);
  if (!parsed.ok) {
    if (parsed.reason === 'notWhole') fail('invalidNumber', `上年份数须为整数，收到 ${showValue(value)}`);
    fail('invalidValue', `上年份数须为 0 到 ${highestShareCap(plan)} 的整数，收到 ${showValue(value)}`);
  }
  if (parsed.value < 0 || parsed.value > highestShareCap(plan)) {
    fail('invalidNumber', `上年份数须为 0 到 ${highestShareCap(plan)}，收到 ${parsed.value}`);
  }
  return parsed.value;
}

export function dateArgument(value: unknown, label: string): number {
  if (isBlank(value)) fail('invalidValue', `请填写${label}`);
  const serial = typeof value === 'boolean' ? null : parseDate(value);
  if (serial === null) fail('invalidValue', `${label} ${showValue(value)} 不是日期（可用 2026-01-01、2026/1/1、2026年1月1日 或日期单元格）`);
  return serial;
}

export function optionalDateArgument(value: unknown, label: string): number | undefined {
  return isBlank(value) ? undefined : dateArgument(value, label);
}

/**
 * A range of dates (Excel passes a range as rows of values; a single cell or value is accepted too).
 * Blank cells are ignored; anything else must be a date, or the cell is named.
 */
export function dateRangeArgument(value: unknown, label: string): number[] {
  if (isBlank(value)) return [];
  const rows = Array.isArray(value) ? value : [[value]];
  const serials: number[] = [];
  rows.forEach((row: unknown, r) => {
    const cells = Array.isArray(row) ? row : [row];
    cells.forEach((cell: unknown, c) => {
      if (isBlank(cell)) return;
      const serial = typeof cell === 'boolean' ? null : parseDate(cell);
      if (serial === null) fail('invalidValue', `${label}区域第${r + 1}行第${c + 1}列 ${showValue(cell)} 不是日期`);
      serials.push(serial);
    });
  });
  return serials;
}

/** Today's date serial on the clerk's computer (its local calendar day, as Excel's TODAY()). */
export function todaySerial(now: Date = new Date()): number {
  return serialFromYmd({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
}

/** A non-negative number (years, amounts); blank → the default. */
export function nonNegativeArgument(value: unknown, label: string, fallback?: number): number {
  if (isBlank(value)) {
    if (fallback !== undefined) return fallback;
    fail('invalidValue', `请填写${label}`);
  }
  const number = typeof value === 'boolean' ? null : parseNumber(value);
  if (number === null) fail('invalidValue', `${label}须为数字，收到 ${showValue(value)}`);
  if (number < 0) fail('invalidNumber', `${label}不能为负数，收到 ${number}`);
  return number;
}

/** A whole number ≥ 1 (working days); blank → the default. */
export function positiveWholeArgument(value: unknown, label: string, fallback: number): number {
  if (isBlank(value)) return fallback;
  const parsed = parseWholeNumber(typeof value === 'boolean' ? undefined : value);
  if (!parsed.ok) {
    if (parsed.reason === 'notWhole') fail('invalidNumber', `${label}须为整数，收到 ${showValue(value)}`);
    fail('invalidValue', `${label}须为正整数，收到 ${showValue(value)}`);
  }
  if (parsed.value < 1) fail('invalidNumber', `${label}须至少为 1，收到 ${parsed.value}`);
  return parsed.value;
}

const YES = new Set(['true', '是', '一致', '统一', 'y', 'yes', '1']);
const NO = new Set(['false', '否', '不一致', '不统一', 'n', 'no', '0']);

/** TRUE/FALSE, 1/0 or 是/否; blank → the default. */
export function booleanArgument(value: unknown, label: string, fallback: boolean): boolean {
  if (isBlank(value)) return fallback;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (value === 1 || value === 0) return value === 1;
  } else if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (YES.has(text)) return true;
    if (NO.has(text)) return false;
  }
  return fail('invalidValue', `${label}须为 TRUE/FALSE（是/否），收到 ${showValue(value)}`);
}

export function textArgument(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value);
}
