/**
 * --out: the annotated copy (fills, notes, the 校验结果 sheet with links and the summary), the input
 * left byte-identical, --force (never onto an input, however spelled), the clerk's values and notes
 * copied exactly while our own formula-like text is kept inert, merged cells marked on the area's
 * top-left cell, and no output left behind on exit 2.
 */
import ExcelJS from 'exceljs';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { basename, join } from 'path';
import { temporaryName } from '../../src/cli/check';
import { ERROR_FILL, internalLink, safeText, WARNING_FILL } from '../../src/cli/annotate';
import { DOMParser } from '@xmldom/xmldom';
import { cleanupDirs, JSZip, makeId, personId, runCli, sha256, tmpDir, writeWorkbook, ZipLike } from './cliKit';

afterAll(cleanupDirs);

const GOOD = personId(1, 'M');
const BAD = `${GOOD.slice(0, 17)}${GOOD[17] === '1' ? '2' : '1'}`;
const RETIREE = makeId({ birth: '19580304', seq: '015' });

async function inputWorkbook(path: string): Promise<void> {
  await writeWorkbook(path, [
    {
      name: '2026 花名册',
      rows: [
        ['2026年度参保花名册'],
        ['姓名', '身份证号', '参保计划', '份数', '生效日期'],
        ['张伟', GOOD, '综合', 1, '2026-01-01'],
        ['李四', BAD, '综合', 1, '2026-01-01'],
        ['老周', RETIREE, '综合', 1, '2026-01-01'],
      ],
      merges: ['A1:E1'],
      setup: (sheet) => {
        // One text style for the whole ID column: the cells share a style object once read back.
        for (let r = 3; r <= 5; r += 1) sheet.getCell(`B${r}`).numFmt = '@';
        // The clerk's note, formula-like and formatted: copied as it is, our messages after it.
        sheet.getCell('B4').note = { texts: [{ font: { bold: true }, text: '=原有批注:' }, { text: '请核对' }] };
      },
    },
    { name: '校验结果', rows: [['上次的结果']] },
  ]);
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill && fill.type === 'pattern' && fill.pattern === 'solid' ? fill.fgColor?.argb : undefined;
}

function noteOf(cell: ExcelJS.Cell): string {
  const note = cell.note as ExcelJS.Comment | string | undefined;
  if (!note) return '';
  return typeof note === 'string' ? note : (note.texts ?? []).map((t) => t.text).join('');
}

/** The sheet part's hyperlinks, parsed by an independent XML parser. */
async function hyperlinks(zip: ZipLike, part: string): Promise<{ ref: string; location: string }[]> {
  const doc = new DOMParser().parseFromString(await zip.file(part)!.async('string'), 'text/xml');
  return Array.from(doc.getElementsByTagName('hyperlink')).map((link) => ({
    ref: link.getAttribute('ref') ?? '',
    location: link.getAttribute('location') ?? '',
  }));
}

async function load(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

describe('the annotated copy', () => {
  let dir: string;
  let input: string;
  let out: string;
  let before: string;
  let result: { status: number; stdout: string; stderr: string };

  beforeAll(async () => {
    dir = tmpDir();
    input = join(dir, 'in.xlsx');
    out = join(dir, 'out');
    await inputWorkbook(input);
    before = sha256(input);
    result = await runCli(['check', input, '--out', out]);
  });

  test('is written as DIR/<name>.checked.xlsx, nothing else is left in DIR, the input is byte-identical', () => {
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expect(readdirSync(out)).toEqual(['in.checked.xlsx']);
    expect(result.stdout).toContain(join(out, 'in.checked.xlsx'));
    expect(sha256(input)).toBe(before);
  });

  test('faulty cells are filled red (error) or amber (warning) and noted; other cells keep their style', async () => {
    const workbook = await load(join(out, 'in.checked.xlsx'));
    const sheet = workbook.getWorksheet('2026 花名册') as ExcelJS.Worksheet;
    expect(fillOf(sheet.getCell('B4'))).toBe(ERROR_FILL);
    expect(fillOf(sheet.getCell('B5'))).toBe(WARNING_FILL);
    expect(fillOf(sheet.getCell('B3'))).toBeUndefined();
    expect(sheet.getCell('B3').numFmt).toBe('@');
    expect(noteOf(sheet.getCell('B4'))).toMatch(/^=原有批注:请核对\n\n【错误】身份证号无效（ID_INVALID）：/);
    expect((sheet.getCell('B4').note as ExcelJS.Comment).texts?.[0]).toMatchObject({ font: { bold: true }, text: '=原有批注:' });
    expect(noteOf(sheet.getCell('B5'))).toContain('【警告】');
    expect(noteOf(sheet.getCell('B3'))).toBe('');
    // The rest of the workbook is kept: the merged title, the values.
    expect(sheet.getCell('E1').isMerged).toBe(true);
    expect(sheet.getCell('B4').value).toBe(BAD);
  });

  test('a results sheet with a unique name lists the findings with links to their cells, then the summary', async () => {
    const copy = join(out, 'in.checked.xlsx');
    const workbook = await load(copy);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['2026 花名册', '校验结果', '校验结果 (2)']);
    const results = workbook.getWorksheet('校验结果 (2)') as ExcelJS.Worksheet;
    const rows: unknown[][] = [];
    results.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const findingRows = rows.filter((row) => typeof row[0] === 'number');
    expect(findingRows).toHaveLength(2);
    const [first, second] = findingRows;
    expect(first[1]).toBe("'2026 花名册'!B4");
    expect(first.slice(2, 6)).toEqual(['错误', 'ID_INVALID', '身份证号无效', '身份证号']);
    expect(second[1]).toBe("'2026 花名册'!B5");
    expect(second[2]).toBe('警告');
    const labels = rows.map((row) => row[0]);
    expect(labels).toEqual(expect.arrayContaining(['汇总', '检查行数', '人数', '单位', '已检查的工作表']));
    expect(rows.find((row) => row[0] === '检查行数')?.[1]).toBe(3);

    // In the file, each location cell holds a hyperlink to its cell inside the workbook.
    const zip = await JSZip.loadAsync(readFileSync(copy));
    expect(await hyperlinks(zip, 'xl/worksheets/sheet3.xml')).toEqual([
      { ref: expect.stringMatching(/^B\d+$/), location: "'2026 花名册'!B4" },
      { ref: expect.stringMatching(/^B\d+$/), location: "'2026 花名册'!B5" },
    ]);
  });

  test('an existing copy is not overwritten without --force (exit 2, nothing written); --force overwrites', async () => {
    const copy = join(out, 'in.checked.xlsx');
    writeFileSync(copy, 'older copy');
    const refused = await runCli(['check', input, '--out', out, '--json']);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^mutual-aid: .*in\.checked\.xlsx 已存在.*--force\n$/);
    expect(readFileSync(copy, 'utf8')).toBe('older copy');

    const forced = await runCli(['check', input, '--out', out, '--force', '--json']);
    expect(forced.status).toBe(1);
    expect(JSON.parse(forced.stdout).findings).toHaveLength(2);
    expect((await load(copy)).getWorksheet('校验结果 (2)')).toBeDefined();
    expect(readdirSync(out)).toEqual(['in.checked.xlsx']);
    expect(sha256(input)).toBe(before);
  });
});

describe('--force never writes over an input, however the paths are spelled', () => {
  /** a.xlsx to check, and OUT/a.checked.xlsx: a roster too, and given as an input under another name. */
  async function setup(): Promise<{ dir: string; a: string; out: string; copy: string; hashes: () => string[] }> {
    const dir = tmpDir();
    const a = join(dir, 'a.xlsx');
    await inputWorkbook(a);
    const out = join(dir, 'out');
    mkdirSync(out);
    const copy = join(out, 'a.checked.xlsx');
    await inputWorkbook(copy);
    return { dir, a, out, copy, hashes: () => [sha256(a), sha256(copy)] };
  }

  async function expectRefused(args: string[], outDir: string, hashes: () => string[]): Promise<void> {
    const before = hashes();
    const listing = readdirSync(outDir);
    const result = await runCli(['check', ...args, '--force', '--json']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^mutual-aid: [^\n]*会覆盖输入文件[^\n]*\n$/);
    expect(hashes()).toEqual(before);
    expect(readdirSync(outDir)).toEqual(listing);
  }

  test("an input that is a symlink to the copy's path", async () => {
    const { dir, a, out, copy, hashes } = await setup();
    const alias = join(dir, 'alias.xlsx');
    symlinkSync(copy, alias);
    await expectRefused([a, alias, '--out', out], out, hashes);
  });

  test('--out through a symlinked directory that holds an input', async () => {
    const { dir, a, out, copy, hashes } = await setup();
    const link = join(dir, 'link');
    symlinkSync(out, link);
    await expectRefused([a, copy, '--out', link], out, hashes);
  });

  test('an input spelled with ".." and --out spelled with "./x/.."', async () => {
    const { dir, a, out, hashes } = await setup();
    const spelled = join(dir, 'out', '..', 'out', 'a.checked.xlsx');
    await expectRefused([a, spelled, '--out', join(dir, 'x', '..', 'out')], out, hashes);
  });

  test('a symlink to a directory followed by ".." is resolved as the file system does, not by its spelling', async () => {
    const { dir, a, out, copy, hashes } = await setup();
    // deep/link -> out/sub: "deep/link/.." is out, not deep.
    mkdirSync(join(out, 'sub'));
    mkdirSync(join(dir, 'deep'));
    symlinkSync(join(out, 'sub'), join(dir, 'deep', 'link'));
    // Spelled by hand: path.join would fold "link/.." away.
    const spelled = `${dir}/deep/link/../a.checked.xlsx`;
    expect(sha256(spelled)).toBe(sha256(copy));
    await expectRefused([a, spelled, '--out', out], out, hashes);
  });

  test('the same file given under two names is checked once', async () => {
    const { dir, a } = await setup();
    const alias = join(dir, 'alias.xlsx');
    symlinkSync(a, alias);
    const result = await runCli(['check', a, alias, join(dir, '.', 'a.xlsx'), '--json']);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).findings).toHaveLength(2);
    expect(result.stderr.match(/只检查一次/g)).toHaveLength(2);
  });
});

describe('merged cells in the copy', () => {
  test("a finding on cells covered by a merged area marks its top-left cell once, with every cell's messages", async () => {
    const dir = tmpDir();
    const input = join(dir, 'merged.xlsx');
    const ids = [1, 2, 3, 4, 5].map((n) => personId(30 + n));
    await writeWorkbook(input, [
      {
        name: '花名册',
        rows: [
          ['单位', '姓名', '身份证号', '参保计划', '份数'],
          ...ids.map((id, i) => (i === 0 ? ['县第一中学', `职工${i}`, id, '综合', 6] : [undefined, `职工${i}`, id])),
        ],
        merges: ['A2:A6', 'D2:D6', 'E2:E6'],
        setup: (sheet) => {
          sheet.getCell('E2').note = '份数按工会通知';
        },
      },
    ]);
    const out = join(dir, 'out');
    const result = await runCli(['check', input, '--out', out, '--json']);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).findings.map((f: { cell: string }) => f.cell)).toEqual(['E2', 'E3', 'E4', 'E5', 'E6']);

    const workbook = await load(join(out, 'merged.checked.xlsx'));
    const sheet = workbook.getWorksheet('花名册') as ExcelJS.Worksheet;
    expect(sheet.getCell('E6').isMerged).toBe(true);
    expect(fillOf(sheet.getCell('E2'))).toBe(ERROR_FILL);
    const note = noteOf(sheet.getCell('E2'));
    const lines = note.split('\n');
    expect(lines.slice(0, 2)).toEqual(['份数按工会通知', '']);
    expect(lines.slice(2)).toHaveLength(5);
    ['E2', 'E3', 'E4', 'E5', 'E6'].forEach((cell, i) =>
      expect(lines[2 + i]).toMatch(new RegExp(`^${cell}：【错误】份数超过上限（SHARES_OVER_MAX）：6 份超过上限`)),
    );
    // The covered cells get no note of their own (Excel would never show it); the file has one comment.
    for (const cell of ['E3', 'E4', 'E5', 'E6']) expect(sheet.getCell(cell).model.comment).toBeUndefined();
    const zip = await JSZip.loadAsync(readFileSync(join(out, 'merged.checked.xlsx')));
    const comments = await zip.file('xl/comments1.xml')!.async('string');
    expect(comments.match(/<comment /g)).toHaveLength(1);

    // The results sheet still lists and links each covered cell.
    const links = await hyperlinks(zip, 'xl/worksheets/sheet2.xml');
    expect(links.map((link) => /!(E\d+)$/.exec(link.location)?.[1])).toEqual(['E2', 'E3', 'E4', 'E5', 'E6']);
  });
});

describe('text that could run as a formula is escaped', () => {
  test.each([
    ['=1+2', "'=1+2"],
    ['+86 138', "'+86 138"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['张伟', '张伟'],
    ['a=b', 'a=b'],
  ])('safeText(%j) = %j', (text, expected) => {
    expect(safeText(text)).toBe(expected);
  });

  test("a CSV copy keeps the clerk's values exactly as the file has them, as text cells, never formulas; our results sheet escapes them", async () => {
    const dir = tmpDir();
    const input = join(dir, '恶意.csv');
    writeFileSync(
      input,
      [
        '单位,姓名,身份证号,参保计划,份数,电话',
        `=1+2,@SUM(A1),${GOOD},"=HYPERLINK(""http://x"")",1,+8613977400001`,
        `=1+2,王五,${personId(2)},综合,1,-5`,
        `=1+2,"\t赵六",${personId(3)},综合,1,'0771`,
      ].join('\n'),
    );
    const result = await runCli(['check', input, '--out', join(dir, 'out')]);
    expect(result.status).toBe(1);
    const copy = join(dir, 'out', '恶意.checked.xlsx');
    const workbook = await load(copy);
    const sheet = workbook.getWorksheet('恶意') as ExcelJS.Worksheet;
    expect(sheet.getCell('A2').value).toBe('=1+2');
    expect(sheet.getCell('B2').value).toBe('@SUM(A1)');
    expect(sheet.getCell('D2').value).toBe('=HYPERLINK("http://x")');
    expect(sheet.getCell('F2').value).toBe('+8613977400001');
    expect(sheet.getCell('F3').value).toBe('-5');
    expect(sheet.getCell('B4').value).toBe('\t赵六');
    expect(sheet.getCell('F4').value).toBe("'0771");
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).toBe(ExcelJS.ValueType.String)));
    expect(noteOf(sheet.getCell('D2'))).toMatch(/^【错误】参保计划无法识别/);

    // In the file: string cells holding the very text, no formula anywhere in the roster sheet.
    const zip = await JSZip.loadAsync(readFileSync(copy));
    const roster = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(roster).not.toContain('<f>');
    expect(roster).toContain('<t xml:space="preserve">+8613977400001</t>');
    expect(roster).toContain('<t xml:space="preserve">-5</t>');
    expect(roster).not.toContain("'+8613977400001");

    // The results sheet is the command's own text: a unit named "=1+2" is written inert there.
    const results = workbook.getWorksheet('校验结果') as ExcelJS.Worksheet;
    const texts: unknown[] = [];
    results.eachRow((row) => row.eachCell((cell) => texts.push(cell.value)));
    expect(texts).toContain("'=1+2");
    expect(texts).not.toContain('=1+2');
    for (const value of texts) if (typeof value === 'string') expect(value).not.toMatch(/^[=+\-@\t\r]/);
  });

  test('internal links quote the sheet name and double its apostrophes', () => {
    expect(internalLink('花名册', 'G16')).toBe("#'花名册'!G16");
    expect(internalLink("O'Brien 表", 'A1')).toBe("#'O''Brien 表'!A1");
  });
});

describe('exit 2 leaves no output behind', () => {
  test('a bad second file: no copy of the good first one, no stdout', async () => {
    const dir = tmpDir();
    const good = join(dir, 'good.xlsx');
    await inputWorkbook(good);
    const bad = join(dir, 'bad.xlsx');
    writeFileSync(bad, 'not a workbook');
    const out = join(dir, 'out');
    const result = await runCli(['check', good, bad, '--out', out]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/bad\.xlsx/);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  test('two inputs whose copies would have the same name', async () => {
    const dir = tmpDir();
    const a = join(dir, 'roster.xlsx');
    const b = join(dir, 'roster.csv');
    await inputWorkbook(a);
    writeFileSync(b, `姓名,身份证号,参保计划,份数\n张伟,${GOOD},综合,1\n`);
    const result = await runCli(['check', a, b, '--out', join(dir, 'out')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('同名');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  test('--out naming a file, not a directory', async () => {
    const dir = tmpDir();
    const input = join(dir, 'in.xlsx');
    await inputWorkbook(input);
    const notDir = join(dir, 'file');
    writeFileSync(notDir, 'x');
    const result = await runCli(['check', input, '--out', notDir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('不是目录');
    expect(readFileSync(notDir, 'utf8')).toBe('x');
  });
});

describe('a copy that cannot be written', () => {
  test('with two inputs, the second failing: no copy at all, the findings still printed, exit 2', async () => {
    const dir = tmpDir();
    const first = join(dir, 'first.xlsx');
    const second = join(dir, 'second.xlsx');
    await inputWorkbook(first);
    await inputWorkbook(second);
    const out = join(dir, 'out');
    mkdirSync(out);
    // A directory where the second copy's temporary file would go: writing it fails.
    mkdirSync(temporaryName(join(out, 'second.checked.xlsx'), 1));
    const result = await runCli(['check', first, second, '--out', out, '--json']);
    expect(result.status).toBe(2);
    const withoutCopies = await runCli(['check', first, second, '--json']);
    expect(JSON.parse(result.stdout).findings).toEqual(JSON.parse(withoutCopies.stdout).findings);
    expect(JSON.parse(result.stdout).findings.length).toBeGreaterThan(0);
    expect(result.stderr).toMatch(/^mutual-aid: 无法写出批注副本：.*未写出任何批注副本）\n$/);
    expect(readdirSync(out).filter((name) => !name.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(out)).toHaveLength(1);
  });

  test('temporary names stay within 255 bytes however long the input name is', async () => {
    const dir = tmpDir();
    // 80 × 3 bytes: the copy's name (253 bytes) fits, ".<copy>.<pid>.<n>.tmp" would not without cutting.
    const input = join(dir, `${'名'.repeat(80)}.xlsx`);
    await inputWorkbook(input);
    const copy = join(dir, 'out', `${'名'.repeat(80)}.checked.xlsx`);
    const temp = temporaryName(copy, 12);
    expect(Buffer.byteLength(basename(temp))).toBeLessThanOrEqual(255);
    expect(Buffer.byteLength(basename(temp))).toBeGreaterThan(240);
    expect(basename(temp)).toMatch(/^\.名+[^/]*\.\d+\.12\.tmp$/);
    const result = await runCli(['check', input, '--out', join(dir, 'out')]);
    expect(result.status).toBe(1);
    expect(readdirSync(join(dir, 'out'))).toEqual([basename(copy)]);
  });

  test("a copy's name over the limit is refused before anything is read (exit 2)", async () => {
    const dir = tmpDir();
    const input = join(dir, `${'名'.repeat(82)}.xlsx`);
    await inputWorkbook(input);
    const result = await runCli(['check', input, '--out', join(dir, 'out')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('超过 255 字节');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
