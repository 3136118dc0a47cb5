/**
 * The summary operation: checks the roster (check.ts's reading) and writes the engine's summary —
 * people, shares and premium by unit and plan, totals, by funding method — on a new sheet.
 */
import type { RosterReport } from '../../../rules/roster';
import type { ExcelContext } from '../door';
import { uniqueSheetName } from '../plan';
import { AdapterError, Notice, OperationOptions, Scope, SummaryResult } from '../types';
import { openWorkbook, readRoster } from './check';
import { SUMMARY_SHEET, SUMMARY_WIDTH, summaryTable } from '../../../ui/summaryTable';

// The sheet's cells are the shared summary table (also the offline page's download).
export { SUMMARY_SHEET };

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

/**
 * The rows of a summary sheet, each padded to the sheet's width, with their number formats: written
 * in one range (values and formats) once complete.
 */
export class SheetRows {
  readonly rows: (string | number)[][] = [];
  readonly formats: string[][] = [];

  constructor(readonly width: number) {}

  push(row: (string | number)[], format: string[]): void {
    this.rows.push([...row, ...Array(this.width - row.length).fill('')]);
    this.formats.push([...format, ...Array(this.width - format.length).fill('General')]);
  }

  /** Writes the rows from A1 of the sheet. */
  write(sheet: Excel.Worksheet): Excel.Range {
    const all = sheet.getRangeByIndexes(0, 0, this.rows.length, this.width);
    all.numberFormat = this.formats;
    all.values = this.rows;
    return all;
  }
}

function writeSummarySheet(context: ExcelContext, name: string, report: RosterReport): void {
  const sheet = context.workbook.worksheets.add(name);
  const width = SUMMARY_WIDTH;
  const { rows, formats, unitsHeader, unitsEnd, totalRow, fundingHeader, fundingEnd } = summaryTable(report);

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
