import fc from 'fast-check';
import { EventKind, PLANS } from '../../src/rules/catalogue';
import { catalogueTable } from '../../src/rules/catalogueTable';
import { serialFromYmd } from '../../src/rules/dates';
import { Claim, computePayout, findEvent, limitFor, PayoutResult, PayoutSuccess, payoutNote } from '../../src/rules/payout';
import { planByNumber } from '../../src/rules/plans';

/**
 * The yearly limits (保障限额) as the flyer's table writes them, read here independently of the code:
 * plan 1 34,000 per share = four parts each its own limit (diseases 15,000, accident 5,000, accident
 * hospital allowance 9,000, death 5,000); plan 2 15,000; plan 3 7,500; plan 4 12,000; plan 5 12,000
 * shared by accidental death, disability and medical costs. Condolence payments lie outside them.
 */
const LIMITS: Record<number, Record<string, number>> = {
  1: { disease: 15000, accident: 5000, hospital: 9000, death: 5000 },
  2: { disease: 15000 },
  3: { disease: 7500 },
  4: { cancer: 12000 },
  5: { accident: 12000 },
};
const COLUMN: Record<number, number> = { 1: 34000, 2: 15000, 3: 7500, 4: 12000, 5: 12000 };

const D = serialFromYmd({ year: 2026, month: 1, day: 1 });
const plan = (n: number) => planByNumber(n)!;
const event = (name: string) => findEvent(name)!;

function pay(n: number, shares: number, eventName: string, extra: Partial<Claim> = {}): PayoutResult {
  return computePayout({ plan: plan(n), shares, event: event(eventName), ...extra });
}

function ok(result: PayoutResult): PayoutSuccess {
  if (!result.ok) throw new Error(`expected a payout, got ${result.kind}: ${result.message}`);
  return result;
}

describe('the limits in the catalogue', () => {
  it.each([1, 2, 3, 4, 5])('plan %d: parts and the column figure agree with the flyer', (n) => {
    const parts = Object.fromEntries(plan(n).limits.map((l) => [l.part, l.perShare]));
    expect(parts).toEqual(LIMITS[n]);
    expect(plan(n).limitTotalPerShare).toBe(COLUMN[n]);
    expect(plan(n).limits.reduce((sum, l) => sum + l.perShare, 0)).toBe(COLUMN[n]);
    for (const limit of plan(n).limits) expect(limit.source).toMatch(/宣传单/);
  });

  it('every benefit counts against a limit its plan defines', () => {
    for (const p of PLANS) for (const b of p.benefits) expect(p.limits.map((l) => l.part)).toContain(b.limit);
  });

  it('PLANS() shows the limit column and its parts', () => {
    const [header, ...rows] = catalogueTable(PLANS);
    const column = header.indexOf('保障限额(元/份/年)');
    expect(column).toBeGreaterThan(0);
    expect(rows.map((row) => row[column])).toEqual([34000, 15000, 7500, 12000, 12000]);
    const parts = header.indexOf('限额组成');
    expect(rows[0][parts]).toContain('意外伤害住院补助 9000');
    expect(rows[4][parts]).toContain('共用');
  });
});

describe('limitFor', () => {
  it.each<[number, EventKind, string]>([
    [1, 'designatedDisease', 'plan1:disease'],
    [1, 'accidentDeath', 'plan1:accident'],
    [1, 'accidentDisability', 'plan1:accident'],
    [1, 'accidentHospital', 'plan1:hospital'],
    [1, 'diseaseDeath', 'plan1:death'],
    [2, 'designatedDisease', 'plan2:disease'],
    [2, 'diseaseDeath', 'plan2:disease'],
    [3, 'designatedDisease', 'plan3:disease'],
    [4, 'designatedDisease', 'plan4:cancer'],
    [5, 'accidentDeath', 'plan5:accident'],
    [5, 'accidentDisability', 'plan5:accident'],
    [5, 'accidentMedical', 'plan5:accident'],
  ])('plan %d, %s → %s', (n, kind, id) => {
    expect(limitFor(plan(n), kind)?.id).toBe(id);
  });

  it.each<[number, EventKind]>([
    [1, 'accidentMedical'],
    [2, 'accidentDeath'],
    [4, 'accidentHospital'],
    [5, 'designatedDisease'],
    [5, 'diseaseDeath'],
  ])('plan %d has no %s: null', (n, kind) => {
    expect(limitFor(plan(n), kind)).toBeNull();
  });

  it('ids are unique across plans and parts', () => {
    const ids = PLANS.flatMap((p) => p.limits.map((l) => limitFor(p, p.benefits.find((b) => b.limit === l.part)!.events[0])?.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('one claim against its limit', () => {
  it('plan 2: a stent then a cancer in the same year — 3,000 then 12,000 (not 15,000)', () => {
    const stent = ok(pay(2, 1, '重疾', { diagnosis: '冠状动脉支架植入术' }));
    expect(stent.amount).toBe(3000);
    expect(stent.limit).toEqual({ id: 'plan2:disease', label: '十五种指定疾病(手术)', perShare: 15000, total: 15000, remaining: 12000 });
    const cancer = ok(pay(2, 1, '重疾', { diagnosis: '肺癌', paidBefore: stent.towardLimit }));
    expect(cancer.amount).toBe(12000);
    expect(cancer.limit.remaining).toBe(0);
    expect(cancer.note).toContain('本年度已付3,000元，限额剩余12,000元');
  });

  it('plan 5: medical costs then death share one limit — 4,000 then 20,000 of 24,000', () => {
    const medical = ok(pay(5, 2, '意外医疗', { amountClaimed: 4000 }));
    expect(medical.limit.remaining).toBe(20000);
    const death = ok(pay(5, 2, '意外身故', { paidBefore: 4000 }));
    expect(death.amount).toBe(20000);
    expect(death.limit).toMatchObject({ id: 'plan5:accident', total: 24000, remaining: 0 });
  });

  it('plan 1: each part has its own limit — a hospital allowance does not reduce the disease benefit', () => {
    expect(ok(pay(1, 1, '意外住院', { amountClaimed: 9000 })).limit).toMatchObject({ id: 'plan1:hospital', remaining: 0 });
    expect(ok(pay(1, 1, '重疾', { diagnosis: '肺癌', paidBefore: 0 })).amount).toBe(15000);
  });

  it('plan 1: the death part of an accidental death is capped by what paidBeforeByLimit says it has paid', () => {
    const result = ok(pay(1, 1, '意外身故', { paidBeforeByLimit: { 'plan1:death': 5000 } }));
    expect(result.amount).toBe(5000);
    expect(result.otherLimits[0]).toMatchObject({ id: 'plan1:death', remaining: 0 });
  });

  it('plan 1: an accidental death after a disability pays the accident part left plus the whole death part', () => {
    const result = ok(pay(1, 2, '意外身故', { paidBefore: 3000 }));
    expect(result.amount).toBe(7000 + 10000);
    expect(result.limit).toMatchObject({ id: 'plan1:accident', total: 10000, remaining: 0 });
    expect(result.towardLimit).toBe(7000);
    expect(result.otherLimits).toEqual([{ id: 'plan1:death', label: '身故保障', perShare: 5000, total: 10000, remaining: 0 }]);
  });

  it('a limit already used up pays 0 and says so; more than the limit paid before never goes negative', () => {
    for (const paidBefore of [15000, 15001, 1e9]) {
      const result = ok(pay(2, 1, '重疾', { diagnosis: '肺癌', paidBefore }));
      expect(result.amount).toBe(0);
      expect(result.limit.remaining).toBe(0);
      expect(result.note).toContain('按限额给付');
    }
  });

  it('condolences lie outside the limit: the waiting-period 500 is paid with the limit used up', () => {
    const result = ok(pay(2, 1, '重疾', { diagnosis: '肺癌', effectiveSerial: D, eventSerial: D + 118, paidBefore: 15000 }));
    expect(result.amount).toBe(500);
    expect(result.towardLimit).toBe(0);
    expect(result.note).toBe('第119天，仍在免责期：慰问金500元；本年度已付15,000元，限额剩余0元；给付500元，十五种指定疾病(手术)限额剩余0元');
    const death = ok(pay(3, 2, '身故', { diagnosis: '心肌梗死', paidBefore: 15000 }));
    expect(death.amount).toBe(260);
    expect(death.parts[0].limitId).toBeUndefined();
  });

  it('the limit total is per covered share: added shares still waiting do not count', () => {
    const result = ok(pay(2, 5, '重疾', { diagnosis: '肺癌', effectiveSerial: D, eventSerial: D + 30, previousShares: 2 }));
    expect(result.amount).toBe(30000);
    expect(result.limit.total).toBe(30000);
    expect(result.note).toContain('新增3份仍在免责期');
  });

  it('the note is part of the result wherever it is read: as a property and in JSON', () => {
    const result = ok(pay(2, 1, '重疾', { diagnosis: '肺癌', paidBefore: 3000 }));
    const copy = JSON.parse(JSON.stringify(result)) as PayoutSuccess;
    expect(copy.note).toBe(result.note);
    expect(copy).toEqual({ ok: true, amount: 12000, parts: result.parts, limit: result.limit, towardLimit: 12000, otherLimits: [], note: result.note });
  });

  it.each([-1, NaN, Infinity])('paidBefore %p is invalid', (paidBefore) => {
    expect(pay(2, 1, '重疾', { diagnosis: '肺癌', paidBefore }).ok).toBe(false);
  });

  it('payoutNote gives the reason of a failure', () => {
    expect(payoutNote({ plan: plan(1), shares: 1, event: event('意外医疗'), amountClaimed: 10 })).toContain('意外住院');
    expect(payoutNote({ plan: plan(2), shares: 1, event: event('重疾'), diagnosis: '疑似肺癌' })).toContain('疑似');
  });
});

describe('properties: the sum paid in a cover year never exceeds the limit', () => {
  /** A claim of one member in one year; the register feeds each payment's towardLimit into paidBefore. */
  const claimArb = fc.record({
    eventName: fc.constantFrom('重疾', '身故', '意外身故', '意外伤残', '意外医疗', '意外住院'),
    diagnosis: fc.constantFrom('肺癌', '心脏支架', '乳腺癌', '宫颈癌', '尿毒症', '心肌梗死', '肝移植'),
    grade: fc.integer({ min: 1, max: 10 }),
    amountClaimed: fc.double({ min: 0, max: 1e6, noNaN: true }),
    offset: fc.integer({ min: 0, max: 364 }),
  });

  it('for any sequence of claims, per limit: Σ towardLimit ≤ perShare × shares, every amount ≥ 0', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 3, 4, 5), fc.integer({ min: 1, max: 5 }), fc.array(claimArb, { maxLength: 8 }), (n, shares, claims) => {
        const paid = new Map<string, number>();
        for (const c of claims) {
          const kind = event(c.eventName).kind;
          const own = limitFor(plan(n), kind);
          const before = own ? (paid.get(own.id) ?? 0) : 0;
          const result = pay(n, shares, c.eventName, {
            diagnosis: c.diagnosis,
            grade: c.grade,
            amountClaimed: c.amountClaimed,
            effectiveSerial: D,
            eventSerial: D + c.offset,
            previousShares: shares,
            paidBefore: before,
            paidBeforeByLimit: Object.fromEntries(paid),
          });
          if (!result.ok) continue;
          expect(result.amount).toBeGreaterThanOrEqual(0);
          for (const p of result.parts) {
            if (p.limitId) paid.set(p.limitId, (paid.get(p.limitId) ?? 0) + p.amount);
          }
          expect(result.towardLimit).toBeLessThanOrEqual(Math.max(0, result.limit.total - before) + 1e-6);
        }
        for (const limit of plan(n).limits) {
          const sum = paid.get(`plan${n}:${limit.part}`) ?? 0;
          expect(sum).toBeLessThanOrEqual(limit.perShare * shares + 1e-6);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('amount − condolences ≤ total − paidBefore, and remaining = total − paidBefore − towardLimit (not below 0)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 3, 4, 5),
        fc.integer({ min: 1, max: 5 }),
        claimArb,
        fc.double({ min: 0, max: 2e5, noNaN: true }),
        (n, shares, c, paidBefore) => {
          const result = pay(n, shares, c.eventName, { ...c, paidBefore });
          if (!result.ok) return;
          const condolence = result.parts.filter((p) => !p.limitId).reduce((s, p) => s + p.amount, 0);
          const other = result.otherLimits.reduce((s, l) => s + (l.total - l.remaining), 0);
          expect(result.amount - condolence - other).toBeLessThanOrEqual(Math.max(0, result.limit.total - paidBefore) + 0.005);
          expect(result.limit.remaining).toBeCloseTo(Math.max(0, result.limit.total - paidBefore - result.towardLimit), 2);
          expect(result.note.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
