/** The claims engine's inputs and outputs: plain data, the same for the pane and the command. */
import type { Finding, RosterRecord, SheetInput, SkippedSheet } from '../roster/types';
import type { ComputedField } from './columns';
import type { WorkdayCalendar } from './payoutContract';

export interface ClaimsInput {
  /** The register's sheets (a sheet without a register header is listed as skipped). */
  register: readonly SheetInput[];
  /** The roster's person rows (RosterChecker.rosterRecords / rosterRecordsOf). */
  roster: readonly RosterRecord[];
  /** Today as a serial: the command's --today, the pane's clock. Never read inside the engine. */
  today: number;
  /** Holidays and adjusted working days beyond the built-in schedule, for the due dates. */
  calendar?: WorkdayCalendar;
}

/**
 * paid: 给付日期 set. review: the amount cannot be settled (the diagnosis needs review, the claim
 * cannot be joined to the roster, is faulty or a duplicate). overdue: an amount is owed and its due
 * date has passed. dueSoon: due within DUE_SOON_WORKDAYS working days. pending: the rest.
 */
export type ClaimStatus = 'paid' | 'overdue' | 'dueSoon' | 'review' | 'pending';

export interface ClaimResult {
  file?: string;
  sheet: string;
  /** The worksheet's 1-based row number. */
  row: number;
  /** The canonical 18-character ID when valid, else the text as typed (null when blank). */
  id: string | null;
  name: string | null;
  /** The plan's short name (综合 …), null when not recognised. */
  plan: string | null;
  planNumber: number | null;
  /** The event's name (重疾 …), null when not recognised. */
  event: string | null;
  /** 出险日期 as YYYY-MM-DD. */
  eventDate: string | null;
  /** Yuan; null when it cannot be settled (review, not enrolled, faulty or duplicate row). */
  payable: number | null;
  /** Of payable, the condolence payment (慰问金) paid outside the plan's benefits. */
  condolence: number;
  /** PAYOUTNOTE's line, or why there is no amount. */
  note: string;
  /** YYYY-MM-DD; null without a 审核日期 (or when it cannot be computed). */
  dueDate: string | null;
  dueSerial: number | null;
  status: ClaimStatus;
}

/** Where the add-in's computed columns are on a register sheet (present, or to be added). */
export interface ComputedColumn {
  field: ComputedField;
  /** The worksheet's 1-based column number. */
  column: number;
  header: string;
  /** The register already has this column; otherwise the faces add its header. */
  present: boolean;
}

export interface RegisterSheet {
  file?: string;
  sheet: string;
  headerRow: number;
  rows: number;
  computed: ComputedColumn[];
}

export interface PlanClaimsSummary {
  plan: number;
  planName: string;
  claims: number;
  /** Yuan payable over the claims whose amount is settled. */
  payable: number;
  /** Yuan of those already paid (给付日期 set). */
  paid: number;
  /** Yuan payable and not yet paid. */
  unpaid: number;
  /** Claims overdue. */
  overdue: number;
  /** People paid a benefit (not only a condolence payment). */
  peopleHelped: number;
  /** People paid a condolence payment (慰问金). */
  peopleCondoled: number;
}

export interface ClaimsSummary {
  today: string;
  claims: number;
  payable: number;
  paid: number;
  unpaid: number;
  overdue: number;
  dueSoon: number;
  review: number;
  peopleHelped: number;
  peopleCondoled: number;
  plans: PlanClaimsSummary[];
  sheets: { file?: string; sheet: string; headerRow: number; rows: number }[];
  skipped: SkippedSheet[];
  errors: number;
  warnings: number;
}

export interface ClaimsReport {
  claims: ClaimResult[];
  findings: Finding[];
  summary: ClaimsSummary;
  /** The register sheets read, with their computed columns (for writing them). */
  sheets: RegisterSheet[];
}
