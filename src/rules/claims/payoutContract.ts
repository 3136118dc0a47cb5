/**
 * The one place where the register meets the money rules of issue 8 (payout.ts, the cover period,
 * the working-day calendar): PAYOUT with `paidBefore`, the limit a claim counts against, the
 * PAYOUTNOTE line, the last covered day and CLAIMDUE with extra holiday dates. Everything else in
 * src/rules/claims speaks to these few functions only.
 */
import { addMonths, serialFromYmd, ymdFromSerial } from '../dates';
import { Claim, computePayout, PayoutFailure, PayoutPart } from '../payout';
import { DueDate, nthWorkdayAfter } from '../workdays';

/** The yearly limit (保障限额) a claim counts against, as the payout reports it. */
export interface LimitState {
  id: string;
  label: string;
  perShare: number;
  /** perShare × covered shares: what all claims toward this limit may pay in one cover year. */
  total: number;
  /** What is left after this claim. */
  remaining: number;
}

export type ClaimPayout =
  | {
      ok: true;
      amount: number;
      parts: PayoutPart[];
      limit?: LimitState;
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

type LimitedPart = PayoutPart & { limitId?: string };

/** A part counted against no limit is a condolence payment (慰问金). */
function condolenceOf(parts: readonly LimitedPart[]): number {
  return parts.filter((part) => part.limitId === undefined).reduce((sum, part) => sum + part.amount, 0);
}

function towardLimits(parts: readonly LimitedPart[]): Map<string, number> {
  const toward = new Map<string, number>();
  for (const part of parts) if (part.limitId !== undefined) toward.set(part.limitId, (toward.get(part.limitId) ?? 0) + part.amount);
  return toward;
}

/** PAYOUT for one claim, `paidBefore` yuan already paid toward the same limit in the same cover year. */
export function payoutFor(claim: Claim, paidBefore: number): ClaimPayout {
  const result = computePayout({ ...claim, paidBefore } as Claim);
  if (!result.ok) return result;
  const limit = (result as { limit?: LimitState }).limit;
  return { ...result, limit, note: result.note ?? '', condolence: condolenceOf(result.parts), towardLimits: towardLimits(result.parts) };
}

/** The id of the limit a claim of this event counts against, or null when it counts against none. */
export function limitIdFor(claim: Claim): string | null {
  return `plan${claim.plan.number}:${claim.event.kind}`;
}

/** The last covered day of cover that began on effectiveSerial: the day before the anniversary. */
export function coverEnd(effectiveSerial: number): number {
  return serialFromYmd(addMonths(ymdFromSerial(effectiveSerial), 12)) - 1;
}

/** CLAIMDUE: the workdays-th working day after the review date, with the clerk's extra dates. */
export function dueAfter(reviewSerial: number, workdays: number, calendar: WorkdayCalendar = {}): DueDate {
  void calendar;
  return nthWorkdayAfter(reviewSerial, workdays);
}
