import fc from 'fast-check';
/**
 * The .xlsx reader (src/workbook): the values Excel's Range.values gives (dates as serials, numbers
 * whatever their format), checked against exceljs's full reader; merged areas, hidden sheets,
 * Chinese text across piece boundaries; other producers' XML (prefixes, no r attributes, odd part
 * names); each unreadable file with its own code and message; the limits.
 */
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { NATIVE_ZIP, nativeInflateRaw } from '../../src/cli/nativeInflate';
import { openWorkbook, ReadOptions } from '../../src/workbook';
import { cleanupDirs, JSZip, tmpDir, writeWorkbook } from '../cli/cliKit';
import { packageParts, readAll, readError, worksheet, xlsx, zipParts } from './readerKit';

afterAll(cleanupDirs);

const INFLATERS: [string, ReadOptions][] = [
  ['fflate', {}],
  ['zlib', NATIVE_ZIP],
];

interface ReadSheet {
  name: string;
  state: string;
  rows: Map<number, unknown[]>;
  /** Row numbers in the order they were handed on. */
  order: number[];
}

async function streamRead(path: string, skipped: string[] = [], options: ReadOptions = {}): Promise<ReadSheet[]> {
  const sheets = await readAll({ name: path, bytes: new Uint8Array(readFileSync(path)) }, options, skipped);
  return sheets.map((sheet) => ({ name: sheet.info.name, state: sheet.info.state, rows: sheet.rows, order: sheet.order }));
}

/** A Date as Excel's 1900-system serial (what Range.values gives for a date cell). */
function serialOf(date: Date): number {
  return (date.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** Rewrites a sheet's XML in a written workbook, the way another tool would have written it. */
async function patchSheet(path: string, part: string, patch: (xml: string) => string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const xml = await zip.file(part)!.async('string');
  const patched = patch(xml);
  expect(patched).not.toBe(xml);
  zip.file(part, patched);
  writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

/** The oracle: exceljs's non-streaming reader (a covered cell reads as its merged area's value), its cell values made plain. */
function plain(cell: ExcelJS.Cell): unknown {
  const value = cell.value as unknown;
  const convert = (v: unknown): unknown => {
    if (v === null || v === undefined) return null;
    if (v instanceof Date) return serialOf(v);
    if (typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    if ('richText' in o) return (o.richText as { text: string }[]).map((run) => run.text).join('');
    if ('formula' in o || 'sharedFormula' in o) return convert(o.result);
    if ('hyperlink' in o) return convert(o.text);
    if ('error' in o) return o.error;
    return null;
  };
  return convert(value);
}

async function fullRead(path: string): Promise<{ name: string; rows: Map<number, unknown[]> }[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook.worksheets.map((sheet) => {
    const rows = new Map<number, unknown[]>();
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values: unknown[] = [];
      for (let c = 1; c <= row.cellCount; c += 1) values.push(plain(row.getCell(c)));
      rows.set(rowNumber, values);
    });
    return { name: sheet.name, rows };
  });
}

/** Rows without trailing blanks, and only rows with a value, for comparing the two readers. */
function trimmed(rows: Map<number, unknown[]>): [number, unknown[]][] {
  return [...rows]
    .map(([n, values]) => {
      const copy = [...values];
      while (copy.length && copy[copy.length - 1] === null) copy.pop();
      return [n, copy] as [number, unknown[]];
    })
    .filter(([, values]) => values.length > 0);
}

describe('.xlsx reader', () => {
  test.each(INFLATERS)('cell values as exceljs reads them, dates as serials (%s)', async (_, options) => {
    const dir = tmpDir();
    const path = join(dir, 'values.xlsx');
    await writeWorkbook(path, [
      {
        name: '花名册',
        rows: [
          ['标题跨表头合并'],
          ['姓名', '身份证号', '性别', '生效日期', '份数', '电话', '备注', '在职'],
          [
            { richText: [{ text: '张' }, { font: { bold: true }, text: '伟' }] },
            '450421198001011234',
            { formula: 'IF(MOD(MID(B3,17,1),2),"男","女")', result: '男' },
            new Date(Date.UTC(2026, 0, 1)),
            { formula: '1+2', result: 3 },
            { formula: '1/0', result: { error: '#DIV/0!' } },
            { error: '#N/A' },
            true,
          ],
          [{ text: '李娜', hyperlink: 'mailto:lina@example.com' }, 450421198001011234, '女', 46023, '3份', ' 138 ', '备注', false],
        ],
        merges: ['A1:H1'],
        setup: (sheet) => {
          sheet.getCell('D3').numFmt = 'yyyy"年"m"月"d"日"';
        },
      },
    ]);
    const streamed = await streamRead(path, [], options);
    const oracle = await fullRead(path);
    expect(streamed.map((s) => s.name)).toEqual(oracle.map((s) => s.name));
    expect(trimmed(streamed[0].rows)).toEqual(trimmed(oracle[0].rows));

    const row3 = streamed[0].rows.get(3) as unknown[];
    expect(row3.slice(0, 3)).toEqual(['张伟', '450421198001011234', '男']);
    expect(row3[3]).toBe(46023);
    expect(row3.slice(4)).toEqual([3, '#DIV/0!', '#N/A', true]);
    const row4 = streamed[0].rows.get(4) as unknown[];
    expect(row4).toEqual(['李娜', Number('450421198001011234'), '女', 46023, '3份', ' 138 ', '备注', false]);
  });

  test('a cell covered by a merged area reads as the area (top-left) value, even when the file holds other text there', async () => {
    const dir = tmpDir();
    const path = join(dir, 'merged.xlsx');
    await writeWorkbook(path, [
      {
        name: 'S',
        rows: [
          ['单位', '姓名'],
          ['县第一中学', '甲'],
          [undefined, '乙'],
          [undefined, '丙'],
        ],
        merges: ['A2:A4'],
      },
    ]);
    // Some tools keep the old text in covered cells: put one in A3, as such a file would hold it.
    await patchSheet(path, 'xl/worksheets/sheet1.xml', (xml) => xml.replace(/<c r="A3"[^>]*\/>/, '<c r="A3" t="inlineStr"><is><t>县人民医院</t></is></c>'));

    const [sheet] = await streamRead(path);
    expect(sheet.rows.get(2)).toEqual(['县第一中学', '甲']);
    expect(sheet.rows.get(3)).toEqual(['县第一中学', '乙']);
    expect(sheet.rows.get(4)).toEqual(['县第一中学', '丙']);
  });

  test('merged areas spanning rows and columns, begun rows before, a blank master, rows the file leaves out', async () => {
    const dir = tmpDir();
    const path = join(dir, 'areas.xlsx');
    await writeWorkbook(path, [
      {
        name: 'S',
        rows: [['标题'], ['a', 'b', 'c', 'd', 'e'], ['x2', '综合', undefined, undefined, 7], ['x3'], ['x4'], ['x5'], ['x6']],
        // A1:E1 a title across columns; B3:C5 across rows and columns; D3:D7 with a blank top-left cell; E3:E4.
        merges: ['A1:E1', 'B3:C5', 'D3:D7', 'E3:E4'],
      },
    ]);
    // Leave row 5 out of the file altogether (a row whose cells a tool did not write): it still shows B3:C5.
    await patchSheet(path, 'xl/worksheets/sheet1.xml', (xml) => xml.replace(/<row r="5"[\s\S]*?<\/row>/, ''));

    const [sheet] = await streamRead(path);
    expect(sheet.rows.get(1)).toEqual(['标题', '标题', '标题', '标题', '标题']);
    expect(sheet.rows.get(3)).toEqual(['x2', '综合', '综合', null, 7]);
    expect(sheet.rows.get(4)).toEqual(['x3', '综合', '综合', null, 7]);
    expect(sheet.rows.get(5)).toEqual([null, '综合', '综合']);
    // D3:D7's top-left cell is blank: its covered cells are blank too.
    expect(sheet.rows.get(7)).toEqual(['x6']);
    expect(sheet.order).toEqual([1, 2, 3, 4, 5, 6, 7]);

    // The same as exceljs's full reader, where the file holds the rows.
    const oracle = await fullRead(path);
    for (const row of [1, 3, 4])
      expect(trimmed(new Map([[row, sheet.rows.get(row) as unknown[]]]))).toEqual(trimmed(new Map([[row, oracle[0].rows.get(row) as unknown[]]])));
  });

  test('rows below the last value that only a merged area reaches are not handed on (the used range ends at the last value)', async () => {
    const dir = tmpDir();
    const path = join(dir, 'tail.xlsx');
    await writeWorkbook(path, [
      {
        name: 'S',
        rows: [
          ['单位', '姓名'],
          ['县第一中学', '甲'],
          [undefined, '乙'],
        ],
        merges: ['A2:A6'],
      },
    ]);
    const [sheet] = await streamRead(path);
    expect(sheet.order).toEqual([1, 2, 3]);
    expect(sheet.rows.get(3)).toEqual(['县第一中学', '乙']);
  });

  test('Chinese text survives chunk boundaries (exceljs streaming bug #2063)', async () => {
    const dir = tmpDir();
    const path = join(dir, 'chinese.xlsx');
    const names = Array.from(
      { length: 6000 },
      (_, i) => `${'黄李韦覃莫梁陆蒙'[i % 8]}${'志秀丽建小文海秋'[(i * 3) % 8]}${'强英娟华燕斌涛菊'[(i * 5) % 8]}${i}号职工`,
    );
    await writeWorkbook(path, [{ name: '花名册', rows: [['姓名', '单位'], ...names.map((name, i) => [name, `第${i % 50}单位(广西壮族自治区梧州市苍梧县)`])] }]);
    const [sheet] = await streamRead(path);
    const read = [...sheet.rows.values()].slice(1).map((values) => values[0]);
    expect(read).toEqual(names);
    const all = JSON.stringify([...sheet.rows.values()]);
    expect(all).not.toContain('\uFFFD');
  });

  test('inline strings with runs, phonetic guides left out, ISO date cells, 1904 dates', async () => {
    const dir = tmpDir();
    const path = join(dir, 'inline.xlsx');
    await writeWorkbook(path, [
      {
        name: 'S',
        rows: [
          ['a', 'b', 'c'],
          [1, 2, 3],
        ],
      },
    ]);
    const zip = await JSZip.loadAsync(readFileSync(path));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const patched = xml.replace(
      /<row r="2"[\s\S]*?<\/row>/,
      '<row r="2"><c r="A2" t="inlineStr"><is><r><t>张</t></r><r><t xml:space="preserve">伟 </t></r><rPh sb="0" eb="1"><t>zhang</t></rPh></is></c>' +
        '<c r="B2" t="d"><v>2026-01-01T00:00:00Z</v></c><c r="C2" t="s"><v>0</v></c></row>',
    );
    zip.file('xl/worksheets/sheet1.xml', patched);
    const book = await zip.file('xl/workbook.xml')!.async('string');
    zip.file('xl/workbook.xml', book.replace(/<workbookPr[^>]*\/>/, '<workbookPr date1904="1"/>'));
    writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const [sheet] = await readAll({ name: path, bytes: readFileSync(path) });
    // 2026-01-01 in the 1904 system: 1,462 days less than in the 1900 system.
    expect(sheet.rows.get(2)).toEqual(['张伟 ', 46023 - 1462, 'a']);
    expect(sheet.info.date1904).toBe(true);
  });

  test('hidden and very hidden sheets are not read: they go to skipSheet, in the workbook order', async () => {
    const dir = tmpDir();
    const path = join(dir, 'hidden.xlsx');
    await writeWorkbook(path, [
      { name: '可见', rows: [['x']] },
      { name: '隐藏', rows: [['y']], state: 'hidden' },
      { name: '深度隐藏', rows: [['z']], state: 'veryHidden' },
      { name: '可见2', rows: [['w']] },
    ]);
    const skipped: string[] = [];
    const sheets = await streamRead(path, skipped);
    expect(sheets.map((s) => `${s.name}:${s.state}`)).toEqual(['可见:visible', '可见2:visible']);
    expect(skipped).toEqual(['隐藏:hidden', '深度隐藏:veryHidden']);
    // The progress bar's total counts only the sheets read.
    const zip = await JSZip.loadAsync(readFileSync(path));
    const size = async (part: string) => Buffer.byteLength(await zip.file(part)!.async('string'));
    expect(openWorkbook({ name: path, bytes: readFileSync(path) }).totalBytes).toBe(
      (await size('xl/worksheets/sheet1.xml')) + (await size('xl/worksheets/sheet4.xml')),
    );
  });

  test('份数 in a date format is still its number; a date stays its serial whatever the format', async () => {
    const dir = tmpDir();
    const path = join(dir, 'formats.xlsx');
    await writeWorkbook(path, [
      {
        name: 'S',
        rows: [
          ['份数', '生效日期'],
          [3, 46023],
        ],
        setup: (sheet) => {
          sheet.getCell('A2').numFmt = 'yyyy-mm-dd';
          sheet.getCell('B2').numFmt = '0.00';
        },
      },
    ]);
    const [sheet] = await streamRead(path);
    expect(sheet.rows.get(2)).toEqual([3, 46023]);
  });
});

const cell = (ref: string, inner: string, attributes = '') => `<c r="${ref}"${attributes}>${inner}</c>`;
const source = (bytes: Uint8Array, name = 'book.xlsx') => ({ name, bytes });

describe("other producers' XML", () => {
  test('namespace prefixes (x:row, x:c), rows and cells without r, a BOM, comments and CDATA', async () => {
    const sheetXml =
      '\uFEFF<?xml version="1.0"?><!-- written by hand --><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
      '<x:row><x:c t="inlineStr"><x:is><x:t>姓名</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t><![CDATA[a<b&c]]></x:t></x:is></x:c></x:row>' +
      '<x:row><x:c><x:v>1</x:v></x:c><x:c r="D2"><x:v>-2.5</x:v></x:c><x:c><x:v>1E3</x:v></x:c></x:row>' +
      '</x:sheetData></x:worksheet>';
    for (const [, options] of INFLATERS) {
      const [sheet] = await readAll(source(xlsx({ sheets: [{ name: 'S', xml: sheetXml }] })), options);
      expect([...sheet.rows]).toEqual([
        [1, ['姓名', 'a<b&c']],
        [2, [1, null, null, -2.5, 1000]],
      ]);
    }
  });

  test('entities, character references and _xHHHH_ escapes; booleans, errors, text results, phonetic guides', async () => {
    const bytes = xlsx({
      sheets: [
        {
          name: 'S',
          xml:
            '<row r="1">' +
            cell('A1', '<v>0</v>', ' t="s"') +
            cell('B1', '<is><t>&#x4E2D;&#25991;&amp;&lt;&gt;&quot;&apos;</t></is>', ' t="inlineStr"') +
            cell('C1', '<v>1</v>', ' t="b"') +
            cell('D1', '<v>#N/A</v>', ' t="e"') +
            cell('E1', '<f>A1&amp;""</f><v>行_x000D_二</v>', ' t="str"') +
            cell('F1', '<f>IF(1,"")</f><v></v>', ' t="str"') +
            '</row>',
        },
      ],
      parts: { 'xl/sharedStrings.xml': '<sst xmlns="x"><si><r><t>张</t></r><r><t>伟</t></r><rPh><t>zhang</t></rPh></si></sst>' },
    });
    const [sheet] = await readAll(source(bytes));
    expect(sheet.rows.get(1)).toEqual(['张伟', '中文&<>"\'', true, '#N/A', '行\r二', '']);
  });

  test("a formula saved without its value is the engine's marker, not a blank", async () => {
    const bytes = xlsx({
      sheets: [{ name: 'S', xml: '<row r="1">' + cell('A1', '<f>1+2</f>') + cell('B1', '<f>SUM(A1)</f><v/>') + cell('C1', '<f>1</f><v>1</v>') + '</row>' }],
    });
    const [sheet] = await readAll(source(bytes));
    expect(sheet.rows.get(1)).toEqual([{ uncalculatedFormula: '1+2' }, { uncalculatedFormula: 'SUM(A1)' }, 1]);
  });

  test('ISO date cells (t="d") become serials as Excel holds them, the 1900 leap-day quirk included', async () => {
    const row = ['1900-01-01', '1900-02-28', '1900-03-01', '2026-01-01T12:00:00'].map((text, i) => cell(`${'ABCD'[i]}1`, `<v>${text}</v>`, ' t="d"')).join('');
    const [sheet] = await readAll(source(xlsx({ sheets: [{ name: 'S', xml: `<row r="1">${row}</row>` }] })));
    expect(sheet.rows.get(1)).toEqual([1, 59, 61, 46023.5]);
  });

  test('part names in another case, a workbook part found through the root relationships, absolute targets', async () => {
    const parts = packageParts({ sheets: [{ name: '花名册', xml: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }], sharedStrings: ['姓名'] });
    const renamed: Record<string, string | Uint8Array> = {};
    for (const [name, content] of Object.entries(parts)) {
      renamed[
        name
          .replace('xl/worksheets/sheet1.xml', 'XL/Worksheets/Sheet1.XML')
          .replace('xl/workbook.xml', 'xl/Book.xml')
          .replace('xl/_rels/workbook.xml.rels', 'xl/_rels/Book.xml.rels')
      ] = content;
    }
    renamed['_rels/.rels'] = (renamed['_rels/.rels'] as string).replace('Target="xl/workbook.xml"', 'Target="/xl/Book.xml"');
    renamed['xl/_rels/Book.xml.rels'] = (renamed['xl/_rels/Book.xml.rels'] as string).replace('Target="sharedStrings.xml"', 'Target="/xl/sharedStrings.xml"');
    const [sheet] = await readAll(source(zipParts(renamed)));
    expect(sheet.info.name).toBe('花名册');
    expect(sheet.rows.get(1)).toEqual(['姓名']);
  });

  test('stored (uncompressed) parts read like deflated ones', async () => {
    const parts = packageParts({ sheets: [{ name: 'S', xml: '<row r="1"><c r="A1"><v>7</v></c></row>' }] });
    const [sheet] = await readAll(source(zipParts(parts, 0)));
    expect(sheet.rows.get(1)).toEqual([7]);
  });
});

describe('files that cannot be read: their own code and message', () => {
  test('a shared-string index out of range', async () => {
    const bytes = xlsx({ sheets: [{ name: '花名册', xml: '<row r="3"><c r="B3" t="s"><v>5</v></c></row>' }], sharedStrings: ['a'] });
    const error = await readError(source(bytes));
    expect(error.code).toBe('SHARED_STRING_INDEX');
    expect(error.message).toContain('第 3 行');
    expect(error.message).toContain('第 5 个共享字符串');
  });

  test('a sheet whose part is missing', async () => {
    const bytes = xlsx({ sheets: [{ name: '花名册', xml: '' }], omit: ['xl/worksheets/sheet1.xml'] });
    const error = await readError(source(bytes));
    expect(error).toEqual({ code: 'MISSING_SHEET_PART', message: expect.stringContaining('工作表"花名册"') });
  });

  test('a real .xlsb, an .ods, a zip without a workbook, an OLE file, a text file named .xlsx, a truncated zip', async () => {
    const cases: [Uint8Array, string, string, RegExp][] = [
      [zipParts({ '[Content_Types].xml': '<Types/>', 'xl/workbook.bin': new Uint8Array([1, 2]) }), 'a.xlsb', 'XLSB', /另存为/],
      [zipParts({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' }), 'a.xlsx', 'ODS', /OpenDocument/],
      [zipParts({ 'readme.txt': 'hi' }), 'a.xlsx', 'NOT_WORKBOOK', /没有 workbook\.xml/],
      [new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'a.xls', 'ENCRYPTED_OR_XLS', /加密|旧版/],
      [new TextEncoder().encode('姓名,身份证号'), 'a.xlsx', 'NOT_ZIP', /不是有效的 \.xlsx/],
      [xlsx({ sheets: [{ name: 'S', xml: '' }] }).subarray(0, 200), 'a.xlsx', 'TRUNCATED_ZIP', /不完整/],
      [new Uint8Array(0), 'a.xlsx', 'EMPTY', /空文件/],
    ];
    for (const [bytes, name, code, message] of cases) {
      const error = await readError(source(bytes, name));
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      expect(error.message).toContain(name);
    }
  });

  test('XML cut off in the middle', async () => {
    const bytes = xlsx({ sheets: [{ name: 'S', xml: '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" ' }] });
    expect((await readError(source(bytes))).code).toBe('CORRUPT');
  });

  test('cancelled between pieces of work', async () => {
    const bytes = xlsx({ sheets: [{ name: 'S', xml: '<row r="1"><c r="A1"><v>1</v></c></row>' }] });
    await expect(readAll(source(bytes), {}).then(() => 'read')).resolves.toBe('read');
    const { readWorkbook } = await import('../../src/workbook');
    await expect(readWorkbook(source(bytes), { beginSheet: () => ({ addRow() {}, end() {} }), isCancelled: () => true })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });
});

describe('limits', () => {
  test('a row past 1,048,576, a column past XFD, a column of 2^32', async () => {
    const tooLow = await readError(source(xlsx({ sheets: [{ name: 'S', xml: '<row r="1048577"><c><v>1</v></c></row>' }] })));
    expect(tooLow).toEqual({ code: 'TOO_MANY_ROWS', message: expect.stringContaining('1048576') });
    const xfe = await readError(source(xlsx({ sheets: [{ name: 'S', xml: '<row r="1"><c r="XFE1"><v>1</v></c></row>' }] })));
    expect(xfe.code).toBe('TOO_MANY_COLUMNS');
    // Column 2^32 = "MWLQKWU" in letters.
    const huge = await readError(source(xlsx({ sheets: [{ name: 'S', xml: '<row r="1"><c r="MWLQKWU1"><v>1</v></c></row>' }] })));
    expect(huge.code).toBe('TOO_MANY_COLUMNS');
    const [sheet] = await readAll(source(xlsx({ sheets: [{ name: 'S', xml: '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>' }] })));
    expect(sheet.rows.get(1048576)?.length).toBe(16384);
  });

  test('inflated bytes per part and in all, shared strings, merges, one XML token', async () => {
    const big = xlsx({
      sheets: [{ name: 'S', xml: `<row r="1"><c r="A1" t="inlineStr"><is><t>${'x'.repeat(5000)}</t></is></c></row>` }],
      sharedStrings: ['a', 'b', 'c'],
    });
    for (const options of [{ inflateRaw: nativeInflateRaw }, {}]) {
      expect(await readError(source(big), { ...options, limits: { partBytes: 4000 } })).toMatchObject({
        code: 'TOO_LARGE',
        message: expect.stringContaining('sheet1.xml'),
      });
      expect((await readError(source(big), { ...options, limits: { totalBytes: 4000 } })).code).toBe('TOO_LARGE');
    }
    expect((await readError(source(big), { limits: { sharedStrings: 2 } })).code).toBe('TOO_LARGE');
    // One XML token is bounded where a part is read piece by piece (a part held whole is already in memory):
    // text that compresses badly, so that it inflates in several pieces.
    let seed = 7;
    const noise = Array.from({ length: 300_000 }, () => String.fromCharCode(97 + ((seed = (seed * 48271) % 2147483647) % 26))).join('');
    const noisy = xlsx({ sheets: [{ name: 'S', xml: `<row r="1"><c r="A1" t="inlineStr"><is><t>${noise}</t></is></c></row>` }] });
    expect((await readError(source(noisy), { limits: { tokenBytes: 100_000, wholePartBytes: 100 } })).code).toBe('TOO_LARGE');
    expect((await readAll(source(noisy), { limits: { wholePartBytes: 100 } }))[0].rows.get(1)).toEqual([noise]);
    expect((await readAll(source(big), { limits: { tokenBytes: 1000 } }))[0].rows.get(1)).toEqual(['x'.repeat(5000)]);
    const merged = xlsx({
      sheets: [
        { name: 'S', xml: worksheet('<row r="1"><c r="A1"><v>1</v></c></row>', '<mergeCells><mergeCell ref="A1:B1"/><mergeCell ref="C1:D1"/></mergeCells>') },
      ],
    });
    expect((await readError(source(merged), { limits: { merges: 1 } })).code).toBe('TOO_LARGE');
  });

  test('a merge A2:XFD1048576 is clipped to the used range (or the columns holding data), and bounded', async () => {
    const rows =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>单位</t></is></c><c r="B1" t="inlineStr"><is><t>姓名</t></is></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>县第一中学</t></is></c></row><row r="3"><c r="B3"><v>5</v></c></row><row r="1048576"><c r="A1048576"/></row>';
    const merge = '<mergeCells><mergeCell ref="A2:XFD1048576"/></mergeCells>';
    const [sheet] = await readAll(source(xlsx({ sheets: [{ name: 'S', xml: worksheet(rows, merge) }] })));
    expect(sheet.rows.get(2)).toEqual(['县第一中学', '县第一中学']);
    // Every later cell is covered by the area: no row holds a value of its own, so none is handed on (the used range ends at row 2).
    expect(sheet.order).toEqual([1, 2]);
    // With a used range of A1:C3 the area fills three columns.
    const dimensioned = worksheet(rows, merge).replace('<sheetData>', '<dimension ref="A1:C3"/><sheetData>');
    const [wide] = await readAll(source(xlsx({ sheets: [{ name: 'S', xml: dimensioned }] })));
    expect(wide.rows.get(2)).toEqual(['县第一中学', '县第一中学', '县第一中学']);
    // A row with a value of its own at the bottom: every row between shows the area, within the bound on filled cells.
    const bottom = rows.replace('<c r="A1048576"/>', '<c r="A1048576"><v>1</v></c>');
    expect((await readError(source(xlsx({ sheets: [{ name: 'S', xml: worksheet(bottom, merge) }] })), { limits: { mergedCells: 100_000 } })).code).toBe(
      'TOO_LARGE',
    );
  });

  test('a part larger than the whole-part threshold is read piece by piece, merges included', async () => {
    const sheetXml = worksheet(
      Array.from(
        { length: 400 },
        (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>行${i + 1}</t></is></c>${i === 0 ? '' : `<c r="C${i + 1}"><v>${i}</v></c>`}</row>`,
      ).join(''),
      '<mergeCells><mergeCell ref="B2:B400"/><mergeCell ref="A1:C1"/></mergeCells>',
    ).replace('<row r="2">', '<row r="2"><c r="B2" t="inlineStr"><is><t>县第一中学</t></is></c>');
    const bytes = xlsx({ sheets: [{ name: 'S', xml: sheetXml }] });
    const whole = await readAll(source(bytes));
    for (const options of [{}, { inflateRaw: nativeInflateRaw }]) {
      const pieces = await readAll(source(bytes), { ...options, limits: { wholePartBytes: 1000 } });
      expect([...pieces[0].rows]).toEqual([...whole[0].rows]);
    }
    // No <dimension>: the title merged across the top reaches as far as the data met so far.
    expect(whole[0].rows.get(1)).toEqual(['行1']);
    expect(whole[0].rows.get(400)).toEqual(['行400', '县第一中学', 399]);
  });
});

describe('cells in every form read alike whole and piece by piece (the one-step read of <c><v>…</v></c> and its fallbacks)', () => {
  /** A cell's XML at a reference, and the value the reader must give. */
  const FORMS: ((ref: string) => [string, unknown])[] = [
    (ref) => [`<c r="${ref}"><v>123</v></c>`, 123],
    (ref) => [`<c r="${ref}"><v>1.5</v></c>`, 1.5],
    (ref) => [`<c r="${ref}" t="s"><v>1</v></c>`, '共享'],
    (ref) => [`<c r="${ref}" s="3" t="str"><v>a&amp;b</v></c>`, 'a&b'],
    (ref) => [`<c r="${ref}" t="str"><v>县第一中学</v></c>`, '县第一中学'],
    (ref) => [`<c r="${ref}" t="b"><v>1</v></c>`, true],
    (ref) => [`<c r="${ref}" t="e"><v>#N/A</v></c>`, '#N/A'],
    (ref) => [`<c r="${ref}"><f>A1+1</f><v>7</v></c>`, 7],
    (ref) => [`<c r="${ref}" t="inlineStr"><is><t>内联</t></is></c>`, '内联'],
    (ref) => [`<c r="${ref}"><v><![CDATA[42]]></v></c>`, 42],
    (ref) => [`<c r="${ref}" s="2"/>`, null],
    (ref) => [`<c r="${ref}"><v></v></c>`, null],
    (ref) => [`<x:c r="${ref}"><x:v>9</x:v></x:c>`, 9],
  ];

  test('property: any rows of any forms', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 0, max: FORMS.length - 1 }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 60 }),
        async (rows) => {
          const expected = new Map<number, unknown[]>();
          const xml = rows
            .map((forms, r) => {
              const cells = forms.map((form, c) => FORMS[form](`${String.fromCharCode(65 + c)}${r + 1}`));
              const values = cells.map(([, value]) => value);
              while (values.length && values[values.length - 1] === null) values.pop();
              if (values.length) expected.set(r + 1, values);
              return `<row r="${r + 1}">${cells.map(([cell]) => cell).join('')}</row>`;
            })
            .join('');
          const sheetXml = worksheet(xml).replace('<worksheet ', '<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ');
          const bytes = xlsx({ sheets: [{ name: 'S', xml: sheetXml }], sharedStrings: ['零', '共享'] });
          for (const options of [{}, { inflateRaw: nativeInflateRaw }, { limits: { wholePartBytes: 64 } }]) {
            const [sheet] = await readAll(source(bytes), options);
            expect(new Map(sheet.rows)).toEqual(expected);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
