/**
 * The cover period: premiums are per share and year (元/份*年), so cover runs one year from the
 * effective date D. The last covered day is the day before D's anniversary.
 *
 * Leap years: a cover that begins on 29 February has no anniversary on 29 February next year; its
 * anniversary is read as 1 March (the day after 28 February), so 28 February is the last covered
 * day (2024-02-29 → 2025-02-28). A cover that begins on 1 March 2023 ends on 29 February 2024.
 */
import { COVER_YEARS } from './catalogue';
import { isoFromSerial, serialFromYmd, ymdFromSerial } from './dates';

/** Last covered day (serial) of cover that begins on effectiveSerial: 2026-01-01 → 2026-12-31. */
export function coverEndSerial(effectiveSerial: number): number {
  const { year, month, day } = ymdFromSerial(effectiveSerial);
  // serialFromYmd goes through Date.UTC, which rolls 29 February of a common year to 1 March.
  const anniversary = serialFromYmd({ year: year + COVER_YEARS, month, day });
  return anniversary - 1;
}

export type CoverCheck = { inside: true } | { inside: false; reason: string };

/** Whether an event on eventSerial falls inside [effective, cover end], and if not, why. */
export function checkCoverPeriod(effectiveSerial: number, eventSerial: number): CoverCheck {
  if (Math.floor(eventSerial) < Math.floor(effectiveSerial)) {
    return { inside: false, reason: `出险日期早于生效日期${isoFromSerial(effectiveSerial)}` };
  }
  const end = coverEndSerial(effectiveSerial);
  if (Math.floor(eventSerial) > end) return { inside: false, reason: `保障期已于${isoFromSerial(end)}结束` };
  return { inside: true };
}
