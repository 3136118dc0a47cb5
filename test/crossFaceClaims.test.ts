/**
 * The pane and `mutual-aid claims --json` agree on the same workbook: one file holding the roster
 * and the register (the pane's case: both in the workbook it has open) is settled by the command
 * (the file given as register and as roster) and by the pane's adapter reading what Excel's API
 * would hand it (test/support/workbookAsExcel.ts).
 */
import ExcelJS from 'exceljs';
import { join } from 'path';
import { claimsJson } from '../src/cli/claims';
import { parseDate } from '../src/rules/dates';
import { ExcelAdapter } from '../src/taskpane/excel/excelAdapter';
import { ExcelHost } from '../src/taskpane/excel/types';
import { cleanupDirs, runCli, tmpDir } from './cli/cliKit';
import { ExcelStandIn, WorkbookState } from './support/excelStandIn';
import { sheetsAsExcelHoldsThem } from './support/workbookAsExcel';

const EXAMPLES = join(__dirname, '..', 'examples');
const TODAY = '2026-12-01';

afterAll(cleanupDirs);

/** The sample roster's and the sample register's sheets in one workbook file. */
async function combinedWorkbook(): Promise<string> {
  const out = new ExcelJS.Workbook();
  for (const name of ['sample-roster.xlsx', 'sample-claims.xlsx']) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(EXAMPLES, name));
    for (const sheet of book.worksheets) {
      const copy = out.addWorksheet(sheet.name, { state: sheet.state });
      sheet.eachRow({ includeEmpty: false }, (row, number) => {
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          const target = copy.getCell(number, column);
          target.value = cell.value;
          target.numFmt = cell.numFmt;
        });
      });
      for (const range of (sheet.model as { merges?: string[] }).merges ?? []) copy.mergeCells(range);
    }
  }
  const file = join(tmpDir(), '理赔与花名册.xlsx');
  await out.xlsx.writeFile(file);
  return file;
}

test('the pane settles the sample register as `mutual-aid claims --json` does', async () => {
  const file = await combinedWorkbook();
  const command = await runCli(['claims', file, '--roster', file, '--today', TODAY, '--json']);
  expect(command.stderr).toBe('');
  expect(command.status).toBe(1);
  const fromCommand = JSON.parse(command.stdout);

  const workbook = new WorkbookState(await sheetsAsExcelHoldsThem(file));
  const adapter = new ExcelAdapter(new ExcelStandIn(workbook) as unknown as ExcelHost);
  const pane = await adapter.computeClaims({ today: parseDate(TODAY) as number, mark: false });
  // The pane's claims in the command's --json shape (the keys are pinned by test/cli/claims.test.ts).
  const paneJson = (claimsJson(pane.report) as { claims: unknown[] }).claims;

  expect(fromCommand.claims.length).toBe(12);
  expect(paneJson).toEqual(fromCommand.claims);
  expect(pane.report.findings).toEqual(fromCommand.findings);
  const { skipped: paneSkipped, ...paneSummary } = pane.report.summary;
  const { skipped: commandSkipped, ...commandSummary } = JSON.parse(JSON.stringify(fromCommand.summary, (key, value) => (key === 'file' ? undefined : value)));
  expect(paneSummary).toEqual(commandSummary);
  expect(paneSkipped.map((s: { sheet: string }) => s.sheet)).toEqual(commandSkipped.map((s: { sheet: string }) => s.sheet));
});
