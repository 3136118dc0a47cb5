import * as fs from 'fs';
import * as path from 'path';
import { CLAIM_DUE_WORKDAYS } from '../../src/rules/catalogue';
import { isoFromSerial, serialFromYmd } from '../../src/rules/dates';
import { calendarCoversYear, calendarYearsText, nthWorkdayAfter } from '../../src/rules/workdays';

/**
 * Expectations are derived from the State Council schedule as published in chinese-days'
 * dist/years/2026.json (read here directly, not through the package's functions):
 * - 春节: 2026-02-15 (Sun) … 02-23 (Mon) off; Saturdays 02-14 and 02-28 are working days.
 * - 中秋: 09-25 (Fri) … 09-27 off. 国庆: 10-01 (Thu) … 10-07 off; Sunday 09-20 and Saturday 10-10 work.
 */
const s = (iso: string): number => {
  const [year, month, day] = iso.split('-').map(Number);
  return serialFromYmd({ year, month, day });
};

function due(reviewIso: string, workdays?: number): string {
  const result = workdays === undefined ? nthWorkdayAfter(s(reviewIso)) : nthWorkdayAfter(s(reviewIso), workdays);
  if (!result.ok) throw new Error(result.message);
  return isoFromSerial(result.serial);
}

const schedule = JSON.parse(fs.readFileSync(path.join(__dirname, '../../node_modules/chinese-days/dist/years/2026.json'), 'utf8')) as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

/** Independent reference: a working day is an adjusted working day, or a Monday–Friday that is no holiday. */
function referenceIsWorkday(iso: string): boolean {
  if (schedule.workdays[iso]) return true;
  const [y, m, d] = iso.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday >= 1 && weekday <= 5 && !schedule.holidays[iso];
}

describe('the 2026 schedule as the tests read it', () => {
  it('matches the State Council notice for 春节 and 国庆', () => {
    expect(schedule.workdays['2026-02-14']).toBeDefined();
    expect(schedule.workdays['2026-02-28']).toBeDefined();
    expect(schedule.workdays['2026-09-20']).toBeDefined();
    expect(schedule.workdays['2026-10-10']).toBeDefined();
    for (let d = 15; d <= 23; d += 1) expect(schedule.holidays[`2026-02-${d}`]).toBeDefined();
    for (let d = 1; d <= 7; d += 1) expect(schedule.holidays[`2026-10-0${d}`]).toBeDefined();
  });
});

describe('nthWorkdayAfter around 国庆 2026', () => {
  it.each([
    ['2026-09-30', 1, '2026-10-08'], // 10-01 … 10-07 off
    ['2026-09-30', 2, '2026-10-09'],
    ['2026-09-30', 3, '2026-10-10'], // adjusted working Saturday
    ['2026-09-30', 4, '2026-10-12'],
    ['2026-10-01', 1, '2026-10-08'], // reviewed on a holiday
    ['2026-10-07', 1, '2026-10-08'],
    ['2026-10-09', 1, '2026-10-10'],
    ['2026-10-10', 1, '2026-10-12'],
    ['2026-09-19', 1, '2026-09-20'], // adjusted working Sunday
    ['2026-09-18', 1, '2026-09-20'],
    ['2026-09-24', 1, '2026-09-28'], // 中秋 09-25 (Fri) … 09-27
    ['2026-09-25', 5, '2026-10-09'],
    ['2026-09-29', 2, '2026-10-08'],
  ])('reviewed %s, %d working day(s) → %s', (review, n, expected) => {
    expect(due(review, n)).toBe(expected);
  });
});

describe('nthWorkdayAfter around 春节 2026', () => {
  it.each([
    ['2026-02-12', 1, '2026-02-13'],
    ['2026-02-13', 1, '2026-02-14'], // adjusted working Saturday
    ['2026-02-13', 2, '2026-02-24'], // 02-15 … 02-23 off
    ['2026-02-12', 5, '2026-02-26'],
    ['2026-02-14', 1, '2026-02-24'],
    ['2026-02-18', 1, '2026-02-24'],
    ['2026-02-23', 1, '2026-02-24'],
    ['2026-02-27', 1, '2026-02-28'], // adjusted working Saturday
    ['2026-02-28', 1, '2026-03-02'],
  ])('reviewed %s, %d working day(s) → %s', (review, n, expected) => {
    expect(due(review, n)).toBe(expected);
  });
});

describe('nthWorkdayAfter: the default 30 working days', () => {
  it('uses 30 working days by default, as the flyer says', () => {
    expect(CLAIM_DUE_WORKDAYS).toBe(30);
    expect(due('2026-09-01')).toBe(due('2026-09-01', 30));
  });

  it('reviewed 2026-09-01 → due 2026-10-19 (counting 09-20 and 10-10, skipping 中秋 and 国庆)', () => {
    expect(due('2026-09-01')).toBe('2026-10-19');
  });

  it('reviewed 2026-02-01 (Sunday) → due 2026-03-19', () => {
    // Feb: 02…06 (5), 09…13 (10), Sat 14 (11), 15…23 off, 24…27 (15), Sat 28 (16);
    // Mar: 02…06 (21), 09…13 (26), 16…19 (30).
    expect(due('2026-02-01')).toBe('2026-03-19');
  });

  it('plain Monday–Friday in a month without holidays: 2026-03-02 (Mon) + 5 → 2026-03-09', () => {
    expect(due('2026-03-02', 5)).toBe('2026-03-09');
    expect(due('2026-03-06', 1)).toBe('2026-03-09'); // Friday → Monday
  });

  it('agrees with the schedule for every review day of 2026 whose 1…30 days stay in 2026', () => {
    for (let review = s('2026-01-01'); review <= s('2026-11-01'); review += 1) {
      let serial = review;
      for (let n = 1; n <= 30; n += 1) {
        serial += 1;
        while (!referenceIsWorkday(isoFromSerial(serial))) serial += 1;
        const result = nthWorkdayAfter(review, n);
        if (!result.ok) throw new Error(result.message);
        if (result.serial !== serial) {
          throw new Error(`review ${isoFromSerial(review)} + ${n}: got ${isoFromSerial(result.serial)}, expected ${isoFromSerial(serial)}`);
        }
      }
    }
  });

  it('the review day itself never counts, and the result is always a working day after it', () => {
    expect(due('2026-03-02', 1)).toBe('2026-03-03');
  });
});

describe('the calendar’s limits', () => {
  it('covers 2026 but not 2027', () => {
    expect(calendarCoversYear(2026)).toBe(true);
    expect(calendarCoversYear(2027)).toBe(false);
    expect(calendarCoversYear(2004)).toBe(true);
    expect(calendarCoversYear(2003)).toBe(false);
  });

  it('names the covered years', () => {
    expect(calendarYearsText()).toBe('2004–2026');
  });

  it('refuses a count that runs into 2027, naming the covered years', () => {
    const result = nthWorkdayAfter(s('2026-12-01'));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain('2026');
      expect(result.message).toContain('2004');
      expect(result.message).toContain('2027');
      expect(result.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('answers as long as the count ends in 2026: 2026-12-30 + 1 → 12-31, + 2 → refused', () => {
    expect(due('2026-12-30', 1)).toBe('2026-12-31');
    expect(nthWorkdayAfter(s('2026-12-30'), 2).ok).toBe(false);
    expect(nthWorkdayAfter(s('2026-12-31'), 1).ok).toBe(false);
  });

  it('refuses review dates before the calendar starts', () => {
    expect(nthWorkdayAfter(s('2003-06-02'), 1).ok).toBe(false);
  });

  it('works in an earlier covered year: 国庆 2025 (10-01 … 10-08 off, 09-28 and 10-11 work)', () => {
    expect(due('2025-09-30', 1)).toBe('2025-10-09');
    expect(due('2025-09-26', 1)).toBe('2025-09-28');
    expect(due('2025-10-10', 1)).toBe('2025-10-11');
  });
});

describe('time zone', () => {
  it(`gives the same answers in this process time zone (TZ=${process.env.TZ ?? 'unset'})`, () => {
    expect(due('2026-09-30', 1)).toBe('2026-10-08');
    expect(due('2026-02-13', 1)).toBe('2026-02-14');
    expect(due('2026-09-19', 1)).toBe('2026-09-20');
    expect(due('2026-09-01')).toBe('2026-10-19');
  });
});

describe('holidays passed in (CLAIMDUE’s ranges), across 2026 → 2027', () => {
  /**
   * Counted by hand from a calendar: 2026-12-01 is a Tuesday; December leaves 22 working days
   * (12-02 … 12-31); 2027-01-01 is a Friday. With 01-01 a holiday: 01-04 … 01-08 make 27, and
   * 01-11, 01-12, 01-13 make 28–30.
   */
  const withExtra = (reviewIso: string, workdays: number, holidays: string[], extraWorkdays: string[] = []) => {
    const result = nthWorkdayAfter(s(reviewIso), workdays, { holidays: holidays.map(s), extraWorkdays: extraWorkdays.map(s) });
    if (!result.ok) throw new Error(result.message);
    return isoFromSerial(result.serial);
  };

  it('without a 2027 holiday the answer is refused, and the message says to fill the holiday range', () => {
    const result = nthWorkdayAfter(s('2026-12-01'), 30);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('节假日');
    expect(nthWorkdayAfter(s('2026-12-01'), 30, { holidays: [s('2026-12-25')] }).ok).toBe(false);
  });

  it('with 2027-01-01 given as a holiday: 2026-12-01 + 30 → 2027-01-13', () => {
    expect(withExtra('2026-12-01', 30, ['2027-01-01'])).toBe('2027-01-13');
  });

  it('a 调休 Saturday given as a working day counts: + 2027-01-09 → 2027-01-12', () => {
    expect(withExtra('2026-12-01', 30, ['2027-01-01'], ['2027-01-09'])).toBe('2027-01-12');
  });

  it('a holiday range reaching 2027 does not open 2028', () => {
    expect(nthWorkdayAfter(s('2027-12-01'), 30, { holidays: [s('2027-01-01')] }).ok).toBe(false);
  });

  it('holidays add to the built-in schedule in a covered year: 2026-03-02 + 5 with 03-04 off → 03-10', () => {
    expect(withExtra('2026-03-02', 5, ['2026-03-04'])).toBe('2026-03-10');
    expect(withExtra('2026-09-30', 1, [])).toBe('2026-10-08');
    expect(withExtra('2026-09-30', 1, ['2026-10-08'])).toBe('2026-10-09');
  });

  it('a date given both as a holiday and a working day is refused', () => {
    const result = nthWorkdayAfter(s('2026-03-02'), 5, { holidays: [s('2026-03-07')], extraWorkdays: [s('2026-03-07')] });
    expect(result).toEqual({ ok: false, message: expect.stringContaining('2026-03-07') });
  });
});

describe('the committed schedule (src/rules/data/holidays.json)', () => {
  it('agrees with chinese-days for every year the package knows (scripts/holidays-data.js --check)', () => {
    const { execFileSync } = require('child_process') as typeof import('child_process');
    const run = () => execFileSync(process.execPath, [path.join(__dirname, '../../scripts/holidays-data.js'), '--check'], { stdio: 'pipe', encoding: 'utf8' });
    expect(run).not.toThrow();
  });

  it('holds the 2026 schedule the tests above read from the package', () => {
    const data = JSON.parse(fs.readFileSync(path.join(__dirname, '../../src/rules/data/holidays.json'), 'utf8')) as {
      years: Record<string, { holidays: Record<string, string>; workdays: Record<string, string> }>;
    };
    expect(Object.keys(data.years['2026'].holidays).sort()).toEqual(Object.keys(schedule.holidays).sort());
    expect(Object.keys(data.years['2026'].workdays).sort()).toEqual(Object.keys(schedule.workdays).sort());
  });
});
