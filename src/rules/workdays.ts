/**
 * Working days of mainland China: statutory holidays and the adjusted working weekends (调休),
 * from the chinese-days package. It knows only the years whose schedule the State Council has
 * published; outside them it would silently answer plain Monday–Friday, so we refuse instead.
 *
 * We read the package's published schedule (dist/chinese-days.json) rather than its functions: in
 * chinese-days 1.5.7 those parse "YYYY-MM-DD" as UTC midnight but read dates back with local-time
 * getters, and build their holiday table the same way at load time, so west of UTC
 * (TZ=America/Los_Angeles) every holiday and weekday moved one day early. Weekdays are computed
 * here from the serial, in UTC, like every other date rule.
 */
import chineseDaysSchedule from 'chinese-days/dist/chinese-days.json';
import { CLAIM_DUE_WORKDAYS } from './catalogue';
import { isoFromSerial, ymdFromSerial } from './dates';

const SCHEDULE = chineseDaysSchedule as { holidays: Record<string, string>; workdays: Record<string, string> };

/** Years with at least one statutory holiday in the schedule (元旦, 国庆 …). */
const COVERED_YEARS = new Set(Object.keys(SCHEDULE.holidays).map((iso) => Number(iso.slice(0, 4))));

/** A year is covered when the package lists a statutory holiday in it. */
export function calendarCoversYear(year: number): boolean {
  return COVERED_YEARS.has(year);
}

/** The years the calendar covers, for messages: "2004–2026". */
export function calendarYearsText(): string {
  const thisCentury = Array.from({ length: 100 }, (_, i) => 2000 + i).filter(calendarCoversYear);
  return thisCentury.length === 0 ? '无' : `${thisCentury[0]}–${thisCentury[thisCentury.length - 1]}`;
}

/** 0 = Sunday … 6 = Saturday (46023, 2026-01-01, is a Thursday: 4). */
function weekdayOfSerial(serial: number): number {
  const { year, month, day } = ymdFromSerial(serial);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** A working day: an adjusted working weekend (调休), or Monday–Friday that is no statutory holiday. */
function isWorkdaySerial(serial: number): boolean {
  const iso = isoFromSerial(serial);
  if (SCHEDULE.workdays[iso]) return true;
  const weekday = weekdayOfSerial(serial);
  return weekday >= 1 && weekday <= 5 && !SCHEDULE.holidays[iso];
}

export type DueDate = { ok: true; serial: number } | { ok: false; message: string };

/**
 * The workdays-th working day after the review date (the review day itself does not count).
 * 2026-09-25 with 5 → 2026-10-09 (the National Day week 10-01…10-07 is skipped).
 */
export function nthWorkdayAfter(reviewSerial: number, workdays: number = CLAIM_DUE_WORKDAYS): DueDate {
  let serial = reviewSerial;
  let counted = 0;
  while (counted < workdays) {
    serial += 1;
    const { year } = ymdFromSerial(serial);
    if (!calendarCoversYear(year)) {
      return {
        ok: false,
        message: `节假日安排只收录到 ${calendarYearsText()} 年，无法推算 ${year} 年的工作日，请待国务院公布该年安排并更新后再算`,
      };
    }
    if (isWorkdaySerial(serial)) counted += 1;
  }
  return { ok: true, serial };
}
