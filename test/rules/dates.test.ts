import fc from 'fast-check';
import { addMonths, ageInYears, isoFromJsDate, isoFromSerial, isoFromYmd, parseDate, serialFromYmd, ymdFromSerial } from '../../src/rules/dates';
import { showValue } from '../../src/rules/values';

describe('Excel serials (1900 date system)', () => {
  it.each([
    [1, '1900-01-01'],
    [2, '1900-01-02'],
    [31, '1900-01-31'],
    [32, '1900-02-01'],
    [59, '1900-02-28'],
    [60, '1900-02-29'], // Excel counts a 1900-02-29 that never was as serial 60, and shows it so
    [61, '1900-03-01'],
    [366, '1900-12-31'],
    [367, '1901-01-01'],
    [46023, '2026-01-01'],
    [46143, '2026-05-01'],
    [2958465, '9999-12-31'],
  ])('%i is %s', (serial, iso) => {
    expect(isoFromSerial(serial)).toBe(iso);
    const [year, month, day] = iso.split('-').map(Number);
    expect(serialFromYmd({ year, month, day })).toBe(serial);
  });

  it("every serial of 1900 is the day Excel shows: Excel's 1900 has a 29th of February", () => {
    // Excel's calendar for 1900, counted independently: months of 31, 29, 31, 30 … days.
    const monthDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let serial = 0;
    monthDays.forEach((days, m) => {
      for (let day = 1; day <= days; day += 1) {
        serial += 1;
        expect(isoFromSerial(serial)).toBe(`1900-${String(m + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
      }
    });
    expect(serial).toBe(366);
  });

  it('serials below 61 are not read a day early (1 is 1900-01-01, not 1899-12-31)', () => {
    expect(ymdFromSerial(1)).toEqual({ year: 1900, month: 1, day: 1 });
    expect(ymdFromSerial(59.75)).toEqual({ year: 1900, month: 2, day: 28 });
    expect(ymdFromSerial(60.5)).toEqual({ year: 1900, month: 2, day: 29 });
  });

  it('round-trips every day from 1900-01-01 to 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 73415 }), (serial) => {
        expect(serialFromYmd(ymdFromSerial(serial))).toBe(serial);
      }),
    );
  });
});

describe('dates in messages are YYYY-MM-DD', () => {
  it('isoFromYmd pads month, day and year', () => {
    expect(isoFromYmd({ year: 2026, month: 1, day: 5 })).toBe('2026-01-05');
    expect(isoFromYmd({ year: 999, month: 12, day: 31 })).toBe('0999-12-31');
  });

  it('a JavaScript Date is its UTC day, never Date text in local time', () => {
    // 1999-01-01T00:00Z is "Fri Jan 01 1999 08:00:00 GMT+0800" in Beijing's String(date).
    const date = new Date(Date.UTC(1999, 0, 1));
    expect(isoFromJsDate(date)).toBe('1999-01-01');
    expect(showValue(date)).toBe('1999-01-01');
    expect(showValue(new Date(Date.UTC(2026, 11, 31, 23, 59)))).toBe('2026-12-31');
    expect(showValue(new Date(NaN))).toBe('无效日期');
  });

  it('any Date shows as the day parseDate reads from it', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1900, 2, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }), (date) => {
        const shown = showValue(date);
        expect(shown).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(isoFromSerial(parseDate(date) as number)).toBe(shown);
        expect(parseDate(shown)).toBe(parseDate(date));
      }),
    );
  });
});

describe('parseDate reads dates as clerks type them', () => {
  it.each([
    [46023, 46023],
    [46023.75, 46023],
    ['2026-01-01', 46023],
    ['2026/1/1', 46023],
    ['2026.1.1', 46023],
    ['2026年1月1日', 46023],
    ['2026年1月1号', 46023],
    ['20260101', 46023],
    ['２０２６－０１－０１', 46023],
    [' 2026-01-01 ', 46023],
    ['2026-01-01 08:30', 46023],
    ['2026-01-01T00:00:00Z', 46023],
    ['46023', 46023],
    [new Date(Date.UTC(2026, 0, 1)), 46023],
  ])('%p → %p', (value, serial) => {
    expect(parseDate(value)).toBe(serial);
  });

  it.each([['2026-02-29'], ['2026-13-01'], ['2026'], ['abc'], [''], [0], [-5], [NaN], [Infinity], [true], [null], [undefined], [{}], [new Date(NaN)]])(
    '%p is not a date',
    (value) => {
      expect(parseDate(value)).toBeNull();
    },
  );

  it('never throws', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const serial = parseDate(value);
        expect(serial === null || Number.isInteger(serial)).toBe(true);
      }),
    );
  });
});

describe('months and ages', () => {
  it('adds months keeping the day, clamped to the month end', () => {
    expect(addMonths({ year: 2026, month: 1, day: 31 }, 1)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(addMonths({ year: 2024, month: 1, day: 31 }, 1)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(addMonths({ year: 2025, month: 11, day: 15 }, 14)).toEqual({ year: 2027, month: 1, day: 15 });
  });
  it('counts a birthday as reached on its day', () => {
    const birth = { year: 2010, month: 6, day: 15 };
    expect(ageInYears(birth, { year: 2026, month: 6, day: 14 })).toBe(15);
    expect(ageInYears(birth, { year: 2026, month: 6, day: 15 })).toBe(16);
  });
});
