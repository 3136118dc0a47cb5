/**
 * The annotated copy (`check --out`) against `check` alone on the same generated .xlsx roster, each
 * as a whole process: wall time and peak RSS (GNU time's maximum resident set size). Run alone with
 * `node bench/out/js/bench/annotateBench.js [ROWS…]` (after `npm run build:cli` and
 * `tsc -p tsconfig.bench.json`); it records its table under "annotate" in bench/results.json.
 * `npm run bench` runs it too. Targets (issue 11): 200,000 rows under 400 MB peak and under 2× the
 * time of `check` alone.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { median, mib } from './measure';
import { generateRoster } from './rosterGenerator';
import { writeRosterXlsx } from './xlsxRoster';

const ROOT = resolve(__dirname, '../../../..');
const OUT = join(ROOT, 'bench', 'out');

/** Wall milliseconds and peak RSS (MiB) of `node ARGS`, measured by GNU time. */
function measured(args: string[]): { ms: number; peakMiB: number; status: number | null } {
  const start = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const lines = (result.stderr ?? '').trim().split('\n');
  return { ms, peakMiB: Math.round(Number(lines[lines.length - 1]) / 1024), status: result.status };
}

export async function annotateBench(sizes: number[]): Promise<Record<string, number>[]> {
  const cli = join(ROOT, 'bin', 'mutual-aid.js');
  if (!existsSync(join(ROOT, 'lib', 'cli', 'main.js'))) throw new Error('lib/cli/main.js missing: run npm run build:cli first');
  if (!existsSync('/usr/bin/time')) throw new Error('GNU time (/usr/bin/time) is needed to measure peak memory');
  mkdirSync(OUT, { recursive: true });
  const results: Record<string, number>[] = [];
  for (const rows of sizes) {
    const file = join(OUT, `roster-${rows}.xlsx`);
    if (!existsSync(file)) await writeRosterXlsx(file, generateRoster(rows, 0.05, rows));
    const runs = rows >= 200_000 ? 3 : 5;
    const check: { ms: number; peakMiB: number }[] = [];
    const out: { ms: number; peakMiB: number }[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'mutual-aid-bench-'));
    let copyBytes = 0;
    try {
      for (let i = 0; i < runs; i += 1) {
        const alone = measured([cli, 'check', file, '--json']);
        if (alone.status !== 0 && alone.status !== 1) throw new Error(`check exited ${alone.status}`);
        check.push(alone);
        const withCopy = measured([cli, 'check', file, '--json', '--out', dir, '--force']);
        if (withCopy.status !== 0 && withCopy.status !== 1) throw new Error(`check --out exited ${withCopy.status}`);
        out.push(withCopy);
        copyBytes = statSync(join(dir, `roster-${rows}.checked.xlsx`)).size;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const checkMs = median(check.map((run) => run.ms));
    const outMs = median(out.map((run) => run.ms));
    results.push({
      rows,
      fileMiB: mib(statSync(file).size),
      copyMiB: mib(copyBytes),
      checkMs: Math.round(checkMs),
      checkPeakMiB: Math.max(...check.map((run) => run.peakMiB)),
      outMs: Math.round(outMs),
      outPeakMiB: Math.max(...out.map((run) => run.peakMiB)),
      timeRatio: Math.round((outMs / checkMs) * 100) / 100,
    });
  }
  return results;
}

if (require.main === module) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  annotateBench(sizes.length ? sizes : [2_000, 50_000, 200_000])
    .then((results) => {
      process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      const path = join(ROOT, 'bench', 'results.json');
      const recorded = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
      writeFileSync(path, `${JSON.stringify({ ...recorded, annotate: results }, null, 2)}\n`);
    })
    .catch((error) => {
      process.stderr.write(`${(error as Error).stack}\n`);
      process.exit(1);
    });
}
