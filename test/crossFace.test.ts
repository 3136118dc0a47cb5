/**
 * The task pane and the command must agree: the same roster gives the same findings and the same
 * summary in both, since both feed the one engine. Here a workbook is checked by the command
 * (reading the .xlsx file) and by the pane's Excel adapter, reading what Excel's API would hand it:
 * date cells as serial numbers, formulas as their results, the cells a merged area covers blank
 * (Range.values) with the merged areas themselves (Range.getMergedAreasOrNullObject), and each
 * sheet's visibility. Both faces read a covered cell as its merged area's value and pass hidden
 * sheets over, listing them as skipped.
 */
import { join } from 'path';
import { readPreviousRoster } from '../src/rules/renewal';
import { HIDDEN_SHEET_REASON } from '../src/rules/roster';
import { ExcelAdapter } from '../src/taskpane/excel/excelAdapter';
import { ExcelHost } from '../src/taskpane/excel/types';
import { cleanupDirs, runCli, tmpDir, writeWorkbook } from './cli/cliKit';
import { CellValue, ExcelStandIn, WorkbookState } from './support/excelStandIn';
import { sheetsAsExcelHoldsThem } from './support/workbookAsExcel';
import { HEADER, idFor } from './support/rosterFixtures';

const SAMPLE = join(__dirname, '..', 'examples', 'sample-roster.xlsx');

afterAll(cleanupDirs);

/** The same value without the `file` the command adds to findings, sheets and skipped sheets. */
function withoutFile<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'file' ? undefined : v))) as T;
}

/** Checks a workbook with the command (--json) and with the pane; returns both reports. */
async function bothFaces(file: string) {
  const command = await runCli(['check', file, '--json']);
  expect(command.stderr).toBe('');
  const fromCommand = withoutFile(JSON.parse(command.stdout));
  const workbook = new WorkbookState(await sheetsAsExcelHoldsThem(file));
  const adapter = new ExcelAdapter(new ExcelStandIn(workbook) as unknown as ExcelHost);
  const pane = await adapter.check({ scope: 'workbook', mark: false });
  return { command: fromCommand, commandStatus: command.status, pane: pane.report, notices: pane.notices, adapter, workbook };
}

test('the example roster: the pane finds and sums exactly what the command does', async () => {
  const { command, commandStatus, pane, adapter, workbook } = await bothFaces(SAMPLE);
  expect(commandStatus).toBe(1);
  expect(command.findings.length).toBeGreaterThan(5);
  expect(pane.findings).toEqual(command.findings);
  expect(pane.summary).toEqual(command.summary);
  expect(pane.summary.people).toBe(command.summary.people);
  expect(pane.summary.premiumTotal).toBe(command.summary.premiumTotal);
  expect(pane.summary.units).toEqual(command.summary.units);
  expect(pane.summary.skipped).toEqual(command.summary.skipped);

  // The 缴费汇总 sheet's total is the command's: distinct people, not people per unit × plan added up.
  const written = await adapter.writeSummary({ scope: 'workbook' });
  const total = workbook.valuesOf(written.sheetName).find((row) => row[0] === '合计') as CellValue[];
  expect(total).toEqual(['合计', '', command.summary.people, '', command.summary.premiumTotal]);
  const perUnit = command.summary.units.reduce((sum: number, unit: { people: number }) => sum + unit.people, 0);
  expect(perUnit).not.toBe(command.summary.people);
});

test('merged 参保计划 and 份数 down a unit, a title row, a hidden sheet with a conflicting enrolment: both faces agree', async () => {
  const file = join(tmpDir(), 'merged-hidden.xlsx');
  const title = '2026年度职工互助保障参保花名册';
  const zhang = idFor('19800101', 123);
  const unitRow = (seq: number, unit: string, name: string, sex: string, id: string, plan: string, shares: number) => [
    seq,
    unit,
    name,
    sex,
    id,
    plan,
    shares,
    '2026-01-01',
    '',
    '单位工会全额交纳',
    '',
  ];
  await writeWorkbook(file, [
    {
      name: '花名册',
      rows: [
        [title],
        HEADER,
        // 县供电公司, rows 3–7: 单位, 参保计划, 份数 and 生效日期 written once, merged down.
        unitRow(1, '县供电公司', '张三', '男', zhang, '综合', 2),
        [2, undefined, '李四', '男', idFor('19810202', 125)],
        [3, undefined, '王芳', '女', idFor('19820303', 128)],
        [4, undefined, '赵六', '男', `${idFor('19830404', 129).slice(0, 17)}0`],
        [5, undefined, '钱七', '男', idFor('19840505', 131)],
        // 县水利局, rows 8–9: 参保计划, 份数 and 生效日期 merged; 单位 written in both rows.
        unitRow(6, '县水利局', '孙八', '男', idFor('19850606', 133), '指定疾病', 1),
        [7, '县水利局', '周九', '男', idFor('19860808', 137)],
        ['合计'],
      ],
      merges: ['A1:K1', 'B3:B7', 'F3:F7', 'G3:G7', 'H3:H7', 'F8:F9', 'G8:G9', 'H8:H9'],
    },
    {
      // Last year's roster, hidden: 张三 in 指定疾病, which excludes 综合. Not checked by either face.
      name: '旧表',
      state: 'hidden',
      rows: [HEADER, unitRow(1, '县供电公司', '张三', '男', zhang, '指定疾病', 1)],
    },
    { name: '存档', state: 'veryHidden', rows: [HEADER, unitRow(1, '县供电公司', '张三', '男', zhang, '综合', 2)] },
    { name: '填表说明', rows: [['每人一行']] },
  ]);

  const { command, pane, notices } = await bothFaces(file);
  expect(pane.findings).toEqual(command.findings);
  expect(pane.summary).toEqual(command.summary);

  // What both must say, not only agree on: covered cells read as their merged value …
  expect(pane.findings.filter((f) => f.rule === 'MISSING_FIELD')).toEqual([]);
  expect(pane.findings.map((f) => `${f.cell} ${f.rule}`)).toEqual(['E6 ID_INVALID']);
  expect(pane.summary.units.map((u) => [u.unit, u.planName, u.people, u.shares])).toEqual([
    ['县供电公司', '综合', 5, 10],
    ['县水利局', '指定疾病', 2, 2],
  ]);
  expect(pane.summary.people).toBe(7);
  // … and the hidden sheets are passed over (no duplicate or conflict with them), listed as skipped.
  expect(pane.summary.skipped).toEqual([
    { sheet: '旧表', reason: HIDDEN_SHEET_REASON },
    { sheet: '存档', reason: HIDDEN_SHEET_REASON },
    { sheet: '填表说明', reason: expect.stringContaining('找不到花名册表头') },
  ]);
  expect(notices).toContainEqual({ code: 'hiddenSkipped', sheet: '旧表' });
});

describe('renewal: the pane and check --previous agree on the example rosters', () => {
  const LAST = join(__dirname, '..', 'examples', 'last-year-roster.xlsx');

  test("last year as a sheet of the workbook, and as a picked file, give the command's findings and summary.renewal", async () => {
    const cli = await runCli(['check', SAMPLE, '--previous', LAST, '--json']);
    expect(cli.status).toBe(1);
    const command = JSON.parse(cli.stdout);
    expect(command.summary.renewal.lapsed.length).toBeGreaterThan(0);

    const lastSheets = await sheetsAsExcelHoldsThem(LAST);
    const workbook = new WorkbookState([...(await sheetsAsExcelHoldsThem(SAMPLE)), ...lastSheets]);
    const adapter = new ExcelAdapter(new ExcelStandIn(workbook) as unknown as ExcelHost);
    const bySheet = await adapter.checkRenewal({ scope: 'activeSheet', previous: { kind: 'sheet', sheet: lastSheets[0].name }, mark: false });
    const roster = readPreviousRoster(lastSheets.map((sheet) => ({ name: sheet.name, rows: sheet.rows ?? [] })));
    const byFile = await adapter.checkRenewal({ scope: 'activeSheet', previous: { kind: 'roster', roster }, mark: false });

    for (const pane of [bySheet, byFile]) {
      // Messages name last year's row with the file in the command; compare without it.
      const strip = (findings: { message: string }[]) => withoutFile(findings).map((f) => ({ ...f, message: f.message.replace(/（.*!第\d+行）$/, '') }));
      expect(strip(pane.report.findings)).toEqual(strip(command.findings));
      expect(pane.report.summary.renewal).toEqual(command.summary.renewal);
    }
  });
});
