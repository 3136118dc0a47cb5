/**
 * The waiting period (免责期): with effective date D, days D … D+waitingDays−1 wait and D+waitingDays
 * is the first day of full cover. A renewal's continued shares (up to last year's count) do not
 * wait; added shares do. Accidents never wait.
 */
import { Plan } from './catalogue';

/** First day (serial) on which the given shares are all covered. */
export function coverStartSerial(plan: Plan, effectiveSerial: number, previousShares = 0, shares?: number): number {
  const renewsEverything = previousShares > 0 && (shares === undefined || shares <= previousShares);
  return renewsEverything ? effectiveSerial : effectiveSerial + plan.waitingDays;
}

/** Is an event on eventSerial inside the waiting period of shares that began on effectiveSerial? */
export function inWaitingPeriod(plan: Plan, effectiveSerial: number, eventSerial: number): boolean {
  return eventSerial < effectiveSerial + plan.waitingDays;
}

/**
 * How many of the member's shares cover a non-accident event on eventSerial: continued shares
 * always, added (or new) shares only once their waiting period is over.
 */
export function coveredShares(
  plan: Plan,
  shares: number,
  previousShares: number,
  effectiveSerial: number,
  eventSerial: number,
): { covered: number; waiting: number } {
  const continued = Math.min(Math.max(previousShares, 0), shares);
  const added = shares - continued;
  if (!inWaitingPeriod(plan, effectiveSerial, eventSerial)) return { covered: shares, waiting: 0 };
  return { covered: continued, waiting: added };
}
