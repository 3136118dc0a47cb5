import fc from 'fast-check';
import { classifyDeathCause } from '../../src/rules/deathCauses';
import { computePayout, findEvent } from '../../src/rules/payout';
import { planByNumber } from '../../src/rules/plans';

/**
 * 身故 pays the disease-death amount or the "因其它疾病死亡" condolence only for a disease cause. Causes
 * below are written as death certificates and police findings write them.
 */
const ACCIDENTS = [
  '车祸',
  '交通事故致颅脑损伤',
  '溺水',
  '溺亡',
  '高处坠落',
  '坠楼',
  '触电身亡',
  '电击伤',
  '火灾烧伤',
  '重度烧伤',
  '工伤事故',
  '建筑工地砸伤',
  '他杀',
  '被害身亡',
  '意外摔倒致颅内出血',
];
const REVIEW = [
  '自缢',
  '自缢身亡',
  '自杀',
  '服毒自杀',
  '有机磷农药中毒',
  '一氧化碳中毒',
  '食物中毒',
  '斗殴致死',
  '暴力致死',
  '死因不明',
  '原因不详',
  '死因待查',
  '跳楼自杀（高处坠落）',
];
const DISEASES = [
  '心肌梗死',
  '急性心肌梗死',
  '脑出血',
  '肺部感染',
  '多器官功能衰竭',
  '非意外死亡',
  '排除他杀，系心源性猝死',
  '肝硬化失代偿期',
  '无外伤，系脑梗死',
];

describe('classifyDeathCause', () => {
  it.each(ACCIDENTS)('%s is an accident', (cause) => {
    expect(classifyDeathCause(cause).kind).toBe('accident');
  });
  it.each(REVIEW)('%s needs review', (cause) => {
    expect(classifyDeathCause(cause).kind).toBe('review');
  });
  it.each(DISEASES)('%s is a disease', (cause) => {
    expect(classifyDeathCause(cause).kind).toBe('disease');
  });
  it.each(['', '  ', '\u3000'])('%p is empty', (cause) => {
    expect(classifyDeathCause(cause).kind).toBe('empty');
  });
});

describe('PAYOUT 身故 by cause', () => {
  const pay = (n: number, diagnosis: string) => computePayout({ plan: planByNumber(n)!, shares: 2, event: findEvent('身故')!, diagnosis });

  it.each([1, 2, 3, 4])('plan %d: an accidental cause → invalid, 按意外身故申报', (n) => {
    for (const cause of ACCIDENTS) {
      const result = pay(n, cause);
      expect(result).toMatchObject({ ok: false, kind: 'invalid' });
      if (!result.ok) expect(result.message).toContain('请按“意外身故”申报');
    }
  });

  it.each([1, 2, 3, 4])('plan %d: suicide, poisoning, violence or an unknown cause → invalid, needs review', (n) => {
    for (const cause of REVIEW) {
      const result = pay(n, cause);
      expect(result).toMatchObject({ ok: false, kind: 'invalid' });
      if (!result.ok) expect(result.message).toContain('人工审核');
    }
  });

  it('disease causes are paid: plan 1 5,000 per share, plan 2 the 500 condolence, plan 3 260', () => {
    for (const cause of ['心肌梗死', '非意外死亡', '脑出血']) {
      expect(pay(1, cause)).toMatchObject({ ok: true, amount: 10000 });
      expect(pay(2, cause)).toMatchObject({ ok: true, amount: 500 });
      expect(pay(3, cause)).toMatchObject({ ok: true, amount: 260 });
    }
  });

  it('adding a non-disease cause to any disease cause never makes it paid', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DISEASES),
        fc.constantFrom(...ACCIDENTS, ...REVIEW),
        fc.boolean(),
        fc.constantFrom(1, 2, 3, 4),
        (disease, other, before, n) => {
          const cause = before ? `${other}，${disease}` : `${disease}，${other}`;
          expect(pay(n, cause).ok).toBe(false);
        },
      ),
    );
  });
});
