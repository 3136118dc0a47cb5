import fc from 'fast-check';
import { addMonths, ageInYears, isoFromSerial, parseDate, serialFromYmd, ymdFromSerial } from '../../src/rules/dates';

describe('Excel serials (1900 date system)', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'], // Excel counts a 1900-02-29 that never was as serial 60
    [46023, '2026-01-01'],
    [46143, '2026-05-01'],
    [2958465, '9999-12-31'],
  ])('%i is %s', (serial, iso) => {
    expect(isoFromSerial(serial)).toBe(iso);
    const [year, month, day] = iso.split('-').map(Number);
    expect(serialFromYmd({ year, month, day })).toBe(serial);
  });

  it('round-trips every day from 1900-03-01 to 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 73415 }), (serial) => {
        expect(serialFromYmd(ymdFromSerial(serial))).toBe(serial);
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
    fc.assert(fc.property(fc.anything(), (value) => {
      const serial = parseDate(value);
      expect(serial === null || Number.isInteger(serial)).toBe(true);
    }));
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
