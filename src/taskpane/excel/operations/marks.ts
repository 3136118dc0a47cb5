/**
 * Marks and their removal. Marking gives faulty cells a red (error) or amber (warning) fill and,
 * where ExcelApi 1.18 has notes, a note (without it, a clear leaves the add-in's earlier notes in
 * place and lists them). Before marking it reads each cell's fill in bulk and
 * records it, with the size of the note it added, in a very hidden sheet (plan.ts, MARKS_SHEET)
 * where each marked cell is a formula, =ROW('花名册'!G16), that Excel keeps pointing at the cell
 * when the clerk renames the sheet or inserts or deletes rows. So 清除标记 puts every fill back
 * exactly, even after the workbook was closed, reopened and edited. It never writes a value or
 * formula of the clerk's cells.
 *
 * markIn takes findings with cells, whatever produced them: another check (a claims register)
 * marks its cells through it and shares the one marks sheet and the one 清除标记.
 */
import { quoteSheetName } from '../../../rules/roster';
import type { Finding, Severity } from '../../../rules/roster';
import type { ExcelContext } from '../door';
import {
  batchesBySize,
  BYTES_PER_MARKED_CELL,
  cellsOfRun,
  decodeFill,
  encodeFill,
  FillSnapshot,
  isGradient,
  isNoFill,
  MARK_FILL,
  MarkRecord,
  markRow,
  MARKS_FORMATS,
  MARKS_HEADER,
  MARKS_SHEET,
  NOTE_PREFIX,
  noteText,
  rangesOf,
  readMarkRow,
  sameColor,
  sheetOfChecked,
  StoredMark,
  storedRowFormats,
  utf8Length,
  withoutFill,
} from '../plan';
import { ClearResult, Notice, OperationOptions } from '../types';
import { readBlocks } from './blocks';

const FILL_PROPERTIES: Excel.CellPropertiesLoadOptions = {
  format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true, patternTintAndShade: true } },
};

/** A sheet findings may be marked on. */
export interface MarkTarget {
  name: string;
  sheet: Excel.Worksheet;
  /** Sheet protected: its cells are not marked (a notice says so). */
  protected: boolean;
}

export interface MarkableWorkbook {
  targets: readonly MarkTarget[];
  /** Workbook structure protected: the marks sheet cannot be added, so nothing is marked. */
  structureProtected: boolean;
}

interface CellMark {
  sheet: string;
  cell: string;
  severity: Severity;
  messages: string[];
}

export interface ClearCounts {
  restored: number;
  notesRemoved: number;
  /** Notes of the add-in left in place: this Excel cannot delete notes (no ExcelApi 1.18). */
  notesLeft: number;
  /** Records kept because no sheet matched them. */
  unmatched: number;
  /** Rows left in the marks sheet (header included): 0 when the sheet is gone. */
  storeRows: number;
}

/** The first `max` items for a message, "、"-separated, with " …" when there are more. */
function listed(items: readonly string[], max: number): string {
  return `${items.slice(0, max).join('、')}${items.length > max ? ' …' : ''}`;
}

/** The clear operation (清除标记). */
export async function clearMarks(context: ExcelContext, options: OperationOptions): Promise<Omit<ClearResult, 'syncs'>> {
  const notices: Notice[] = [];
  const { restored, notesRemoved, notesLeft, unmatched } = await clearIn(context, notices, options);
  return { restored, notesRemoved, notesLeft, unmatched, notices };
}

export async function markIn(
  context: ExcelContext,
  findings: readonly Finding[],
  workbook: MarkableWorkbook,
  storeRows: number,
  notices: Notice[],
  options: OperationOptions,
): Promise<{ marked: number; notes: number }> {
  const none = { marked: 0, notes: 0 };
  const located = findings.filter((finding) => finding.cell !== null);
  if (located.length === 0) return none;
  if (workbook.structureProtected) {
    notices.push({ code: 'workbookProtected' });
    return none;
  }
  const byName = new Map(workbook.targets.map((target) => [target.name, target]));
  const cells = new Map<string, CellMark>();
  const protectedSheets = new Set<string>();
  for (const finding of located) {
    const target = byName.get(finding.sheet);
    if (!target) continue;
    if (target.protected) {
      protectedSheets.add(finding.sheet);
      continue;
    }
    const key = `${finding.sheet}\u0000${finding.cell}`;
    const mark = cells.get(key);
    if (!mark) cells.set(key, { sheet: finding.sheet, cell: finding.cell as string, severity: finding.severity, messages: [finding.message] });
    else {
      if (finding.severity === 'error') mark.severity = 'error';
      mark.messages.push(finding.message);
    }
  }
  for (const sheet of protectedSheets) notices.push({ code: 'protected', sheet });
  const marks = [...cells.values()];
  if (marks.length === 0) return none;

  const withNotes = context.supports('1.18');
  if (!withNotes) notices.push({ code: 'notesUnsupported' });

  const store = marksSheet(context, storeRows);
  let done = 0;
  let notes = 0;
  let notesKept = 0;
  let gradients = 0;
  const sizeOf = (mark: CellMark) => BYTES_PER_MARKED_CELL + (withNotes ? utf8Length(noteText(mark.messages)) : 0);
  options.onProgress?.({ phase: 'marking', done: 0, total: marks.length });
  for (const batch of batchesBySize(marks, sizeOf, context.budgetBytes)) {
    // 1. Read the fills (one request per run of cells in a column) and whether a note is there:
    // one sync.
    const sheetOf = (mark: CellMark) => (byName.get(mark.sheet) as MarkTarget).sheet;
    const fillOf = queueFills(batch.map((mark) => ({ sheetName: mark.sheet, sheet: sheetOf(mark), cell: mark.cell })));
    const existingNotes = batch.map((mark) => (withNotes ? sheetOf(mark).notes.getItemOrNullObject(mark.cell) : null));
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per batch, each batch sized for the payload limit
    await context.sync();

    // 2. Record, then mark: one sync. The records are queued first, so that no mark is made
    // without its record.
    const records: MarkRecord[] = [];
    const toFill = new Map<string, { sheet: Excel.Worksheet; color: string; cells: string[] }>();
    const toNote: { sheet: Excel.Worksheet; cell: string; text: string }[] = [];
    batch.forEach((mark, i) => {
      const sheet = sheetOf(mark);
      const snapshot = fillOf(mark.sheet, mark.cell);
      const color = MARK_FILL[mark.severity];
      const gradient = isGradient(snapshot);
      if (gradient) gradients += 1;
      const note = existingNotes[i];
      if (note !== null && !note.isNullObject) notesKept += 1;
      const text = note !== null && note.isNullObject ? noteText(mark.messages) : null;
      records.push({
        sheet: mark.sheet,
        cell: mark.cell,
        fill: gradient ? '' : encodeFill(snapshot),
        noteBytes: text === null ? 0 : utf8Length(text),
        mark: color,
      });
      if (!gradient) {
        const key = `${mark.sheet}\u0000${color}`;
        const group = toFill.get(key);
        if (group) group.cells.push(mark.cell);
        else toFill.set(key, { sheet, color, cells: [mark.cell] });
      }
      if (text !== null) toNote.push({ sheet, cell: mark.cell, text });
    });
    store.append(records);
    for (const { sheet, color, cells: addresses } of toFill.values()) {
      for (const address of rangesOf(addresses)) {
        const format = sheet.getRange(address).format.fill;
        format.color = color;
        format.pattern = 'Solid';
        format.tintAndShade = 0;
      }
    }
    if (withNotes) for (const { sheet, cell, text } of toNote) sheet.notes.add(cell, text);
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per batch, each batch sized for the payload limit
    await context.sync();
    done += records.length;
    notes += toNote.length;
    options.onProgress?.({ phase: 'marking', done, total: marks.length });
  }
  if (notesKept > 0) notices.push({ code: 'notesKept', count: notesKept });
  if (gradients > 0) notices.push({ code: 'gradientKept', count: gradients });
  return { marked: done - gradients, notes };
}

/**
 * Appends records to the marks sheet: creates it, very hidden, with the first records (in the
 * same sync as the first marks), or continues after the `storeRows` rows a clear had to keep.
 */
function marksSheet(context: ExcelContext, storeRows: number): { append(records: MarkRecord[]): void } {
  let sheet: Excel.Worksheet | null = storeRows > 0 ? context.workbook.worksheets.getItem(MARKS_SHEET) : null;
  let nextRow = storeRows;
  return {
    append(records: MarkRecord[]): void {
      if (records.length === 0) return;
      if (sheet === null) {
        sheet = context.workbook.worksheets.add(MARKS_SHEET);
        sheet.visibility = 'VeryHidden';
        nextRow = 0;
        nextRow += writeStoreRows(sheet, nextRow, [[...MARKS_HEADER]], [MARKS_HEADER.map(() => '@')]);
      }
      nextRow += writeStoreRows(
        sheet,
        nextRow,
        records.map(markRow),
        records.map(() => [...MARKS_FORMATS]),
      );
    },
  };
}

// ─── clearing ─────────────────────────────────────────────────────────────────────────────

/**
 * Puts back the fills and deletes the notes recorded in the marks sheet, each at the cell its
 * formula points to now, then deletes the sheet, unless records must stay (a protected sheet, or
 * a record no sheet matches): then the sheet keeps just those.
 */
export async function clearIn(context: ExcelContext, notices: Notice[], options: OperationOptions): Promise<ClearCounts> {
  const counts: ClearCounts = { restored: 0, notesRemoved: 0, notesLeft: 0, unmatched: 0, storeRows: 0 };
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  const store = sheets.getItemOrNullObject(MARKS_SHEET);
  const used = store.getUsedRangeOrNullObject(true);
  used.load('rowIndex,rowCount');
  const protection = context.workbook.protection.load('protected');
  await context.sync();
  if (store.isNullObject) return counts;

  // Read the records' formulas, in blocks like any sheet (a record is about 250 bytes: 64 a cell).
  const stored: StoredMark[] = [];
  let storeEnd = 0;
  if (!used.isNullObject) {
    storeEnd = used.rowIndex + used.rowCount;
    const rect = { rowIndex: used.rowIndex, columnIndex: 0, rowCount: used.rowCount, columnCount: MARKS_HEADER.length };
    await readBlocks(context, store, rect, {
      property: 'formulas',
      bytesPerCell: 64,
      take: (rows) => {
        for (const row of rows) {
          const record = readMarkRow(row);
          if (record) stored.push(record);
        }
      },
    });
  }

  // Where each marked cell is now.
  const names = new Map(sheets.items.map((sheet) => [sheet.name.toLowerCase(), sheet.name]));
  const live: { record: StoredMark; sheet: string; cell: string }[] = [];
  const unmatched: StoredMark[] = [];
  const deletedSheets = new Set<string>();
  let deletedCells = 0;
  for (const record of stored) {
    const { location } = record;
    if (location.kind === 'cell') {
      const sheet = names.get(location.sheet.toLowerCase());
      if (sheet !== undefined && sheet !== MARKS_SHEET) live.push({ record, sheet, cell: location.cell });
      else unmatched.push(record);
    } else if (location.kind === 'sheetDeleted') {
      deletedSheets.add(sheetOfChecked(record.checked));
    } else if (location.kind === 'cellDeleted') {
      deletedCells += 1;
    } else {
      unmatched.push(record);
    }
  }
  for (const sheet of deletedSheets) notices.push({ code: 'marksSheetMissing', sheet });
  if (deletedCells > 0) notices.push({ code: 'markedCellsDeleted', count: deletedCells });

  const kept: StoredMark[] = [];
  // Without ExcelApi 1.18 (Office 2021/2024 LTSC) notes can be neither read nor deleted: the
  // add-in's notes stay in their cells, are listed, and their records stay (fill part done) so
  // that a clear in an Excel with notes removes them.
  const withNotes = context.supports('1.18');
  const notesLeft: { record: StoredMark; at: string }[] = [];
  const protectedSheets = new Set<string>();
  const proxies = new Map<string, Excel.Worksheet>();
  const sheetOf = (name: string): Excel.Worksheet => {
    let sheet = proxies.get(name);
    if (!sheet) {
      sheet = sheets.getItem(name);
      proxies.set(name, sheet);
    }
    return sheet;
  };
  let fillChanged = 0;
  let done = 0;
  options.onProgress?.({ phase: 'clearing', done, total: live.length });
  // A record costs its fill twice (read now, written back) and its note's content (read back).
  const sizeOf = ({ record }: { record: StoredMark }) => BYTES_PER_MARKED_CELL + 2 * utf8Length(record.fill) + record.noteBytes;
  for (const batch of batchesBySize(live, sizeOf, context.budgetBytes)) {
    // 1. Read what is there now: the fill, our note, the sheet's protection. One sync.
    const protections = new Map<string, Excel.WorksheetProtection>();
    for (const { sheet } of batch) {
      if (!protections.has(sheet)) protections.set(sheet, sheetOf(sheet).protection.load('protected'));
    }
    const fillOf = queueFills(batch.filter(({ record }) => record.fill !== '').map(({ sheet, cell }) => ({ sheetName: sheet, sheet: sheetOf(sheet), cell })));
    const ourNotes = batch.map(({ record, sheet, cell }) =>
      withNotes && record.noteBytes > 0 ? sheetOf(sheet).notes.getItemOrNullObject(cell).load('content') : null,
    );
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per batch, each batch sized for the payload limit
    await context.sync();

    // 2. Put back what is still ours. One sync.
    const fills = new Map<string, { sheet: Excel.Worksheet; fill: string; cells: string[] }>();
    batch.forEach(({ record, sheet, cell }, i) => {
      if ((protections.get(sheet) as Excel.WorksheetProtection).protected) {
        protectedSheets.add(sheet);
        kept.push(record);
        return;
      }
      if (record.fill !== '') {
        const now = fillOf(sheet, cell);
        // A cell that no longer has our colour was refilled by the clerk: its fill is theirs now.
        if (!isNoFill(now) && sameColor(now.color, record.mark)) {
          const key = `${sheet}\u0000${record.fill}`;
          const group = fills.get(key);
          if (group) group.cells.push(cell);
          else fills.set(key, { sheet: sheetOf(sheet), fill: record.fill, cells: [cell] });
          counts.restored += 1;
        } else {
          fillChanged += 1;
        }
      }
      if (withNotes) {
        // Our note goes in any case, if it is still ours.
        const note = ourNotes[i];
        if (note && !note.isNullObject && note.content.startsWith(NOTE_PREFIX)) {
          note.delete();
          counts.notesRemoved += 1;
        }
      } else if (record.noteBytes > 0) {
        notesLeft.push({ record: withoutFill(record), at: `${quoteSheetName(sheet)}!${cell}` });
      }
    });
    for (const { sheet, fill, cells } of fills.values()) {
      const original = decodeFill(fill);
      for (const address of rangesOf(cells)) restoreFill(sheet.getRange(address).format.fill, original);
    }
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per batch, each batch sized for the payload limit
    await context.sync();
    done += batch.length;
    options.onProgress?.({ phase: 'clearing', done, total: live.length });
  }
  for (const sheet of protectedSheets) notices.push({ code: 'clearProtected', sheet });
  if (fillChanged > 0) notices.push({ code: 'fillChangedKept', count: fillChanged });
  counts.unmatched = unmatched.length;
  if (unmatched.length > 0) {
    notices.push({
      code: 'marksUnmatched',
      count: unmatched.length,
      detail: listed(
        unmatched.map((record) => record.checked || '?'),
        5,
      ),
    });
  }
  counts.notesLeft = notesLeft.length;
  if (notesLeft.length > 0) {
    notices.push({
      code: 'notesLeft',
      count: notesLeft.length,
      detail: listed(
        notesLeft.map(({ at }) => at),
        10,
      ),
    });
  }

  const keep = [...kept, ...notesLeft.map(({ record }) => record), ...unmatched];
  if (keep.length === 0 && !protection.protected) {
    // The records are done with: delete the sheet (hidden first: a very hidden sheet is made
    // merely hidden before it goes).
    store.visibility = 'Hidden';
    store.delete();
    await context.sync();
    return counts;
  }
  // Records remain (or the workbook's structure is protected, so the sheet cannot go): the sheet
  // keeps the header and those records as read (their formulas point where the cells are now),
  // written over the old rows in batches; the rest is cleared. Never deleted with records in it.
  const rows: string[][] = [[...MARKS_HEADER], ...keep.map((record) => record.row)];
  const formats: string[][] = [MARKS_HEADER.map(() => '@'), ...keep.map(storedRowFormats)];
  const indexes = rows.map((_, i) => i);
  let written = 0;
  const batches = batchesBySize(indexes, (i) => 64 + rows[i].reduce((sum, cell) => sum + utf8Length(cell) + 8, 0), context.budgetBytes);
  for (let b = 0; b < batches.length; b += 1) {
    const batch = batches[b];
    written += writeStoreRows(
      store,
      written,
      batch.map((i) => rows[i]),
      batch.map((i) => formats[i]),
    );
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per batch, each batch sized for the payload limit
    if (b < batches.length - 1) await context.sync();
  }
  if (storeEnd > written) store.getRangeByIndexes(written, 0, storeEnd - written, MARKS_HEADER.length).clear();
  counts.storeRows = written;
  await context.sync();
  return counts;
}

/**
 * Queues the writing of rows of the marks sheet from `row` (zero-based): number formats first, so
 * that a formula is not entered into a text cell, then the formulas. Returns the rows written.
 */
function writeStoreRows(sheet: Excel.Worksheet, row: number, rows: string[][], formats: string[][]): number {
  const range = sheet.getRangeByIndexes(row, 0, rows.length, MARKS_HEADER.length);
  range.numberFormat = formats;
  range.formulas = rows;
  return rows.length;
}

/**
 * Queues Range.getCellProperties for the fills of the given cells, one request per run of cells
 * in a column; after the next sync the returned function gives each cell's fill.
 */
function queueFills(cells: { sheetName: string; sheet: Excel.Worksheet; cell: string }[]): (sheetName: string, cell: string) => FillSnapshot {
  const bySheet = new Map<string, { sheet: Excel.Worksheet; cells: string[] }>();
  for (const { sheetName, sheet, cell } of cells) {
    const group = bySheet.get(sheetName);
    if (group) group.cells.push(cell);
    else bySheet.set(sheetName, { sheet, cells: [cell] });
  }
  const pending: { sheetName: string; run: string; result: OfficeExtension.ClientResult<Excel.CellProperties[][]> }[] = [];
  for (const [sheetName, { sheet, cells: addresses }] of bySheet) {
    for (const run of rangesOf(addresses)) pending.push({ sheetName, run, result: sheet.getRange(run).getCellProperties(FILL_PROPERTIES) });
  }
  let fills: Map<string, FillSnapshot> | null = null;
  return (sheetName, cell) => {
    if (fills === null) {
      fills = new Map();
      for (const { sheetName: name, run, result } of pending) {
        const rows = result.value;
        cellsOfRun(run).forEach((address, i) => (fills as Map<string, FillSnapshot>).set(`${name}\u0000${address}`, rows[i][0].format?.fill as FillSnapshot));
      }
    }
    return fills.get(`${sheetName}\u0000${cell}`) as FillSnapshot;
  };
}

/** Writes a recorded fill back: no fill is cleared; a fill gets each property it had. */
function restoreFill(target: Excel.RangeFill, original: FillSnapshot | 'none'): void {
  target.clear();
  if (original === 'none') return;
  if (original.color) target.color = original.color;
  if (original.pattern && original.pattern !== 'None') target.pattern = original.pattern as Excel.FillPattern;
  if (original.patternColor) target.patternColor = original.patternColor;
  if (typeof original.tintAndShade === 'number') target.tintAndShade = original.tintAndShade;
  if (typeof original.patternTintAndShade === 'number') target.patternTintAndShade = original.patternTintAndShade;
}
