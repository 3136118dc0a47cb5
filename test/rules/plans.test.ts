import { PLANS } from '../../src/rules/catalogue';
import { findPlan, normalisePlanText, planByNumber, planChoicesText, plansConflict } from '../../src/rules/plans';

/**
 * Expected values come from the flyer's table as reconstructed in docs/domain.md, written here
 * independently of the catalogue.
 */
const EXPECTED = [
  { number: 1, name: '职工综合互助保障', short: '综合' },
  { number: 2, name: '职工指定疾病(手术)互助保障', short: '指定疾病' },
  { number: 3, name: '农民工互助保障', short: '农民工' },
  { number: 4, name: '女职工安康互助保障', short: '女职工安康' },
  { number: 5, name: '职工团体人身意外伤害互助保障', short: '团体意外' },
];

const numberOf = (value: unknown): number | null => findPlan(value)?.number ?? null;

describe('the catalogue holds the five Guangxi plans', () => {
  it.each(EXPECTED)('plan $number is $name ($short)', ({ number, name, short }) => {
    const plan = planByNumber(number);
    expect(plan).not.toBeNull();
    expect(plan!.name).toBe(name);
    expect(plan!.shortName).toBe(short);
  });

  it('has exactly the numbers 1–5', () => {
    expect(PLANS.map((p) => p.number).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('findPlan', () => {
  it.each(EXPECTED)('finds plan $number by its full name', ({ number, name }) => {
    expect(numberOf(name)).toBe(number);
  });

  it.each(EXPECTED)('finds plan $number by its short name', ({ number, short }) => {
    expect(numberOf(short)).toBe(number);
  });

  it.each(EXPECTED)('finds plan $number by its full name followed by 计划', ({ number, name }) => {
    expect(numberOf(`${name}计划`)).toBe(number);
  });

  it.each([
    ['职工综合', 1],
    ['综合互助保障', 1],
    ['职工综给互助保障', 1], // the flyer's own typo
    ['职工指定疾病', 2],
    ['指定疾病(手术)', 2],
    ['指定疾病手术', 2],
    ['职工指定疾病手术互助保障', 2],
    ['农民工互助保障计划', 3],
    ['农民工保障', 3],
    ['女职工', 4],
    ['女工安康', 4],
    ['安康', 4],
    ['意外伤害', 5],
    ['团体意外伤害', 5],
    ['意外', 5],
    ['职工团体人身意外伤害保障', 5], // the flyer's heading for plan 5
  ])('finds the alias %s → plan %d', (text, number) => {
    expect(numberOf(text)).toBe(number);
  });

  it.each([
    ['职工指定疾病(手术)', 2], // the flyer's wording in 六、特殊政策
    ['职工指定疾病（手术）', 2],
    ['指定疾病互助保障', 2],
    ['综合互助', 1],
    ['职工综合互助', 1],
    ['职工综合保障', 1],
    ['综合保障', 1],
    ['农民工互助', 3],
    ['农民工互助保障(计划)', 3],
    ['女职工安康互助', 4],
    ['女职工安康保障', 4],
    ['团体人身意外伤害互助保障', 5],
    ['职工团体人身意外伤害', 5],
    ['职工团体人身意外伤害保障计划', 5],
    ['团体意外伤害互助保障', 5],
    ['意外伤害互助保障', 5],
    ['职工团体意外', 5],
  ])('finds %s → plan %d (the name without 职工 / 互助 / 保障 / 计划 around it)', (text, number) => {
    expect(numberOf(text)).toBe(number);
  });

  it.each(['职工', '互助保障', '职工互助保障', '保障', '计划', '职工互助保障计划', '互助', '疾病', '职工医疗'])(
    'finds no plan for %s (nothing distinctive)',
    (text) => {
      expect(findPlan(text)).toBeNull();
    },
  );

  it.each([1, 2, 3, 4, 5])('finds plan %d from the number and from its text', (n) => {
    expect(numberOf(n)).toBe(n);
    expect(numberOf(String(n))).toBe(n);
    expect(numberOf(` ${n} `)).toBe(n);
    expect(numberOf(`第${n}种`)).toBe(n);
    expect(numberOf(String.fromCharCode(0xff10 + n))).toBe(n); // full-width digit
  });

  it('reads "第2种" as plan 2', () => {
    expect(numberOf('第2种')).toBe(2);
    expect(numberOf('第２种')).toBe(2);
  });

  it('accepts full-width brackets and spaces in the name', () => {
    expect(numberOf('职工指定疾病（手术）互助保障')).toBe(2);
    expect(numberOf('职工指定疾病（手术） 互助保障')).toBe(2);
    expect(numberOf('职工指定疾病(手术)\u3000互助保障')).toBe(2);
    expect(numberOf(' 职工 综合 互助 保障 ')).toBe(1);
    expect(numberOf('女职工安康\u00a0互助保障')).toBe(4);
    expect(numberOf('\t团体意外\n')).toBe(5);
    expect(numberOf('【综合】')).toBeNull(); // brackets are unified, not dropped: "(综合)" is no plan name
  });

  it('normalises brackets and spaces', () => {
    expect(normalisePlanText('职工指定疾病（手术） 互助保障')).toBe('职工指定疾病(手术)互助保障');
    expect(normalisePlanText('【手术】')).toBe('(手术)');
  });

  it.each([0, 6, -1, 1.5, 2.0000001, NaN, Infinity, -Infinity])('finds no plan for the number %p', (n) => {
    expect(findPlan(n)).toBeNull();
  });

  it.each(['', '   ', '\u3000', '0', '6', '第6种', '第0种', '12', '1.5', '综', '综合综合', '意外险', '医疗', 'plan1', '重疾', '-1'])(
    'finds no plan for the text %p',
    (text) => {
      expect(findPlan(text)).toBeNull();
    },
  );

  it.each([null, undefined, true, false, {}, [], [1], new Date(2026, 0, 1)])('finds no plan for the value %p', (value) => {
    expect(findPlan(value)).toBeNull();
  });

  it('accepts a whole number given as a float (1.0 is 1)', () => {
    expect(numberOf(3.0)).toBe(3);
  });
});

describe('planChoicesText', () => {
  it('lists every plan with its number and short name', () => {
    const text = planChoicesText();
    for (const { number, short } of EXPECTED) expect(text).toContain(`${number} ${short}`);
  });
});

describe('plansConflict', () => {
  // From the flyer: 1, 2, 3 exclude each other ("本保障和第2种、第3种保障不能同时参保" etc.);
  // plans 4 and 5 may be held with any other plan.
  const EXCLUSIVE = new Set([1, 2, 3]);
  const pairs: Array<[number, number, boolean]> = [];
  for (let a = 1; a <= 5; a += 1) {
    for (let b = 1; b <= 5; b += 1) {
      pairs.push([a, b, a !== b && EXCLUSIVE.has(a) && EXCLUSIVE.has(b)]);
    }
  }

  it.each(pairs)('plan %d with plan %d → conflict %p', (a, b, expected) => {
    expect(plansConflict(planByNumber(a)!, planByNumber(b)!)).toBe(expected);
  });

  it('is symmetric', () => {
    for (const [a, b] of pairs) {
      expect(plansConflict(planByNumber(a)!, planByNumber(b)!)).toBe(plansConflict(planByNumber(b)!, planByNumber(a)!));
    }
  });

  it('names exactly the three conflicting pairs', () => {
    const conflicting = pairs.filter(([a, b, c]) => c && a < b).map(([a, b]) => `${a}-${b}`);
    expect(conflicting).toEqual(['1-2', '1-3', '2-3']);
  });
});
