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
 * Columns padded to their widest cell; the last column is not padded (it holds the long messages).
 * Control characters in cells are shown as spaces so that a cell cannot break the layout.
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], aligns: readonly ('left' | 'right')[] = [], indent = ''): string[] {
  const clean = (cell: string) => cell.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  const all = [headers, ...rows].map((row) => row.map(clean));
  const widths = headers.map((_, column) => Math.max(...all.map((row) => displayWidth(row[column] ?? ''))));
  return all.map((row) =>
    (
      indent +
      row
        .map((cell, column) => (column === row.length - 1 && aligns[column] !== 'right' ? cell : padDisplay(cell, widths[column], aligns[column] ?? 'left')))
        .join('  ')
    ).trimEnd(),
  );
}

/** 5230 → "5,230"; 12.5 → "12.5". */
export function formatAmount(amount: number): string {
  return amount.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
