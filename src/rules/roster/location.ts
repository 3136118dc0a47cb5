/** Cell addresses and the order findings are listed in. */
import { Finding } from './types';

/** 1 → "A", 27 → "AA". */
export function columnLetters(columnNumber: number): string {
  let letters = '';
  for (let n = columnNumber; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** "AA" → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "G16" → { row: 16, column: 7 }. */
export function parseCellAddress(address: string): { row: number; column: number } | null {
  const match = /^([A-Za-z]{1,3})(\d+)$/.exec(address);
  return match ? { row: Number(match[2]), column: columnNumber(match[1]) } : null;
}

/** A sheet name as Excel writes it in a reference: quoted when it is not a plain word. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "花名册!G16", or "花名册!第16行" for a whole-row finding. */
export function findingAddress(finding: Finding): string {
  return finding.cell ? `${quoteSheetName(finding.sheet)}!${finding.cell}` : `${quoteSheetName(finding.sheet)}!第${finding.row}行`;
}

/** Excel's limit on a sheet name's length. */
const MAX_SHEET_NAME = 31;

/**
 * A sheet name not yet taken (compared as Excel does, ignoring case): "缴费汇总", else "缴费汇总 (2)" …
 * Used for every sheet the pane or the command adds, so that none overwrites the clerk's.
 */
export function uniqueSheetName(base: string, taken: Iterable<string>): string {
  const lower = new Set([...taken].map((name) => name.toLowerCase()));
  const wanted = base.slice(0, MAX_SHEET_NAME);
  if (!lower.has(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n += 1) {
    const suffix = ` (${n})`;
    const name = `${base.slice(0, MAX_SHEET_NAME - suffix.length)}${suffix}`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}
