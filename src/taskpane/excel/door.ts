/**
 * The one door to Excel: the only module that calls Excel.run (through the host) and the request
 * context's sync(). Each operation (operations/*.ts) runs behind it, alone, inside one Excel.run,
 * and sees only an ExcelContext: the workbook, a sync the door counts, the requirement-set check
 * and the payload budget. Whatever an operation throws comes out as an AdapterError.
 */
import { SYNC_BUDGET_BYTES } from './plan';
import { EXCEL_API_FLOOR, REQUIRED_SETS } from './requirements';
import { AdapterError, ExcelHost } from './types';

/**
 * What an operation gets for one Excel.run batch. Named and shaped like Excel's RequestContext
 * (`context.workbook`, `await context.sync()`), so that code reads as office.js code and the
 * office-addins lint rules can follow its loads and syncs; the door counts every sync.
 */
export interface ExcelContext {
  readonly workbook: Excel.Workbook;
  sync(): Promise<void>;
  /** Whether this Excel has ExcelApi `version` (e.g. '1.18'). */
  supports(version: string): boolean;
  /** Bytes one sync may carry (Excel on the web's 5 MB payload limit, with a margin). */
  readonly budgetBytes: number;
}

/** The Excel error code of an office.js error (RichApi.Error), if any. */
export function errorCode(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'code' in error && typeof (error as { code: unknown }).code === 'string') {
    return (error as { code: string }).code;
  }
  return undefined;
}

/** The sync's request or response was larger than Excel accepts (read it again in smaller blocks). */
export function isPayloadError(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}

export function toAdapterError(error: unknown): AdapterError {
  if (error instanceof AdapterError) return error;
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return new AdapterError('failed', code ?? message);
}

export class ExcelDoor {
  private syncs = 0;
  private running: string | null = null;

  constructor(
    private readonly host: ExcelHost,
    private readonly budgetBytes: number = SYNC_BUDGET_BYTES,
  ) {}

  /** Every sync made through this door. */
  get syncCount(): number {
    return this.syncs;
  }

  /** The operation under way, if any. */
  get busy(): string | null {
    return this.running;
  }

  /** Whether the host has ExcelApi `version`, outside any batch (the pane's start-up check). */
  supports(version: string): boolean {
    return this.host.isSetSupported('ExcelApi', version);
  }

  /** The required sets (requirements.ts) this Excel lacks, as "ExcelApi 1.11": none where the add-in can run. */
  missingRequirements(): string[] {
    return REQUIRED_SETS.filter(({ name, version }) => !this.host.isSetSupported(name, version)).map(({ name, version }) => `${name} ${version}`);
  }

  /**
   * Runs one operation alone (another one under way: AdapterError 'busy') in one Excel.run.
   * Returns its value and the syncs it made. On an Excel below the floor nothing runs
   * (AdapterError 'unsupported'): the operations call what the floor has unguarded.
   */
  async run<T>(name: string, operation: (context: ExcelContext) => Promise<T>): Promise<{ value: T; syncs: number }> {
    if (this.running !== null) throw new AdapterError('busy', this.running);
    if (!this.supports(EXCEL_API_FLOOR)) throw new AdapterError('unsupported', this.missingRequirements().join(', '));
    this.running = name;
    const before = this.syncs;
    try {
      const value = await this.host.run((request) => operation(this.contextFor(request)));
      return { value, syncs: this.syncs - before };
    } catch (error) {
      throw toAdapterError(error);
    } finally {
      this.running = null;
    }
  }

  private contextFor(request: Excel.RequestContext): ExcelContext {
    return {
      workbook: request.workbook,
      sync: async () => {
        this.syncs += 1;
        await request.sync();
      },
      supports: (version) => this.supports(version),
      budgetBytes: this.budgetBytes,
    };
  }
}
