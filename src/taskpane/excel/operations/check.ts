/**
 * The roster check: finds the sheets to read (two syncs), reads each used range in blocks of rows
 * (blocks.ts, one sync per block) into the roster engine (RosterChecker), so the pane finds exactly
 * what the command finds, then (unless told not to) clears the last check's marks and marks the
 * faulty cells (marks.ts).
 *
 * - A cell covered by a merged area reads as the area's value (what the clerk sees; Range.values
 *   reads it blank), where Excel can list merged areas (blocks.ts).
 * - Hidden sheets are passed over in whole-workbook mode and listed in summary.skipped, as the
 *   command lists them.
 * - A workbook in the 1904 date system (told by DATE(2000,1,1), asked in the first sync) has its
 *   date serials read as such, as the command reads the file's date1904 flag.
 */
import { DATE1904_OFFSET_DAYS } from '../../../rules/dates';
import { HIDDEN_SHEET_REASON, RosterChecker, RosterReport } from '../../../rules/roster';
import type { ExcelContext } from '../door';
import { BYTES_PER_VALUE_CELL, chunkRows, MARKS_SHEET, MAX_SHEET_CELLS } from '../plan';
import { AdapterError, CheckResult, Notice, OperationOptions, Scope } from '../types';
import { readBlocks } from './blocks';
import { clearIn, markIn } from './marks';

/**
 * Office.js has no date-system property, so the adapter asks Excel for DATE(2000, 1, 1)
 * (Workbook.functions, ExcelApi 1.2): 36526 in the 1900 date system, 1462 days fewer in the 1904
 * one (old Mac workbooks), whose Range.values give dates as 1904 serials.
 */
const DATE_2000_IN_1904_SYSTEM = 36526 - DATE1904_OFFSET_DAYS;

export interface UsedRange {
  address: string;
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

export interface Target {
  name: string;
  /** Hidden or very hidden: passed over (whole-workbook mode), listed in summary.skipped. */
  hidden: boolean;
  sheet: Excel.Worksheet;
  protected: boolean;
  /** Null for a hidden or empty sheet or one too large to read. */
  used: UsedRange | null;
  /** Empty: the engine lists it as skipped ("工作表为空"), as the command does. */
  empty: boolean;
}

export interface Workbook {
  targets: Target[];
  sheetNames: string[];
  /** Workbook structure protected: no sheet can be added or deleted. */
  structureProtected: boolean;
  /** The workbook uses the 1904 date system: Range.values gives dates as 1904 serials. */
  date1904: boolean;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AdapterError('cancelled');
}

/** The check operation's result, less the syncs (the door counts them). */
export type CheckOutcome = Omit<CheckResult, 'syncs'>;

export async function check(context: ExcelContext, options: { scope: Scope; mark?: boolean } & OperationOptions): Promise<CheckOutcome> {
  const notices: Notice[] = [];
  const workbook = await openWorkbook(context, options.scope, notices);
  const report = await readRoster(context, workbook, notices, options);
  return { report, notices, ...(await markReport(context, report, workbook, notices, options)) };
}

/** Unless told not to: clears the last check's marks, then marks this report's findings. */
export async function markReport(
  context: ExcelContext,
  report: RosterReport,
  workbook: Workbook,
  notices: Notice[],
  options: { mark?: boolean } & OperationOptions,
): Promise<{ marked: number; notes: number }> {
  if (options.mark === false) return { marked: 0, notes: 0 };
  const cleared = await clearIn(context, notices, options);
  if (cleared.restored + cleared.notesRemoved > 0) notices.push({ code: 'previousMarksCleared', count: cleared.restored });
  return markIn(context, report.findings, workbook, cleared.storeRows, notices, options);
}

/** The sheets to read, their used ranges and protection, and the date system: two syncs. */
export async function openWorkbook(context: ExcelContext, scope: Scope, notices: Notice[]): Promise<Workbook> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name,items/visibility');
  const active = sheets.getActiveWorksheet();
  active.load('name');
  const protection = context.workbook.protection.load('protected');
  const dateProbe = context.workbook.functions.date(2000, 1, 1).load('value');
  await context.sync();
  const date1904 = dateProbe.value === DATE_2000_IN_1904_SYSTEM;

  // In the workbook's order: the sheets to read, and the hidden ones, passed over but listed.
  const chosen: { name: string; hidden: boolean }[] = [];
  if (scope === 'activeSheet') {
    chosen.push({ name: active.name, hidden: false });
  } else {
    for (const sheet of sheets.items) {
      // The add-in's own marks sheet is never listed. Its summary sheets are read like any other:
      // they have no roster header, so the engine lists them as skipped, as the command does.
      if (sheet.name === MARKS_SHEET) continue;
      if (sheet.visibility !== 'Visible') {
        notices.push({ code: 'hiddenSkipped', sheet: sheet.name });
        chosen.push({ name: sheet.name, hidden: true });
      } else {
        chosen.push({ name: sheet.name, hidden: false });
      }
    }
  }
  const pending = chosen.map(({ name, hidden }) => {
    const sheet = sheets.getItem(name);
    if (hidden) return { name, hidden, sheet, used: null };
    sheet.protection.load('protected');
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load('address,rowIndex,columnIndex,rowCount,columnCount');
    return { name, hidden, sheet, used };
  });
  await context.sync();

  const targets = pending.map(({ name, hidden, sheet, used }): Target => {
    const target: Target = { name, hidden, sheet, protected: !hidden && sheet.protection.protected, used: null, empty: false };
    if (used === null) return target;
    if (used.isNullObject) {
      target.empty = true;
      notices.push({ code: 'emptySheet', sheet: name });
    } else if (used.rowCount * used.columnCount > MAX_SHEET_CELLS) {
      notices.push({ code: 'tooLarge', sheet: name, detail: used.address, count: used.rowCount * used.columnCount });
    } else {
      target.used = {
        address: used.address,
        rowIndex: used.rowIndex,
        columnIndex: used.columnIndex,
        rowCount: used.rowCount,
        columnCount: used.columnCount,
      };
    }
    return target;
  });
  return { targets, sheetNames: sheets.items.map((sheet) => sheet.name), structureProtected: protection.protected, date1904 };
}

/** Reads each sheet's used range in blocks of rows, one sync per block, into the engine (a checker of the caller's: renewal gives one with last year's roster). */
export async function readRoster(
  context: ExcelContext,
  workbook: Workbook,
  notices: Notice[],
  options: OperationOptions,
  checker: RosterChecker = new RosterChecker(),
): Promise<RosterReport> {
  const { targets, date1904 } = workbook;
  const total = targets.reduce((sum, target) => sum + (target.used?.rowCount ?? 0), 0);
  // Sheets the pane has already said something about: no second "not checked" notice for them.
  const noticed = new Set<string>();
  let done = 0;
  for (const target of targets) {
    if (target.hidden) {
      checker.skipSheet(target.name, HIDDEN_SHEET_REASON);
      noticed.add(target.name);
      continue;
    }
    if (target.empty) {
      // Listed by the engine as an empty sheet, as the command lists it.
      checker.beginSheet(target.name).end();
      noticed.add(target.name);
      continue;
    }
    const used = target.used;
    if (!used) continue;
    const session = checker.beginSheet(target.name, { firstColumn: used.columnIndex + 1, date1904 });
    const rowsPerRead = await readBlocks(context, target.sheet, used, {
      property: 'values',
      bytesPerCell: BYTES_PER_VALUE_CELL,
      merges: true,
      take: (rows, firstRow) => {
        for (let i = 0; i < rows.length; i += 1) session.addRow(rows[i], firstRow + i + 1);
        done += rows.length;
      },
      before: () => {
        throwIfAborted(options.signal);
        options.onProgress?.({ phase: 'reading', sheet: target.name, done, total });
      },
    });
    session.end();
    const reduced = rowsPerRead < chunkRows(used.columnCount, context.budgetBytes);
    if (reduced) notices.push({ code: 'readChunkReduced', sheet: target.name, count: rowsPerRead });
  }
  throwIfAborted(options.signal);
  options.onProgress?.({ phase: 'reading', done: total, total });
  const report = checker.finish();
  for (const skipped of report.summary.skipped) {
    if (!noticed.has(skipped.sheet)) notices.push({ code: 'noHeader', sheet: skipped.sheet, detail: skipped.reason });
  }
  return report;
}
