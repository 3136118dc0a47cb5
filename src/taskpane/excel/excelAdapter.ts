/**
 * The task pane's one door to Excel: the only module that calls Excel.run and context.sync().
 *
 * - Reads the used range (values only) in blocks of rows sized for Excel on the web's 5 MB payload
 *   limit, one sync per block, and feeds the rows to the roster engine (RosterChecker), so the pane
 *   finds exactly what the command finds. A cell covered by a merged area reads as the area's value
 *   (what the clerk sees; Range.values reads it blank): each block's merged areas are loaded in the
 *   same sync as its values (ExcelApi 1.13; without it covered cells stay blank). Hidden sheets are
 *   passed over in whole-workbook mode and listed in summary.skipped, as the command lists them.
 *   A workbook in the 1904 date system (told by DATE(2000,1,1), asked in the first sync) has its
 *   date serials read as such, as the command reads the file's date1904 flag.
 * - Marks faulty cells (red for errors, amber for warnings) with a note where ExcelApi 1.18 has
 *   notes. Before marking it reads each cell's fill in bulk and records it, with the size of the note
 *   it added, in a very hidden sheet (plan.ts, MARKS_SHEET) where each marked cell is a formula,
 *   =ROW('花名册'!G16), that Excel keeps pointing at the cell when the clerk renames the sheet or
 *   inserts or deletes rows. So 清除标记 puts every fill back exactly, even after the workbook was
 *   closed, reopened and edited. It never writes a value or formula of the clerk's cells.
 * - Counts its syncs (syncCount) so tests can hold it to a bound.
 */
import { FUNDING_METHODS, PLANS } from '../../rules/catalogue';
import { DATE1904_OFFSET_DAYS } from '../../rules/dates';
import { COLUMNS, Finding, HIDDEN_SHEET_REASON, RosterChecker, RosterReport, Severity } from '../../rules/roster';
import type { Field } from '../../rules/roster/columns';
import {
  batchesBySize,
  BYTES_PER_MARKED_CELL,
  BYTES_PER_VALUE_CELL,
  CellRect,
  cellsOfRun,
  chunkRows,
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
  MAX_SHEET_CELLS,
  MergedValues,
  NOTE_PREFIX,
  noteText,
  parseAreasAddress,
  rangesOf,
  readMarkRow,
  sameColor,
  sheetOfChecked,
  StoredMark,
  storedRowFormats,
  SYNC_BUDGET_BYTES,
  uniqueSheetName,
  utf8Length,
} from './plan';
import {
  AdapterError,
  CheckResult,
  ClearResult,
  ExcelHost,
  Notice,
  OperationOptions,
  Progress,
  RosterAdapter,
  Scope,
  SummaryResult,
  TemplateResult,
} from './types';

export const SUMMARY_SHEET = '缴费汇总';
export const TEMPLATE_SHEET = '参保花名册';
/** Rows of the template that get the text format, date format and drop-down lists. */
export const TEMPLATE_ROWS = 2000;

/**
 * Office.js has no date-system property, so the adapter asks Excel for DATE(2000, 1, 1)
 * (Workbook.functions, ExcelApi 1.2): 36526 in the 1900 date system, 1462 days fewer in the 1904
 * one (old Mac workbooks), whose Range.values give dates as 1904 serials.
 */
const DATE_2000_IN_1904_SYSTEM = 36526 - DATE1904_OFFSET_DAYS;

const FILL_PROPERTIES: Excel.CellPropertiesLoadOptions = {
  format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true, patternTintAndShade: true } },
};

interface UsedRange {
  address: string;
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

interface Target {
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

interface Workbook {
  targets: Target[];
  sheetNames: string[];
  /** Workbook structure protected: no sheet can be added or deleted. */
  structureProtected: boolean;
  /** The workbook uses the 1904 date system: Range.values gives dates as 1904 serials. */
  date1904: boolean;
}

interface CellMark {
  sheet: string;
  cell: string;
  severity: Severity;
  messages: string[];
}

interface ClearCounts {
  restored: number;
  notesRemoved: number;
  /** Records kept because no sheet matched them. */
  unmatched: number;
  /** Rows left in the marks sheet (header included): 0 when the sheet is gone. */
  storeRows: number;
}

/** How readBlocks reads a rectangle. */
interface BlockReading {
  property: 'values' | 'formulas';
  /** Estimated response bytes per cell, to size the blocks. */
  bytesPerCell: number;
  /** Give cells covered by a merged area the area's value (ExcelApi 1.13). */
  merges?: boolean;
  take: (rows: unknown[][], firstRowIndex: number) => void;
  /** Runs before each block (progress, cancel). */
  before?: () => void;
}

function errorCode(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'code' in error && typeof (error as { code: unknown }).code === 'string') {
    return (error as { code: string }).code;
  }
  return undefined;
}

function isPayloadError(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}

function toAdapterError(error: unknown): AdapterError {
  if (error instanceof AdapterError) return error;
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return new AdapterError('failed', code ?? message);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AdapterError('cancelled');
}

/** A 2-D array of one value, for numberFormat (Excel wants one entry per cell). */
function grid<T>(rows: number, columns: number, value: T): T[][] {
  return Array.from({ length: rows }, () => Array.from({ length: columns }, () => value));
}

function columnOf(field: Field): number {
  return COLUMNS.findIndex((column) => column.field === field);
}

export class ExcelAdapter implements RosterAdapter {
  private syncs = 0;
  private running: string | null = null;

  constructor(
    private readonly host: ExcelHost,
    private readonly budgetBytes: number = SYNC_BUDGET_BYTES,
  ) {}

  /** Every context.sync() this adapter has made. */
  get syncCount(): number {
    return this.syncs;
  }

  /** The operation under way, if any. */
  get busy(): string | null {
    return this.running;
  }

  // ─── the public operations ────────────────────────────────────────────────────────────────

  check(options: { scope: Scope; mark?: boolean } & OperationOptions): Promise<CheckResult> {
    return this.exclusive('check', async () => {
      const before = this.syncs;
      const notices: Notice[] = [];
      const outcome = await this.host.run(async (context) => {
        const workbook = await this.openWorkbook(context, options.scope, notices);
        const report = await this.readRoster(context, workbook, notices, options);
        let marked = 0;
        let notes = 0;
        if (options.mark !== false) {
          const cleared = await this.clearIn(context, notices, options);
          if (cleared.restored + cleared.notesRemoved > 0) notices.push({ code: 'previousMarksCleared', count: cleared.restored });
          ({ marked, notes } = await this.markIn(context, report, workbook, cleared.storeRows, notices, options));
        }
        return { report, marked, notes };
      });
      return { ...outcome, notices, syncs: this.syncs - before };
    });
  }

  clearMarks(options: OperationOptions = {}): Promise<ClearResult> {
    return this.exclusive('clear', async () => {
      const before = this.syncs;
      const notices: Notice[] = [];
      const { restored, notesRemoved, unmatched } = await this.host.run((context) => this.clearIn(context, notices, options));
      return { restored, notesRemoved, unmatched, notices, syncs: this.syncs - before };
    });
  }

  writeSummary(options: { scope: Scope } & OperationOptions): Promise<SummaryResult> {
    return this.exclusive('summary', async () => {
      const before = this.syncs;
      const notices: Notice[] = [];
      const outcome = await this.host.run(async (context) => {
        const workbook = await this.openWorkbook(context, options.scope, notices);
        if (workbook.structureProtected) throw new AdapterError('failed', 'workbookProtected');
        const report = await this.readRoster(context, workbook, notices, options);
        options.onProgress?.({ phase: 'writing', done: 0, total: 1 });
        const sheetName = uniqueSheetName(SUMMARY_SHEET, workbook.sheetNames);
        this.writeSummarySheet(context, sheetName, report);
        await this.sync(context);
        options.onProgress?.({ phase: 'writing', done: 1, total: 1 });
        return { sheetName, report };
      });
      return { ...outcome, notices, syncs: this.syncs - before };
    });
  }

  insertTemplate(): Promise<TemplateResult> {
    return this.exclusive('template', async () => {
      const before = this.syncs;
      const sheetName = await this.host.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name');
        const protection = this.supports('1.7') ? context.workbook.protection.load('protected') : null;
        await this.sync(context);
        if (protection?.protected) throw new AdapterError('failed', 'workbookProtected');
        const name = uniqueSheetName(
          TEMPLATE_SHEET,
          sheets.items.map((sheet) => sheet.name),
        );
        this.writeTemplateSheet(context, name);
        await this.sync(context);
        return name;
      });
      return { sheetName, syncs: this.syncs - before };
    });
  }

  select(finding: Finding): Promise<void> {
    return this.exclusive('select', () =>
      this.host.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(finding.sheet);
        sheet.activate();
        sheet.getRange(finding.cell ?? `${finding.row}:${finding.row}`).select();
        await this.sync(context);
      }),
    );
  }

  // ─── plumbing ─────────────────────────────────────────────────────────────────────────────

  private async exclusive<T>(name: string, operation: () => Promise<T>): Promise<T> {
    if (this.running !== null) throw new AdapterError('busy', this.running);
    this.running = name;
    try {
      return await operation();
    } catch (error) {
      throw toAdapterError(error);
    } finally {
      this.running = null;
    }
  }

  private async sync(context: Excel.RequestContext): Promise<void> {
    this.syncs += 1;
    await context.sync();
  }

  private supports(version: string): boolean {
    return this.host.isSetSupported('ExcelApi', version);
  }

  private progress(options: OperationOptions, progress: Progress): void {
    options.onProgress?.(progress);
  }

  // ─── reading ──────────────────────────────────────────────────────────────────────────────

  /** The sheets to read, their used ranges and protection, and the date system: two syncs. */
  private async openWorkbook(context: Excel.RequestContext, scope: Scope, notices: Notice[]): Promise<Workbook> {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name,items/visibility');
    const active = sheets.getActiveWorksheet();
    active.load('name');
    const protection = this.supports('1.7') ? context.workbook.protection.load('protected') : null;
    // Without ExcelApi 1.2 the workbook is taken to use the 1900 date system, Excel's default.
    const dateProbe = this.supports('1.2') ? context.workbook.functions.date(2000, 1, 1).load('value') : null;
    await this.sync(context);
    const date1904 = dateProbe?.value === DATE_2000_IN_1904_SYSTEM;

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
    await this.sync(context);

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
    return { targets, sheetNames: sheets.items.map((sheet) => sheet.name), structureProtected: protection?.protected ?? false, date1904 };
  }

  /** Reads each sheet's used range in blocks of rows, one sync per block, into the engine. */
  private async readRoster(context: Excel.RequestContext, workbook: Workbook, notices: Notice[], options: OperationOptions): Promise<RosterReport> {
    const { targets, date1904 } = workbook;
    const checker = new RosterChecker();
    const total = targets.reduce((sum, target) => sum + (target.used?.rowCount ?? 0), 0);
    const merges = this.supports('1.13');
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
      const rowsPerRead = await this.readBlocks(context, target.sheet, used, {
        property: 'values',
        bytesPerCell: BYTES_PER_VALUE_CELL,
        merges,
        take: (rows, firstRow) => {
          for (let i = 0; i < rows.length; i += 1) session.addRow(rows[i], firstRow + i + 1);
          done += rows.length;
        },
        before: () => {
          throwIfAborted(options.signal);
          this.progress(options, { phase: 'reading', sheet: target.name, done, total });
        },
      });
      session.end();
      const reduced = rowsPerRead < chunkRows(used.columnCount, this.budgetBytes);
      if (reduced) notices.push({ code: 'readChunkReduced', sheet: target.name, count: rowsPerRead });
    }
    throwIfAborted(options.signal);
    this.progress(options, { phase: 'reading', done: total, total });
    const report = checker.finish();
    for (const skipped of report.summary.skipped) {
      if (!noticed.has(skipped.sheet)) notices.push({ code: 'noHeader', sheet: skipped.sheet, detail: skipped.reason });
    }
    return report;
  }

  /**
   * Reads a rectangle's values (or formulas) in blocks of rows, one sync per block, sized for the
   * payload budget; a block whose response is still too big is read again as two. With `merges`,
   * the block's merged areas come in the same sync and covered cells get their area's value.
   * Returns the rows per block it ended with.
   */
  private async readBlocks(context: Excel.RequestContext, sheet: Excel.Worksheet, rect: CellRect, reading: BlockReading): Promise<number> {
    let rowsPerRead = chunkRows(rect.columnCount, this.budgetBytes, reading.bytesPerCell);
    const spread = reading.merges ? new MergedValues(rect.columnIndex, rect.columnCount) : null;
    let offset = 0;
    while (offset < rect.rowCount) {
      reading.before?.();
      const count = Math.min(rowsPerRead, rect.rowCount - offset);
      const block = sheet.getRangeByIndexes(rect.rowIndex + offset, rect.columnIndex, count, rect.columnCount);
      block.load(reading.property);
      const merged = spread ? block.getMergedAreasOrNullObject() : null;
      merged?.load('address');
      try {
        await this.sync(context);
      } catch (error) {
        if (isPayloadError(error) && count > 1) {
          rowsPerRead = Math.max(1, Math.floor(count / 2));
          continue;
        }
        throw error;
      }
      const rows = (reading.property === 'values' ? block.values : block.formulas) as unknown[][];
      if (spread && merged) spread.apply(rows, rect.rowIndex + offset, merged.isNullObject ? [] : parseAreasAddress(merged.address));
      reading.take(rows, rect.rowIndex + offset);
      offset += count;
    }
    return rowsPerRead;
  }

  // ─── marking ──────────────────────────────────────────────────────────────────────────────

  private async markIn(
    context: Excel.RequestContext,
    report: RosterReport,
    workbook: Workbook,
    storeRows: number,
    notices: Notice[],
    options: OperationOptions,
  ): Promise<{ marked: number; notes: number }> {
    const none = { marked: 0, notes: 0 };
    const located = report.findings.filter((finding) => finding.cell !== null);
    if (located.length === 0) return none;
    if (!this.supports('1.9')) {
      notices.push({ code: 'marksUnsupported' });
      return none;
    }
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

    const withNotes = this.supports('1.18');
    if (!withNotes) notices.push({ code: 'notesUnsupported' });

    const store = this.marksSheet(context, storeRows);
    let done = 0;
    let notes = 0;
    let notesKept = 0;
    let gradients = 0;
    const sizeOf = (mark: CellMark) => BYTES_PER_MARKED_CELL + (withNotes ? utf8Length(noteText(mark.messages)) : 0);
    this.progress(options, { phase: 'marking', done: 0, total: marks.length });
    for (const batch of batchesBySize(marks, sizeOf, this.budgetBytes)) {
      // 1. Read the fills (one request per run of cells in a column) and whether a note is there:
      // one sync.
      const sheetOf = (mark: CellMark) => (byName.get(mark.sheet) as Target).sheet;
      const fillOf = queueFills(batch.map((mark) => ({ sheetName: mark.sheet, sheet: sheetOf(mark), cell: mark.cell })));
      const existingNotes = batch.map((mark) => (withNotes ? sheetOf(mark).notes.getItemOrNullObject(mark.cell) : null));
      await this.sync(context);

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
        records.push({ sheet: mark.sheet, cell: mark.cell, fill: gradient ? '' : encodeFill(snapshot), noteBytes: text === null ? 0 : utf8Length(text), mark: color });
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
      for (const { sheet, cell, text } of toNote) sheet.notes.add(cell, text);
      await this.sync(context);
      done += records.length;
      notes += toNote.length;
      this.progress(options, { phase: 'marking', done, total: marks.length });
    }
    if (notesKept > 0) notices.push({ code: 'notesKept', count: notesKept });
    if (gradients > 0) notices.push({ code: 'gradientKept', count: gradients });
    return { marked: done - gradients, notes };
  }

  /**
   * Appends records to the marks sheet: creates it, very hidden, with the first records (in the
   * same sync as the first marks), or continues after the `storeRows` rows a clear had to keep.
   */
  private marksSheet(context: Excel.RequestContext, storeRows: number): { append(records: MarkRecord[]): void } {
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
  private async clearIn(context: Excel.RequestContext, notices: Notice[], options: OperationOptions): Promise<ClearCounts> {
    const counts: ClearCounts = { restored: 0, notesRemoved: 0, unmatched: 0, storeRows: 0 };
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    const store = sheets.getItemOrNullObject(MARKS_SHEET);
    const used = store.getUsedRangeOrNullObject(true);
    used.load('rowIndex,rowCount');
    const protection = this.supports('1.7') ? context.workbook.protection.load('protected') : null;
    await this.sync(context);
    if (store.isNullObject) return counts;

    // Read the records' formulas, in blocks like any sheet (a record is about 250 bytes: 64 a cell).
    const stored: StoredMark[] = [];
    let storeEnd = 0;
    if (!used.isNullObject) {
      storeEnd = used.rowIndex + used.rowCount;
      const rect = { rowIndex: used.rowIndex, columnIndex: 0, rowCount: used.rowCount, columnCount: MARKS_HEADER.length };
      await this.readBlocks(context, store, rect, {
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
    this.progress(options, { phase: 'clearing', done, total: live.length });
    // A record costs its fill twice (read now, written back) and its note's content (read back).
    const sizeOf = ({ record }: { record: StoredMark }) => BYTES_PER_MARKED_CELL + 2 * utf8Length(record.fill) + record.noteBytes;
    for (const batch of batchesBySize(live, sizeOf, this.budgetBytes)) {
      // 1. Read what is there now: the fill, our note, the sheet's protection. One sync.
      const protections = new Map<string, Excel.WorksheetProtection>();
      for (const { sheet } of batch) {
        if (!protections.has(sheet)) protections.set(sheet, sheetOf(sheet).protection.load('protected'));
      }
      const fillOf = queueFills(batch.filter(({ record }) => record.fill !== '').map(({ sheet, cell }) => ({ sheetName: sheet, sheet: sheetOf(sheet), cell })));
      const ourNotes = batch.map(({ record, sheet, cell }) => (record.noteBytes > 0 ? sheetOf(sheet).notes.getItemOrNullObject(cell).load('content') : null));
      await this.sync(context);

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
        // Our note goes in any case, if it is still ours.
        const note = ourNotes[i];
        if (note && !note.isNullObject && note.content.startsWith(NOTE_PREFIX)) {
          note.delete();
          counts.notesRemoved += 1;
        }
      });
      for (const { sheet, fill, cells } of fills.values()) {
        const original = decodeFill(fill);
        for (const address of rangesOf(cells)) restoreFill(sheet.getRange(address).format.fill, original);
      }
      await this.sync(context);
      done += batch.length;
      this.progress(options, { phase: 'clearing', done, total: live.length });
    }
    for (const sheet of protectedSheets) notices.push({ code: 'clearProtected', sheet });
    if (fillChanged > 0) notices.push({ code: 'fillChangedKept', count: fillChanged });
    counts.unmatched = unmatched.length;
    if (unmatched.length > 0) {
      const shown = unmatched.slice(0, 5).map((record) => record.checked || '?');
      notices.push({ code: 'marksUnmatched', count: unmatched.length, detail: `${shown.join('、')}${unmatched.length > shown.length ? ' …' : ''}` });
    }

    const keep = [...kept, ...unmatched];
    if (keep.length === 0 && !protection?.protected) {
      // The records are done with: delete the sheet (hidden first: a very hidden sheet is made
      // merely hidden before it goes).
      store.visibility = 'Hidden';
      store.delete();
      await this.sync(context);
      return counts;
    }
    // Records remain (or the workbook's structure is protected, so the sheet cannot go): the sheet
    // keeps the header and those records as read (their formulas point where the cells are now),
    // written over the old rows in batches; the rest is cleared. Never deleted with records in it.
    const rows: string[][] = [[...MARKS_HEADER], ...keep.map((record) => record.row)];
    const formats: string[][] = [MARKS_HEADER.map(() => '@'), ...keep.map(storedRowFormats)];
    const indexes = rows.map((_, i) => i);
    let written = 0;
    const batches = batchesBySize(indexes, (i) => 64 + rows[i].reduce((sum, cell) => sum + utf8Length(cell) + 8, 0), this.budgetBytes);
    for (let b = 0; b < batches.length; b += 1) {
      const batch = batches[b];
      written += writeStoreRows(
        store,
        written,
        batch.map((i) => rows[i]),
        batch.map((i) => formats[i]),
      );
      if (b < batches.length - 1) await this.sync(context);
    }
    if (storeEnd > written) store.getRangeByIndexes(written, 0, storeEnd - written, MARKS_HEADER.length).clear();
    counts.storeRows = written;
    await this.sync(context);
    return counts;
  }

  // ─── writing new sheets ───────────────────────────────────────────────────────────────────

  private writeSummarySheet(context: Excel.RequestContext, name: string, report: RosterReport): void {
    const { summary } = report;
    const sheet = context.workbook.worksheets.add(name);
    const width = 5;
    const rows: (string | number)[][] = [];
    const formats: string[][] = [];
    const push = (row: (string | number)[], format: string[]) => {
      rows.push([...row, ...Array(width - row.length).fill('')]);
      formats.push([...format, ...Array(width - format.length).fill('General')]);
    };
    push(['参保缴费汇总'], ['@']);
    push([`来源工作表：${summary.sheets.map((s) => s.sheet).join('、') || '（无）'}`], ['@']);
    push([], []);
    const unitsHeader = rows.length;
    push(['单位', '参保计划', '人数', '份数', '保障费（元）'], ['@', '@', '@', '@', '@']);
    const units = summary.units.length > 0 ? summary.units : [{ unit: '（无有效参保行）', planName: '', people: 0, shares: 0, premium: 0 }];
    for (const unit of units) push([unit.unit, unit.planName, unit.people, unit.shares, unit.premium], ['@', '@', '0', '0', '#,##0.00']);
    const unitsEnd = rows.length - 1;
    // The totals are the engine's, as the command shows them: people counted once however many
    // plans they are in (the unit rows count a person in each plan), and no sum of shares (shares of
    // different plans are not the same thing).
    push(['合计', '', summary.people, '', summary.premiumTotal], ['@', '@', '0', '@', '#,##0.00']);
    const totalRow = rows.length - 1;
    let fundingHeader = -1;
    let fundingEnd = -1;
    if (summary.byFunding && summary.byFunding.length > 0) {
      push([], []);
      push(['按出资方式'], ['@']);
      fundingHeader = rows.length;
      push(['出资方式', '人数', '保障费（元）'], ['@', '@', '@']);
      for (const entry of summary.byFunding) push([entry.funding, entry.people, entry.premium], ['@', '0', '#,##0.00']);
      fundingEnd = rows.length - 1;
    }
    push([], []);
    push(['各单位各计划的人数、份数和保障费只计参保计划和份数都有效的行，一人参加几个计划在每个计划中各计一人。'], ['@']);
    push(['合计人数是花名册中不重复的人数（按身份证号；身份证号无效的行各算一人），与 mutual-aid check 命令的"人数"相同。'], ['@']);
    if (summary.errors + summary.warnings > 0) {
      push([`校验发现 ${summary.errors} 个错误、${summary.warnings} 个警告：请先在花名册中修正，再重新生成汇总。`], ['@']);
    }

    const all = sheet.getRangeByIndexes(0, 0, rows.length, width);
    all.numberFormat = formats;
    all.values = rows;
    sheet.getRange('A1').format.font.bold = true;
    sheet.getRangeByIndexes(0, 0, 1, 1).format.font.size = 14;
    const unitsTable = sheet.tables.add(sheet.getRangeByIndexes(unitsHeader, 0, unitsEnd - unitsHeader + 1, width), true);
    unitsTable.style = 'TableStyleMedium2';
    sheet.getRangeByIndexes(totalRow, 0, 1, width).format.font.bold = true;
    if (fundingHeader >= 0) {
      const fundingTable = sheet.tables.add(sheet.getRangeByIndexes(fundingHeader, 0, fundingEnd - fundingHeader + 1, 3), true);
      fundingTable.style = 'TableStyleMedium2';
    }
    sheet.getRangeByIndexes(0, 0, rows.length, width).format.autofitColumns();
    sheet.activate();
  }

  private writeTemplateSheet(context: Excel.RequestContext, name: string): void {
    const sheet = context.workbook.worksheets.add(name);
    const headers = COLUMNS.map((column) => column.headers[0]);
    const header = sheet.getRangeByIndexes(0, 0, 1, headers.length);
    header.numberFormat = [headers.map(() => '@')];
    header.values = [headers];
    header.format.font.bold = true;
    header.format.fill.color = '#DDEBF7';

    const body = (field: Field) => sheet.getRangeByIndexes(1, columnOf(field), TEMPLATE_ROWS, 1);
    // Text, so that Excel keeps all 18 digits of an ID (a number keeps 15) and the leading 0 of a phone.
    for (const field of ['id', 'phone'] as Field[]) body(field).numberFormat = grid(TEMPLATE_ROWS, 1, '@');
    body('effectiveDate').numberFormat = grid(TEMPLATE_ROWS, 1, 'yyyy-mm-dd');

    if (this.supports('1.8')) {
      const maxShares = Math.max(...PLANS.map((plan) => plan.shares.maxShares));
      const list = (field: Field, items: readonly (string | number)[], title: string, message: string) => {
        const validation = body(field).dataValidation;
        validation.rule = { list: { inCellDropDown: true, source: items.join(',') } };
        validation.errorAlert = { showAlert: true, style: 'Warning', title, message };
      };
      list('sex', ['男', '女'], '性别', '请选择 男 或 女。');
      list('plan', PLANS.map((plan) => plan.shortName), '参保计划', `请从列表中选择参保计划：${PLANS.map((plan) => plan.shortName).join('、')}。`);
      list(
        'shares',
        Array.from({ length: maxShares }, (_, i) => i + 1),
        '份数',
        `份数为 1 到 ${maxShares} 的整数；各计划的上限见互助保障说明。`,
      );
      list('funding', FUNDING_METHODS, '出资方式', '请从列表中选择出资方式。');
      const previous = body('previousShares').dataValidation;
      previous.rule = { wholeNumber: { formula1: 0, formula2: maxShares, operator: 'Between' } };
      previous.errorAlert = { showAlert: true, style: 'Warning', title: '上年份数', message: `上年份数为 0 到 ${maxShares} 的整数。` };
    }
    if (this.supports('1.7')) sheet.freezePanes.freezeRows(1);
    sheet.getRangeByIndexes(0, 0, 1, headers.length).format.autofitColumns();
    body('id').format.columnWidth = 150;
    sheet.activate();
  }
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
