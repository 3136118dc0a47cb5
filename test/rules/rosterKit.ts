/**
 * Helpers for the roster engine's tests: ID numbers with correct check characters, roster rows
 * built from named fields, and short views of the findings. Not a test file itself.
 */
import { Field, standardHeader } from '../../src/rules/roster/columns';
import { Finding, RosterReport, RuleId } from '../../src/rules/roster';

/** ISO 7064 MOD 11-2, written independently of src/rules/idNumber.ts. */
export function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11];
}

export interface IdParts {
  /** Two-digit province code (45 = 广西). */
  province?: string;
  /** The four digits after the province. */
  area?: string;
  /** YYYYMMDD. */
  birth?: string;
  /** Three digits; the last one odd for a man, even for a woman. Overrides `sex`. */
  seq?: string;
  sex?: 'M' | 'F';
}

/** An 18-character ID with the right check character: makeId({ birth: '19800101', sex: 'F' }). */
export function makeId({ province = '45', area = '0421', birth = '19800101', seq, sex = 'M' }: IdParts = {}): string {
  const sequence = seq ?? (sex === 'M' ? '123' : '124');
  const first17 = `${province}${area}${birth}${sequence}`;
  if (!/^\d{17}$/.test(first17)) throw new Error(`makeId: bad parts ${first17}`);
  return first17 + checkChar(first17);
}

/** The n-th distinct person (n < 500) of a sex, born on `birth`. */
export function personId(n: number, sex: 'M' | 'F' = 'M', birth = '19800101'): string {
  const last = sex === 'M' ? 1 : 0;
  const seq = String(n * 2 + last).padStart(3, '0');
  if (seq.length > 3) throw new Error('personId: n too large');
  return makeId({ birth, seq });
}

/** One roster row, by field. Absent fields are written as blank cells. */
export type Person = Partial<Record<Field, unknown>>;

/** The standard header most tests use: A 序号 … J 出资方式. */
export const STANDARD_FIELDS: Field[] = ['seq', 'unit', 'name', 'sex', 'id', 'plan', 'shares', 'effectiveDate', 'previousShares', 'funding'];

/** Column letter of a field in the standard header (A-based). */
export function letterOf(field: Field, fields: readonly Field[] = STANDARD_FIELDS): string {
  const index = fields.indexOf(field);
  if (index < 0) throw new Error(`letterOf: ${field} is not a column`);
  return String.fromCharCode(65 + index);
}

/** A valid member: a man born 1980-01-01, 综合, 1 share, effective 2026-01-01. */
export function member(overrides: Person = {}): Person {
  return {
    name: '张三',
    sex: '男',
    id: makeId(),
    plan: '综合',
    shares: 1,
    effectiveDate: '2026-01-01',
    ...overrides,
  };
}

/** Header row then one row per person, columns in `fields` order. */
export function rosterRows(people: readonly Person[], fields: readonly Field[] = STANDARD_FIELDS, headers?: readonly string[]): unknown[][] {
  const headerRow = headers ? [...headers] : fields.map((field) => standardHeader(field));
  return [headerRow, ...people.map((person, i) => fields.map((field) => (field === 'seq' ? (person.seq ?? i + 1) : (person[field] ?? null))))];
}

/** Short view of a finding for assertions: "G3 SHARES_OVER_MAX" or "row 3 MISSING_FIELD". */
export function brief(finding: Finding): string {
  return `${finding.file ? `${finding.file}/` : ''}${finding.sheet}!${finding.cell ?? `row${finding.row}`} ${finding.rule}`;
}

export function briefs(report: RosterReport, rule?: RuleId): string[] {
  return report.findings.filter((f) => rule === undefined || f.rule === rule).map(brief);
}

export function rulesOf(report: RosterReport): RuleId[] {
  return report.findings.map((f) => f.rule);
}

/** A Date as exceljs gives date cells: midnight UTC. */
export function utcDate(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}
