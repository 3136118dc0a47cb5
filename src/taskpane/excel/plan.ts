/**
 * The adapter's arithmetic, kept apart from Excel so it can be tested on its own: how many rows to
 * read per request, how to group marked cells into few ranges, what a fill looks like and how a
 * mark is recorded in the workbook. Nothing here calls Excel.
 */
import { columnLetters, columnNumber, quoteSheetName } from '../../rules/roster';

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
 *
 * Each row holds the marked cell as a formula, =ROW('花名册'!G16): Excel itself keeps a reference
 * up to date when the clerk renames the sheet, inserts or deletes rows or columns, or cuts and
 * pastes the cell, and turns it into #REF! when the cell or its sheet is deleted. The clear reads
 * the formulas back (Range.formulas) to find each cell where it is now. The formula's value is a
 * row number: no copy of the clerk's data is kept in the marks sheet.
 *
 * Columns: the formula; the cell's fill before marking ("" = fill left alone, "none" = no fill, or
 * the fill as JSON); the UTF-8 size of the note we added (0 = none; the size lets a clear plan its
 * requests); the colour we set; and, as text for messages only, where the cell was at the check.
 * Rows written by the first version of the add-in (sheet name and address as text) are still read.
 */
export const MARKS_SHEET = '_mutualAidMarks';
export const MARKS_HEADER = ['cell', 'fill', 'note', 'mark', 'checked'] as const;
/** Number formats of a record's columns: the formula's column must not be text, or Excel keeps the formula as text. */
export const MARKS_FORMATS = ['General', '@', '@', '@', '@'] as const;
/** The header of the first version's marks sheet. */
const LEGACY_HEADER = ['sheet', 'cell', 'fill', 'note', 'mark'] as const;

/** One marked cell as the check records it: where it is, its fill before, our note's size, our colour. */
export interface MarkRecord {
  sheet: string;
  cell: string;
  fill: string;
  noteBytes: number;
  mark: string;
}

/** A sheet name as a formula reference writes it, always quoted ('花名册', 'It''s'): quotes are never wrong. */
export function quotedSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** The formula that keeps pointing at a marked cell: =ROW('花名册'!G16). */
export function markFormula(sheet: string, cell: string): string {
  return `=ROW(${quotedSheet(sheet)}!${cell})`;
}

/** The marks sheet's row for a record (write it with Range.formulas and MARKS_FORMATS). */
export function markRow(record: MarkRecord): string[] {
  return [markFormula(record.sheet, record.cell), record.fill, String(record.noteBytes), record.mark, `${quoteSheetName(record.sheet)}!${record.cell}`];
}

/**
 * A reference to one cell on a sheet as Excel writes it in a formula: 'My sheet'!$G$16, 花名册!G16.
 * Null for anything else (a range, no sheet, an error).
 */
export function parseSheetReference(text: string): { sheet: string; cell: string } | null {
  const match = /^\s*(?:'((?:[^']|'')+)'|([^'!()]+))!\$?([A-Za-z]{1,3})\$?(\d+)\s*$/.exec(text);
  if (!match) return null;
  const sheet = match[1] !== undefined ? match[1].replace(/''/g, "'") : match[2];
  return { sheet, cell: `${match[3].toUpperCase()}${match[4]}` };
}

/** Where a marked cell is now, as its formula says. */
export type MarkLocation =
  | { kind: 'cell'; sheet: string; cell: string }
  /** The cell's sheet was deleted: the reference reads #REF!G16 (or #REF!). */
  | { kind: 'sheetDeleted' }
  /** The cell itself was deleted (its row or column): the reference reads 花名册!#REF!. */
  | { kind: 'cellDeleted' }
  /** Not a formula this add-in writes. */
  | { kind: 'unreadable' };

/** Reads =ROW(<reference>) back, as Range.formulas gives it after Excel kept it up to date. */
export function parseMarkFormula(formula: string): MarkLocation {
  const match = /^=\s*ROW\((.*)\)\s*$/i.exec(formula);
  if (!match) return { kind: 'unreadable' };
  const inner = match[1].trim();
  if (/^#REF!/i.test(inner)) return { kind: 'sheetDeleted' };
  if (/#REF!/i.test(inner)) return { kind: 'cellDeleted' };
  const reference = parseSheetReference(inner);
  return reference ? { kind: 'cell', ...reference } : { kind: 'unreadable' };
}

/** A row of the marks sheet, read back with Range.formulas. */
export interface StoredMark {
  location: MarkLocation;
  fill: string;
  noteBytes: number;
  mark: string;
  /** Where the cell was at the check ("花名册!G16"), for messages. */
  checked: string;
  /** Written by the first version: the location is the sheet name and address as text, not kept up to date. */
  legacy: boolean;
  /** The row as read (formulas), to be written back when the record must be kept. */
  row: string[];
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

function noteBytesOf(value: unknown): number {
  const bytes = Number(text(value));
  return Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
}

/** Reads a row of the marks sheet back (its formulas); null for a header, a blank or a damaged row. */
export function readMarkRow(row: readonly unknown[]): StoredMark | null {
  const cells = Array.from({ length: MARKS_HEADER.length }, (_, i) => text(row[i]));
  const [first, second] = cells;
  if (first.startsWith('=')) {
    const [, fill, note, mark, checked] = cells;
    return { location: parseMarkFormula(first), fill, noteBytes: noteBytesOf(note), mark, checked, legacy: false, row: cells };
  }
  // The first version: sheet, cell, fill, note, mark, all text.
  if (!first || first === LEGACY_HEADER[0] || !/^[A-Z]{1,3}\d+$/.test(second)) return null;
  const [sheet, cell, fill, note, mark] = cells;
  return {
    location: { kind: 'cell', sheet, cell },
    fill,
    noteBytes: noteBytesOf(note),
    mark,
    checked: `${quoteSheetName(sheet)}!${cell}`,
    legacy: true,
    row: cells,
  };
}

/** A record whose fill is done with (put back, or the clerk's now): only its note is left to remove. */
export function withoutFill(stored: StoredMark): StoredMark {
  const row = [...stored.row];
  row[stored.legacy ? LEGACY_HEADER.indexOf('fill') : MARKS_HEADER.indexOf('fill')] = '';
  return { ...stored, fill: '', row };
}

/** The number formats to write a stored row back with (a first-version row is all text). */
export function storedRowFormats(stored: StoredMark): string[] {
  return stored.legacy ? LEGACY_HEADER.map(() => '@') : [...MARKS_FORMATS];
}

/** The sheet name of a "checked" text ("'My sheet'!G16" → "My sheet"), or the text itself. */
export function sheetOfChecked(checked: string): string {
  return parseSheetReference(checked)?.sheet ?? checked;
}

// ─── merged cells ───────────────────────────────────────────────────────────────────────────

/** A rectangle of cells, zero-based, as Range.rowIndex … columnCount give it. */
export interface CellRect {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

/**
 * The areas of a RangeAreas address ("Sheet1!A1:B4,Sheet1!D1:D4"; sheet names may be quoted and
 * hold commas), as zero-based rectangles.
 */
export function parseAreasAddress(address: string): CellRect[] {
  const out: CellRect[] = [];
  const area = /(?:'(?:[^']|'')*'|[^',!]*)!\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?/g;
  for (const match of address.matchAll(area)) {
    const top = Number(match[2]) - 1;
    const left = columnNumber(match[1]) - 1;
    const bottom = match[4] === undefined ? top : Number(match[4]) - 1;
    const right = match[3] === undefined ? left : columnNumber(match[3]) - 1;
    out.push({
      rowIndex: Math.min(top, bottom),
      columnIndex: Math.min(left, right),
      rowCount: Math.abs(bottom - top) + 1,
      columnCount: Math.abs(right - left) + 1,
    });
  }
  return out;
}

/**
 * Gives the cells a merged area covers the area's value, block by block, as the clerk sees them:
 * Range.values reads them blank but for the top-left cell. Excel's getMergedAreasOrNullObject
 * returns only the areas whose top-left cell is in the range asked about (office-js issue #3611),
 * so an area that goes on below a block is kept, with its value, for the blocks after it.
 */
export class MergedValues {
  private active: { top: number; left: number; bottom: number; right: number; value: unknown }[] = [];

  /** `columnIndex` and `columnCount`: the columns every block spans. */
  constructor(
    private readonly columnIndex: number,
    private readonly columnCount: number,
  ) {}

  /** Areas still open below the last block (for tests). */
  get open(): number {
    return this.active.length;
  }

  /** Fills the covered cells of a block read at `firstRowIndex`; `areas`: the block's merged areas. */
  apply(rows: unknown[][], firstRowIndex: number, areas: readonly CellRect[]): void {
    const lastRowIndex = firstRowIndex + rows.length - 1;
    for (const area of areas) {
      const value = rows[area.rowIndex - firstRowIndex]?.[area.columnIndex - this.columnIndex];
      // An area whose top-left cell is not in this block was taken from an earlier one (or is not ours).
      if (value === undefined) continue;
      this.active.push({
        top: area.rowIndex,
        left: area.columnIndex,
        bottom: area.rowIndex + area.rowCount - 1,
        right: area.columnIndex + area.columnCount - 1,
        value,
      });
    }
    const lastColumn = this.columnIndex + this.columnCount - 1;
    for (const area of this.active) {
      if (area.value === '' || area.value === null) continue;
      for (let row = Math.max(area.top, firstRowIndex); row <= Math.min(area.bottom, lastRowIndex); row += 1) {
        const line = rows[row - firstRowIndex];
        for (let column = Math.max(area.left, this.columnIndex); column <= Math.min(area.right, lastColumn); column += 1) {
          if (row !== area.top || column !== area.left) line[column - this.columnIndex] = area.value;
        }
      }
    }
    this.active = this.active.filter((area) => area.bottom > lastRowIndex);
  }
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
