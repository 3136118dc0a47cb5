import fc from 'fast-check';
import { isoFromSerial, isLeapYear, serialFromYmd, ymdFromSerial } from '../../src/rules/dates';
import { checkCoverPeriod, coverEndSerial } from '../../src/rules/cover';
import { computePayout, findEvent } from '../../src/rules/payout';
import { planByNumber } from '../../src/rules/plans';

/** Cover runs one year from the effective date; the day before the anniversary is the last covered day. */
const s = (iso: string): number => {
  const [year, month, day] = iso.split('-').map(Number);
  return serialFromYmd({ year, month, day });
};
const end = (iso: string) => isoFromSerial(coverEndSerial(s(iso)));

describe('coverEndSerial', () => {
  it.each([
    ['2026-01-01', '2026-12-31'],
    ['2026-07-15', '2027-07-14'],
    ['2026-12-31', '2027-12-30'],
    ['2026-03-01', '2027-02-28'],
    ['2027-03-01', '2028-02-29'], // the year of cover holds 2028-02-29
    ['2023-03-01', '2024-02-29'],
    ['2024-02-29', '2025-02-28'], // no 2025-02-29: the anniversary is read as 03-01
    ['2024-02-28', '2025-02-27'],
    ['2024-03-01', '2025-02-28'],
    ['2099-12-31', '2100-12-30'],
  ])('effective %s → last covered day %s', (effective, last) => {
    expect(end(effective)).toBe(last);
  });

  it('a cover year is 365 or 366 days: 366 exactly when it contains a 29 February', () => {
    fc.assert(
      fc.property(fc.integer({ min: s('2000-01-01'), max: s('2098-12-31') }), (effective) => {
        const days = coverEndSerial(effective) - effective + 1;
        const start = ymdFromSerial(effective);
        const leapDay = [start.year, start.year + 1].filter(isLeapYear).map((y) => serialFromYmd({ year: y, month: 2, day: 29 }));
        const holdsLeapDay = leapDay.some((d) => d >= effective && d <= coverEndSerial(effective));
        expect(days).toBe(holdsLeapDay ? 366 : 365);
      }),
    );
  });
});

describe('checkCoverPeriod', () => {
  it('the effective date and the last covered day are inside; the day before and the day after are not', () => {
    const effective = s('2026-01-01');
    expect(checkCoverPeriod(effective, effective)).toEqual({ inside: true });
    expect(checkCoverPeriod(effective, s('2026-12-31'))).toEqual({ inside: true });
    expect(checkCoverPeriod(effective, s('2027-01-01'))).toEqual({ inside: false, reason: '保障期已于2026-12-31结束' });
    expect(checkCoverPeriod(effective, s('2025-12-31'))).toEqual({ inside: false, reason: '出险日期早于生效日期2026-01-01' });
  });

  it('a time of day does not move the edges', () => {
    const effective = s('2026-01-01');
    expect(checkCoverPeriod(effective + 0.75, s('2026-01-01') + 0.1)).toEqual({ inside: true });
    expect(checkCoverPeriod(effective, s('2026-12-31') + 0.99)).toEqual({ inside: true });
  });
});

describe('PAYOUT and the cover period', () => {
  const plan = (n: number) => planByNumber(n)!;
  const pay = (n: number, name: string, effective: string, eventIso: string, extra = {}) =>
    computePayout({ plan: plan(n), shares: 2, event: findEvent(name)!, effectiveSerial: s(effective), eventSerial: s(eventIso), ...extra });

  it.each([
    [1, '重疾', { diagnosis: '肺癌' }, 30000],
    [2, '身故', { diagnosis: '心肌梗死' }, 500],
    [5, '意外身故', {}, 24000],
    [5, '意外医疗', { amountClaimed: 100 }, 100],
  ])('plan %d %s: paid on the last covered day, 0 on the first uncovered day', (n, name, extra, full) => {
    expect(pay(n as number, name as string, '2026-01-01', '2026-12-31', extra)).toMatchObject({ ok: true, amount: full });
    const after = pay(n as number, name as string, '2026-01-01', '2027-01-01', extra);
    expect(after).toMatchObject({ ok: true, amount: 0, note: '保障期已于2026-12-31结束：给付0元' });
  });

  it('leap-day cover: effective 2024-02-29 pays on 2025-02-28, not on 2025-03-01', () => {
    expect(pay(5, '意外身故', '2024-02-29', '2025-02-28')).toMatchObject({ amount: 24000 });
    expect(pay(5, '意外身故', '2024-02-29', '2025-03-01')).toMatchObject({ amount: 0, note: '保障期已于2025-02-28结束：给付0元' });
  });

  it('an event the rules cannot settle still fails outside the plan’s events, not with a cover note', () => {
    expect(pay(5, '重疾', '2026-01-01', '2028-01-01', { diagnosis: '肺癌' }).ok).toBe(false);
  });
});
