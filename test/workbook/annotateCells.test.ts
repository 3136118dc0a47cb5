/**
 * annotateCells (the claims register's --out): values written into cells of a package with other
 * producers' quirks, with and without a namespace prefix. Read back by SheetJS (an independent
 * reader): the written cells hold the new values (text, number, date, blank), every other cell its
 * old one, a date gets a date format and keeps the cell's font and border, a written cell can also
 * be marked, no results sheet is added, and the XML stays well-formed.
 */
import { annotateCells, CellWrite } from '../../src/workbook/annotate';
import { formatOf, quirkyWorkbook, readWithSheetJs, reportWith, valuesOnly, xmlErrors } from './annotateKit';

const SHEET = '花名册 & 名单';

const CELLS: CellWrite[] = [
  // Over existing cells: a shared string, a bold bordered number (style 1), a date cell.
  { sheet: SHEET, row: 1, column: 1, kind: 'text', value: '=不是公式' },
  { sheet: SHEET, row: 2, column: 3, kind: 'number', value: 6000 },
  { sheet: SHEET, row: 3, column: 4, kind: 'date', value: 46358 },
  // A cell the row does not hold, a row the sheet does not hold, a cell emptied.
  { sheet: SHEET, row: 3, column: 6, kind: 'text', value: '应付日期' },
  { sheet: SHEET, row: 5, column: 2, kind: 'number', value: 1.5 },
  { sheet: SHEET, row: 4, column: 1, kind: 'text', value: null },
];

describe.each([
  ['default namespace', ''],
  ['prefixed namespace (x:)', 'x:'],
])('a package with %s', (_, prefix) => {
  let input: Uint8Array;
  let copy: Uint8Array;
  beforeAll(async () => {
    input = new Uint8Array(await quirkyWorkbook(prefix));
    const findings = reportWith([{ cell: 'C2', row: 2, severity: 'error' as const, message: '逾期' }]).findings;
    copy = annotateCells({ name: 'in.xlsx', bytes: input }, findings, CELLS);
  });

  test('the written cells hold the new values, every other cell its old one; no results sheet', () => {
    expect(xmlErrors(copy)).toEqual([]);
    const before = readWithSheetJs(input);
    const after = readWithSheetJs(copy);
    expect(after.names).toEqual(before.names);
    const old = valuesOnly(before.sheets[SHEET]);
    const now = valuesOnly(after.sheets[SHEET]);
    const written = ['A1', 'C2', 'D3', 'F3', 'B5', 'A4'];
    for (const ref of Object.keys(old).filter((ref) => !written.includes(ref))) expect(now[ref]).toEqual(old[ref]);
    expect([now.A1, now.C2, now.D3, now.F3, now.B5, now.A4]).toEqual(['=不是公式', 6000, 46358, '应付日期', 1.5, undefined]);
    expect(after.sheets[SHEET].C2.fill).toBe('FFFFC7CE');
  });

  test('a date gets the short-date format and keeps the cell font and border; a number keeps its format', () => {
    const sheetPart = 'xl/worksheets/sheet1.xml';
    const dateBefore = formatOf(input, sheetPart, 'D3');
    const dateAfter = formatOf(copy, sheetPart, 'D3');
    expect(dateAfter.numFmtId).toBe('14');
    expect({ fontId: dateAfter.fontId, borderId: dateAfter.borderId }).toEqual({ fontId: dateBefore.fontId, borderId: dateBefore.borderId });
    const numberBefore = formatOf(input, sheetPart, 'C2');
    const numberAfter = formatOf(copy, sheetPart, 'C2');
    expect({ numFmtId: numberAfter.numFmtId, fontId: numberAfter.fontId, borderId: numberAfter.borderId }).toEqual({
      numFmtId: numberBefore.numFmtId,
      fontId: numberBefore.fontId,
      borderId: numberBefore.borderId,
    });
  });
});
