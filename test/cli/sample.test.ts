/**
 * examples/sample-roster.xlsx and its generator: the deliberate faults the generator's comment lists
 * are exactly what the command finds, in the committed file as in a fresh one.
 */
import { spawnSync } from 'child_process';
import { join, resolve } from 'path';
import { cleanupDirs, ruleCells, runCli, tmpDir } from './cliKit';

afterAll(cleanupDirs);

const ROOT = resolve(__dirname, '..', '..');
const COMMITTED = join(ROOT, 'examples', 'sample-roster.xlsx');

const EXPECTED = [
  'SHARES_NOT_UNIFORM@G7', // 莫小燕: 2 shares of 综合 where the school has 3
  'ID_INVALID@E8', // 陆海涛: wrong check character
  'PLAN_GENDER@F12', // 覃建华: a man in 女职工安康
  'PLAN_CONFLICT@F16', // 黄伟明: 指定疾病 …
  'SHARES_OVER_MAX@G18', // 唐建国: 4 shares in a non-uniform unit
  'ID_INVALID@E21', // 何美玲: ID stored as a number
  'AGE_OUT_OF_SERVICE@E22', // 陈国栋: born 1960 (warning)
  'DUPLICATE_ENROLLMENT@E23', // 潘晓梅: listed twice
  'DATE_INVALID@H24', // 罗春燕: 2026-02-30
  'PLAN_CONFLICT@F25', // 黄伟明: … and 综合
];

async function check(file: string) {
  const result = await runCli(['check', file, '--json']);
  expect(result.status).toBe(1);
  return JSON.parse(result.stdout);
}

test('a freshly generated sample has exactly the listed faults', async () => {
  const file = join(tmpDir(), 'sample.xlsx');
  const made = spawnSync(process.execPath, [join(ROOT, 'scripts', 'make-sample-roster.js'), file], { encoding: 'utf8' });
  expect(made.status).toBe(0);
  const report = await check(file);
  expect(ruleCells(report.findings)).toEqual(EXPECTED);
  expect(report.summary).toMatchObject({ rows: 42, people: 25, errors: 9, warnings: 1, premiumTotal: 3110 });
  expect(report.summary.units.map((u: { unit: string }) => u.unit)).toEqual(expect.arrayContaining(['县第一中学', '县人民医院', '县建筑公司']));
  expect(report.summary.skipped.map((s: { sheet: string }) => s.sheet)).toEqual(['填表说明']);
});

test('the committed examples/sample-roster.xlsx gives the same findings', async () => {
  const report = await check(COMMITTED);
  expect(ruleCells(report.findings)).toEqual(EXPECTED);
});
