import fc from 'fast-check';
import { PLANS } from '../../src/rules/catalogue';
import { planByNumber } from '../../src/rules/plans';
import { premiumFor } from '../../src/rules/premium';

/** The flyer's premiums in yuan per share per year: 60, 40, 20, 25, 20. */
const RATE: Record<number, number> = { 1: 60, 2: 40, 3: 20, 4: 25, 5: 20 };

const cases: Array<[number, number, number]> = [];
for (const plan of [1, 2, 3, 4, 5]) for (let shares = 1; shares <= 5; shares += 1) cases.push([plan, shares, RATE[plan] * shares]);

describe('premiumFor: the flyer table', () => {
  it.each(cases)('plan %d, %d share(s), one year → %d yuan', (plan, shares, expected) => {
    expect(premiumFor(planByNumber(plan)!, shares)).toBe(expected);
    expect(premiumFor(planByNumber(plan)!, shares, 1)).toBe(expected);
  });

  it('综合 with 3 shares costs 180 a year, 540 for three years', () => {
    expect(premiumFor(planByNumber(1)!, 3)).toBe(180);
    expect(premiumFor(planByNumber(1)!, 3, 3)).toBe(540);
  });

  it('女职工安康 with 5 shares for two years costs 250', () => {
    expect(premiumFor(planByNumber(4)!, 5, 2)).toBe(250);
  });

  it('half a year of 女职工安康 with 1 share is 12.5 (kept to the fen)', () => {
    expect(premiumFor(planByNumber(4)!, 1, 0.5)).toBe(12.5);
  });

  it('zero years cost nothing', () => {
    for (const plan of PLANS) expect(premiumFor(plan, 5, 0)).toBe(0);
  });

  it('rounds to the fen', () => {
    // 20 × 1 × 1/3 = 6.666… → 6.67
    expect(premiumFor(planByNumber(3)!, 1, 1 / 3)).toBe(6.67);
  });
});

describe('premiumFor: properties', () => {
  const planArb = fc.constantFrom(1, 2, 3, 4, 5);

  it('is linear in shares and years (whole numbers)', () => {
    fc.assert(
      fc.property(planArb, fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 100 }), (n, shares, years) => {
        const plan = planByNumber(n)!;
        expect(premiumFor(plan, shares, years)).toBe(RATE[n] * shares * years);
        expect(premiumFor(plan, shares, years)).toBe(premiumFor(plan, 1, 1) * shares * years);
      }),
    );
  });

  it('is additive in shares: premium(a + b) = premium(a) + premium(b)', () => {
    fc.assert(
      fc.property(planArb, fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 30 }), (n, a, b, years) => {
        const plan = planByNumber(n)!;
        expect(premiumFor(plan, a + b, years)).toBe(premiumFor(plan, a, years) + premiumFor(plan, b, years));
      }),
    );
  });

  it('is within half a fen of rate × shares × years for fractional years', () => {
    fc.assert(
      fc.property(planArb, fc.integer({ min: 1, max: 5 }), fc.double({ min: 0, max: 100, noNaN: true }), (n, shares, years) => {
        const plan = planByNumber(n)!;
        const result = premiumFor(plan, shares, years);
        expect(Math.abs(result - RATE[n] * shares * years)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Math.round(result * 100)).toBeCloseTo(result * 100, 6); // whole fen
      }),
    );
  });

  it('never decreases with more shares or more years', () => {
    fc.assert(
      fc.property(planArb, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 10 }), (n, shares, years) => {
        const plan = planByNumber(n)!;
        expect(premiumFor(plan, shares + 1, years)).toBeGreaterThan(premiumFor(plan, shares, years));
        expect(premiumFor(plan, shares, years + 1)).toBeGreaterThan(premiumFor(plan, shares, years));
      }),
    );
  });
});
