/**
 * The adapter's arithmetic (src/taskpane/excel/plan.ts) and two rules of the task pane's code:
 * only the adapter talks to Excel, and nothing in the pane talks to the network.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  batchesBySize,
  cellsOfRun,
  chunkRows,
  decodeFill,
  encodeFill,
  isNoFill,
  MAX_CHUNK_ROWS,
  markRow,
  rangesOf,
  readMarkRow,
  uniqueSheetName,
  utf8Length,
} from '../../src/taskpane/excel/plan';

test('rows per read: as many as fit 3 MB at 32 bytes a cell, 1 … 20,000', () => {
  expect(chunkRows(11)).toBe(Math.floor((3 * 1024 * 1024) / (11 * 32)));
  expect(chunkRows(1)).toBe(MAX_CHUNK_ROWS);
  expect(chunkRows(16384)).toBe(6);
  expect(chunkRows(1_000_000)).toBe(1);
});

test('marked cells become runs of rows per column, and back', () => {
  expect(rangesOf(['E4', 'E5', 'E6', 'C8', 'E9', 'E5', 'AA10'])).toEqual(['C8', 'E4:E6', 'E9', 'AA10']);
  expect(cellsOfRun('E4:E6')).toEqual(['E4', 'E5', 'E6']);
  expect(cellsOfRun('C8')).toEqual(['C8']);
  expect(() => cellsOfRun('A1:B2')).toThrow();
});

test('batches by size keep each under the budget, with at least one item', () => {
  expect(batchesBySize([1, 2, 3, 4, 5], (n) => n, 6)).toEqual([[1, 2, 3], [4], [5]]);
  expect(batchesBySize([10, 1], (n) => n, 6)).toEqual([[10], [1]]);
  expect(batchesBySize([], (n: number) => n, 6)).toEqual([]);
  expect(utf8Length('份a')).toBe(4);
});

test('no fill is told from white by tintAndShade null or pattern None', () => {
  expect(isNoFill({ color: '#FFFFFF', pattern: 'None', patternColor: '#000000', tintAndShade: null, patternTintAndShade: null })).toBe(true);
  expect(isNoFill({ color: '#FFFFFF', pattern: null, patternColor: null, tintAndShade: null, patternTintAndShade: null })).toBe(true);
  const white = { color: '#FFFFFF', pattern: 'Solid', patternColor: '#000000', tintAndShade: 0, patternTintAndShade: 0 };
  expect(isNoFill(white)).toBe(false);
  expect(decodeFill(encodeFill(white))).toEqual(white);
  expect(encodeFill({ ...white, pattern: 'None', tintAndShade: null })).toBe('none');
});

test('mark records survive the round trip through the marks sheet', () => {
  const record = { sheet: '2026', cell: 'E4', fill: 'none', noteBytes: 152, mark: '#FFC7CE' };
  expect(readMarkRow(markRow(record))).toEqual(record);
  // Excel may hand a text-formatted "2026" back as a number; a damaged row is skipped.
  expect(readMarkRow([2026, 'E4', 'none', 0, '#FFC7CE'])).toEqual({ ...record, noteBytes: 0 });
  expect(readMarkRow(['sheet', 'cell', 'fill', 'note', 'mark'])).toBeNull();
  expect(readMarkRow(['花名册', 'not a cell', '', '', ''])).toBeNull();
});

test('new sheet names never take an existing one (names compare without case)', () => {
  expect(uniqueSheetName('缴费汇总', ['花名册'])).toBe('缴费汇总');
  expect(uniqueSheetName('缴费汇总', ['缴费汇总', '缴费汇总 (2)'])).toBe('缴费汇总 (3)');
  expect(uniqueSheetName('Summary', ['SUMMARY'])).toBe('Summary (2)');
});

function sources(dir: string): { file: string; text: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    // Code only: comments may name the calls.
    const text = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    return /\.(ts|tsx)$/.test(entry.name) ? [{ file, text }] : [];
  });
}

const SRC = path.join(__dirname, '..', '..', 'src');

test('only the adapter module calls Excel.run and context.sync', () => {
  const callers = sources(SRC)
    .filter(({ text }) => /Excel\.run\(|\.sync\(\)/.test(text))
    .map(({ file }) => path.relative(SRC, file).split(path.sep).join('/'));
  expect(callers.sort()).toEqual(['taskpane/excel/excelAdapter.ts', 'taskpane/excel/host.ts']);
});

test('the task pane has no network code', () => {
  const network = /\bfetch\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|navigator\.sendBeacon|import\(\s*['"]https?:/;
  const offenders = sources(path.join(SRC, 'taskpane')).filter(({ text }) => network.test(text));
  expect(offenders.map(({ file }) => file)).toEqual([]);
});
