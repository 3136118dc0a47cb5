/** The register's year in figures: per plan the claims and amounts, and the people helped (the flyer's year report). */
import { isoFromSerial } from '../dates';
import { roundYuan } from '../money';
import { Finding, SkippedSheet } from '../roster/types';
import { ClaimResult, ClaimsSummary, PlanClaimsSummary, RegisterSheet } from './types';

interface Tally {
  claims: number;
  payable: number;
  paid: number;
  unpaid: number;
  overdue: number;
  helped: Set<string>;
  condoled: Set<string>;
}

function newTally(): Tally {
  return { claims: 0, payable: 0, paid: 0, unpaid: 0, overdue: 0, helped: new Set(), condoled: new Set() };
}

/** A claim counts toward the people helped or condoled once paid (给付日期 set). */
function add(tally: Tally, claim: ClaimResult): void {
  tally.claims += 1;
  if (claim.status === 'overdue') tally.overdue += 1;
  if (claim.payable === null) return;
  tally.payable += claim.payable;
  const person = claim.id ?? `${claim.sheet}!${claim.row}`;
  if (claim.status === 'paid') {
    tally.paid += claim.payable;
    if (claim.payable - claim.condolence > 0) tally.helped.add(person);
    if (claim.condolence > 0) tally.condoled.add(person);
  } else {
    tally.unpaid += claim.payable;
  }
}

export function summariseClaims(
  claims: readonly ClaimResult[],
  findings: readonly Finding[],
  sheets: readonly RegisterSheet[],
  skipped: readonly SkippedSheet[],
  today: number,
): ClaimsSummary {
  const all = newTally();
  const byPlan = new Map<number, { name: string; tally: Tally }>();
  for (const claim of claims) {
    add(all, claim);
    if (claim.planNumber === null || claim.plan === null) continue;
    let entry = byPlan.get(claim.planNumber);
    if (!entry) byPlan.set(claim.planNumber, (entry = { name: claim.plan, tally: newTally() }));
    add(entry.tally, claim);
  }
  const plans: PlanClaimsSummary[] = [...byPlan]
    .sort((a, b) => a[0] - b[0])
    .map(([plan, { name, tally }]) => ({
      plan,
      planName: name,
      claims: tally.claims,
      payable: roundYuan(tally.payable),
      paid: roundYuan(tally.paid),
      unpaid: roundYuan(tally.unpaid),
      overdue: tally.overdue,
      peopleHelped: tally.helped.size,
      peopleCondoled: tally.condoled.size,
    }));
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  return {
    today: isoFromSerial(today),
    claims: all.claims,
    payable: roundYuan(all.payable),
    paid: roundYuan(all.paid),
    unpaid: roundYuan(all.unpaid),
    overdue: all.overdue,
    dueSoon: claims.filter((claim) => claim.status === 'dueSoon').length,
    review: claims.filter((claim) => claim.status === 'review').length,
    peopleHelped: all.helped.size,
    peopleCondoled: all.condoled.size,
    plans,
    sheets: sheets.map(({ computed, ...sheet }) => (void computed, sheet)),
    skipped: [...skipped],
    errors,
    warnings: findings.length - errors,
  };
}
