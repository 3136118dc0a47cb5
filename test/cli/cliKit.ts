/**
 * Helpers for the command's tests: a temporary directory, running `run()` in-process with captured
 * output, rosters written with exceljs, GBK bytes, file hashes. Not a test file itself.
 */
import { createHash } from 'crypto';
import ExcelJS from 'exceljs';
import { spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { createRequire } from 'module';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { run } from '../../src/cli/main';

export { makeId, personId } from '../rules/rosterKit';

const dirs: string[] = [];

/** A fresh temporary directory, removed after the test file's tests (call cleanupDirs in afterAll). */
export function tmpDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mutual-aid-cli-'));
  dirs.push(dir);
  return dir;
}

export function cleanupDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `mutual-aid ARGS…` in-process; stderr is a TTY only when asked. */
export async function runCli(args: string[], options: { isTTY?: boolean } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const status = await run(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: Object.assign(
      { write: (text: string) => ((stderr += text), true) },
      options.isTTY ? { isTTY: true, columns: 100, cursorTo: () => true, moveCursor: () => true, clearLine: () => true } : {},
    ),
    isTTY: options.isTTY ?? false,
  });
  return { status, stdout, stderr };
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export interface SheetSpec {
  name: string;
  /** Rows from row 1; undefined entries are left empty. */
  rows: unknown[][];
  merges?: string[];
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** Extra changes to the sheet (number formats, notes…). */
  setup?: (sheet: ExcelJS.Worksheet) => void;
}

/** Writes a workbook with exceljs (the non-streaming writer, as most tools write small files). */
export async function writeWorkbook(path: string, sheets: SheetSpec[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, { state: spec.state ?? 'visible' });
    spec.rows.forEach((values, index) => {
      const row = sheet.getRow(index + 1);
      values.forEach((value, column) => {
        if (value !== undefined) row.getCell(column + 1).value = value as ExcelJS.CellValue;
      });
    });
    for (const range of spec.merges ?? []) sheet.mergeCells(range);
    spec.setup?.(sheet);
  }
  await workbook.xlsx.writeFile(path);
}

export interface ZipLike {
  file(path: string): { async(type: 'string'): Promise<string> } | null;
  file(path: string, data: string): void;
  generateAsync(options: { type: 'nodebuffer'; compression: 'DEFLATE' }): Promise<Buffer>;
}

/** exceljs's own zip library, to change a written file's XML the way other tools write it. */
export const JSZip = createRequire(require.resolve('exceljs'))('jszip') as {
  new (): ZipLike;
  loadAsync(data: Buffer): Promise<ZipLike>;
};

let gbkTable: Map<string, Buffer> | null = null;

/** Text → GBK bytes, using Node's own GB18030 decoder to build the table (no encoder ships with Node). */
export function gbkEncode(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk', { fatal: false });
    for (let lead = 0x81; lead <= 0xfe; lead += 1) {
      for (let trail = 0x40; trail <= 0xfe; trail += 1) {
        if (trail === 0x7f) continue;
        const bytes = Buffer.from([lead, trail]);
        const ch = decoder.decode(bytes);
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, bytes);
      }
    }
  }
  const parts: Buffer[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) parts.push(Buffer.from(ch, 'latin1'));
    else {
      const bytes = gbkTable.get(ch);
      if (!bytes) throw new Error(`gbkEncode: no GBK code for ${ch}`);
      parts.push(bytes);
    }
  }
  return Buffer.concat(parts);
}

/** The findings as "rule@cell" (or "rule@sheet!第N行" for a whole-row finding), for compact assertions. */
export function ruleCells(findings: { rule: string; cell: string | null; sheet: string; row: number }[]): string[] {
  return findings.map((finding) => `${finding.rule}@${finding.cell ?? `${finding.sheet}!第${finding.row}行`}`);
}

/**
 * Compiles the command from the current sources into DIR (test-output/…, git-ignored) with
 * bin/mutual-aid.js beside it, so a process test never runs stale code or races a build of lib/.
 * Returns the path of the built bin script.
 */
export function buildCli(dir: string): string {
  const root = resolve(__dirname, '..', '..');
  rmSync(dir, { recursive: true, force: true });
  const tsc = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.cli.json'), '--outDir', join(dir, 'lib')],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (tsc.status !== 0) throw new Error(`tsc failed:\n${tsc.stdout}${tsc.stderr}`);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  const bin = join(dir, 'bin', 'mutual-aid.js');
  copyFileSync(join(root, 'bin', 'mutual-aid.js'), bin);
  return bin;
}
