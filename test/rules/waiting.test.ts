import fc from 'fast-check';
import { serialFromYmd } from '../../src/rules/dates';
import { planByNumber } from '../../src/rules/plans';
import { coveredShares, coverStartSerial, inWaitingPeriod } from '../../src/rules/waiting';

/**
 * Waiting period from the flyer ("新参保人员及新增保份数在保单生效之日起120天内为免责期") as read in
 * domain.md: effective date D → D … D+119 wait, D+120 is the first day of full cover. Plan 5 has none.
 */
const WAIT = 120;
const plan = (n: number) => planByNumber(n)!;
const D = serialFromYmd({ year: 2026, month: 1, day: 1 }); // 46023

describe('coverStartSerial', () => {
  it('2026-01-01 is serial 46023 and its first day of full cover is 2026-05-01', () => {
    expect(D).toBe(46023);
    expect(coverStartSerial(plan(1), D)).toBe(serialFromYmd({ year: 2026, month: 5, day: 1 }));
  });

  it.each([1, 2, 3, 4])('plan %d: a new member is covered from D+120', (n) => {
    expect(coverStartSerial(plan(n), D)).toBe(D + WAIT);
    expect(coverStartSerial(plan(n), D, 0)).toBe(D + WAIT);
    expect(coverStartSerial(plan(n), D, 0, 3)).toBe(D + WAIT);
  });

  it('plan 5 has no waiting period', () => {
    expect(coverStartSerial(plan(5), D)).toBe(D);
    expect(coverStartSerial(plan(5), D, 0, 5)).toBe(D);
    expect(coverStartSerial(plan(5), D, 2, 5)).toBe(D);
  });

  it.each([1, 2, 3, 4])('plan %d: renewal at or below last year’s count is covered from D', (n) => {
    expect(coverStartSerial(plan(n), D, 3)).toBe(D);
    expect(coverStartSerial(plan(n), D, 3, 3)).toBe(D);
    expect(coverStartSerial(plan(n), D, 3, 2)).toBe(D);
    expect(coverStartSerial(plan(n), D, 1, 1)).toBe(D);
  });

  it.each([1, 2, 3, 4])('plan %d: added shares wait, so all shares are covered only from D+120', (n) => {
    expect(coverStartSerial(plan(n), D, 3, 4)).toBe(D + WAIT);
    expect(coverStartSerial(plan(n), D, 1, 5)).toBe(D + WAIT);
  });
});

describe('inWaitingPeriod', () => {
  it.each([1, 2, 3, 4])('plan %d: D … D+119 wait, D+120 does not', (n) => {
    expect(inWaitingPeriod(plan(n), D, D)).toBe(true);
    expect(inWaitingPeriod(plan(n), D, D + 1)).toBe(true);
    expect(inWaitingPeriod(plan(n), D, D + 119)).toBe(true);
    expect(inWaitingPeriod(plan(n), D, D + 120)).toBe(false);
    expect(inWaitingPeriod(plan(n), D, D + 365)).toBe(false);
  });

  it('plan 5: never waits', () => {
    expect(inWaitingPeriod(plan(5), D, D)).toBe(false);
    expect(inWaitingPeriod(plan(5), D, D + 1)).toBe(false);
  });
});

describe('coveredShares', () => {
  it.each([1, 2, 3, 4])('plan %d: a new member has nothing covered on D+119 and everything on D+120', (n) => {
    expect(coveredShares(plan(n), 3, 0, D, D)).toEqual({ covered: 0, waiting: 3 });
    expect(coveredShares(plan(n), 3, 0, D, D + 119)).toEqual({ covered: 0, waiting: 3 });
    expect(coveredShares(plan(n), 3, 0, D, D + 120)).toEqual({ covered: 3, waiting: 0 });
  });

  it.each([1, 2, 3, 4])('plan %d: renewal at last year’s count covers every share at once', (n) => {
    expect(coveredShares(plan(n), 3, 3, D, D)).toEqual({ covered: 3, waiting: 0 });
    expect(coveredShares(plan(n), 3, 3, D, D + 119)).toEqual({ covered: 3, waiting: 0 });
    expect(coveredShares(plan(n), 3, 3, D, D + 120)).toEqual({ covered: 3, waiting: 0 });
  });

  it.each([1, 2, 3, 4])('plan %d: renewal with added shares covers the continued shares only until D+120', (n) => {
    expect(coveredShares(plan(n), 5, 2, D, D + 10)).toEqual({ covered: 2, waiting: 3 });
    expect(coveredShares(plan(n), 5, 2, D, D + 119)).toEqual({ covered: 2, waiting: 3 });
    expect(coveredShares(plan(n), 5, 2, D, D + 120)).toEqual({ covered: 5, waiting: 0 });
  });

  it.each([1, 2, 3, 4])('plan %d: fewer shares than last year are all continued', (n) => {
    expect(coveredShares(plan(n), 2, 4, D, D + 5)).toEqual({ covered: 2, waiting: 0 });
  });

  it('plan 5: every share is covered from D', () => {
    expect(coveredShares(plan(5), 4, 0, D, D)).toEqual({ covered: 4, waiting: 0 });
    expect(coveredShares(plan(5), 4, 1, D, D + 1)).toEqual({ covered: 4, waiting: 0 });
  });

  it('covered + waiting always equals the shares held, and agrees with coverStartSerial', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 3, 4, 5),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 400 }),
        (n, shares, previous, offset) => {
          const result = coveredShares(plan(n), shares, previous, D, D + offset);
          expect(result.covered + result.waiting).toBe(shares);
          expect(result.covered).toBeGreaterThanOrEqual(Math.min(previous, shares));
          const allCovered = D + offset >= coverStartSerial(plan(n), D, previous, shares);
          expect(result.waiting === 0).toBe(allCovered);
        },
      ),
    );
  });
});
