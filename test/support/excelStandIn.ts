/**
 * An instrumented stand-in for the part of Excel's JavaScript API the task pane uses, faithful to
 * office.js where the adapter could go wrong:
 *
 * - Proxies and a queue: method calls and property writes are queued and applied, in order, at
 *   context.sync(); reading a property that was not loaded (and synced) throws PropertyNotLoaded,
 *   reading a ClientResult's value before sync throws ValueNotLoaded, and *OrNullObject objects
 *   know isNullObject only after a sync (office.js's messages and codes, from
 *   @microsoft/office-js/dist/en-us/office_strings.debug.js).
 * - A failing operation rejects the sync; the operations before it stay applied, loads of a failed
 *   sync stay unloaded.
 * - Payload accounting per sync: the request (operations and their arguments as JSON) and the
 *   response (loaded values as JSON) are measured in UTF-8 bytes; past 5 MB the sync fails with
 *   RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded, as Excel on the web does.
 *   A range read is limited to 5,000,000 cells.
 * - Protected sheets refuse every write (values, formats, notes, validation) with AccessDenied;
 *   a protected workbook structure refuses adding and deleting sheets.
 * - Requirement sets: isSetSupported answers from `apiVersion` (the highest ExcelApi this "Excel"
 *   has), and every API it implements belongs to the set API_SETS gives it (@types/office-js's
 *   `[Api set: ExcelApi 1.x]`, checked by test/taskpane/requirements.test.ts): a sync that carries
 *   a call, a property write or load, or a navigation above `apiVersion` fails with ApiNotFound,
 *   as Excel's host does (the operations queued before it stay applied).
 * - Fills read as Excel reports them: "No Fill" reads color "#FFFFFF", pattern "None",
 *   tintAndShade null (github.com/OfficeDev/office-js/issues/4900 and /6218).
 * - Date systems (WorkbookOptions.date1904): Workbook.functions.date (ExcelApi 1.2) answers in the
 *   workbook's system (DATE(2000,1,1) is 36526, or 35064 in the 1904 system); cell values are
 *   stored as given, so a 1904 workbook's date cells are given as 1904 serials.
 * - Merged areas (SheetSpec.merges): Range.values reads the cells an area covers as "" but for its
 *   top-left cell; Range.getMergedAreasOrNullObject (ExcelApi 1.13) returns only the areas whose
 *   top-left cell is in the range (github.com/OfficeDev/office-js/issues/3611), whole.
 * - Formulas keep pointing at their cells, as Excel keeps them: WorkbookState.renameSheet,
 *   insertRows, deleteRows and deleteSheet move the cells (values, formulas, fills, notes, merges)
 *   and rewrite the references in the formulas of every sheet ('Sheet'!A1, Sheet!$A$1, A1 on the
 *   same sheet, A1:B2); a reference to a deleted cell becomes Sheet!#REF!, to a deleted sheet
 *   #REF!A1. Only =ROW(reference) is calculated (its value is the row, or #REF!); other formulas keep
 *   the value they were given. A string written to a text-formatted ("@") cell stays text, even
 *   when it starts with "=", as in Excel.
 *
 * It counts syncs, API calls (by name) and bytes. The workbook state (WorkbookState) outlives any
 * stand-in: a new ExcelStandIn over the same state is Excel reopening the file.
 *
 * Self-contained (no imports): the browser test compiles this file and injects it into the page.
 */

export type CellValue = string | number | boolean;

export interface FillState {
  color: string;
  pattern: string;
  patternColor: string;
  tintAndShade: number | null;
  patternTintAndShade: number | null;
}

export const NO_FILL: FillState = { color: '#FFFFFF', pattern: 'None', patternColor: '#000000', tintAndShade: null, patternTintAndShade: null };

export function solidFill(color: string, tintAndShade = 0): FillState {
  return { color: color.toUpperCase(), pattern: 'Solid', patternColor: '#000000', tintAndShade, patternTintAndShade: 0 };
}

export interface NoteState {
  content: string;
  authorName: string;
}

export interface SheetSpec {
  name: string;
  /** Cell values from A1, row by row; '' is a blank cell. */
  rows?: CellValue[][];
  /** Formulas by A1 address; the cell's value in `rows` is the formula's result. */
  formulas?: Record<string, string>;
  fills?: Record<string, FillState>;
  notes?: Record<string, string>;
  numberFormats?: Record<string, string>;
  protected?: boolean;
  visibility?: 'Visible' | 'Hidden' | 'VeryHidden';
  /** Merged areas ("B3:B10"); the values of the cells they cover (all but the top-left) are blanked, as Excel keeps them. */
  merges?: string[];
}

/** Workbook-wide settings, as the file keeps them. */
export interface WorkbookOptions {
  /** The 1904 date system (old Mac workbooks): serial 0 is 1904-01-01. */
  date1904?: boolean;
}

export interface StandInOptions {
  /** Highest ExcelApi requirement set this "Excel" supports. */
  apiVersion?: string;
  displayLanguage?: string;
  payloadLimitBytes?: number;
  /** Milliseconds each sync takes (the browser test uses it to watch progress). */
  syncDelayMs?: number;
}

export class StandInError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, location?: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, errorLocation: location };
  }
}

const PAYLOAD_LIMIT = 5 * 1024 * 1024;
const READ_CELL_LIMIT = 5_000_000;
const MAX_ROWS = 1048576;
const MAX_COLUMNS = 16384;

// ─── addresses ──────────────────────────────────────────────────────────────────────────────

export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A rectangle of cells, zero-based. */
export interface Rect {
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

export function parseAddress(address: string): Rect {
  const text = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const cell = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;
  const [a, b = a] = text.split(':');
  const ca = cell.exec(a);
  const cb = cell.exec(b);
  if (ca && cb) {
    const r1 = Number(ca[2]) - 1;
    const r2 = Number(cb[2]) - 1;
    const c1 = columnNumber(ca[1]) - 1;
    const c2 = columnNumber(cb[1]) - 1;
    return { row: Math.min(r1, r2), column: Math.min(c1, c2), rowCount: Math.abs(r2 - r1) + 1, columnCount: Math.abs(c2 - c1) + 1 };
  }
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const r1 = Number(a) - 1;
    const r2 = Number(b) - 1;
    return { row: Math.min(r1, r2), column: 0, rowCount: Math.abs(r2 - r1) + 1, columnCount: MAX_COLUMNS };
  }
  if (/^[A-Za-z]{1,3}$/.test(a) && /^[A-Za-z]{1,3}$/.test(b)) {
    const c1 = columnNumber(a) - 1;
    const c2 = columnNumber(b) - 1;
    return { row: 0, column: Math.min(c1, c2), rowCount: MAX_ROWS, columnCount: Math.abs(c2 - c1) + 1 };
  }
  throw new StandInError('InvalidArgument', `The argument is invalid or missing or has an incorrect format. (${address})`);
}

export function rectAddress(rect: Rect): string {
  const first = `${columnLetters(rect.column + 1)}${rect.row + 1}`;
  const last = `${columnLetters(rect.column + rect.columnCount)}${rect.row + rect.rowCount}`;
  return first === last ? first : `${first}:${last}`;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rowCount && b.row < a.row + a.rowCount && a.column < b.column + b.columnCount && b.column < a.column + a.columnCount;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function key(row: number, column: number): string {
  return `${row},${column}`;
}

const UTF8 = new TextEncoder();

function utf8Length(text: string): number {
  return UTF8.encode(text).length;
}

function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? '');
}

function versionAtMost(version: string, max: string): boolean {
  const a = version.split('.').map(Number);
  const b = max.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  }
  return true;
}

/**
 * The ExcelApi requirement set of each API the stand-in implements ("Class.member"), the highest
 * version its `[Api set: ExcelApi …]` comment in @types/office-js names (a comment such as "1.1 for
 * reading visibility; 1.2 for setting it" counts as 1.2).
 */
export const API_SETS: Readonly<Record<string, string>> = {
  'Workbook.worksheets': '1.1',
  'Workbook.protection': '1.7',
  'Workbook.functions': '1.2',
  'Functions.date': '1.2',
  'FunctionResult.value': '1.2',
  'FunctionResult.error': '1.2',
  'WorkbookProtection.protected': '1.7',
  'WorksheetCollection.getActiveWorksheet': '1.1',
  'WorksheetCollection.getItem': '1.1',
  'WorksheetCollection.getItemOrNullObject': '1.4',
  'WorksheetCollection.add': '1.1',
  'WorksheetCollection.items': '1.1',
  'Worksheet.name': '1.1',
  'Worksheet.visibility': '1.2',
  'Worksheet.protection': '1.2',
  'Worksheet.freezePanes': '1.7',
  'Worksheet.tables': '1.1',
  'Worksheet.notes': '1.18',
  'Worksheet.activate': '1.1',
  'Worksheet.delete': '1.1',
  'Worksheet.getRange': '1.1',
  'Worksheet.getRangeByIndexes': '1.7',
  'Worksheet.getUsedRangeOrNullObject': '1.4',
  'WorksheetProtection.protected': '1.2',
  'WorksheetFreezePanes.freezeRows': '1.7',
  'TableCollection.add': '1.3',
  'Table.style': '1.1',
  'NoteCollection.add': '1.18',
  'NoteCollection.getItemOrNullObject': '1.18',
  'Note.content': '1.18',
  'Note.authorName': '1.18',
  'Note.delete': '1.18',
  'Range.values': '1.1',
  'Range.formulas': '1.1',
  'Range.numberFormat': '1.1',
  'Range.address': '1.1',
  'Range.rowIndex': '1.1',
  'Range.columnIndex': '1.1',
  'Range.rowCount': '1.1',
  'Range.columnCount': '1.1',
  'Range.format': '1.1',
  'Range.dataValidation': '1.8',
  'Range.clear': '1.1',
  'Range.select': '1.1',
  'Range.getCellProperties': '1.9',
  'Range.getMergedAreasOrNullObject': '1.13',
  'RangeAreas.address': '1.9',
  'RangeAreas.areaCount': '1.9',
  'RangeAreas.cellCount': '1.9',
  'RangeFormat.fill': '1.1',
  'RangeFormat.font': '1.1',
  'RangeFormat.autofitColumns': '1.2',
  'RangeFormat.columnWidth': '1.2',
  'RangeFont.bold': '1.1',
  'RangeFont.size': '1.1',
  'RangeFill.color': '1.1',
  'RangeFill.pattern': '1.9',
  'RangeFill.patternColor': '1.9',
  'RangeFill.tintAndShade': '1.9',
  'RangeFill.patternTintAndShade': '1.9',
  'RangeFill.clear': '1.1',
  'DataValidation.rule': '1.8',
  'DataValidation.errorAlert': '1.8',
  'DataValidation.prompt': '1.8',
};

// ─── formulas: references that follow their cells ────────────────────────────────────────────

/** A cell or range reference in a formula, as far as the stand-in reads them. */
interface Reference {
  /** The sheet named before "!", unquoted; null for a reference to the formula's own sheet. */
  sheet: string | null;
  /** The prefix as written ("'花名册'!", "Sheet1!", ""). */
  prefix: string;
  /** Zero-based rows and columns, with their "$" markers. */
  top: number;
  left: number;
  bottom: number;
  right: number;
  range: boolean;
  dollars: [string, string, string, string];
}

const REFERENCE = /((?:'(?:[^']|'')+'|[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*)!)?(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?::(\$?)([A-Za-z]{1,3})(\$?)(\d+))?/g;

function unquoteSheet(prefix: string): string {
  const name = prefix.slice(0, -1);
  return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

function cellText(dollarColumn: string, column: number, dollarRow: string, row: number): string {
  return `${dollarColumn}${columnLetters(column + 1)}${dollarRow}${row + 1}`;
}

function referenceText(ref: Reference): string {
  const first = cellText(ref.dollars[0], ref.left, ref.dollars[1], ref.top);
  return ref.range ? `${ref.prefix}${first}:${cellText(ref.dollars[2], ref.right, ref.dollars[3], ref.bottom)}` : `${ref.prefix}${first}`;
}

/**
 * Rewrites the references of a formula (outside its string literals): `visit` returns the new text
 * of a reference, or undefined to leave it.
 */
function mapReferences(formula: string, visit: (ref: Reference) => string | undefined): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(
            REFERENCE,
            (
              match: string,
              prefix: string | undefined,
              d1: string,
              c1: string,
              d2: string,
              r1: string,
              d3: string | undefined,
              c2: string | undefined,
              d4: string | undefined,
              r2: string | undefined,
              offset: number,
            ) => {
              const before = part[offset - 1] ?? '';
              const after = part[offset + match.length] ?? '';
              // Not a reference: part of a name (LOG10, a function call) or of #REF!A1.
              if (/[\w.$!'#\u4e00-\u9fff]/.test(before) || /[\w(!'\u4e00-\u9fff]/.test(after)) return match;
              const range = c2 !== undefined;
              const ref: Reference = {
                sheet: prefix ? unquoteSheet(prefix) : null,
                prefix: prefix ?? '',
                top: Number(r1) - 1,
                left: columnNumber(c1) - 1,
                bottom: range ? Number(r2) - 1 : Number(r1) - 1,
                right: range ? columnNumber(c2 as string) - 1 : columnNumber(c1) - 1,
                range,
                dollars: [d1, d2, d3 ?? '', d4 ?? ''],
              };
              return visit(ref) ?? match;
            },
          ),
    )
    .join('');
}

/** The value of a formula the stand-in calculates (=ROW(reference)), or undefined. */
export function calculate(formula: string): CellValue | undefined {
  const match = /^=ROW\((.*)\)$/i.exec(formula.trim());
  if (!match) return undefined;
  if (/#REF!/i.test(match[1])) return '#REF!';
  let row: number | undefined;
  const rest = mapReferences(match[1], (ref) => {
    row = ref.top + 1;
    return '';
  });
  return row !== undefined && rest.trim() === '' ? row : undefined;
}

// ─── the workbook's state (what the .xlsx file would hold) ────────────────────────────────────

export interface TableState {
  name: string;
  address: string;
  hasHeaders: boolean;
  style: string;
}

export interface ValidationState {
  address: string;
  rule?: unknown;
  errorAlert?: unknown;
  prompt?: unknown;
}

export class SheetState {
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  protected: boolean;
  values: CellValue[][] = [];
  formulas = new Map<string, string>();
  numberFormats = new Map<string, string>();
  fills = new Map<string, FillState>();
  fonts = new Map<string, { bold?: boolean; size?: number }>();
  notes = new Map<string, NoteState>();
  frozenRows = 0;
  tables: TableState[] = [];
  validations: ValidationState[] = [];
  columnWidths = new Map<number, number>();
  merges: Rect[] = [];
  /** Writes of values through the API, by address. */
  valueWrites: string[] = [];

  constructor(spec: SheetSpec) {
    this.name = spec.name;
    this.visibility = spec.visibility ?? 'Visible';
    this.protected = spec.protected ?? false;
    this.values = (spec.rows ?? []).map((row) => [...row]);
    for (const [address, formula] of Object.entries(spec.formulas ?? {})) {
      const r = parseAddress(address);
      this.formulas.set(key(r.row, r.column), formula);
    }
    for (const [address, fill] of Object.entries(spec.fills ?? {})) {
      const r = parseAddress(address);
      this.fills.set(key(r.row, r.column), { ...fill });
    }
    for (const [address, content] of Object.entries(spec.notes ?? {})) this.notes.set(address.toUpperCase(), { content, authorName: '经办人' });
    for (const [address, format] of Object.entries(spec.numberFormats ?? {})) {
      const r = parseAddress(address);
      this.numberFormats.set(key(r.row, r.column), format);
    }
    for (const address of spec.merges ?? []) {
      const area = parseAddress(address);
      if (this.merges.some((other) => overlaps(other, area)))
        throw new StandInError('InvalidArgument', `Merged areas overlap (${address}).`, 'SheetSpec.merges');
      this.merges.push(area);
      for (let r = area.row; r < area.row + area.rowCount; r += 1) {
        for (let c = area.column; c < area.column + area.columnCount; c += 1) {
          if (r === area.row && c === area.column) continue;
          if (this.values[r]?.[c] !== undefined) this.values[r][c] = '';
          this.formulas.delete(key(r, c));
        }
      }
    }
    this.recalculate();
  }

  value(row: number, column: number): CellValue {
    const value = this.values[row]?.[column];
    return value === undefined ? '' : value;
  }

  setValue(row: number, column: number, value: CellValue): void {
    while (this.values.length <= row) this.values.push([]);
    const line = this.values[row];
    while (line.length < column) line.push('');
    line[column] = value;
  }

  fill(row: number, column: number): FillState {
    return this.fills.get(key(row, column)) ?? NO_FILL;
  }

  /** Moves every cell's contents by row (`to` gives a row its new index, or null when it is deleted). */
  remapRows(to: (row: number) => number | null): void {
    const moveKeyed = <T>(map: Map<string, T>): Map<string, T> => {
      const out = new Map<string, T>();
      for (const [k, value] of map) {
        const [r, c] = k.split(',').map(Number);
        const row = to(r);
        if (row !== null) out.set(key(row, c), value);
      }
      return out;
    };
    this.formulas = moveKeyed(this.formulas);
    this.numberFormats = moveKeyed(this.numberFormats);
    this.fills = moveKeyed(this.fills);
    this.fonts = moveKeyed(this.fonts);
    const values: CellValue[][] = [];
    this.values.forEach((line, r) => {
      const row = to(r);
      if (row !== null) values[row] = line;
    });
    for (let r = 0; r < values.length; r += 1) if (!values[r]) values[r] = [];
    this.values = values;
    const notes = new Map<string, NoteState>();
    for (const [address, note] of this.notes) {
      const cell = parseAddress(address);
      const row = to(cell.row);
      if (row !== null) notes.set(rectAddress({ ...cell, row }), note);
    }
    this.notes = notes;
  }

  /** Calculates the formulas the stand-in understands (=ROW(reference)) again. */
  recalculate(): void {
    for (const [k, formula] of this.formulas) {
      const value = calculate(formula);
      if (value === undefined) continue;
      const [r, c] = k.split(',').map(Number);
      this.setValue(r, c, value);
    }
  }

  /** The smallest rectangle holding every non-blank value or formula (getUsedRange(true)); null if none. */
  usedRect(valuesOnly: boolean): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    const take = (row: number, column: number) => {
      top = Math.min(top, row);
      bottom = Math.max(bottom, row);
      left = Math.min(left, column);
      right = Math.max(right, column);
    };
    this.values.forEach((line, row) => line.forEach((value, column) => value !== '' && take(row, column)));
    for (const k of this.formulas.keys()) take(...(k.split(',').map(Number) as [number, number]));
    if (!valuesOnly) {
      for (const map of [this.fills, this.numberFormats, this.fonts] as Map<string, unknown>[]) {
        for (const k of map.keys()) take(...(k.split(',').map(Number) as [number, number]));
      }
    }
    if (bottom < 0) return null;
    return { row: top, column: left, rowCount: bottom - top + 1, columnCount: right - left + 1 };
  }
}

export class WorkbookState {
  sheets: SheetState[] = [];
  activeSheet: string;
  selection: { sheet: string; address: string } | null = null;
  structureProtected = false;
  readonly date1904: boolean;
  private tableCount = 0;

  constructor(specs: SheetSpec[], options: WorkbookOptions = {}) {
    this.sheets = specs.map((spec) => new SheetState(spec));
    this.date1904 = options.date1904 ?? false;
    this.activeSheet = this.sheets.find((s) => s.visibility === 'Visible')?.name ?? '';
  }

  find(name: string): SheetState | undefined {
    return this.sheets.find((sheet) => sheet.name.toLowerCase() === name.toLowerCase());
  }

  sheet(name: string): SheetState {
    const sheet = this.find(name);
    if (!sheet) throw new StandInError('ItemNotFound', 'The requested resource doesn\u2019t exist.', `Worksheet ${name}`);
    return sheet;
  }

  /** The serial of a date in the workbook's date system, as Excel's DATE gives it; null for #NUM!. */
  dateSerial(year: number, month: number, day: number): number | null {
    // DATE takes a year below 1900 as years after 1900; month and day overflow into the next ones.
    const fullYear = Math.trunc(year < 1900 ? year + 1900 : year);
    if (!(fullYear >= 1900 && fullYear <= 9999)) return null;
    const epoch = this.date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
    const days = (Date.UTC(fullYear, Math.trunc(month) - 1, Math.trunc(day)) - epoch) / 86_400_000;
    // The 1900 system counts the non-existent 1900-02-29 (serial 60): the days before it are one less.
    const serial = !this.date1904 && days <= 60 ? days - 1 : days;
    return serial < 0 || serial > 2_958_465 ? null : serial;
  }

  nextTableName(): string {
    this.tableCount += 1;
    return `Table${this.tableCount}`;
  }

  // What the clerk does in Excel between two clicks of the pane. Each keeps every formula pointing
  // at its cells, as Excel does.

  /** Rewrites the references of every formula of every sheet. */
  private rewriteFormulas(visit: (ref: Reference, host: SheetState) => string | undefined): void {
    for (const sheet of this.sheets) {
      for (const [k, formula] of sheet.formulas)
        sheet.formulas.set(
          k,
          mapReferences(formula, (ref) => visit(ref, sheet)),
        );
    }
  }

  /** The sheet a reference in a formula on `host` points at. */
  private target(ref: Reference, host: SheetState): SheetState | undefined {
    return ref.sheet === null ? host : this.find(ref.sheet);
  }

  /** Renames a sheet (the clerk double-clicks its tab). */
  renameSheet(oldName: string, newName: string): void {
    const sheet = this.sheet(oldName);
    const taken = this.find(newName);
    if (taken && taken !== sheet) throw new StandInError('ItemAlreadyExists', 'The resource already exists.', 'Worksheet.name');
    if (!newName || newName.length > 31 || /[\\/?*[\]:]/.test(newName))
      throw new StandInError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.', 'Worksheet.name');
    this.rewriteFormulas((ref, host) =>
      ref.sheet !== null && this.target(ref, host) === sheet ? referenceText({ ...ref, prefix: `${quoteSheet(newName)}!` }) : undefined,
    );
    if (this.activeSheet === sheet.name) this.activeSheet = newName;
    if (this.selection?.sheet === sheet.name) this.selection = { ...this.selection, sheet: newName };
    sheet.name = newName;
  }

  /** Deletes a sheet: references to it become #REF!A1. */
  deleteSheet(name: string): void {
    const sheet = this.sheet(name);
    this.rewriteFormulas((ref, host) => (ref.sheet !== null && this.target(ref, host) === sheet ? `#REF!${referenceText({ ...ref, prefix: '' })}` : undefined));
    this.sheets = this.sheets.filter((s) => s !== sheet);
    if (this.activeSheet === sheet.name) this.activeSheet = this.sheets.find((s) => s.visibility === 'Visible')?.name ?? '';
    for (const other of this.sheets) other.recalculate();
  }

  /** Inserts `count` blank rows above row `atRow` (1-based): the rows from there move down. */
  insertRows(name: string, atRow: number, count: number): void {
    const sheet = this.sheet(name);
    const at = atRow - 1;
    const shift = (row: number) => (row >= at ? row + count : row);
    this.rewriteFormulas((ref, host) =>
      this.target(ref, host) === sheet ? referenceText({ ...ref, top: shift(ref.top), bottom: shift(ref.bottom) }) : undefined,
    );
    sheet.remapRows(shift);
    sheet.merges = sheet.merges.map((area) =>
      area.row >= at ? { ...area, row: area.row + count } : area.row + area.rowCount > at ? { ...area, rowCount: area.rowCount + count } : area,
    );
    for (const other of this.sheets) other.recalculate();
  }

  /** Deletes `count` rows from row `atRow` (1-based): the rows below move up; references to the deleted cells become #REF!. */
  deleteRows(name: string, atRow: number, count: number): void {
    const sheet = this.sheet(name);
    const first = atRow - 1;
    const last = first + count - 1;
    const gone = (row: number) => row >= first && row <= last;
    const shift = (row: number) => (row > last ? row - count : row);
    this.rewriteFormulas((ref, host) => {
      if (this.target(ref, host) !== sheet) return undefined;
      if (gone(ref.top) && gone(ref.bottom)) return `${ref.prefix}#REF!`;
      const top = gone(ref.top) ? first : shift(ref.top);
      const bottom = gone(ref.bottom) ? first - 1 : shift(ref.bottom);
      return referenceText({ ...ref, top, bottom });
    });
    sheet.remapRows((row) => (gone(row) ? null : shift(row)));
    // A merged area loses its deleted rows; one cell left is no merge.
    sheet.merges = sheet.merges.flatMap((area) => {
      const kept = Array.from({ length: area.rowCount }, (_, i) => area.row + i).filter((row) => !gone(row)).length;
      if (kept === 0 || (kept === 1 && area.columnCount === 1)) return [];
      return [{ ...area, row: gone(area.row) ? first : shift(area.row), rowCount: kept }];
    });
    for (const other of this.sheets) other.recalculate();
  }

  // Views for tests (plain data).

  valuesOf(name: string): CellValue[][] {
    return this.sheet(name).values.map((row) => [...row]);
  }

  formulasOf(name: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, formula] of this.sheet(name).formulas) {
      const [r, c] = k.split(',').map(Number);
      out[`${columnLetters(c + 1)}${r + 1}`] = formula;
    }
    return out;
  }

  fillAt(name: string, address: string): FillState {
    const r = parseAddress(address);
    return { ...this.sheet(name).fill(r.row, r.column) };
  }

  /** Every cell with a fill, by address. */
  fillsOf(name: string): Record<string, FillState> {
    const out: Record<string, FillState> = {};
    for (const [k, fill] of this.sheet(name).fills) {
      if (fill.pattern === 'None') continue;
      const [r, c] = k.split(',').map(Number);
      out[`${columnLetters(c + 1)}${r + 1}`] = { ...fill };
    }
    return out;
  }

  notesOf(name: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [address, note] of this.sheet(name).notes) out[address] = note.content;
    return out;
  }
}

// ─── the API ────────────────────────────────────────────────────────────────────────────────

interface Op {
  name: string;
  request: number;
  /** A navigation (getItem, .format …): travels with the next sync, which it can fail, but no sync is made for it alone. */
  navigation?: boolean;
  /** Applies the operation; returns the response bytes and a commit that publishes loaded data. */
  apply(): { response?: number; commit?: () => void } | void;
}

/** The host the adapter sees: run, isSetSupported, displayLanguage; plus counters for tests. */
export class ExcelStandIn {
  readonly apiVersion: string;
  readonly displayLanguage: string;
  readonly payloadLimit: number;
  readonly syncDelayMs: number;
  syncs = 0;
  runs = 0;
  calls = 0;
  readonly callsByName: Record<string, number> = {};
  readonly requestBytes: number[] = [];
  readonly responseBytes: number[] = [];
  payloadFailures = 0;

  constructor(
    readonly workbook: WorkbookState,
    options: StandInOptions = {},
  ) {
    this.apiVersion = options.apiVersion ?? '1.18';
    this.displayLanguage = options.displayLanguage ?? 'zh-CN';
    this.payloadLimit = options.payloadLimitBytes ?? PAYLOAD_LIMIT;
    this.syncDelayMs = options.syncDelayMs ?? 0;
  }

  isSetSupported(name: string, version: string): boolean {
    this.count('isSetSupported');
    return name === 'ExcelApi' && versionAtMost(version, this.apiVersion);
  }

  async run<T>(batch: (context: RequestContext) => Promise<T>): Promise<T> {
    this.runs += 1;
    const context = new RequestContext(this);
    const result = await batch(context);
    // Excel.run sends what is still queued when the batch's promise resolves.
    if (context.pending() > 0) await context.sync();
    return result;
  }

  /** @internal */
  count(name: string): void {
    this.calls += 1;
    this.callsByName[name] = (this.callsByName[name] ?? 0) + 1;
  }

  /** @internal ApiNotFound when `api` (a key of API_SETS) is above this Excel's ExcelApi version. */
  requires(api: string): void {
    const version = API_SETS[api];
    if (version === undefined) throw new Error(`The stand-in names no requirement set for ${api}: add it to API_SETS.`);
    if (!versionAtMost(version, this.apiVersion)) {
      throw new StandInError(
        'ApiNotFound',
        `The method or property ${api} is part of the ExcelApi ${version} requirement set, which is not available in your version of Excel.`,
      );
    }
  }

  get maxRequestBytes(): number {
    return Math.max(0, ...this.requestBytes);
  }

  get maxResponseBytes(): number {
    return Math.max(0, ...this.responseBytes);
  }
}

export class RequestContext {
  readonly workbook: WorkbookProxy;
  private queue: Op[] = [];

  constructor(readonly host: ExcelStandIn) {
    this.workbook = new WorkbookProxy(this);
  }

  pending(): number {
    return this.queue.filter((op) => !op.navigation).length;
  }

  /**
   * @internal Queues an operation; at sync it fails with ApiNotFound if one of `apis` (the call
   * itself unless told) is above this Excel's version.
   */
  enqueue(name: string, args: unknown, apply: Op['apply'], apis: readonly string[] = [name]): void {
    this.host.count(name);
    this.queue.push({
      name,
      request: 40 + jsonBytes([name, args]),
      apply: () => {
        for (const api of apis) this.host.requires(api);
        return apply();
      },
    });
  }

  /** @internal A navigation method or property (getItem, Range.format …): counted, and its set checked at the next sync. */
  navigate(api: string): void {
    this.host.count(api);
    this.queue.push({ name: api, request: 0, navigation: true, apply: () => this.host.requires(api) });
  }

  async sync(): Promise<void> {
    const host = this.host;
    host.syncs += 1;
    const ops = this.queue;
    this.queue = [];
    if (host.syncDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, host.syncDelayMs));
    else await new Promise((resolve) => setTimeout(resolve, 0));
    const request = ops.reduce((sum, op) => sum + op.request, 200);
    host.requestBytes.push(request);
    if (request > host.payloadLimit) {
      host.payloadFailures += 1;
      host.responseBytes.push(0);
      throw new StandInError(
        'RequestPayloadSizeLimitExceeded',
        'The request payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
      );
    }
    let response = 100;
    const commits: (() => void)[] = [];
    try {
      for (const op of ops) {
        const outcome = op.apply();
        if (outcome) {
          response += outcome.response ?? 0;
          if (outcome.commit) commits.push(outcome.commit);
        }
      }
    } finally {
      host.responseBytes.push(response);
    }
    if (response > host.payloadLimit) {
      host.payloadFailures += 1;
      throw new StandInError(
        'ResponsePayloadSizeLimitExceeded',
        'The response payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
      );
    }
    for (const commit of commits) commit();
  }
}

function propertyNotLoaded(entity: string, property: string): StandInError {
  return new StandInError(
    'PropertyNotLoaded',
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${entity}.${property}`,
  );
}

function splitProps(props: string | string[] | undefined): string[] {
  if (props === undefined) return [];
  const list = Array.isArray(props) ? props : props.split(',');
  return list.map((p) => p.trim()).filter(Boolean);
}

/** Loaded-property bookkeeping shared by the proxies. */
abstract class Proxy {
  protected readonly loaded = new Map<string, unknown>();
  private nullKnown = false;
  private nullValue = false;

  constructor(
    protected readonly context: RequestContext,
    protected readonly entity: string,
  ) {}

  protected host(): ExcelStandIn {
    return this.context.host;
  }

  protected read<T>(property: string): T {
    if (!this.loaded.has(property)) throw propertyNotLoaded(this.entity, property);
    return this.loaded.get(property) as T;
  }

  /** For *OrNullObject proxies: queue the null check (office.js returns it with the next sync). */
  protected trackNull(resolve: () => boolean): void {
    this.context.enqueue(
      `${this.entity}.getOrNull`,
      null,
      () => {
        const isNull = resolve();
        return {
          response: 10,
          commit: () => {
            this.nullKnown = true;
            this.nullValue = isNull;
          },
        };
      },
      [],
    );
  }

  get isNullObject(): boolean {
    if (!this.nullKnown) throw propertyNotLoaded(this.entity, 'isNullObject');
    return this.nullValue;
  }

  /** Queues a load; `snapshot` reads the state at sync time and returns the property values. */
  protected queueLoad(props: string[], snapshot: () => Record<string, unknown> | null): void {
    this.context.enqueue(
      `${this.entity}.load`,
      props,
      () => {
        const data = snapshot();
        if (data === null) return { response: 10 };
        return {
          response: jsonBytes(data),
          commit: () => {
            for (const [name, value] of Object.entries(data)) this.loaded.set(name, value);
          },
        };
      },
      props.map((p) => `${this.entity}.${p}`),
    );
  }
}

function refuseIfProtected(sheet: SheetState): void {
  if (sheet.protected) {
    throw new StandInError('AccessDenied', "The cell or chart you're trying to change is on a protected sheet.", `Worksheet ${sheet.name}`);
  }
}

export class WorkbookProxy extends Proxy {
  private readonly sheets: WorksheetCollectionProxy;
  private readonly structure: WorkbookProtectionProxy;
  private readonly calculations: FunctionsProxy;

  constructor(context: RequestContext) {
    super(context, 'Workbook');
    this.sheets = new WorksheetCollectionProxy(context);
    this.structure = new WorkbookProtectionProxy(context);
    this.calculations = new FunctionsProxy(context);
  }

  get worksheets(): WorksheetCollectionProxy {
    this.context.navigate('Workbook.worksheets');
    return this.sheets;
  }

  get protection(): WorkbookProtectionProxy {
    this.context.navigate('Workbook.protection');
    return this.structure;
  }

  get functions(): FunctionsProxy {
    this.context.navigate('Workbook.functions');
    return this.calculations;
  }
}

/** Workbook.functions (ExcelApi 1.2): only DATE, the adapter's date-system probe. */
export class FunctionsProxy extends Proxy {
  constructor(context: RequestContext) {
    super(context, 'Functions');
  }

  date(year: number, month: number, day: number): FunctionResultProxy {
    const result = new FunctionResultProxy(this.context, () => this.context.host.workbook.dateSerial(year, month, day));
    this.context.enqueue('Functions.date', [year, month, day], () => undefined);
    return result;
  }
}

/** A function's result: value (or error) only once loaded and synced, like any property. */
export class FunctionResultProxy extends Proxy {
  constructor(
    context: RequestContext,
    private readonly evaluate: () => number | null,
  ) {
    super(context, 'FunctionResult');
  }

  load(props?: string | string[]): this {
    const wanted = splitProps(props);
    this.queueLoad(wanted, () => {
      const value = this.evaluate();
      const all: Record<string, unknown> = value === null ? { value: null, error: '#NUM!' } : { value, error: null };
      const out: Record<string, unknown> = {};
      for (const p of wanted.length > 0 ? wanted : ['value', 'error']) out[p] = all[p];
      return out;
    });
    return this;
  }

  get value(): number | null {
    return this.read('value');
  }

  get error(): string | null {
    return this.read('error');
  }
}

export class WorkbookProtectionProxy extends Proxy {
  constructor(context: RequestContext) {
    super(context, 'WorkbookProtection');
  }

  load(props?: string | string[]): this {
    this.queueLoad(splitProps(props), () => ({ protected: this.context.host.workbook.structureProtected }));
    return this;
  }

  get protected(): boolean {
    return this.read('protected');
  }
}

export class WorksheetCollectionProxy extends Proxy {
  constructor(context: RequestContext) {
    super(context, 'WorksheetCollection');
  }

  private state(): WorkbookState {
    return this.context.host.workbook;
  }

  load(props?: string | string[]): this {
    const wanted = splitProps(props).map((p) => p.replace(/^items\//, ''));
    this.context.enqueue(
      'WorksheetCollection.load',
      wanted,
      () => {
        const sheets = this.state().sheets;
        const data = sheets.map((sheet) => {
          const out: Record<string, unknown> = {};
          for (const p of wanted) out[p] = (sheet as unknown as Record<string, unknown>)[p];
          return out;
        });
        return {
          response: jsonBytes(data),
          commit: () => {
            this.loaded.set(
              'items',
              sheets.map((sheet, i) => WorksheetProxy.loadedFrom(this.context, () => this.state().find(sheet.name) ?? null, data[i])),
            );
          },
        };
      },
      ['WorksheetCollection.items', ...wanted.map((p) => `Worksheet.${p}`)],
    );
    return this;
  }

  get items(): WorksheetProxy[] {
    return this.read('items');
  }

  getActiveWorksheet(): WorksheetProxy {
    this.context.navigate('WorksheetCollection.getActiveWorksheet');
    return new WorksheetProxy(this.context, () => this.state().sheet(this.state().activeSheet));
  }

  getItem(name: string): WorksheetProxy {
    this.context.navigate('WorksheetCollection.getItem');
    return new WorksheetProxy(this.context, () => this.state().sheet(name));
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    this.context.navigate('WorksheetCollection.getItemOrNullObject');
    const proxy = new WorksheetProxy(this.context, () => this.state().find(name) ?? null);
    proxy.track();
    return proxy;
  }

  add(name: string): WorksheetProxy {
    let created: SheetState | null = null;
    this.context.enqueue('WorksheetCollection.add', name, () => {
      const state = this.state();
      if (state.structureProtected) throw new StandInError('AccessDenied', 'The workbook is protected.', 'WorksheetCollection.add');
      if (state.find(name)) throw new StandInError('ItemAlreadyExists', 'The resource already exists.', 'WorksheetCollection.add');
      if (!name || name.length > 31 || /[\\/?*[\]:]/.test(name))
        throw new StandInError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.', 'WorksheetCollection.add');
      created = new SheetState({ name });
      state.sheets.push(created);
    });
    return new WorksheetProxy(this.context, () => {
      if (!created) throw new StandInError('ItemNotFound', 'The requested resource doesn\u2019t exist.', `Worksheet ${name}`);
      if (!this.state().sheets.includes(created)) throw new StandInError('ItemNotFound', 'The requested resource doesn\u2019t exist.', `Worksheet ${name}`);
      return created;
    });
  }
}

type SheetResolver = () => SheetState | null;

export class WorksheetProxy extends Proxy {
  private readonly protectionProxy: WorksheetProtectionProxy;
  private readonly freezePanesProxy: FreezePanesProxy;
  private readonly tablesProxy: TableCollectionProxy;

  constructor(
    context: RequestContext,
    private readonly resolveSheet: SheetResolver,
  ) {
    super(context, 'Worksheet');
    this.protectionProxy = new WorksheetProtectionProxy(context, () => this.sheet());
    this.freezePanesProxy = new FreezePanesProxy(context, () => this.sheet());
    this.tablesProxy = new TableCollectionProxy(context, () => this.sheet());
  }

  get protection(): WorksheetProtectionProxy {
    this.context.navigate('Worksheet.protection');
    return this.protectionProxy;
  }

  get freezePanes(): FreezePanesProxy {
    this.context.navigate('Worksheet.freezePanes');
    return this.freezePanesProxy;
  }

  get tables(): TableCollectionProxy {
    this.context.navigate('Worksheet.tables');
    return this.tablesProxy;
  }

  static loadedFrom(context: RequestContext, resolve: SheetResolver, data: Record<string, unknown>): WorksheetProxy {
    const proxy = new WorksheetProxy(context, resolve);
    for (const [name, value] of Object.entries(data)) proxy.loaded.set(name, value);
    return proxy;
  }

  /** @internal */
  track(): void {
    this.trackNull(() => this.resolveSheet() === null);
  }

  /** @internal the sheet, or ItemNotFound. */
  sheet(): SheetState {
    const sheet = this.resolveSheet();
    if (!sheet) throw new StandInError('ItemNotFound', 'The requested resource doesn\u2019t exist.', 'Worksheet');
    return sheet;
  }

  /** @internal */
  sheetOrNull(): SheetState | null {
    return this.resolveSheet();
  }

  load(props?: string | string[]): this {
    const wanted = splitProps(props);
    this.queueLoad(wanted, () => {
      const sheet = this.resolveSheet();
      if (!sheet) return null;
      const out: Record<string, unknown> = {};
      for (const p of wanted) out[p] = (sheet as unknown as Record<string, unknown>)[p];
      return out;
    });
    return this;
  }

  get name(): string {
    return this.read('name');
  }

  get visibility(): string {
    return this.read('visibility');
  }

  set visibility(value: string) {
    this.context.enqueue('Worksheet.visibility', value, () => {
      const sheet = this.sheet();
      const state = this.context.host.workbook;
      if (value !== 'Visible' && !state.sheets.some((s) => s !== sheet && s.visibility === 'Visible')) {
        throw new StandInError('InvalidOperation', 'A workbook must contain at least one visible worksheet.', 'Worksheet.visibility');
      }
      sheet.visibility = value as SheetState['visibility'];
      if (value !== 'Visible' && state.activeSheet === sheet.name) {
        state.activeSheet = state.sheets.find((s) => s.visibility === 'Visible')?.name ?? '';
      }
    });
  }

  get notes(): NoteCollectionProxy {
    this.context.navigate('Worksheet.notes');
    return new NoteCollectionProxy(this.context, () => this.sheet());
  }

  activate(): void {
    this.context.enqueue('Worksheet.activate', null, () => {
      const sheet = this.sheet();
      if (sheet.visibility !== 'Visible') throw new StandInError('InvalidOperation', 'The worksheet is hidden.', 'Worksheet.activate');
      this.context.host.workbook.activeSheet = sheet.name;
    });
  }

  delete(): void {
    this.context.enqueue('Worksheet.delete', null, () => {
      const state = this.context.host.workbook;
      const sheet = this.sheet();
      if (state.structureProtected) throw new StandInError('AccessDenied', 'The workbook is protected.', 'Worksheet.delete');
      if (sheet.visibility === 'VeryHidden') throw new StandInError('InvalidOperation', 'A very hidden worksheet cannot be deleted.', 'Worksheet.delete');
      if (!state.sheets.some((s) => s !== sheet && s.visibility === 'Visible')) {
        throw new StandInError('InvalidOperation', 'A workbook must contain at least one visible worksheet.', 'Worksheet.delete');
      }
      state.sheets = state.sheets.filter((s) => s !== sheet);
      if (state.activeSheet === sheet.name) state.activeSheet = state.sheets.find((s) => s.visibility === 'Visible')?.name ?? '';
    });
  }

  getRange(address?: string): RangeProxy {
    this.context.navigate('Worksheet.getRange');
    const rect = address === undefined ? { row: 0, column: 0, rowCount: MAX_ROWS, columnCount: MAX_COLUMNS } : parseAddress(address);
    return new RangeProxy(
      this.context,
      () => this.sheet(),
      () => rect,
    );
  }

  getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number): RangeProxy {
    this.context.navigate('Worksheet.getRangeByIndexes');
    return new RangeProxy(
      this.context,
      () => this.sheet(),
      () => ({ row, column, rowCount, columnCount }),
    );
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    this.context.navigate('Worksheet.getUsedRangeOrNullObject');
    const proxy = new RangeProxy(
      this.context,
      () => this.sheet(),
      () => {
        const sheet = this.resolveSheet();
        return sheet ? sheet.usedRect(valuesOnly === true) : null;
      },
    );
    proxy.track();
    return proxy;
  }
}

export class WorksheetProtectionProxy extends Proxy {
  constructor(
    context: RequestContext,
    private readonly sheet: () => SheetState,
  ) {
    super(context, 'WorksheetProtection');
  }

  load(props?: string | string[]): this {
    this.queueLoad(splitProps(props), () => ({ protected: this.sheet().protected }));
    return this;
  }

  get protected(): boolean {
    return this.read('protected');
  }
}

export class FreezePanesProxy extends Proxy {
  constructor(
    context: RequestContext,
    private readonly sheet: () => SheetState,
  ) {
    super(context, 'WorksheetFreezePanes');
  }

  freezeRows(count = 1): void {
    this.context.enqueue('WorksheetFreezePanes.freezeRows', count, () => {
      const sheet = this.sheet();
      refuseIfProtected(sheet);
      sheet.frozenRows = count;
    });
  }
}

export class TableCollectionProxy extends Proxy {
  constructor(
    context: RequestContext,
    private readonly sheet: () => SheetState,
  ) {
    super(context, 'TableCollection');
  }

  add(address: string | RangeProxy, hasHeaders: boolean): TableProxy {
    let table: TableState | null = null;
    this.context.enqueue('TableCollection.add', [typeof address === 'string' ? address : '(range)', hasHeaders], () => {
      const sheet = this.sheet();
      refuseIfProtected(sheet);
      const rect = typeof address === 'string' ? parseAddress(address) : address.rect();
      if (!rect) throw new StandInError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.', 'TableCollection.add');
      if (hasHeaders) {
        const headers = Array.from({ length: rect.columnCount }, (_, i) => String(sheet.value(rect.row, rect.column + i)));
        if (new Set(headers).size !== headers.length) throw new StandInError('InvalidArgument', 'Table headers must be unique.', 'TableCollection.add');
      }
      table = { name: this.context.host.workbook.nextTableName(), address: rectAddress(rect), hasHeaders, style: 'TableStyleMedium2' };
      sheet.tables.push(table);
    });
    return new TableProxy(this.context, () => {
      if (!table) throw new StandInError('ItemNotFound', 'The requested resource doesn\u2019t exist.', 'Table');
      return table;
    });
  }
}

export class TableProxy extends Proxy {
  constructor(
    context: RequestContext,
    private readonly table: () => TableState,
  ) {
    super(context, 'Table');
  }

  set style(value: string) {
    this.context.enqueue('Table.style', value, () => {
      this.table().style = value;
    });
  }
}

export class NoteCollectionProxy extends Proxy {
  constructor(
    context: RequestContext,
    private readonly sheet: () => SheetState,
  ) {
    super(context, 'NoteCollection');
  }

  add(cellAddress: string, content: string): NoteProxy {
    this.context.enqueue('NoteCollection.add', [cellAddress, content], () => {
      const sheet = this.sheet();
      refuseIfProtected(sheet);
      const rect = parseAddress(cellAddress);
      if (rect.rowCount !== 1 || rect.columnCount !== 1) throw new StandInError('InvalidCellAddress', 'The cell address is invalid.', 'NoteCollection.add');
      const address = rectAddress(rect);
      if (sheet.notes.has(address)) throw new StandInError('InvalidArgument', 'The cell already has a note.', 'NoteCollection.add');
      sheet.notes.set(address, { content, authorName: 'Mutual Aid add-in' });
    });
    return new NoteProxy(this.context, () => this.sheet(), cellAddress);
  }

  getItemOrNullObject(key: string): NoteProxy {
    this.context.navigate('NoteCollection.getItemOrNullObject');
    const proxy = new NoteProxy(this.context, () => this.sheet(), key);
    proxy.track();
    return proxy;
  }
}

export class NoteProxy extends Proxy {
  constructor(
    context: RequestContext,
    private readonly sheet: () => SheetState,
    private readonly cell: string,
  ) {
    super(context, 'Note');
  }

  private address(): string {
    return rectAddress(parseAddress(this.cell));
  }

  /** @internal */
  track(): void {
    this.trackNull(() => !this.sheet().notes.has(this.address()));
  }

  load(props?: string | string[]): this {
    const wanted = splitProps(props);
    this.queueLoad(wanted, () => {
      const note = this.sheet().notes.get(this.address());
      if (!note) return null;
      const out: Record<string, unknown> = {};
      for (const p of wanted) out[p] = (note as unknown as Record<string, unknown>)[p];
      return out;
    });
    return this;
  }

  get content(): string {
    return this.read('content');
  }

  delete(): void {
    this.context.enqueue('Note.delete', this.cell, () => {
      const sheet = this.sheet();
      refuseIfProtected(sheet);
      if (!sheet.notes.delete(this.address())) throw new StandInError('ItemNotFound', 'The requested resource doesn\u2019t exist.', 'Note.delete');
    });
  }
}

/** The result of a method that returns a value (getCellProperties): value only after sync. */
export class ClientResult<T> {
  private loadedValue: { value: T } | null = null;

  get value(): T {
    if (!this.loadedValue) {
      throw new StandInError(
        'ValueNotLoaded',
        'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
      );
    }
    return this.loadedValue.value;
  }

  /** @internal */
  set(value: T): void {
    this.loadedValue = { value };
  }
}

type RectResolver = () => Rect | null;

export class RangeProxy extends Proxy {
  constructor(
    context: RequestContext,
    private readonly sheet: () => SheetState,
    private readonly resolveRect: RectResolver,
  ) {
    super(context, 'Range');
  }

  /** @internal */
  track(): void {
    this.trackNull(() => this.resolveRect() === null);
  }

  /** @internal */
  rect(): Rect | null {
    return this.resolveRect();
  }

  private cells(): { sheet: SheetState; rect: Rect } {
    const rect = this.resolveRect();
    if (!rect) throw new StandInError('InvalidArgument', 'The object is a null object.', 'Range');
    return { sheet: this.sheet(), rect };
  }

  private grid<T>(read: (sheet: SheetState, row: number, column: number) => T): T[][] {
    const { sheet, rect } = this.cells();
    if (rect.rowCount * rect.columnCount > READ_CELL_LIMIT) {
      throw new StandInError('RangeExceedsLimit', 'The range has more cells than can be read at once (5,000,000).', 'Range.load');
    }
    const out: T[][] = [];
    for (let r = 0; r < rect.rowCount; r += 1) {
      const row: T[] = [];
      for (let c = 0; c < rect.columnCount; c += 1) row.push(read(sheet, rect.row + r, rect.column + c));
      out.push(row);
    }
    return out;
  }

  load(props?: string | string[]): this {
    const wanted = splitProps(props);
    this.queueLoad(wanted, () => {
      const rect = this.resolveRect();
      if (!rect) return null;
      const sheet = this.sheet();
      const out: Record<string, unknown> = {};
      for (const p of wanted) {
        switch (p) {
          case 'values':
            out.values = this.grid((s, r, c) => s.value(r, c));
            break;
          case 'formulas':
            out.formulas = this.grid((s, r, c) => s.formulas.get(key(r, c)) ?? s.value(r, c));
            break;
          case 'numberFormat':
            out.numberFormat = this.grid((s, r, c) => s.numberFormats.get(key(r, c)) ?? 'General');
            break;
          case 'address':
            out.address = `${quoteSheet(sheet.name)}!${rectAddress(rect)}`;
            break;
          case 'rowIndex':
            out.rowIndex = rect.row;
            break;
          case 'columnIndex':
            out.columnIndex = rect.column;
            break;
          case 'rowCount':
            out.rowCount = rect.rowCount;
            break;
          case 'columnCount':
            out.columnCount = rect.columnCount;
            break;
          default:
            throw new StandInError('InvalidArgument', `The stand-in cannot load Range.${p}.`, 'Range.load');
        }
      }
      return out;
    });
    return this;
  }

  get values(): CellValue[][] {
    return this.read('values');
  }

  set values(values: CellValue[][]) {
    this.write('values', values);
  }

  get formulas(): unknown[][] {
    return this.read('formulas');
  }

  set formulas(formulas: CellValue[][]) {
    this.write('formulas', formulas);
  }

  /**
   * Range.values and Range.formulas: a string starting with "=" is a formula, unless the cell is
   * formatted as text ("@"), where Excel keeps it as the text typed.
   */
  private write(what: 'values' | 'formulas', array: CellValue[][]): void {
    this.context.enqueue(`Range.${what}`, array, () => {
      const { sheet, rect } = this.cells();
      refuseIfProtected(sheet);
      this.checkShape(array, rect, what);
      array.forEach((row, r) =>
        row.forEach((value, c) => {
          const k = key(rect.row + r, rect.column + c);
          if (typeof value === 'string' && value.startsWith('=') && sheet.numberFormats.get(k) !== '@') {
            sheet.formulas.set(k, value);
            sheet.setValue(rect.row + r, rect.column + c, calculate(value) ?? value);
          } else {
            sheet.formulas.delete(k);
            sheet.setValue(rect.row + r, rect.column + c, value);
          }
        }),
      );
      sheet.valueWrites.push(rectAddress(rect));
    });
  }

  /** Range.clear() (applyTo All): contents, number formats, fills and fonts. Notes are not modelled here. */
  clear(): void {
    this.context.enqueue('Range.clear', null, () => {
      const { sheet, rect } = this.cells();
      refuseIfProtected(sheet);
      eachCell({ sheet, rect }, (k) => {
        const [r, c] = k.split(',').map(Number);
        sheet.formulas.delete(k);
        sheet.numberFormats.delete(k);
        sheet.fills.delete(k);
        sheet.fonts.delete(k);
        if (sheet.values[r]?.[c] !== undefined) sheet.values[r][c] = '';
      });
    });
  }

  /** Range.getMergedAreasOrNullObject (ExcelApi 1.13): the merged areas whose top-left cell is in this range. */
  getMergedAreasOrNullObject(): RangeAreasProxy {
    this.context.navigate('Range.getMergedAreasOrNullObject');
    const proxy = new RangeAreasProxy(this.context, () => {
      const { sheet, rect } = this.cells();
      const areas = sheet.merges.filter(
        (area) => area.row >= rect.row && area.row < rect.row + rect.rowCount && area.column >= rect.column && area.column < rect.column + rect.columnCount,
      );
      return { sheet, areas };
    });
    proxy.track();
    return proxy;
  }

  get numberFormat(): string[][] {
    return this.read('numberFormat');
  }

  set numberFormat(formats: string[][]) {
    this.context.enqueue('Range.numberFormat', formats, () => {
      const { sheet, rect } = this.cells();
      refuseIfProtected(sheet);
      this.checkShape(formats, rect, 'numberFormat');
      formats.forEach((row, r) => row.forEach((format, c) => sheet.numberFormats.set(key(rect.row + r, rect.column + c), format)));
    });
  }

  private checkShape(array: unknown[][], rect: Rect, what: string): void {
    if (!Array.isArray(array) || array.length !== rect.rowCount || array.some((row) => !Array.isArray(row) || row.length !== rect.columnCount)) {
      throw new StandInError(
        'InvalidArgument',
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range. (${what})`,
        `Range.${what}`,
      );
    }
  }

  get address(): string {
    return this.read('address');
  }

  get rowIndex(): number {
    return this.read('rowIndex');
  }

  get columnIndex(): number {
    return this.read('columnIndex');
  }

  get rowCount(): number {
    return this.read('rowCount');
  }

  get columnCount(): number {
    return this.read('columnCount');
  }

  get format(): RangeFormatProxy {
    this.context.navigate('Range.format');
    return new RangeFormatProxy(this.context, () => this.cells());
  }

  get dataValidation(): DataValidationProxy {
    this.context.navigate('Range.dataValidation');
    return new DataValidationProxy(this.context, () => this.cells());
  }

  getCellProperties(options: { format?: { fill?: Record<string, boolean> } }): ClientResult<unknown[][]> {
    const result = new ClientResult<unknown[][]>();
    this.context.enqueue('Range.getCellProperties', options, () => {
      const wanted = Object.keys(options.format?.fill ?? {}).filter((p) => options.format?.fill?.[p]);
      const data = this.grid((sheet, r, c) => {
        const fill = sheet.fill(r, c) as unknown as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const p of wanted) out[p] = fill[p];
        return { format: { fill: out } };
      });
      return { response: jsonBytes(data), commit: () => result.set(data) };
    });
    return result;
  }

  select(): void {
    this.context.enqueue('Range.select', null, () => {
      const { sheet, rect } = this.cells();
      const state = this.context.host.workbook;
      if (state.activeSheet !== sheet.name)
        throw new StandInError('InvalidSelection', 'The selection is on another sheet than the active one.', 'Range.select');
      state.selection = { sheet: sheet.name, address: rectAddress(rect) };
    });
  }
}

/** The merged areas of a range (RangeAreas): address, areaCount, cellCount. */
export class RangeAreasProxy extends Proxy {
  constructor(
    context: RequestContext,
    private readonly resolve: () => { sheet: SheetState; areas: Rect[] },
  ) {
    super(context, 'RangeAreas');
  }

  /** @internal */
  track(): void {
    this.trackNull(() => this.resolve().areas.length === 0);
  }

  load(props?: string | string[]): this {
    const wanted = splitProps(props);
    this.queueLoad(wanted, () => {
      const { sheet, areas } = this.resolve();
      if (areas.length === 0) return null;
      const out: Record<string, unknown> = {};
      for (const p of wanted) {
        if (p === 'address') out.address = areas.map((area) => `${quoteSheet(sheet.name)}!${rectAddress(area)}`).join(',');
        else if (p === 'areaCount') out.areaCount = areas.length;
        else if (p === 'cellCount') out.cellCount = areas.reduce((sum, area) => sum + area.rowCount * area.columnCount, 0);
        else throw new StandInError('InvalidArgument', `The stand-in cannot load RangeAreas.${p}.`, 'RangeAreas.load');
      }
      return out;
    });
    return this;
  }

  get address(): string {
    return this.read('address');
  }

  get areaCount(): number {
    return this.read('areaCount');
  }
}

type CellsResolver = () => { sheet: SheetState; rect: Rect };

function eachCell({ sheet, rect }: { sheet: SheetState; rect: Rect }, visit: (k: string, column: number) => void): void {
  if (rect.rowCount * rect.columnCount > READ_CELL_LIMIT) {
    throw new StandInError('RangeExceedsLimit', 'The stand-in formats at most 5,000,000 cells at once.', 'RangeFormat');
  }
  for (let r = 0; r < rect.rowCount; r += 1) for (let c = 0; c < rect.columnCount; c += 1) visit(key(rect.row + r, rect.column + c), rect.column + c);
  void sheet;
}

export class RangeFormatProxy extends Proxy {
  private readonly fillProxy: RangeFillProxy;
  private readonly fontProxy: RangeFontProxy;

  constructor(
    context: RequestContext,
    private readonly cells: CellsResolver,
  ) {
    super(context, 'RangeFormat');
    this.fillProxy = new RangeFillProxy(context, cells);
    this.fontProxy = new RangeFontProxy(context, cells);
  }

  get fill(): RangeFillProxy {
    this.context.navigate('RangeFormat.fill');
    return this.fillProxy;
  }

  get font(): RangeFontProxy {
    this.context.navigate('RangeFormat.font');
    return this.fontProxy;
  }

  autofitColumns(): void {
    this.context.enqueue('RangeFormat.autofitColumns', null, () => {
      refuseIfProtected(this.cells().sheet);
    });
  }

  set columnWidth(width: number) {
    this.context.enqueue('RangeFormat.columnWidth', width, () => {
      const target = this.cells();
      refuseIfProtected(target.sheet);
      for (let c = 0; c < target.rect.columnCount; c += 1) target.sheet.columnWidths.set(target.rect.column + c, width);
    });
  }
}

export class RangeFontProxy extends Proxy {
  constructor(
    context: RequestContext,
    private readonly cells: CellsResolver,
  ) {
    super(context, 'RangeFont');
  }

  private set(property: 'bold' | 'size', value: boolean | number): void {
    this.context.enqueue(`RangeFont.${property}`, value, () => {
      const target = this.cells();
      refuseIfProtected(target.sheet);
      eachCell(target, (k) => target.sheet.fonts.set(k, { ...target.sheet.fonts.get(k), [property]: value }));
    });
  }

  set bold(value: boolean) {
    this.set('bold', value);
  }

  set size(value: number) {
    this.set('size', value);
  }
}

const GRADIENTS = new Set(['LinearGradient', 'RectangularGradient']);

export class RangeFillProxy extends Proxy {
  constructor(
    context: RequestContext,
    private readonly cells: CellsResolver,
  ) {
    super(context, 'RangeFill');
  }

  private update(property: string, value: unknown, change: (fill: FillState) => FillState): void {
    this.context.enqueue(`RangeFill.${property}`, value, () => {
      const target = this.cells();
      refuseIfProtected(target.sheet);
      eachCell(target, (k) => {
        const next = change(target.sheet.fills.get(k) ?? NO_FILL);
        if (next.pattern === 'None') target.sheet.fills.delete(k);
        else target.sheet.fills.set(k, next);
      });
    });
  }

  set color(value: string) {
    if (!/^#[0-9A-Fa-f]{6}$/.test(value)) throw new StandInError('InvalidArgument', `The stand-in takes #RRGGBB colours only (${value}).`, 'RangeFill.color');
    const color = value.toUpperCase();
    this.update('color', value, (fill) =>
      fill.pattern === 'None' ? { color, pattern: 'Solid', patternColor: fill.patternColor, tintAndShade: 0, patternTintAndShade: 0 } : { ...fill, color },
    );
  }

  set pattern(value: string) {
    this.update('pattern', value, (fill) => {
      if (GRADIENTS.has(value)) throw new StandInError('InvalidArgument', 'LinearGradient and RectangularGradient are not supported.', 'RangeFill.pattern');
      if (value === 'None') return NO_FILL;
      return fill.pattern === 'None'
        ? { color: '#FFFFFF', pattern: value, patternColor: '#000000', tintAndShade: 0, patternTintAndShade: 0 }
        : { ...fill, pattern: value };
    });
  }

  set patternColor(value: string) {
    this.update('patternColor', value, (fill) => ({ ...fill, patternColor: value.toUpperCase() }));
  }

  set tintAndShade(value: number) {
    this.update('tintAndShade', value, (fill) => (fill.pattern === 'None' ? fill : { ...fill, tintAndShade: value }));
  }

  set patternTintAndShade(value: number) {
    this.update('patternTintAndShade', value, (fill) => (fill.pattern === 'None' ? fill : { ...fill, patternTintAndShade: value }));
  }

  clear(): void {
    this.update('clear', null, () => NO_FILL);
  }
}

export class DataValidationProxy extends Proxy {
  constructor(
    context: RequestContext,
    private readonly cells: CellsResolver,
  ) {
    super(context, 'DataValidation');
  }

  private set(property: 'rule' | 'errorAlert' | 'prompt', value: unknown): void {
    this.context.enqueue(`DataValidation.${property}`, value, () => {
      const { sheet, rect } = this.cells();
      refuseIfProtected(sheet);
      const address = rectAddress(rect);
      let entry = sheet.validations.find((v) => v.address === address);
      if (!entry) {
        entry = { address };
        sheet.validations.push(entry);
      }
      entry[property] = value;
    });
  }

  set rule(value: unknown) {
    this.set('rule', value);
  }

  set errorAlert(value: unknown) {
    this.set('errorAlert', value);
  }

  set prompt(value: unknown) {
    this.set('prompt', value);
  }
}
