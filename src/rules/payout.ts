/**
 * What a member is paid for one claim: the plan's benefits for the event, the waiting period, and
 * the flat condolence payments (慰问金). Inputs are already-typed values; the faces convert theirs.
 */
import { Benefit, DISABILITY_RATIOS, EVENTS, EventDefinition, EventKind, Plan } from './catalogue';
import { classifyDiagnosis, designatedDiseaseName, matchDiagnosis, refusalMessage } from './diseases';
import { ACCIDENT_CAUSE_WORDS, WOMENS_CANCERS } from './diseaseCatalogue';
import { roundYuan } from './money';
import { normalisePlanText } from './plans';
import { coveredShares } from './waiting';

export interface Claim {
  plan: Plan;
  shares: number;
  event: EventDefinition;
  /** Diagnosis text for disease events. */
  diagnosis?: string;
  /** Disability grade 1–10 for accidentDisability. */
  grade?: number;
  /** Amount claimed (yuan) for accidentMedical / accidentHospital. */
  amountClaimed?: number;
  effectiveSerial?: number;
  eventSerial?: number;
  previousShares?: number;
}

export interface PayoutPart {
  label: string;
  amount: number;
}

export type PayoutFailure = {
  ok: false;
  /** unrecognised: the diagnosis could not be settled (#N/A); invalid: a detail or date is wrong (#VALUE!). */
  kind: 'unrecognised' | 'invalid';
  message: string;
};

export type PayoutResult = { ok: true; amount: number; parts: PayoutPart[]; note?: string } | PayoutFailure;

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

function paid(parts: PayoutPart[], note?: string): PayoutResult {
  const amount = roundYuan(parts.reduce((sum, part) => sum + part.amount, 0));
  return { ok: true, amount, parts, note };
}

function invalid(message: string): PayoutFailure {
  return { ok: false, kind: 'invalid', message };
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

function designatedDiseasePayout(claim: Claim): PayoutResult {
  const diagnosis = claim.diagnosis ?? '';
  if (diagnosis.trim() === '') return invalid('重疾给付须在"明细"参数填写诊断');
  const coverage = diseaseCoverage(claim.plan, diagnosis);
  if ('ok' in coverage) return coverage;
  if (!coverage.covered) return paid([], `${claim.plan.shortName}不保障此疾病（${coverage.reason}）`);
  const { covered, waiting } = sharesCovering(claim);
  const benefit = benefitsFor(claim.plan, 'designatedDisease')[0];
  const perShare = benefit.reducedFor?.[coverage.diseaseNumber] ?? benefit.amountPerShare;
  if (covered === 0 && waiting > 0) {
    const condolence = claim.plan.condolence?.diseaseInWaiting;
    return condolence
      ? paid([{ label: '免责期内患指定疾病慰问金', amount: condolence }], '事故日期在免责期内')
      : paid([], '事故日期在免责期内');
  }
  return paid([{ label: `${benefit.label}:${coverage.label}`, amount: perShare * covered }]);
}

function diseaseDeathPayout(claim: Claim): PayoutResult {
  const accident = ACCIDENT_CAUSE_WORDS.find((word) => (claim.diagnosis ?? '').includes(word));
  if (accident) return invalid(`死因“${accident}”属意外：请按“意外身故”申报`);
  const benefits = benefitsFor(claim.plan, 'diseaseDeath');
  if (benefits.length > 0) {
    const { covered, waiting } = sharesCovering(claim);
    if (covered === 0 && waiting > 0) return paid([], '事故日期在免责期内');
    return paid(benefits.map((b) => ({ label: b.label, amount: b.amountPerShare * covered })));
  }
  const condolence = claim.plan.condolence?.deathFromOtherDisease;
  if (!condolence) return paid([], `${claim.plan.shortName}不保障疾病身故`);
  const diagnosis = claim.diagnosis ?? '';
  if (diagnosis.trim() !== '') {
    const coverage = diseaseCoverage(claim.plan, diagnosis);
    if ('ok' in coverage) {
      // A diagnosis that is no designated disease at all is an "other disease": the condolence applies.
      if (matchDiagnosis(diagnosis).kind !== 'unknown') return coverage;
    } else if (coverage.covered) {
      return paid([], '死因属本计划保障的疾病：请按重疾申报');
    }
  }
  return paid([{ label: '因其它疾病身故慰问金', amount: condolence }]);
}

function accidentPayout(claim: Claim): PayoutResult {
  const benefits = benefitsFor(claim.plan, claim.event.kind);
  if (benefits.length === 0) return paid([], `${claim.plan.shortName}不保障${claim.event.names[0]}`);
  switch (claim.event.detail) {
    case 'grade': {
      const ratio = claim.grade === undefined ? undefined : DISABILITY_RATIOS[claim.grade];
      if (ratio === undefined) {
        return invalid(`意外伤残须在"明细"参数填写伤残等级 ${Object.keys(DISABILITY_RATIOS).join('、')} 之一`);
      }
      return paid(benefits.map((b) => ({ label: `${b.label}（${claim.grade}级）`, amount: b.amountPerShare * claim.shares * ratio })));
    }
    case 'amount': {
      const claimed = claim.amountClaimed;
      if (claimed === undefined || !(claimed >= 0)) return invalid(`${claim.event.names[0]}须在"明细"参数填写申请金额（元，不小于0）`);
      return paid(benefits.map((b) => ({ label: b.label, amount: Math.min(claimed, b.amountPerShare * claim.shares) })));
    }
    default:
      return paid(benefits.map((b) => ({ label: b.label, amount: b.amountPerShare * claim.shares })));
  }
}

/**
 * The yuan the member receives for the claim, condolence payments included.
 * 综合 3 份, 重疾 "肺癌", no dates → 45,000; the same 30 days after the effective date → 500.
 */
export function computePayout(claim: Claim): PayoutResult {
  if (claim.effectiveSerial !== undefined && claim.eventSerial !== undefined && claim.eventSerial < claim.effectiveSerial) {
    return invalid('事故日期早于生效日期，不在保障期内');
  }
  switch (claim.event.kind) {
    case 'designatedDisease':
      return designatedDiseasePayout(claim);
    case 'diseaseDeath':
      return diseaseDeathPayout(claim);
    default:
      return accidentPayout(claim);
  }
}

/** The most a claim of this event can pay per share: the bound used by property tests and checks. */
export function maxPayoutPerShare(plan: Plan, kind: EventKind): number {
  return benefitsFor(plan, kind).reduce((sum, b) => sum + b.amountPerShare, 0);
}

/** The largest flat condolence the plan pays. */
export function maxCondolence(plan: Plan): number {
  return Math.max(0, plan.condolence?.diseaseInWaiting ?? 0, plan.condolence?.deathFromOtherDisease ?? 0);
}
