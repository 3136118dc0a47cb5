/**
 * The pane's claims operations against the Excel stand-in: 理赔计算 writes only the computed columns
 * and marks what needs attention (清除标记 takes the marks off), 理赔汇总 adds a sheet, 插入理赔登记表
 * adds a register; and the pane settles the claims exactly as the engine does on the same values.
 */
import { computeClaims, STATUS_TITLES } from '../../src/rules/claims';
import { parseDate } from '../../src/rules/dates';
import { rosterRecordsOf } from '../../src/rules/roster';
import { ExcelAdapter } from '../../src/taskpane/excel/excelAdapter';
import { CLAIMS_SUMMARY_SHEET, COMPUTED_HEADER_FILL } from '../../src/taskpane/excel/operations/claims';
import { MARK_FILL } from '../../src/taskpane/excel/plan';
import { ExcelHost } from '../../src/taskpane/excel/types';
import { CellValue, ExcelStandIn, SheetSpec, solidFill, WorkbookState } from '../support/excelStandIn';
import { HEADER, idFor } from '../support/rosterFixtures';

const serial = (iso: string) => parseDate(iso) as number;
const TODAY = serial('2026-12-01');
const BO = idFor('19790909', 121);
const ANNA = idFor('19850505', 122);

const ROSTER: SheetSpec = {
  name: '花名册',
  rows: [
    HEADER,
    [1, '县医院', '薄', '男', BO, '指定疾病', 2, '2026-01-01', 2, '单位工会全额交纳', ''],
    [2, '县医院', '安娜', '女', ANNA, '团体意外', 1, '2026-01-01', 1, '单位工会全额交纳', ''],
  ],
};

const REGISTER_HEADER: CellValue[] = ['序号', '姓名', '身份证号', '参保计划', '事件', '明细', '出险日期', '审核日期', '给付日期', '备注'];

/** Row 3: paid; row 4: overdue; row 5: review; row 6: not enrolled. Dates as Excel gives them (serials). */
function registerSpec(): SheetSpec {
  return {
    name: '理赔登记',
    rows: [
      ['2026年理赔登记', '', '', '', '', '', '', '', '', ''],
      REGISTER_HEADER,
      [1, '薄', BO, '指定疾病', '重疾', '冠状动脉支架植入术', serial('2026-03-01'), serial('2026-03-10'), serial('2026-04-01'), '已付'],
      [2, '安娜', ANNA, '团体意外', '意外医疗', 1800, serial('2026-07-01'), serial('2026-09-01'), '', ''],
      [3, '薄', BO, '指定疾病', '重疾', '疑似肺癌', serial('2026-10-01'), '', '', ''],
      [4, '安娜', ANNA, '指定疾病', '重疾', '胃癌', serial('2026-10-02'), '', '', ''],
    ],
    fills: { H4: solidFill('#FFFF00') },
    notes: { C6: '经办人：身份证待核' },
  };
}

function setup(specs: SheetSpec[] = [ROSTER, registerSpec()]) {
  const workbook = new WorkbookState(specs);
  const standIn = new ExcelStandIn(workbook);
  const adapter = new ExcelAdapter(standIn as unknown as ExcelHost);
  return { workbook, adapter };
}

/** Columns A–J of the register: what the clerk typed. */
function typed(workbook: WorkbookState): CellValue[][] {
  return workbook.valuesOf('理赔登记').map((row) => row.slice(0, 10));
}

describe('理赔计算', () => {
  test('settles the claims exactly as the engine does on the same values', async () => {
    const { adapter } = setup();
    const result = await adapter.computeClaims({ today: TODAY, mark: false });
    const expected = computeClaims({
      register: [
        { name: '花名册', rows: ROSTER.rows as CellValue[][] },
        { name: '理赔登记', rows: registerSpec().rows as CellValue[][] },
      ],
      roster: rosterRecordsOf([
        { name: '花名册', rows: ROSTER.rows as CellValue[][] },
        { name: '理赔登记', rows: registerSpec().rows as CellValue[][] },
      ]),
      today: TODAY,
    });
    expect(result.report).toEqual(expected);
    expect(result.report.claims.map((claim) => claim.status)).toEqual(['paid', 'overdue', 'review', 'review']);
  });

  test('writes only the computed columns; the typed cells and the roster stay as they were', async () => {
    const { workbook, adapter } = setup();
    const before = typed(workbook);
    const rosterBefore = workbook.valuesOf('花名册');
    const formulasBefore = workbook.formulasOf('理赔登记');
    const result = await adapter.computeClaims({ today: TODAY });
    expect(typed(workbook)).toEqual(before);
    expect(workbook.formulasOf('理赔登记')).toEqual(formulasBefore);
    expect(workbook.valuesOf('花名册')).toEqual(rosterBefore);

    const values = workbook.valuesOf('理赔登记');
    // K…N: the four computed columns, their headers in row 2.
    expect(values[1].slice(10, 14)).toEqual(['应付金额', '计算说明', '应付日期', '状态']);
    expect(values[2].slice(10, 14)).toEqual([6000, expect.stringContaining('6,000'), serial('2026-04-22'), STATUS_TITLES.paid]);
    expect(values[3][13]).toBe(STATUS_TITLES.overdue);
    expect(values[4][10]).toBe('');
    expect(values[4][11]).toContain('疑似');
    expect(workbook.fillAt('理赔登记', 'K2').color).toBe(COMPUTED_HEADER_FILL);
    expect(result.written).toBe(4 + 4 * 4);
  });

  test('marks what needs attention, and 清除标记 puts every cell back', async () => {
    const { workbook, adapter } = setup();
    const fills = workbook.fillsOf('理赔登记');
    const notes = workbook.notesOf('理赔登记');
    const result = await adapter.computeClaims({ today: TODAY });
    const cells = result.report.findings.map((finding) => finding.cell);
    expect(cells).toEqual(['H4', 'F5', 'C6']);
    expect(workbook.fillAt('理赔登记', 'H4').color).toBe(MARK_FILL.error);
    expect(workbook.fillAt('理赔登记', 'F5').color).toBe(MARK_FILL.warning);
    expect(result.marked).toBe(3);

    const cleared = await adapter.clearMarks();
    expect(cleared.restored).toBe(3);
    const after = workbook.fillsOf('理赔登记');
    for (const cell of ['H4', 'F5', 'C6']) expect(after[cell] ?? null).toEqual(fills[cell] ?? null);
    expect(workbook.notesOf('理赔登记')).toEqual(notes);
  });

  test('a second run writes in place: no second set of columns', async () => {
    const { workbook, adapter } = setup();
    await adapter.computeClaims({ today: TODAY });
    const once = workbook.valuesOf('理赔登记');
    const again = await adapter.computeClaims({ today: TODAY });
    expect(workbook.valuesOf('理赔登记')).toEqual(once);
    expect(again.report.sheets[0].computed.every((column) => column.present)).toBe(true);
    expect(again.notices.map((notice) => notice.code)).toContain('previousMarksCleared');
  });

  test('says so when the workbook has no register', async () => {
    const { adapter } = setup([ROSTER]);
    const result = await adapter.computeClaims({ today: TODAY });
    expect(result.notices.map((notice) => notice.code)).toEqual(['noRegister']);
    expect(result.written).toBe(0);
  });
});

describe('理赔汇总 and 插入理赔登记表', () => {
  test('the summary goes on a new sheet, never over one', async () => {
    const { workbook, adapter } = setup([ROSTER, registerSpec(), { name: CLAIMS_SUMMARY_SHEET, rows: [['经办人自己的表']] }]);
    const written = await adapter.writeClaimsSummary({ today: TODAY });
    expect(written.sheetName).toBe(`${CLAIMS_SUMMARY_SHEET} (2)`);
    expect(workbook.valuesOf(CLAIMS_SUMMARY_SHEET)).toEqual([['经办人自己的表']]);
    const rows = workbook.valuesOf(written.sheetName);
    const total = rows.find((row) => row[0] === '合计') as CellValue[];
    expect(total.slice(0, 6)).toEqual(['合计', 4, 7800, 6000, 1800, 1]);
  });

  test('a new register sheet with the headers, the computed ones set apart, and the drop-down lists', async () => {
    const { workbook, adapter } = setup([ROSTER]);
    const inserted = await adapter.insertRegister();
    expect(inserted.sheetName).toBe('理赔登记');
    const header = workbook.valuesOf('理赔登记')[0];
    expect(header).toEqual([
      '序号',
      '单位',
      '姓名',
      '身份证号',
      '参保计划',
      '事件',
      '明细',
      '出险日期',
      '审核日期',
      '给付日期',
      '备注',
      '应付金额',
      '计算说明',
      '应付日期',
      '状态',
    ]);
    expect(workbook.fillAt('理赔登记', 'L1').color).toBe(COMPUTED_HEADER_FILL);
    expect(workbook.fillAt('理赔登记', 'K1').color).not.toBe(COMPUTED_HEADER_FILL);
    const validations = workbook.sheet('理赔登记').validations;
    expect(validations.map((validation) => validation.address)).toEqual(expect.arrayContaining(['E2:E2001', 'F2:F2001']));
    // The new register is read as one: 理赔计算 finds it (with no claims yet) and no roster problem in it.
    const result = await adapter.computeClaims({ today: TODAY });
    expect(result.report.summary.sheets).toEqual([{ sheet: '理赔登记', headerRow: 1, rows: 0 }]);
  });
});
