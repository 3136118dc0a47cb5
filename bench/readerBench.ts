/**
 * The workbook reader's figures (issue 11): `check` as a whole process on a 2,000-row and a
 * 50,000-row roster, against the raw floor (bench/rawFloor.ts) on the same file; the reader alone
 * in-process. `node bench/out/js/bench/readerBench.js [--record]` after `npm run build:cli` and
 * `tsc -p tsconfig.bench.json` (--record puts the figures in bench/results.json as "reader");
 * run.ts calls readerBench() too.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { NATIVE_ZIP } from '../src/cli/nativeInflate';
import { readWorkbook } from '../src/workbook';
import { median, mib } from './measure';
import { generateRoster } from './rosterGenerator';
import { writeRosterXlsx } from './xlsxRoster';

const ROOT = resolve(__dirname, '../../../..');
const OUT = join(ROOT, 'bench', 'out');

interface ProcessRun {
  wallMs: number;
  /** User + system CPU time: steadier than wall time on a shared machine. */
  cpuMs: number;
  maxRssMiB: number;
}

const TIME = '/usr/bin/time';

/** Runs node with the arguments under /usr/bin/time (CPU time and peak memory). */
function runNode(args: string[]): ProcessRun {
  const started = process.hrtime.bigint();
  const result = spawnSync(TIME, ['-f', '%U %S %M', process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const [user, system, rss] = result.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { wallMs, cpuMs: (user + system) * 1000, maxRssMiB: Math.round(rss / 1024) };
}

async function readerMs(file: string): Promise<number> {
  const bytes = new Uint8Array(readFileSync(file));
  const started = process.hrtime.bigint();
  let rows = 0;
  await readWorkbook({ name: file, bytes }, { beginSheet: () => ({ addRow: () => void (rows += 1), end: () => undefined }) }, NATIVE_ZIP);
  if (rows === 0) throw new Error('no rows');
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export async function readerBench(runs = 5): Promise<Record<string, number>[]> {
  mkdirSync(OUT, { recursive: true });
  const cli = join(ROOT, 'bin', 'mutual-aid.js');
  const floorScript = join(__dirname, 'rawFloor.js');
  const results: Record<string, number>[] = [];
  for (const rows of [2_000, 50_000]) {
    const file = join(OUT, `reader-roster-${rows}.xlsx`);
    if (!existsSync(file)) await writeRosterXlsx(file, generateRoster(rows));
    const check: ProcessRun[] = [];
    const floor: ProcessRun[] = [];
    const bare: ProcessRun[] = [];
    const reader: number[] = [];
    runNode([cli, 'check', file, '--json']);
    for (let i = 0; i < runs; i += 1) {
      check.push(runNode([cli, 'check', file, '--json']));
      floor.push(runNode([floorScript, file]));
      bare.push(runNode(['-e', '0']));
      reader.push(await readerMs(file));
    }
    const m = (list: ProcessRun[], key: keyof ProcessRun) => Math.round(median(list.map((run) => run[key])));
    results.push({
      rows,
      fileMiB: mib(statSync(file).size),
      checkCpuMs: m(check, 'cpuMs'),
      rawFloorCpuMs: m(floor, 'cpuMs'),
      cpuRatio: Math.round((m(check, 'cpuMs') / m(floor, 'cpuMs')) * 100) / 100,
      nodeStartCpuMs: m(bare, 'cpuMs'),
      checkWallMs: m(check, 'wallMs'),
      rawFloorWallMs: m(floor, 'wallMs'),
      checkMaxRssMiB: m(check, 'maxRssMiB'),
      readerInProcessMs: Math.round(median(reader)),
    });
  }
  return results;
}

if (require.main === module) {
  readerBench().then(
    (results) => {
      process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      if (process.argv.includes('--record')) {
        const path = join(ROOT, 'bench', 'results.json');
        const recorded = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
        recorded.reader = { date: new Date().toISOString().slice(0, 10), results };
        writeFileSync(path, `${JSON.stringify(recorded, null, 2)}\n`);
      }
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
