/**
 * annotateCells (the claims register's --out): values written into cells of a package with other
 * producers' quirks, with and without a namespace prefix. Read back by SheetJS (an independent
 * reader): the written cells hold the new values (text, number, date, blank), every other cell its
 * old one, a date gets a date format and keeps the cell's font and border, a written cell can also
 * be marked, no results sheet is added, and the XML stays well-formed.
 */
import { annotateCells, CellWrite } from '../../src/workbook/annotate';
import { formatOf, partOf, quirkyWorkbook, readWithSheetJs, reportWith, valuesOnly, xmlErrors } from './annotateKit';
import { xlsx } from './readerKit';

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

test('cells written beyond the sheet’s <dimension> widen it, so readers that trust it (SheetJS) see them', () => {
  const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const xml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><dimension ref="A1:B2"/><sheetData>` +
    '<row r="1"><c r="A1" t="inlineStr"><is><t>身份证号</t></is></c><c r="B1"><v>1</v></c></row>' +
    '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><v>3</v></c></row></sheetData></worksheet>';
  const input = xlsx({ sheets: [{ name: '理赔登记', xml }] });
  const cells: CellWrite[] = [
    { sheet: '理赔登记', row: 1, column: 4, kind: 'text', value: '应付金额' },
    { sheet: '理赔登记', row: 5, column: 3, kind: 'number', value: 9000 },
  ];
  const copy = annotateCells({ name: 'in.xlsx', bytes: input }, [], cells);
  expect(partOf(copy, 'xl/worksheets/sheet1.xml')).toContain('<dimension ref="A1:D5"/>');
  const read = valuesOnly(readWithSheetJs(copy).sheets['理赔登记']);
  expect([read.A1, read.B2, read.D1, read.C5]).toEqual(['身份证号', 3, '应付金额', 9000]);

  // Nothing written outside it: the tag is left as it was.
  const inside = annotateCells({ name: 'in.xlsx', bytes: input }, [], [{ sheet: '理赔登记', row: 2, column: 2, kind: 'number', value: 4 }]);
  expect(partOf(inside, 'xl/worksheets/sheet1.xml')).toContain('<dimension ref="A1:B2"/>');
});
