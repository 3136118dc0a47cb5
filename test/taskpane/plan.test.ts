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
  markFormula,
  markRow,
  MergedValues,
  parseAreasAddress,
  parseMarkFormula,
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

test('a mark is recorded as a formula Excel keeps pointing at the cell, and read back', () => {
  const record = { sheet: '2026', cell: 'E4', fill: 'none', noteBytes: 152, mark: '#FFC7CE' };
  const row = markRow(record);
  expect(row[0]).toBe("=ROW('2026'!E4)");
  expect(readMarkRow(row)).toEqual({
    location: { kind: 'cell', sheet: '2026', cell: 'E4' },
    fill: 'none',
    noteBytes: 152,
    mark: '#FFC7CE',
    checked: "'2026'!E4",
    legacy: false,
    row,
  });
  expect(markFormula("It's 花名册", 'G16')).toBe("=ROW('It''s 花名册'!G16)");
  // The header and blank or damaged rows are skipped.
  expect(readMarkRow(['cell', 'fill', 'note', 'mark', 'checked'])).toBeNull();
  expect(readMarkRow(['', '', '', '', ''])).toBeNull();
  expect(readMarkRow(['花名册', 'not a cell', '', '', ''])).toBeNull();
});

test('the formula as Excel hands it back after renames, insertions and deletions', () => {
  // Excel writes a name that needs no quotes without them, keeps $ signs, and may quote anything.
  expect(parseMarkFormula("=ROW('花名册'!G16)")).toEqual({ kind: 'cell', sheet: '花名册', cell: 'G16' });
  expect(parseMarkFormula('=ROW(新花名册!G19)')).toEqual({ kind: 'cell', sheet: '新花名册', cell: 'G19' });
  expect(parseMarkFormula('=ROW(Sheet1!$A$1)')).toEqual({ kind: 'cell', sheet: 'Sheet1', cell: 'A1' });
  expect(parseMarkFormula("=ROW('It''s (2026)!'!ab12)")).toEqual({ kind: 'cell', sheet: "It's (2026)!", cell: 'AB12' });
  expect(parseMarkFormula("=row('a,b'!C3)")).toEqual({ kind: 'cell', sheet: 'a,b', cell: 'C3' });
  // A deleted cell (its row or column) and a deleted sheet.
  expect(parseMarkFormula('=ROW(花名册!#REF!)')).toEqual({ kind: 'cellDeleted' });
  expect(parseMarkFormula("=ROW('花 名 册'!#REF!)")).toEqual({ kind: 'cellDeleted' });
  expect(parseMarkFormula('=ROW(#REF!G16)')).toEqual({ kind: 'sheetDeleted' });
  expect(parseMarkFormula('=ROW(#REF!)')).toEqual({ kind: 'sheetDeleted' });
  // Anything else is not ours to read.
  expect(parseMarkFormula('=ROW(G16)')).toEqual({ kind: 'unreadable' });
  expect(parseMarkFormula("=ROW('花名册'!G16:G17)")).toEqual({ kind: 'unreadable' });
  expect(parseMarkFormula('=SUM(花名册!G16)')).toEqual({ kind: 'unreadable' });
});

test('rows of the first version (sheet and address as text) are still read, as not kept up to date', () => {
  const legacy = readMarkRow(['花名册', 'E4', 'none', '152', '#FFC7CE']);
  expect(legacy).toMatchObject({ location: { kind: 'cell', sheet: '花名册', cell: 'E4' }, noteBytes: 152, legacy: true, checked: '花名册!E4' });
  // Excel may hand a text-formatted "2026" back as a number.
  expect(readMarkRow([2026, 'E4', 'none', 0, '#FFC7CE'])).toMatchObject({ location: { kind: 'cell', sheet: '2026', cell: 'E4' }, noteBytes: 0 });
  expect(readMarkRow(['sheet', 'cell', 'fill', 'note', 'mark'])).toBeNull();
});

test('merged areas from a RangeAreas address', () => {
  expect(parseAreasAddress('花名册!B3:B10,花名册!A1:K1')).toEqual([
    { rowIndex: 2, columnIndex: 1, rowCount: 8, columnCount: 1 },
    { rowIndex: 0, columnIndex: 0, rowCount: 1, columnCount: 11 },
  ]);
  expect(parseAreasAddress("'a, b!'!$F$3:$G$4, 'a, b!'!H9")).toEqual([
    { rowIndex: 2, columnIndex: 5, rowCount: 2, columnCount: 2 },
    { rowIndex: 8, columnIndex: 7, rowCount: 1, columnCount: 1 },
  ]);
  expect(parseAreasAddress('')).toEqual([]);
});

test('covered cells get their merged area’s value, across blocks, as the clerk sees them', () => {
  // Columns B:D (index 1–3), read in blocks of two rows; B2:B5 and C3:D3 merged, C5:C6 blank.
  const spread = new MergedValues(1, 3);
  const block1 = [
    ['单位', '计划', '份数'],
    ['供电', '综合', 2],
  ];
  spread.apply(block1, 0, [
    { rowIndex: 1, columnIndex: 1, rowCount: 4, columnCount: 1 },
    { rowIndex: 2, columnIndex: 2, rowCount: 1, columnCount: 2 },
  ]);
  expect(block1).toEqual([
    ['单位', '计划', '份数'],
    ['供电', '综合', 2],
  ]);
  // C3:D3 does not start in this block: it is left for the block that has its top-left cell.
  expect(spread.open).toBe(1);
  // The next block: Excel returns only the areas whose top-left cell is in it (none from above).
  const block2 = [
    ['', '农民工', ''],
    ['', '', 3],
  ];
  spread.apply(block2, 2, [{ rowIndex: 2, columnIndex: 2, rowCount: 1, columnCount: 2 }]);
  expect(block2).toEqual([
    ['供电', '农民工', '农民工'],
    ['供电', '', 3],
  ]);
  const block3 = [
    ['', '', 1],
    ['水利', '', 1],
  ];
  spread.apply(block3, 4, [{ rowIndex: 4, columnIndex: 2, rowCount: 2, columnCount: 1 }]);
  expect(block3).toEqual([
    ['供电', '', 1],
    ['水利', '', 1],
  ]);
  expect(spread.open).toBe(0);
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
    const text = fs
      .readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    return /\.(ts|tsx)$/.test(entry.name) ? [{ file, text }] : [];
  });
}

const SRC = path.join(__dirname, '..', '..', 'src');

test('only the door reaches Excel: Excel.run and the RequestContext in door.ts and host.ts, Excel.* in the adapter folder', () => {
  const all = sources(SRC).map(({ file, text }) => ({ file: path.relative(SRC, file).split(path.sep).join('/'), text }));
  const runners = all.filter(({ text }) => /Excel\.run\(|Excel\.RequestContext|\brequest\.sync\(\)/.test(text)).map(({ file }) => file);
  // types.ts names Excel.RequestContext in the ExcelHost interface the door is built on.
  expect(runners.sort()).toEqual(['taskpane/excel/door.ts', 'taskpane/excel/host.ts', 'taskpane/excel/types.ts']);
  // Operations sync through the door's counted context (ExcelContext): `context.sync()` appears
  // only in the adapter folder.
  const outside = all.filter(({ file, text }) => !file.startsWith('taskpane/excel/') && /\.sync\(\)|\bExcel\.[A-Za-z]|\bOfficeExtension\.[A-Za-z]/.test(text));
  expect(outside.map(({ file }) => file)).toEqual([]);
  const syncing = all.filter(({ text }) => /\.sync\(\)/.test(text)).map(({ file }) => file);
  expect(syncing.length).toBeGreaterThan(0);
  expect(syncing.every((file) => file.startsWith('taskpane/excel/'))).toBe(true);
});

test('the task pane has no network code', () => {
  const network = /\bfetch\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|navigator\.sendBeacon|import\(\s*['"]https?:/;
  const offenders = sources(path.join(SRC, 'taskpane')).filter(({ text }) => network.test(text));
  expect(offenders.map(({ file }) => file)).toEqual([]);
});
