/**
 * The task pane's Excel adapter: the RosterAdapter the components use, one method per operation.
 * Each method runs its operation through the one door (door.ts: Excel.run, counted syncs, one
 * operation at a time, errors as AdapterError); the operation itself lives in its own file under
 * operations/:
 *
 *   check.ts     read the roster in blocks (blocks.ts), check it, clear old marks, mark
 *   marks.ts     mark cells / clear marks (the very hidden _mutualAidMarks sheet)
 *   summary.ts   the 缴费汇总 sheet
 *   template.ts  the 参保花名册 template sheet
 *   select.ts    show a finding's cell
 *   claims.ts    the claims register: 理赔计算, 理赔汇总, 插入理赔登记表, show a claim's row
 *
 * A new operation is a new file there and one method here. Claims (issue 9): read the register
 * with check.ts's openWorkbook + blocks.ts's readBlocks, write its computed columns in a file of
 * its own, and mark its findings through marks.ts's markIn (so 清除标记 clears them too).
 * Renewal (issue 10): read another sheet the same way (openWorkbook with its own choice of sheets,
 * readBlocks), and write next year's template by extending template.ts.
 */
import type { Finding } from '../../rules/roster';
import { ExcelContext, ExcelDoor } from './door';
import { check } from './operations/check';
import { computeClaimsIn, insertRegister, selectClaim, writeClaimsSummary } from './operations/claims';
import { clearMarks } from './operations/marks';
import { select } from './operations/select';
import { writeSummary } from './operations/summary';
import { checkRenewal, insertNextYear, listSheets } from './operations/renewal';
import { insertTemplate } from './operations/template';
import {
  CheckResult,
  ClaimsAdapter,
  ClaimsResult,
  ClaimsSummaryResult,
  ClearResult,
  ExcelHost,
  NextYearResult,
  OperationOptions,
  PreviousChoice,
  RenewalCheckResult,
  RosterAdapter,
  Scope,
  SummaryResult,
  TemplateResult,
} from './types';

export { SUMMARY_SHEET } from './operations/summary';
export { TEMPLATE_ROWS, TEMPLATE_SHEET } from './operations/template';
export { CLAIMS_SUMMARY_SHEET } from './operations/claims';

export class ExcelAdapter implements RosterAdapter, ClaimsAdapter {
  private readonly door: ExcelDoor;

  constructor(host: ExcelHost, budgetBytes?: number) {
    this.door = new ExcelDoor(host, budgetBytes);
  }

  /** Every context.sync() this adapter has made. */
  get syncCount(): number {
    return this.door.syncCount;
  }

  /** The operation under way, if any. */
  get busy(): string | null {
    return this.door.busy;
  }

  missingRequirements(): string[] {
    return this.door.missingRequirements();
  }

  /** Runs an operation through the door; its result comes back with the syncs it made. */
  private async counted<T extends object>(name: string, operation: (context: ExcelContext) => Promise<T>): Promise<T & { syncs: number }> {
    const { value, syncs } = await this.door.run(name, operation);
    return { ...value, syncs };
  }

  async check(options: { scope: Scope; mark?: boolean } & OperationOptions): Promise<CheckResult> {
    return this.counted('check', (context) => check(context, options));
  }

  async clearMarks(options: OperationOptions = {}): Promise<ClearResult> {
    return this.counted('clear', (context) => clearMarks(context, options));
  }

  async writeSummary(options: { scope: Scope } & OperationOptions): Promise<SummaryResult> {
    return this.counted('summary', (context) => writeSummary(context, options));
  }

  async insertTemplate(): Promise<TemplateResult> {
    const { value, syncs } = await this.door.run('template', (context) => insertTemplate(context));
    return { sheetName: value, syncs };
  }

  async select(finding: Pick<Finding, 'sheet' | 'row' | 'cell'>): Promise<void> {
    await this.door.run('select', (context) => select(context, finding));
  }

  async listSheets(): Promise<string[]> {
    return (await this.door.run('select', (context) => listSheets(context))).value;
  }

  async checkRenewal(options: { scope: Scope; previous: PreviousChoice; mark?: boolean } & OperationOptions): Promise<RenewalCheckResult> {
    return this.counted('renewal', (context) => checkRenewal(context, options));
  }

  async insertNextYear(options: { scope: Scope } & OperationOptions): Promise<NextYearResult> {
    const { value, syncs } = await this.door.run('nextYear', (context) => insertNextYear(context, options));
    return { sheetName: value.sheetName, rows: value.rows, retiring: value.retiring, notices: value.notices, syncs };
  }

  async computeClaims(options: { today: number; mark?: boolean } & OperationOptions): Promise<ClaimsResult> {
    return this.counted('claims', (context) => computeClaimsIn(context, options));
  }

  async writeClaimsSummary(options: { today: number } & OperationOptions): Promise<ClaimsSummaryResult> {
    return this.counted('claimsSummary', (context) => writeClaimsSummary(context, options));
  }

  async insertRegister(): Promise<TemplateResult> {
    const { value, syncs } = await this.door.run('register', (context) => insertRegister(context));
    return { sheetName: value, syncs };
  }

  async selectClaim(claim: { sheet: string; row: number }): Promise<void> {
    await this.door.run('select', (context) => selectClaim(context, claim));
  }
}
