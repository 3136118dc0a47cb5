/**
 * npm run bench: where the project stands, in one run on this machine.
 * - the engine alone on generated rosters (1,000 … 1,000,000 rows);
 * - the whole command on .xlsx files against exceljs merely reading them (the floor);
 * - the formula approach (COUNTIFS in HyperFormula) against the engine on the same rosters;
 * - custom-function calls per second; bundle sizes; the Excel adapter's syncs.
 * Every time is the median of several runs; ratios come from the same run. No network.
 * `node bench/out/js/bench/run.js --only=one-id` (after `tsc -p tsconfig.bench.json`) runs the one-ID case alone.
 */
import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { cpus, totalmem } from 'os';
import { join, resolve } from 'path';
import { gzipSync } from 'zlib';
import { checkRoster } from '../src/rules/roster';
import { evaluateCountifs, withCountifs } from './formulaApproach';
import { annotateBench } from './annotateBench';
import { benchFunctions } from './functionsBench';
import { median, medianMs, mib } from './measure';
import { generateRoster } from './rosterGenerator';
import { readerBench } from './readerBench';
import { writeRosterXlsx } from './xlsxRoster';

/** Compiled to bench/out/js/bench/: the project root is four levels up. */
const ROOT = resolve(__dirname, '../../../..');
const OUT = join(ROOT, 'bench', 'out');
const QUICK = process.argv.includes('--quick');

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function table(title: string, header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((row) => row[c].length)));
  log(`\n${title}`);
  cells.forEach((row, i) => {
    log(`| ${row.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`);
    if (i === 0) log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  });
}

function engineBench(): Record<string, number>[] {
  const sizes = QUICK ? [1_000, 10_000, 100_000] : [1_000, 10_000, 100_000, 1_000_000];
  return sizes.map((rows) => {
    const output = execFileSync(
      process.execPath,
      ['--max-old-space-size=8192', join(__dirname, 'engineChild.js'), String(rows), rows >= 1_000_000 ? '3' : '5'],
      { encoding: 'utf8' },
    );
    return JSON.parse(output.trim());
  });
}

/**
 * The engine on one ID filled down 100,000 rows with alternating plans (issue 11: was quadratic),
 * next to a generated roster of as many rows measured in the same minute, for a ratio that holds
 * on a busy machine.
 */
function oneIdBench(): Record<string, number> {
  const child = (...args: string[]) =>
    JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=8192', join(__dirname, 'engineChild.js'), ...args], { encoding: 'utf8' }).trim());
  const oneId = child('100000', '5', 'one-id');
  const generated = child('100000', '5');
  return { ...oneId, generatedRosterMs: generated.ms, ratio: Math.round((oneId.ms / generated.ms) * 100) / 100 };
}

function oneIdTable(result: Record<string, number>): void {
  table(
    'Engine on one ID filled down (alternating plans) vs a generated roster of as many rows (median of 5)',
    ['rows', 'ms', 'generated roster ms', 'ratio', 'findings', 'longest message', 'peak RSS MiB'],
    [[result.rows, result.ms, result.generatedRosterMs, result.ratio, result.findings, result.longestMessage, result.peakRssMiB]],
  );
}

/** `--only=one-id`: runs that case alone and updates its entry in bench/results.json. */
function onlyOneId(): void {
  const result = oneIdBench();
  oneIdTable(result);
  const file = join(ROOT, 'bench', 'results.json');
  const results = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  writeFileSync(file, `${JSON.stringify({ ...results, engineOneId: result }, null, 2)}\n`);
  log('\nUpdated engineOneId in bench/results.json');
}

/** Wall-clock milliseconds of a child process, and its peak memory (from GNU time when present). */
function runProcess(args: string[]): { ms: number; status: number | null } {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, status: result.status };
}

async function commandBench(): Promise<Record<string, number>[]> {
  const cli = join(ROOT, 'bin', 'mutual-aid.js');
  if (!existsSync(join(ROOT, 'lib', 'cli', 'main.js'))) throw new Error('lib/cli/main.js missing: run npm run build first');
  const sizes = QUICK ? [2_000, 50_000] : [2_000, 50_000, 200_000];
  const results: Record<string, number>[] = [];
  for (const rows of sizes) {
    const file = join(OUT, `roster-${rows}.xlsx`);
    if (!existsSync(file)) await writeRosterXlsx(file, generateRoster(rows, 0.05, rows));
    const runs = rows >= 200_000 ? 3 : 5;
    const command: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const checked = runProcess([cli, 'check', file, '--json']);
      if (checked.status !== 0 && checked.status !== 1) throw new Error(`mutual-aid check exited ${checked.status} on ${file}`);
      command.push(checked.ms);
      floor.push(runProcess([join(__dirname, 'readFloor.js'), file]).ms);
    }
    const commandMs = median(command);
    const floorMs = median(floor);
    results.push({
      rows,
      fileMiB: mib(statSync(file).size),
      commandMs: Math.round(commandMs),
      exceljsReadMs: Math.round(floorMs),
      ratio: Math.round((commandMs / floorMs) * 100) / 100,
    });
  }
  return results;
}

function formulaBench(): Record<string, number>[] {
  return [1_000, 2_000, 4_000].map((rows) => {
    const roster = generateRoster(rows, 0.05, rows);
    const sheet = withCountifs(roster);
    const runs = rows >= 4_000 ? 3 : 5;
    let flagged = 0;
    const countifsMs = medianMs(
      () => {
        flagged = evaluateCountifs(sheet);
      },
      runs,
      0,
    );
    const engineMs = medianMs(() => checkRoster([{ name: '花名册', rows: roster }]), 7, 3);
    return {
      rows,
      countifsMs: Math.round(countifsMs),
      flaggedByCountifs: flagged,
      engineAllChecksMs: Math.round(engineMs * 10) / 10,
      ratio: Math.round(countifsMs / engineMs),
    };
  });
}

function bundleSizes(): Record<string, string | number>[] {
  return ['functions.js', 'taskpane.js'].map((name) => {
    const file = join(ROOT, 'dist', name);
    if (!existsSync(file)) return { bundle: name, rawKiB: 'not built', gzipKiB: 'not built' };
    const bytes = readFileSync(file);
    return { bundle: name, rawKiB: Math.round(bytes.length / 1024), gzipKiB: Math.round(gzipSync(bytes).length / 1024) };
  });
}

function adapterBench(): Record<string, number>[] | string {
  const child = join(__dirname, 'adapterChild.js');
  if (!existsSync(child)) return 'the adapter benchmark is not built';
  return [10_000, 100_000].map((rows) => JSON.parse(execFileSync(process.execPath, [child, String(rows)], { encoding: 'utf8' }).trim()));
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    date: new Date().toISOString().slice(0, 10),
  };
  log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.date}`);

  const engine = engineBench();
  table(
    'Engine alone (generated rosters, 5 % faults; median of 5 runs, 3 for 1,000,000)',
    ['rows', 'ms', 'rows/s', 'findings', 'heap growth MiB', 'peak RSS MiB'],
    engine.map((r) => [r.rows, r.ms, r.rowsPerSecond, r.findings, r.heapGrowthMiB, r.peakRssMiB]),
  );

  const engineOneId = oneIdBench();
  oneIdTable(engineOneId);

  const command = await commandBench();
  const annotate = await annotateBench(QUICK ? [2_000, 50_000] : [2_000, 50_000, 200_000]);
  table(
    'Whole command (mutual-aid check --json) vs exceljs reading the same .xlsx (median of 5, 3 for 200,000)',
    ['rows', 'file MiB', 'command ms', 'exceljs read ms', 'ratio'],
    command.map((r) => [r.rows, r.fileMiB, r.commandMs, r.exceljsReadMs, r.ratio]),
  );
  table(
    'Annotated copy (check --out) vs check alone, whole processes (median of 5, 3 for 200,000; peak RSS by GNU time)',
    ['rows', 'file MiB', 'copy MiB', 'check ms', 'check peak MiB', '--out ms', '--out peak MiB', 'time ratio'],
    annotate.map((r) => [r.rows, r.fileMiB, r.copyMiB, r.checkMs, r.checkPeakMiB, r.outMs, r.outPeakMiB, r.timeRatio]),
  );

  const reader = await readerBench();
  table(
    'Reader (issue 11): check as a process vs the raw floor (zlib + one look at each byte), CPU ms, median of 5',
    ['rows', 'check CPU ms', 'floor CPU ms', 'ratio', 'node start CPU ms', 'check peak RSS MiB', 'reader in-process ms'],
    reader.map((r) => [r.rows, r.checkCpuMs, r.rawFloorCpuMs, r.cpuRatio, r.nodeStartCpuMs, r.checkMaxRssMiB, r.readerInProcessMs]),
  );

  const formulas = formulaBench();
  table(
    "Formula approach: two COUNTIFS checks in HyperFormula vs all of the engine's checks",
    ['rows', 'COUNTIFS ms', 'rows flagged', 'engine ms', 'ratio'],
    formulas.map((r) => [r.rows, r.countifsMs, r.flaggedByCountifs, r.engineAllChecksMs, `${r.ratio}×`]),
  );

  const functions = benchFunctions(5);
  table(
    'Custom functions (median of 5 batches)',
    ['function', 'calls/s'],
    [
      ['PREMIUM', functions.premiumPerSecond],
      ['PAYOUT', functions.payoutPerSecond],
      ['DISEASE (distinct wordings)', functions.diseaseDistinctPerSecond],
    ],
  );

  const bundles = bundleSizes();
  table(
    'Bundles (dist/, production build)',
    ['bundle', 'raw KiB', 'gzip KiB'],
    bundles.map((b) => [b.bundle, b.rawKiB, b.gzipKiB]),
  );

  const adapter = adapterBench();
  if (typeof adapter === 'string') log(`\nExcel adapter: ${adapter}`);
  else
    table(
      'Excel adapter (instrumented Excel stand-in, 11 columns)',
      ['rows', 'syncs', 'API calls', 'findings'],
      adapter.map((r) => [r.rows, r.syncs, r.apiCalls, r.findings]),
    );

  const results = { machine, engine, engineOneId, command, annotate, reader, formulas, functions, bundles, adapter };
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  log('\nWritten bench/results.json');
}

(process.argv.includes('--only=one-id') ? Promise.resolve().then(onlyOneId) : main()).catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
