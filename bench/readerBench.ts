/**
 * The workbook reader's figures (issue 11): `check` as a whole process on a 2,000-row and a
 * 50,000-row roster, against the raw floor (bench/rawFloor.ts) on the same file; the reader alone
 * in-process. `node bench/out/js/bench/readerBench.js` after `npm run build:cli` and
 * `tsc -p tsconfig.bench.json`; run.ts calls readerBench() too.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'fs';
import { join, resolve } from 'path';
import { nativeInflateRaw } from '../src/cli/nativeInflate';
import { readWorkbook } from '../src/workbook';
import { median, mib } from './measure';
import { generateRoster } from './rosterGenerator';
import { writeRosterXlsx } from './xlsxRoster';

const ROOT = resolve(__dirname, '../../../..');
const OUT = join(ROOT, 'bench', 'out');

function processMs(args: string[]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

async function readerMs(file: string): Promise<number> {
  const bytes = new Uint8Array(readFileSync(file));
  const started = process.hrtime.bigint();
  let rows = 0;
  await readWorkbook({ name: file, bytes }, { beginSheet: () => ({ addRow: () => void (rows += 1), end: () => undefined }) }, { inflateRaw: nativeInflateRaw });
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
    const check: number[] = [];
    const floor: number[] = [];
    const reader: number[] = [];
    processMs([cli, 'check', file, '--json']);
    for (let i = 0; i < runs; i += 1) {
      check.push(processMs([cli, 'check', file, '--json']));
      floor.push(processMs([floorScript, file]));
      reader.push(await readerMs(file));
    }
    const checkMs = Math.round(median(check));
    const floorMs = Math.round(median(floor));
    results.push({ rows, fileMiB: mib(statSync(file).size), checkMs, rawFloorMs: floorMs, ratio: Math.round((checkMs / floorMs) * 100) / 100, readerInProcessMs: Math.round(median(reader)) });
  }
  return results;
}

if (require.main === module) {
  readerBench().then(
    (results) => process.stdout.write(`${JSON.stringify(results, null, 2)}\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
