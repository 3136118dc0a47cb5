/**
 * Share caps: how many shares one member may hold in a plan (the flyer's 份数 rules).
 */
import { Plan } from './catalogue';

/**
 * The cap for one member.
 * - Plans whose unit must be uniform (1, 5), or any unit whose members hold the same count: maxShares.
 * - Plans 2, 3, 4 in a unit whose counts differ: maxSharesIfUnitNotUniform (3), except that a
 *   renewing member may keep last year's count (never above maxShares).
 */
export function maxSharesFor(plan: Plan, unitUniform: boolean, previousShares = 0): number {
  const rule = plan.shares;
  if (unitUniform || rule.uniformRequired || rule.maxSharesIfUnitNotUniform === undefined) return rule.maxShares;
  const renewalCap = rule.renewalMayKeepPrevious ? Math.min(previousShares, rule.maxShares) : 0;
  return Math.max(rule.maxSharesIfUnitNotUniform, renewalCap);
}
