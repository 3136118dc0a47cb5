/**
 * The annotated copy by patching (src/workbook/annotate): on a package with other producers' quirks,
 * with and without a namespace prefix, the copy re-read by the project's reader and by exceljs has
 * every value of the input, the marks' fills (keeping each cell's number format, font and border)
 * and notes (the clerk's kept, ours appended), the results sheet with its links, and every part the
 * marks do not touch byte-identical as stored. Plus a property test over random marks.
 */
import fc from 'fast-check';
import { readFileSync } from 'fs';
import { annotateWorkbook, ERROR_FILL, WARNING_FILL } from '../../src/workbook/annotate';
import { cleanupDirs, tmpDir } from '../cli/cliKit';
import {
  changedParts,
  fillColor,
  fillOf,
  formatOf,
  loadExcelJs,
  noteOf,
  openZip,
  partOf,
  quirkyWorkbook,
  readWithProjectReader,
  readWithSheetJs,
  reportWith,
  save,
  valuesOnly,
  xmlErrors,
} from './annotateKit';

afterAll(cleanupDirs);

const SHEET = '花名册 & 名单';

const FINDINGS = [
  { cell: 'B3', row: 3, severity: 'error' as const, message: '身份证号校验位不对' },
  { cell: 'C2', row: 2, severity: 'warning' as const, rule: 'SHARES_OVER_MAX' as const, message: '份数偏多' },
  { cell: 'D2', row: 2, severity: 'warning' as const, message: '日期存疑' },
  // A cell the row does not hold, and a row the sheet does not hold.
  { cell: 'E3', row: 3, severity: 'error' as const, message: '缺少字段' },
  { cell: 'B5', row: 5, severity: 'error' as const, message: '空行里的错误' },
  // Covered by the merged area A6:B6: marked on A6.
  { cell: 'B6', row: 6, severity: 'warning' as const, message: '合并区内' },
  // A whole-row finding: marked on column A.
  { cell: null, column: null, row: 4, severity: 'warning' as const, rule: 'DUPLICATE_ENROLLMENT' as const, message: '=整行提示' },
];

describe.each([
  ['default namespace', ''],
  ['prefixed namespace (x:)', 'x:'],
])('a package with %s', (_, prefix) => {
  let dir: string;
  let input: Buffer;
  let copy: Uint8Array;
  let inputPath: string;
  let copyPath: string;

  beforeAll(async () => {
    dir = tmpDir();
    input = await quirkyWorkbook(prefix);
    const before = Buffer.from(input);
    copy = annotateWorkbook({ name: 'in.xlsx', bytes: new Uint8Array(input) }, reportWith(FINDINGS), { files: ['in.xlsx'] });
    expect(Buffer.compare(before, input)).toBe(0);
    inputPath = save(dir, 'in.xlsx', input);
    copyPath = save(dir, 'copy.xlsx', copy);
  });

  test('every XML part of the copy is well-formed', () => {
    expect(xmlErrors(copy)).toEqual([]);
  });

  test('only the parts the marks touch change; the rest are carried over byte for byte as stored', () => {
    expect(changedParts(input, copy)).toEqual({
      changed: [
        '[Content_Types].xml',
        'xl/_rels/workbook.xml.rels',
        'xl/comments1.xml',
        'xl/drawings/vmlDrawing1.vml',
        'xl/styles.xml',
        'xl/workbook.xml',
        'xl/worksheets/sheet1.xml',
      ],
      added: ['xl/worksheets/sheet3.xml'],
      removed: [],
    });
  });

  test("the project's reader reads the same values from the copy as from the input", async () => {
    const before = await readWithProjectReader(inputPath);
    const after = await readWithProjectReader(copyPath);
    expect(Object.keys(after)).toEqual([SHEET, '其他', '校验结果']);
    expect(after[SHEET]).toEqual(before[SHEET]);
    expect(after['其他']).toEqual(before['其他']);
  });

  test('SheetJS reads the same values, the fills on the marked cells, and each cell keeps its number format, font and border', () => {
    const before = readWithSheetJs(input);
    const after = readWithSheetJs(copy);
    expect(after.names).toEqual([SHEET, '其他', '校验结果']);
    for (const name of before.names) expect(valuesOnly(after.sheets[name])).toEqual(valuesOnly(before.sheets[name]));
    const cells = after.sheets[SHEET];
    const fills = Object.fromEntries(
      Object.entries(cells)
        .filter(([, cell]) => cell.fill)
        .map(([ref, cell]) => [ref, cell.fill]),
    );
    expect(fills).toEqual({ B3: ERROR_FILL, C2: WARNING_FILL, D2: WARNING_FILL, E3: ERROR_FILL, B5: ERROR_FILL, A6: WARNING_FILL, A4: WARNING_FILL });
    // The marked cell's own format, cloned: bold font and border (C2), date format (D2); an inserted cell in column E takes the column's style.
    const sheetPart = 'xl/worksheets/sheet1.xml';
    expect(formatOf(copy, sheetPart, 'C2')).toMatchObject({ numFmtId: '0', fontId: '1', borderId: '1', applyFill: '1' });
    expect(formatOf(copy, sheetPart, 'D2')).toMatchObject({ numFmtId: '164', fontId: '0', borderId: '0' });
    expect(formatOf(copy, sheetPart, 'E3')).toMatchObject({ fontId: '1', borderId: '1' });
    expect(fillColor(copy, formatOf(copy, sheetPart, 'C2').fillId)).toBe(WARNING_FILL);
    expect(fillColor(copy, formatOf(copy, sheetPart, 'B3').fillId)).toBe(ERROR_FILL);
    // Unmarked cells keep their format index.
    expect(formatOf(copy, sheetPart, 'D3')).toEqual(formatOf(input, sheetPart, 'D3'));
  });

  test("notes: the clerk's note on a marked cell is kept with ours after it; other notes are untouched; covered cells get none", () => {
    const cells = readWithSheetJs(copy).sheets[SHEET];
    expect(cells.B3.note).toBe('=原有批注:请核对\n\n【错误】身份证号无效（ID_INVALID）：身份证号校验位不对');
    expect(partOf(copy, 'xl/comments1.xml')).toContain(
      `<${prefix}r><${prefix}rPr><${prefix}b/></${prefix}rPr><${prefix}t>=原有批注:</${prefix}t></${prefix}r>`,
    );
    expect(cells.A1.note).toBe('表头别动');
    expect(cells.A6.note).toBe('B6：【警告】身份证号无效（ID_INVALID）：合并区内');
    expect(cells.B6?.note).toBeUndefined();
    // A whole-row finding is noted on column A.
    expect(cells.A4.note).toMatch(/^【警告】.*（DUPLICATE_ENROLLMENT）：=整行提示$/);
    expect(cells.E3.note).toMatch(/^【错误】.*缺少字段$/);
    expect(cells.B5.note).toMatch(/空行里的错误$/);
  });

  test('the drawing holds one shape per note, with ids unique in the workbook', () => {
    const vml = partOf(copy, 'xl/drawings/vmlDrawing1.vml');
    const ids = [...vml.matchAll(/<v:shape id="(_x0000_s\d+)"/g)].map((match) => match[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const comments = partOf(copy, 'xl/comments1.xml');
    expect(comments.match(/<(x:)?comment /g)).toHaveLength(ids.length);
    const positions = [...vml.matchAll(/<x:Row>(\d+)<\/x:Row><x:Column>(\d+)<\/x:Column>/g)].map((match) => `${match[1]}:${match[2]}`);
    // A1, B3 (the clerk's), then ours: C2, D2, E3, B5, A6, A4.
    expect(positions.sort()).toEqual(['0:0', '1:2', '1:3', '2:1', '2:4', '3:0', '4:1', '5:0']);
  });

  test('the sheet outside sheetData is passed on as written: merges, data validations, page margins, drawing', () => {
    const tail = (xml: string) => xml.slice(xml.indexOf('sheetData>', xml.indexOf(`</${prefix}sheetData`)));
    const before = tail(partOf(input, 'xl/worksheets/sheet1.xml'));
    const after = tail(partOf(copy, 'xl/worksheets/sheet1.xml'));
    expect(after).toBe(before);
  });

  test('the 1904 date system, the shared formula and its cached values stay', () => {
    const workbook = partOf(copy, 'xl/workbook.xml');
    expect(workbook).toContain('date1904="1"');
    expect(workbook).toMatch(new RegExp(`<${prefix}sheet name="校验结果" sheetId="3" r:id="rId5"/></${prefix}sheets>`));
    const sheet = partOf(copy, 'xl/worksheets/sheet1.xml');
    expect(sheet).toContain(`<${prefix}f t="shared" ref="C3:C4" si="0">1+1</${prefix}f><${prefix}v>2</${prefix}v>`);
    expect(sheet).toContain(`<${prefix}f t="shared" si="0"/><${prefix}v>2</${prefix}v>`);
  });

  test('the results sheet lists each finding with a link to its own cell (also a covered one)', () => {
    const results = partOf(copy, 'xl/worksheets/sheet3.xml');
    const locations = [...results.matchAll(/<hyperlink ref="B(\d+)" location="([^"]*)"/g)].map((match) => match[2]);
    expect(locations).toEqual([
      "'花名册 &amp; 名单'!B3",
      "'花名册 &amp; 名单'!C2",
      "'花名册 &amp; 名单'!D2",
      "'花名册 &amp; 名单'!E3",
      "'花名册 &amp; 名单'!B5",
      "'花名册 &amp; 名单'!B6",
      "'花名册 &amp; 名单'!A4",
    ]);
    const results2 = readWithSheetJs(copy).sheets['校验结果'];
    expect(results2.A1.value).toBe('花名册校验结果：in.xlsx');
    expect(results2.G11.value).toBe("'=整行提示");
  });
});

describe('a package without comments, styles or a sheet relationships part', () => {
  test('gets new comment and drawing parts, a legacyDrawing in its place, and content types for them', async () => {
    const input = await quirkyWorkbook('');
    // Strip the clerk's notes and the styles from the package (through exceljs's zip library).
    const { JSZip } = await import('../cli/cliKit');
    const zip = await JSZip.loadAsync(input);
    const raw = zip as unknown as { remove(name: string): void };
    for (const name of ['xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml', 'xl/worksheets/_rels/sheet1.xml.rels', 'xl/styles.xml']) raw.remove(name);
    const sheet = (await zip.file('xl/worksheets/sheet1.xml')!.async('string')).replace('<legacyDrawing r:id="rId2"/>', '');
    zip.file('xl/worksheets/sheet1.xml', sheet);
    const rels = (await zip.file('xl/_rels/workbook.xml.rels')!.async('string')).replace(/<Relationship Id="rId3"[^>]*\/>/, '');
    zip.file('xl/_rels/workbook.xml.rels', rels);
    const bare = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });

    const copy = annotateWorkbook({ name: 'bare.xlsx', bytes: new Uint8Array(bare) }, reportWith([{ cell: 'B2', row: 2 }]));
    expect(xmlErrors(copy)).toEqual([]);
    const names = openZip(copy).all.map((part) => part.name);
    expect(names).toEqual(expect.arrayContaining(['xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml', 'xl/worksheets/_rels/sheet1.xml.rels', 'xl/styles.xml']));
    expect(partOf(copy, 'xl/worksheets/sheet1.xml')).toMatch(/<\/dataValidations><pageMargins [^>]*\/><legacyDrawing r:id="rId\d+"\/><\/worksheet>$/);
    const types = partOf(copy, '[Content_Types].xml');
    expect(types).toContain('<Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>');
    expect(types).toContain('<Override PartName="/xl/styles.xml"');
    const cells = readWithSheetJs(copy).sheets[SHEET];
    expect(cells.B2).toMatchObject({ fill: ERROR_FILL, note: expect.stringMatching(/测试消息$/) });
  });
});

describe('random marks (property)', () => {
  test('whatever cells are marked, values stay, each target is filled and noted once, the XML stays well-formed', async () => {
    const input = new Uint8Array(await quirkyWorkbook(''));
    const dir = tmpDir();
    const inputPath = save(dir, 'in.xlsx', input);
    const before = await readWithProjectReader(inputPath);
    const cell = fc.record({ column: fc.integer({ min: 1, max: 8 }), row: fc.integer({ min: 1, max: 12 }), error: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { minLength: 1, maxLength: 12 }), async (cells) => {
        const findings = cells.map(({ column, row, error }) => ({
          cell: `${String.fromCharCode(64 + column)}${row}`,
          row,
          severity: error ? ('error' as const) : ('warning' as const),
        }));
        const copy = annotateWorkbook({ name: 'in.xlsx', bytes: input }, reportWith(findings));
        expect(xmlErrors(copy)).toEqual([]);
        const path = save(dir, 'copy.xlsx', copy);
        const after = await readWithProjectReader(path);
        expect(after[SHEET]).toEqual(before[SHEET]);
        const cellsRead = readWithSheetJs(copy).sheets[SHEET];
        // The targets: each cell moved to A6 when A6:B6 covers it.
        const targets = new Map<string, boolean>();
        for (const { column, row, error } of cells) {
          const ref = row === 6 && column <= 2 ? 'A6' : `${String.fromCharCode(64 + column)}${row}`;
          targets.set(ref, (targets.get(ref) ?? false) || error);
        }
        for (const [ref, error] of targets) {
          expect(cellsRead[ref]?.fill).toBe(error ? ERROR_FILL : WARNING_FILL);
          expect(cellsRead[ref]?.note).toContain('测试消息');
        }
        const comments = partOf(copy, 'xl/comments1.xml');
        const refs = [...comments.matchAll(/<comment ref="([A-Z]+\d+)"/g)].map((match) => match[1]);
        expect(new Set(refs).size).toBe(refs.length);
        expect(refs.sort()).toEqual([...new Set(['A1', 'B3', ...targets.keys()])].sort());
      }),
      { numRuns: 25 },
    );
  });
});

describe('a CSV', () => {
  test("becomes a workbook of text cells holding the clerk's values exactly, marked and noted", async () => {
    const text = '姓名,身份证号,电话\n"=1+2",110101199003070011,+86 138\n张三,"a ""b"", c",0771\n';
    const bytes = new TextEncoder().encode(`\ufeff${text}`);
    const copy = annotateWorkbook({ name: 'x.csv', bytes }, reportWith([{ cell: 'B2', row: 2 }], '名单'), { csv: { encoding: 'utf-8', sheetName: '名单' } });
    expect(xmlErrors(copy)).toEqual([]);
    const path = save(tmpDir(), 'x.checked.xlsx', copy);
    const read = await readWithProjectReader(path);
    expect(read['名单'].map((row) => row.values)).toEqual([
      ['姓名', '身份证号', '电话'],
      ['=1+2', '110101199003070011', '+86 138'],
      ['张三', 'a "b", c', '0771'],
    ]);
    const sheet = (await loadExcelJs(path)).getWorksheet('名单')!;
    expect(fillOf(sheet.getCell('B2'))).toBe(ERROR_FILL);
    expect(noteOf(sheet.getCell('B2'))).toMatch(/测试消息$/);
    expect(readFileSync(path).length).toBeGreaterThan(0);
  });
});
