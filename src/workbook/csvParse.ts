/**
 * CSV text → records (RFC 4180, as Excel reads a CSV), platform-neutral: the command's file reader
 * and the annotated copy of a CSV both parse with it.
 */

/** Comma unless the first lines hold more tabs or semicolons (Excel's "Unicode text" is tab-separated). */
export function detectDelimiter(sample: string): string {
  const lines = sample.split(/\r\n|\n|\r/).slice(0, 10).join('\n');
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
 * RFC 4180 parsing, chunk by chunk: quoted fields may hold delimiters, doubled quotes and line
 * breaks; rows end at CRLF, LF or CR. Row numbers count records, as Excel numbers a CSV's rows.
 */
export class CsvParser {
  private state = State.FieldStart;
  private field = '';
  private row: string[] = [];
  private rowNumber = 0;
  private skipLineFeed = false;

  constructor(
    private readonly delimiter: string,
    private readonly onRow: (values: string[], rowNumber: number) => void,
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
          if (ch === '"') this.state = State.Quoted;
          else if (ch === delimiter) this.endField();
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
          if (close < 0) {
            this.field += text.slice(i);
            i = text.length;
          } else {
            this.field += text.slice(i, close);
            i = close;
            this.state = State.QuoteInQuoted;
          }
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
    if (this.state !== State.FieldStart || this.field !== '' || this.row.length > 0) this.endRow('');
  }

  private endField(): void {
    this.row.push(this.field);
    this.field = '';
    this.state = State.FieldStart;
  }

  private endRow(ch: string): void {
    this.endField();
    this.rowNumber += 1;
    this.onRow(this.row, this.rowNumber);
    this.row = [];
    if (ch === '\r') this.skipLineFeed = true;
  }
}
