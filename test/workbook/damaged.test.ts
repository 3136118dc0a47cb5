/**
 * Damaged and mutated workbooks: the reader either reads a file for certain or refuses it with a
 * WorkbookError; the annotated copy is either written with every value the reader saw in the input,
 * or refused with an AnnotateError in Chinese. Never a silently dropped row, never a TypeError.
 *
 * The cases below were found by mutating the fixture workbooks (a byte changed, a piece cut out or
 * repeated, an XML token put in); the property at the end keeps doing that.
 */
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'fs';
import { unzipSync } from 'fflate';
import { join } from 'path';
import { checkRosterSources, openWorkbook, ReadOptions, WorkbookError, WorkbookSource } from '../../src/workbook';
import { AnnotateError, annotateWorkbook } from '../../src/workbook/annotate';
import { NATIVE_ZIP, nativeCrc32, nativeInflateRaw } from '../../src/cli/nativeInflate';
import { ZLIB } from '../../src/cli/annotate';
import { Crc32, crc32 } from '../../src/workbook/crc32';
import { deflateWhole } from '../../src/workbook/zip';
import { crc32 as zlibCrc32 } from 'zlib';
import { readAll, readError, packageParts, worksheet, xlsx, zipParts } from './readerKit';

const HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>份数</t></is></c></row>';

function person(row: number, name: string, shares: number): string {
  return `<row r="${row}"><c r="A${row}" t="inlineStr"><is><t>${name}</t></is></c><c r="B${row}"><v>${shares}</v></c></row>`;
}

describe('the reader refuses what it cannot read for certain', () => {
  test('a row begun before the last one ended (its cells used to be dropped without a word)', async () => {
    const unclosed = person(3, '李四', 2).replace('</row>', '');
    const error = await readError({
      name: '花名册.xlsx',
      bytes: xlsx({ sheets: [{ name: '花名册', xml: HEADER + person(2, '张三', 1) + unclosed + person(4, '王五', 3) }] }),
    });
    expect(error.code).toBe('CORRUPT');
    expect(error.message).toBe('花名册.xlsx 的工作表"花名册"第 3 行没有结束标记（</row>）：文件已损坏，请在 Excel 中打开（Excel 会提示修复）并另存后再检查');
  });

  test('a cell begun inside another, and a row ended with a cell still open', async () => {
    const nested = '<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is><c r="B2"><v>1</v></c></c></row>';
    const open = '<row r="2"><c r="A2"><v>1</v></row>';
    for (const xml of [nested, open]) {
      const error = await readError({ name: 'a.xlsx', bytes: xlsx({ sheets: [{ name: 'S', xml: HEADER + xml }] }) });
      expect(error).toEqual({ code: 'CORRUPT', message: expect.stringContaining('第 2 行有单元格没有结束标记（</c>）') });
    }
  });

  test('a cell between rows, and a "<" inside a tag name (the cells after it used to be left out)', async () => {
    const between = `${HEADER}<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c></row><c r="B2"><v>1</v></c>`;
    expect(await readError({ name: 'a.xlsx', bytes: xlsx({ sheets: [{ name: 'S', xml: between }] }) })).toEqual({
      code: 'CORRUPT',
      message: expect.stringContaining('"S"第 2 行之后有不在任何行中的单元格'),
    });
    const inName = `${HEADER}<row r="2"><c r="A2" t="inlineStr"><is><t<c r="B1"><v>1</v></c></row>张三</t></is></c><c r="B2"><v>1</v></c></row>`;
    const inEndTag = `${HEADER}<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t</is></c><c r="B2"><v>1</v></c></row>`;
    for (const xml of [inName, inEndTag]) {
      expect(await readError({ name: 'a.xlsx', bytes: xlsx({ sheets: [{ name: 'S', xml }] }) })).toEqual({
        code: 'CORRUPT',
        message: expect.stringContaining('标记中有"<"'),
      });
    }
  });

  test('two sheets of one name (ignoring case), or two sheets on one part: damaged, not a roster read twice', async () => {
    const twoNames = xlsx({
      sheets: [
        { name: '花名册', xml: ROSTER },
        { name: 'abc', xml: ROSTER },
        { name: 'ABC', xml: ROSTER },
      ],
    });
    expect(await readError({ name: 'a.xlsx', bytes: twoNames })).toEqual({
      code: 'CORRUPT',
      message: 'a.xlsx 已损坏：有两个工作表都叫"abc"（工作表名不能重复），请在 Excel 中打开（Excel 会提示修复）并另存后再检查',
    });
    const parts = packageParts({
      sheets: [
        { name: '花名册', xml: ROSTER },
        { name: '名单', xml: ROSTER },
      ],
    });
    parts['xl/_rels/workbook.xml.rels'] = (parts['xl/_rels/workbook.xml.rels'] as string).replace('sheet2.xml', 'sheet1.xml');
    expect(await readError({ name: 'a.xlsx', bytes: zipParts(parts) })).toEqual({
      code: 'CORRUPT',
      message: 'a.xlsx 已损坏：工作表"花名册"和"名单"指向同一份内容（xl/worksheets/sheet1.xml），请在 Excel 中打开（Excel 会提示修复）并另存后再检查',
    });
  });

  test('a sheet that ends inside its rows (a stored part cut short at a tag)', async () => {
    const cut = worksheet(HEADER + person(2, '张三', 1)).replace(/<\/sheetData>.*$/s, '');
    const error = await readError({ name: 'a.xlsx', bytes: zipParts(packageParts({ sheets: [{ name: 'S', xml: cut }] }), 0) });
    expect(error.code).toBe('CORRUPT');
    expect(error.message).toContain('XML 不完整（工作表数据没有结束）');
  });

  test('"<" inside an attribute value is not XML; ">" is, and reads', async () => {
    const lt = '<row r="2"><c r="A2" t="inlineStr" x="a<b"><is><t>张三</t></is></c></row>';
    expect(await readError({ name: 'a.xlsx', bytes: xlsx({ sheets: [{ name: 'S', xml: HEADER + lt }] }) })).toEqual({
      code: 'CORRUPT',
      message: expect.stringContaining('标记中有"<"'),
    });
    const gt = '<row r="2"><c r="A2" t="inlineStr" x="a>b"><is><t>张三</t></is></c><c r="B2" x=">"><v>2</v></c></row>';
    const [sheet] = await readAll({ name: 'a.xlsx', bytes: xlsx({ sheets: [{ name: 'S', xml: HEADER + gt }] }) });
    expect(sheet.rows.get(2)).toEqual(['张三', 2]);
  });
});

describe('each part read is checked against the CRC-32 the zip directory records', () => {
  const READERS: [string, ReadOptions][] = [
    ['JavaScript inflate and CRC', {}],
    ['zlib inflate and CRC', NATIVE_ZIP],
    ['zlib inflate, JavaScript CRC', { inflateRaw: nativeInflateRaw }],
    ['piece by piece', { limits: { wholePartBytes: 64 } }],
    ['piece by piece, zlib CRC', { ...NATIVE_ZIP, limits: { wholePartBytes: 64 } }],
  ];

  test.each(READERS)('a stored sheet with one digit changed in transfer reads as damaged, not as another value (%s)', async (_, options) => {
    const bytes = zipParts(packageParts({ sheets: [{ name: '花名册', xml: roster() }] }), 0);
    const at = Buffer.from(bytes).indexOf('r="D2"><v>1</v>');
    expect(at).toBeGreaterThan(0);
    const changed = new Uint8Array(bytes);
    changed[at + 'r="D2"><v>'.length] = '7'.charCodeAt(0);
    expect(await readError({ name: '花名册.xlsx', bytes: changed }, options)).toEqual({
      code: 'CORRUPT',
      message:
        '花名册.xlsx 已损坏：xl/worksheets/sheet1.xml 的内容与文件记录的校验值（CRC-32）不符，可能在传送或保存中损坏；请向报送单位要一份新的文件，或在 Excel 中打开并另存后再检查',
    });
    // The same package untouched reads.
    expect((await readAll({ name: '花名册.xlsx', bytes }, options))[0].rows.get(2)).toEqual(['张三', '450421198001010037', '综合', 1]);
  });

  test.each(READERS)('a deflated part whose recorded CRC-32 differs (%s)', async (_, options) => {
    const bytes = new Uint8Array(xlsx({ sheets: [{ name: '花名册', xml: roster() }] }));
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    // The central directory record of the sheet: its CRC-32 sits 16 bytes in, its name 46 bytes in.
    let central = view.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    while (!view.subarray(central + 46, central + 46 + name.length).equals(name)) central = view.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), central + 4);
    view.writeUInt32LE((view.readUInt32LE(central + 16) ^ 1) >>> 0, central + 16);
    expect((await readError({ name: '花名册.xlsx', bytes }, options)).message).toContain('xl/worksheets/sheet1.xml 的内容与文件记录的校验值（CRC-32）不符');
  });

  test.each([
    ['JavaScript', undefined],
    ['zlib', ZLIB],
  ])('a part the copy writes records the CRC-32 of its content, past the text flush size too (%s)', (_, codec) => {
    // 300,000 characters are fed in one flush and the close feeds an empty rest: zlib's CRC-32 once turned that into 0.
    for (const text of ['<a/>', 'a'.repeat(300_000), `${'é'.repeat(200_000)}<b/>`]) {
      expect(deflateWhole('x.xml', text, codec).crc).toBe(zlibCrc32(Buffer.from(text)));
    }
  });

  test("property: the JavaScript CRC-32 (the page's and the pane's) and the command's are zlib's, whole and continued over any pieces, empty ones too", () => {
    expect(nativeCrc32).toBeDefined();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat({ max: 300 }), { maxLength: 6 }), (bytes, cuts) => {
        const at = [0, ...cuts.map((cut) => Math.min(cut, bytes.length)).sort((a, b) => a - b), bytes.length];
        for (const crc of [crc32, nativeCrc32 as Crc32]) {
          let continued = 0;
          for (let i = 1; i < at.length; i += 1) {
            continued = crc(bytes.subarray(at[i - 1], at[i]), continued);
            // What TextEncoder gives for "" (the writer's last piece of text): zlib.crc32 answered 0 for it.
            continued = crc(new TextEncoder().encode(''), continued);
          }
          expect(continued).toBe(zlibCrc32(bytes));
        }
      }),
    );
  });
});

/** Trailing blanks dropped: a CSV line ending in a comma has an empty last field, a sheet row just ends. */
function trimmed(values: readonly unknown[] | undefined): unknown[] {
  const out = [...(values ?? [])];
  while (out.length > 0 && (out[out.length - 1] === null || out[out.length - 1] === '')) out.pop();
  return out;
}

/** Values of every sheet as the reader gives them, row by row (blank rows left out: a CSV's blank line is a row of nothing, a sheet has no row there). */
async function valuesOf(source: WorkbookSource): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const sheet of await readAll(source, NATIVE_ZIP)) {
    const rows = sheet.order.map((row) => [row, trimmed(sheet.rows.get(row))] as const).filter(([, values]) => values.length > 0);
    out[sheet.info.name] = rows.map(([row, values]) => `${row} ${JSON.stringify(values)}`);
  }
  return out;
}

async function copyOf(bytes: Uint8Array): Promise<Uint8Array> {
  const source = { name: '花名册.xlsx', bytes };
  return annotateWorkbook(source, await checkRosterSources([source]));
}

async function copyError(bytes: Uint8Array): Promise<string> {
  try {
    await copyOf(bytes);
  } catch (error) {
    if (error instanceof AnnotateError) return error.message;
    throw error;
  }
  throw new Error('expected the copy to be refused');
}

function text(ref: string, value: string, extra = ''): string {
  return `<c r="${ref}" t="inlineStr"${extra}><is><t>${value}</t></is></c>`;
}

/** A roster the check reads: 份数 99 on D3 is a finding, so row 3 is marked in the copy. */
function roster(row3Extra = ''): string {
  const header = `<row r="1">${['姓名', '身份证号', '参保计划', '份数'].map((name, i) => text(`${'ABCD'[i]}1`, name)).join('')}</row>`;
  const row = (r: number, name: string, id: string, shares: number, extra = '') =>
    `<row r="${r}">${text(`A${r}`, name, extra)}${text(`B${r}`, id)}${text(`C${r}`, '综合')}<c r="D${r}"${extra}><v>${shares}</v></c></row>`;
  return header + row(2, '张三', '450421198001010037', 1) + row(3, '李四', '450421198001010045', 99, row3Extra);
}

const ROSTER = roster();

describe('the annotated copy of a damaged file: written with the same values, or refused in Chinese', () => {
  test('a damaged part the copy must change is named, with what to do', async () => {
    const styles = '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts>';
    expect(
      await copyError(xlsx({ sheets: [{ name: '花名册', xml: ROSTER }], parts: { 'xl/styles.xml': styles, 'xl/_rels/workbook.xml.rels': stylesRels() } })),
    ).toBe('花名册.xlsx 中的 xl/styles.xml 已损坏（缺少 </styleSheet>）：请在 Excel 中打开并另存后再生成批注副本');
    const types =
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>';
    expect(await copyError(xlsx({ sheets: [{ name: '花名册', xml: ROSTER }], parts: { '[Content_Types].xml': types } }))).toBe(
      '花名册.xlsx 中的 [Content_Types].xml 已损坏（缺少 </Types>）：请在 Excel 中打开并另存后再生成批注副本',
    );
  });

  test('relationships after a closed root: the check reads the sheet, the copy is refused rather than written without it', async () => {
    const parts = packageParts({ sheets: [{ name: '花名册', xml: ROSTER }] });
    parts['xl/_rels/workbook.xml.rels'] = (parts['xl/_rels/workbook.xml.rels'] as string).replace(/(<Relationships [^>]*)>/, '$1/><Relationship Type="x">');
    expect(await copyError(zipParts(parts))).toBe(
      '花名册.xlsx 的工作簿结构（workbook.xml 或它的关系部件）已损坏，无法照原样写出批注副本：请在 Excel 中打开并另存后再生成批注副本',
    );
  });

  test('a character reference past U+10FFFF in a relationships part is kept as written, not a RangeError', async () => {
    const parts = packageParts({ sheets: [{ name: '花名册', xml: ROSTER }] });
    parts['xl/worksheets/_rels/sheet1.xml.rels'] =
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://example.com/x&#x110000;" Target="x.bin"/></Relationships>';
    const bytes = zipParts(parts);
    const copy = await copyOf(bytes);
    expect((await valuesOf({ name: 'c.xlsx', bytes: copy }))['花名册']).toEqual((await valuesOf({ name: 'c.xlsx', bytes }))['花名册']);
  });

  test('a CDATA section among the rows that looks like rows: the copy is refused rather than marking inside it', async () => {
    // Row 3 is marked (份数 99); the CDATA in row 2 holds text that reads like the end of row 2 and a row 3.
    const fake = ']]></t></is></c></row><row r="3"><c r="D3"><v>99</v></c></row><![CDATA[';
    const xml = roster().replace('<t>张三</t>', `<t><![CDATA[张三${fake.replace(/]]>|<!\[CDATA\[/g, '')}]]></t>`);
    const bytes = xlsx({ sheets: [{ name: '花名册', xml }] });
    expect((await valuesOf({ name: 'a.xlsx', bytes }))['花名册'][1]).toContain('</row><row r=\\"3\\">');
    expect(await copyError(bytes)).toBe(
      '花名册.xlsx 中的 xl/worksheets/sheet1.xml 的行中有 XML 注释、CDATA 段或处理指令，无法照原样标记：请在 Excel 中打开并另存后再生成批注副本',
    );
  });

  test('a ">" inside a marked cell\'s attribute value: the mark goes on the cell, the values stay', async () => {
    const bytes = xlsx({ sheets: [{ name: '花名册', xml: roster(' x="c>d"') }] });
    const copy = await copyOf(bytes);
    expect((await valuesOf({ name: 'c.xlsx', bytes: copy }))['花名册']).toEqual((await valuesOf({ name: 'c.xlsx', bytes }))['花名册']);
    const sheet = new TextDecoder().decode(unzipSync(copy)['xl/worksheets/sheet1.xml']);
    expect(sheet).toMatch(/<c r="D3" x="c>d" s="\d+"><v>99<\/v><\/c>/);
  });
});

function stylesRels(): string {
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
}

// ---- The property: fixture workbooks mutated part by part ----

const FIXTURES = join(__dirname, '..', 'fixtures', 'workbooks');
const BASES = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.xlsx'))
  .map((name) => unzipSync(new Uint8Array(readFileSync(join(FIXTURES, name)))));

/** XML a hostile or broken producer might leave in a part. */
const TOKENS = [
  '<',
  '>',
  '"',
  "'",
  '&',
  '&#0;',
  '&#x110000;',
  '&bogus;',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  'x:',
  '<row r="0">',
  '<row>',
  '</row>',
  '<c>',
  '</c>',
  '<c r="XFE1">',
  '<c r="B2" t="s"><v>99999</v></c>',
  '<v>',
  '</v>',
  '<f>1+1</f>',
  't="s"',
  't="d"',
  't="b"',
  ' s="99999"',
  '<mergeCell ref="A1:XFD1048576"/>',
  '<v>1e308</v>',
  '<v>-5</v>',
  '\u0000',
  '\u202e',
  '身份证',
  '</si>',
  'Target="../../x.xml"',
  '<dimension ref="A1:XFD1048576"/>',
  'state="hidden"',
  'date1904="1"',
];

type Mutation = { kind: 'cut' | 'repeat' | 'insert' | 'byte' | 'end'; at: number; size: number; token: number };

function mutate(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let out = Buffer.from(bytes);
  for (const { kind, at: where, size, token } of mutations) {
    const at = Math.floor(where * out.length);
    if (kind === 'cut') out = Buffer.concat([out.subarray(0, at), out.subarray(Math.min(out.length, at + size))]);
    else if (kind === 'repeat') out = Buffer.concat([out.subarray(0, at + size), out.subarray(at)]);
    else if (kind === 'insert') out = Buffer.concat([out.subarray(0, at), Buffer.from(TOKENS[token % TOKENS.length]), out.subarray(at)]);
    else if (kind === 'byte' && out.length > 0) out[Math.min(at, out.length - 1)] = token % 256;
    else if (kind === 'end') out = out.subarray(0, at);
  }
  return new Uint8Array(out);
}

const mutationArb = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('cut', 'repeat', 'insert', 'insert', 'byte', 'end'),
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  size: fc.integer({ min: 1, max: 120 }),
  token: fc.nat(),
});

test('property: a mutated workbook is read or refused; its copy keeps every value or is refused (never another error)', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.nat({ max: BASES.length - 1 }),
      fc.nat(),
      fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
      fc.boolean(),
      async (baseIndex, partPick, mutations, native) => {
        const parts: Record<string, Uint8Array> = { ...BASES[baseIndex] };
        // Sheets and shared strings four times as often as the small bookkeeping parts.
        const names = Object.keys(parts).flatMap((name) => (/worksheets\/sheet|sharedStrings/.test(name) ? [name, name, name, name] : [name]));
        const part = names[partPick % names.length];
        parts[part] = mutate(parts[part], mutations);
        const source = { name: '花名册.xlsx', bytes: zipParts(parts) };
        let report;
        try {
          report = await checkRosterSources([source], native ? NATIVE_ZIP : {});
        } catch (error) {
          if (error instanceof WorkbookError) return;
          throw error;
        }
        let copy: Uint8Array;
        try {
          copy = annotateWorkbook(source, report);
        } catch (error) {
          if (error instanceof AnnotateError && /[\u4e00-\u9fff]/.test(error.message)) return;
          throw error;
        }
        const before = await valuesOf(source);
        const after = await valuesOf({ name: source.name, bytes: copy });
        for (const sheet of Object.keys(before)) expect(after[sheet]).toEqual(before[sheet]);
      },
    ),
    // MUTATION_RUNS=5000 npx jest test/workbook/damaged.test.ts runs a longer search.
    { numRuns: Number(process.env.MUTATION_RUNS ?? 250) },
  );
});

const CSV_ROSTER = [
  '单位,姓名,身份证号,参保计划,份数',
  '县一中,张三,450421198001010037,综合,1',
  '县一中,"李,四",450421198001010045,综合,99',
  '"县二中","王""五",45042119800101007X,综合,2',
].join('\r\n');

test('property: a mutated CSV roster is read or refused; its copy (a workbook of text cells) holds exactly its values', async () => {
  const base = new TextEncoder().encode(CSV_ROSTER);
  await fc.assert(
    fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), async (mutations) => {
      const source = { name: '花名册.csv', bytes: mutate(base, mutations) };
      let report;
      try {
        report = await checkRosterSources([source]);
      } catch (error) {
        if (error instanceof WorkbookError) return;
        throw error;
      }
      const copy = annotateWorkbook(source, report, { csv: openWorkbook(source).csv });
      const before = await valuesOf(source);
      const after = await valuesOf({ name: '花名册.xlsx', bytes: copy });
      for (const sheet of Object.keys(before)) expect(after[sheet]).toEqual(before[sheet]);
    }),
    { numRuns: Number(process.env.MUTATION_RUNS ?? 250) },
  );
});
