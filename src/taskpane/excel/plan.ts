/**
 * The adapter's arithmetic, kept apart from Excel so it can be tested on its own: how many rows to
 * read per request, how to group marked cells into few ranges, what a fill looks like and how a
 * mark is recorded in the workbook. Nothing here calls Excel.
 */
import { columnLetters, columnNumber } from '../../rules/roster';

/**
 * Excel on the web refuses a request or a response above 5 MB (RequestPayloadSizeLimitExceeded /
 * ResponsePayloadSizeLimitExceeded): learn.microsoft.com/office/dev/add-ins/concepts/
 * resource-limits-and-performance-optimization#excel-add-ins. We plan each sync for 3 MB so that an
 * estimate that is off by half still fits; a sync that fails anyway is retried with half the rows.
 */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
export const SYNC_BUDGET_BYTES = 3 * 1024 * 1024;

/**
 * Bytes one cell of Range.values takes in the response, as JSON: an 18-digit ID in quotes is 20,
 * a three-character name 11 in UTF-8, a date serial 5, a blank 3. 32 is a generous average for
 * rosters (few cells hold long text); the retry covers sheets that hold more.
 */
export const BYTES_PER_VALUE_CELL = 32;

/** Excel's documentation: "Start with 5k–20k rows" per block when reading a large range. */
export const MAX_CHUNK_ROWS = 20000;

/**
 * The largest used range we read, in cells. Excel documents 5,000,000 cells as the limit of one
 * range read on every platform (same page as above). We read in blocks, so we could go further,
 * but a roster never comes near it (the county's 40+ units hold 4,316 people): a used range this
 * big is stray content far away from the roster, and reading it would hold the pane for minutes.
 * We stop with a message that gives the used range's address instead.
 */
export const MAX_SHEET_CELLS = 5_000_000;

/** Rows per read request for a sheet `columns` wide: as many as fit the budget, 1 … 20,000. */
export function chunkRows(columns: number, budget = SYNC_BUDGET_BYTES, bytesPerCell = BYTES_PER_VALUE_CELL): number {
  const rows = Math.floor(budget / (Math.max(1, columns) * bytesPerCell));
  return Math.min(MAX_CHUNK_ROWS, Math.max(1, rows));
}

/**
 * Bytes one marked cell costs in a request or a response, besides its note: its range and fill
 * (read, then written), the check for an existing note, its row in the marks sheet with the original
 * fill as JSON. Measured in the stand-in at about 350; planned at 600.
 */
export const BYTES_PER_MARKED_CELL = 600;

const UTF8 = new TextEncoder();

/** UTF-8 bytes of a text (Chinese characters take 3). */
export function utf8Length(text: string): number {
  return UTF8.encode(text).length;
}

/** Splits a list into batches whose estimated sizes add up to at most `budget` (one item at least). */
export function batchesBySize<T>(items: readonly T[], sizeOf: (item: T) => number, budget = SYNC_BUDGET_BYTES): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const item of items) {
    const itemSize = sizeOf(item);
    if (current.length > 0 && size + itemSize > budget) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += itemSize;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** A cell by sheet row and column (1-based), with its A1 address. */
export interface CellRef {
  row: number;
  column: number;
  address: string;
}

export function cellRef(address: string): CellRef {
  const match = /^([A-Z]{1,3})(\d+)$/.exec(address.toUpperCase());
  if (!match) throw new Error(`not a cell address: ${address}`);
  return { row: Number(match[2]), column: columnNumber(match[1]), address: `${match[1]}${match[2]}` };
}

/**
 * Groups cells into A1 range addresses: runs of consecutive rows in one column become one range
 * ("G3:G9"), so that marking a column of blanks costs one range, not one per cell.
 */
export function rangesOf(addresses: readonly string[]): string[] {
  const byColumn = new Map<number, number[]>();
  for (const address of addresses) {
    const { row, column } = cellRef(address);
    const rows = byColumn.get(column);
    if (rows) rows.push(row);
    else byColumn.set(column, [row]);
  }
  const out: string[] = [];
  for (const [column, rows] of [...byColumn].sort((a, b) => a[0] - b[0])) {
    const letters = columnLetters(column);
    const sorted = [...new Set(rows)].sort((a, b) => a - b);
    let start = sorted[0];
    let previous = start;
    for (const row of [...sorted.slice(1), Number.NaN]) {
      if (row === previous + 1) {
        previous = row;
        continue;
      }
      out.push(start === previous ? `${letters}${start}` : `${letters}${start}:${letters}${previous}`);
      start = row;
      previous = row;
    }
  }
  return out;
}

/** The cells of a one-column run from rangesOf ("G3:G5" → G3, G4, G5), top to bottom. */
export function cellsOfRun(run: string): string[] {
  const [first, last = first] = run.split(':');
  const top = cellRef(first);
  const bottom = cellRef(last);
  if (top.column !== bottom.column) throw new Error(`not a one-column run: ${run}`);
  const letters = columnLetters(top.column);
  const out: string[] = [];
  for (let row = top.row; row <= bottom.row; row += 1) out.push(`${letters}${row}`);
  return out;
}

/**
 * A cell's fill as Range.getCellProperties reports it (ExcelApi 1.9). Excel reports "No Fill" with
 * color "#FFFFFF", like a white fill; what tells them apart is tintAndShade, null for no fill and a
 * number for a fill (Microsoft's answer in github.com/OfficeDev/office-js/issues/4900; the bug that
 * color alone cannot tell is issues/6218), and pattern "None".
 */
export interface FillSnapshot {
  color: string | null;
  pattern: string | null;
  patternColor: string | null;
  tintAndShade: number | null;
  patternTintAndShade: number | null;
}

export function isNoFill(fill: FillSnapshot): boolean {
  return fill.pattern === 'None' || fill.tintAndShade === null || fill.tintAndShade === undefined;
}

/** Gradients can be read but not written by the API ("LinearGradient and RectangularGradient are not supported"). */
export function isGradient(fill: FillSnapshot): boolean {
  return fill.pattern === 'LinearGradient' || fill.pattern === 'RectangularGradient';
}

/** The fill as stored in the marks sheet: "none", or the properties as JSON. */
export function encodeFill(fill: FillSnapshot): string {
  if (isNoFill(fill)) return 'none';
  return JSON.stringify({
    color: fill.color,
    pattern: fill.pattern,
    patternColor: fill.patternColor,
    tintAndShade: fill.tintAndShade,
    patternTintAndShade: fill.patternTintAndShade,
  });
}

export function decodeFill(text: string): FillSnapshot | 'none' {
  if (text === 'none') return 'none';
  const parsed = JSON.parse(text) as Partial<FillSnapshot>;
  return {
    color: parsed.color ?? null,
    pattern: parsed.pattern ?? null,
    patternColor: parsed.patternColor ?? null,
    tintAndShade: parsed.tintAndShade ?? null,
    patternTintAndShade: parsed.patternTintAndShade ?? null,
  };
}

/**
 * Mark colours: Excel's own "Bad" (light red) and "Neutral" (amber) cell-style fills, which clerks
 * know from conditional formatting; the text stays readable on both.
 */
export const MARK_FILL = { error: '#FFC7CE', warning: '#FFEB9C' } as const;

export function sameColor(a: string | null | undefined, b: string | null | undefined): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.toUpperCase() === b.toUpperCase();
}

/**
 * Where the marks are remembered: a very hidden worksheet (Worksheet.visibility "VeryHidden",
 * ExcelApi 1.2), one row per marked cell. It is saved with the workbook, so 清除标记 works after
 * the file is closed, reopened or sent to another computer; clerks cannot unhide it from Excel's
 * menus; it is written with the same batched requests as the marks themselves, so it has no size
 * limit of its own (Office.context.document.settings keeps an in-memory copy that must be saved
 * with saveAsync, outside Excel.run, and its size limit is not documented).
 */
export const MARKS_SHEET = '_mutualAidMarks';
export const MARKS_HEADER = ['sheet', 'cell', 'fill', 'note', 'mark'] as const;

/**
 * One marked cell: where, its fill before marking ("" = fill left alone), the UTF-8 size of the
 * note we added (0 = none; the size lets a clear plan its requests), the colour we set.
 */
export interface MarkRecord {
  sheet: string;
  cell: string;
  fill: string;
  noteBytes: number;
  mark: string;
}

export function markRow(record: MarkRecord): string[] {
  return [record.sheet, record.cell, record.fill, String(record.noteBytes), record.mark];
}

/** Reads a row of the marks sheet back; null for the header or a damaged row. */
export function readMarkRow(row: readonly unknown[]): MarkRecord | null {
  const [sheet, cell, fill, note, mark] = row.map((value) => (value === null || value === undefined ? '' : String(value)));
  if (!sheet || !cell || sheet === MARKS_HEADER[0] || !/^[A-Z]{1,3}\d+$/.test(cell)) return null;
  const noteBytes = Number(note);
  return { sheet, cell, fill, noteBytes: Number.isFinite(noteBytes) && noteBytes > 0 ? noteBytes : 0, mark };
}

/** Our notes begin with this, so that clearing never deletes a note a clerk wrote. */
export const NOTE_PREFIX = '【互助保障校验】';

export function noteText(messages: readonly string[]): string {
  return `${NOTE_PREFIX}\n${messages.map((message) => `• ${message}`).join('\n')}`;
}

/** "缴费汇总", or "缴费汇总 (2)", "缴费汇总 (3)" … when taken; sheet names compare without case. */
export function uniqueSheetName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((name) => name.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let n = 2; ; n += 1) {
    const name = `${base} (${n})`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}
