/**
 * Renewal from the command line, end to end (in-process): `check THIS --previous LAST` (the new rule,
 * summary.renewal in --json, the lapsed list, exit codes) and `renew ROSTER --out DIR` (the new
 * workbook read back, its layout, no overwrite without --force, inputs untouched).
 */
import ExcelJS from 'exceljs';
import { existsSync, linkSync, readdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { cleanupDirs, makeId, personId, runCli, sha256, tmpDir, writeWorkbook } from './cliKit';

afterAll(cleanupDirs);

const HEADER = ['序号', '单位', '姓名', '性别', '身份证号', '参保计划', '份数', '生效日期', '上年份数'];
const A = personId(1, 'M');
const B = personId(2, 'F');
const C = personId(3, 'M');
const D = personId(4, 'F');
const RETIREE = makeId({ birth: '19640101', seq: '015' }); // a man whose latest retirement falls in 2026–2027
const legacy15 = (id: string) => id.slice(0, 6) + id.slice(8, 17);

/** Last year: A 4 shares, B, C (lapses), D in 综合 (switches). Unit 医院 of 指定疾病. */
const LAST_YEAR = [
  HEADER,
  [1, '医院', '甲', '男', legacy15(A), '指定疾病', 4, '2025-01-01', null],
  [2, '医院', '乙', '女', B, '指定疾病', 2, '2025-01-01', null],
  [3, '医院', '丙', '男', C, '指定疾病', 1, '2025-01-01', null],
  [4, '医院', '丁', '女', D, '综合', 2, '2025-01-01', null],
];

/** This year: A keeps 4 (non-uniform unit, 上年份数 blank), B types 3 but had 2, D switched. */
const THIS_YEAR = [
  HEADER,
  [1, '医院', '甲', '男', A, '指定疾病', 4, '2026-01-01', null],
  [2, '医院', '乙', '女', B, '指定疾病', 2, '2026-01-01', 3],
  [3, '医院', '丁', '女', D, '指定疾病', 1, '2026-01-01', null],
];

async function rosters(): Promise<{ dir: string; last: string; now: string }> {
  const dir = tmpDir();
  const last = join(dir, '2025.xlsx');
  const now = join(dir, '2026.xlsx');
  await writeWorkbook(last, [{ name: '花名册', rows: LAST_YEAR }]);
  await writeWorkbook(now, [{ name: '花名册', rows: THIS_YEAR }]);
  return { dir, last, now };
}

describe('check --previous', () => {
  it("adds PREVIOUS_SHARES_MISMATCH, judges caps on last year's count and gives summary.renewal in --json", async () => {
    const { last, now } = await rosters();
    const plain = await runCli(['check', now, '--json']);
    const result = await runCli(['check', now, '--previous', last, '--json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const { findings, summary } = JSON.parse(result.stdout);
    expect(findings.map((f: { rule: string; cell: string }) => `${f.rule}@${f.cell}`)).toEqual(['PREVIOUS_SHARES_MISMATCH@I3']);
    // Without last year's roster: no such rule, but A's 4 shares are over the non-uniform cap of 3.
    expect(JSON.parse(plain.stdout).findings.map((f: { rule: string; cell: string }) => `${f.rule}@${f.cell}`)).toEqual(['SHARES_OVER_MAX@G2']);
    expect(JSON.parse(plain.stdout).summary).not.toHaveProperty('renewal');
    expect(Object.keys(summary.renewal)).toEqual([
      'renewing',
      'newMembers',
      'addedShares',
      'reducedShares',
      'planSwitches',
      'lapsed',
      'premiumLastYear',
      'premiumThisYear',
    ]);
    expect(summary.renewal).toEqual({
      renewing: 2,
      newMembers: 1,
      addedShares: 0,
      reducedShares: 0,
      planSwitches: 1,
      lapsed: [
        { id: C, name: '丙', unit: '医院', plan: '指定疾病', shares: 1 },
        { id: D, name: '丁', unit: '医院', plan: '综合', shares: 2 },
      ],
      premiumLastYear: 40 * 7 + 60 * 2,
      premiumThisYear: 40 * 7,
    });
  });

  it('prints the renewal summary and the lapsed list; several --previous files are one roster', async () => {
    const { dir, now } = await rosters();
    const lastA = join(dir, '2025a.xlsx');
    const lastB = join(dir, '2025b.xlsx');
    await writeWorkbook(lastA, [{ name: '花名册', rows: LAST_YEAR.slice(0, 3) }]);
    await writeWorkbook(lastB, [{ name: '花名册', rows: [HEADER, ...LAST_YEAR.slice(3)] }]);
    const result = await runCli(['check', now, '--previous', lastA, '--previous', lastB]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`与上年花名册比对（${lastA}、${lastB}）`);
    expect(result.stdout).toContain('续保 2，新参保 1（其中改换计划 1），增加份数 0（新增的份数有免责期），减少份数 0，未续保 2');
    expect(result.stdout).toContain('保障费：上年 400 元，本年 280 元');
    expect(result.stdout).toMatch(new RegExp(`${C}\\s+丙\\s+医院\\s+指定疾病\\s+1`));
    expect(result.stdout).toMatch(new RegExp(`${D}\\s+丁\\s+医院\\s+综合\\s+2`));
  });

  it("exits 0 when the renewal has no errors, 2 when last year's roster cannot be read or is this year's", async () => {
    const { dir, last, now } = await rosters();
    const fixed = join(dir, 'fixed.xlsx');
    await writeWorkbook(fixed, [{ name: '花名册', rows: THIS_YEAR.map((row, i) => (i === 2 ? [...row.slice(0, 8), 2] : row)) }]);
    expect((await runCli(['check', fixed, '--previous', last])).status).toBe(0);

    const missing = await runCli(['check', now, '--previous', join(dir, 'nope.xlsx')]);
    expect([missing.status, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toContain('找不到文件');
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    expect((await runCli(['check', now, '--previous', empty])).status).toBe(2);
    const same = await runCli(['check', now, '--previous', now]);
    expect(same.status).toBe(2);
    expect(same.stderr).toContain('既作为本年花名册又作为上年花名册');
    const noValue = await runCli(['check', now, '--previous']);
    expect(noValue.status).toBe(2);
  });
});

describe('renew', () => {
  it("writes next year's roster as a new workbook that reads back as a renewal of this year's", async () => {
    const { dir, now } = await rosters();
    const withRetiree = join(dir, 'now.xlsx');
    await writeWorkbook(withRetiree, [{ name: '花名册', rows: [...THIS_YEAR, [4, '医院', '戊', '男', RETIREE, '指定疾病', 1, '2026-06-01', null]] }]);
    const before = sha256(withRetiree);
    const out = join(dir, 'out');
    const result = await runCli(['renew', withRetiree, '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const written = join(out, 'now.renewal.xlsx');
    expect(result.stdout).toContain(`已写出续保花名册 ${written}：3 行`);
    expect(result.stdout).toMatch(new RegExp(`${RETIREE}\\s+戊\\s+医院\\s+指定疾病\\s+1\\s+2027-06-01`));
    expect(sha256(withRetiree)).toBe(before);
    expect(readdirSync(out)).toEqual(['now.renewal.xlsx']); // no temporary file left

    // Read back by the command itself, against this year's roster: everyone renews, nothing typed wrong.
    const again = await runCli(['check', written, '--previous', now, '--json']);
    expect(again.status).toBe(0);
    const { summary } = JSON.parse(again.stdout);
    expect(summary.renewal).toMatchObject({ renewing: 3, newMembers: 0, addedShares: 0, reducedShares: 0, lapsed: [] });
    expect(summary.sheets.map((s: { sheet: string }) => s.sheet)).toEqual(['续保花名册']);

    // The layout, read with another library: ID as text, dropdowns, frozen header, the retiree's sheet.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(written);
    const sheet = workbook.getWorksheet('续保花名册') as ExcelJS.Worksheet;
    expect(sheet.getCell('E2').value).toBe(A);
    expect(sheet.getCell('E2').numFmt).toBe('@');
    expect(sheet.getColumn(5).numFmt).toBe('@');
    expect(sheet.getCell('H2').value).toEqual(new Date(Date.UTC(2027, 0, 1)));
    expect(sheet.getCell('I3').value).toBe(2);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getCell('F500').dataValidation).toMatchObject({ type: 'list', formulae: ['"综合,指定疾病,农民工,女职工安康,团体意外"'] });
    expect(sheet.getCell('I10').dataValidation).toMatchObject({ type: 'whole', operator: 'between' });
    expect((workbook.getWorksheet('到龄退休未续保') as ExcelJS.Worksheet).getCell('A2').value).toBe(RETIREE);
  });

  it('never writes over an existing file without --force, nor over its input', async () => {
    const { dir, now } = await rosters();
    const out = join(dir, 'out');
    expect((await runCli(['renew', now, '--out', out])).status).toBe(0);
    const written = join(out, '2026.renewal.xlsx');
    const first = sha256(written);
    const again = await runCli(['renew', now, '--out', out]);
    expect([again.status, again.stdout]).toEqual([2, '']);
    expect(again.stderr).toContain('已存在；如要覆盖，请加 --force');
    expect(sha256(written)).toBe(first);
    expect((await runCli(['renew', now, '--out', out, '--force'])).status).toBe(0);

    // An output that is the input under another name (a hard link) is refused, even with --force.
    const input = join(dir, 'y.xlsx');
    await writeWorkbook(input, [{ name: '花名册', rows: THIS_YEAR }]);
    linkSync(input, join(dir, 'y.renewal.xlsx'));
    const hash = sha256(input);
    const refused = await runCli(['renew', input, '--out', dir, '--force']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('会覆盖输入文件');
    expect(sha256(input)).toBe(hash);
  });

  it('exits 2 without --out or with an unreadable roster', async () => {
    const { dir } = await rosters();
    const noOut = await runCli(['renew', join(dir, '2026.xlsx')]);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain('--out');
    const missing = await runCli(['renew', join(dir, 'nope.xlsx'), '--out', join(dir, 'o')]);
    expect(missing.status).toBe(2);
    expect(existsSync(join(dir, 'o'))).toBe(false);
  });
});
