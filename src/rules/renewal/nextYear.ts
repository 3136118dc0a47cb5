/**
 * Next year's roster (续保花名册) from this year's: the same people and plans, 上年份数 and 份数 =
 * this year's shares, 生效日期 = the same day next year; people who will have reached the statutory
 * retirement age by then are left out and listed. Pure: rows of values in, rows of values out.
 */
import { COVER_MONTHS } from '../catalogue';
import { addMonths, isoFromSerial, serialFromYmd, ymdFromSerial } from '../dates';
import { parseIdNumber } from '../idNumber';
import { serviceAgeStatus } from '../retirement';
import { RosterChecker, RowRecord } from '../roster/engine';
import { Field } from '../roster/columns';
import { TEMPLATE_COLUMNS } from '../roster/template';
import type { SheetInput } from '../roster/types';

export type NextYearValue = string | number | null;

/** Someone left out of next year's roster. */
export interface RetiringMember {
  id: string;
  name: string;
  unit: string;
  plan: string;
  shares: number | null;
  /** Next year's effective date and the latest retirement date possible, YYYY-MM-DD. */
  nextEffectiveDate: string;
  retirementDate: string;
  file?: string;
  sheet: string;
  row: number;
}

export interface NextYearRoster {
  /** The template's columns (TEMPLATE_COLUMNS): headers first, then one row per member. */
  fields: Field[];
  headers: string[];
  /** Values in `fields` order; 生效日期 as an Excel serial number, 身份证号 as text. */
  rows: NextYearValue[][];
  retiring: RetiringMember[];
  /** This year's rows not carried twice: a person listed twice in one plan goes over once. */
  duplicatesDropped: number;
}

/**
 * The same day COVER_MONTHS later. A 29 February becomes 28 February (the month's last day), as
 * Excel's EDATE does, so that the date stays in the same month; the project's reading.
 */
export function nextEffectiveSerial(serial: number): number {
  return serialFromYmd(addMonths(ymdFromSerial(serial), COVER_MONTHS));
}

/** A cell value as the new roster holds it: text and numbers as they are, anything else as text. */
function carried(value: unknown): NextYearValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  return String(value);
}

function valueFor(field: Field, record: RowRecord, next: number | null): NextYearValue {
  const cells = record.cells ?? {};
  switch (field) {
    case 'unit':
      return record.unit;
    case 'name':
      return record.name || null;
    case 'id': {
      const raw = cells.id;
      // A valid ID goes over as text (its normal form: no spaces, upper-case X); anything else as it was, to be fixed.
      if (record.id !== null && typeof raw === 'string') return raw.trim().replace(/\s+/g, '').toUpperCase();
      return carried(raw);
    }
    case 'plan':
      return record.plan ? record.plan.shortName : carried(cells.plan);
    case 'shares':
      return record.shares ?? carried(cells.shares);
    case 'previousShares':
      return record.shares;
    case 'effectiveDate':
      return next ?? carried(cells.effectiveDate);
    default:
      return carried(cells[field]);
  }
}

/** Builds next year's roster from this year's person rows (read with keepCells). */
export function nextYearRosterFrom(records: readonly RowRecord[]): NextYearRoster {
  const fields = TEMPLATE_COLUMNS.map((column) => column.field);
  const out: NextYearRoster = { fields, headers: TEMPLATE_COLUMNS.map((column) => column.header), rows: [], retiring: [], duplicatesDropped: 0 };
  const seen = new Set<string>();
  for (const record of records) {
    if (record.id && record.plan) {
      const key = `${record.id}\u0000${record.plan.number}`;
      if (seen.has(key)) {
        out.duplicatesDropped += 1;
        continue;
      }
      seen.add(key);
    }
    const next = record.effective === null ? null : nextEffectiveSerial(record.effective);
    const parsed = record.id ? parseIdNumber(record.id) : null;
    if (next !== null && parsed?.valid) {
      const status = serviceAgeStatus(parsed.birth, parsed.sex, next);
      if (status.status === 'retired') {
        const member: RetiringMember = {
          id: record.id as string,
          name: record.name,
          unit: record.unit,
          plan: record.plan?.shortName ?? '',
          shares: record.shares,
          nextEffectiveDate: isoFromSerial(next),
          retirementDate: isoFromSerial(serialFromYmd(status.retirementDate)),
          sheet: record.sheet.name,
          row: record.row,
        };
        if (record.sheet.file !== undefined) member.file = record.sheet.file;
        out.retiring.push(member);
        continue;
      }
    }
    const row = fields.map((field) => valueFor(field, record, next));
    row[fields.indexOf('seq')] = out.rows.length + 1;
    out.rows.push(row);
  }
  return out;
}

/** Next year's roster from whole sheets of this year's roster (one roster, however many sheets). */
export function nextYearRoster(sheets: readonly SheetInput[]): NextYearRoster {
  const checker = new RosterChecker({ keepCells: true });
  for (const sheet of sheets) checker.addSheet(sheet);
  checker.finish();
  return nextYearRosterFrom(checker.personRows());
}
