/**
 * Working days of mainland China: statutory holidays and the adjusted working weekends (调休).
 * The official schedule is project data, src/rules/data/holidays.json, written from the chinese-days
 * package by scripts/holidays-data.js; a year the package does not know yet is added there by hand
 * (README: Holidays). Outside the known years the rules would silently answer plain Monday–Friday,
 * so they refuse instead, unless the caller passes that year's holidays (CLAIMDUE's range).
 *
 * Weekdays are computed here from the serial, in UTC, like every other date rule: chinese-days
 * 1.5.7's own functions move every date one day early west of UTC (TZ=America/Los_Angeles), which
 * is why its table is read and not its functions.
 */
import holidayData from './data/holidays.json';
import { CLAIM_DUE_WORKDAYS } from './catalogue';
import { isoFromSerial, ymdFromSerial } from './dates';

interface YearSchedule {
  source: string;
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const YEARS = (holidayData as { years: Record<string, YearSchedule> }).years;
const HOLIDAYS = new Set(Object.values(YEARS).flatMap((year) => Object.keys(year.holidays)));
const WORKDAYS = new Set(Object.values(YEARS).flatMap((year) => Object.keys(year.workdays)));

/** Years with at least one statutory holiday in the schedule (元旦, 国庆 …). */
const COVERED_YEARS = new Set(
  Object.entries(YEARS)
    .filter(([, year]) => Object.keys(year.holidays).length > 0)
    .map(([year]) => Number(year)),
);

/** A year is covered when the schedule lists a statutory holiday in it. */
export function calendarCoversYear(year: number): boolean {
  return COVERED_YEARS.has(year);
}

/** The years the calendar covers, for messages: "2004–2026". */
export function calendarYearsText(): string {
  const years = [...COVERED_YEARS].sort((a, b) => a - b);
  return years.length === 0 ? '无' : `${years[0]}–${years[years.length - 1]}`;
}

/** 0 = Sunday … 6 = Saturday (46023, 2026-01-01, is a Thursday: 4). */
function weekdayOfSerial(serial: number): number {
  const { year, month, day } = ymdFromSerial(serial);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** Dates the caller adds to the built-in schedule (Excel's WORKDAY holiday range, and 调休 days). */
export interface ExtraDays {
  holidays?: number[];
  extraWorkdays?: number[];
}

interface Calendar {
  holidays: Set<number>;
  workdays: Set<number>;
  /** Years the caller's holidays reach: counted as known even past the built-in schedule. */
  years: Set<number>;
}

function calendarWith(extra: ExtraDays): Calendar | { conflict: number } {
  const holidays = new Set((extra.holidays ?? []).map(Math.floor));
  const workdays = new Set((extra.extraWorkdays ?? []).map(Math.floor));
  const conflict = [...workdays].find((serial) => holidays.has(serial));
  if (conflict !== undefined) return { conflict };
  return { holidays, workdays, years: new Set([...holidays].map((serial) => ymdFromSerial(serial).year)) };
}

/**
 * A working day: a day the caller or the schedule names as an adjusted working day (调休), or
 * Monday–Friday that is neither the caller's holiday nor a statutory one.
 */
function isWorkdaySerial(serial: number, calendar: Calendar): boolean {
  if (calendar.workdays.has(serial)) return true;
  if (calendar.holidays.has(serial)) return false;
  const iso = isoFromSerial(serial);
  if (WORKDAYS.has(iso)) return true;
  const weekday = weekdayOfSerial(serial);
  return weekday >= 1 && weekday <= 5 && !HOLIDAYS.has(iso);
}

export type DueDate = { ok: true; serial: number } | { ok: false; message: string };

/**
 * The workdays-th working day after the review date (the review day itself does not count).
 * 2026-09-25 with 5 → 2026-10-09 (the National Day week 10-01…10-07 is skipped). For a year past
 * the schedule the answer is computed only when extra.holidays holds dates of that year.
 */
export function nthWorkdayAfter(reviewSerial: number, workdays: number = CLAIM_DUE_WORKDAYS, extra: ExtraDays = {}): DueDate {
  const calendar = calendarWith(extra);
  if ('conflict' in calendar) {
    return { ok: false, message: `${isoFromSerial(calendar.conflict)} 同时列为节假日和调休上班日，请只保留一处` };
  }
  let serial = Math.floor(reviewSerial);
  let counted = 0;
  while (counted < workdays) {
    serial += 1;
    const { year } = ymdFromSerial(serial);
    if (!calendarCoversYear(year) && !calendar.years.has(year)) {
      return {
        ok: false,
        message: `节假日安排只收录到 ${calendarYearsText()} 年，无法推算 ${year} 年的工作日：请在“节假日”参数填写 ${year} 年的放假日期（及调休上班日），或待更新节假日数据后再算`,
      };
    }
    if (isWorkdaySerial(serial, calendar)) counted += 1;
  }
  return { ok: true, serial };
}
