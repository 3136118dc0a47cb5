/**
 * Last year's roster as an input (续保): the members it held, matched to this year's by person (the
 * canonical 18-digit ID, so a 15-digit and an 18-digit form of one person are the same) and plan.
 * Pure: last year's records come from the same roster engine that reads this year's.
 */
import type { Plan } from '../catalogue';
import { findPlan } from '../plans';
import type { RowRecord } from '../roster/engine';
import type { LapsedMember, RenewalSummary } from '../roster/types';

/** One person × plan of last year's roster, with where it stands there. */
export interface PreviousMember extends LapsedMember {
  planNumber: number;
  file?: string;
  sheet: string;
  row: number;
}

const keyOf = (id: string, plan: number): string => `${id}\u0000${plan}`;

export class PreviousRoster {
  private readonly byKey = new Map<string, PreviousMember>();

  /**
   * @param records last year's person rows, as the roster engine read them; rows without a valid ID
   *   or a known plan cannot be matched and are left out. A person × plan listed twice (last year's
   *   own DUPLICATE_ENROLLMENT) counts by its first row, as that rule does.
   * @param premiumTotal last year's premium total, from the same check.
   */
  constructor(
    records: readonly RowRecord[],
    readonly premiumTotal: number,
  ) {
    for (const record of records) {
      if (!record.id || !record.plan) continue;
      const key = keyOf(record.id, record.plan.number);
      if (this.byKey.has(key)) continue;
      const member: PreviousMember = {
        id: record.id,
        name: record.name,
        unit: record.unit,
        plan: record.plan.shortName,
        shares: record.shares,
        planNumber: record.plan.number,
        sheet: record.sheet.name,
        row: record.row,
      };
      if (record.sheet.file !== undefined) member.file = record.sheet.file;
      this.byKey.set(key, member);
    }
  }

  /** Last year's entry of this person (canonical ID) in this plan, or undefined. */
  find(id: string, plan: number): PreviousMember | undefined {
    return this.byKey.get(keyOf(id, plan));
  }

  /** Last year's entry behind a lapsed-list line (its plan given by short name). */
  locate(entry: LapsedMember): PreviousMember | undefined {
    const plan = findPlan(entry.plan);
    return plan ? this.find(entry.id, plan.number) : undefined;
  }

  /** Every person × plan of last year, in roster order. */
  members(): PreviousMember[] {
    return [...this.byKey.values()];
  }

  get size(): number {
    return this.byKey.size;
  }
}

/** "2025.xlsx 花名册!第5行" */
export function previousWhere(member: PreviousMember): string {
  return `${member.file === undefined ? '' : `${member.file} `}${member.sheet}!第${member.row}行`;
}

/** The PREVIOUS_SHARES_MISMATCH message for a typed 上年份数, or null when last year's roster bears it out. */
export function previousSharesMismatch(typed: number, plan: Plan, member: PreviousMember | undefined): string | null {
  if (!member) {
    if (typed === 0) return null;
    return `上年份数填 ${typed} 份，但上年花名册中此人没有参加${plan.shortName}（按新参保人员处理：份数按新参保的上限检查，全部份数有免责期）`;
  }
  if (member.shares === null || member.shares === typed) return null;
  return `上年份数填 ${typed} 份，上年花名册中此人的${plan.shortName}为 ${member.shares} 份（${previousWhere(member)}）`;
}

/** This year's records against last year's roster: the renewal summary (counts of person × plan). */
export function compareYears(records: readonly RowRecord[], previous: PreviousRoster, premiumThisYear: number): RenewalSummary {
  const summary: RenewalSummary = {
    renewing: 0,
    newMembers: 0,
    addedShares: 0,
    reducedShares: 0,
    planSwitches: 0,
    lapsed: [],
    premiumLastYear: previous.premiumTotal,
    premiumThisYear,
  };
  const present = new Set<string>();
  /** Per person: this year's plans that are new to them. */
  const newPlans = new Map<string, number>();
  for (const record of records) {
    if (!record.id || !record.plan) continue;
    const key = keyOf(record.id, record.plan.number);
    if (present.has(key)) continue; // this year's own duplicate: DUPLICATE_ENROLLMENT says so
    present.add(key);
    const last = previous.find(record.id, record.plan.number);
    if (!last) {
      summary.newMembers += 1;
      newPlans.set(record.id, (newPlans.get(record.id) ?? 0) + 1);
      continue;
    }
    summary.renewing += 1;
    if (record.shares !== null && last.shares !== null) {
      if (record.shares > last.shares) summary.addedShares += 1;
      else if (record.shares < last.shares) summary.reducedShares += 1;
    }
  }
  /** Per person: last year's plans dropped this year. */
  const dropped = new Map<string, number>();
  for (const member of previous.members()) {
    if (present.has(keyOf(member.id, member.planNumber))) continue;
    summary.lapsed.push({ id: member.id, name: member.name, unit: member.unit, plan: member.plan, shares: member.shares });
    dropped.set(member.id, (dropped.get(member.id) ?? 0) + 1);
  }
  // A new plan that stands in for a dropped one is a switch: each dropped plan pairs with one new plan.
  for (const [id, added] of newPlans) summary.planSwitches += Math.min(added, dropped.get(id) ?? 0);
  return summary;
}
