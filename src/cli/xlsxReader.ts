/**
 * Reading an .xlsx roster row by row with bounded memory: the worksheets' XML is parsed as it is
 * inflated, and each row is handed on at once and then dropped.
 *
 * Why not exceljs's own streaming WorkbookReader (exceljs 4.4.0, `stream.xlsx.WorkbookReader`)? Its
 * quirks, each confirmed in its source or its issue tracker, would change findings:
 *  - it decodes every inflated chunk on its own, so a Chinese character that straddles two chunks
 *    turns into "��" (exceljs issues #2063, #2316; fix PRs #1665, #2081 never merged);
 *  - it emits worksheets in zip order, not in the workbook's order, and only finds parts named
 *    xl/worksheets/sheetN.xml;
 *  - it never reads <mergeCells> (issue #3000), which sits after <sheetData> anyway;
 *  - a formula whose cached result is an error or a boolean comes out as NaN or 1/0;
 *  - dates are recognised only with styles:'cache' (issue #1430), and an inline string keeps only
 *    its last run.
 * So this reader uses exceljs's own building blocks (its zip library and XML parser, see vendor.ts)
 * with the same value conventions as exceljs's cell values: a formula cell reads as its cached
 * result, rich text as its concatenated text, a hyperlink cell as its text (hyperlinks are not
 * read), an error cell as its text ("#N/A"), a date-formatted number as a JavaScript Date in UTC.
 * A cell covered by a merged area reads as the area's value (its top-left cell's), as the clerk sees
 * it on screen and as the task pane reads it, so that 参保计划 or 份数 merged down a unit is not blank.
 * Hidden and very hidden sheets are not read: they are handed to the visitor's skipSheet, as the
 * task pane passes them over.
 */
import { posix } from 'path';
import { PassThrough, pipeline } from 'stream';
import { StringDecoder } from 'string_decoder';
import { InputError } from './inputError';
import { saxes, SaxTag, unzipper, ZipDirectory, ZipEntry } from './vendor';

export interface RowSink {
  addRow(values: unknown[], rowNumber: number): void;
  end(): void;
}

export interface SheetInfo {
  name: string;
  /** 'visible', 'hidden' or 'veryHidden'. */
  state: string;
}

export interface WorkbookVisitor {
  /** Called for each visible worksheet in the workbook's order; feed its rows to the returned sink. */
  beginSheet(sheet: SheetInfo): RowSink;
  /** Called, in the same order, for each hidden or very hidden worksheet instead of reading it. */
  skipSheet?(sheet: SheetInfo): void;
  /** Inflated bytes of worksheet XML read so far (for a progress bar). */
  onBytes?(bytes: number): void;
}

const RELS_TYPE = 'http://schemas.openxmlformats.org/';
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const MS_PER_DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

interface Relationship {
  id: string;
  type: string;
  target: string;
}

interface WorkbookSheet {
  name: string;
  state: string;
  relId: string;
}

/** Whether a sheet is hidden or very hidden (the task pane reads only visible sheets). */
export function isHiddenSheet(sheet: SheetInfo): boolean {
  return sheet.state === 'hidden' || sheet.state === 'veryHidden';
}

/** An opened .xlsx: its zip directory and the worksheets to read. */
export class XlsxWorkbook {
  private constructor(
    private readonly sheets: { info: SheetInfo; entry: ZipEntry | null }[],
    private readonly sharedStringsEntry: ZipEntry | null,
    private readonly stylesEntry: ZipEntry | null,
    private readonly date1904: boolean,
  ) {}

  /** Opens the zip and reads the workbook part; throws InputError when the file is not a workbook. */
  static async open(path: string, label: string): Promise<XlsxWorkbook> {
    let directory: ZipDirectory;
    try {
      directory = await unzipper.Open.file(path);
    } catch (error) {
      throw new InputError(`${label} 已损坏，无法作为 zip 打开（${(error as Error).message}）`);
    }
    const entries = new Map<string, ZipEntry>();
    for (const file of directory.files) if (file.type === 'File') entries.set(file.path.replace(/^\/+/, ''), file);
    const find = (name: string) => entries.get(name) ?? [...entries.entries()].find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ?? null;

    const rootRels = find('_rels/.rels');
    const rootTargets = rootRels ? await readRelationships(rootRels) : [];
    const officeDocument = rootTargets.find((rel) => rel.type.endsWith('/officeDocument'));
    const workbookPath = officeDocument ? resolveTarget('', officeDocument.target) : 'xl/workbook.xml';
    const workbookEntry = find(workbookPath);
    if (!workbookEntry) {
      const hint = find('xl/workbook.bin') ? '（这是 .xlsb 二进制工作簿，请在 Excel 中另存为 .xlsx）' : find('content.xml') ? '（这是 OpenDocument 表格，请另存为 .xlsx）' : '';
      throw new InputError(`${label} 不是 Excel 工作簿：压缩包中没有 workbook.xml${hint}`);
    }
    const { sheets, date1904 } = await readWorkbookPart(workbookEntry);
    const relsEntry = find(`${posix.dirname(workbookPath)}/_rels/${posix.basename(workbookPath)}.rels`);
    const rels = relsEntry ? await readRelationships(relsEntry) : [];
    const baseDir = posix.dirname(workbookPath);
    const partOfType = (suffix: string, fallback: string) => {
      const rel = rels.find((r) => r.type.endsWith(suffix));
      return find(rel ? resolveTarget(baseDir, rel.target) : fallback);
    };
    const worksheets: { info: SheetInfo; entry: ZipEntry | null }[] = [];
    for (const sheet of sheets) {
      const rel = rels.find((r) => r.id === sheet.relId);
      // Chart sheets, dialog sheets and macro sheets hold no cells: Excel's worksheet list leaves them out too.
      if (rel && !rel.type.endsWith('/worksheet')) continue;
      const entry = rel ? find(resolveTarget(baseDir, rel.target)) : null;
      worksheets.push({ info: { name: sheet.name, state: sheet.state }, entry });
    }
    return new XlsxWorkbook(
      worksheets,
      partOfType('/sharedStrings', `${baseDir}/sharedStrings.xml`),
      partOfType('/styles', `${baseDir}/styles.xml`),
      date1904,
    );
  }

  get sheetCount(): number {
    return this.sheets.length;
  }

  /** Inflated size of the worksheets' XML: the unit of the progress bar. */
  get totalBytes(): number {
    return this.sheets.reduce((sum, sheet) => sum + (isHiddenSheet(sheet.info) ? 0 : (sheet.entry?.uncompressedSize ?? 0)), 0);
  }

  /** Streams every worksheet, in the workbook's order, into the visitor's sinks. */
  async read(visitor: WorkbookVisitor): Promise<void> {
    const sharedStrings = this.sharedStringsEntry ? await readSharedStrings(this.sharedStringsEntry) : [];
    const dateStyles = this.stylesEntry ? await readDateStyles(this.stylesEntry) : new Set<number>();
    for (const sheet of this.sheets) {
      if (isHiddenSheet(sheet.info)) {
        visitor.skipSheet?.(sheet.info);
        continue;
      }
      const sink = visitor.beginSheet(sheet.info);
      if (sheet.entry) {
        const merges = await readMerges(sheet.entry);
        await readSheetRows(sheet.entry, { sharedStrings, dateStyles, date1904: this.date1904, merges }, sink, visitor.onBytes);
      }
      sink.end();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// XML plumbing

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * The entry's inflated bytes, with up to 1 MB read ahead so that inflating (on libuv's thread pool)
 * overlaps with parsing instead of alternating with it 16 KB at a time.
 */
function inflated(entry: ZipEntry): AsyncIterable<Buffer> {
  const buffer = new PassThrough({ highWaterMark: 1 << 20 });
  pipeline(entry.stream(), buffer, () => undefined);
  return buffer;
}

/** The entry's text, decoded as UTF-8 across chunk boundaries (the exceljs bug this avoids). */
async function* textChunks(entry: ZipEntry, onBytes?: (bytes: number) => void): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let first = true;
  for await (const chunk of inflated(entry)) {
    onBytes?.(chunk.length);
    let text = decoder.write(chunk);
    if (first && text.length > 0) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

async function parseXml(chunks: AsyncIterable<string>, handlers: XmlHandlers): Promise<void> {
  const parser = new saxes.SaxesParser({ position: false });
  let failure: Error | null = null;
  parser.on('error', (error) => {
    failure ??= error;
  });
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (tag: SaxTag) => open(localName(tag.name), tag.attributes));
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag: SaxTag) => close(localName(tag.name)));
  }
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  for await (const chunk of chunks) {
    parser.write(chunk);
    if (failure) throw failure;
  }
  parser.close();
  if (failure) throw failure;
}

function resolveTarget(baseDir: string, target: string): string {
  if (target.startsWith('/')) return posix.normalize(target.slice(1));
  return posix.normalize(posix.join(baseDir, target));
}

async function readRelationships(entry: ZipEntry): Promise<Relationship[]> {
  const rels: Relationship[] = [];
  await parseXml(textChunks(entry), {
    open(name, attributes) {
      if (name === 'Relationship') rels.push({ id: attributes.Id, type: attributes.Type ?? RELS_TYPE, target: attributes.Target ?? '' });
    },
  });
  return rels;
}

async function readWorkbookPart(entry: ZipEntry): Promise<{ sheets: WorkbookSheet[]; date1904: boolean }> {
  const sheets: WorkbookSheet[] = [];
  let date1904 = false;
  await parseXml(textChunks(entry), {
    open(name, attributes) {
      if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
      if (name === 'sheet') {
        const relKey = Object.keys(attributes).find((key) => key === 'r:id' || key.endsWith(':id'));
        sheets.push({ name: attributes.name ?? '', state: attributes.state ?? 'visible', relId: relKey ? attributes[relKey] : '' });
      }
    },
  });
  return { sheets, date1904 };
}

/** OOXML escapes characters XML cannot hold as _xHHHH_ ("_x000D_" for a carriage return). */
function unescapeOoxml(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** The shared string table: each item's text, runs concatenated, phonetic guides (<rPh>) left out. */
async function readSharedStrings(entry: ZipEntry): Promise<string[]> {
  const strings: string[] = [];
  let current: string | null = null;
  let inT = false;
  let phonetic = 0;
  await parseXml(textChunks(entry), {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic += 1;
      else if (name === 't' && phonetic === 0) inT = true;
    },
    text(text) {
      if (inT && current !== null) current += text;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic -= 1;
      else if (name === 'si') {
        strings.push(unescapeOoxml(current ?? ''));
        current = null;
      }
    },
  });
  return strings;
}

/** Whether a number format shows a date or time (quoted text, [colours/locales] and escapes ignored). */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/_./g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** Indexes (s="…") of the cell formats that show dates. */
async function readDateStyles(entry: ZipEntry): Promise<Set<number>> {
  const customFormats = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await parseXml(textChunks(entry), {
    open(name, attributes) {
      if (name === 'numFmt') customFormats.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(attributes.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  const dates = new Set<number>();
  xfFormats.forEach((formatId, index) => {
    const custom = customFormats.get(formatId);
    if (custom !== undefined ? isDateFormat(custom) : BUILT_IN_DATE_FORMATS.has(formatId)) dates.add(index);
  });
  return dates;
}

// ---------------------------------------------------------------------------------------------
// Merged cells

interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "AB12" → { row: 12, column: 28 }; null when the text is not a cell address. */
export function decodeAddress(address: string): { row: number; column: number } | null {
  let column = 0;
  let i = 0;
  for (; i < address.length; i += 1) {
    const code = address.charCodeAt(i);
    if (code >= 65 && code <= 90) column = column * 26 + (code - 64);
    else if (code >= 97 && code <= 122) column = column * 26 + (code - 96);
    else break;
  }
  if (i === 0 || i === address.length) return null;
  const row = Number(address.slice(i));
  return Number.isInteger(row) && row > 0 ? { row, column } : null;
}

const MERGE_MARKER = Buffer.from('mergeCells');

/**
 * The sheet's merged ranges. They are written after all rows (<mergeCells> follows <sheetData>),
 * so they are found by a first pass that only inflates the part and looks for that element's
 * bytes; only the text after it is decoded.
 */
async function readMerges(entry: ZipEntry): Promise<MergeRange[]> {
  let tail: Buffer = Buffer.alloc(0);
  const found: Buffer[] = [];
  let collecting = false;
  for await (const chunk of inflated(entry)) {
    if (collecting) {
      found.push(chunk);
      continue;
    }
    const window = tail.length ? Buffer.concat([tail, chunk]) : chunk;
    const at = window.indexOf(MERGE_MARKER);
    if (at >= 0) {
      collecting = true;
      found.push(window.subarray(Math.max(0, at - 8)));
    } else {
      tail = window.subarray(Math.max(0, window.length - MERGE_MARKER.length));
    }
  }
  if (!collecting) return [];
  const text = Buffer.concat(found).toString('utf8');
  const ranges: MergeRange[] = [];
  for (const match of text.matchAll(/<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref\s*=\s*"([^"]+)"/g)) {
    const [from, to] = match[1].split(':');
    const a = decodeAddress(from);
    const b = decodeAddress(to ?? from);
    if (!a || !b) continue;
    const range = { top: Math.min(a.row, b.row), left: Math.min(a.column, b.column), bottom: Math.max(a.row, b.row), right: Math.max(a.column, b.column) };
    if (range.top !== range.bottom || range.left !== range.right) ranges.push(range);
  }
  return ranges.sort((x, y) => x.top - y.top);
}

/** A merged range being read, with its top-left cell's value once that cell has been read. */
interface ActiveMerge {
  range: MergeRange;
  value: unknown;
}

/**
 * The merged ranges covering the rows met in ascending order: which cells they cover and the value
 * each range shows. Only the ranges covering the current row are held, with one value each.
 */
class MergeIndex {
  private next = 0;
  private active: ActiveMerge[] = [];
  private lastRow = 0;

  constructor(private readonly ranges: readonly MergeRange[]) {}

  get empty(): boolean {
    return this.ranges.length === 0;
  }

  /** Ranges covering the row (call once per row, before asking about its cells). */
  enterRow(row: number): void {
    if (row < this.lastRow) {
      // Rows out of order (not written by Excel): fall back to scanning every range. The values of
      // ranges already left are lost: their covered cells read blank.
      const kept = new Map(this.active.map((merge) => [merge.range, merge.value]));
      this.active = this.ranges.filter((range) => range.top <= row && row <= range.bottom).map((range) => ({ range, value: kept.get(range) ?? null }));
      this.next = this.ranges.findIndex((range) => range.top > row);
      if (this.next < 0) this.next = this.ranges.length;
    } else {
      if (this.active.length) this.active = this.active.filter((merge) => merge.range.bottom >= row);
      while (this.next < this.ranges.length && this.ranges[this.next].top <= row) {
        const range = this.ranges[this.next++];
        if (range.bottom >= row) this.active.push({ range, value: null });
      }
    }
    this.lastRow = row;
  }

  /** Whether any range covers the row (after enterRow). */
  get covering(): boolean {
    return this.active.length > 0;
  }

  /**
   * For a cell just read: 'covered' when a merge covers it but it is not the top-left cell (its own
   * value is ignored); else 'own', after remembering the value when it is a range's top-left cell.
   */
  take(row: number, column: number, value: unknown): 'own' | 'covered' {
    for (const merge of this.active) {
      const { range } = merge;
      if (column < range.left || column > range.right) continue;
      if (row === range.top && column === range.left) {
        merge.value = value;
        return 'own';
      }
      return 'covered';
    }
    return 'own';
  }

  /** Gives the row's covered cells their range's value; true when it gave any. */
  fill(row: number, values: unknown[]): boolean {
    let filled = false;
    for (const { range, value } of this.active) {
      if (value === null) continue;
      for (let column = range.left; column <= range.right; column += 1) {
        if (row === range.top && column === range.left) continue;
        values[column - 1] = value;
        filled = true;
      }
    }
    return filled;
  }

  /**
   * The rows the file leaves out between the last row met and `before` that a merged range still
   * shows a value in, each with those values (a row whose cells are all covered and unstyled may
   * have no <row> element).
   */
  *absentRows(before: number): Generator<[number, unknown[]]> {
    for (let row = this.lastRow + 1; row < before; row += 1) {
      this.active = this.active.filter((merge) => merge.range.bottom >= row);
      if (!this.active.some((merge) => merge.value !== null)) return;
      const values: unknown[] = [];
      this.fill(row, values);
      yield [row, values];
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Rows

interface SheetContext {
  sharedStrings: readonly string[];
  dateStyles: ReadonlySet<number>;
  date1904: boolean;
  merges: readonly MergeRange[];
}

function serialToDate(serial: number, date1904: boolean): Date {
  return new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + Math.round(serial * MS_PER_DAY));
}

/** An ISO date of a t="d" cell (written by some libraries) → Date in UTC; a bare time stays text. */
function isoToDate(text: string): Date | string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?/.exec(text.trim());
  if (!match) return text;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

async function readSheetRows(entry: ZipEntry, context: SheetContext, sink: RowSink, onBytes?: (bytes: number) => void): Promise<void> {
  const merges = new MergeIndex(context.merges);
  let inSheetData = false;
  let rowNumber = 0;
  let values: unknown[] | null = null;
  let column = 0;
  let type = 'n';
  let style = 0;
  let valueText: string | null = null;
  let inlineText: string | null = null;
  let capture: 'v' | 't' | null = null;
  let inInline = false;
  let phonetic = 0;
  /** Whether the current row holds a value of its own (not only merged areas' values). */
  let own = false;
  /**
   * Rows that show only merged areas' values: handed on when a later row holds a value of its own,
   * dropped at the end. The task pane reads a sheet's used range, which ends at its last value; a
   * merged area reaching below it is not read there, so it must not be here either.
   */
  let held: [number, unknown[]][] = [];
  const handOn = (row: unknown[], number: number) => {
    for (let i = 0; i < row.length; i += 1) if (row[i] === undefined) row[i] = null;
    sink.addRow(row, number);
  };

  const cellValue = (): unknown => {
    switch (type) {
      case 's': {
        if (valueText === null) return null;
        return context.sharedStrings[Number(valueText)] ?? null;
      }
      case 'inlineStr':
        return inlineText !== null ? unescapeOoxml(inlineText) : valueText !== null ? unescapeOoxml(valueText) : null;
      case 'str':
        return valueText === null ? null : unescapeOoxml(valueText);
      case 'b':
        return valueText === null ? null : valueText.trim() === '1' || valueText.trim() === 'true';
      case 'e':
        return valueText;
      case 'd':
        return valueText === null || valueText === '' ? null : isoToDate(valueText);
      default: {
        if (valueText === null || valueText.trim() === '') return null;
        const number = Number(valueText);
        if (Number.isNaN(number)) return valueText;
        return context.dateStyles.has(style) ? serialToDate(number, context.date1904) : number;
      }
    }
  };

  await parseXml(textChunks(entry, onBytes), {
    open(name, attributes) {
      switch (name) {
        case 'sheetData':
          inSheetData = true;
          break;
        case 'row':
          if (!inSheetData) break;
          rowNumber = attributes.r ? Number(attributes.r) : rowNumber + 1;
          values = [];
          column = 0;
          own = false;
          if (!merges.empty) {
            for (const absent of merges.absentRows(rowNumber)) held.push(absent);
            merges.enterRow(rowNumber);
          }
          break;
        case 'c': {
          if (!values) break;
          const address = attributes.r ? decodeAddress(attributes.r) : null;
          column = address ? address.column : column + 1;
          type = attributes.t ?? 'n';
          style = attributes.s ? Number(attributes.s) : 0;
          valueText = null;
          inlineText = null;
          break;
        }
        case 'v':
          if (values) {
            capture = 'v';
            valueText = '';
          }
          break;
        case 'is':
          if (values) {
            inInline = true;
            inlineText = '';
          }
          break;
        case 'rPh':
          phonetic += 1;
          break;
        case 't':
          if (inInline && phonetic === 0) capture = 't';
          break;
        default:
          break;
      }
    },
    text(text) {
      if (capture === 'v') valueText += text;
      else if (capture === 't') inlineText += text;
    },
    close(name) {
      switch (name) {
        case 'v':
        case 't':
          capture = null;
          break;
        case 'rPh':
          phonetic -= 1;
          break;
        case 'is':
          inInline = false;
          break;
        case 'c':
          if (values && column > 0) {
            const value = cellValue();
            // A covered cell's own content (some tools leave old text there) is not shown: the area's value is.
            if (!merges.empty && merges.take(rowNumber, column, value) === 'covered') break;
            if (value !== null) {
              values[column - 1] = value;
              own = true;
            }
          }
          break;
        case 'row':
          if (values) {
            const row = values;
            values = null;
            const filled = !merges.empty && merges.covering && merges.fill(rowNumber, row);
            if (own) {
              for (const [number, heldRow] of held) handOn(heldRow, number);
              held = [];
              handOn(row, rowNumber);
            } else if (filled) {
              held.push([rowNumber, row]);
            }
            // A row without any value changes nothing in a roster: it is not handed on.
          }
          break;
        case 'sheetData':
          inSheetData = false;
          break;
        default:
          break;
      }
    },
  });
}
