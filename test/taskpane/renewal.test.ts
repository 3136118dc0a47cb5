/**
 * 与上年比对 and 生成续保花名册 through the Excel adapter against the stand-in: last year's roster
 * as a sheet of the workbook and as a roster read from a picked file give the engine's answer; the
 * mismatch is marked; next year's roster is a new sheet in the template's layout.
 */
import { PLANS } from '../../src/rules/catalogue';
import { readPreviousRoster } from '../../src/rules/renewal';
import { RosterChecker } from '../../src/rules/roster';
import { ExcelAdapter } from '../../src/taskpane/excel/excelAdapter';
import { MARK_FILL } from '../../src/taskpane/excel/plan';
import { NEXT_YEAR_SHEET, PREVIOUS_SHEET_REASON } from '../../src/taskpane/excel/operations/renewal';
import { AdapterError, ExcelHost } from '../../src/taskpane/excel/types';
import { CellValue, ExcelStandIn, WorkbookState } from '../support/excelStandIn';
import { makeId, member, personId, rosterRows } from '../rules/rosterKit';

const RETIREE = makeId({ birth: '19640101', seq: '015' });
const THIS_YEAR = rosterRows([
  member({ unit: '医院', name: '甲', id: personId(1), plan: '指定疾病', shares: 4 }),
  member({ unit: '医院', name: '乙', sex: '女', id: personId(2, 'F'), plan: '指定疾病', shares: 2, previousShares: 3 }),
  member({ unit: '医院', name: '戊', id: RETIREE, plan: '指定疾病', shares: 1, effectiveDate: '2026-06-01' }),
]) as CellValue[][];
const LAST_YEAR = rosterRows([
  member({ unit: '医院', name: '甲', id: personId(1), plan: '指定疾病', shares: 4, effectiveDate: '2025-01-01' }),
  member({ unit: '医院', name: '乙', sex: '女', id: personId(2, 'F'), plan: '指定疾病', shares: 2, effectiveDate: '2025-01-01' }),
  member({ unit: '医院', name: '丙', id: personId(3), plan: '综合', shares: 2, effectiveDate: '2025-01-01' }),
]) as CellValue[][];

const blank = (rows: CellValue[][]) => rows.map((row) => row.map((value) => value ?? ''));

function setup() {
  const workbook = new WorkbookState([
    { name: '花名册', rows: blank(THIS_YEAR) },
    { name: '2025', rows: blank(LAST_YEAR) },
  ]);
  const adapter = new ExcelAdapter(new ExcelStandIn(workbook) as unknown as ExcelHost);
  return { workbook, adapter };
}

/** The engine's answer on the same rows. */
function engineReport() {
  const checker = new RosterChecker({ previous: readPreviousRoster([{ name: '2025', rows: LAST_YEAR }]) });
  checker.addSheet({ name: '花名册', rows: THIS_YEAR });
  return checker.finish();
}

describe('与上年比对', () => {
  test("with last year's sheet: the engine's findings and renewal summary, the mismatch marked", async () => {
    const { workbook, adapter } = setup();
    expect(await adapter.listSheets()).toEqual(['花名册', '2025']);
    const result = await adapter.checkRenewal({ scope: 'activeSheet', previous: { kind: 'sheet', sheet: '2025' } });
    const expected = engineReport();
    expect(result.report).toEqual(expected);
    expect(result.report.findings.map((f) => `${f.rule}@${f.cell}`)).toEqual(['PREVIOUS_SHARES_MISMATCH@I3', 'AGE_OUT_OF_SERVICE@E4']);
    expect(result.report.summary.renewal).toMatchObject({
      renewing: 2,
      newMembers: 1,
      lapsed: [{ id: personId(3), name: '丙', unit: '医院', plan: '综合', shares: 2 }],
    });
    expect(result.marked).toBe(2);
    expect(workbook.sheet('花名册').fills.get('2,8')).toMatchObject({ color: MARK_FILL.error });
    // The lapsed member's row of last year's sheet is found and shown.
    const lapsed = result.previous.locate(result.report.summary.renewal!.lapsed[0])!;
    expect([lapsed.sheet, lapsed.row]).toEqual(['2025', 4]);
    await adapter.select({ sheet: lapsed.sheet, row: lapsed.row, cell: null });
    expect(workbook.activeSheet).toBe('2025');
  });

  test("whole workbook: last year's sheet is not part of this year's roster", async () => {
    const { adapter } = setup();
    const result = await adapter.checkRenewal({ scope: 'workbook', previous: { kind: 'sheet', sheet: '2025' }, mark: false });
    expect(result.report.findings).toEqual(engineReport().findings);
    expect(result.report.summary.skipped).toEqual([{ sheet: '2025', reason: PREVIOUS_SHEET_REASON }]);
    expect(result.report.summary.rows).toBe(3);
  });

  test("with a picked file's roster: the same answer as with the sheet", async () => {
    const { adapter } = setup();
    const roster = readPreviousRoster([{ name: '2025', file: '2025.xlsx', rows: LAST_YEAR }]);
    const result = await adapter.checkRenewal({ scope: 'activeSheet', previous: { kind: 'roster', roster }, mark: false });
    expect(result.report.summary.renewal).toEqual(engineReport().summary.renewal);
    expect(result.report.findings.filter((f) => f.rule === 'PREVIOUS_SHARES_MISMATCH').map((f) => f.message)).toEqual([
      expect.stringContaining('（2025.xlsx 2025!第3行）'),
    ]);
    expect(result.previous.locate(result.report.summary.renewal!.lapsed[0])).toMatchObject({ file: '2025.xlsx', row: 4 });
  });

  test("last year's sheet as this year's (the active sheet) is refused", async () => {
    const { workbook, adapter } = setup();
    workbook.activeSheet = '2025';
    await expect(adapter.checkRenewal({ scope: 'activeSheet', previous: { kind: 'sheet', sheet: '2025' } })).rejects.toEqual(
      new AdapterError('failed', 'previousIsThisYear'),
    );
  });
});

describe('生成续保花名册', () => {
  test('a new sheet: same people and plans, shares carried, a year later, the retiree left out; template layout', async () => {
    const { workbook, adapter } = setup();
    const result = await adapter.insertNextYear({ scope: 'activeSheet' });
    expect(result.sheetName).toBe(NEXT_YEAR_SHEET);
    expect(result.rows).toBe(2);
    expect(result.retiring).toEqual([expect.objectContaining({ id: RETIREE, name: '戊', nextEffectiveDate: '2027-06-01' })]);
    const values = workbook.valuesOf(NEXT_YEAR_SHEET);
    expect(values[1].slice(0, 9)).toEqual([1, '医院', '甲', '男', personId(1), '指定疾病', 4, 46388, 4]);
    const sheet = workbook.sheet(NEXT_YEAR_SHEET);
    expect(sheet.numberFormats.get('1,4')).toBe('@');
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.validations.find((v) => v.address.startsWith('F2:'))?.rule).toEqual({
      list: { inCellDropDown: true, source: PLANS.map((p) => p.shortName).join(',') },
    });
    // Checked against this year's sheet, the new roster renews everyone in it with no finding.
    workbook.activeSheet = NEXT_YEAR_SHEET;
    const again = await adapter.checkRenewal({ scope: 'activeSheet', previous: { kind: 'sheet', sheet: '花名册' }, mark: false });
    expect(again.report.findings).toEqual([]);
    expect(again.report.summary.renewal).toMatchObject({ renewing: 2, newMembers: 0, lapsed: [expect.objectContaining({ id: RETIREE })] });
  });
});
