/**
 * The page's side of the worker protocol: one request at a time per id, progress as it comes,
 * errors as CheckerError (the reader's Chinese message and its code).
 */
import type { RosterReport } from '../rules/roster';
import type { CheckerRequest, CheckerResponse, CheckProgressMessage, FileBytes } from './protocol';

export class CheckerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CheckerError';
  }
}

export interface CheckerClient {
  /** `previous`: last year's roster, to compare with (as `mutual-aid check --previous`). */
  check(files: FileBytes[], onProgress: (progress: CheckProgressMessage) => void, previous?: FileBytes[]): Promise<{ report: RosterReport; ms: number }>;
  /** Stops the check under way (it then fails with code CANCELLED). */
  cancel(): void;
  annotated(name: string): Promise<Uint8Array>;
  summaryWorkbook(): Promise<Uint8Array>;
}

/** What the page needs of a Worker (a fake in the component tests). */
export interface WorkerLike {
  postMessage(message: CheckerRequest, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<CheckerResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

interface Pending {
  resolve(response: CheckerResponse): void;
  reject(error: Error): void;
  onProgress?(progress: CheckProgressMessage): void;
}

export class WorkerClient implements CheckerClient {
  private nextId = 1;
  private checking = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly worker: WorkerLike) {
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      // A worker that died (out of memory, a script error) fails every request still waiting.
      const error = new CheckerError('INTERNAL', event.message || '后台检查意外停止');
      for (const entry of this.pending.values()) entry.reject(error);
      this.pending.clear();
    };
  }

  private receive(response: CheckerResponse): void {
    const entry = this.pending.get(response.id);
    if (!entry) return;
    if (response.type === 'progress') {
      entry.onProgress?.(response);
      return;
    }
    this.pending.delete(response.id);
    if (response.type === 'error') entry.reject(new CheckerError(response.code, response.message));
    else entry.resolve(response);
  }

  private request(make: (id: number) => CheckerRequest, transfer: Transferable[] = [], onProgress?: Pending['onProgress']): Promise<CheckerResponse> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage(make(id), transfer);
    });
  }

  async check(
    files: FileBytes[],
    onProgress: (progress: CheckProgressMessage) => void,
    previous: FileBytes[] = [],
  ): Promise<{ report: RosterReport; ms: number }> {
    const id = this.nextId;
    this.checking = id;
    try {
      const response = await this.request(
        (rid) => ({ type: 'check', id: rid, files, previous }),
        [...files, ...previous].map((file) => file.bytes),
        onProgress,
      );
      if (response.type !== 'report') throw new CheckerError('INTERNAL', `unexpected ${response.type}`);
      return { report: response.report, ms: response.ms };
    } finally {
      if (this.checking === id) this.checking = 0;
    }
  }

  cancel(): void {
    if (this.checking !== 0) this.worker.postMessage({ type: 'cancel', id: this.checking });
  }

  private async file(make: (id: number) => CheckerRequest): Promise<Uint8Array> {
    const response = await this.request(make);
    if (response.type !== 'file') throw new CheckerError('INTERNAL', `unexpected ${response.type}`);
    return new Uint8Array(response.bytes);
  }

  annotated(name: string): Promise<Uint8Array> {
    return this.file((id) => ({ type: 'annotate', id, name }));
  }

  summaryWorkbook(): Promise<Uint8Array> {
    return this.file((id) => ({ type: 'summary', id }));
  }
}

declare const __CHECKER_WORKER_SOURCE__: string | undefined;

/**
 * The worker, started from its code held in the page (a Blob URL): a page opened as file:// may not
 * start a worker from a file, and the page stays one file that can be handed out as it is.
 */
export function startCheckerWorker(): Worker {
  if (typeof __CHECKER_WORKER_SOURCE__ !== 'string') throw new Error('checker worker code missing from the build');
  const url = URL.createObjectURL(new Blob([__CHECKER_WORKER_SOURCE__], { type: 'text/javascript' }));
  return new Worker(url);
}
