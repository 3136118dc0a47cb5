/**
 * Renewal (续保) in the pane:
 * - checkRenewal: 与上年比对. Last year's roster is a sheet of this workbook (read here in blocks, as
 *   the check reads) or rows the pane read from a picked file; this year's roster is read and
 *   checked as 校验花名册 does, with the comparison added, and marked the same way. In
 *   whole-workbook mode last year's sheet is not part of this year's roster.
 * - insertNextYear: 生成续保花名册. Next year's roster (src/rules/renewal) as a new sheet in the
 *   template's layout (ID column as text, drop-down lists, frozen header).
 */
import { nextYearRosterFrom, PreviousRoster, previousRosterOf, RetiringMember } from '../../../rules/renewal';
import { RosterChecker, RosterReport } from '../../../rules/roster';
import { TEMPLATE_BODY_ROWS, TEMPLATE_COLUMNS } from '../../../rules/roster/template';
import type { ExcelContext } from '../door';
import { chunkRows, MARKS_SHEET, uniqueSheetName } from '../plan';
import { AdapterError, Notice, OperationOptions, PreviousChoice, Scope } from '../types';
import { CheckOutcome, markReport, openWorkbook, readRoster, Workbook } from './check';
import { layoutRosterSheet } from './template';

export const NEXT_YEAR_SHEET = '续保花名册';
/** Why last year's sheet is not read as part of this year's roster (listed as skipped). */
export const PREVIOUS_SHEET_REASON = '上年花名册（比对用，不作本年花名册检查）';

export interface RenewalOutcome extends CheckOutcome {
  /** Last year's roster as read, for showing a lapsed member's row. */
  previous: PreviousRoster;
}

/** The visible sheets, in the workbook's order (the choice of last year's sheet). */
export async function listSheets(context: ExcelContext): Promise<string[]> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name,items/visibility');
  await context.sync();
  return sheets.items.filter((sheet) => sheet.visibility === 'Visible' && sheet.name !== MARKS_SHEET).map((sheet) => sheet.name);
}

async function readPreviousSheet(context: ExcelContext, name: string, options: OperationOptions): Promise<PreviousRoster> {
  const all = await openWorkbook(context, 'workbook', []);
  const target = all.targets.find((candidate) => candidate.name === name);
  if (!target || target.hidden) throw new AdapterError('failed', 'ItemNotFound');
  const checker = new RosterChecker();
  await readRoster(context, { ...all, targets: [target] }, [], options, checker);
  return previousRosterOf(checker);
}

export async function checkRenewal(
  context: ExcelContext,
  options: { scope: Scope; previous: PreviousChoice; mark?: boolean } & OperationOptions,
): Promise<RenewalOutcome> {
  const notices: Notice[] = [];
  const previousSheet = options.previous.kind === 'sheet' ? options.previous.sheet : null;
  const previous = options.previous.kind === 'sheet' ? await readPreviousSheet(context, options.previous.sheet, options) : options.previous.roster;

  const opened = await openWorkbook(context, options.scope, notices);
  if (previousSheet !== null && options.scope === 'activeSheet' && opened.targets.some((target) => target.name === previousSheet)) {
    throw new AdapterError('failed', 'previousIsThisYear');
  }
  const checker = new RosterChecker({ previous });
  if (previousSheet !== null && options.scope === 'workbook') checker.skipSheet(previousSheet, PREVIOUS_SHEET_REASON);
  const workbook: Workbook = { ...opened, targets: opened.targets.filter((target) => target.name !== previousSheet) };
  const report = await readRoster(context, workbook, notices, options, checker);

  return { report, notices, previous, ...(await markReport(context, report, workbook, notices, options)) };
}

export interface NextYearOutcome {
  sheetName: string;
  /** Members written to the new sheet. */
  rows: number;
  retiring: RetiringMember[];
  report: RosterReport;
  notices: Notice[];
}

/** Reads this year's roster (scope), builds next year's and adds it as a new sheet. */
export async function insertNextYear(context: ExcelContext, options: { scope: Scope } & OperationOptions): Promise<NextYearOutcome> {
  const notices: Notice[] = [];
  const workbook = await openWorkbook(context, options.scope, notices);
  if (workbook.structureProtected) throw new AdapterError('failed', 'workbookProtected');
  const checker = new RosterChecker({ keepCells: true });
  const report = await readRoster(context, workbook, notices, options, checker);
  const roster = nextYearRosterFrom(checker.personRows());

  const name = uniqueSheetName(NEXT_YEAR_SHEET, workbook.sheetNames);
  const sheet = context.workbook.worksheets.add(name);
  const width = TEMPLATE_COLUMNS.length;
  layoutRosterSheet(sheet, Math.max(roster.rows.length, TEMPLATE_BODY_ROWS));
  await context.sync();

  // The rows in blocks sized for the payload budget, one sync each (formats are already in place,
  // so an ID is entered into a text cell and keeps all 18 digits).
  const perWrite = chunkRows(width, context.budgetBytes);
  for (let start = 0; start < roster.rows.length; start += perWrite) {
    const block = roster.rows.slice(start, start + perWrite).map((row) => row.map((value) => value ?? ''));
    sheet.getRangeByIndexes(1 + start, 0, block.length, width).values = block;
    options.onProgress?.({ phase: 'writing', done: start + block.length, total: roster.rows.length });
    // One sync per block on purpose: each block stays under the request payload limit.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
  }
  sheet.activate();
  await context.sync();
  return { sheetName: name, rows: roster.rows.length, retiring: roster.retiring, report, notices };
}
