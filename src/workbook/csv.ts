/**
 * Reading a .csv roster from bytes: UTF-8 (with or without BOM), GB18030/GBK as Excel for Chinese
 * Windows saves "CSV (逗号分隔)", or UTF-16 with a BOM. Values stay text, as they are in the file
 * (an ID keeps all 18 characters); an empty field is blank. Row numbers count records, as Excel
 * numbers a CSV's rows.
 */
import { WorkbookError } from './errors';

export type CsvEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

const ENCODING_NAMES: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  gb18030: 'GB18030/GBK',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
};

export function encodingName(encoding: CsvEncoding): string {
  return ENCODING_NAMES[encoding];
}

/** Bytes decoded per step: bounds the text held at once next to the bytes themselves. */
const DECODE_PIECE = 1024 * 1024;

function decodesAs(bytes: Uint8Array, encoding: string): boolean {
  const decoder = new TextDecoder(encoding, { fatal: true });
  try {
    for (let at = 0; at < bytes.length; at += DECODE_PIECE) decoder.decode(bytes.subarray(at, at + DECODE_PIECE), { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/** The encoding: a BOM says it; otherwise UTF-8 when every byte sequence is valid UTF-8, else GB18030 (a superset of GBK). */
export function detectCsvEncoding(bytes: Uint8Array, label: string): CsvEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (decodesAs(bytes, 'utf-8')) return 'utf-8';
  if (decodesAs(bytes, 'gb18030')) return 'gb18030';
  throw new WorkbookError('CSV_ENCODING', `${label} 的编码无法识别：既不是 UTF-8，也不是 GB18030/GBK`);
}

/** The text, piece by piece (TextDecoder drops a leading BOM of its own encoding). */
export function* decodeCsv(bytes: Uint8Array, encoding: CsvEncoding): Generator<string> {
  const decoder = new TextDecoder(encoding);
  for (let at = 0; at < bytes.length; at += DECODE_PIECE) {
    const text = decoder.decode(bytes.subarray(at, at + DECODE_PIECE), { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** Comma unless the first lines hold more tabs or semicolons (Excel's "Unicode text" is tab-separated). */
export function detectDelimiter(sample: string): string {
  const lines = sample
    .split(/\r\n|\n|\r/)
    .slice(0, 10)
    .join('\n');
  const counts = [',', '\t', ';'].map((delimiter) => ({ delimiter, count: lines.split(delimiter).length - 1 }));
  counts.sort((a, b) => b.count - a.count);
  return counts[0].count > 0 ? counts[0].delimiter : ',';
}

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/**
 * RFC 4180 parsing, piece by piece: quoted fields may hold delimiters, doubled quotes and line
 * breaks; rows end at CRLF, LF or CR. A quote left open at the end is an error naming its line
 * (reading on would swallow the rest of the file into one cell).
 */
export class CsvParser {
  private state = State.FieldStart;
  private field = '';
  private row: string[] = [];
  private rowNumber = 0;
  private skipLineFeed = false;
  /** Text line (1-based) the parser is on, and the one where the open quote started. */
  private line = 1;
  private quoteLine = 0;
  private quoteRow = 0;

  constructor(
    private readonly delimiter: string,
    private readonly onRow: (values: string[], rowNumber: number) => void,
    private readonly label = 'CSV 文件',
  ) {}

  write(text: string): void {
    const delimiter = this.delimiter;
    for (let i = 0; i < text.length; i += 1) {
      const ch = text[i];
      if (this.skipLineFeed) {
        this.skipLineFeed = false;
        if (ch === '\n') continue;
      }
      switch (this.state) {
        case State.FieldStart:
          if (ch === '"') {
            this.state = State.Quoted;
            this.quoteLine = this.line;
            this.quoteRow = this.rowNumber + 1;
          } else if (ch === delimiter) this.endField();
          else if (ch === '\r' || ch === '\n') this.endRow(ch);
          else {
            this.field = ch;
            this.state = State.Unquoted;
          }
          break;
        case State.Unquoted: {
          // Copy the run up to the next special character in one slice.
          let j = i;
          while (j < text.length && text[j] !== delimiter && text[j] !== '\r' && text[j] !== '\n') j += 1;
          this.field += text.slice(i, j);
          i = j - 1;
          if (j < text.length) {
            i = j;
            if (text[j] === delimiter) this.endField();
            else this.endRow(text[j]);
          }
          break;
        }
        case State.Quoted: {
          const close = text.indexOf('"', i);
          const end = close < 0 ? text.length : close;
          this.countLines(text, i, end);
          this.field += text.slice(i, end);
          i = end;
          if (close >= 0) this.state = State.QuoteInQuoted;
          break;
        }
        case State.QuoteInQuoted:
          if (ch === '"') {
            this.field += '"';
            this.state = State.Quoted;
          } else if (ch === delimiter) this.endField();
          else if (ch === '\r' || ch === '\n') this.endRow(ch);
          else {
            // A stray character after a closing quote: keep it, as Excel does.
            this.field += ch;
            this.state = State.Unquoted;
          }
          break;
      }
    }
  }

  end(): void {
    if (this.state === State.Quoted) {
      throw new WorkbookError(
        'CSV_UNTERMINATED_QUOTE',
        `${this.label} 第 ${this.quoteLine} 行（第 ${this.quoteRow} 条记录）有一个引号没有结束，其后的内容都会被当作一个单元格：请检查该行的引号`,
      );
    }
    if (this.state !== State.FieldStart || this.field !== '' || this.row.length > 0) this.endRow('');
  }

  private countLines(text: string, from: number, to: number): void {
    for (let k = from; k < to; k += 1) {
      const ch = text.charCodeAt(k);
      if (ch === 10) this.line += 1;
      else if (ch === 13 && text.charCodeAt(k + 1) !== 10) this.line += 1;
    }
  }

  private endField(): void {
    this.row.push(this.field);
    this.field = '';
    this.state = State.FieldStart;
  }

  private endRow(ch: string): void {
    this.endField();
    this.rowNumber += 1;
    this.line += 1;
    this.onRow(this.row, this.rowNumber);
    this.row = [];
    if (ch === '\r') this.skipLineFeed = true;
  }
}

/** A CSV's records as rows of text (empty fields as null). */
export function readCsvText(pieces: Iterable<string>, label: string, onRow: (values: (string | null)[], rowNumber: number) => void): void {
  let parser: CsvParser | null = null;
  for (const text of pieces) {
    parser ??= new CsvParser(
      detectDelimiter(text.slice(0, 64 * 1024)),
      (values, rowNumber) =>
        onRow(
          values.map((value) => (value === '' ? null : value)),
          rowNumber,
        ),
      label,
    );
    parser.write(text);
  }
  parser?.end();
}

/** A sheet name Excel accepts, from a CSV file's name: "2026花名册.csv" → "2026花名册". */
export function sheetNameForCsv(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  const stem = (dot > 0 ? base.slice(0, dot) : base)
    .replace(/[\\/?*[\]:]/g, '_')
    .replace(/^'+|'+$/g, '')
    .slice(0, 31)
    .trim();
  return stem === '' || stem.toLowerCase() === 'history' ? '花名册' : stem;
}
