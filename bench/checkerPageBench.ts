/**
 * The offline checker page in headless Chromium on generated rosters (bench/rosterGenerator.ts,
 * 5 % faults): the time from handing the page the file to the findings shown (reading the file,
 * the check in the worker, rendering), the time to the annotated copy's download, and the peak
 * resident memory of all the browser's processes (sampled from /proc every 100 ms). Figures are
 * recorded in bench/checker-page.json; nothing here is asserted.
 *
 *   npx webpack --mode production && npx tsc -p tsconfig.bench.json
 *   node bench/out/js/bench/checkerPageBench.js [dist/checker.html] [rows …]
 */
import { execFileSync } from 'child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { cpus, loadavg, tmpdir } from 'os';
import { join, resolve } from 'path';
import { pathToFileURL } from 'url';
import { chromium } from 'playwright-core';
import { generateRoster } from './rosterGenerator';
import { writeRosterXlsx } from './xlsxRoster';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const args = process.argv.slice(2);
const PAGE = resolve(args.find((arg) => arg.endsWith('.html')) ?? join(ROOT, 'dist', 'checker.html'));
const SIZES = args.filter((arg) => /^\d+$/.test(arg)).map(Number);
const ROWS = SIZES.length > 0 ? SIZES : [50_000, 200_000];
const MARKER = `checker-${process.pid}-${Date.now()}`;

/** Resident memory of a process and all its descendants, in MiB. */
function treeRssMiB(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const parent = Number(fields[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
      rss.set(Number(entry), (Number(fields[21]) * 4096) / 1024 / 1024);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

async function rosterFile(rows: number): Promise<string> {
  const file = join(tmpdir(), `mutual-aid-checker-bench-${rows}.xlsx`);
  if (!existsSync(file)) await writeRosterXlsx(file, generateRoster(rows, 0.05, rows));
  return file;
}

interface Result {
  rows: number;
  fileMiB: number;
  checkMs: number[];
  copyMs: number;
  copyMiB: number;
  peakRssMiB: number;
  crashed: boolean;
}

async function main(): Promise<void> {
  if (!existsSync(PAGE)) throw new Error(`${PAGE} is missing: build first (npx webpack --mode production)`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    // An unknown switch Chromium ignores, to find this browser's own process among others'.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', `--bench-marker=${MARKER}`],
  });
  const browserPid = Number(
    execFileSync('pgrep', ['-o', '-f', '--', `bench-marker=${MARKER}`])
      .toString()
      .trim()
      .split('\n')[0],
  );
  const version = browser.version();
  const results: Result[] = [];
  try {
    for (const rows of ROWS) {
      const file = await rosterFile(rows);
      const runs = rows <= 50_000 ? 3 : 1;
      const result: Result = {
        rows,
        fileMiB: +(statSync(file).size / 1024 / 1024).toFixed(1),
        checkMs: [],
        copyMs: 0,
        copyMiB: 0,
        peakRssMiB: 0,
        crashed: false,
      };
      const context = await browser.newContext({ acceptDownloads: true });
      const page = await context.newPage();
      page.on('crash', () => (result.crashed = true));
      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, treeRssMiB(browserPid))), 100);
      try {
        await page.goto(pathToFileURL(PAGE).href);
        for (let run = 0; run < runs; run += 1) {
          const started = Date.now();
          await page.getByLabel('选择文件…', { exact: true }).setInputFiles(file);
          await page.getByText(/检查了 [\d,]+ 行/).waitFor({ timeout: 600_000 });
          result.checkMs.push(Date.now() - started);
        }
        const started = Date.now();
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.getByRole('button', { name: /批注副本/ }).click()]);
        const saved = join(tmpdir(), `mutual-aid-checker-bench-${rows}.checked.xlsx`);
        await download.saveAs(saved);
        result.copyMs = Date.now() - started;
        result.copyMiB = +(statSync(saved).size / 1024 / 1024).toFixed(1);
      } catch (error) {
        console.log(`${rows} rows: ${(error as Error).message.split('\n')[0]}`);
      } finally {
        clearInterval(sampler);
        result.peakRssMiB = Math.round(peak);
        await context.close();
      }
      results.push(result);
      console.log(
        `${rows.toLocaleString('en-US')} rows (${result.fileMiB} MiB): check ${result.checkMs.join(' / ')} ms, annotated copy ${result.copyMs} ms (${result.copyMiB} MiB), peak RSS of the browser ${result.peakRssMiB} MiB${result.crashed ? ', TAB CRASHED' : ''}`,
      );
    }
  } finally {
    await browser.close();
  }
  const machine = { cpus: cpus().length, model: cpus()[0]?.model, load: loadavg().map((n) => +n.toFixed(1)), chromium: version };
  writeFileSync(join(ROOT, 'bench', 'checker-page.json'), `${JSON.stringify({ machine, page: PAGE.replace(ROOT, '.'), results }, null, 2)}\n`);
  console.log('Written bench/checker-page.json');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
