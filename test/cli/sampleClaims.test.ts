/**
 * examples/sample-claims.xlsx and its generator: the cases the generator's comment lists are what
 * the command finds, in the committed file as in a fresh one, and the README shows its output.
 */
import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join, resolve } from 'path';
import { cleanupDirs, ruleCells, runCli, tmpDir } from './cliKit';

afterAll(cleanupDirs);

const ROOT = resolve(__dirname, '..', '..');
const ROSTER = join(ROOT, 'examples', 'sample-roster.xlsx');
const COMMITTED = join(ROOT, 'examples', 'sample-claims.xlsx');
const ARGS = ['--roster', ROSTER, '--today', '2026-12-01'];

const EXPECTED = [
  'CLAIM_LIMIT_REACHED@G5', // 蒙秋菊: a stent, then a cancer in the same year
  'CLAIM_OVERDUE@I6', // 韦国强: reviewed 2026-09-10, unpaid
  'CLAIM_NEEDS_REVIEW@G7', // 周丽华: 肺部占位待查
  'CLAIM_DUPLICATE@H9', // 梁文斌: entered twice
  'CLAIM_NOT_ENROLLED@D10', // 杨光辉: holds 农民工, not 指定疾病
];

async function claims(file: string) {
  const result = await runCli(['claims', file, ...ARGS, '--json']);
  expect(result.status).toBe(1);
  return JSON.parse(result.stdout);
}

test('a freshly generated register has exactly the listed cases', async () => {
  const file = join(tmpDir(), 'claims.xlsx');
  const made = spawnSync(process.execPath, [join(ROOT, 'scripts', 'make-sample-claims.js'), ROSTER, file], { encoding: 'utf8' });
  expect(made.status).toBe(0);
  const report = await claims(file);
  expect(ruleCells(report.findings)).toEqual(EXPECTED);
  const status = (row: number) => report.claims.find((claim: { row: number }) => claim.row === row);
  expect(status(11)).toMatchObject({ status: 'dueSoon', dueDate: '2026-12-02' }); // 黄大勇
  expect(status(12)).toMatchObject({ status: 'paid', payable: 260 }); // 陆秀兰: 农民工's condolence
  expect(status(13)).toMatchObject({ status: 'paid', payable: 500 }); // 李秀英: 女职工安康's condolence
  expect(report.summary).toMatchObject({ claims: 12, overdue: 1, dueSoon: 1, review: 3, peopleCondoled: 2 });
});

test('the committed examples/sample-claims.xlsx gives the same findings, and the README shows its output', async () => {
  const report = await claims(COMMITTED);
  expect(ruleCells(report.findings)).toEqual(EXPECTED);
  const table = await runCli(
    ['claims', 'examples/sample-claims.xlsx', '--roster', 'examples/sample-roster.xlsx', '--today', '2026-12-01'].map((arg) =>
      arg.startsWith('examples/') ? join(ROOT, arg) : arg,
    ),
  );
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  expect(readme).toContain(table.stdout.split(ROOT + '/').join(''));
});
