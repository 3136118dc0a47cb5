/**
 * Statutory retirement age after the 2025 reform, used to tell whether a person can still be a
 * serving worker (在职职工) on a given day. Pure: no clock, no Office, no DOM.
 */
import { addMonths, ageInYears, serialFromYmd, ymdFromSerial, YearMonthDay } from './dates';
import { MIN_WORKING_AGE } from './catalogue';

export type Sex = 'M' | 'F';

/** One retirement category: its age before the reform and how the reform raises it. */
export interface RetirementScheme {
  label: string;
  /** Statutory age before the reform, in years. */
  baseYears: number;
  /** First birth month whose retirement is delayed (by one month). */
  startCohort: { year: number; month: number };
  /** Each further this-many birth months add one more month of delay. */
  birthMonthsPerStep: number;
  /** The delay never exceeds this (the target age minus the base age). */
  maxDelayMonths: number;
}

export type RetirementSchemeId = 'male60' | 'female55' | 'female50';

export const RETIREMENT_SOURCE =
  '全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定（2024年9月13日通过，2025年1月1日起施行）及附件《国务院关于渐进式延迟法定退休年龄的办法》附表';

export const RETIREMENT_SCHEMES: Readonly<Record<RetirementSchemeId, RetirementScheme>> = {
  // 男职工：60 → 63 岁，1965年1月起出生者每4个月延迟1个月
  male60: {
    label: '男职工（原60周岁）',
    baseYears: 60,
    startCohort: { year: 1965, month: 1 },
    birthMonthsPerStep: 4,
    maxDelayMonths: 36,
  },
  // 原法定退休年龄55周岁的女职工：55 → 58 岁，1970年1月起出生者每4个月延迟1个月
  female55: {
    label: '女职工（原55周岁）',
    baseYears: 55,
    startCohort: { year: 1970, month: 1 },
    birthMonthsPerStep: 4,
    maxDelayMonths: 36,
  },
  // 原法定退休年龄50周岁的女职工：50 → 55 岁，1975年1月起出生者每2个月延迟1个月
  female50: {
    label: '女职工（原50周岁）',
    baseYears: 50,
    startCohort: { year: 1975, month: 1 },
    birthMonthsPerStep: 2,
    maxDelayMonths: 60,
  },
};

/**
 * The category that retires latest for each sex. A roster does not say which women's category
 * applies; the 50-year category tops out at 55 years, the 55-year category starts at 55, so the
 * 55-year category is never earlier and is the latest possible for every birth month.
 */
export const LATEST_SCHEME_BY_SEX: Readonly<Record<Sex, RetirementSchemeId>> = {
  M: 'male60',
  F: 'female55',
};

function schemeOf(scheme: RetirementScheme | RetirementSchemeId): RetirementScheme {
  return typeof scheme === 'string' ? RETIREMENT_SCHEMES[scheme] : scheme;
}

/** Months the reform adds for someone born in this month (0 before the first cohort). */
export function retirementDelayMonths(birth: YearMonthDay, scheme: RetirementScheme | RetirementSchemeId): number {
  const { startCohort, birthMonthsPerStep, maxDelayMonths } = schemeOf(scheme);
  const monthsAfterStart = (birth.year - startCohort.year) * 12 + (birth.month - startCohort.month);
  if (monthsAfterStart < 0) return 0;
  return Math.min(maxDelayMonths, Math.floor(monthsAfterStart / birthMonthsPerStep) + 1);
}

/** Statutory retirement age in months for someone born in this month under this scheme. */
export function retirementAgeMonths(birth: YearMonthDay, scheme: RetirementScheme | RetirementSchemeId): number {
  return schemeOf(scheme).baseYears * 12 + retirementDelayMonths(birth, scheme);
}

/** Retirement date under one scheme: the birth date plus the retirement age (day clamped). */
export function retirementDate(birth: YearMonthDay, scheme: RetirementScheme | RetirementSchemeId): YearMonthDay {
  return addMonths(birth, retirementAgeMonths(birth, scheme));
}

/** The latest statutory retirement date possible for this sex and birth date. */
export function latestRetirementDate(birth: YearMonthDay, sex: Sex): YearMonthDay {
  return retirementDate(birth, LATEST_SCHEME_BY_SEX[sex]);
}

export type ServiceAgeStatus = { status: 'ok' } | { status: 'underAge'; age: number } | { status: 'retired'; retirementDate: YearMonthDay };

/**
 * Whether a person can be a serving worker on a day (Excel serial): too young below
 * MIN_WORKING_AGE, retired from the latest possible retirement date on.
 */
export function serviceAgeStatus(birth: YearMonthDay, sex: Sex, onSerial: number): ServiceAgeStatus {
  const age = ageInYears(birth, ymdFromSerial(onSerial));
  if (age < MIN_WORKING_AGE) return { status: 'underAge', age };
  const retirement = latestRetirementDate(birth, sex);
  if (Math.floor(onSerial) >= serialFromYmd(retirement)) {
    return { status: 'retired', retirementDate: retirement };
  }
  return { status: 'ok' };
}
