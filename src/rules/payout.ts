/**
 * What a member is paid for one claim: the plan's benefits for the event, the cover period, the
 * waiting period, the yearly limit (保障限额) and the flat condolence payments (慰问金). Inputs are
 * already-typed values; the faces convert theirs.
 *
 * A claims register keeps the limits across a member's claims of one cover year by summing, per limit
 * id, the amounts of the parts that carry that id (parts[].limitId; condolences carry none), and
 * passing the sum for limitFor(plan, event).id as paidBefore and the others as paidBeforeByLimit.
 */
import { Benefit, DISABILITY_RATIOS, EVENTS, EventDefinition, EventKind, LimitDefinition, NEAR_EVENTS, Plan } from './catalogue';
import { checkCoverPeriod } from './cover';
import { classifyDeathCause } from './deathCauses';
import { classifyDiagnosis, designatedDiseaseName, matchDiagnosis, refusalMessage } from './diseases';
import { WOMENS_CANCERS } from './diseaseCatalogue';
import { roundYuan, yuanText } from './money';
import { normalisePlanText } from './plans';
import { coveredShares } from './waiting';

export interface Claim {
  plan: Plan;
  shares: number;
  event: EventDefinition;
  /** Diagnosis text for disease events; the cause of death for 身故. */
  diagnosis?: string;
  /** Disability grade 1–10 for accidentDisability. */
  grade?: number;
  /** Amount claimed (yuan) for accidentMedical / accidentHospital. */
  amountClaimed?: number;
  effectiveSerial?: number;
  eventSerial?: number;
  previousShares?: number;
  /**
   * Yuan already paid to this member in the same cover year toward the limit this event counts
   * against (limitFor). Condolence payments are not counted: they lie outside every limit.
   */
  paidBefore?: number;
  /**
   * Yuan already paid this cover year per limit id, for the other limits a claim may use (plan 1's
   * accidental death also pays the 身故保障 part, 'plan1:death'). paidBefore wins for the event's own limit.
   */
  paidBeforeByLimit?: Readonly<Record<string, number>>;
}

export interface PayoutPart {
  label: string;
  amount: number;
  /** The limit id this part counts against; absent for condolence payments (工会组织给予, outside the limits). */
  limitId?: string;
}

/** The yearly limit a payment counted against, after this payment. */
export interface PayoutLimit {
  /** plan<number>:<part>, unique per plan and limit part ('plan1:disease'). */
  id: string;
  label: string;
  perShare: number;
  /** perShare × the shares covering this event. */
  total: number;
  /** total − paidBefore − this payment's share of it, never below 0. */
  remaining: number;
}

export type PayoutFailure = {
  ok: false;
  /** unrecognised: the diagnosis could not be settled (#N/A); invalid: a detail or date is wrong (#VALUE!). */
  kind: 'unrecognised' | 'invalid';
  message: string;
};

export interface PayoutSuccess {
  ok: true;
  amount: number;
  parts: PayoutPart[];
  /** PAYOUTNOTE's one line of Chinese: how the amount was reached. */
  note: string;
  /** The limit the event counts against (limitFor), after this payment. */
  limit: PayoutLimit;
  /** The part of amount counted against `limit` (condolences and plan 1's death part are not). */
  towardLimit: number;
  /** Other limits this payment used (plan 1's accidental death also pays the 身故保障 part). */
  otherLimits: PayoutLimit[];
}

export type PayoutResult = PayoutSuccess | PayoutFailure;

const EVENT_INDEX = new Map(EVENTS.flatMap((event) => event.names.map((name) => [normalisePlanText(name), event] as const)));

/** The event a clerk typed: 重疾, 身故, 意外身故, 意外伤残, 意外医疗, 意外住院 (and their other names). */
export function findEvent(text: string): EventDefinition | null {
  return EVENT_INDEX.get(normalisePlanText(text)) ?? null;
}

export function eventChoicesText(): string {
  return EVENTS.map((event) => event.names[0]).join('、');
}

function benefitsFor(plan: Plan, kind: EventKind): Benefit[] {
  return plan.benefits.filter((benefit) => benefit.events.includes(kind));
}

/** The events a plan pays for: its benefits' events, its diseases, and death when it pays a condolence. */
export function planEvents(plan: Plan): EventDefinition[] {
  return EVENTS.filter(
    (event) =>
      benefitsFor(plan, event.kind).length > 0 ||
      (event.kind === 'designatedDisease' && plan.covers !== 'none') ||
      (event.kind === 'diseaseDeath' && plan.condolence?.deathFromOtherDisease !== undefined),
  );
}

/** "综合不保障“意外医疗”：本计划的事故类型为 重疾、身故…；本计划相近的是“意外住院”". */
function unknownEventMessage(plan: Plan, event: EventDefinition): string {
  const own = planEvents(plan);
  const list = own.map((e) => e.names[0]).join('、');
  const near = NEAR_EVENTS.find((pair) => pair.from === event.kind && own.some((e) => e.kind === pair.to));
  const nearName = near ? EVENTS.find((e) => e.kind === near.to)?.names[0] : undefined;
  const hint = near && nearName ? `；${near.hint.replace('{near}', `“${nearName}”`)}` : '';
  return `${plan.shortName}不保障“${event.names[0]}”：本计划的事故类型为 ${list}${hint}`;
}

function limitIdOf(plan: Plan, part: string): string {
  return `plan${plan.number}:${part}`;
}

export interface LimitRef extends LimitDefinition {
  id: string;
}

/** Each plan's limits with their ids, built once per plan (the catalogue does not change). */
const LIMIT_REFS = new WeakMap<Plan, Map<string, LimitRef>>();

function limitByPart(plan: Plan, part: string): LimitRef {
  let refs = LIMIT_REFS.get(plan);
  if (!refs) {
    // Frozen: the same objects are handed to every caller.
    refs = new Map(plan.limits.map((limit) => [limit.part, Object.freeze({ ...limit, id: limitIdOf(plan, limit.part) })]));
    LIMIT_REFS.set(plan, refs);
  }
  const ref = refs.get(part);
  if (!ref) throw new Error(`计划${plan.number}的目录缺少限额 ${part}`);
  return ref;
}

/** The limit a part's id names ('plan1:death' → plan 1's death limit). */
function limitOfId(plan: Plan, id: string): LimitRef {
  return limitByPart(plan, id.slice(id.indexOf(':') + 1));
}

/**
 * The limit an event counts against: the limit of the plan's first benefit for it (plan 1's
 * accidental death: the accident part; its 身故保障 part is paid beside it), or, for an event paid
 * only by a condolence, the plan's one limit (nothing counts against it). null: the plan does not
 * have the event.
 */
export function limitFor(plan: Plan, eventKind: EventKind): LimitRef | null {
  let byEvent = LIMIT_FOR.get(plan);
  if (!byEvent) {
    byEvent = new Map(EVENTS.map((event) => [event.kind, findLimitFor(plan, event.kind)]));
    LIMIT_FOR.set(plan, byEvent);
  }
  return byEvent.get(eventKind) ?? null;
}

/** limitFor's answers per plan: PAYOUT asks on every call, and the catalogue does not change. */
const LIMIT_FOR = new WeakMap<Plan, Map<EventKind, LimitRef | null>>();

function findLimitFor(plan: Plan, eventKind: EventKind): LimitRef | null {
  if (!planEvents(plan).some((event) => event.kind === eventKind)) return null;
  const benefit = benefitsFor(plan, eventKind)[0] ?? benefitsFor(plan, 'designatedDisease')[0] ?? plan.benefits[0];
  return benefit ? limitByPart(plan, benefit.limit) : null;
}

function invalid(message: string): PayoutFailure {
  return { ok: false, kind: 'invalid', message };
}

/** What the event's rule decided before the limit: gross parts, the shares covering it, and why. */
interface Gross {
  parts: PayoutPart[];
  /** Shares whose cover applies to the event (the waiting shares excluded). */
  covered: number;
  /** The words of the note that explain the amount before the limit (built only when the note is read). */
  why: () => string;
}

type Decision = Gross | PayoutFailure;

function isFailure(decision: Decision | Coverage): decision is PayoutFailure {
  return 'ok' in decision && decision.ok === false;
}

/** Whether the diagnosis is a disease this plan's disease benefit covers; why not when it is not. */
type Coverage = { covered: true; diseaseNumber: number; label: string } | { covered: false; reason: string } | PayoutFailure;

/** A detail that is a designated disease's number (=PAYOUT(…,"重疾",DISEASE(A2)) passes 1–15). */
function diseaseNumberOf(diagnosis: string): number | null {
  const match = /^第?(\d{1,2})种?$/.exec(diagnosis.trim());
  const number = match ? Number(match[1]) : NaN;
  return designatedDiseaseName(number) === undefined ? null : number;
}

function diseaseCoverage(plan: Plan, diagnosis: string): Coverage {
  if (plan.covers === 'none') return { covered: false, reason: `${plan.shortName}不保障疾病` };
  const number = diseaseNumberOf(diagnosis);
  if (number !== null) {
    if (plan.covers === 'designated15') return { covered: true, diseaseNumber: number, label: `第${number}种${designatedDiseaseName(number)}` };
    return { ok: false, kind: 'unrecognised', message: `${plan.shortName}只保障${WOMENS_CANCERS.length}种女性癌症，请填写诊断名称（如乳腺癌），不能只填序号` };
  }
  // Needs review → #N/A with the reason; not covered → 0 with the reason (issue 8).
  const result = classifyDiagnosis(diagnosis, plan);
  if (result.outcome === 'review') return { ok: false, kind: 'unrecognised', message: refusalMessage(result) };
  if (result.outcome === 'notCovered') return { covered: false, reason: refusalMessage(result) };
  return { covered: true, diseaseNumber: result.disease, label: result.cancer ?? `第${result.disease}种${result.name}` };
}

function sharesCovering(claim: Claim): { covered: number; waiting: number } {
  if (claim.effectiveSerial === undefined || claim.eventSerial === undefined) return { covered: claim.shares, waiting: 0 };
  return coveredShares(claim.plan, claim.shares, claim.previousShares ?? 0, claim.effectiveSerial, claim.eventSerial);
}

/** "第119天，仍在免责期" (the effective date is day 1). */
function waitingText(claim: Claim): string {
  const day =
    claim.effectiveSerial !== undefined && claim.eventSerial !== undefined ? Math.floor(claim.eventSerial) - Math.floor(claim.effectiveSerial) + 1 : undefined;
  return day === undefined ? '仍在免责期' : `第${day}天，仍在免责期`;
}

function part(plan: Plan, benefit: Benefit, label: string, amount: number): PayoutPart {
  return { label, amount, limitId: limitIdOf(plan, benefit.limit) };
}

function designatedDisease(claim: Claim): Decision {
  const diagnosis = claim.diagnosis ?? '';
  if (diagnosis.trim() === '') return invalid('重疾给付须在"明细"参数填写诊断');
  const coverage = diseaseCoverage(claim.plan, diagnosis);
  if (isFailure(coverage)) return coverage;
  const { covered, waiting } = sharesCovering(claim);
  if (!('diseaseNumber' in coverage)) return { parts: [], covered, why: () => `${claim.plan.shortName}不保障此疾病（${coverage.reason}）` };
  const benefit = benefitsFor(claim.plan, 'designatedDisease')[0];
  const perShare = benefit.reducedFor?.[coverage.diseaseNumber] ?? benefit.amountPerShare;
  if (covered === 0 && waiting > 0) {
    const condolence = claim.plan.condolence?.diseaseInWaiting;
    return condolence
      ? { parts: [{ label: '免责期内患指定疾病慰问金', amount: condolence }], covered, why: () => `${waitingText(claim)}：慰问金${yuanText(condolence)}元` }
      : { parts: [], covered, why: () => waitingText(claim) };
  }
  const amount = perShare * covered;
  const waitingNote = waiting > 0 ? `（新增${waiting}份仍在免责期）` : '';
  return {
    parts: [part(claim.plan, benefit, `${benefit.label}:${coverage.label}`, amount)],
    covered,
    why: () => `${coverage.label} ${yuanText(perShare)}元×${covered}份=${yuanText(amount)}元${waitingNote}`,
  };
}

function diseaseDeath(claim: Claim): Decision {
  const cause = classifyDeathCause(claim.diagnosis ?? '');
  if (cause.kind === 'empty') return invalid('身故给付须在"明细"参数填写死因（如 心肌梗死）：只有因疾病身故才按身故给付');
  if (cause.kind === 'accident') return invalid(`死因“${cause.word}”属意外，不是疾病身故：请按“意外身故”申报`);
  if (cause.kind === 'review') return invalid(`死因“${cause.word}”不是疾病，是否属意外须人工审核（needs review），不按疾病身故给付`);
  const benefits = benefitsFor(claim.plan, 'diseaseDeath');
  const { covered, waiting } = sharesCovering(claim);
  if (benefits.length > 0) {
    if (covered === 0 && waiting > 0) return { parts: [], covered, why: () => waitingText(claim) };
    const parts = benefits.map((b) => part(claim.plan, b, b.label, b.amountPerShare * covered));
    return { parts, covered, why: () => benefits.map((b) => `${b.label} ${yuanText(b.amountPerShare)}元×${covered}份`).join('＋') };
  }
  const condolence = claim.plan.condolence?.deathFromOtherDisease ?? 0;
  const coverage = diseaseCoverage(claim.plan, claim.diagnosis ?? '');
  if (isFailure(coverage)) {
    // A cause that is no designated disease at all is an "other disease": the condolence applies.
    if (matchDiagnosis(claim.diagnosis ?? '').kind !== 'unknown') return coverage;
  } else if ('diseaseNumber' in coverage) {
    return { parts: [], covered, why: () => '死因属本计划保障的疾病：请按重疾申报' };
  }
  return {
    parts: [{ label: '因其它疾病身故慰问金', amount: condolence }],
    covered,
    why: () => `因其它疾病身故：慰问金${yuanText(condolence)}元（不计入限额）`,
  };
}

function accident(claim: Claim): Decision {
  const benefits = benefitsFor(claim.plan, claim.event.kind);
  const shares = claim.shares;
  switch (claim.event.detail) {
    case 'grade': {
      const ratio = claim.grade === undefined ? undefined : DISABILITY_RATIOS[claim.grade];
      if (ratio === undefined) {
        return invalid(`意外伤残须在"明细"参数填写伤残等级 ${Object.keys(DISABILITY_RATIOS).join('、')} 之一`);
      }
      const parts = benefits.map((b) => part(claim.plan, b, `${b.label}（${claim.grade}级）`, b.amountPerShare * shares * ratio));
      return { parts, covered: shares, why: () => `${claim.grade}级伤残 ${Math.round(ratio * 100)}%×${yuanText(benefits[0].amountPerShare)}元×${shares}份` };
    }
    case 'amount': {
      const claimed = claim.amountClaimed;
      if (claimed === undefined || !(claimed >= 0)) return invalid(`${claim.event.names[0]}须在"明细"参数填写申请金额（元，不小于0）`);
      const parts = benefits.map((b) => part(claim.plan, b, b.label, Math.min(claimed, b.amountPerShare * shares)));
      return { parts, covered: shares, why: () => `申请${yuanText(claimed)}元，每份上限${yuanText(benefits[0].amountPerShare)}元×${shares}份` };
    }
    default: {
      const parts = benefits.map((b) => part(claim.plan, b, b.label, b.amountPerShare * shares));
      return { parts, covered: shares, why: () => benefits.map((b) => `${b.label} ${yuanText(b.amountPerShare)}元×${shares}份`).join('＋') };
    }
  }
}

function decide(claim: Claim): Decision {
  switch (claim.event.kind) {
    case 'designatedDisease':
      return designatedDisease(claim);
    case 'diseaseDeath':
      return diseaseDeath(claim);
    default:
      return accident(claim);
  }
}

/** The limit as it stands after paying `paid` toward it, with `before` already paid. */
function limitAfter(ref: LimitRef, covered: number, before: number, paid: number): PayoutLimit {
  const total = ref.perShare * covered;
  return { id: ref.id, label: ref.label, perShare: ref.perShare, total, remaining: roundYuan(Math.max(0, total - before - paid)) };
}

/**
 * Caps the gross parts by their limits: the event's own limit with paidBefore already used, any other
 * limit (plan 1's 身故保障 beside an accidental death) with paidBeforeByLimit's figure used.
 */
function applyLimits(claim: Claim, gross: Gross, own: LimitRef): PayoutResult {
  const paidBefore = claim.paidBefore ?? 0;
  /** Per limit id: what was paid before and what this claim pays toward it. */
  const uses = new Map<string, { before: number; used: number }>();
  const parts: PayoutPart[] = [];
  let capped = false;
  for (const p of gross.parts) {
    if (p.limitId === undefined) {
      parts.push(p); // a condolence: outside every limit
      continue;
    }
    let use = uses.get(p.limitId);
    if (!use) {
      use = { before: p.limitId === own.id ? paidBefore : Math.max(0, claim.paidBeforeByLimit?.[p.limitId] ?? 0), used: 0 };
      uses.set(p.limitId, use);
    }
    const room = Math.max(0, limitOfId(claim.plan, p.limitId).perShare * gross.covered - use.before - use.used);
    const amount = roundYuan(Math.min(p.amount, room));
    if (amount < p.amount) capped = true;
    use.used = roundYuan(use.used + amount);
    parts.push(amount === p.amount ? p : { ...p, amount });
  }
  const towardLimit = uses.get(own.id)?.used ?? 0;
  const otherLimits: PayoutLimit[] = [];
  for (const [id, use] of uses) {
    if (id !== own.id) otherLimits.push(limitAfter(limitOfId(claim.plan, id), gross.covered, use.before, use.used));
  }
  const amount = roundYuan(parts.reduce((sum, p) => sum + p.amount, 0));
  const limit = limitAfter(own, gross.covered, paidBefore, towardLimit);
  return new Paid(amount, parts, limit, towardLimit, otherLimits, () => noteFor(claim, gross, limit, towardLimit, capped, amount));
}

/**
 * A payment. Its note is built when first read: PAYOUT down a column of formulas never reads it, and
 * building it (grouped yuan, several lines of text) cost more than the payout itself.
 */
class Paid implements PayoutSuccess {
  readonly ok = true as const;
  private text: string | undefined;

  constructor(
    readonly amount: number,
    readonly parts: PayoutPart[],
    readonly limit: PayoutLimit,
    readonly towardLimit: number,
    readonly otherLimits: PayoutLimit[],
    private readonly explain: () => string,
  ) {}

  get note(): string {
    this.text ??= this.explain();
    return this.text;
  }

  toJSON(): PayoutSuccess {
    const { ok, amount, parts, limit, towardLimit, otherLimits, note } = this;
    return { ok, amount, parts, limit, towardLimit, otherLimits, note };
  }
}

function noteFor(claim: Claim, gross: Gross, limit: PayoutLimit, towardLimit: number, capped: boolean, amount: number): string {
  const paidBefore = claim.paidBefore ?? 0;
  const pieces = [gross.why()];
  if (paidBefore > 0) pieces.push(`本年度已付${yuanText(paidBefore)}元，限额剩余${yuanText(Math.max(0, limit.total - paidBefore))}元`);
  if (capped) pieces.push(`超出${limit.label}限额，按限额给付`);
  if (towardLimit > 0 || paidBefore > 0) pieces.push(`给付${yuanText(amount)}元，${limit.label}限额剩余${yuanText(limit.remaining)}元`);
  else pieces.push(`给付${yuanText(amount)}元`);
  return pieces.join('；');
}

function outsideCover(claim: Claim, own: LimitRef, reason: string): PayoutResult {
  const limit = limitAfter(own, claim.shares, claim.paidBefore ?? 0, 0);
  return new Paid(0, [], limit, 0, [], () => `${reason}：给付0元`);
}

/**
 * The yuan the member receives for the claim, condolence payments included.
 * 综合 3 份, 重疾 "肺癌", no dates → 45,000; the same 30 days after the effective date → 500;
 * 指定疾病 1 份, 重疾 "肺癌", paidBefore 3,000 (a stent) → 12,000.
 */
export function computePayout(claim: Claim): PayoutResult {
  const own = limitFor(claim.plan, claim.event.kind);
  if (!own) return invalid(unknownEventMessage(claim.plan, claim.event));
  const paidBefore = claim.paidBefore ?? 0;
  const badYuan = (yuan: number) => !Number.isFinite(yuan) || yuan < 0;
  if (badYuan(paidBefore) || (claim.paidBeforeByLimit && Object.values(claim.paidBeforeByLimit).some(badYuan))) {
    return invalid(`本年度已付金额须为不小于0的数字，收到 ${String(claim.paidBefore)}`);
  }
  if (claim.effectiveSerial !== undefined && claim.eventSerial !== undefined) {
    const cover = checkCoverPeriod(claim.effectiveSerial, claim.eventSerial);
    if (!cover.inside) return outsideCover(claim, own, cover.reason);
  }
  const decision = decide(claim);
  return isFailure(decision) ? decision : applyLimits(claim, decision, own);
}

/** PAYOUTNOTE: the one line saying how the amount was reached, or why there is none. */
export function payoutNote(claim: Claim): string {
  const result = computePayout(claim);
  return result.ok ? result.note : result.message;
}

/** The most a claim of this event can pay per share: the bound used by property tests and checks. */
export function maxPayoutPerShare(plan: Plan, kind: EventKind): number {
  return benefitsFor(plan, kind).reduce((sum, b) => sum + b.amountPerShare, 0);
}

/** The largest flat condolence the plan pays. */
export function maxCondolence(plan: Plan): number {
  return Math.max(0, plan.condolence?.diseaseInWaiting ?? 0, plan.condolence?.deathFromOtherDisease ?? 0);
}
