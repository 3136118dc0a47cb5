import { planByNumber } from '../../src/rules/plans';
import { maxSharesFor } from '../../src/rules/shares';

/**
 * Share caps from the flyer:
 * - 1 综合: the unit's members hold the same count, at most 5.
 * - 2 指定疾病, 3 农民工, 4 女职工安康: unit uniform → at most 5; unit not uniform → at most 3;
 *   a renewing member may keep last year's count ("续保人员可以按上一年度参保份数续保").
 * - 5 团体意外: unit uniform, at most 5.
 */
const plan = (n: number) => planByNumber(n)!;

describe('maxSharesFor: plans whose unit must be uniform (1, 5)', () => {
  it.each([1, 5])('plan %d allows 5 shares whatever last year held', (n) => {
    for (let previous = 0; previous <= 5; previous += 1) {
      expect(maxSharesFor(plan(n), true, previous)).toBe(5);
    }
    expect(maxSharesFor(plan(n), true)).toBe(5);
  });

  it.each([1, 5])('plan %d has no lower cap of 3 (its unit is always uniform)', (n) => {
    for (let previous = 0; previous <= 5; previous += 1) {
      expect(maxSharesFor(plan(n), false, previous)).toBe(5);
    }
  });
});

describe('maxSharesFor: plans 2, 3, 4', () => {
  it.each([2, 3, 4])('plan %d in a uniform unit allows 5, whatever last year held', (n) => {
    for (let previous = 0; previous <= 5; previous += 1) {
      expect(maxSharesFor(plan(n), true, previous)).toBe(5);
    }
    expect(maxSharesFor(plan(n), true)).toBe(5);
  });

  const notUniform: Array<[number, number]> = [
    [0, 3], // a new member
    [1, 3],
    [2, 3],
    [3, 3], // the boundary: keeping 3 is within the lower cap anyway
    [4, 4], // a renewing member keeps last year's 4
    [5, 5],
  ];
  for (const n of [2, 3, 4]) {
    it.each(notUniform)(`plan ${n} in a unit that is not uniform, last year %d → at most %d`, (previous, expected) => {
      expect(maxSharesFor(plan(n), false, previous)).toBe(expected);
    });
  }

  it.each([2, 3, 4])('plan %d: a new member of a unit that is not uniform may hold 3 (previous omitted)', (n) => {
    expect(maxSharesFor(plan(n), false)).toBe(3);
  });

  it.each([2, 3, 4])('plan %d: renewal never lifts the cap above 5', (n) => {
    expect(maxSharesFor(plan(n), false, 6)).toBe(5);
    expect(maxSharesFor(plan(n), false, 50)).toBe(5);
  });

  it.each([2, 3, 4])('plan %d: 4 shares are allowed for a member who held 4, not for one who held 3', (n) => {
    expect(4 <= maxSharesFor(plan(n), false, 4)).toBe(true);
    expect(4 <= maxSharesFor(plan(n), false, 3)).toBe(false);
  });
});
