/**
 * `mutual-aid check FILE...`: reads the files, feeds every sheet's rows to one RosterChecker (all
 * files are one roster for the person-level rules), and prints the engine's report. An adapter
 * only: every rule lives in src/rules.
 *
 * Exit status: 0 no errors (warnings allowed), 1 errors found, 2 a file could not be read (or the
 * command could not write its output). When a file cannot be read, nothing goes to stdout; when the
 * annotated copies cannot be written, the findings are printed all the same. No output file is left
 * on 2: the copies are written to temporary names and renamed only when all are written.
 */
import { Stats } from 'fs';
import { mkdir, realpath, rename, stat, unlink } from 'fs/promises';
import { basename, dirname, extname, join, resolve } from 'path';
import { PreviousRoster, previousRosterOf } from '../rules/renewal';
import { RosterChecker, RosterReport } from '../rules/roster';
import { checkRosterSources, WorkbookError, WorkbookSource } from '../workbook';
import { InputError } from './inputError';
import { NATIVE_ZIP } from './nativeInflate';
import { renderReport } from './report';
import { describeSource, loadSource } from './sources';
import { terminalJson, terminalText } from './text';

export interface CliIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Whether stderr is an interactive terminal (false under CI and in pipes): only then a progress bar. */
  isTTY: boolean;
}

export interface CheckOptions {
  json?: boolean;
  out?: string;
  force?: boolean;
  /** Last year's roster (one or more files): checked as renewal (续保) against it. */
  previous?: string[];
}

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_UNREADABLE = 2;

/** A progress bar is shown from this much work (bytes of sheet XML or CSV) or this many files. */
const PROGRESS_MIN_BYTES = 4 * 1024 * 1024;
const PROGRESS_MIN_FILES = 3;
/** A file name's limit in bytes on the common file systems (ext4, NTFS and APFS count 255). */
const NAME_LIMIT = 255;

interface Progress {
  file(label: string): void;
  /** Work done so far. */
  bytes(done: number): void;
  row(): void;
  stop(): void;
}

const NO_PROGRESS: Progress = { file() {}, bytes() {}, row() {}, stop() {} };

function startProgress(io: CliIO, totalBytes: number, fileCount: number): Progress {
  if (!io.isTTY || (totalBytes < PROGRESS_MIN_BYTES && fileCount < PROGRESS_MIN_FILES)) return NO_PROGRESS;
  // Loaded only when a bar is shown: most checks do not need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, on-demand load keeps it out of a plain check's start-up
  const { SingleBar } = require('cli-progress') as typeof import('cli-progress');
  const bar = new SingleBar({
    stream: io.stderr as NodeJS.WritableStream,
    format: '检查中 [{bar}] {percentage}% | {rows} 行 | {file}',
    barCompleteChar: '█',
    barIncompleteChar: '░',
    // The cursor stays visible: an interrupted run (Ctrl+C) must not leave the terminal without one.
    hideCursor: false,
    clearOnComplete: true,
    etaBuffer: 50,
  });
  let done = 0;
  let rows = 0;
  let file = '';
  bar.start(Math.max(totalBytes, 1), 0, { rows, file });
  return {
    file(label) {
      file = label;
      bar.update(done, { rows, file });
    },
    bytes(total) {
      done = total;
      bar.update(Math.min(done, totalBytes), { rows, file });
    },
    row() {
      rows += 1;
    },
    stop() {
      bar.stop();
    },
  };
}

const utf8 = new TextEncoder();

/** The longest start of `text` whose UTF-8 form fits in `bytes` (never splitting a character). */
function cutToBytes(text: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    used += utf8.encode(ch).length;
    if (used > bytes) break;
    out += ch;
  }
  return out;
}

/** A hidden temporary name beside the copy, always within the file-name limit: ".<start of the name>.<pid>.<n>.tmp". */
export function temporaryName(output: string, n: number): string {
  const tail = `.${process.pid}.${n}.tmp`;
  return join(dirname(output), `.${cutToBytes(basename(output), NAME_LIMIT - 1 - tail.length)}${tail}`);
}

/** DIR/<name>.checked.xlsx for each input. */
export function outputPathFor(dir: string, label: string): string {
  return join(dir, `${basename(label, extname(label))}.checked.xlsx`);
}

/** The add-in's very hidden marks sheet: never a roster (defined with the reader that passes it over). */
export { MARKS_SHEET } from '../workbook';

/** The file's stat (following symlinks), or null when there is none. */
export async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}

/** The path with every symlink and "." / ".." resolved as the file system resolves them; the parts that do not exist yet are appended. */
export async function physicalPath(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const full = resolve(path);
    const parent = dirname(full);
    return parent === full ? full : join(await physicalPath(parent), basename(full));
  }
}

export function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/**
 * The output paths, checked before anything is read or written: none may be an input or (without
 * force) an existing file. `what` names the output in messages; `pathFor` gives its path.
 */
export async function planOutputs(
  dir: string,
  labels: readonly string[],
  force: boolean,
  { what = '批注副本', pathFor = outputPathFor }: { what?: string; pathFor?: (dir: string, label: string) => string } = {},
): Promise<string[]> {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new InputError(`--out ${dir} 不是目录`);
  } catch (error) {
    if (error instanceof InputError) throw error;
    // A missing directory is created when the copies are written.
  }
  const outputs = labels.map((label) => pathFor(dir, label));
  for (const output of outputs) {
    const name = basename(output);
    if (utf8.encode(name).length > NAME_LIMIT) throw new InputError(`${what}的文件名 ${name} 超过 ${NAME_LIMIT} 字节的限制，请把输入文件改成短一些的名字`);
  }
  // An output must never be an input, however either is spelled: compared by physical path and,
  // when the output exists, by file identity (device and inode), which also covers hard links and
  // names differing only in case on a case-insensitive file system.
  const inputPaths = new Set(await Promise.all(labels.map(physicalPath)));
  const inputStats = (await Promise.all(labels.map(statOrNull))).filter((info): info is Stats => info !== null);
  const seen = new Map<string, string>();
  for (let i = 0; i < outputs.length; i += 1) {
    const physical = await physicalPath(outputs[i]);
    const key = physical.toLowerCase();
    const other = seen.get(key);
    if (other !== undefined) throw new InputError(`${other} 与 ${labels[i]} 的${what}同名（${outputs[i]}），请分开检查或改名`);
    seen.set(key, labels[i]);
    const existing = await statOrNull(outputs[i]);
    if (inputPaths.has(physical) || (existing && inputStats.some((input) => sameFile(input, existing)))) {
      throw new InputError(`${what} ${outputs[i]} 会覆盖输入文件，请换一个 --out 目录`);
    }
    if (!force && existing) throw new InputError(`${outputs[i]} 已存在；如要覆盖，请加 --force`);
  }
  return outputs;
}

/** Each copy goes to a temporary file in DIR first; only when all are written are they renamed. */
async function writeCopies(
  sources: readonly WorkbookSource[],
  outputs: readonly string[],
  dir: string,
  report: RosterReport,
  files: readonly string[],
): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new InputError(`无法创建输出目录 ${dir}：${(error as Error).message}`);
  }
  const temps: string[] = [];
  const renamed: string[] = [];
  try {
    for (let i = 0; i < sources.length; i += 1) {
      const temp = temporaryName(outputs[i], i);
      temps.push(temp);
      // Loaded only for --out: the copy's writer is not needed to check.
      const { writeAnnotatedCopy } = await import('./annotate');
      // The very bytes that were checked are patched (the file is not read again).
      await writeAnnotatedCopy(describeSource(sources[i]), sources[i].bytes, report, files, temp);
    }
    for (let i = 0; i < sources.length; i += 1) {
      await rename(temps[i], outputs[i]);
      renamed.push(outputs[i]);
    }
  } catch (error) {
    // All or none: a rename that fails takes back the copies already renamed.
    await Promise.all([...temps, ...renamed].map((path) => unlink(path).catch(() => undefined)));
    if (error instanceof InputError) throw error;
    throw new InputError(`无法写出批注副本：${(error as Error).message}`);
  }
}

/** The FILE arguments without repeats: the same file under another name (a symlink, "./a/../x.xlsx") is the same file. */
async function distinctFiles(files: readonly string[], io: CliIO, seen = new Set<string>()): Promise<string[]> {
  const labels: string[] = [];
  for (const file of files) {
    const info = await statOrNull(file);
    const key = info ? `${info.dev}:${info.ino}` : resolve(file);
    if (seen.has(key)) {
      io.stderr.write(`mutual-aid: ${file} 重复给出，只检查一次\n`);
      continue;
    }
    seen.add(key);
    labels.push(file);
  }
  return labels;
}

/**
 * Reads the files with the workbook reader into the checker (one roster; hidden sheets listed as
 * skipped, as in the task pane; a file that gives no roster is an error). Used for this year's
 * roster, last year's, and the roster to renew. Returns the sources as the --out copy needs them.
 */
export async function readRosterFiles(labels: readonly string[], checker: RosterChecker, io?: CliIO): Promise<WorkbookSource[]> {
  const sources: WorkbookSource[] = [];
  for (const label of labels) sources.push(await loadSource(label));
  let progress = NO_PROGRESS;
  let file = '';
  let rows = 0;
  try {
    await checkRosterSources(sources, {
      checker,
      ...NATIVE_ZIP,
      onProgress: (at) => {
        if (io && progress === NO_PROGRESS && file === '') progress = startProgress(io, at.total, sources.length);
        if (at.file !== file) progress.file((file = at.file));
        progress.bytes(at.done);
        for (; rows < at.rows; rows += 1) progress.row();
      },
    });
  } finally {
    progress.stop();
  }
  return sources;
}

export async function runCheck(files: readonly string[], options: CheckOptions, io: CliIO): Promise<number> {
  const seen = new Set<string>();
  const labels = await distinctFiles(files, io, seen);
  // Last year's files may not be this year's as well (a roster compared with itself is a mistake).
  const previousLabels = options.previous ? await distinctFiles(options.previous, io, new Set()) : [];

  try {
    for (const label of previousLabels) {
      const info = await statOrNull(label);
      if (info && seen.has(`${info.dev}:${info.ino}`)) throw new InputError(`${label} 既作为本年花名册又作为上年花名册（--previous）给出，请分开`);
    }
    const outputs = options.out !== undefined ? await planOutputs(options.out, labels, options.force ?? false) : null;

    let previous: PreviousRoster | undefined;
    if (previousLabels.length > 0) {
      const lastYear = new RosterChecker();
      await readRosterFiles(previousLabels, lastYear);
      previous = previousRosterOf(lastYear);
    }

    const checker = new RosterChecker({ previous });
    const sources = await readRosterFiles(labels, checker, io);
    const report = checker.finish();

    // A copy that cannot be written loses nothing of the check: its findings are printed all the
    // same, the reason goes to stderr and the exit status is 2 (no copy is left, not even a partial one).
    let copyError: InputError | null = null;
    if (outputs && options.out !== undefined) {
      try {
        await writeCopies(sources, outputs, options.out, report, labels);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        copyError = error;
      }
    }

    if (options.json) {
      io.stdout.write(`${terminalJson({ findings: report.findings, summary: report.summary })}\n`);
    } else {
      io.stdout.write(renderReport(report, labels, previousLabels));
      if (outputs && !copyError) io.stdout.write(`\n批注副本：${outputs.join('、')}\n`);
    }
    if (copyError) {
      io.stderr.write(`mutual-aid: ${terminalText(copyError.message)}（检查结果照常输出，未写出任何批注副本）\n`);
      return EXIT_UNREADABLE;
    }
    return report.summary.errors > 0 ? EXIT_ERRORS : EXIT_OK;
  } catch (error) {
    if (error instanceof InputError || error instanceof WorkbookError) {
      io.stderr.write(`mutual-aid: ${terminalText(error.message)}\n`);
      return EXIT_UNREADABLE;
    }
    throw error;
  }
}
