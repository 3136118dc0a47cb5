/**
 * A marked worksheet streamed through: rows pass on as the producer wrote them, except the rows that
 * hold a marked cell, where only the cell's style index changes (or a cell, or a row, is inserted in
 * order when the mark falls on one the file does not hold). Rows and cells without an `r` attribute
 * are numbered as Excel numbers them (one after the previous). After <sheetData>, a <legacyDrawing>
 * is added in its schema position when the sheet gets its first notes.
 */
import { PartStream } from '../zip';
import { MergeRange, mergesOfPieces } from '../xlsx';
import { ZipEntry, ZipPackage } from '../zipPackage';
import { showBytes } from '../limits';
import { damagedPart, inPart, PartError } from './errors';
import { MarkKind } from './styles';
import { attribute, columnLetters, insertBefore, parseCellRef, xmlText } from './xml';

export interface CellMark {
  row: number;
  column: number;
  /** The mark's fill; absent when the cell only gets a value. */
  kind?: MarkKind;
  /** A value written into the cell (replacing what it held): the command's computed columns. */
  value?: CellValueSet;
}

/** A value to write: text (an inline string), a number, or a date serial (shown as a date); null empties the cell. */
export interface CellValueSet {
  kind: 'text' | 'number' | 'date';
  value: string | number | null;
}

/** A merged area, as the reader finds it. */
export type MergeArea = MergeRange;

/** Elements that follow <legacyDrawing> in a worksheet (CT_Worksheet's order). */
const AFTER_LEGACY_DRAWING = ['legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];

/** Inflated sheet bytes kept from the merge scan for the patch pass, at most (beyond it the sheet is inflated again). */
const KEEP_INFLATED = 96 * 1024 * 1024;

export interface SheetScan {
  merges: MergeArea[];
  /** The inflated part, when small enough to keep (saves inflating it twice). */
  inflated: Uint8Array[] | null;
}

/**
 * The sheet's merged areas, read as the reader reads them (the same limits). <mergeCells> follows
 * <sheetData>, so the sheet is inflated once first; the inflated pieces are kept for the patch pass
 * when the sheet is small enough.
 */
export function scanSheet(zip: ZipPackage, part: ZipEntry, label: string): SheetScan {
  const kept: Uint8Array[] = [];
  let keptBytes = 0;
  let keep = true;
  function* keeping(): Generator<Uint8Array> {
    for (const chunk of zip.pieces(part)) {
      if (keep) {
        keptBytes += chunk.length;
        if (keptBytes > KEEP_INFLATED) {
          keep = false;
          kept.length = 0;
        } else kept.push(chunk);
      }
      yield chunk;
    }
  }
  const merges = mergesOfPieces(keeping(), zip.limits, label);
  return { merges, inflated: keep ? kept : null };
}

type Phase = 'head' | 'rows' | 'tail';

export interface SheetPatchResult {
  /** The r:id of the sheet's existing <legacyDrawing>, if it has one. */
  legacyDrawingId: string | null;
}

export interface SheetPatchOptions {
  /** Marks by row, then column. */
  marks: Map<number, Map<number, CellMark>>;
  styleFor(style: number, kind: MarkKind): number;
  /** The format for a date value written into a cell of format `style`. */
  dateStyleFor?(style: number): number;
  /**
   * Called at the end of <sheetData> with the id of the sheet's existing <legacyDrawing> (or null);
   * returns the relationship id of a new one to add, or null to add none.
   */
  legacyDrawing(existingId: string | null): string | null;
}

/**
 * Where the tag opened at `open` ends: its first '>' outside quoted attribute values (a '>' may stand
 * in a value; '<' may not, and the reader refuses a file that has one), or -1 when the text ends first.
 */
function tagEndAt(text: string, open: number): number {
  let quote = 0;
  for (let i = open + 1; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (quote) {
      if (code === quote) quote = 0;
    } else if (code === 0x22 || code === 0x27) quote = code;
    else if (code === 0x3e) return i;
  }
  return -1;
}

const SPECIAL_AMONG_ROWS = '的行中有 XML 注释、CDATA 段或处理指令，无法照原样标记';

/** Where the first comment, CDATA section or processing instruction starts in `text`, or -1. */
function firstSpecial(text: string): number {
  const bang = text.indexOf('<!');
  const question = text.indexOf('<?');
  return bang < 0 ? question : question < 0 ? bang : Math.min(bang, question);
}

/** Streams one worksheet part through the patch into `out`. */
export class SheetPatcher {
  private phase: Phase = 'head';
  private buffer = '';
  private prefix = '';
  private relPrefix: string | null = null;
  private lastRow = 0;
  private readonly pendingRows: number[];
  private pendingAt = 0;
  private readonly columnStyles: { min: number; max: number; style: number }[] = [];

  constructor(
    private readonly options: SheetPatchOptions,
    private readonly out: PartStream,
  ) {
    this.pendingRows = [...options.marks.keys()].sort((a, b) => a - b);
  }

  /** Feeds the whole part (from the scan's inflated bytes when it kept them) and closes the output. */
  run(zip: ZipPackage, part: ZipEntry, inflated: readonly Uint8Array[] | null): void {
    const decoder = new TextDecoder('utf-8');
    const cap = zip.limits.wholePartBytes;
    inPart(part.name, () => {
      for (const chunk of inflated ?? zip.pieces(part)) {
        this.write(decoder.decode(chunk, { stream: true }));
        // What waits for its end (the part's head, one row, or the tail after the rows) is kilobytes
        // in a real sheet; whitespace inflated into it must not grow a string until memory runs out.
        if (this.buffer.length > cap) throw new PartError(part.name, `有一段超过 ${showBytes(cap)} 的内容（一行、表头或表尾），远超正常的工作表`);
      }
      this.write(decoder.decode());
      this.end();
    });
  }

  write(text: string): void {
    this.buffer += text;
    if (this.phase === 'head') this.head();
    if (this.phase === 'rows') this.rows();
  }

  end(): void {
    if (this.phase !== 'tail') throw damagedPart(null, '<sheetData>');
    this.out.write(this.finishTail(this.buffer));
    this.buffer = '';
    this.out.close();
  }

  /** Until <sheetData>: passed on, noting the root's relationship prefix and the column styles. */
  private head(): void {
    const match = /<([\w.-]+:)?sheetData(?=[\s/>])[^>]*>/.exec(this.buffer);
    if (!match) return;
    const headBefore = this.buffer.slice(0, match.index);
    this.prefix = match[1] ?? '';
    const root = /<([\w.-]+:)?worksheet[\s>][^>]*>/.exec(headBefore);
    if (root) {
      const declaration = /\sxmlns:([\w.-]+)\s*=\s*"http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(root[0]);
      this.relPrefix = declaration ? declaration[1] : null;
    }
    for (const col of headBefore.matchAll(/<(?:[\w.-]+:)?col(?=[\s/>])[^>]*>/g)) {
      const style = Number(attribute(col[0], 'style') ?? 0);
      if (style > 0) this.columnStyles.push({ min: Number(attribute(col[0], 'min')), max: Number(attribute(col[0], 'max')), style });
    }
    const tag = match[0];
    const rest = this.buffer.slice(match.index + tag.length);
    // Readers such as SheetJS read no cell outside <dimension>: it must cover the cells written.
    const head = headBefore.replace(/<(?:[\w.-]+:)?dimension(?=[\s/>])[^>]*>/, (dimension) => this.widenDimension(dimension));
    if (tag.endsWith('/>')) {
      this.out.write(`${head}${tag.slice(0, -2).trimEnd()}>${this.insertRowsBefore(Infinity)}</${this.prefix}sheetData>`);
      this.phase = 'tail';
      this.buffer = rest;
      return;
    }
    this.out.write(head + tag);
    this.buffer = rest;
    this.phase = 'rows';
  }

  /** The <dimension> tag with its ref grown to take in every marked or written cell (never shrunk). */
  private widenDimension(tag: string): string {
    const ref = attribute(tag, 'ref');
    const [from, to = from] = (ref ?? '').split(':');
    const first = parseCellRef(from);
    const last = parseCellRef(to);
    if (!first || !last) return tag;
    let [top, left, bottom, right] = [first.row, first.column, last.row, last.column];
    for (const [row, columns] of this.options.marks) {
      top = Math.min(top, row);
      bottom = Math.max(bottom, row);
      for (const column of columns.keys()) {
        left = Math.min(left, column);
        right = Math.max(right, column);
      }
    }
    const widened = `${columnLetters(left)}${top}:${columnLetters(right)}${bottom}`;
    if (widened === `${columnLetters(first.column)}${first.row}:${columnLetters(last.column)}${last.row}`) return tag;
    return tag.replace(/(\sref\s*=\s*)(["'])[^"']*\2/, `$1$2${widened}$2`);
  }

  /**
   * The rows met so far. Runs of rows that need no change are passed on as one slice; only a marked
   * row is rebuilt, and new rows are inserted before the first row numbered after them.
   */
  private rows(): void {
    const buffer = this.buffer;
    const parts: string[] = [];
    const rowOpen = `<${this.prefix}row`;
    // Rows are found by their tags as text: a comment, CDATA section or processing instruction among
    // them could hide a "</row>" or a "<c" that is not one (the reader reads them; no producer writes
    // them there). The first such place, if any, refuses the copy when a row reaches it.
    const special = firstSpecial(buffer);
    let at = 0;
    let copyFrom = 0;
    for (;;) {
      const open = buffer.indexOf('<', at);
      if (open < 0) {
        at = buffer.length;
        break;
      }
      if (open === special) throw new PartError(null, SPECIAL_AMONG_ROWS);
      const tagEnd = tagEndAt(buffer, open);
      if (tagEnd < 0) {
        at = open;
        break;
      }
      if (buffer.charCodeAt(open + 1) === 47 /* / */) {
        if (/^<\/([\w.-]+:)?sheetData\s*>$/.test(buffer.slice(open, tagEnd + 1))) {
          parts.push(buffer.slice(copyFrom, open), this.insertRowsBefore(Infinity));
          copyFrom = open;
          at = open;
          this.phase = 'tail';
          break;
        }
        at = tagEnd + 1;
        continue;
      }
      const tag = buffer.slice(open, tagEnd + 1);
      const prefix = tag.startsWith(rowOpen) && /[\s/>]/.test(tag[rowOpen.length]) ? this.prefix : /^<([\w.-]+:)?row[\s/>]/.exec(tag)?.[1];
      if (prefix === undefined) {
        // Anything else between rows (an XML comment, a processing instruction) passes on.
        at = tagEnd + 1;
        continue;
      }
      let rowEnd: number;
      if (tag.endsWith('/>')) rowEnd = tagEnd + 1;
      else {
        const close = `</${prefix ?? ''}row>`;
        const closeAt = buffer.indexOf(close, tagEnd);
        if (closeAt < 0) {
          at = open;
          break;
        }
        rowEnd = closeAt + close.length;
      }
      if (special >= 0 && special < rowEnd) throw new PartError(null, SPECIAL_AMONG_ROWS);
      const rowNumber = rowNumberOf(tag) ?? this.lastRow + 1;
      this.lastRow = rowNumber;
      const marks = this.options.marks.get(rowNumber);
      const insertsBefore = this.pendingAt < this.pendingRows.length && this.pendingRows[this.pendingAt] <= rowNumber;
      if (marks || insertsBefore) {
        parts.push(buffer.slice(copyFrom, open), this.insertRowsBefore(rowNumber));
        parts.push(marks ? this.patchRow(buffer.slice(open, rowEnd), tag, marks) : buffer.slice(open, rowEnd));
        copyFrom = rowEnd;
      }
      at = rowEnd;
    }
    parts.push(buffer.slice(copyFrom, at));
    this.out.write(parts.join(''));
    this.buffer = buffer.slice(at);
    // From </sheetData> on, the rest (merges, validations, drawings…) is small and kept whole until the end.
  }

  /** New rows for the marks on rows the file does not hold, up to (not including) `before`. */
  private insertRowsBefore(before: number): string {
    let text = '';
    while (this.pendingAt < this.pendingRows.length && this.pendingRows[this.pendingAt] <= before) {
      const row = this.pendingRows[this.pendingAt];
      this.pendingAt += 1;
      if (row === before) continue;
      const marks = this.options.marks.get(row) as Map<number, CellMark>;
      const p = this.prefix;
      text += `<${p}row r="${row}">${[...marks.values()]
        .sort((a, b) => a.column - b.column)
        .map((mark) => this.newCell(mark, this.columnStyle(mark.column)))
        .join('')}</${p}row>`;
    }
    return text;
  }

  private columnStyle(column: number): number {
    return this.columnStyles.find((col) => col.min <= column && column <= col.max)?.style ?? 0;
  }

  private styleOf(mark: CellMark, baseStyle: number): number {
    const dated = mark.value?.kind === 'date' && mark.value.value !== null && this.options.dateStyleFor ? this.options.dateStyleFor(baseStyle) : baseStyle;
    return mark.kind ? this.options.styleFor(dated, mark.kind) : dated;
  }

  /** A cell element for the mark: its style, and its value when it sets one. */
  private newCell(mark: CellMark, baseStyle: number): string {
    const p = this.prefix;
    const style = this.styleOf(mark, baseStyle);
    const s = style === 0 ? '' : ` s="${style}"`;
    const ref = `${columnLetters(mark.column)}${mark.row}`;
    const value = mark.value;
    if (!value || value.value === null || value.value === '') return `<${p}c r="${ref}"${s}/>`;
    if (value.kind === 'text' || typeof value.value === 'string') {
      return `<${p}c r="${ref}"${s} t="inlineStr"><${p}is><${p}t xml:space="preserve">${xmlText(String(value.value))}</${p}t></${p}is></${p}c>`;
    }
    return `<${p}c r="${ref}"${s}><${p}v>${value.value}</${p}v></${p}c>`;
  }

  /** The row with its marked cells restyled and its missing marked cells inserted in column order. */
  private patchRow(row: string, startTag: string, marks: Map<number, CellMark>): string {
    const rowStyle =
      attribute(startTag, 'customFormat') === '1' || attribute(startTag, 'customFormat') === 'true' ? Number(attribute(startTag, 's') ?? 0) : null;
    const missingStyle = (column: number) => rowStyle ?? this.columnStyle(column);
    const pending = [...marks.values()].sort((a, b) => a.column - b.column);
    let next = 0;
    let column = 0;
    const selfClosing = startTag.endsWith('/>');
    const body = selfClosing ? '' : row.slice(startTag.length);
    // A cell's start tag, any prefix, quoted values taken whole (they may hold '>').
    const cellPattern = /<([\w.-]+:)?c(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>/g;
    let out = '';
    let at = 0;
    for (let match = cellPattern.exec(body); match; match = cellPattern.exec(body)) {
      const tag = match[0];
      const ref = attribute(tag, 'r');
      column = ref ? (parseCellRef(ref)?.column ?? column + 1) : column + 1;
      out += body.slice(at, match.index);
      while (next < pending.length && pending[next].column < column) out += this.newCell(pending[next++], missingStyle(pending[next - 1].column));
      if (next < pending.length && pending[next].column === column && pending[next].value) {
        // A value written here: the whole cell element is replaced, keeping its format.
        out += this.newCell(pending[next], Number(attribute(tag, 's') ?? 0));
        next += 1;
        const close = `</${match[1] ?? ''}c>`;
        const closeAt = tag.endsWith('/>') ? -1 : body.indexOf(close, match.index + tag.length);
        at = closeAt < 0 ? match.index + tag.length : closeAt + close.length;
        cellPattern.lastIndex = at;
        continue;
      }
      if (next < pending.length && pending[next].column === column) {
        const style = Number(attribute(tag, 's') ?? 0);
        out += withStyle(tag, this.styleOf(pending[next], style));
        next += 1;
      } else out += tag;
      at = match.index + tag.length;
    }
    let rest = body.slice(at);
    let inserted = '';
    while (next < pending.length) inserted += this.newCell(pending[next++], missingStyle(pending[next - 1].column));
    if (selfClosing) return inserted ? `${startTag.slice(0, -2).trimEnd()}>${inserted}</${this.prefix}row>` : startTag;
    const closeAt = rest.lastIndexOf('</');
    rest = rest.slice(0, closeAt) + inserted + rest.slice(closeAt);
    return startTag + out + rest;
  }

  /** After </sheetData>: a <legacyDrawing> for new notes, in its place among the elements that follow. */
  private finishTail(tail: string): string {
    const existing = /<(?:[\w.-]+:)?legacyDrawing\s[^>]*?\b[\w.-]+:id\s*=\s*"([^"]*)"/.exec(tail);
    const newId = this.options.legacyDrawing(existing ? existing[1] : null);
    if (newId === null) return tail;
    const rel = this.relPrefix ?? 'r';
    const declaration = this.relPrefix ? '' : ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`;
    return insertBefore(tail, `<${this.prefix}legacyDrawing${declaration} ${rel}:id="${newId}"/>`, AFTER_LEGACY_DRAWING, 'worksheet');
  }
}

/** The r attribute of a row's start tag (a fast path for the common form ` r="12"`), or null. */
function rowNumberOf(tag: string): number | null {
  const at = tag.indexOf(' r="');
  if (at >= 0) {
    const end = tag.indexOf('"', at + 4);
    const n = Number(tag.slice(at + 4, end));
    if (Number.isInteger(n) && n > 0) return n;
  }
  const value = attribute(tag, 'r');
  return value === null ? null : Number(value);
}

function withStyle(tag: string, style: number): string {
  if (/\ss\s*=\s*"[^"]*"/.test(tag)) return tag.replace(/(\ss\s*=\s*)"[^"]*"/, `$1"${style}"`);
  const end = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, end).trimEnd()} s="${style}"${tag.slice(end)}`;
}
