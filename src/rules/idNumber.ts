/**
 * Chinese resident ID numbers (公民身份号码, GB 11643-1999): 18 characters = 6-digit region,
 * 8-digit birth date, 3-digit sequence (odd 17th digit = male), ISO 7064 MOD 11-2 check character.
 * Legacy 15-digit numbers have a 6-digit birth date (19YY) and no check character.
 * Pure: no clock, no Office, no DOM.
 */
import { MAX_PLAUSIBLE_AGE } from './catalogue';
import { ageInYears, isoFromSerial, isValidYmd, serialFromYmd, toHalfWidth, YearMonthDay, ymdFromSerial } from './dates';

export type IdCheck =
  | {
      valid: true;
      /** Normalised: 18 characters with an upper-case X, or 15 digits. */
      id: string;
      legacy15: boolean;
      birth: YearMonthDay;
      sex: 'M' | 'F';
      provinceCode: string;
      provinceName: string;
    }
  | {
      valid: false;
      /** A Chinese sentence a clerk can act on. */
      reason: string;
      /** The cell held a number, not text: re-enter it as text. */
      storedAsNumber?: boolean;
    };

/** Province-level codes: the first two digits of every ID (GB/T 2260 省级行政区划代码). */
export const PROVINCE_CODES: Readonly<Record<string, string>> = {
  '11': '北京',
  '12': '天津',
  '13': '河北',
  '14': '山西',
  '15': '内蒙古',
  '21': '辽宁',
  '22': '吉林',
  '23': '黑龙江',
  '31': '上海',
  '32': '江苏',
  '33': '浙江',
  '34': '安徽',
  '35': '福建',
  '36': '江西',
  '37': '山东',
  '41': '河南',
  '42': '湖北',
  '43': '湖南',
  '44': '广东',
  '45': '广西',
  '46': '海南',
  '50': '重庆',
  '51': '四川',
  '52': '贵州',
  '53': '云南',
  '54': '西藏',
  '61': '陕西',
  '62': '甘肃',
  '63': '青海',
  '64': '宁夏',
  '65': '新疆',
  '71': '台湾',
  '81': '香港',
  '82': '澳门',
};
export const PROVINCE_CODES_SOURCE = 'GB/T 2260《中华人民共和国行政区划代码》省级代码；GB 11643-1999 第4.1条（地址码）';

/** ISO 7064 MOD 11-2 weights for positions 1–17 (2^(18-i) mod 11). */
const CHECK_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Check character for each remainder 0–10. */
const CHECK_CHARS = '10X98765432';

/** Excel keeps 15 significant digits; an ID typed as a number loses the rest. */
const STORED_AS_NUMBER_REASON =
  '身份证号被 Excel 存成了数字：Excel 只保留15位有效数字，后几位已经丢失，无法还原。' + '请把单元格设为文本（单元格格式→文本）后重新录入完整的身份证号。';

type Failure = Extract<IdCheck, { valid: false }>;

function fail(reason: string): Failure {
  return { valid: false, reason };
}

/** The expected 18th character for 17 digits. Throws on anything but 17 ASCII digits. */
export function expectedCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError(`expectedCheckChar needs exactly 17 digits, got "${first17}"`);
  }
  return checkCharOfDigits(first17);
}

/** The check character for the first 17 characters of `id`, already known to be digits. */
function checkCharOfDigits(id: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += (id.charCodeAt(i) - 48) * CHECK_WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Trims (also full-width spaces), converts full-width digits/X and accepts a lower-case x. */
function normalise(text: string): string {
  const half = toHalfWidth(text);
  return half.includes('x') ? half.replace(/x/g, 'X') : half;
}

function characterProblem(id: string): string | null {
  const bad = /[^0-9X]/.exec(id);
  if (bad) {
    const shown = bad[0] === ' ' ? '空格' : `“${bad[0]}”`;
    return `身份证号含有非数字字符${shown}：只能是数字，18位号码的最后一位可以是X。`;
  }
  return null;
}

function lengthProblem(id: string): string | null {
  if (id.length === 18 || id.length === 15) return null;
  return `身份证号位数不对：应为18位（旧式号码为15位），实际为${id.length}位。`;
}

function xPositionProblem(id: string): string | null {
  const at = id.indexOf('X');
  if (at === -1 || (id.length === 18 && at === 17)) return null;
  return id.length === 15 ? '15位旧身份证号只能由数字组成，不能含有X。' : '身份证号中的X只能出现在第18位（最后一位）。';
}

function provinceProblem(id: string): string | null {
  const code = id.slice(0, 2);
  return PROVINCE_CODES[code] === undefined ? `身份证号前两位“${code}”不是有效的省级行政区划代码。` : null;
}

/** Birth date digits → a date, or null when they are not a real date from 1900 on. */
function birthFrom(id: string): YearMonthDay | null {
  // Read from the character codes (the characters are digits here): this runs on every roster row.
  const legacy = id.length === 15;
  const at = legacy ? 4 : 6; // where YYYY would start: a 15-digit ID's YY is at 6, after an implied "19"
  const year = legacy ? 1900 + digitsAt(id, 6, 2) : digitsAt(id, at, 4);
  const birth = { year, month: digitsAt(id, at + 4, 2), day: digitsAt(id, at + 6, 2) };
  return isValidYmd(birth) ? birth : null;
}

/** The number written by `count` digits of `text` from `start`. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i += 1) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
}

function birthProblem(id: string): string {
  const digits = id.length === 15 ? id.slice(6, 12) : id.slice(6, 14);
  return `身份证号中的出生日期“${digits}”不是有效日期（年份须在1900年及以后，月、日须真实存在）。`;
}

/** Excel keeps 15 significant digits: an 18-digit ID that was once a number ends in 000. */
function digitsLostReason(expected: string): string {
  return (
    `身份证号末三位为“000”且校验位不符（按前17位计算第18位应为“${expected}”）：很可能 Excel 曾把它存成数字，` +
    '只保留了前15位，后几位已经丢失，无法还原。请把单元格设为文本（单元格格式→文本）后重新录入完整的身份证号。'
  );
}

function checkCharProblem(id: string): string | null {
  if (id.length !== 18) return null;
  const expected = checkCharOfDigits(id); // characterProblem and xPositionProblem passed: 17 digits first
  const actual = id[17];
  if (actual === expected) return null;
  if (id.endsWith('000')) return digitsLostReason(expected);
  return `身份证号校验位错误：按前17位计算，第18位应为“${expected}”，实际为“${actual}”；请核对号码是否录错。`;
}

/** An ID as Excel shows a number it has stored: "4.50421E+17" (a CSV saved from such a sheet). */
const SCIENTIFIC_ID = /^\d(\.\d+)?E\+?1[4-7]$/;

/** What "today" is, passed in by the caller (the rules never read the clock). */
export interface IdCheckOptions {
  /** Today's date serial: a birth date after it, or an age over MAX_PLAUSIBLE_AGE on it, is invalid. */
  todaySerial?: number;
}

function plausibilityProblem(birth: YearMonthDay, todaySerial: number | undefined): string | null {
  if (todaySerial === undefined) return null;
  const today = ymdFromSerial(todaySerial);
  const born = isoFromSerial(serialFromYmd(birth));
  if (serialFromYmd(birth) > Math.floor(todaySerial)) {
    return `身份证号中的出生日期${born}晚于今天（${isoFromSerial(todaySerial)}），不是有效号码；请核对号码是否录错。`;
  }
  const age = ageInYears(birth, today);
  if (age > MAX_PLAUSIBLE_AGE) {
    return `身份证号中的出生日期${born}算得年龄${age}岁，超过${MAX_PLAUSIBLE_AGE}岁，不是在世职工的有效号码；请核对号码是否录错。`;
  }
  return null;
}

/** Validates an already-normalised string of an ID. */
function parseText(id: string, options: IdCheckOptions = {}): IdCheck {
  if (id === '') return fail('身份证号为空。');
  if ((id.includes('E') || id.includes('e')) && SCIENTIFIC_ID.test(id.toUpperCase()))
    return { valid: false, reason: STORED_AS_NUMBER_REASON, storedAsNumber: true };
  const problem = characterProblem(id) ?? lengthProblem(id) ?? xPositionProblem(id) ?? provinceProblem(id);
  if (problem) return fail(problem);
  const birth = birthFrom(id);
  if (!birth) return fail(birthProblem(id));
  const implausible = plausibilityProblem(birth, options.todaySerial);
  if (implausible) return fail(implausible);
  const checkProblem = checkCharProblem(id);
  if (checkProblem) return fail(checkProblem);
  const legacy15 = id.length === 15;
  const sexDigit = Number(legacy15 ? id[14] : id[16]);
  const provinceCode = id.slice(0, 2);
  return {
    valid: true,
    id,
    legacy15,
    birth,
    sex: sexDigit % 2 === 1 ? 'M' : 'F',
    provinceCode,
    provinceName: PROVINCE_CODES[provinceCode],
  };
}

/**
 * A number in the cell: an 18-digit ID has already lost digits, so it is reported, never
 * "fixed". A 15-digit legacy ID fits exactly in a double, so it is read as its digits.
 */
function parseNumber(value: number, options: IdCheckOptions): IdCheck {
  if (Number.isSafeInteger(value) && value > 0 && String(value).length === 15) {
    const result = parseText(String(value), options);
    return result.valid ? result : { ...result, storedAsNumber: true };
  }
  if (Number.isInteger(value) && value >= 1e15) {
    return { valid: false, reason: STORED_AS_NUMBER_REASON, storedAsNumber: true };
  }
  return {
    valid: false,
    reason: '身份证号被存成了数字，而且不是15位或18位的号码；请把单元格设为文本（单元格格式→文本）后重新录入完整的身份证号。',
    storedAsNumber: true,
  };
}

/**
 * Reads an ID number from a cell value; never throws. With options.todaySerial, a birth date after
 * today or an age over 120 is invalid too (IDCHECK passes the clerk's today).
 */
export function parseIdNumber(value: unknown, options: IdCheckOptions = {}): IdCheck {
  if (value === null || value === undefined) return fail('身份证号为空。');
  if (typeof value === 'number') return parseNumber(value, options);
  if (typeof value !== 'string') return fail('身份证号应为文本，此单元格的内容不是文本。');
  return parseText(normalise(value), options);
}

export function isValidIdNumber(value: unknown): boolean {
  return parseIdNumber(value).valid;
}

/**
 * The 18-character form of a valid ID: a legacy 15-digit number gains "19" before its year and a
 * check character, so that both forms of one person's number name the same person.
 */
export function canonicalId18(id: string): string {
  if (id.length !== 15) return id;
  const first17 = `${id.slice(0, 6)}19${id.slice(6)}`;
  return first17 + expectedCheckChar(first17);
}
