/**
 * The one place where the register meets the money rules of issue 8 (payout.ts, cover.ts,
 * workdays.ts): PAYOUT with what the member was already paid toward each limit, the limit a claim
 * counts against, the PAYOUTNOTE line, the last covered day and CLAIMDUE with extra holiday dates.
 * Everything else in src/rules/claims speaks to these few functions only.
 */
import { coverEndSerial } from '../cover';
import { Claim, computePayout, limitFor, PayoutFailure, PayoutLimit, PayoutPart } from '../payout';
import { DueDate, nthWorkdayAfter } from '../workdays';

export type ClaimPayout =
  | {
      ok: true;
      amount: number;
      parts: PayoutPart[];
      /** The limit the event counts against, after this payment. */
      limit: PayoutLimit;
      /** PAYOUTNOTE's line. */
      note: string;
      /** Yuan of condolence payments (慰问金): paid by the union, outside every limit. */
      condolence: number;
      /** Limit id → yuan of this payment counted against it. */
      towardLimits: Map<string, number>;
    }
  | PayoutFailure;

/** Extra dates for CLAIMDUE (serials): holidays and adjusted working days beyond the built-in schedule. */
export interface WorkdayCalendar {
  holidays?: readonly number[];
  extraWorkdays?: readonly number[];
}

/** A part counted against no limit is a condolence payment (慰问金). */
function condolenceOf(parts: readonly PayoutPart[]): number {
  return parts.filter((part) => part.limitId === undefined).reduce((sum, part) => sum + part.amount, 0);
}

function towardLimits(parts: readonly PayoutPart[]): Map<string, number> {
  const toward = new Map<string, number>();
  for (const part of parts) if (part.limitId !== undefined) toward.set(part.limitId, (toward.get(part.limitId) ?? 0) + part.amount);
  return toward;
}

/**
 * PAYOUT for one claim, given what earlier claims of the same cover year paid toward each limit
 * (limit id → yuan): the event's own limit and any other its benefits use.
 */
export function payoutFor(claim: Claim, paidByLimit: ReadonlyMap<string, number>): ClaimPayout {
  const own = limitIdFor(claim);
  const result = computePayout({
    ...claim,
    paidBefore: own === null ? 0 : (paidByLimit.get(own) ?? 0),
    paidBeforeByLimit: Object.fromEntries(paidByLimit),
  });
  if (!result.ok) return result;
  // The note is a getter (built when read): read it here, a spread would lose it.
  const { amount, parts, limit, note } = result;
  return { ok: true, amount, parts, limit, note, condolence: condolenceOf(parts), towardLimits: towardLimits(parts) };
}

/** The id of the limit a claim of this event counts against, or null when the plan has no such event. */
export function limitIdFor(claim: Claim): string | null {
  return limitFor(claim.plan, claim.event.kind)?.id ?? null;
}

/** The last covered day of cover that began on effectiveSerial: the day before the anniversary. */
export function coverEnd(effectiveSerial: number): number {
  return coverEndSerial(effectiveSerial);
}

/** CLAIMDUE: the workdays-th working day after the review date, with the clerk's extra dates. */
export function dueAfter(reviewSerial: number, workdays: number, calendar: WorkdayCalendar = {}): DueDate {
  return nthWorkdayAfter(reviewSerial, workdays, {
    ...(calendar.holidays ? { holidays: [...calendar.holidays] } : {}),
    ...(calendar.extraWorkdays ? { extraWorkdays: [...calendar.extraWorkdays] } : {}),
  });
}
