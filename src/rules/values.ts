/**
 * Reading numbers the way clerks type them: 3, "3", " 3 ", "3份", "３" (full-width), "3.0".
 */
import { isoFromJsDate, toHalfWidth } from './dates';

/** Units clerks write after a count or an amount. */
const TRAILING_UNITS = /(份|元|份数|级|人)$/;

/** A number from a cell or an argument, or null when the value holds none (blank, words, booleans). */
export function parseNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = toHalfWidth(value)
    .replace(/[\s,\u00a0]+/g, '')
    .replace(TRAILING_UNITS, '');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return null;
  return Number(text);
}

export type WholeNumber = { ok: true; value: number } | { ok: false; reason: 'blank' | 'notNumber' | 'notWhole' };

/** A whole number (3, "3份", "３"); says whether the value was blank, not a number, or a fraction. */
export function parseWholeNumber(value: unknown): WholeNumber {
  if (isBlank(value)) return { ok: false, reason: 'blank' };
  const number = parseNumber(value);
  if (number === null) return { ok: false, reason: 'notNumber' };
  if (!Number.isInteger(number)) return { ok: false, reason: 'notWhole' };
  return { ok: true, value: number };
}

export function isBlank(value: unknown): boolean {
  // trim() also removes the full-width space U+3000.
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** Longest cell text quoted in a message; a longer one is cut with "…". */
const SHOWN_TEXT_LENGTH = 40;

/** Text for messages: the value as the clerk sees it; a date as 2026-01-01. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return '（空）';
  if (typeof value === 'string') return `"${value.length > SHOWN_TEXT_LENGTH ? `${value.slice(0, SHOWN_TEXT_LENGTH)}…` : value}"`;
  if (value instanceof Date) return isoFromJsDate(value);
  return String(value);
}

/**
 * A cell holding a formula that was saved without its computed value (a file written by a program,
 * never opened in Excel): the reader passes this instead of a value, the engine reports it.
 */
export interface UncalculatedFormula {
  readonly uncalculatedFormula: string;
}

export function isUncalculatedFormula(value: unknown): value is UncalculatedFormula {
  return typeof value === 'object' && value !== null && typeof (value as UncalculatedFormula).uncalculatedFormula === 'string';
}
