/**
 * Reading an .xlsx package row by row: the workbook part gives the sheets in order with their
 * visibility and the date system; each sheet's XML is scanned as it is inflated and each row is
 * handed on at once. Values are what Excel's Range.values gives the task pane (see CellValue): no
 * number format is applied, so 份数 formatted as a date is still 3 and a date is its serial.
 * A cell covered by a merged area reads as the area's value (its top-left cell's), as the clerk
 * sees it and as the task pane reads it; areas are clipped to the columns that hold data.
 */
import { isHiddenSheet, RowSink, SheetInfo, WorkbookVisitor } from './types';
import { WorkbookError } from './errors';
import { WorkbookLimits } from './limits';
import { decodeUtf8, hasEntity, parseDigits, scanXml, Tag, unescapeXml, XmlHandler, XmlScanner } from './xml';
import { concat, partKey, ZipEntry, ZipPackage } from './zipPackage';
import { UncalculatedFormula } from '../rules/values';

/** Keep a page or pane responsive: yield to the event loop when a stretch of work has run this long. */
const YIELD_AFTER_MS = 40;

interface Relationship {
  id: string;
  type: string;
  target: string;
}

interface SheetEntry {
  info: SheetInfo;
  part: string;
  entry: ZipEntry | null;
}

/** "xl/", "worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml", with "." and ".." resolved. */
export function resolvePart(baseDir: string, target: string): string {
  const joined = target.startsWith('/') ? target.slice(1) : `${baseDir}${target}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

function dirOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return slash < 0 ? '' : part.slice(0, slash + 1);
}

/** A handler that only hears open tags. */
function onOpen(open: (name: string, tag: Tag) => void): XmlHandler {
  return { wantsText: false, open, close() {}, text() {} };
}

function partPieces(zip: ZipPackage, entry: ZipEntry): Iterable<Uint8Array> {
  return zip.pieces(entry);
}

function readRelationships(zip: ZipPackage, entry: ZipEntry | null, label: string, limits: WorkbookLimits): Relationship[] {
  if (!entry) return [];
  const rels: Relationship[] = [];
  scanXml(
    partPieces(zip, entry),
    onOpen((name, tag) => {
      if (name === 'Relationship' && tag.attr('TargetMode') !== 'External') {
        rels.push({ id: tag.attr('Id') ?? '', type: tag.attr('Type') ?? '', target: tag.attr('Target') ?? '' });
      }
    }),
    limits.tokenBytes,
    `${label} 中的 ${entry.name}`,
  );
  return rels;
}

/** OOXML escapes characters XML cannot hold as _xHHHH_ ("_x000D_" for a carriage return). */
export function unescapeOoxml(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** The shared string table: each item's text, runs concatenated, phonetic guides (<rPh>) left out. */
function readSharedStrings(zip: ZipPackage, entry: ZipEntry | null, label: string, limits: WorkbookLimits): string[] {
  if (!entry) return [];
  const strings: string[] = [];
  let chars = 0;
  let current: string | null = null;
  let phonetic = 0;
  const handler: XmlHandler = {
    wantsText: false,
    open(name) {
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic += 1;
      else if (name === 't' && phonetic === 0 && current !== null) handler.wantsText = true;
    },
    close(name) {
      if (name === 't') handler.wantsText = false;
      else if (name === 'rPh') phonetic -= 1;
      else if (name === 'si' && current !== null) {
        chars += current.length;
        if (chars > limits.sharedStringChars || strings.length >= limits.sharedStrings) {
          throw new WorkbookError(
            'TOO_LARGE',
            `${label} 的共享字符串表过大（超过 ${limits.sharedStrings} 项或 ${limits.sharedStringChars} 个字符），远超任何花名册，可能是损坏或恶意构造的文件`,
          );
        }
        strings.push(unescapeOoxml(current));
        current = null;
      }
    },
    text(bytes, start, end, raw) {
      const text = decodeUtf8(bytes, start, end);
      current += raw ? text : unescapeXml(text);
    },
  };
  scanXml(partPieces(zip, entry), handler, limits.tokenBytes, `${label} 中的 ${entry.name}`);
  return strings;
}

/** "AB12" → column 28 (0 when the text has no letters); the row part is ignored. */
export function columnOfAddress(address: string): number {
  let column = 0;
  for (let i = 0; i < address.length; i += 1) {
    const code = address.charCodeAt(i) | 0x20;
    if (code < 97 || code > 122) break;
    column = column * 26 + (code - 96);
  }
  return column;
}

/** The column of an address written in bytes ("AB12" → 28; 0 without letters). */
function columnOfBytes(bytes: Uint8Array, start: number, end: number): number {
  let column = 0;
  for (let i = start; i < end; i += 1) {
    const code = bytes[i] | 0x20;
    if (code < 97 || code > 122) break;
    column = column * 26 + (code - 96);
  }
  return column;
}

/** "AB12" → 12 (0 when there is no row number). */
export function rowOfAddress(address: string): number {
  const match = /(\d+)$/.exec(address);
  return match ? Number(match[1]) : 0;
}

/** A merged area, 1-based and inclusive. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const MERGE_CELL = [...'mergeCell'].map((ch) => ch.charCodeAt(0));

/** "sheetData>", the end of a sheet's </sheetData> (or </x:sheetData>). */
const SHEET_DATA_END = [...'sheetData>'].map((ch) => ch.charCodeAt(0));

/** Where `sequence` last occurs in the bytes, or -1. */
function lastIndexOfSequence(bytes: Uint8Array, sequence: readonly number[]): number {
  const last = sequence[sequence.length - 1];
  for (let end = bytes.lastIndexOf(last); end >= sequence.length - 1; end = bytes.lastIndexOf(last, end - 1)) {
    const at = end - sequence.length + 1;
    let same = true;
    for (let k = 0; k < sequence.length - 1 && same; k += 1) same = bytes[at + k] === sequence[k];
    if (same) return at;
  }
  return -1;
}

/** Where "mergeCell" first occurs in the bytes, or -1. */
function findMergeStart(bytes: Uint8Array, from: number): number {
  for (let at = bytes.indexOf(MERGE_CELL[0], from); at >= 0; at = bytes.indexOf(MERGE_CELL[0], at + 1)) {
    let same = true;
    for (let k = 1; k < MERGE_CELL.length && same; k += 1) same = bytes[at + k] === MERGE_CELL[k];
    if (same) return at;
  }
  return -1;
}

/** The merged areas listed in the text after <mergeCells>, clipped to the sheet's size. */
function parseMerges(text: string, limits: WorkbookLimits, label: string): MergeRange[] {
  const ranges: MergeRange[] = [];
  for (const match of text.matchAll(/<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref\s*=\s*["']([^"']+)["']/g)) {
    const [from, to = from] = match[1].split(':');
    const a = { row: rowOfAddress(from), column: columnOfAddress(from) };
    const b = { row: rowOfAddress(to), column: columnOfAddress(to) };
    if (!a.row || !a.column || !b.row || !b.column) continue;
    const range = {
      top: Math.min(a.row, b.row),
      left: Math.min(a.column, b.column),
      bottom: Math.min(Math.max(a.row, b.row), limits.rows),
      right: Math.min(Math.max(a.column, b.column), limits.columns),
    };
    if (range.top > limits.rows || range.left > limits.columns) continue;
    if (range.top === range.bottom && range.left === range.right) continue;
    if (ranges.length >= limits.merges) throw new WorkbookError('TOO_LARGE', `${label} 的合并单元格超过 ${limits.merges} 处，可能是损坏或恶意构造的文件`);
    ranges.push(range);
  }
  return ranges.sort((x, y) => x.top - y.top || x.left - y.left);
}

const latin = new TextDecoder('utf-8');

/** Merged areas of a sheet held whole in memory. */
function mergesOfWhole(bytes: Uint8Array, limits: WorkbookLimits, label: string): MergeRange[] {
  // <mergeCells> follows <sheetData>: look from the end of the rows on, not through them all.
  const rowsEnd = lastIndexOfSequence(bytes, SHEET_DATA_END);
  const at = findMergeStart(bytes, Math.max(0, rowsEnd));
  return at < 0 ? [] : parseMerges(latin.decode(bytes.subarray(Math.max(0, at - 16))), limits, label);
}

/**
 * Merged areas of a sheet read piece by piece (too large to hold, or the annotated copy's first
 * pass): every piece is looked at, and only the text from <mergeCells> on is kept and parsed.
 */
export function mergesOfPieces(pieces: Iterable<Uint8Array>, limits: WorkbookLimits, label: string): MergeRange[] {
  let tail = new Uint8Array(0);
  const found: Uint8Array[] = [];
  let size = 0;
  for (const chunk of pieces) {
    if (found.length) {
      found.push(chunk);
      size += chunk.length;
      if (size > limits.tokenBytes * 4) throw new WorkbookError('TOO_LARGE', `${label} 的合并单元格列表过大，可能是损坏或恶意构造的文件`);
      continue;
    }
    const window = tail.length ? concat([tail, chunk], tail.length + chunk.length) : chunk;
    const at = findMergeStart(window, 0);
    if (at >= 0) {
      const piece = window.slice(Math.max(0, at - 16));
      found.push(piece);
      size = piece.length;
    } else {
      tail = window.slice(Math.max(0, window.length - 32));
    }
  }
  return found.length ? parseMerges(latin.decode(concat(found, size)), limits, label) : [];
}

interface ActiveMerge {
  range: MergeRange;
  value: unknown;
}

/**
 * The merged ranges covering the rows met in ascending order: which cells they cover and the value
 * each shows. Only the ranges covering the current row are held, with one value each.
 */
class MergeIndex {
  private next = 0;
  private active: ActiveMerge[] = [];
  private lastRow = 0;
  /** Cells still allowed to be filled (limits.mergedCells). */
  private budget: number;

  constructor(
    private readonly ranges: readonly MergeRange[],
    limits: WorkbookLimits,
    private readonly where: string,
  ) {
    this.budget = limits.mergedCells;
  }

  get empty(): boolean {
    return this.ranges.length === 0;
  }

  enterRow(row: number): void {
    if (row < this.lastRow) {
      // Rows out of order (not written by Excel): the values of areas already left are lost.
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

  get covering(): boolean {
    return this.active.length > 0;
  }

  /** 'covered' when an area covers the cell and it is not the area's top-left cell; else 'own' (remembering a top-left cell's value). */
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

  /** Gives the row's covered cells (up to column `lastColumn`) their area's value; true when it gave any. */
  fill(row: number, values: unknown[], lastColumn: number): boolean {
    let filled = false;
    for (const { range, value } of this.active) {
      if (value === null) continue;
      const right = Math.min(range.right, Math.max(lastColumn, range.left));
      this.budget -= right - range.left + 1;
      if (this.budget < 0) throw new WorkbookError('TOO_LARGE', `${this.where}的合并单元格覆盖的范围过大，可能是损坏或恶意构造的文件`);
      while (values.length < right) values.push(null);
      for (let column = range.left; column <= right; column += 1) {
        if (row === range.top && column === range.left) continue;
        values[column - 1] = value;
        filled = true;
      }
    }
    return filled;
  }

  /** The rows absent from the file between the last row met and `before` in which an area still shows a value. */
  *absentRows(before: number, lastColumn: number): Generator<[number, unknown[]]> {
    for (let row = this.lastRow + 1; row < before; row += 1) {
      this.active = this.active.filter((merge) => merge.range.bottom >= row);
      if (!this.active.some((merge) => merge.value !== null)) return;
      const values: unknown[] = [];
      this.fill(row, values, lastColumn);
      yield [row, values];
    }
  }
}

/** 1899-12-30 and 1904-01-01 in days since 1970-01-01. */
const EPOCH_1900_DAYS = -25569;
const EPOCH_1904_DAYS = -24107;

/** An ISO date of a t="d" cell → its serial in the workbook's date system, as Excel would hold it; text stays text. */
export function isoToSerial(text: string, date1904: boolean): number | string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/.exec(text.trim());
  if (!match) return text;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  const days = Date.UTC(Number(y), Number(mo) - 1, Number(d)) / 86_400_000;
  const time = (Number(h) * 3600 + Number(mi) * 60 + Number(s)) / 86_400;
  let serial = days - (date1904 ? EPOCH_1904_DAYS : EPOCH_1900_DAYS) + time;
  // Excel's 1900 system counts a 29 February 1900 that never was: dates before March 1900 are one less.
  if (!date1904 && serial < 61) serial -= 1;
  return serial;
}

const LT_BYTE = 0x3c;
const GT_BYTE = 0x3e;
const AMP_BYTE = 0x26;
const V_BYTE = 0x76;
/** "</v></c>" */
const PLAIN_CELL_END = [...'</v></c>'].map((ch) => ch.charCodeAt(0));

interface SheetContext {
  label: string;
  sheet: SheetInfo;
  sharedStrings: readonly string[];
  limits: WorkbookLimits;
}

/** The sheet's XML as a scanner handler: rows out to the sink. */
class SheetRows implements XmlHandler {
  wantsText = false;
  private inSheetData = false;
  private rowNumber = 0;
  private values: unknown[] | null = null;
  private column = 0;
  private type = 'n';
  private valueText: string | null = null;
  /** The <v> text as a whole number when it is only digits (then valueText stays ''), else -1. */
  private valueDigits = -1;
  private inlineText: string | null = null;
  private formulaText: string | null = null;
  private capture: 'v' | 't' | 'f' | null = null;
  private inInline = false;
  private phonetic = 0;
  private own = false;
  /** A cell's open tag was read and its </c> is still to come. */
  private inCell = false;
  /** The rightmost column holding a value of its own so far. */
  private lastColumn = 0;
  /**
   * Merged areas are clipped to the used range: the sheet's <dimension> (written before the rows by
   * Excel and most producers), or the rightmost value met so far when that is further right (so
   * without a <dimension>, a title merged across the top reaches only as far as the data above it).
   * The cells filled in all are bounded by limits.mergedCells.
   */
  private usedRight: number;
  /**
   * Rows that show only merged areas' values: handed on when a later row holds a value of its own,
   * dropped at the end. The task pane reads a sheet's used range, which ends at its last value.
   */
  private held: [number, unknown[]][] = [];
  private handedOn = 0;
  private readonly merges: MergeIndex;

  constructor(
    private readonly context: SheetContext,
    merges: readonly MergeRange[],
    private readonly sink: RowSink,
  ) {
    this.merges = new MergeIndex(merges, context.limits, `${context.label} 的工作表"${context.sheet.name}"`);
    this.usedRight = 0;
  }

  /** After the last byte: a part that ends inside its rows was cut short, and rows would be missing unnoticed. */
  finish(part: string): void {
    if (this.inSheetData || this.values) {
      throw new WorkbookError('CORRUPT', `${this.context.label} 中的 ${part} 已损坏：XML 不完整（工作表数据没有结束），请在 Excel 中打开并另存后再检查`);
    }
  }

  /** A row or cell left open where the next begins or its row ends. */
  private unclosed(tag: 'row' | 'c'): WorkbookError {
    const what = tag === 'row' ? '没有结束标记（</row>）' : '有单元格没有结束标记（</c>）';
    return new WorkbookError('CORRUPT', `${this.where()}${what}：文件已损坏，请在 Excel 中打开（Excel 会提示修复）并另存后再检查`);
  }

  private where(): string {
    return `${this.context.label} 的工作表"${this.context.sheet.name}"第 ${this.rowNumber} 行`;
  }

  open(name: string, tag: Tag): number | void {
    switch (name) {
      case 'sheetData':
        this.inSheetData = true;
        break;
      case 'dimension':
        if (!this.inSheetData && tag.find('ref')) {
          const ref = decodeUtf8(tag.bytes, tag.valueStart, Math.min(tag.valueEnd, tag.valueStart + 40));
          this.usedRight = Math.max(1, Math.min(columnOfAddress(ref.slice(ref.indexOf(':') + 1)), this.context.limits.columns));
        }
        break;
      case 'row': {
        if (!this.inSheetData) break;
        // Rows and cells do not nest: a row begun inside another is a damaged file (Excel offers to repair it), not a row to drop.
        if (this.values) throw this.unclosed('row');
        let number = this.rowNumber + 1;
        if (tag.find('r')) {
          number = parseDigits(tag.bytes, tag.valueStart, tag.valueEnd);
          if (number < 1) {
            const r = decodeUtf8(tag.bytes, tag.valueStart, tag.valueEnd);
            throw new WorkbookError(
              'CORRUPT',
              `${this.context.label} 已损坏：工作表"${this.context.sheet.name}"第 ${this.rowNumber} 行之后有无效的行号"${r.slice(0, 20)}"`,
            );
          }
        }
        if (number > this.context.limits.rows) {
          throw new WorkbookError(
            'TOO_MANY_ROWS',
            `${this.context.label} 的工作表"${this.context.sheet.name}"有第 ${number} 行，超过 Excel 的上限 ${this.context.limits.rows} 行`,
          );
        }
        this.rowNumber = number;
        this.values = [];
        this.column = 0;
        this.own = false;
        if (!this.merges.empty) {
          for (const absent of this.merges.absentRows(number, Math.max(this.lastColumn, this.usedRight))) this.held.push(absent);
          this.merges.enterRow(number);
        }
        break;
      }
      case 'c': {
        if (!this.values) {
          // Cells stand in rows: one between rows would be left out unnoticed.
          if (this.inSheetData)
            throw new WorkbookError('CORRUPT', `${this.where()}之后有不在任何行中的单元格：文件已损坏，请在 Excel 中打开（Excel 会提示修复）并另存后再检查`);
          break;
        }
        if (this.inCell) throw this.unclosed('c');
        let column = this.column + 1;
        if (tag.find('r')) {
          const letters = columnOfBytes(tag.bytes, tag.valueStart, tag.valueEnd);
          if (letters > this.context.limits.columns) {
            const r = decodeUtf8(tag.bytes, tag.valueStart, Math.min(tag.valueEnd, tag.valueStart + 30));
            throw new WorkbookError('TOO_MANY_COLUMNS', `${this.where()}有单元格地址"${r}"，超过 Excel 的上限 ${this.context.limits.columns} 列`);
          }
          if (letters > 0) column = letters;
        }
        this.column = column;
        this.type = tag.find('t')
          ? tag.valueEnd - tag.valueStart === 1
            ? String.fromCharCode(tag.bytes[tag.valueStart])
            : decodeUtf8(tag.bytes, tag.valueStart, tag.valueEnd)
          : 'n';
        this.valueText = null;
        this.valueDigits = -1;
        this.inlineText = null;
        this.formulaText = null;
        const readOn = this.plainValue(tag);
        // Read through to its </c> in one step, or left open until close('c').
        this.inCell = readOn === undefined;
        return readOn;
      }
      case 'v':
        if (this.values) this.startCapture('v');
        break;
      case 'f':
        if (this.values) this.startCapture('f');
        break;
      case 'is':
        if (this.values) {
          this.inInline = true;
          this.inlineText = '';
        }
        break;
      case 'rPh':
        this.phonetic += 1;
        break;
      case 't':
        if (this.inInline && this.phonetic === 0) this.startCapture('t');
        break;
      default:
        break;
    }
  }

  /**
   * Most cells are written <c …><v>text</v></c> with no prefix, formula or entity: such a cell is
   * read here in one step, and the scan goes on after its </c> (fewer calls per cell than tag by
   * tag). Anything else, or a cell cut at the end of the bytes, returns nothing and is read tag by tag.
   */
  private plainValue(tag: Tag): number | void {
    const bytes = tag.bytes;
    const open = tag.end + 1; // after the '>' of <c …>
    if (bytes[tag.end] !== GT_BYTE || bytes[open] !== LT_BYTE || bytes[open + 1] !== V_BYTE || bytes[open + 2] !== GT_BYTE) return;
    const start = open + 3;
    let end = start;
    const length = bytes.length;
    while (end < length && bytes[end] !== LT_BYTE) {
      if (bytes[end] === AMP_BYTE) return;
      end += 1;
    }
    if (end === start || end + PLAIN_CELL_END.length > length) return;
    for (let k = 0; k < PLAIN_CELL_END.length; k += 1) if (bytes[end + k] !== PLAIN_CELL_END[k]) return;
    const digits = parseDigits(bytes, start, end);
    this.valueDigits = digits;
    this.valueText = digits >= 0 ? '' : decodeUtf8(bytes, start, end);
    if (this.values) this.endCell(this.values);
    return end + PLAIN_CELL_END.length;
  }

  private startCapture(what: 'v' | 't' | 'f'): void {
    this.capture = what;
    this.wantsText = true;
    if (what === 'v') {
      this.valueText = '';
      this.valueDigits = -1;
    } else if (what === 'f') this.formulaText = '';
  }

  text(bytes: Uint8Array, start: number, end: number, raw: boolean): void {
    if (this.capture === 'v' && this.valueText === '' && this.valueDigits < 0) {
      // Most values are shared-string indexes and whole numbers: read without building a string.
      this.valueDigits = parseDigits(bytes, start, end);
      if (this.valueDigits >= 0) return;
    } else if (this.valueDigits >= 0) {
      this.valueText = String(this.valueDigits);
      this.valueDigits = -1;
    }
    const decoded = decodeUtf8(bytes, start, end);
    const text = raw || !hasEntity(bytes, start, end) ? decoded : unescapeXml(decoded);
    if (this.capture === 'v') this.valueText += text;
    else if (this.capture === 't') this.inlineText += text;
    else if (this.capture === 'f') this.formulaText += text;
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
      case 'f':
        this.capture = null;
        this.wantsText = false;
        break;
      case 'rPh':
        this.phonetic -= 1;
        break;
      case 'is':
        this.inInline = false;
        break;
      case 'c':
        if (this.values && this.inCell) this.endCell(this.values);
        this.inCell = false;
        break;
      case 'row':
        if (this.inCell) throw this.unclosed('c');
        if (this.values) this.endRow(this.values);
        break;
      case 'sheetData':
        if (this.values) throw this.unclosed('row');
        this.inSheetData = false;
        break;
      default:
        break;
    }
  }

  private cellValue(): unknown {
    const digits = this.valueDigits;
    if (digits >= 0) {
      if (this.type === 's') return this.sharedString(String(digits), digits);
      if (this.type === 'n') return digits;
      if (this.type === 'b') return digits === 1;
      this.valueText = String(digits);
    }
    const text = this.valueText;
    // A formula with no value, or an empty one other than a text result (openpyxl writes <v></v>), was never calculated.
    if (this.formulaText !== null && this.inlineText === null && (text === null || (text === '' && this.type !== 'str'))) {
      return { uncalculatedFormula: this.formulaText } satisfies UncalculatedFormula;
    }
    if (text === null && this.inlineText === null) return null;
    switch (this.type) {
      case 's':
        return text === null || text.trim() === '' ? null : this.sharedString(text, Number(text));
      case 'inlineStr':
        return unescapeOoxml(this.inlineText ?? text ?? '');
      case 'str':
        return unescapeOoxml(text ?? '');
      case 'b':
        return text === null ? null : text.trim() === '1' || text.trim() === 'true';
      case 'e':
        return text;
      case 'd':
        return text === null || text === '' ? null : isoToSerial(text, this.context.sheet.date1904);
      default: {
        if (text === null || text.trim() === '') return null;
        const number = Number(text);
        return Number.isNaN(number) ? text : number;
      }
    }
  }

  private sharedString(text: string, index: number): string {
    const strings = this.context.sharedStrings;
    if (!Number.isInteger(index) || index < 0 || index >= strings.length) {
      throw new WorkbookError(
        'SHARED_STRING_INDEX',
        `${this.where()}的单元格引用了第 ${text.slice(0, 20)} 个共享字符串，但文件中只有 ${strings.length} 个：文件已损坏，请在 Excel 中打开并另存后再检查`,
      );
    }
    return strings[index];
  }

  private endCell(values: unknown[]): void {
    const value = this.cellValue();
    const column = this.column;
    // A covered cell's own content (some tools leave old text there) is not shown: the area's value is.
    if (!this.merges.empty && this.merges.take(this.rowNumber, column, value) === 'covered') return;
    if (value === null) return;
    while (values.length < column - 1) values.push(null);
    values[column - 1] = value;
    this.own = true;
    if (column > this.lastColumn) this.lastColumn = column;
  }

  private endRow(row: unknown[]): void {
    this.values = null;
    const filled = !this.merges.empty && this.merges.covering && this.merges.fill(this.rowNumber, row, Math.max(this.lastColumn, this.usedRight));
    if (this.own) {
      for (const [number, heldRow] of this.held) this.handOn(heldRow, number);
      this.held = [];
      this.handOn(row, this.rowNumber);
    } else if (filled) {
      this.held.push([this.rowNumber, row]);
    }
  }

  private handOn(row: unknown[], number: number): void {
    // Row numbers may repeat in a crafted file: the rows handed on are counted too.
    this.handedOn += 1;
    if (this.handedOn > this.context.limits.rows) {
      throw new WorkbookError('TOO_MANY_ROWS', `${this.context.label} 的工作表"${this.context.sheet.name}"超过 Excel 的上限 ${this.context.limits.rows} 行`);
    }
    for (let i = 0; i < row.length; i += 1) if (row[i] === undefined) row[i] = null;
    this.sink.addRow(row as never, number);
  }
}

/** Hands control back to the event loop (a page stays responsive; a cancel button can be pressed). */
function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

class Pacer {
  private last = Date.now();

  constructor(private readonly visitor: WorkbookVisitor) {}

  async step(): Promise<void> {
    if (this.visitor.isCancelled?.()) throw new WorkbookError('CANCELLED', '检查已取消');
    if (Date.now() - this.last < YIELD_AFTER_MS) return;
    await pause();
    this.last = Date.now();
  }
}

/**
 * Sheet names are unique (ignoring case, as Excel compares them) and each sheet has its own part:
 * a workbook that repeats either is damaged (Excel repairs it on opening), and its findings could
 * not be told apart or would be marked twice on one sheet.
 */
function refuseRepeats(sheets: readonly SheetEntry[], label: string): void {
  const names = new Map<string, string>();
  const parts = new Map<string, string>();
  for (const { info, part } of sheets) {
    const name = info.name.toLowerCase();
    const other = names.get(name);
    if (other !== undefined) {
      throw new WorkbookError(
        'CORRUPT',
        `${label} 已损坏：有两个工作表都叫"${other}"（工作表名不能重复），请在 Excel 中打开（Excel 会提示修复）并另存后再检查`,
      );
    }
    names.set(name, info.name);
    if (!part) continue;
    const sharing = parts.get(partKey(part));
    if (sharing !== undefined) {
      throw new WorkbookError(
        'CORRUPT',
        `${label} 已损坏：工作表"${sharing}"和"${info.name}"指向同一份内容（${part}），请在 Excel 中打开（Excel 会提示修复）并另存后再检查`,
      );
    }
    parts.set(partKey(part), info.name);
  }
}

/** The opened package: its sheets in the workbook's order, and the parts they need. */
export class XlsxWorkbook {
  private constructor(
    private readonly zip: ZipPackage,
    private readonly label: string,
    private readonly limits: WorkbookLimits,
    readonly sheets: readonly SheetEntry[],
    private readonly sharedStringsEntry: ZipEntry | null,
  ) {}

  static open(zip: ZipPackage, label: string, limits: WorkbookLimits): XlsxWorkbook {
    const rootRels = readRelationships(zip, zip.find('_rels/.rels'), label, limits);
    const officeDocument = rootRels.find((rel) => rel.type.endsWith('/officeDocument'));
    const workbookPart = officeDocument ? resolvePart('', officeDocument.target) : 'xl/workbook.xml';
    const workbookEntry = zip.find(workbookPart) ?? zip.find('xl/workbook.xml');
    if (!workbookEntry) {
      if (zip.find('xl/workbook.bin')) throw new WorkbookError('XLSB', `${label} 是 .xlsb 二进制工作簿，无法读取：请在 Excel 中“另存为” .xlsx 后再检查`);
      if (zip.find('content.xml')) throw new WorkbookError('ODS', `${label} 是 OpenDocument 表格（.ods），请另存为 .xlsx 后再检查`);
      throw new WorkbookError('NOT_WORKBOOK', `${label} 不是 Excel 工作簿：压缩包中没有 workbook.xml`);
    }
    const baseDir = dirOf(workbookEntry.name);
    const listed: { name: string; state: string; relId: string }[] = [];
    let date1904 = false;
    scanXml(
      partPieces(zip, workbookEntry),
      onOpen((name, tag) => {
        if (name === 'workbookPr') {
          const flag = tag.attr('date1904');
          date1904 = flag === '1' || flag === 'true';
        } else if (name === 'sheet') {
          listed.push({ name: tag.attr('name') ?? '', state: tag.attr('state') ?? 'visible', relId: tag.attr('id') ?? '' });
        }
      }),
      limits.tokenBytes,
      `${label} 中的 ${workbookEntry.name}`,
    );
    const rels = readRelationships(zip, zip.find(`${baseDir}_rels/${workbookEntry.name.slice(baseDir.length)}.rels`), label, limits);
    // By id, the first of an id as find() would take it: a crafted workbook may list 100,000 sheets.
    const relById = new Map<string, Relationship>();
    for (const rel of rels) if (!relById.has(rel.id)) relById.set(rel.id, rel);
    const sheets: SheetEntry[] = [];
    for (const sheet of listed) {
      const rel = relById.get(sheet.relId);
      // Chart sheets, dialog sheets and macro sheets hold no cells: Excel's worksheet list leaves them out too.
      if (rel && !rel.type.endsWith('/worksheet')) continue;
      const part = rel ? resolvePart(baseDir, rel.target) : '';
      sheets.push({ info: { name: sheet.name, state: sheet.state, date1904 }, part, entry: part ? zip.find(part) : null });
    }
    refuseRepeats(sheets, label);
    const stringsRel = rels.find((r) => r.type.endsWith('/sharedStrings'));
    const sharedStringsEntry = zip.find(stringsRel ? resolvePart(baseDir, stringsRel.target) : `${baseDir}sharedStrings.xml`);
    return new XlsxWorkbook(zip, label, limits, sheets, sharedStringsEntry);
  }

  /** Inflated size of the visible sheets' XML as the package declares it (the progress bar's unit). */
  get declaredBytes(): number {
    return this.sheets.reduce((sum, sheet) => sum + (isHiddenSheet(sheet.info) ? 0 : (sheet.entry?.declaredSize ?? 0)), 0);
  }

  async read(visitor: WorkbookVisitor): Promise<void> {
    const pacer = new Pacer(visitor);
    const visible = this.sheets.filter((sheet) => !isHiddenSheet(sheet.info));
    const sharedStrings = visible.length ? readSharedStrings(this.zip, this.sharedStringsEntry, this.label, this.limits) : [];
    for (const sheet of this.sheets) {
      if (isHiddenSheet(sheet.info)) {
        visitor.skipSheet?.(sheet.info);
        continue;
      }
      if (!sheet.entry) {
        throw new WorkbookError(
          'MISSING_SHEET_PART',
          `${this.label} 已损坏：工作表"${sheet.info.name}"的内容（${sheet.part || '关系缺失'}）不在文件中，请在 Excel 中打开并另存后再检查`,
        );
      }
      const sink = visitor.beginSheet(sheet.info);
      await this.readSheet(sheet.entry, { label: this.label, sheet: sheet.info, sharedStrings, limits: this.limits }, sink, visitor, pacer);
      sink.end();
    }
  }

  private async readSheet(entry: ZipEntry, context: SheetContext, sink: RowSink, visitor: WorkbookVisitor, pacer: Pacer): Promise<void> {
    // Merged areas are listed after the rows: a part held whole is searched for them first; a
    // larger one is inflated twice, once to find them and once to read the rows.
    const cap = this.limits.wholePartBytes;
    const whole = entry.declaredSize <= cap ? this.zip.whole(entry, cap) : null;
    const merges = whole ? mergesOfWhole(whole, this.limits, this.label) : mergesOfPieces(this.zip.chunks(entry), this.limits, this.label);
    const rows = new SheetRows(context, merges, sink);
    const scanner = new XmlScanner(rows, this.limits.tokenBytes, `${this.label} 中的 ${entry.name}`);
    if (whole) {
      // Scanned in place, a stretch at a time (for progress, cancelling and yielding).
      for (let at = 0; at < whole.length;) {
        const next = scanner.writeStretch(whole, at, Math.min(whole.length, at + STRETCH_BYTES));
        visitor.onBytes?.(next - at);
        at = next;
        await pacer.step();
      }
    } else {
      for (const piece of this.zip.chunks(entry)) {
        scanner.write(piece);
        visitor.onBytes?.(piece.length);
        await pacer.step();
      }
    }
    scanner.end();
    rows.finish(entry.name);
  }
}

/** Bytes scanned between checks for cancelling and yielding. */
const STRETCH_BYTES = 1024 * 1024;
