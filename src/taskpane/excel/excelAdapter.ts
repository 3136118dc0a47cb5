/**
 * The task pane's one door to Excel: the only module that calls Excel.run and context.sync().
 *
 * - Reads the used range (values only) in blocks of rows sized for Excel on the web's 5 MB payload
 *   limit, one sync per block, and feeds the rows to the roster engine (RosterChecker), so the pane
 *   finds exactly what the command finds. It reads Range.values, as the command reads cell values:
 *   a merged area's other cells read blank, which the engine expects.
 * - Marks faulty cells (red for errors, amber for warnings) with a note where ExcelApi 1.18 has
 *   notes. Before marking it reads each cell's fill in bulk and records it, with the size of the note
 *   it added, in a very hidden sheet (plan.ts, MARKS_SHEET), so 清除标记 puts every fill back exactly,
 *   even after the workbook was closed and reopened. It never writes a value or formula of the
 *   clerk's cells.
 * - Counts its syncs (syncCount) so tests can hold it to a bound.
 */
import { FUNDING_METHODS, PLANS } from '../../rules/catalogue';
import { COLUMNS, Finding, RosterChecker, RosterReport, Severity } from '../../rules/roster';
import type { Field } from '../../rules/roster/columns';
import {
  batchesBySize,
  BYTES_PER_MARKED_CELL,
  BYTES_PER_VALUE_CELL,
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
  MARKS_HEADER,
  MARKS_SHEET,
  MAX_SHEET_CELLS,
  NOTE_PREFIX,
  noteText,
  rangesOf,
  readMarkRow,
  sameColor,
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
  sheet: Excel.Worksheet;
  protected: boolean;
  /** Null for an empty sheet or one too large to read. */
  used: UsedRange | null;
}

interface Workbook {
  targets: Target[];
  sheetNames: string[];
  /** Workbook structure protected: no sheet can be added or deleted. */
  structureProtected: boolean;
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
  /** Rows left in the marks sheet (header included): 0 when the sheet is gone. */
  storeRows: number;
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

/** "缴费汇总", "缴费汇总 (2)" …: sheets 生成缴费汇总 wrote. */
function isSummarySheet(name: string): boolean {
  return name === SUMMARY_SHEET || (name.startsWith(`${SUMMARY_SHEET} (`) && /\(\d+\)$/.test(name));
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
        const report = await this.readRoster(context, workbook.targets, notices, options);
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
      const { restored, notesRemoved } = await this.host.run((context) => this.clearIn(context, notices, options));
      return { restored, notesRemoved, notices, syncs: this.syncs - before };
    });
  }

  writeSummary(options: { scope: Scope } & OperationOptions): Promise<SummaryResult> {
    return this.exclusive('summary', async () => {
      const before = this.syncs;
      const notices: Notice[] = [];
      const outcome = await this.host.run(async (context) => {
        const workbook = await this.openWorkbook(context, options.scope, notices);
        if (workbook.structureProtected) throw new AdapterError('failed', 'workbookProtected');
        const report = await this.readRoster(context, workbook.targets, notices, options);
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

  /** The sheets to read, their used ranges and protection: two syncs. */
  private async openWorkbook(context: Excel.RequestContext, scope: Scope, notices: Notice[]): Promise<Workbook> {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name,items/visibility');
    const active = sheets.getActiveWorksheet();
    active.load('name');
    const protection = this.supports('1.7') ? context.workbook.protection.load('protected') : null;
    await this.sync(context);

    const names: string[] = [];
    if (scope === 'activeSheet') {
      names.push(active.name);
    } else {
      for (const sheet of sheets.items) {
        // The add-in's own sheets: the marks, and the summaries it wrote.
        if (sheet.name === MARKS_SHEET || isSummarySheet(sheet.name)) continue;
        if (sheet.visibility !== 'Visible') notices.push({ code: 'hiddenSkipped', sheet: sheet.name });
        else names.push(sheet.name);
      }
    }
    const pending = names.map((name) => {
      const sheet = sheets.getItem(name);
      sheet.protection.load('protected');
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load('address,rowIndex,columnIndex,rowCount,columnCount');
      return { name, sheet, used };
    });
    await this.sync(context);

    const targets = pending.map(({ name, sheet, used }): Target => {
      const target: Target = { name, sheet, protected: sheet.protection.protected, used: null };
      if (used.isNullObject) {
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
    return { targets, sheetNames: sheets.items.map((sheet) => sheet.name), structureProtected: protection?.protected ?? false };
  }

  /** Reads each sheet's used range in blocks of rows, one sync per block, into the engine. */
  private async readRoster(context: Excel.RequestContext, targets: Target[], notices: Notice[], options: OperationOptions): Promise<RosterReport> {
    const checker = new RosterChecker();
    const total = targets.reduce((sum, target) => sum + (target.used?.rowCount ?? 0), 0);
    let done = 0;
    for (const target of targets) {
      const used = target.used;
      if (!used) continue;
      const session = checker.beginSheet(target.name, { firstColumn: used.columnIndex + 1 });
      const rowsPerRead = await this.readBlocks(
        context,
        target.sheet,
        used,
        BYTES_PER_VALUE_CELL,
        (rows, firstRow) => {
          for (let i = 0; i < rows.length; i += 1) session.addRow(rows[i], firstRow + i + 1);
          done += rows.length;
        },
        () => {
          throwIfAborted(options.signal);
          this.progress(options, { phase: 'reading', sheet: target.name, done, total });
        },
      );
      session.end();
      const reduced = rowsPerRead < chunkRows(used.columnCount, this.budgetBytes);
      if (reduced) notices.push({ code: 'readChunkReduced', sheet: target.name, count: rowsPerRead });
    }
    throwIfAborted(options.signal);
    this.progress(options, { phase: 'reading', done: total, total });
    const report = checker.finish();
    for (const skipped of report.summary.skipped) notices.push({ code: 'noHeader', sheet: skipped.sheet, detail: skipped.reason });
    return report;
  }

  /**
   * Reads a rectangle's values in blocks of rows, one sync per block, sized for the payload
   * budget; a block whose response is still too big is read again as two. `before` runs before
   * each block (progress, cancel). Returns the rows per block it ended with.
   */
  private async readBlocks(
    context: Excel.RequestContext,
    sheet: Excel.Worksheet,
    rect: { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number },
    bytesPerCell: number,
    take: (rows: unknown[][], firstRowIndex: number) => void,
    before: () => void = () => undefined,
  ): Promise<number> {
    let rowsPerRead = chunkRows(rect.columnCount, this.budgetBytes, bytesPerCell);
    let offset = 0;
    while (offset < rect.rowCount) {
      before();
      const count = Math.min(rowsPerRead, rect.rowCount - offset);
      const block = sheet.getRangeByIndexes(rect.rowIndex + offset, rect.columnIndex, count, rect.columnCount);
      block.load('values');
      try {
        await this.sync(context);
      } catch (error) {
        if (isPayloadError(error) && count > 1) {
          rowsPerRead = Math.max(1, Math.floor(count / 2));
          continue;
        }
        throw error;
      }
      take(block.values, rect.rowIndex + offset);
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
    const write = (target: Excel.Worksheet, rows: string[][]) => {
      const range = target.getRangeByIndexes(nextRow, 0, rows.length, MARKS_HEADER.length);
      range.numberFormat = grid(rows.length, MARKS_HEADER.length, '@');
      range.values = rows;
      nextRow += rows.length;
    };
    return {
      append(records: MarkRecord[]): void {
        if (records.length === 0) return;
        if (sheet === null) {
          sheet = context.workbook.worksheets.add(MARKS_SHEET);
          sheet.visibility = 'VeryHidden';
          nextRow = 0;
          write(sheet, [[...MARKS_HEADER]]);
        }
        write(sheet, records.map(markRow));
      },
    };
  }

  // ─── clearing ─────────────────────────────────────────────────────────────────────────────

  /** Puts back the fills and deletes the notes recorded in the marks sheet, then deletes it. */
  private async clearIn(context: Excel.RequestContext, notices: Notice[], options: OperationOptions): Promise<ClearCounts> {
    const counts: ClearCounts = { restored: 0, notesRemoved: 0, storeRows: 0 };
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    const store = sheets.getItemOrNullObject(MARKS_SHEET);
    const used = store.getUsedRangeOrNullObject(true);
    used.load('rowIndex,rowCount');
    await this.sync(context);
    if (store.isNullObject) return counts;

    // Read the records, in blocks like any sheet (a record is about 250 bytes of JSON: 64 a cell).
    const records: MarkRecord[] = [];
    if (!used.isNullObject) {
      const rect = { rowIndex: used.rowIndex, columnIndex: 0, rowCount: used.rowCount, columnCount: MARKS_HEADER.length };
      await this.readBlocks(context, store, rect, 64, (rows) => {
        for (const row of rows) {
          const record = readMarkRow(row);
          if (record) records.push(record);
        }
      });
    }

    const existing = new Set(sheets.items.map((sheet) => sheet.name));
    const missing = new Set<string>();
    const live = records.filter((record) => {
      if (existing.has(record.sheet)) return true;
      missing.add(record.sheet);
      return false;
    });
    for (const sheet of missing) notices.push({ code: 'marksSheetMissing', sheet });

    const kept: MarkRecord[] = [];
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
    const sizeOf = (record: MarkRecord) => BYTES_PER_MARKED_CELL + 2 * utf8Length(record.fill) + record.noteBytes;
    for (const batch of batchesBySize(live, sizeOf, this.budgetBytes)) {
      // 1. Read what is there now: the fill, our note, the sheet's protection. One sync.
      const protections = new Map<string, Excel.WorksheetProtection>();
      for (const record of batch) {
        if (!protections.has(record.sheet)) protections.set(record.sheet, sheetOf(record.sheet).protection.load('protected'));
      }
      const fillOf = queueFills(
        batch.filter((record) => record.fill !== '').map((record) => ({ sheetName: record.sheet, sheet: sheetOf(record.sheet), cell: record.cell })),
      );
      const ourNotes = batch.map((record) => (record.noteBytes > 0 ? sheetOf(record.sheet).notes.getItemOrNullObject(record.cell).load('content') : null));
      await this.sync(context);

      // 2. Put back what is still ours. One sync.
      const fills = new Map<string, { sheet: Excel.Worksheet; fill: string; cells: string[] }>();
      batch.forEach((record, i) => {
        if ((protections.get(record.sheet) as Excel.WorksheetProtection).protected) {
          protectedSheets.add(record.sheet);
          kept.push(record);
          return;
        }
        if (record.fill !== '') {
          const now = fillOf(record.sheet, record.cell);
          // A fill the clerk changed since the check is theirs now: leave it.
          if (!isNoFill(now) && sameColor(now.color, record.mark)) {
            const key = `${record.sheet}\u0000${record.fill}`;
            const group = fills.get(key);
            if (group) group.cells.push(record.cell);
            else fills.set(key, { sheet: sheetOf(record.sheet), fill: record.fill, cells: [record.cell] });
            counts.restored += 1;
          } else {
            fillChanged += 1;
          }
        }
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

    // The records are done with: delete the sheet (hidden first: a very hidden sheet is made
    // merely hidden before it goes), or keep only the rows of sheets that could not be cleared.
    store.visibility = 'Hidden';
    store.delete();
    if (kept.length > 0) {
      const again = sheets.add(MARKS_SHEET);
      again.visibility = 'VeryHidden';
      const rows = [[...MARKS_HEADER], ...kept.map(markRow)];
      const range = again.getRangeByIndexes(0, 0, rows.length, MARKS_HEADER.length);
      range.numberFormat = grid(rows.length, MARKS_HEADER.length, '@');
      range.values = rows;
      counts.storeRows = rows.length;
    }
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
    push(
      ['合计', '', units.reduce((n, u) => n + u.people, 0), units.reduce((n, u) => n + u.shares, 0), summary.premiumTotal],
      ['@', '@', '0', '0', '#,##0.00'],
    );
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
    push(['只计入参保计划和份数都有效的行；一人参加几个计划，在每个计划中各计一人。'], ['@']);
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
