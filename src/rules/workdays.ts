/**
 * Working days of mainland China: statutory holidays and the adjusted working weekends (调休),
 * from the chinese-days package. It knows only the years whose schedule the State Council has
 * published; outside them it would silently answer plain Monday–Friday, so we refuse instead.
 */
import { getHolidaysInRange, isWorkday } from 'chinese-days';
import { CLAIM_DUE_WORKDAYS } from './catalogue';
import { isoFromSerial, ymdFromSerial } from './dates';

const coveredYears = new Map<number, boolean>();

/** A year is covered when the package lists a statutory holiday on a weekday in it (元旦, 国庆 …). */
export function calendarCoversYear(year: number): boolean {
  let known = coveredYears.get(year);
  if (known === undefined) {
    known = getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    coveredYears.set(year, known);
  }
  return known;
}

/** The years the calendar covers, for messages: "2004–2026". */
export function calendarYearsText(): string {
  const thisCentury = Array.from({ length: 100 }, (_, i) => 2000 + i).filter(calendarCoversYear);
  return thisCentury.length === 0 ? '无' : `${thisCentury[0]}–${thisCentury[thisCentury.length - 1]}`;
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
        message: `节假日安排只收录到 ${calendarYearsText()} 年,无法推算 ${year} 年的工作日,请待国务院公布该年安排并更新后再算`,
      };
    }
    if (isWorkday(isoFromSerial(serial))) counted += 1;
  }
  return { ok: true, serial };
}
