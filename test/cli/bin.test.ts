/**
 * End to end: bin/mutual-aid.js as a child process, on code compiled by tsc from the current
 * sources. The build goes to test-output/ (git-ignored) rather than lib/, so the test never runs
 * stale code and never races another build of lib/.
 */
import { spawn, spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { buildCli, cleanupDirs, tmpDir } from './cliKit';

const ROOT = resolve(__dirname, '..', '..');
const BUILD = join(ROOT, 'test-output', `cli-e2e-${process.pid}`);
const BIN = join(BUILD, 'bin', 'mutual-aid.js');
const SAMPLE_SCRIPT = join(ROOT, 'scripts', 'make-sample-roster.js');

beforeAll(() => {
  buildCli(BUILD);
}, 180_000);

afterAll(() => {
  rmSync(BUILD, { recursive: true, force: true });
  cleanupDirs();
});

function mutualAid(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
}

test('the built command checks the sample roster: JSON on a pipe, exit 1, nothing on stderr', () => {
  const dir = tmpDir();
  const sample = join(dir, 'sample-roster.xlsx');
  const made = spawnSync(process.execPath, [SAMPLE_SCRIPT, sample], { encoding: 'utf8' });
  expect(made.status).toBe(0);

  const result = mutualAid(['check', sample, '--json'], { CI: 'true' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(1);
  const report = JSON.parse(result.stdout);
  expect(report.summary.rows).toBe(42);
  expect(report.findings.length).toBeGreaterThan(5);

  const table = mutualAid(['check', sample]);
  expect(table.status).toBe(1);
  expect(table.stdout).toContain('花名册!E8');
  expect(table.stderr).toBe('');
});

test('exit 2 from the process for an unreadable file, with the reason on stderr', () => {
  const result = mutualAid(['check', join(tmpDir(), 'missing.xlsx')]);
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^mutual-aid: 找不到文件 .*missing\.xlsx\n$/);
});

test('--help from the process', () => {
  const result = mutualAid(['check', '--help']);
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('--out <DIR>');
});

test('without a build, bin/mutual-aid.js says how to build', () => {
  const dir = tmpDir();
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'mutual-aid.js'), join(dir, 'bin', 'mutual-aid.js'));
  expect(existsSync(join(dir, 'lib'))).toBe(false);
  const result = spawnSync(process.execPath, [join(dir, 'bin', 'mutual-aid.js'), 'check', 'x.xlsx'], { encoding: 'utf8' });
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('npm run build');
});

test.each([
  ['the help', ['--help']],
  ['a check', ['check', 'ROSTER', '--json']],
])('a reader that stops early (… | head) ends %s quietly, not with a write error', async (_, args) => {
  const csv = join(tmpDir(), '花名册.csv');
  const rows = Array.from({ length: 3000 }, (_, i) => `县第一中学,张${i},45042119800101${String(i % 1000).padStart(4, '0')},综合,1`);
  writeFileSync(csv, ['单位,姓名,身份证号,参保计划,份数', ...rows].join('\n'));
  const child = spawn(process.execPath, [BIN, ...args.map((arg) => (arg === 'ROSTER' ? csv : arg))], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  // The reader is gone before the command writes: every write to stdout fails with EPIPE.
  child.stdout.destroy();
  const status = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  expect(stderr).toBe('');
  // The command's own status when it was known before the write failed (a check of wrong IDs: 1), else 0.
  expect([0, 1]).toContain(status);
});
