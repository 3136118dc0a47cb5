import fc from 'fast-check';
import { addMonths, serialFromYmd, YearMonthDay } from '../../src/rules/dates';
import { MIN_WORKING_AGE } from '../../src/rules/catalogue';
import {
  latestRetirementDate,
  LATEST_SCHEME_BY_SEX,
  retirementAgeMonths,
  retirementDate,
  retirementDelayMonths,
  RETIREMENT_SCHEMES,
  RetirementSchemeId,
  serviceAgeStatus,
} from '../../src/rules/retirement';

const ymd = (year: number, month: number, day: number): YearMonthDay => ({ year, month, day });
const years = (y: number, m = 0): number => y * 12 + m;
const dayBefore = (date: YearMonthDay): number => serialFromYmd(date) - 1;

describe('retirementDelayMonths and retirementAgeMonths: men (60 → 63)', () => {
  const cases: Array<[YearMonthDay, number]> = [
    [ymd(1950, 6, 1), years(60)],
    [ymd(1964, 12, 31), years(60)],
    [ymd(1965, 1, 1), years(60, 1)],
    [ymd(1965, 4, 30), years(60, 1)],
    [ymd(1965, 5, 1), years(60, 2)],
    [ymd(1965, 8, 15), years(60, 2)],
    [ymd(1965, 9, 1), years(60, 3)],
    [ymd(1970, 1, 1), years(61, 4)], // 60 months after the start: 15 steps + 1
    [ymd(1976, 8, 1), years(62, 11)],
    [ymd(1976, 9, 1), years(63)],
    [ymd(1990, 1, 1), years(63)],
    [ymd(2005, 7, 7), years(63)],
  ];
  it.each(cases)('born %o retires at %i months of age', (birth, ageMonths) => {
    expect(retirementAgeMonths(birth, 'male60')).toBe(ageMonths);
    expect(retirementDelayMonths(birth, RETIREMENT_SCHEMES.male60)).toBe(ageMonths - years(60));
  });
});

describe('retirementDelayMonths and retirementAgeMonths: women, 55-year category (55 → 58)', () => {
  const cases: Array<[YearMonthDay, number]> = [
    [ymd(1960, 3, 1), years(55)],
    [ymd(1969, 12, 31), years(55)],
    [ymd(1970, 1, 1), years(55, 1)],
    [ymd(1970, 4, 1), years(55, 1)],
    [ymd(1970, 5, 1), years(55, 2)],
    [ymd(1981, 6, 1), years(57, 11)],
    [ymd(1981, 8, 1), years(57, 11)],
    [ymd(1981, 9, 1), years(58)],
    [ymd(1981, 12, 1), years(58)],
    [ymd(1995, 1, 1), years(58)],
  ];
  it.each(cases)('born %o retires at %i months of age', (birth, ageMonths) => {
    expect(retirementAgeMonths(birth, 'female55')).toBe(ageMonths);
  });
});

describe('retirementDelayMonths: women, 50-year category (50 → 55, one month per two)', () => {
  const cases: Array<[YearMonthDay, number]> = [
    [ymd(1974, 12, 1), 0],
    [ymd(1975, 1, 1), 1],
    [ymd(1975, 2, 1), 1],
    [ymd(1975, 3, 1), 2],
    [ymd(1984, 10, 1), 59],
    [ymd(1984, 11, 1), 60],
    [ymd(1990, 1, 1), 60],
  ];
  it.each(cases)('born %o: +%i months', (birth, delay) => {
    expect(retirementDelayMonths(birth, 'female50')).toBe(delay);
  });
});

describe('latestRetirementDate', () => {
  it('adds the retirement age to the birth date', () => {
    expect(latestRetirementDate(ymd(1964, 12, 15), 'M')).toEqual(ymd(2024, 12, 15));
    expect(latestRetirementDate(ymd(1965, 1, 15), 'M')).toEqual(ymd(2025, 2, 15));
    expect(latestRetirementDate(ymd(1965, 5, 15), 'M')).toEqual(ymd(2025, 7, 15));
    expect(latestRetirementDate(ymd(1976, 9, 15), 'M')).toEqual(ymd(2039, 9, 15));
    expect(latestRetirementDate(ymd(1990, 3, 3), 'M')).toEqual(ymd(2053, 3, 3));
    expect(latestRetirementDate(ymd(1969, 12, 15), 'F')).toEqual(ymd(2024, 12, 15));
    expect(latestRetirementDate(ymd(1970, 1, 15), 'F')).toEqual(ymd(2025, 2, 15));
    // Women reach 58 only from the 1981-09 cohort; 1981-06 is still 57 years 11 months.
    expect(latestRetirementDate(ymd(1981, 6, 1), 'F')).toEqual(ymd(2039, 5, 1));
    expect(latestRetirementDate(ymd(1981, 9, 1), 'F')).toEqual(ymd(2039, 9, 1));
  });

  it('clamps the day to the end of a shorter month', () => {
    // Born 1965-01-31, retires at 60 years 1 month: February 2025 has 28 days.
    expect(latestRetirementDate(ymd(1965, 1, 31), 'M')).toEqual(ymd(2025, 2, 28));
    // Born 1992-02-29, retires at 63: 2055 is not a leap year.
    expect(latestRetirementDate(ymd(1992, 2, 29), 'M')).toEqual(ymd(2055, 2, 28));
  });

  it('uses the 55-year category for women', () => {
    expect(LATEST_SCHEME_BY_SEX).toEqual({ M: 'male60', F: 'female55' });
    const birth = ymd(1978, 7, 20);
    expect(latestRetirementDate(birth, 'F')).toEqual(retirementDate(birth, 'female55'));
  });
});

describe('the schemes as data', () => {
  it('names the source and has the ages and caps of the decision', () => {
    const summary = Object.fromEntries(
      (Object.keys(RETIREMENT_SCHEMES) as RetirementSchemeId[]).map((id) => {
        const s = RETIREMENT_SCHEMES[id];
        return [id, [s.baseYears, s.startCohort.year, s.startCohort.month, s.birthMonthsPerStep, s.maxDelayMonths]];
      }),
    );
    expect(summary).toEqual({
      male60: [60, 1965, 1, 4, 36],
      female55: [55, 1970, 1, 4, 36],
      female50: [50, 1975, 1, 2, 60],
    });
  });
});

describe('serviceAgeStatus', () => {
  it('is underAge the day before the 16th birthday and ok on the day', () => {
    const birth = ymd(2010, 3, 15);
    expect(serviceAgeStatus(birth, 'M', serialFromYmd(ymd(2026, 3, 14)))).toEqual({ status: 'underAge', age: 15 });
    expect(serviceAgeStatus(birth, 'M', serialFromYmd(ymd(2026, 3, 15)))).toEqual({ status: 'ok' });
    expect(serviceAgeStatus(birth, 'F', serialFromYmd(ymd(2026, 3, 15)))).toEqual({ status: 'ok' });
    expect(MIN_WORKING_AGE).toBe(16);
  });

  it('reports the age of a child', () => {
    expect(serviceAgeStatus(ymd(2020, 1, 1), 'F', serialFromYmd(ymd(2026, 1, 1)))).toEqual({ status: 'underAge', age: 6 });
  });

  it('is ok the day before the latest retirement date and retired on it (men)', () => {
    const birth = ymd(1965, 5, 10); // 60 years 2 months → 2025-07-10
    const retirement = ymd(2025, 7, 10);
    expect(serviceAgeStatus(birth, 'M', dayBefore(retirement))).toEqual({ status: 'ok' });
    expect(serviceAgeStatus(birth, 'M', serialFromYmd(retirement))).toEqual({ status: 'retired', retirementDate: retirement });
    expect(serviceAgeStatus(birth, 'M', serialFromYmd(ymd(2030, 1, 1)))).toEqual({ status: 'retired', retirementDate: retirement });
  });

  it('is ok the day before the latest retirement date and retired on it (women)', () => {
    const birth = ymd(1969, 12, 1); // 55 years → 2024-12-01
    const retirement = ymd(2024, 12, 1);
    expect(serviceAgeStatus(birth, 'F', dayBefore(retirement))).toEqual({ status: 'ok' });
    expect(serviceAgeStatus(birth, 'F', serialFromYmd(retirement))).toEqual({ status: 'retired', retirementDate: retirement });
  });

  it('is still ok for a woman past the 50-year category, which a roster cannot rule out', () => {
    const birth = ymd(1975, 1, 1); // 50-year category: 2025-02-01; 55-year category: 2030-05-01
    expect(retirementDate(birth, 'female50')).toEqual(ymd(2025, 2, 1));
    expect(serviceAgeStatus(birth, 'F', serialFromYmd(ymd(2028, 1, 1)))).toEqual({ status: 'ok' });
  });

  it('ignores a time of day in the serial', () => {
    const birth = ymd(1965, 5, 10);
    expect(serviceAgeStatus(birth, 'M', serialFromYmd(ymd(2025, 7, 9)) + 0.99)).toEqual({ status: 'ok' });
  });
});

describe('property tests', () => {
  const birthArb = fc
    .record({ year: fc.integer({ min: 1900, max: 2100 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
    .map(({ year, month, day }) => ymd(year, month, day));
  const schemeArb = fc.constantFrom<RetirementSchemeId>('male60', 'female55', 'female50');

  it('the delay of men and of 55-category women is within [0, 36]', () => {
    fc.assert(
      fc.property(birthArb, fc.constantFrom<RetirementSchemeId>('male60', 'female55'), (birth, scheme) => {
        const delay = retirementDelayMonths(birth, scheme);
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(36);
      }),
    );
  });

  it('the delay is within [0, the scheme cap] and non-decreasing in birth month', () => {
    fc.assert(
      fc.property(birthArb, fc.integer({ min: 1, max: 600 }), schemeArb, (birth, laterBy, scheme) => {
        const later = addMonths(birth, laterBy);
        const delay = retirementDelayMonths(birth, scheme);
        const laterDelay = retirementDelayMonths(later, scheme);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(laterDelay).toBeLessThanOrEqual(RETIREMENT_SCHEMES[scheme].maxDelayMonths);
        expect(laterDelay).toBeGreaterThanOrEqual(delay);
      }),
    );
  });

  it('the delay rises by at most one month from one birth month to the next', () => {
    fc.assert(
      fc.property(birthArb, schemeArb, (birth, scheme) => {
        const step = retirementDelayMonths(addMonths(birth, 1), scheme) - retirementDelayMonths(birth, scheme);
        expect([0, 1]).toContain(step);
      }),
    );
  });

  it('for women the 55-year category never retires earlier than the 50-year category', () => {
    fc.assert(
      fc.property(birthArb, (birth) => {
        expect(retirementAgeMonths(birth, 'female55')).toBeGreaterThanOrEqual(retirementAgeMonths(birth, 'female50'));
        expect(serialFromYmd(latestRetirementDate(birth, 'F'))).toBeGreaterThanOrEqual(serialFromYmd(retirementDate(birth, 'female50')));
      }),
    );
  });

  it('the day before the latest retirement date is ok and that date is retired', () => {
    fc.assert(
      fc.property(birthArb, fc.constantFrom<'M' | 'F'>('M', 'F'), (birth, sex) => {
        const retirement = latestRetirementDate(birth, sex);
        expect(serviceAgeStatus(birth, sex, dayBefore(retirement))).toEqual({ status: 'ok' });
        expect(serviceAgeStatus(birth, sex, serialFromYmd(retirement))).toEqual({ status: 'retired', retirementDate: retirement });
      }),
    );
  });
});
