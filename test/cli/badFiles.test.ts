/**
 * Files that cannot be read as a roster: exit status 2, one Chinese line on stderr naming the file,
 * nothing on stdout (no JSON). Also usage errors and the help texts.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { cleanupDirs, JSZip, personId, runCli, tmpDir, writeWorkbook } from './cliKit';

afterAll(cleanupDirs);

async function validWorkbook(path: string): Promise<void> {
  const rows = [['姓名', '身份证号', '参保计划', '份数']];
  for (let i = 0; i < 300; i += 1) rows.push([`职工${i}`, personId(i + 1), '综合', '1']);
  await writeWorkbook(path, [{ name: '花名册', rows }]);
}

function expectUnreadable(result: { status: number; stdout: string; stderr: string }, file: string, reason: RegExp): void {
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^mutual-aid: [^\n]+\n$/);
  expect(result.stderr).toContain(file);
  expect(result.stderr).toMatch(reason);
}

describe('unreadable files → exit 2', () => {
  let dir: string;
  beforeAll(() => {
    dir = tmpDir();
  });

  test('a missing file', async () => {
    const file = join(dir, '不存在.xlsx');
    expectUnreadable(await runCli(['check', file, '--json']), file, /找不到文件/);
  });

  test('an empty file', async () => {
    const file = join(dir, 'empty.xlsx');
    writeFileSync(file, '');
    expectUnreadable(await runCli(['check', file, '--json']), file, /空文件/);
  });

  test('a text file renamed .xlsx', async () => {
    const file = join(dir, 'renamed.xlsx');
    writeFileSync(file, '姓名,身份证号\n张伟,1\n');
    expectUnreadable(await runCli(['check', file, '--json']), file, /不是有效的 \.xlsx 工作簿/);
  });

  test('a truncated zip (a download cut short)', async () => {
    const whole = join(dir, 'whole.xlsx');
    await validWorkbook(whole);
    const file = join(dir, 'truncated.xlsx');
    const bytes = readFileSync(whole);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expectUnreadable(await runCli(['check', file, '--json']), file, /不完整或已损坏/);
  });

  test('a zip whose compressed sheet data is damaged', async () => {
    const whole = join(dir, 'whole2.xlsx');
    await validWorkbook(whole);
    const bytes = Buffer.from(readFileSync(whole));
    // Damage the middle of the largest entry's deflate stream, keeping the zip directory intact.
    for (let i = Math.floor(bytes.length * 0.3); i < Math.floor(bytes.length * 0.3) + 64; i += 1) bytes[i] ^= 0x5a;
    const file = join(dir, 'damaged.xlsx');
    writeFileSync(file, bytes);
    const result = await runCli(['check', file, '--json']);
    expectUnreadable(result, file, /损坏|无法/);
  });

  test.each([['encrypted.xlsx'], ['old.xls']])('an OLE compound file (%s): an encrypted workbook or an old .xls', async (name) => {
    const file = join(dir, name);
    writeFileSync(file, Buffer.concat([Buffer.from('D0CF11E0A1B11AE1', 'hex'), Buffer.alloc(4096, 0)]));
    expectUnreadable(await runCli(['check', file, '--json']), file, /加密.*旧版 \.xls/);
  });

  test('a zip that is not a workbook', async () => {
    const file = join(dir, 'archive.xlsx');
    const zip = new JSZip();
    zip.file('readme.txt', '这是一个压缩包');
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expectUnreadable(await runCli(['check', file, '--json']), file, /不是 Excel 工作簿/);
  });

  test('a workbook whose XML is broken', async () => {
    const base = join(dir, 'base.xlsx');
    await validWorkbook(base);
    const zip = await JSZip.loadAsync(readFileSync(base));
    zip.file('xl/workbook.xml', '<workbook><sheets><sheet name="花名册" r:id=');
    const file = join(dir, 'broken-xml.xlsx');
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expectUnreadable(await runCli(['check', file, '--json']), file, /已损坏/);
  });

  test('a workbook with a sheet but no roster header', async () => {
    const file = join(dir, 'no-header.xlsx');
    await writeWorkbook(file, [
      {
        name: 'Sheet1',
        rows: [
          ['月份', '收入'],
          ['1月', 100],
        ],
      },
    ]);
    expectUnreadable(await runCli(['check', file, '--json']), file, /找不到花名册.*Sheet1/);
  });

  test('a workbook whose only sheet is empty', async () => {
    const file = join(dir, 'blank.xlsx');
    await writeWorkbook(file, [{ name: 'Sheet1', rows: [] }]);
    expectUnreadable(await runCli(['check', file]), file, /没有内容/);
  });

  test('a CSV of blank lines', async () => {
    const file = join(dir, 'blank.csv');
    writeFileSync(file, '\r\n,,,\r\n\r\n');
    expectUnreadable(await runCli(['check', file]), file, /没有内容/);
  });

  test('a file type the command does not read', async () => {
    const file = join(dir, 'roster.txt');
    writeFileSync(file, '姓名\t身份证号\n');
    expectUnreadable(await runCli(['check', file]), file, /格式不受支持/);
  });

  test('one bad file among good ones stops the run: no partial report', async () => {
    const good = join(dir, 'good.xlsx');
    await validWorkbook(good);
    const bad = join(dir, 'missing.xlsx');
    expectUnreadable(await runCli(['check', good, bad]), bad, /找不到文件/);
  });
});

describe('usage', () => {
  test('--help and check --help are Chinese with the English flags', async () => {
    const top = await runCli(['--help']);
    expect(top.status).toBe(0);
    expect(top.stdout).toMatch(/用法：\s*mutual-aid \[选项\] \[命令\]/);
    expect(top.stdout).toMatch(/check \[选项\] <FILE\.\.\.>\s+检查参保花名册/);
    const check = await runCli(['check', '--help']);
    expect(check.status).toBe(0);
    for (const text of ['--json', '--out <DIR>', '--force', '退出码', '0  没有错误', '1  发现错误', '2  文件无法读取']) expect(check.stdout).toContain(text);
    expect((await runCli(['help', 'check'])).stdout).toContain('--out <DIR>');
  });

  test('--version', async () => {
    const result = await runCli(['--version']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test.each([
    [['check'], /缺少参数 FILE/],
    [['check', 'a.xlsx', '--bogus'], /未知选项 --bogus/],
    [['check', 'a.xlsx', '--out'], /选项 --out <DIR> 需要一个值/],
    [['frobnicate'], /未知命令 frobnicate/],
  ])('%j → exit 2 with a Chinese reason', async (args, reason) => {
    const result = await runCli(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(reason);
  });

  test('no arguments: the help on stderr, exit 2', async () => {
    const result = await runCli([]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('用法');
  });
});
