/**
 * The premium summary as a table of cells: what the task pane writes on its 缴费汇总 sheet and what
 * the offline checker page downloads as a workbook, in the same words. Layout only: every figure is
 * the engine's (src/rules/roster summary).
 */
import type { RosterReport } from '../rules/roster';

export const SUMMARY_SHEET = '缴费汇总';

/** Columns of the table (the unit rows are the widest). */
export const SUMMARY_WIDTH = 5;

/** Excel number formats: '@' text, '0' whole number, money with two decimals. */
export type SummaryFormat = '@' | '0' | '#,##0.00' | 'General';

export interface SummaryTable {
  /** Every row SUMMARY_WIDTH cells wide ('' where empty). */
  rows: (string | number)[][];
  formats: SummaryFormat[][];
  /** 0-based rows: the unit × plan table's header and last row, the totals row. */
  unitsHeader: number;
  unitsEnd: number;
  totalRow: number;
  /** The funding table's header and last row, or -1 when the roster has no 出资方式 column. */
  fundingHeader: number;
  fundingEnd: number;
}

export function summaryTable(report: RosterReport): SummaryTable {
  const { summary } = report;
  const rows: (string | number)[][] = [];
  const formats: SummaryFormat[][] = [];
  const push = (row: (string | number)[], format: SummaryFormat[]) => {
    rows.push([...row, ...Array<string>(SUMMARY_WIDTH - row.length).fill('')]);
    formats.push([...format, ...Array<SummaryFormat>(SUMMARY_WIDTH - format.length).fill('General')]);
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
  return { rows, formats, unitsHeader, unitsEnd, totalRow, fundingHeader, fundingEnd };
}
