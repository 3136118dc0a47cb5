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
import { SingleBar } from 'cli-progress';
import { Stats } from 'fs';
import { mkdir, realpath, rename, stat, unlink } from 'fs/promises';
import { basename, dirname, extname, join, resolve } from 'path';
import { PreviousRoster, previousRosterOf } from '../rules/renewal';
import { HIDDEN_SHEET_REASON, RosterChecker, RosterReport } from '../rules/roster';
import { writeAnnotatedCopy } from './annotate';
import { InputError } from './inputError';
import { renderReport } from './report';
import { openSource, RosterSource } from './sources';

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
  bytes(count: number): void;
  row(): void;
  stop(): void;
}

const NO_PROGRESS: Progress = { file() {}, bytes() {}, row() {}, stop() {} };

function startProgress(io: CliIO, totalBytes: number, fileCount: number): Progress {
  if (!io.isTTY || (totalBytes < PROGRESS_MIN_BYTES && fileCount < PROGRESS_MIN_FILES)) return NO_PROGRESS;
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
    bytes(count) {
      done += count;
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

/**
 * The sheet where the add-in remembers its marks (src/taskpane/excel/plan.ts, MARKS_SHEET): very
 * hidden, never a roster; passed over silently, as the task pane does.
 */
export const MARKS_SHEET = '_mutualAidMarks';

/** The file's stat (following symlinks), or null when there is none. */
async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}

/** The path with every symlink and "." / ".." resolved as the file system resolves them; the parts that do not exist yet are appended. */
async function physicalPath(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const full = resolve(path);
    const parent = dirname(full);
    return parent === full ? full : join(await physicalPath(parent), basename(full));
  }
}

function sameFile(a: Stats, b: Stats): boolean {
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
async function writeCopies(sources: readonly RosterSource[], outputs: readonly string[], dir: string, report: RosterReport, files: readonly string[]): Promise<void> {
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
      await writeAnnotatedCopy(sources[i], report, files, temp);
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

/** Why a file gave no roster, or null when it did. */
function noRosterReason(report: RosterReport, label: string, hasContent: boolean): string | null {
  const { sheets, skipped } = report.summary;
  if (sheets.some((sheet) => sheet.file === label)) return null;
  const mine = skipped.filter((sheet) => sheet.file === label);
  if (mine.length === 0) return `${label} 中没有工作表`;
  if (!hasContent && !mine.some((sheet) => sheet.reason === HIDDEN_SHEET_REASON)) return `${label} 没有内容（${mine.length > 1 ? '所有工作表都是空的' : '工作表是空的'}）`;
  return `${label} 中找不到花名册：${mine.map((sheet) => `工作表"${sheet.sheet}"${sheet.reason}`).join('；')}`;
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
 * Opens the files and feeds every sheet's rows to the checker (hidden sheets listed as skipped, as
 * in the task pane; the add-in's marks sheet passed over); throws InputError when a file gives no
 * roster. Used for this year's roster, last year's, and the roster to renew.
 */
export async function readRosterFiles(
  labels: readonly string[],
  checker: RosterChecker,
  startProgressFor: (sources: readonly RosterSource[]) => Progress = () => NO_PROGRESS,
): Promise<RosterSource[]> {
  const sources: RosterSource[] = [];
  for (const label of labels) sources.push(await openSource(label));
  const progress = startProgressFor(sources);
  const withContent = new Set<string>();
  for (const source of sources) {
    progress.file(source.label);
    try {
      await source.read({
        beginSheet: (sheet) => {
          if (sheet.name === MARKS_SHEET) return { addRow: () => undefined, end: () => undefined };
          const session = checker.beginSheet(sheet.name, { file: source.label, firstColumn: 1 });
          return {
            addRow: (values, rowNumber) => {
              if (!withContent.has(source.label) && values.some((value) => value !== null && value !== '')) withContent.add(source.label);
              session.addRow(values, rowNumber);
              progress.row();
            },
            end: () => session.end(),
          };
        },
        skipSheet: (sheet) => {
          if (sheet.name !== MARKS_SHEET) checker.skipSheet(sheet.name, HIDDEN_SHEET_REASON, { file: source.label });
        },
        onBytes: (count) => progress.bytes(count),
      });
    } catch (error) {
      progress.stop();
      if (error instanceof InputError) throw error;
      throw new InputError(`${source.label} 读取失败，文件可能已损坏：${(error as Error).message}`);
    }
  }
  progress.stop();
  const report = checker.finish();
  for (const source of sources) {
    const reason = noRosterReason(report, source.label, withContent.has(source.label));
    if (reason) throw new InputError(reason);
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
    const sources = await readRosterFiles(labels, checker, (opened) =>
      startProgress(
        io,
        opened.reduce((sum, source) => sum + source.totalBytes, 0),
        opened.length,
      ),
    );
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
      io.stdout.write(`${JSON.stringify({ findings: report.findings, summary: report.summary }, null, 2)}\n`);
    } else {
      io.stdout.write(renderReport(report, labels, previousLabels));
      if (outputs && !copyError) io.stdout.write(`\n批注副本：${outputs.join('、')}\n`);
    }
    if (copyError) {
      io.stderr.write(`mutual-aid: ${copyError.message}（检查结果照常输出，未写出任何批注副本）\n`);
      return EXIT_UNREADABLE;
    }
    return report.summary.errors > 0 ? EXIT_ERRORS : EXIT_OK;
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr.write(`mutual-aid: ${error.message}\n`);
      return EXIT_UNREADABLE;
    }
    throw error;
  }
}
