/**
 * The summary operation: checks the roster (check.ts's reading) and writes the engine's summary —
 * people, shares and premium by unit and plan, totals, by funding method — on a new sheet.
 */
import type { RosterReport } from '../../../rules/roster';
import type { ExcelContext } from '../door';
import { uniqueSheetName } from '../plan';
import { AdapterError, Notice, OperationOptions, Scope, SummaryResult } from '../types';
import { openWorkbook, readRoster } from './check';

export const SUMMARY_SHEET = '缴费汇总';

export async function writeSummary(context: ExcelContext, options: { scope: Scope } & OperationOptions): Promise<Omit<SummaryResult, 'syncs'>> {
  const notices: Notice[] = [];
  const workbook = await openWorkbook(context, options.scope, notices);
  if (workbook.structureProtected) throw new AdapterError('failed', 'workbookProtected');
  const report = await readRoster(context, workbook, notices, options);
  options.onProgress?.({ phase: 'writing', done: 0, total: 1 });
  const sheetName = uniqueSheetName(SUMMARY_SHEET, workbook.sheetNames);
  writeSummarySheet(context, sheetName, report);
  await context.sync();
  options.onProgress?.({ phase: 'writing', done: 1, total: 1 });
  return { sheetName, report, notices };
}

function writeSummarySheet(context: ExcelContext, name: string, report: RosterReport): void {
  const { summary } = report;
  const sheet = context.workbook.worksheets.add(name);
  const width = 5;
  const rows: (string | number)[][] = [];
  const formats: string[][] = [];
  const push = (row: (string | number)[], format: string[]) => {
    rows.push([...row, ...Array(width - row.length).fill('')]);
    formats.push([...format, ...Array(width - format.length).fill('General')]);
  };
  push(['参保缴费汇总'], ['@']);
  push([`来源工作表：${summary.sheets.map((s) => s.sheet).join('、') || '（无）'}`], ['@']);
  push([], []);
  const unitsHeader = rows.length;
  push(['单位', '参保计划', '人数', '份数', '保障费（元）'], ['@', '@', '@', '@', '@']);
  const units = summary.units.length > 0 ? summary.units : [{ unit: '（无有效参保行）', planName: '', people: 0, shares: 0, premium: 0 }];
  for (const unit of units) push([unit.unit, unit.planName, unit.people, unit.shares, unit.premium], ['@', '@', '0', '0', '#,##0.00']);
  const unitsEnd = rows.length - 1;
  // The totals are the engine's, as the command shows them: people counted once however many
  // plans they are in (the unit rows count a person in each plan), and no sum of shares (shares of
  // different plans are not the same thing).
  push(['合计', '', summary.people, '', summary.premiumTotal], ['@', '@', '0', '@', '#,##0.00']);
  const totalRow = rows.length - 1;
  let fundingHeader = -1;
  let fundingEnd = -1;
  if (summary.byFunding && summary.byFunding.length > 0) {
    push([], []);
    push(['按出资方式'], ['@']);
    fundingHeader = rows.length;
    push(['出资方式', '人数', '保障费（元）'], ['@', '@', '@']);
    for (const entry of summary.byFunding) push([entry.funding, entry.people, entry.premium], ['@', '0', '#,##0.00']);
    fundingEnd = rows.length - 1;
  }
  push([], []);
  push(['各单位各计划的人数、份数和保障费只计参保计划和份数都有效的行，一人参加几个计划在每个计划中各计一人。'], ['@']);
  push(['合计人数是花名册中不重复的人数（按身份证号；身份证号无效的行各算一人），与 mutual-aid check 命令的"人数"相同。'], ['@']);
  if (summary.errors + summary.warnings > 0) {
    push([`校验发现 ${summary.errors} 个错误、${summary.warnings} 个警告：请先在花名册中修正，再重新生成汇总。`], ['@']);
  }

  const all = sheet.getRangeByIndexes(0, 0, rows.length, width);
  all.numberFormat = formats;
  all.values = rows;
  sheet.getRange('A1').format.font.bold = true;
  sheet.getRangeByIndexes(0, 0, 1, 1).format.font.size = 14;
  const unitsTable = sheet.tables.add(sheet.getRangeByIndexes(unitsHeader, 0, unitsEnd - unitsHeader + 1, width), true);
  unitsTable.style = 'TableStyleMedium2';
  sheet.getRangeByIndexes(totalRow, 0, 1, width).format.font.bold = true;
  if (fundingHeader >= 0) {
    const fundingTable = sheet.tables.add(sheet.getRangeByIndexes(fundingHeader, 0, fundingEnd - fundingHeader + 1, 3), true);
    fundingTable.style = 'TableStyleMedium2';
  }
  sheet.getRangeByIndexes(0, 0, rows.length, width).format.autofitColumns();
  sheet.activate();
}
