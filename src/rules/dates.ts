/**
 * Dates as Excel keeps them: whole serial numbers of the 1900 date system (1 = 1900-01-01,
 * 46023 = 2026-01-01). Every rule works on serials; the arithmetic is done in UTC so that the
 * process time zone never shifts a day.
 */

export interface YearMonthDay {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

const MS_PER_DAY = 86_400_000;
/** Excel's day 0 for serials above 60 (Excel counts the non-existent 1900-02-29 as serial 60). */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
/** Latest serial Excel shows as a date: 9999-12-31. */
export const MAX_EXCEL_SERIAL = 2_958_465;
/**
 * Days between Excel's two date systems. A workbook in the 1904 date system (old Mac Excel files)
 * counts from 1904-01-01 = serial 0; 1904-01-01 is serial 1462 in the 1900 system, so a 1904 serial
 * plus 1462 is the 1900 serial of the same day (44561 + 1462 = 46023 = 2026-01-01).
 */
export const DATE1904_OFFSET_DAYS = 1462;

export function isValidYmd({ year, month, day }: YearMonthDay): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

/**
 * Serial 60 is 1900-02-29, a day that never was: Excel keeps Lotus 1-2-3's leap-year slip, so
 * serials 1–59 (1900-01-01 … 1900-02-28) sit one day before the count from 1899-12-30 that holds
 * from serial 61 (1900-03-01) on. Excel shows 60 as 1900-02-29, and so do the messages.
 */
const EXCEL_LEAP_DAY_SERIAL = 60;

function isExcelLeapDay({ year, month, day }: YearMonthDay): boolean {
  return year === 1900 && month === 2 && day === 29;
}

/** 2026-01-01 → 46023. Dates before 1900-03-01 follow Excel's numbering too (1900-02-29 → 60). */
export function serialFromYmd(ymd: YearMonthDay): number {
  if (isExcelLeapDay(ymd)) return EXCEL_LEAP_DAY_SERIAL;
  const { year, month, day } = ymd;
  const serial = Math.round((Date.UTC(year, month - 1, day) - EXCEL_EPOCH_UTC) / MS_PER_DAY);
  return serial <= EXCEL_LEAP_DAY_SERIAL ? serial - 1 : serial;
}

/** 46023 → { year: 2026, month: 1, day: 1 }; 60 → 1900-02-29 as Excel shows it. Fractions (times of day) are dropped. */
export function ymdFromSerial(serial: number): YearMonthDay {
  const whole = Math.floor(serial);
  if (whole === EXCEL_LEAP_DAY_SERIAL) return { year: 1900, month: 2, day: 29 };
  const shifted = whole < EXCEL_LEAP_DAY_SERIAL ? whole + 1 : whole;
  return civilFromDays(shifted + EXCEL_EPOCH_DAYS);
}

/** Days from 1970-01-01 of Excel's day 0 (1899-12-30). */
const EXCEL_EPOCH_DAYS = EXCEL_EPOCH_UTC / MS_PER_DAY;

/**
 * Days since 1970-01-01 → calendar date, in integer arithmetic (H. Hinnant's civil_from_days): the
 * engine converts a date on every row, and a Date object per call was a tenth of its time.
 */
function civilFromDays(days: number): YearMonthDay {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** { 2026, 1, 1 } → "2026-01-01": the one way messages write a date. */
export function isoFromYmd({ year, month, day }: YearMonthDay): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 46023 → "2026-01-01"; 60 → "1900-02-29", as Excel shows it. */
export function isoFromSerial(serial: number): string {
  return isoFromYmd(ymdFromSerial(serial));
}

/** A JavaScript Date (as exceljs gives cells) → serial, read in UTC as exceljs writes it. */
export function serialFromJsDate(date: Date): number {
  return serialFromYmd(ymdFromJsDate(date));
}

/** The calendar day of a JavaScript Date, read in UTC (never the process time zone). */
function ymdFromJsDate(date: Date): YearMonthDay {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** A JavaScript Date as messages write it: "2026-01-01" (its UTC day), never Date's own text. */
export function isoFromJsDate(date: Date): string {
  return Number.isNaN(date.getTime()) ? '无效日期' : isoFromYmd(ymdFromJsDate(date));
}

const HAS_FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

/** Full-width digits and punctuation → ASCII ("２０２６／１／１" → "2026/1/1"); trims. */
export function toHalfWidth(text: string): string {
  if (!HAS_FULL_WIDTH.test(text)) return text.trim(); // the common case, on every cell of a roster
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

const DATE_PATTERNS: RegExp[] = [
  /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/, // 2026-01-01, 2026/1/1, 2026.1.1
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/, // 2026年1月1日
  /^(\d{4})(\d{2})(\d{2})$/, // 20260101
];

/**
 * Reads a date the way clerks type it: an Excel serial, a JavaScript Date, or text such as
 * "2026-01-01", "2026/1/1", "2026年1月1日", "20260101" (a time after the date is ignored).
 * Returns the serial, or null when the value is not a date.
 */
export function parseDate(value: unknown): number | null {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : serialFromJsDate(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 1 || value > MAX_EXCEL_SERIAL) return null;
    return Math.floor(value);
  }
  if (typeof value !== 'string') return null;
  const text = toHalfWidth(value)
    .replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/, '')
    .trim();
  if (text === '') return null;
  // A serial typed as text (a CSV of Excel dates): five to seven digits. "2026" alone is a year, not a date.
  if (/^\d{5,7}(\.\d+)?$/.test(text)) return parseDate(Number(text));
  for (const pattern of DATE_PATTERNS) {
    const match = pattern.exec(text);
    if (match) {
      const ymd = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
      return isValidYmd(ymd) ? serialFromYmd(ymd) : null;
    }
  }
  return null;
}

/** Adds whole calendar months, keeping the day (clamped to the month's last day). */
export function addMonths({ year, month, day }: YearMonthDay, months: number): YearMonthDay {
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  return { year: newYear, month: newMonth, day: Math.min(day, daysInMonth(newYear, newMonth)) };
}

/** Whole years from birth to the given day (the day of the birthday counts as reached). */
export function ageInYears(birth: YearMonthDay, on: YearMonthDay): number {
  let age = on.year - birth.year;
  if (on.month < birth.month || (on.month === birth.month && on.day < birth.day)) age -= 1;
  return age;
}
