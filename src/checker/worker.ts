/**
 * The offline checker's Web Worker: the same engine as the command (checkRosterSources), the
 * patching writer for the annotated copies and the summary workbook, all on bytes, off the page's
 * thread. One check at a time; a new check replaces the files and report kept for downloads.
 */
import { PreviousRoster, previousRosterOf } from '../rules/renewal';
import { RosterChecker, RosterReport } from '../rules/roster';
import { checkRosterSources, openWorkbook, WorkbookError, WorkbookSource } from '../workbook';
import { annotateWorkbook } from '../workbook/annotate';
import { newWorkbook } from '../workbook/newWorkbook';
import { SUMMARY_SHEET, summaryTable } from '../ui/summaryTable';
import type { CheckerRequest, CheckerResponse, FileBytes } from './protocol';

/** Progress is posted at most this often (each message costs the page a render). */
const PROGRESS_EVERY_MS = 100;

interface WorkerScope {
  onmessage: ((event: MessageEvent<CheckerRequest>) => void) | null;
  postMessage(message: CheckerResponse, transfer?: Transferable[]): void;
}

let sources: WorkbookSource[] = [];
let report: RosterReport | null = null;
const cancelled = new Set<number>();

function toSources(files: readonly FileBytes[]): WorkbookSource[] {
  return files.map((file) => ({ name: file.name, bytes: new Uint8Array(file.bytes) }));
}

function failure(id: number, error: unknown): CheckerResponse {
  if (error instanceof WorkbookError) return { type: 'error', id, code: error.code, message: error.message };
  return { type: 'error', id, code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/** Last year's roster read as `mutual-aid check --previous` reads it (the same reader and engine). */
async function readPrevious(files: readonly FileBytes[], isCancelled: () => boolean): Promise<PreviousRoster> {
  const lastYear = new RosterChecker();
  await checkRosterSources(toSources(files), { checker: lastYear, isCancelled });
  return previousRosterOf(lastYear);
}

async function check(scope: WorkerScope, id: number, files: FileBytes[], previousFiles: readonly FileBytes[] = []): Promise<void> {
  sources = toSources(files);
  report = null;
  const started = Date.now();
  let posted = 0;
  const previous = previousFiles.length > 0 ? await readPrevious(previousFiles, () => cancelled.has(id)) : undefined;
  const result = await checkRosterSources(sources, {
    checker: new RosterChecker({ previous }),
    onProgress: (at) => {
      const now = Date.now();
      if (now - posted < PROGRESS_EVERY_MS) return;
      posted = now;
      scope.postMessage({ type: 'progress', id, ...at });
    },
    isCancelled: () => cancelled.has(id),
  });
  report = result;
  scope.postMessage({ type: 'report', id, report: result, ms: Date.now() - started });
}

function annotated(name: string): Uint8Array {
  const source = sources.find((candidate) => candidate.name === name);
  if (!source || !report) throw new Error(`没有检查过 ${name}`);
  const { csv } = openWorkbook(source);
  return annotateWorkbook(source, report, { files: sources.map((s) => s.name), csv });
}

function summaryWorkbook(): Uint8Array {
  if (!report) throw new Error('还没有检查结果');
  const table = summaryTable(report);
  return newWorkbook([{ name: SUMMARY_SHEET, rows: table.rows, columns: [{ width: 24 }, { width: 24 }, { width: 10 }, { width: 10 }, { width: 16 }] }]);
}

function post(scope: WorkerScope, id: number, name: string, bytes: Uint8Array): void {
  // A view over a larger buffer is copied out; a whole buffer is handed over as is.
  const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
  scope.postMessage({ type: 'file', id, name, bytes: buffer }, [buffer]);
}

export async function handle(scope: WorkerScope, request: CheckerRequest): Promise<void> {
  try {
    switch (request.type) {
      case 'cancel':
        cancelled.add(request.id);
        return;
      case 'check':
        return await check(scope, request.id, request.files, request.previous);
      case 'annotate':
        return post(scope, request.id, request.name, annotated(request.name));
      case 'summary':
        return post(scope, request.id, SUMMARY_SHEET, summaryWorkbook());
    }
  } catch (error) {
    scope.postMessage(failure(request.id, error));
  } finally {
    if (request.type !== 'cancel') cancelled.delete(request.id);
  }
}

/** Started as a worker: answer the page's messages. */
export function startWorker(scope: WorkerScope): void {
  scope.onmessage = (event) => void handle(scope, event.data);
}
