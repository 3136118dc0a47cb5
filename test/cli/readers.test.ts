/**
 * The readers: the streaming .xlsx reader gives the values exceljs's full reader gives (converted to
 * plain values), in the workbook's order, with cells covered by a merged area reading as the area's
 * value, hidden sheets passed over and Chinese text intact across chunk boundaries; the CSV reader parses RFC 4180 in any chunking and detects encodings.
 */
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { CsvParser, detectCsvEncoding, detectDelimiter, readCsv } from '../../src/cli/csvReader';
import { isDateFormat, XlsxWorkbook } from '../../src/cli/xlsxReader';
import { cleanupDirs, gbkEncode, JSZip, tmpDir, writeWorkbook } from './cliKit';

afterAll(cleanupDirs);

interface ReadSheet {
  name: string;
  state: string;
  rows: Map<number, unknown[]>;
  /** Row numbers in the order they were handed on. */
  order: number[];
}

async function streamRead(path: string, skipped: string[] = []): Promise<ReadSheet[]> {
  const workbook = await XlsxWorkbook.open(path, path);
  const sheets: ReadSheet[] = [];
  await workbook.read({
    beginSheet(info) {
      const sheet: ReadSheet = { name: info.name, state: info.state, rows: new Map(), order: [] };
      sheets.push(sheet);
      return {
        addRow: (values, rowNumber) => {
          sheet.rows.set(rowNumber, values);
          sheet.order.push(rowNumber);
        },
        end: () => undefined,
      };
    },
    skipSheet: (info) => skipped.push(`${info.name}:${info.state}`),
  });
  return sheets;
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
    if (v instanceof Date || typeof v !== 'object') return v;
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

describe('streaming .xlsx reader', () => {
  test('cell values as exceljs reads them, made plain', async () => {
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
    const streamed = await streamRead(path);
    const oracle = await fullRead(path);
    expect(streamed.map((s) => s.name)).toEqual(oracle.map((s) => s.name));
    expect(trimmed(streamed[0].rows)).toEqual(trimmed(oracle[0].rows));

    const row3 = streamed[0].rows.get(3) as unknown[];
    expect(row3.slice(0, 3)).toEqual(['张伟', '450421198001011234', '男']);
    expect(row3[3]).toEqual(new Date(Date.UTC(2026, 0, 1)));
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
        rows: [['单位', '姓名'], ['县第一中学', '甲'], [undefined, '乙'], [undefined, '丙']],
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
        rows: [
          ['标题'],
          ['a', 'b', 'c', 'd', 'e'],
          ['x2', '综合', undefined, undefined, 7],
          ['x3'],
          ['x4'],
          ['x5'],
          ['x6'],
        ],
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
    for (const row of [1, 3, 4]) expect(trimmed(new Map([[row, sheet.rows.get(row) as unknown[]]]))).toEqual(trimmed(new Map([[row, oracle[0].rows.get(row) as unknown[]]])));
  });

  test('rows below the last value that only a merged area reaches are not handed on (the used range ends at the last value)', async () => {
    const dir = tmpDir();
    const path = join(dir, 'tail.xlsx');
    await writeWorkbook(path, [
      {
        name: 'S',
        rows: [['单位', '姓名'], ['县第一中学', '甲'], [undefined, '乙']],
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
    const names = Array.from({ length: 6000 }, (_, i) => `${'黄李韦覃莫梁陆蒙'[i % 8]}${'志秀丽建小文海秋'[(i * 3) % 8]}${'强英娟华燕斌涛菊'[(i * 5) % 8]}${i}号职工`);
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
    await writeWorkbook(path, [{ name: 'S', rows: [['a', 'b', 'c'], [1, 2, 3]] }]);
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
    const [sheet] = await streamRead(path);
    expect(sheet.rows.get(2)).toEqual(['张伟 ', new Date(Date.UTC(2026, 0, 1)), 'a']);
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
    expect((await XlsxWorkbook.open(path, path)).totalBytes).toBe((await size('xl/worksheets/sheet1.xml')) + (await size('xl/worksheets/sheet4.xml')));
  });

  test.each([
    ['yyyy-mm-dd', true],
    ['yyyy"年"m"月"d"日"', true],
    ['[$-804]yyyy/m/d', true],
    ['h:mm:ss', true],
    ['General', false],
    ['0', false],
    ['0.00_);[Red](0.00)', false],
    ['#,##0 "份"', false],
    ['"day"0', false],
    ['@', false],
  ])('isDateFormat(%s) = %s', (code, expected) => {
    expect(isDateFormat(code)).toBe(expected);
  });
});

describe('CSV', () => {
  function parseAll(text: string, chunkSize: number, delimiter = ','): [number, string[]][] {
    const rows: [number, string[]][] = [];
    const parser = new CsvParser(delimiter, (values, n) => rows.push([n, values]));
    for (let i = 0; i < text.length; i += chunkSize) parser.write(text.slice(i, i + chunkSize));
    parser.end();
    return rows;
  }

  const sample = 'a,"b,1","c ""q"""\r\n"多\r\n行",,x\rlast,"",\n\n"末"';
  const expected: [number, string[]][] = [
    [1, ['a', 'b,1', 'c "q"']],
    [2, ['多\r\n行', '', 'x']],
    [3, ['last', '', '']],
    [4, ['']],
    [5, ['末']],
  ];

  test.each([1, 2, 3, 5, 7, 1000])('RFC 4180 records, in chunks of %i characters', (size) => {
    expect(parseAll(sample, size)).toEqual(expected);
  });

  test('delimiter: comma by default, tab or semicolon when the first lines say so', () => {
    expect(detectDelimiter('姓名,身份证号\n张伟,1')).toBe(',');
    expect(detectDelimiter('姓名\t身份证号\t份数\n张伟\t1\t2')).toBe('\t');
    expect(detectDelimiter('姓名;身份证号;份数')).toBe(';');
    expect(detectDelimiter('只有一列')).toBe(',');
  });

  test('encodings: UTF-8 with and without BOM, GBK, UTF-16LE with BOM', async () => {
    const dir = tmpDir();
    const text = '姓名,身份证号\n张伟,450421198001011234\n';
    const cases: [string, Buffer, string][] = [
      ['utf8.csv', Buffer.from(text, 'utf8'), 'utf-8'],
      ['bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf-8'],
      ['gbk.csv', gbkEncode(text), 'gb18030'],
      ['utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'utf-16le'],
    ];
    for (const [name, bytes, encoding] of cases) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      expect(await detectCsvEncoding(path, name)).toBe(encoding);
      const rows: (string | null)[][] = [];
      await readCsv(path, encoding as 'utf-8', (values) => rows.push(values));
      expect(rows).toEqual([
        ['姓名', '身份证号'],
        ['张伟', '450421198001011234'],
      ]);
    }
  });
});
