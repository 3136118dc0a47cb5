import fc from 'fast-check';
import { EventKind, PLANS } from '../../src/rules/catalogue';
import { serialFromYmd } from '../../src/rules/dates';
import { Claim, computePayout, eventChoicesText, findEvent, maxCondolence, maxPayoutPerShare, PayoutResult } from '../../src/rules/payout';
import { planByNumber } from '../../src/rules/plans';

/**
 * Every expected amount below is derived from the flyer's table (docs/domain.md), not from the code:
 * - 1 综合: 15 diseases 15,000/份 (stent 3,000); accident 5,000; accident hospital allowance cap 9,000;
 *   death 5,000 (the project's reading: any death, so accidental death pays 5,000 + 5,000).
 * - 2 指定疾病: 15,000 (stent 3,000). 3 农民工: 7,500 (stent 1,500). 4 女职工安康: 12,000, six cancers.
 * - 5 团体意外: accidental death 12,000, disability 12,000 × ratio, medical cap 12,000.
 * - Disability grade g pays (11 − g) × 10 %.
 * - Condolence, flat: 500 (plans 1, 2, 4 disease in waiting; plans 2, 4 death of another disease), 260 (plan 3).
 * - Waiting: effective D → D … D+119 wait, D+120 full cover; accidents never wait.
 */
const DISEASE: Record<number, number> = { 1: 15000, 2: 15000, 3: 7500, 4: 12000, 5: 0 };
const STENT: Record<number, number> = { 1: 3000, 2: 3000, 3: 1500, 4: 0, 5: 0 };
const ACCIDENT_DEATH: Record<number, number> = { 1: 5000 + 5000, 2: 0, 3: 0, 4: 0, 5: 12000 };
const DISABILITY_BASE: Record<number, number> = { 1: 5000, 2: 0, 3: 0, 4: 0, 5: 12000 };
const HOSPITAL_CAP: Record<number, number> = { 1: 9000, 2: 0, 3: 0, 4: 0, 5: 0 };
const MEDICAL_CAP: Record<number, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 12000 };
const DISEASE_DEATH: Record<number, number> = { 1: 5000, 2: 0, 3: 0, 4: 0, 5: 0 };
const CONDOLENCE_WAITING: Record<number, number> = { 1: 500, 2: 500, 3: 260, 4: 500, 5: 0 };
const CONDOLENCE_OTHER_DEATH: Record<number, number> = { 1: 0, 2: 500, 3: 260, 4: 500, 5: 0 };
const ratio = (grade: number) => ((11 - grade) * 10) / 100;

/** Largest possible payout per share for each event, from the table above. */
const MAX_PER_SHARE: Record<number, Record<EventKind, number>> = Object.fromEntries(
  [1, 2, 3, 4, 5].map((n) => [
    n,
    {
      designatedDisease: DISEASE[n],
      diseaseDeath: DISEASE_DEATH[n],
      accidentDeath: ACCIDENT_DEATH[n],
      accidentDisability: DISABILITY_BASE[n],
      accidentMedical: MEDICAL_CAP[n],
      accidentHospital: HOSPITAL_CAP[n],
    },
  ]),
);

const D = serialFromYmd({ year: 2026, month: 1, day: 1 });

const plan = (n: number) => planByNumber(n)!;
function event(name: string) {
  const found = findEvent(name);
  if (!found) throw new Error(`no event ${name}`);
  return found;
}

function pay(n: number, shares: number, eventName: string, extra: Partial<Claim> = {}): PayoutResult {
  return computePayout({ plan: plan(n), shares, event: event(eventName), ...extra });
}

function amount(result: PayoutResult): number {
  if (!result.ok) throw new Error(`expected a payout, got ${result.kind}: ${result.message}`);
  return result.amount;
}

function failure(result: PayoutResult): { kind: string; message: string } {
  if (result.ok) throw new Error(`expected a failure, got ${result.amount}`);
  return result;
}

const SHARES = [1, 2, 3, 4, 5];
const ALL_PLANS = [1, 2, 3, 4, 5];

describe('findEvent', () => {
  it.each([
    ['重疾', 'designatedDisease'],
    ['指定疾病', 'designatedDisease'],
    ['重大疾病', 'designatedDisease'],
    ['身故', 'diseaseDeath'],
    ['疾病身故', 'diseaseDeath'],
    ['病故', 'diseaseDeath'],
    ['意外身故', 'accidentDeath'],
    ['意外死亡', 'accidentDeath'],
    ['意外伤残', 'accidentDisability'],
    ['意外致残', 'accidentDisability'],
    ['伤残', 'accidentDisability'],
    ['意外医疗', 'accidentMedical'],
    ['意外伤害医疗', 'accidentMedical'],
    ['意外住院', 'accidentHospital'],
    ['住院补助', 'accidentHospital'],
    [' 意外 身故 ', 'accidentDeath'],
    ['意外身故\u3000', 'accidentDeath'],
  ])('%s → %s', (name, kind) => {
    expect(findEvent(name)?.kind).toBe(kind);
  });

  it.each(['', '感冒', '意外', '住院', 'death', '身故身故'])('%p is no event', (name) => {
    expect(findEvent(name)).toBeNull();
  });

  it('lists the six events for messages', () => {
    const text = eventChoicesText();
    for (const name of ['重疾', '身故', '意外身故', '意外伤残', '意外医疗', '意外住院']) expect(text).toContain(name);
  });

  it('marks exactly the four accident events as accidents', () => {
    for (const name of ['意外身故', '意外伤残', '意外医疗', '意外住院']) expect(event(name).accident).toBe(true);
    for (const name of ['重疾', '身故']) expect(event(name).accident).toBe(false);
  });
});

describe('designated diseases (重疾), no dates: full benefit per share', () => {
  for (const n of [1, 2, 3]) {
    it.each(SHARES)(`plan ${n}, %d share(s): 肺癌 pays ${DISEASE[n]} per share`, (shares) => {
      expect(amount(pay(n, shares, '重疾', { diagnosis: '肺癌' }))).toBe(DISEASE[n] * shares);
    });
    it.each(SHARES)(`plan ${n}, %d share(s): coronary stent pays the reduced ${STENT[n]} per share`, (shares) => {
      expect(amount(pay(n, shares, '重疾', { diagnosis: '心脏支架' }))).toBe(STENT[n] * shares);
      expect(amount(pay(n, shares, '重疾', { diagnosis: '冠状动脉支架植入术' }))).toBe(STENT[n] * shares);
    });
  }

  it('综合 3 shares, 肺癌 → 45,000', () => {
    expect(amount(pay(1, 3, '重疾', { diagnosis: '肺癌' }))).toBe(45000);
  });

  it.each([
    '尿毒症',
    '脑膜瘤切除术',
    '冠状动脉搭桥术',
    '心脏瓣膜置换',
    '传染性非典型肺炎',
    '肝移植',
    '再生障碍性贫血',
    '急性重型肝炎',
    '四肢瘫痪',
    '主动脉夹层手术',
    'H7N9禽流感',
    '渐冻症',
    'III度烧伤面积30%',
  ])('every other designated disease pays the full amount (%s)', (diagnosis) => {
    expect(amount(pay(1, 2, '重疾', { diagnosis }))).toBe(30000);
    expect(amount(pay(2, 2, '重疾', { diagnosis }))).toBe(30000);
    expect(amount(pay(3, 2, '重疾', { diagnosis }))).toBe(15000);
  });

  it.each(['乳腺癌', '卵巢癌', '子宫内膜癌', '宫体癌', '宫颈癌', '外阴癌', '输卵管癌'])('plan 4 pays 12,000 per share for %s', (diagnosis) => {
    for (const shares of SHARES) expect(amount(pay(4, shares, '重疾', { diagnosis }))).toBe(12000 * shares);
  });

  it.each(['肺癌', '肝癌', '胃癌', '白血病', '心脏支架', '尿毒症', '阴道癌'])('plan 4 pays nothing for %s (not one of its six cancers)', (diagnosis) => {
    expect(amount(pay(4, 3, '重疾', { diagnosis }))).toBe(0);
  });

  it.each(['肺癌', '心脏支架', '乳腺癌', '尿毒症'])('plan 5 has no designated-disease event: %s is refused with its events listed', (diagnosis) => {
    const result = failure(pay(5, 5, '重疾', { diagnosis }));
    expect(result.kind).toBe('invalid');
    expect(result.message).toContain('意外身故、意外伤残、意外医疗');
  });

  it('asks for a diagnosis when none is given', () => {
    for (const n of ALL_PLANS.filter((p) => p !== 5)) {
      expect(failure(pay(n, 1, '重疾')).kind).toBe('invalid');
      expect(failure(pay(n, 1, '重疾', { diagnosis: '  ' })).kind).toBe('invalid');
    }
  });

  it.each(['感冒', '高血压', '心肌梗死', '乳腺癌复发', '良性肿瘤', '乳腺导管原位癌', '自体造血干细胞移植'])(
    'pays 0 for %s (not covered), saying why',
    (diagnosis) => {
      for (const n of [1, 2, 3, 4]) {
        const result = pay(n, 1, '重疾', { diagnosis });
        expect(amount(result)).toBe(0);
        expect(result.ok && result.note).toContain('不属保障范围');
      }
    },
  );

  it.each(['脑膜瘤', '肾衰竭', '疑似肺癌', '肺癌+心脏支架', 'PCI术后'])('reports the diagnosis %s that needs review as unrecognised', (diagnosis) => {
    for (const n of [1, 2, 3]) {
      const result = failure(pay(n, 1, '重疾', { diagnosis }));
      expect(result.kind).toBe('unrecognised');
      expect(result.message).toMatch(/^需人工核对：[\s\S]*[\u4e00-\u9fff]/);
    }
  });

  it('plan 4: a suspected breast cancer is unsure, not paid', () => {
    expect(failure(pay(4, 1, '重疾', { diagnosis: '疑似乳腺癌' })).kind).toBe('unrecognised');
  });
});

describe('designated diseases and the waiting period', () => {
  it.each([1, 2, 3, 4])('plan %d: a new member diagnosed on D+119 gets the flat condolence, on D+120 the benefit', (n) => {
    const diagnosis = n === 4 ? '乳腺癌' : '肺癌';
    for (const shares of SHARES) {
      expect(amount(pay(n, shares, '重疾', { diagnosis, effectiveSerial: D, eventSerial: D + 119 }))).toBe(CONDOLENCE_WAITING[n]);
      expect(amount(pay(n, shares, '重疾', { diagnosis, effectiveSerial: D, eventSerial: D + 120 }))).toBe(DISEASE[n] * shares);
    }
  });

  it.each([1, 2, 3, 4])('plan %d: the condolence also applies on the effective date itself', (n) => {
    const diagnosis = n === 4 ? '宫颈癌' : '尿毒症';
    expect(amount(pay(n, 2, '重疾', { diagnosis, effectiveSerial: D, eventSerial: D }))).toBe(CONDOLENCE_WAITING[n]);
  });

  it.each([1, 2, 3])('plan %d: a stent in the waiting period gets the same flat condolence', (n) => {
    const diagnosis = 'PCI 前降支植入支架';
    expect(amount(pay(n, 5, '重疾', { diagnosis, effectiveSerial: D, eventSerial: D + 30 }))).toBe(CONDOLENCE_WAITING[n]);
    expect(amount(pay(n, 5, '重疾', { diagnosis, effectiveSerial: D, eventSerial: D + 120 }))).toBe(STENT[n] * 5);
  });

  it('the condolence is flat: 5 shares get the same as 1', () => {
    for (const n of [1, 2, 3, 4]) {
      const diagnosis = n === 4 ? '卵巢癌' : '肝癌';
      const one = amount(pay(n, 1, '重疾', { diagnosis, effectiveSerial: D, eventSerial: D + 50 }));
      const five = amount(pay(n, 5, '重疾', { diagnosis, effectiveSerial: D, eventSerial: D + 50 }));
      expect(five).toBe(one);
    }
    expect(amount(pay(2, 5, '重疾', { diagnosis: '肝癌', effectiveSerial: D, eventSerial: D + 50 }))).toBe(500);
    expect(amount(pay(3, 5, '重疾', { diagnosis: '肝癌', effectiveSerial: D, eventSerial: D + 50 }))).toBe(260);
  });

  it('plan 4: a cancer it does not cover gets no condolence in the waiting period', () => {
    expect(amount(pay(4, 3, '重疾', { diagnosis: '肺癌', effectiveSerial: D, eventSerial: D + 10 }))).toBe(0);
  });

  it.each([1, 2, 3, 4])('plan %d: renewal at exactly last year’s count does not wait', (n) => {
    const diagnosis = n === 4 ? '乳腺癌' : '肺癌';
    for (const shares of SHARES) {
      expect(amount(pay(n, shares, '重疾', { diagnosis, effectiveSerial: D, eventSerial: D, previousShares: shares }))).toBe(DISEASE[n] * shares);
      expect(amount(pay(n, shares, '重疾', { diagnosis, effectiveSerial: D, eventSerial: D + 119, previousShares: shares }))).toBe(DISEASE[n] * shares);
    }
  });

  it.each([1, 2, 3, 4])('plan %d: renewal with fewer shares than last year does not wait', (n) => {
    const diagnosis = n === 4 ? '乳腺癌' : '肺癌';
    expect(amount(pay(n, 2, '重疾', { diagnosis, effectiveSerial: D, eventSerial: D + 5, previousShares: 4 }))).toBe(DISEASE[n] * 2);
  });

  it.each([1, 2, 3, 4])('plan %d: renewal with added shares pays only the continued shares inside the waiting period', (n) => {
    const diagnosis = n === 4 ? '乳腺癌' : '肺癌';
    expect(amount(pay(n, 5, '重疾', { diagnosis, effectiveSerial: D, eventSerial: D + 119, previousShares: 2 }))).toBe(DISEASE[n] * 2);
    expect(amount(pay(n, 5, '重疾', { diagnosis, effectiveSerial: D, eventSerial: D + 120, previousShares: 2 }))).toBe(DISEASE[n] * 5);
    expect(amount(pay(n, 4, '重疾', { diagnosis, effectiveSerial: D, eventSerial: D + 1, previousShares: 3 }))).toBe(DISEASE[n] * 3);
  });

  it.each([1, 2, 3])('plan %d: renewal with added shares, stent: continued shares at the reduced amount', (n) => {
    expect(amount(pay(n, 5, '重疾', { diagnosis: '心脏支架', effectiveSerial: D, eventSerial: D + 60, previousShares: 2 }))).toBe(STENT[n] * 2);
  });

  it('no dates: no waiting period is applied', () => {
    expect(amount(pay(2, 3, '重疾', { diagnosis: '肺癌' }))).toBe(45000);
  });

  it('an event before the effective date pays 0 and the note says why', () => {
    const before = (n: number, eventName: string, extra: Partial<Claim>) => pay(n, 1, eventName, { effectiveSerial: D, eventSerial: D - 1, ...extra });
    const results = [
      ...[1, 2, 3, 4].map((n) => before(n, '重疾', { diagnosis: n === 4 ? '乳腺癌' : '肺癌' })),
      before(1, '意外身故', {}),
      before(5, '意外医疗', { amountClaimed: 100, eventSerial: D - 30 }),
      before(2, '身故', { diagnosis: '心肌梗死' }),
    ];
    for (const result of results) {
      expect(amount(result)).toBe(0);
      if (result.ok) expect(result.note).toContain('出险日期早于生效日期2026-01-01');
    }
  });
});

describe('death from a disease (身故)', () => {
  it.each(SHARES)('plan 1, %d share(s): the death benefit pays 5,000 per share', (shares) => {
    expect(amount(pay(1, shares, '身故', { diagnosis: '心肌梗死' }))).toBe(5000 * shares);
    expect(amount(pay(1, shares, '身故', { diagnosis: '肺癌' }))).toBe(5000 * shares);
  });

  it('plan 1: a new member dying on D+119 waits (no condolence for plan 1 deaths), on D+120 is paid', () => {
    expect(amount(pay(1, 3, '身故', { diagnosis: '心肌梗死', effectiveSerial: D, eventSerial: D + 119 }))).toBe(0);
    expect(amount(pay(1, 3, '身故', { diagnosis: '心肌梗死', effectiveSerial: D, eventSerial: D + 120 }))).toBe(15000);
  });

  it('plan 1: renewal pays the continued shares inside the waiting period', () => {
    expect(amount(pay(1, 3, '身故', { diagnosis: '脑出血', effectiveSerial: D, eventSerial: D + 10, previousShares: 3 }))).toBe(15000);
    expect(amount(pay(1, 5, '身故', { diagnosis: '脑出血', effectiveSerial: D, eventSerial: D + 10, previousShares: 2 }))).toBe(10000);
  });

  it.each([2, 3, 4])('plan %d: death from a disease it does not cover gets the flat condolence', (n) => {
    for (const shares of SHARES) {
      expect(amount(pay(n, shares, '身故', { diagnosis: '心肌梗死' }))).toBe(CONDOLENCE_OTHER_DEATH[n]);
      expect(amount(pay(n, shares, '身故', { diagnosis: '高血压' }))).toBe(CONDOLENCE_OTHER_DEATH[n]);
    }
  });

  it.each(ALL_PLANS.filter((n) => n !== 5))('plan %d: a death with no cause stated is refused: only a disease cause is paid as 身故', (n) => {
    expect(failure(pay(n, 1, '身故')).message).toContain('死因');
    expect(failure(pay(n, 1, '身故', { diagnosis: ' ' })).kind).toBe('invalid');
  });

  it.each([2, 3, 4])('plan %d: the other-disease condolence is paid on D+119 and D+120 alike', (n) => {
    expect(amount(pay(n, 2, '身故', { diagnosis: '心肌梗死', effectiveSerial: D, eventSerial: D + 119 }))).toBe(CONDOLENCE_OTHER_DEATH[n]);
    expect(amount(pay(n, 2, '身故', { diagnosis: '心肌梗死', effectiveSerial: D, eventSerial: D + 120 }))).toBe(CONDOLENCE_OTHER_DEATH[n]);
  });

  it('plan 4: lung cancer is "another disease" for plan 4, so death from it gets 500', () => {
    expect(amount(pay(4, 3, '身故', { diagnosis: '肺癌' }))).toBe(500);
  });

  it.each([2, 3])('plan %d: death from a covered disease is no "other disease": no condolence (claim 重疾)', (n) => {
    const result = pay(n, 3, '身故', { diagnosis: '肺癌' });
    expect(amount(result)).toBe(0);
  });

  it('plan 4: death from breast cancer is no "other disease": no condolence', () => {
    expect(amount(pay(4, 3, '身故', { diagnosis: '乳腺癌' }))).toBe(0);
  });

  it('plan 2: an unsure cause of death cannot be settled', () => {
    expect(failure(pay(2, 1, '身故', { diagnosis: '疑似肺癌' })).kind).toBe('unrecognised');
  });

  it('plan 5 has no 身故: refused, with 意外身故 named as the near event', () => {
    const result = failure(pay(5, 2, '身故', { diagnosis: '心肌梗死' }));
    expect(result.kind).toBe('invalid');
    expect(result.message).toContain('“意外身故”');
  });
});

describe('accidents (意外)', () => {
  it.each(SHARES)('accidental death, %d share(s): plan 1 pays 5,000 + 5,000 per share, plan 5 12,000', (shares) => {
    expect(amount(pay(1, shares, '意外身故'))).toBe(10000 * shares);
    expect(amount(pay(5, shares, '意外身故'))).toBe(12000 * shares);
    for (const n of [2, 3, 4]) expect(failure(pay(n, shares, '意外身故')).kind).toBe('invalid');
  });

  for (const n of [1, 5]) {
    it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])(`plan ${n}: disability grade %d pays (11 − grade) × 10 % per share`, (grade) => {
      for (const shares of SHARES) {
        const expected = Math.round(DISABILITY_BASE[n] * shares * ratio(grade) * 100) / 100;
        expect(amount(pay(n, shares, '意外伤残', { grade }))).toBeCloseTo(expected, 2);
      }
    });
  }

  it('grade 1 pays the full accident amount, grade 10 a tenth', () => {
    expect(amount(pay(5, 3, '意外伤残', { grade: 1 }))).toBe(36000);
    expect(amount(pay(5, 3, '意外伤残', { grade: 10 }))).toBe(3600);
    expect(amount(pay(1, 2, '意外伤残', { grade: 1 }))).toBe(10000);
    expect(amount(pay(1, 2, '意外伤残', { grade: 10 }))).toBe(1000);
  });

  it('disability does not add plan 1’s death benefit', () => {
    expect(amount(pay(1, 1, '意外伤残', { grade: 1 }))).toBe(5000);
  });

  it.each([0, 11, -1, 1.5, undefined, NaN])('grade %p is invalid', (grade) => {
    expect(failure(pay(5, 1, '意外伤残', { grade })).kind).toBe('invalid');
    expect(failure(pay(1, 1, '意外伤残', { grade })).kind).toBe('invalid');
  });

  it.each([2, 3, 4])('plan %d has no accident events: each is refused with the plan’s events listed', (n) => {
    for (const result of [
      pay(n, 3, '意外伤残', { grade: 1 }),
      pay(n, 3, '意外医疗', { amountClaimed: 1000 }),
      pay(n, 3, '意外住院', { amountClaimed: 1000 }),
    ]) {
      expect(failure(result).kind).toBe('invalid');
      expect(failure(result).message).toContain('本计划的事故类型为 重疾、身故');
    }
  });

  it('plan 5 medical costs: the claimed amount up to 12,000 per share', () => {
    expect(amount(pay(5, 1, '意外医疗', { amountClaimed: 0 }))).toBe(0);
    expect(amount(pay(5, 1, '意外医疗', { amountClaimed: 3456.78 }))).toBe(3456.78);
    expect(amount(pay(5, 1, '意外医疗', { amountClaimed: 11999.99 }))).toBe(11999.99);
    expect(amount(pay(5, 1, '意外医疗', { amountClaimed: 12000 }))).toBe(12000);
    expect(amount(pay(5, 1, '意外医疗', { amountClaimed: 12000.01 }))).toBe(12000);
    expect(amount(pay(5, 2, '意外医疗', { amountClaimed: 20000 }))).toBe(20000);
    expect(amount(pay(5, 2, '意外医疗', { amountClaimed: 30000 }))).toBe(24000);
    expect(amount(pay(5, 5, '意外医疗', { amountClaimed: 1e9 }))).toBe(60000);
  });

  it('plan 1 accident hospital allowance: the claimed amount up to 9,000 per share', () => {
    expect(amount(pay(1, 1, '意外住院', { amountClaimed: 800 }))).toBe(800);
    expect(amount(pay(1, 1, '意外住院', { amountClaimed: 9000 }))).toBe(9000);
    expect(amount(pay(1, 1, '意外住院', { amountClaimed: 9500 }))).toBe(9000);
    expect(amount(pay(1, 3, '意外住院', { amountClaimed: 10000 }))).toBe(10000);
    expect(amount(pay(1, 3, '意外住院', { amountClaimed: 40000 }))).toBe(27000);
  });

  it('plan 1 has no accident medical benefit and plan 5 no hospital allowance: each names the other', () => {
    const plan1 = failure(pay(1, 3, '意外医疗', { amountClaimed: 1000 }));
    expect(plan1.kind).toBe('invalid');
    expect(plan1.message).toContain('重疾、身故、意外身故、意外伤残、意外住院');
    expect(plan1.message).toContain('相近的是“意外住院”');
    const plan5 = failure(pay(5, 3, '意外住院', { amountClaimed: 1000 }));
    expect(plan5.message).toContain('相近的是“意外医疗”');
  });

  it.each([undefined, -1, NaN])('a claimed amount of %p is invalid', (amountClaimed) => {
    expect(failure(pay(5, 1, '意外医疗', { amountClaimed })).kind).toBe('invalid');
    expect(failure(pay(1, 1, '意外住院', { amountClaimed })).kind).toBe('invalid');
  });

  it('accidents inside the waiting period are still paid in full', () => {
    const inWaiting = { effectiveSerial: D, eventSerial: D + 1 };
    expect(amount(pay(1, 3, '意外身故', inWaiting))).toBe(30000);
    expect(amount(pay(1, 2, '意外伤残', { grade: 3, ...inWaiting }))).toBe(8000);
    expect(amount(pay(1, 2, '意外住院', { amountClaimed: 2000, ...inWaiting }))).toBe(2000);
    expect(amount(pay(5, 2, '意外身故', inWaiting))).toBe(24000);
    expect(amount(pay(5, 2, '意外伤残', { grade: 5, ...inWaiting }))).toBe(14400);
    expect(amount(pay(5, 2, '意外医疗', { amountClaimed: 5000, ...inWaiting }))).toBe(5000);
  });

  it('added shares of a renewal are paid in full for accidents inside the waiting period', () => {
    expect(amount(pay(1, 5, '意外身故', { effectiveSerial: D, eventSerial: D + 3, previousShares: 1 }))).toBe(50000);
    expect(amount(pay(5, 5, '意外身故', { effectiveSerial: D, eventSerial: D, previousShares: 1 }))).toBe(60000);
  });
});

describe('the bounds used by checks', () => {
  it('maxPayoutPerShare agrees with the flyer table', () => {
    for (const n of ALL_PLANS) {
      for (const kind of Object.keys(MAX_PER_SHARE[n]) as EventKind[]) {
        expect(maxPayoutPerShare(plan(n), kind)).toBe(MAX_PER_SHARE[n][kind]);
      }
    }
  });

  it('maxCondolence agrees with the flyer: 500, 500, 260, 500, 0', () => {
    expect(ALL_PLANS.map((n) => maxCondolence(plan(n)))).toEqual([500, 500, 260, 500, 0]);
  });

  it('the flyer total of plan 1 is 34,000 = 15,000 + 5,000 + 9,000 + 5,000', () => {
    const total = plan(1).benefits.reduce((sum, b) => sum + b.amountPerShare, 0);
    expect(total).toBe(34000);
  });
});

describe('properties', () => {
  const diagnoses = [
    '肺癌',
    '乳腺癌',
    '宫颈癌',
    '卵巢癌',
    '心脏支架',
    'PCI',
    '尿毒症',
    '肝移植',
    '再生障碍性贫血',
    '心肌梗死',
    '感冒',
    '脑膜瘤',
    '疑似肺癌',
    '肺癌+心脏支架',
    '',
    '主动脉瓣置换',
  ];
  const claimArb = fc.record({
    n: fc.constantFrom(...ALL_PLANS),
    shares: fc.integer({ min: 1, max: 5 }),
    eventName: fc.constantFrom('重疾', '身故', '意外身故', '意外伤残', '意外医疗', '意外住院'),
    diagnosis: fc.constantFrom(...diagnoses),
    grade: fc.integer({ min: 1, max: 10 }),
    amountClaimed: fc.double({ min: 0, max: 1e7, noNaN: true }),
    dates: fc.option(fc.record({ offset: fc.integer({ min: 0, max: 500 }), previous: fc.integer({ min: 0, max: 5 }) })),
  });

  it('a payout never exceeds the per-share maximum × shares + the largest condolence, and is never negative', () => {
    fc.assert(
      fc.property(claimArb, (c) => {
        const result = pay(c.n, c.shares, c.eventName, {
          diagnosis: c.diagnosis,
          grade: c.grade,
          amountClaimed: c.amountClaimed,
          effectiveSerial: c.dates ? D : undefined,
          eventSerial: c.dates ? D + c.dates.offset : undefined,
          previousShares: c.dates?.previous,
        });
        if (!result.ok) {
          expect(['unrecognised', 'invalid']).toContain(result.kind);
          return;
        }
        const kind = event(c.eventName).kind;
        const bound = MAX_PER_SHARE[c.n][kind] * c.shares + Math.max(CONDOLENCE_WAITING[c.n], CONDOLENCE_OTHER_DEATH[c.n]);
        expect(result.amount).toBeGreaterThanOrEqual(0);
        expect(result.amount).toBeLessThanOrEqual(bound);
        expect(result.amount).toBeLessThanOrEqual(maxPayoutPerShare(plan(c.n), kind) * c.shares + maxCondolence(plan(c.n)));
        expect(Number.isFinite(result.amount)).toBe(true);
        expect(result.amount).toBeCloseTo(
          result.parts.reduce((s, p) => s + p.amount, 0),
          2,
        );
      }),
    );
  });

  it('after the waiting period, inside the cover year, a designated disease pays per share × shares, linearly', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 3), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 120, max: 364 }), (n, shares, offset) => {
        expect(amount(pay(n, shares, '重疾', { diagnosis: '肺癌', effectiveSerial: D, eventSerial: D + offset }))).toBe(DISEASE[n] * shares);
      }),
    );
  });

  it('inside the waiting period a new member’s designated disease pays exactly the flat condolence', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 3), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 119 }), (n, shares, offset) => {
        expect(amount(pay(n, shares, '重疾', { diagnosis: '肺癌', effectiveSerial: D, eventSerial: D + offset }))).toBe(CONDOLENCE_WAITING[n]);
      }),
    );
  });

  it('accidents pay the same with or without dates, whatever the offset and last year’s shares', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 5),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 10 }),
        (n, shares, offset, previous, grade) => {
          const dated = { effectiveSerial: D, eventSerial: D + offset, previousShares: previous };
          expect(amount(pay(n, shares, '意外身故', dated))).toBe(amount(pay(n, shares, '意外身故')));
          expect(amount(pay(n, shares, '意外伤残', { grade, ...dated }))).toBe(amount(pay(n, shares, '意外伤残', { grade })));
        },
      ),
    );
  });
});

describe('the catalogue is data', () => {
  it('every plan with a disease benefit has a waiting period of 120 days, plan 5 none', () => {
    expect(PLANS.map((p) => p.waitingDays)).toEqual([120, 120, 120, 120, 0]);
  });
});

describe('a designated disease given by its number (=PAYOUT(…,"重疾",DISEASE(A2)))', () => {
  it.each([1, 2, 3])('plan %i pays the disease amount for "3" and the stent amount for "15"', (n) => {
    expect(amount(pay(n, 2, '重疾', { diagnosis: '3' }))).toBe(DISEASE[n] * 2);
    expect(amount(pay(n, 2, '重疾', { diagnosis: '15' }))).toBe(STENT[n] * 2);
    expect(amount(pay(n, 1, '重疾', { diagnosis: '第7种' }))).toBe(DISEASE[n]);
  });

  it('plan 4 needs the cancer named: a number alone cannot say which cancer', () => {
    const result = pay(4, 1, '重疾', { diagnosis: '1' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.kind).toBe('unrecognised');
  });

  it('numbers outside 1–15 are not disease numbers', () => {
    expect(pay(1, 1, '重疾', { diagnosis: '16' }).ok).toBe(false);
    expect(pay(1, 1, '重疾', { diagnosis: '0' }).ok).toBe(false);
  });
});

describe('a death claimed as 身故 (death from disease)', () => {
  it.each([[1], [2], [4], [5]])('plan %i: an accidental cause is refused and sent to 意外身故', (n) => {
    const result = pay(n, 1, '身故', { diagnosis: '车祸' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.kind).toBe('invalid');
      expect(result.message).toContain('意外身故');
    }
  });

  it('the generic word 死亡 names no event: the clerk must say which death', () => {
    expect(findEvent('死亡')).toBeNull();
    expect(findEvent('身故')?.kind).toBe('diseaseDeath');
    expect(findEvent('意外身故')?.kind).toBe('accidentDeath');
  });

  it('plan 1: a disease death inside the waiting period pays nothing, and says why', () => {
    const result = pay(1, 2, '身故', { diagnosis: '心肌梗死', effectiveSerial: D, eventSerial: D + 119 });
    expect(amount(result)).toBe(0);
    if (result.ok) expect(result.note).toContain('免责期');
    expect(amount(pay(1, 2, '身故', { diagnosis: '心肌梗死', effectiveSerial: D, eventSerial: D + 120 }))).toBe(DISEASE_DEATH[1] * 2);
  });
});
