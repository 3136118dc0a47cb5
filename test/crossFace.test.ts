/**
 * The task pane and the command must agree: the same roster gives the same findings in both, since
 * both feed the one engine. Here the example workbook is checked by the command (reading the .xlsx
 * file) and by the pane's Excel adapter (reading the values Excel's API would hand it: date cells as
 * serial numbers, merged cells blank but for their first cell, formulas as their results).
 */
import ExcelJS from 'exceljs';
import { join } from 'path';
import { parseDate } from '../src/rules/dates';
import { ExcelAdapter } from '../src/taskpane/excel/excelAdapter';
import { ExcelHost } from '../src/taskpane/excel/types';
import { runCli } from './cli/cliKit';
import { CellValue, ExcelStandIn, SheetSpec, WorkbookState } from './support/excelStandIn';

const SAMPLE = join(__dirname, '..', 'examples', 'sample-roster.xlsx');

/** A cell as Range.values gives it. */
function excelApiValue(cell: ExcelJS.Cell): CellValue {
  if (cell.isMerged && cell.master.address !== cell.address) return '';
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return parseDate(value) as number;
  if (typeof value === 'object') {
    if ('result' in value) return value.result instanceof Date ? (parseDate(value.result) as number) : ((value.result as CellValue) ?? '');
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
    return '';
  }
  return value as CellValue;
}

async function sheetsAsExcelShowsThem(file: string): Promise<SheetSpec[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets.map((sheet) => {
    const rows: CellValue[][] = [];
    for (let r = 1; r <= sheet.rowCount; r += 1) {
      const row: CellValue[] = [];
      for (let c = 1; c <= sheet.columnCount; c += 1) row.push(excelApiValue(sheet.getCell(r, c)));
      rows.push(row);
    }
    return { name: sheet.name, rows };
  });
}

test('the example roster: the pane finds exactly what the command finds', async () => {
  const command = await runCli(['check', SAMPLE, '--json']);
  expect(command.status).toBe(1);
  const fromCommand = JSON.parse(command.stdout).findings.map(({ file: _file, ...finding }: { file?: string }) => finding);

  const standIn = new ExcelStandIn(new WorkbookState(await sheetsAsExcelShowsThem(SAMPLE)));
  const pane = await new ExcelAdapter(standIn as unknown as ExcelHost).check({ scope: 'workbook' });

  expect(fromCommand.length).toBeGreaterThan(5);
  expect(pane.report.findings).toEqual(fromCommand);
  expect(pane.report.summary.premiumTotal).toBe(JSON.parse(command.stdout).summary.premiumTotal);
});
