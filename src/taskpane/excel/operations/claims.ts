/**
 * The claims register's operations (理赔登记), behind the door like the others:
 *
 * - computeClaimsIn (理赔计算): reads every visible sheet in blocks (blocks.ts, as the check reads),
 *   hands the roster sheets to the roster engine for its records and the register sheets to the
 *   claims engine, writes only the computed columns (应付金额, 计算说明, 应付日期, 状态; their headers
 *   when the register has none) and marks the findings' cells through marks.ts, so 清除标记 clears
 *   them like the check's marks.
 * - writeClaimsSummary (理赔汇总): the same reading, the engine's summary on a new sheet.
 * - insertRegister (插入理赔登记表): a new register sheet with the headers, formats and lists.
 * - selectClaim: shows a claim's row.
 *
 * "Today" is given by the pane (its clock): the engine never reads one.
 */
import { EVENTS, PLANS } from '../../../rules/catalogue';
import {
  claimHeader,
  ClaimsReport,
  COMPUTED_FIELDS,
  ComputedCell,
  computeClaims,
  computedCells,
  REGISTER_SHEET,
  REGISTER_TEMPLATE_FIELDS,
} from '../../../rules/claims';
import type { ClaimField } from '../../../rules/claims';
import { rosterRecordsOf, SheetInput } from '../../../rules/roster';
import type { ExcelContext } from '../door';
import { BYTES_PER_VALUE_CELL, uniqueSheetName } from '../plan';
import { AdapterError, ClaimsResult, ClaimsSummaryResult, Notice, OperationOptions } from '../types';
import { openWorkbook, throwIfAborted, Workbook } from './check';
import { readBlocks } from './blocks';
import { clearIn, markIn } from './marks';
import { SheetRows } from './summary';
import { newSheetName, TEMPLATE_ROWS } from './template';

export const CLAIMS_SUMMARY_SHEET = '理赔汇总';
/** The computed columns' header fill: set apart from the clerk's columns (the typed headers are blue). */
export const COMPUTED_HEADER_FILL = '#E2EFDA';
const TYPED_HEADER_FILL = '#DDEBF7';

const FORMATS: Record<ComputedCell['kind'], string> = { header: '@', amount: '#,##0.00', text: '@', date: 'yyyy-mm-dd' };

interface Settled {
  workbook: Workbook;
  report: ClaimsReport;
  notices: Notice[];
}

/** Every visible sheet's used range as arrays (the register and the rosters), read in blocks. */
async function readSheets(context: ExcelContext, workbook: Workbook, options: OperationOptions): Promise<SheetInput[]> {
  const sheets: SheetInput[] = [];
  const total = workbook.targets.reduce((sum, target) => sum + (target.used?.rowCount ?? 0), 0);
  let done = 0;
  for (const target of workbook.targets) {
    const used = target.used;
    if (target.hidden || !used) continue;
    const rows: unknown[][] = [];
    await readBlocks(context, target.sheet, used, {
      property: 'values',
      bytesPerCell: BYTES_PER_VALUE_CELL,
      merges: true,
      take: (block) => {
        rows.push(...block);
        done += block.length;
      },
      before: () => {
        throwIfAborted(options.signal);
        options.onProgress?.({ phase: 'reading', sheet: target.name, done, total });
      },
    });
    sheets.push({ name: target.name, rows, firstRow: used.rowIndex + 1, firstColumn: used.columnIndex + 1, date1904: workbook.date1904 });
  }
  throwIfAborted(options.signal);
  return sheets;
}

/** Reads the workbook and settles the claims: the register sheets against the roster sheets. */
async function settle(context: ExcelContext, today: number, options: OperationOptions): Promise<Settled> {
  const notices: Notice[] = [];
  const workbook = await openWorkbook(context, 'workbook', notices);
  const sheets = await readSheets(context, workbook, options);
  const roster = rosterRecordsOf(sheets);
  const report = computeClaims({ register: sheets, roster, today });
  if (report.sheets.length === 0) notices.push({ code: 'noRegister' });
  else if (roster.length === 0) notices.push({ code: 'noRoster' });
  return { workbook, report, notices };
}

/** Rows in runs of consecutive numbers: one range (and one entry in the request) per run. */
function runsOf(cells: readonly ComputedCell[]): ComputedCell[][] {
  const sorted = [...cells].sort((a, b) => a.row - b.row);
  const runs: ComputedCell[][] = [];
  for (const cell of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1].row === cell.row - 1) last.push(cell);
    else runs.push([cell]);
  }
  return runs;
}

/** Writes the computed cells of every unprotected register sheet; returns how many were written. */
function writeComputed(context: ExcelContext, settled: Settled): number {
  const { workbook, report, notices } = settled;
  const byName = new Map(workbook.targets.map((target) => [target.name, target]));
  const bySheetColumn = new Map<string, ComputedCell[]>();
  for (const cell of computedCells(report)) {
    const key = `${cell.sheet}\u0000${cell.column}`;
    const list = bySheetColumn.get(key);
    if (list) list.push(cell);
    else bySheetColumn.set(key, [cell]);
  }
  const protectedSheets = new Set<string>();
  let written = 0;
  for (const cells of bySheetColumn.values()) {
    const target = byName.get(cells[0].sheet);
    if (!target) continue;
    if (target.protected) {
      protectedSheets.add(target.name);
      continue;
    }
    for (const run of runsOf(cells)) {
      const range = target.sheet.getRangeByIndexes(run[0].row - 1, run[0].column - 1, run.length, 1);
      range.numberFormat = run.map((cell) => [FORMATS[cell.kind]]);
      range.values = run.map((cell) => [cell.value ?? '']);
      written += run.length;
    }
    for (const header of cells.filter((cell) => cell.kind === 'header')) {
      const range = target.sheet.getRangeByIndexes(header.row - 1, header.column - 1, 1, 1);
      range.format.font.bold = true;
      range.format.fill.color = COMPUTED_HEADER_FILL;
    }
  }
  for (const sheet of protectedSheets) notices.push({ code: 'protected', sheet });
  return written;
}

/** 理赔计算: settle every claim, write the computed columns, mark the findings. */
export async function computeClaimsIn(
  context: ExcelContext,
  options: { today: number; mark?: boolean } & OperationOptions,
): Promise<Omit<ClaimsResult, 'syncs'>> {
  const settled = await settle(context, options.today, options);
  const { workbook, report, notices } = settled;
  if (report.sheets.length === 0) return { report, written: 0, marked: 0, notes: 0, notices };
  const cleared = options.mark === false ? null : await clearIn(context, notices, options);
  if (cleared && cleared.restored + cleared.notesRemoved > 0) notices.push({ code: 'previousMarksCleared', count: cleared.restored });
  options.onProgress?.({ phase: 'writing', done: 0, total: 1 });
  const written = writeComputed(context, settled);
  await context.sync();
  let marked = 0;
  let notes = 0;
  if (cleared) ({ marked, notes } = await markIn(context, report.findings, workbook, cleared.storeRows, notices, options));
  return { report, written, marked, notes, notices };
}

/** 理赔汇总: the year's summary on a new sheet (never over one). */
export async function writeClaimsSummary(context: ExcelContext, options: { today: number } & OperationOptions): Promise<Omit<ClaimsSummaryResult, 'syncs'>> {
  const settled = await settle(context, options.today, options);
  if (settled.workbook.structureProtected) throw new AdapterError('failed', 'workbookProtected');
  const { report, notices } = settled;
  options.onProgress?.({ phase: 'writing', done: 0, total: 1 });
  const sheetName = uniqueSheetName(CLAIMS_SUMMARY_SHEET, settled.workbook.sheetNames);
  writeSummarySheet(context, sheetName, report);
  await context.sync();
  return { sheetName, report, notices };
}

function writeSummarySheet(context: ExcelContext, name: string, report: ClaimsReport): void {
  const { summary } = report;
  const sheet = context.workbook.worksheets.add(name);
  const width = 8;
  const table = new SheetRows(width);
  const rows = table.rows;
  const push = (row: (string | number)[], format: string[]) => table.push(row, format);
  const money = '#,##0.00';
  push(['理赔汇总'], ['@']);
  push([`截至 ${summary.today}；来源工作表：${summary.sheets.map((s) => s.sheet).join('、') || '（无）'}`], ['@']);
  push([], []);
  const header = rows.length;
  push(['参保计划', '笔数', '应付（元）', '已付（元）', '未付（元）', '逾期笔数', '得到帮助人数', '得到慰问人数'], Array(width).fill('@'));
  const planRows =
    summary.plans.length > 0
      ? summary.plans
      : [{ planName: '（无）', claims: 0, payable: 0, paid: 0, unpaid: 0, overdue: 0, peopleHelped: 0, peopleCondoled: 0 }];
  for (const plan of planRows) {
    push(
      [plan.planName, plan.claims, plan.payable, plan.paid, plan.unpaid, plan.overdue, plan.peopleHelped, plan.peopleCondoled],
      ['@', '0', money, money, money, '0', '0', '0'],
    );
  }
  const end = rows.length - 1;
  push(
    ['合计', summary.claims, summary.payable, summary.paid, summary.unpaid, summary.overdue, summary.peopleHelped, summary.peopleCondoled],
    ['@', '0', money, money, money, '0', '0', '0'],
  );
  const totalRow = rows.length - 1;
  push([], []);
  push([`${summary.peopleHelped} 名职工得到经济帮助，${summary.peopleCondoled} 名职工得到慰问金（按已给付的理赔，每人计一次）。`], ['@']);
  push([`即将到期 ${summary.dueSoon} 笔，待复核 ${summary.review} 笔；发现 ${summary.errors} 个错误、${summary.warnings} 个警告。`], ['@']);
  table.write(sheet);
  sheet.getRange('A1').format.font.bold = true;
  sheet.getRangeByIndexes(0, 0, 1, 1).format.font.size = 14;
  const plansTable = sheet.tables.add(sheet.getRangeByIndexes(header, 0, end - header + 1, width), true);
  plansTable.style = 'TableStyleMedium2';
  sheet.getRangeByIndexes(totalRow, 0, 1, width).format.font.bold = true;
  sheet.getRangeByIndexes(0, 0, rows.length, width).format.autofitColumns();
  sheet.activate();
}

function templateIndex(field: ClaimField): number {
  return [...REGISTER_TEMPLATE_FIELDS, ...COMPUTED_FIELDS].indexOf(field);
}

/** 插入理赔登记表: a new register sheet; returns its name. */
export async function insertRegister(context: ExcelContext): Promise<string> {
  const name = await newSheetName(context, REGISTER_SHEET);
  const sheet = context.workbook.worksheets.add(name);
  const typed = REGISTER_TEMPLATE_FIELDS.map(claimHeader);
  const computed = COMPUTED_FIELDS.map(claimHeader);
  const header = sheet.getRangeByIndexes(0, 0, 1, typed.length + computed.length);
  header.numberFormat = [[...typed, ...computed].map(() => '@')];
  header.values = [[...typed, ...computed]];
  header.format.font.bold = true;
  sheet.getRangeByIndexes(0, 0, 1, typed.length).format.fill.color = TYPED_HEADER_FILL;
  sheet.getRangeByIndexes(0, typed.length, 1, computed.length).format.fill.color = COMPUTED_HEADER_FILL;

  const body = (field: ClaimField) => sheet.getRangeByIndexes(1, templateIndex(field), TEMPLATE_ROWS, 1);
  const column = (format: string) => Array.from({ length: TEMPLATE_ROWS }, () => [format]);
  body('id').numberFormat = column('@');
  for (const field of ['eventDate', 'reviewDate', 'paidDate', 'dueDate'] as ClaimField[]) body(field).numberFormat = column('yyyy-mm-dd');
  body('payable').numberFormat = column('#,##0.00');
  const list = (field: ClaimField, items: readonly string[], title: string) => {
    const validation = body(field).dataValidation;
    validation.rule = { list: { inCellDropDown: true, source: items.join(',') } };
    validation.errorAlert = { showAlert: true, style: 'Warning', title, message: `请从列表中选择${title}：${items.join('、')}。` };
  };
  list(
    'plan',
    PLANS.map((plan) => plan.shortName),
    claimHeader('plan'),
  );
  list(
    'event',
    EVENTS.map((event) => event.names[0]),
    claimHeader('event'),
  );
  sheet.freezePanes.freezeRows(1);
  sheet.getRangeByIndexes(0, 0, 1, typed.length + computed.length).format.autofitColumns();
  body('id').format.columnWidth = 150;
  body('explanation').format.columnWidth = 300;
  sheet.activate();
  await context.sync();
  return name;
}

/** Shows a claim's row. */
export async function selectClaim(context: ExcelContext, claim: { sheet: string; row: number }): Promise<void> {
  const sheet = context.workbook.worksheets.getItem(claim.sheet);
  sheet.activate();
  sheet.getRange(`${claim.row}:${claim.row}`).select();
  await context.sync();
}
