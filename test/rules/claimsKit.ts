/**
 * Helpers for the claims engine's tests: registers and rosters built from named fields. Not a test
 * file itself.
 */
import { ClaimField, claimHeader, ClaimsReport, computeClaims } from '../../src/rules/claims';
import { parseDate } from '../../src/rules/dates';
import { rosterRecordsOf, SheetInput } from '../../src/rules/roster';
import { Person, rosterRows, STANDARD_FIELDS } from './rosterKit';

export type ClaimRowFields = Partial<Record<ClaimField, unknown>>;

/** The register's typed columns in the template's order: A 序号 … K 备注. */
export const REGISTER_FIELDS: ClaimField[] = ['seq', 'unit', 'name', 'id', 'plan', 'event', 'detail', 'eventDate', 'reviewDate', 'paidDate', 'remark'];

/** Column letter of a register field (A-based). */
export function registerLetter(field: ClaimField, fields: readonly ClaimField[] = REGISTER_FIELDS): string {
  return String.fromCharCode(65 + fields.indexOf(field));
}

export function registerRows(claims: readonly ClaimRowFields[], fields: readonly ClaimField[] = REGISTER_FIELDS, title?: string): unknown[][] {
  const rows: unknown[][] = title ? [[title]] : [];
  rows.push(fields.map((field) => claimHeader(field)));
  claims.forEach((claim, i) => rows.push(fields.map((field) => (field === 'seq' ? (claim.seq ?? i + 1) : (claim[field] ?? null)))));
  return rows;
}

export function serial(iso: string): number {
  const value = parseDate(iso);
  if (value === null) throw new Error(`serial: ${iso}`);
  return value;
}

export interface Scenario {
  roster: Person[] | SheetInput[];
  claims: ClaimRowFields[];
  today?: string;
  fields?: ClaimField[];
  title?: string;
}

function isSheets(roster: Person[] | SheetInput[]): roster is SheetInput[] {
  return roster.length > 0 && 'rows' in (roster[0] as object);
}

/** Runs the engine on a roster (people on one sheet, or sheets) and a register built from rows. */
export function settle({ roster, claims, today = '2026-12-01', fields, title }: Scenario): ClaimsReport {
  const rosterSheets = isSheets(roster) ? roster : [{ name: '花名册', rows: rosterRows(roster, STANDARD_FIELDS) }];
  return computeClaims({
    register: [{ name: '理赔登记', rows: registerRows(claims, fields, title) }],
    roster: rosterRecordsOf(rosterSheets),
    today: serial(today),
  });
}

/** "H3 CLAIM_DUPLICATE" per finding. */
export function claimBriefs(report: ClaimsReport): string[] {
  return report.findings.map((finding) => `${finding.cell ?? `row${finding.row}`} ${finding.rule}`);
}
