/** Plain-text tables for a terminal where Chinese characters take two columns. */

/** East Asian wide and fullwidth ranges (Unicode UAX #11, the common blocks). */
const WIDE_RANGES: readonly [number, number][] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x20000, 0x3fffd],
];

function isWide(code: number): boolean {
  if (code < 0x1100) return false;
  for (const [from, to] of WIDE_RANGES) if (code >= from && code <= to) return true;
  return false;
}

/** Columns a string takes in a terminal: 2 for each CJK or fullwidth character, 0 for combining marks. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x20 || (code >= 0x300 && code <= 0x36f) || code === 0x200b || code === 0xfeff) continue;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

export function padDisplay(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const gap = Math.max(0, width - displayWidth(text));
  return align === 'left' ? text + ' '.repeat(gap) : ' '.repeat(gap) + text;
}

/**
 * Characters a terminal must not receive from a cell: C0 controls and DEL (line breaks, escape
 * sequences), C1 controls (U+009B starts an escape sequence on some terminals), the line and
 * paragraph separators U+2028/2029, and the bidirectional controls (U+061C, U+200E/F,
 * U+202A–202E, U+2066–2069) that make text read in another order than it is stored.
 */
const LAYOUT_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Cell text fit for a terminal: control runs become one space (a cell's line break reads as a gap); bidi controls go. */
export function terminalText(text: string): string {
  return text.replace(LAYOUT_CONTROLS, ' ').replace(BIDI_CONTROLS, '');
}

/** What JSON.stringify leaves raw (it escapes only C0): DEL, C1, U+2028/2029 and the bidi controls. */
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON for stdout, which may be a terminal: like JSON.stringify, with the controls it leaves raw
 * written as \uXXXX escapes, so a program reading it gets the cell text exactly.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(RAW_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Columns padded to their widest cell; the last column is not padded (it holds the long messages).
 * Cells pass through terminalText so that a cell can neither break the layout nor steer the terminal.
 */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  aligns: readonly ('left' | 'right')[] = [],
  indent = '',
): string[] {
  const all = [headers, ...rows].map((row) => row.map(terminalText));
  const last = headers.length - 1;
  const padded = (column: number) => column !== last || aligns[column] === 'right';
  // A loop, not Math.max(...): a roster can give more findings than a call takes arguments.
  const widths = headers.map(() => 0);
  for (const row of all) {
    for (let column = 0; column < widths.length; column += 1) {
      if (padded(column)) widths[column] = Math.max(widths[column], displayWidth(row[column] ?? ''));
    }
  }
  return all.map((row) =>
    (indent + row.map((cell, column) => (padded(column) ? padDisplay(cell, widths[column], aligns[column] ?? 'left') : cell)).join('  ')).trimEnd(),
  );
}

/**
 * One formatter for all amounts (toLocaleString builds a new one per call: seconds for 100,000 units),
 * built on first use: creating it costs about 30 ms that `check --json` need not pay.
 */
let amountFormat: Intl.NumberFormat | null = null;

/** 5230 → "5,230"; 12.5 → "12.5". */
export function formatAmount(amount: number): string {
  amountFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
  return amountFormat.format(amount);
}
