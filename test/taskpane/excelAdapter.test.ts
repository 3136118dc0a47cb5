/**
 * The task pane's Excel adapter against the instrumented stand-in (test/support/excelStandIn.ts):
 * the same findings as the engine, marks that come off exactly, bounded syncs, and a message for
 * every way it can fail.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkRoster, HIDDEN_SHEET_REASON, RULE_SEVERITY } from '../../src/rules/roster';
import { PLANS } from '../../src/rules/catalogue';
import { ExcelAdapter, SUMMARY_SHEET, TEMPLATE_ROWS, TEMPLATE_SHEET } from '../../src/taskpane/excel/excelAdapter';
import { encodeFill, MARK_FILL, MARKS_SHEET, NOTE_PREFIX } from '../../src/taskpane/excel/plan';
import { AdapterError, ExcelHost, Progress } from '../../src/taskpane/excel/types';
import { CellValue, ExcelStandIn, FillState, NO_FILL, SheetSpec, solidFill, StandInOptions, WorkbookState } from '../support/excelStandIn';
import { faultyRoster, faultyRosterFormulas, HEADER, idFor, largeRoster } from '../support/rosterFixtures';

const ROSTER = '花名册';

/** Fills the clerk had before any check: yellow, explicit white, a pattern, a tinted theme colour. */
const CLERK_FILLS: Record<string, FillState> = {
  E4: solidFill('#FFFF00'),
  D5: solidFill('#FFFFFF'),
  F6: { color: '#DDEBF7', pattern: 'Gray25', patternColor: '#4472C4', tintAndShade: 0, patternTintAndShade: 0 },
  C8: solidFill('#5B9BD5', 0.4),
  A1: solidFill('#1F4E78'),
};
const CLERK_NOTES = { G7: '经办人:两份是口头报的,待确认', B3: '单位已缴费' };

function rosterSpec(overrides: Partial<SheetSpec> = {}): SheetSpec {
  return { name: ROSTER, rows: faultyRoster(), formulas: faultyRosterFormulas(), fills: CLERK_FILLS, notes: CLERK_NOTES, ...overrides };
}

function setup(specs: SheetSpec[] = [rosterSpec()], options: StandInOptions = {}) {
  const workbook = new WorkbookState(specs);
  const standIn = new ExcelStandIn(workbook, options);
  const adapter = new ExcelAdapter(standIn as unknown as ExcelHost);
  return { workbook, standIn, adapter };
}

/** Reopening the file: a new Excel (stand-in) and a new pane (adapter) over the same workbook. */
function reopen(workbook: WorkbookState, options: StandInOptions = {}) {
  const standIn = new ExcelStandIn(workbook, options);
  return { standIn, adapter: new ExcelAdapter(standIn as unknown as ExcelHost) };
}

function snapshot(workbook: WorkbookState, sheet = ROSTER) {
  return { values: workbook.valuesOf(sheet), formulas: workbook.formulasOf(sheet) };
}

/** Addresses from row `from` on moved by `by` rows (rows inserted or deleted above them). */
function shifted<T>(byAddress: Record<string, T>, from: number, by: number): Record<string, T> {
  return Object.fromEntries(
    Object.entries(byAddress).map(([address, value]) => {
      const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(address) as RegExpExecArray;
      const row = Number(digits);
      return [`${letters}${row >= from ? row + by : row}`, value];
    }),
  );
}

function without<T>(byAddress: Record<string, T>, ...addresses: string[]): Record<string, T> {
  return Object.fromEntries(Object.entries(byAddress).filter(([address]) => !addresses.includes(address)));
}

function notesWithoutOurs(workbook: WorkbookState, sheet = ROSTER): Record<string, string> {
  return Object.fromEntries(Object.entries(workbook.notesOf(sheet)).filter(([, text]) => !text.startsWith(NOTE_PREFIX)));
}

describe('reading and checking', () => {
  test('finds exactly what the engine finds in the same values', async () => {
    const { adapter } = setup();
    const result = await adapter.check({ scope: 'activeSheet' });
    const expected = checkRoster([{ name: ROSTER, rows: faultyRoster() }]);
    expect(result.report).toEqual(expected);
    expect(result.report.findings.map((f) => `${f.cell} ${f.rule}`)).toEqual([
      'E4 ID_INVALID',
      'D5 GENDER_MISMATCH',
      'F6 PLAN_UNKNOWN',
      'G7 SHARES_INVALID',
      'C8 MISSING_FIELD',
      'E9 AGE_OUT_OF_SERVICE',
      'F10 PLAN_GENDER',
      'H12 DATE_INVALID',
    ]);
  });

  test('a roster that starts right of column A and below row 1 keeps its cell addresses', async () => {
    const shifted = faultyRoster().map((row) => ['', '', ...row]);
    const { adapter } = setup([{ name: ROSTER, rows: [[], [], [], ...shifted] }]);
    const result = await adapter.check({ scope: 'activeSheet', mark: false });
    const expected = checkRoster([{ name: ROSTER, rows: [[], [], [], ...shifted] }]);
    expect(result.report.findings).toEqual(expected.findings);
    expect(result.report.findings[0].cell).toBe('G7');
  });

  test('whole workbook: every visible sheet is one roster; hidden sheets are skipped and said so', async () => {
    const second = [HEADER, [1, '县水利局', '张三', '男', idFor('19800101', 123), '指定疾病', 1, '2026-01-01', '', '', '']];
    const { adapter } = setup([rosterSpec(), { name: '水利局', rows: second }, { name: '旧表', rows: second, visibility: 'Hidden' }]);
    const result = await adapter.check({ scope: 'workbook', mark: false });
    const conflict = result.report.findings.filter((f) => f.rule === 'PLAN_CONFLICT');
    expect(conflict.map((f) => `${f.sheet}!${f.cell}`)).toEqual(['花名册!F3', '水利局!F2']);
    expect(result.notices).toContainEqual({ code: 'hiddenSkipped', sheet: '旧表' });
    expect(result.report.summary.sheets.map((s) => s.sheet)).toEqual([ROSTER, '水利局']);
  });
});

describe('a workbook in the 1904 date system (old Mac Excel files)', () => {
  /**
   * The faulty roster with its effective dates as date cells, as Range.values gives them: serials of
   * the 1900 system (shift 0) or of the 1904 system (shift 1462: 2026-01-01 is 44561). A man born
   * 2010-01-01 turns 16 on the effective date; were 44561 read as a 1900 serial (2021-12-31), he
   * would be 11.
   */
  function datedRoster(shift: number): CellValue[][] {
    const rows = faultyRoster().map((row) =>
      row.map((value, c) => (c !== 7 ? value : value === '2026-01-01' ? 46023 - shift : typeof value === 'number' ? value - shift : value)),
    );
    rows.splice(rows.length - 1, 0, [11, '县供电公司', '冯二', '男', idFor('20100101', 141), '综合', 2, 46023 - shift, '', '单位工会全额交纳', '']);
    return rows;
  }

  function check(rows: CellValue[][], date1904: boolean, options: StandInOptions = {}) {
    const standIn = new ExcelStandIn(new WorkbookState([{ name: ROSTER, rows }], { date1904 }), options);
    return { standIn, result: new ExcelAdapter(standIn as unknown as ExcelHost).check({ scope: 'activeSheet', mark: false }) };
  }

  test('its 1904 serials give exactly the findings of the 1900 roster, in the same syncs', async () => {
    const plain = await check(datedRoster(0), false).result;
    const mac = check(datedRoster(1462), true);
    const result = await mac.result;
    expect(result.report).toEqual(plain.report);
    expect(result.report.findings.some((f) => f.row === 13)).toBe(false);
    // The date system is asked in the first sync the adapter already makes.
    expect(mac.standIn.callsByName['Functions.date']).toBe(1);
    expect(result.syncs).toBe(plain.syncs);
  });
});

describe('marks', () => {
  test('red for errors, amber for warnings, a note on each; values and formulas untouched', async () => {
    const { workbook, adapter } = setup();
    const before = snapshot(workbook);
    const result = await adapter.check({ scope: 'activeSheet' });

    expect(snapshot(workbook)).toEqual(before);
    expect(workbook.sheet(ROSTER).valueWrites).toEqual([]);
    expect(result.marked).toBe(8);
    for (const finding of result.report.findings) {
      const fill = workbook.fillAt(ROSTER, finding.cell as string);
      expect(fill.color).toBe(MARK_FILL[RULE_SEVERITY[finding.rule]]);
      expect(fill.pattern).toBe('Solid');
      expect(fill.tintAndShade).toBe(0);
    }
    expect(workbook.fillAt(ROSTER, 'E9').color).toBe(MARK_FILL.warning);
    // Cells without findings keep their fills.
    expect(workbook.fillAt(ROSTER, 'A1')).toEqual(CLERK_FILLS.A1);
    expect(workbook.fillAt(ROSTER, 'E3')).toEqual(NO_FILL);

    const notes = workbook.notesOf(ROSTER);
    // G7 had the clerk's note: it is kept, and no second note is added.
    expect(notes.G7).toBe(CLERK_NOTES.G7);
    expect(notes.B3).toBe(CLERK_NOTES.B3);
    const ours = Object.entries(notes).filter(([, text]) => text.startsWith(NOTE_PREFIX));
    expect(ours.map(([cell]) => cell).sort()).toEqual(['C8', 'D5', 'E4', 'E9', 'F10', 'F6', 'H12'].sort());
    expect(notes.E4).toContain('校验位错误');
    expect(result.notes).toBe(7);
    expect(result.notices).toContainEqual({ code: 'notesKept', count: 1 });
  });

  test('the marks sheet is very hidden; each mark is a formula pointing at its cell, with the fill it had', async () => {
    const { workbook, adapter } = setup();
    await adapter.check({ scope: 'activeSheet' });
    const store = workbook.sheet(MARKS_SHEET);
    expect(store.visibility).toBe('VeryHidden');
    const rows = workbook.valuesOf(MARKS_SHEET);
    const formulas = workbook.formulasOf(MARKS_SHEET);
    expect(rows[0]).toEqual(['cell', 'fill', 'note', 'mark', 'checked']);
    expect(rows).toHaveLength(1 + 8);
    const at = (cell: string) => rows.findIndex((row) => row[4] === `${ROSTER}!${cell}`);
    expect(formulas[`A${at('E4') + 1}`]).toBe(`=ROW('${ROSTER}'!E4)`);
    expect(formulas[`A${at('H12') + 1}`]).toBe(`=ROW('${ROSTER}'!H12)`);
    // The formulas' values are row numbers: nothing of the clerk's data is copied into the sheet.
    expect(rows.slice(1).map((row) => row[0])).toEqual(rows.slice(1).map((row) => Number(/\d+$/.exec(String(row[4]))?.[0])));
    const clerkTexts = new Set(
      workbook
        .valuesOf(ROSTER)
        .flat()
        .filter((value) => typeof value === 'string' && value !== ''),
    );
    expect(rows.flat().filter((value) => clerkTexts.has(value as string))).toEqual([]);
    expect(JSON.parse(String(rows[at('E4')][1]))).toMatchObject({ color: '#FFFF00', pattern: 'Solid' });
    expect(rows[at('H12')][1]).toBe('none');
    // The note column holds the size of the note we added (0: none, G7 kept the clerk's).
    expect(rows[at('G7')][2]).toBe('0');
    expect(Number(rows[at('E4')][2])).toBe(Buffer.byteLength(workbook.notesOf(ROSTER).E4));
  });

  test('清除标记 puts back every fill exactly (no fill, white, pattern, tint) and removes only our notes', async () => {
    const { workbook, adapter } = setup();
    const fillsBefore = workbook.fillsOf(ROSTER);
    const before = snapshot(workbook);
    await adapter.check({ scope: 'activeSheet' });
    const cleared = await adapter.clearMarks();

    expect(workbook.fillsOf(ROSTER)).toEqual(fillsBefore);
    expect(workbook.fillAt(ROSTER, 'H12')).toEqual(NO_FILL);
    expect(workbook.fillAt(ROSTER, 'D5')).toEqual(solidFill('#FFFFFF'));
    expect(workbook.notesOf(ROSTER)).toEqual(CLERK_NOTES);
    expect(snapshot(workbook)).toEqual(before);
    expect(workbook.find(MARKS_SHEET)).toBeUndefined();
    expect(cleared).toMatchObject({ restored: 8, notesRemoved: 7 });
  });

  test('marks survive closing and reopening the workbook', async () => {
    const { workbook, adapter } = setup();
    const fillsBefore = workbook.fillsOf(ROSTER);
    await adapter.check({ scope: 'activeSheet' });
    const later = reopen(workbook);
    const cleared = await later.adapter.clearMarks();
    expect(cleared.restored).toBe(8);
    expect(workbook.fillsOf(ROSTER)).toEqual(fillsBefore);
    expect(workbook.notesOf(ROSTER)).toEqual(CLERK_NOTES);
  });

  test('a new check first clears the previous marks', async () => {
    const { workbook, adapter } = setup();
    await adapter.check({ scope: 'activeSheet' });
    // The clerk fixes the plan in F6 and the name in C8.
    workbook.sheet(ROSTER).setValue(5, 5, '综合');
    workbook.sheet(ROSTER).setValue(7, 2, '冯二');
    const again = await reopen(workbook).adapter.check({ scope: 'activeSheet' });
    expect(again.notices).toContainEqual({ code: 'previousMarksCleared', count: 8 });
    expect(workbook.fillAt(ROSTER, 'F6')).toEqual(CLERK_FILLS.F6);
    expect(workbook.fillAt(ROSTER, 'C8')).toEqual(CLERK_FILLS.C8);
    expect(workbook.notesOf(ROSTER).F6).toBeUndefined();
    expect(workbook.fillAt(ROSTER, 'E4').color).toBe(MARK_FILL.error);
    // Only this check's marks are recorded, and clearing them brings back the clerk's fills.
    expect(workbook.valuesOf(MARKS_SHEET)).toHaveLength(1 + 6);
    await reopen(workbook).adapter.clearMarks();
    expect(workbook.fillsOf(ROSTER)).toEqual(CLERK_FILLS);
    expect(workbook.notesOf(ROSTER)).toEqual(CLERK_NOTES);
  });

  test('a fill the clerk changed after the check is theirs: clearing leaves it', async () => {
    const { workbook, adapter } = setup();
    await adapter.check({ scope: 'activeSheet' });
    workbook.sheet(ROSTER).fills.set('3,4', solidFill('#00B050')); // E4 painted green by hand
    const cleared = await adapter.clearMarks();
    expect(workbook.fillAt(ROSTER, 'E4')).toEqual(solidFill('#00B050'));
    expect(cleared.notices).toContainEqual({ code: 'fillChangedKept', count: 1 });
    expect(cleared.restored).toBe(7);
  });

  test('a gradient fill is left alone (the API cannot write one back); the cell still gets its note', async () => {
    const gradient: FillState = { color: '#FFFFFF', pattern: 'LinearGradient', patternColor: '#000000', tintAndShade: 0, patternTintAndShade: 0 };
    const { workbook, adapter } = setup([rosterSpec({ fills: { E4: gradient } })]);
    const result = await adapter.check({ scope: 'activeSheet' });
    expect(workbook.fillAt(ROSTER, 'E4')).toEqual(gradient);
    expect(workbook.notesOf(ROSTER).E4).toContain(NOTE_PREFIX);
    expect(result.notices).toContainEqual({ code: 'gradientKept', count: 1 });
    expect(result.marked).toBe(7);
    await adapter.clearMarks();
    expect(workbook.fillAt(ROSTER, 'E4')).toEqual(gradient);
    expect(workbook.notesOf(ROSTER).E4).toBeUndefined();
  });

  test('clicking a finding selects its cell on its sheet', async () => {
    const second = [HEADER, [1, '县水利局', '', '男', idFor('19800101', 321), '指定疾病', 1, '2026-01-01', '', '', '']];
    const { workbook, adapter } = setup([rosterSpec(), { name: '水利局', rows: second }]);
    const result = await adapter.check({ scope: 'workbook', mark: false });
    const there = result.report.findings.find((f) => f.sheet === '水利局') as (typeof result.report.findings)[number];
    await adapter.select(there);
    expect(workbook.activeSheet).toBe('水利局');
    expect(workbook.selection).toEqual({ sheet: '水利局', address: 'C2' });
  });
});

describe('marks after the clerk edits the workbook (the marks sheet follows the cells)', () => {
  test('check → rename the sheet → reopen → clear restores every fill exactly and removes our notes', async () => {
    const { workbook, adapter } = setup();
    const fillsBefore = workbook.fillsOf(ROSTER);
    const before = snapshot(workbook);
    await adapter.check({ scope: 'activeSheet' });
    workbook.renameSheet(ROSTER, "2026年 花名册 (it's new)");
    const cleared = await reopen(workbook).adapter.clearMarks();
    expect(cleared).toMatchObject({ restored: 8, notesRemoved: 7, unmatched: 0, notices: [] });
    const renamed = "2026年 花名册 (it's new)";
    expect(workbook.fillsOf(renamed)).toEqual(fillsBefore);
    expect(workbook.notesOf(renamed)).toEqual(CLERK_NOTES);
    expect(snapshot(workbook, renamed)).toEqual(before);
    expect(workbook.find(MARKS_SHEET)).toBeUndefined();
  });

  test.each([
    ['above the roster', 1, 3],
    ['between marked rows', 6, 2],
  ])('check → insert rows %s → reopen → clear restores every fill and note where the cells went', async (_where, atRow, count) => {
    const { workbook, adapter } = setup();
    await adapter.check({ scope: 'activeSheet' });
    workbook.insertRows(ROSTER, atRow, count);
    const cleared = await reopen(workbook).adapter.clearMarks();
    expect(cleared).toMatchObject({ restored: 8, notesRemoved: 7, unmatched: 0, notices: [] });
    expect(workbook.fillsOf(ROSTER)).toEqual(shifted(CLERK_FILLS, atRow, count));
    expect(workbook.notesOf(ROSTER)).toEqual(shifted(CLERK_NOTES, atRow, count));
    expect(workbook.find(MARKS_SHEET)).toBeUndefined();
  });

  test('check → delete a marked row → clear restores the rest, forgets the deleted cell and does not fail', async () => {
    const { workbook, adapter } = setup();
    await adapter.check({ scope: 'activeSheet' });
    // Row 6 holds F6 (an unknown plan: marked, noted, with the clerk's patterned fill).
    workbook.deleteRows(ROSTER, 6, 1);
    const cleared = await reopen(workbook).adapter.clearMarks();
    expect(cleared).toMatchObject({ restored: 7, notesRemoved: 6, unmatched: 0 });
    expect(cleared.notices).toEqual([{ code: 'markedCellsDeleted', count: 1 }]);
    expect(workbook.fillsOf(ROSTER)).toEqual(shifted(without(CLERK_FILLS, 'F6'), 7, -1));
    expect(workbook.notesOf(ROSTER)).toEqual(shifted(CLERK_NOTES, 7, -1));
    expect(workbook.find(MARKS_SHEET)).toBeUndefined();
  });

  test('a cell the clerk refilled keeps the new fill, but the note we added still goes', async () => {
    const { workbook, adapter } = setup();
    await adapter.check({ scope: 'activeSheet' });
    workbook.insertRows(ROSTER, 1, 2);
    workbook.sheet(ROSTER).fills.set('5,4', solidFill('#00B050')); // E4, now E6, painted green by hand
    const cleared = await reopen(workbook).adapter.clearMarks();
    expect(workbook.fillAt(ROSTER, 'E6')).toEqual(solidFill('#00B050'));
    expect(workbook.notesOf(ROSTER).E6).toBeUndefined();
    expect(cleared).toMatchObject({ restored: 7, notesRemoved: 7 });
    expect(cleared.notices).toEqual([{ code: 'fillChangedKept', count: 1 }]);
    expect(workbook.fillsOf(ROSTER)).toEqual({ ...shifted(without(CLERK_FILLS, 'E4'), 1, 2), E6: solidFill('#00B050') });
  });

  test('marks of the first version (sheet name as text): cleared when the sheet is found, else kept and reported', async () => {
    const ourNote = `${NOTE_PREFIX}\n• 身份证号校验位错误`;
    const yellow = encodeFill({ ...solidFill('#FFFF00') });
    const { workbook, adapter } = setup([
      rosterSpec({ fills: { E4: solidFill(MARK_FILL.error) }, notes: { E4: ourNote } }),
      { name: '改名后', rows: [['x', 'y', 'z']], fills: { C1: solidFill(MARK_FILL.error) } },
      {
        name: MARKS_SHEET,
        visibility: 'VeryHidden',
        rows: [
          ['sheet', 'cell', 'fill', 'note', 'mark'],
          [ROSTER, 'E4', yellow, String(Buffer.byteLength(ourNote)), MARK_FILL.error],
          ['改名前', 'C1', 'none', '0', MARK_FILL.error],
        ],
      },
    ]);
    const first = await adapter.clearMarks();
    expect(first).toMatchObject({ restored: 1, notesRemoved: 1, unmatched: 1 });
    expect(first.notices).toEqual([{ code: 'marksUnmatched', count: 1, detail: '改名前!C1' }]);
    expect(workbook.fillAt(ROSTER, 'E4')).toEqual(solidFill('#FFFF00'));
    expect(workbook.notesOf(ROSTER).E4).toBeUndefined();
    // The record that matched no sheet is kept: the marks sheet is not deleted.
    expect(workbook.valuesOf(MARKS_SHEET).filter((row) => row.some((v) => v !== ''))).toEqual([
      ['cell', 'fill', 'note', 'mark', 'checked'],
      ['改名前', 'C1', 'none', '0', MARK_FILL.error],
    ]);
    expect(workbook.sheet(MARKS_SHEET).visibility).toBe('VeryHidden');
    // The clerk gives the sheet its old name back: the mark comes off and the sheet goes.
    workbook.renameSheet('改名后', '改名前');
    const second = await reopen(workbook).adapter.clearMarks();
    expect(second).toMatchObject({ restored: 1, unmatched: 0, notices: [] });
    expect(workbook.fillAt('改名前', 'C1')).toEqual(NO_FILL);
    expect(workbook.find(MARKS_SHEET)).toBeUndefined();
  });

  test('a check after a clear that kept records adds its marks after them, and both clear', async () => {
    const { workbook, adapter } = setup([rosterSpec(), { name: '其他', rows: [['x']] }]);
    await adapter.check({ scope: 'activeSheet' });
    workbook.sheet(ROSTER).protected = true;
    await adapter.clearMarks();
    expect(workbook.valuesOf(MARKS_SHEET)).toHaveLength(1 + 8);
    // The clerk unprotects, inserts a row and checks again: the kept marks are cleared first.
    workbook.sheet(ROSTER).protected = false;
    workbook.insertRows(ROSTER, 2, 1);
    const again = await adapter.check({ scope: 'activeSheet' });
    expect(again.notices).toContainEqual({ code: 'previousMarksCleared', count: 8 });
    expect(again.marked).toBe(8);
    await adapter.clearMarks();
    expect(workbook.fillsOf(ROSTER)).toEqual(shifted(CLERK_FILLS, 2, 1));
    expect(workbook.notesOf(ROSTER)).toEqual(shifted(CLERK_NOTES, 2, 1));
    expect(workbook.find(MARKS_SHEET)).toBeUndefined();
  });

  test('workbook structure protected after the check: the fills come back and the emptied marks sheet stays', async () => {
    const { workbook, adapter } = setup();
    await adapter.check({ scope: 'activeSheet' });
    workbook.structureProtected = true;
    const cleared = await adapter.clearMarks();
    expect(cleared).toMatchObject({ restored: 8, notesRemoved: 7 });
    expect(workbook.fillsOf(ROSTER)).toEqual(CLERK_FILLS);
    expect(workbook.valuesOf(MARKS_SHEET).filter((row) => row.some((v) => v !== ''))).toEqual([['cell', 'fill', 'note', 'mark', 'checked']]);
    workbook.structureProtected = false;
    await adapter.check({ scope: 'activeSheet' });
    await adapter.clearMarks();
    expect(workbook.fillsOf(ROSTER)).toEqual(CLERK_FILLS);
    expect(workbook.find(MARKS_SHEET)).toBeUndefined();
  });
});

describe('merged cells read as the clerk sees them', () => {
  /** 单位, 参保计划, 份数 and 生效日期 merged down one unit's rows (3–8); a title merged across. */
  function mergedUnit(): { rows: CellValue[][]; merges: string[]; shown: CellValue[][] } {
    const people = [
      ['张三', '男', idFor('19800101', 123)],
      ['李四', '男', `${idFor('19810202', 125).slice(0, 17)}0`],
      ['王芳', '女', idFor('19820303', 128)],
      ['赵六', '男', idFor('19830404', 129)],
      ['钱七', '男', idFor('19840505', 131)],
      ['孙八', '男', idFor('19850606', 133)],
    ];
    const shown: CellValue[][] = [
      ['2026年度职工互助保障参保花名册', ...Array(10).fill('2026年度职工互助保障参保花名册')],
      HEADER,
      ...people.map(([name, sex, id], i) => [i + 1, '县供电公司', name, sex, id, '综合', 2, '2026-01-01', '', '单位工会全额交纳', '']),
    ];
    const merges = ['A1:K1', 'B3:B8', 'F3:F8', 'G3:G8', 'H3:H8'];
    const rows = shown.map((row, r) =>
      row.map((value, c) => {
        if (r === 0) return c === 0 ? value : '';
        if (r >= 3 && [1, 5, 6, 7].includes(c)) return '';
        return value;
      }),
    );
    return { rows, merges, shown };
  }

  test('covered cells read as the merged value: no MISSING_FIELD, the same findings as the values on screen', async () => {
    const { rows, merges, shown } = mergedUnit();
    const { adapter } = setup([{ name: ROSTER, rows, merges }]);
    const result = await adapter.check({ scope: 'activeSheet', mark: false });
    expect(result.report).toEqual(checkRoster([{ name: ROSTER, rows: shown }]));
    expect(result.report.findings.map((f) => `${f.cell} ${f.rule}`)).toEqual(['E4 ID_INVALID']);
    expect(result.report.summary.units).toEqual([
      { unit: '县供电公司', plan: expect.any(Number), planName: '综合', people: 6, shares: 12, premium: expect.any(Number) },
    ]);
  });

  test('a merged area that runs over several read blocks, in no more syncs than without merges', async () => {
    const { rows, merges, shown } = mergedUnit();
    // A budget of two rows per block: the merges start in one block and go on in the next two.
    const tiny = 2 * HEADER.length * 32;
    const merged = new ExcelAdapter(new ExcelStandIn(new WorkbookState([{ name: ROSTER, rows, merges }])) as unknown as ExcelHost, tiny);
    const plain = new ExcelAdapter(new ExcelStandIn(new WorkbookState([{ name: ROSTER, rows: shown }])) as unknown as ExcelHost, tiny);
    const withMerges = await merged.check({ scope: 'activeSheet', mark: false });
    const withoutMerges = await plain.check({ scope: 'activeSheet', mark: false });
    expect(withMerges.report).toEqual(withoutMerges.report);
    expect(withMerges.syncs).toBe(withoutMerges.syncs);
    expect(withMerges.syncs).toBeGreaterThanOrEqual(2 + 4);
  });

  test('Excel before ExcelApi 1.13 cannot list merged areas: covered cells stay blank', async () => {
    const { rows, merges } = mergedUnit();
    const { adapter } = setup([{ name: ROSTER, rows, merges }], { apiVersion: '1.12' });
    const result = await adapter.check({ scope: 'activeSheet', mark: false });
    expect(result.report).toEqual(checkRoster([{ name: ROSTER, rows }]));
    expect(result.report.findings.filter((f) => f.rule === 'MISSING_FIELD').map((f) => f.cell)).toEqual([
      'F4',
      'G4',
      'F5',
      'G5',
      'F6',
      'G6',
      'F7',
      'G7',
      'F8',
      'G8',
    ]);
  });
});

describe('hidden sheets', () => {
  test('whole workbook: hidden and very hidden sheets are listed as skipped, as the command lists them; the marks sheet is not', async () => {
    const second = [HEADER, [1, '县水利局', '张三', '男', idFor('19800101', 123), '指定疾病', 1, '2026-01-01', '', '', '']];
    const { adapter } = setup([
      rosterSpec(),
      { name: '旧表', rows: second, visibility: 'Hidden' },
      { name: '存档', rows: second, visibility: 'VeryHidden' },
      { name: '空表', rows: [] },
    ]);
    await adapter.check({ scope: 'workbook' });
    // Now the workbook also has the add-in's very hidden marks sheet.
    const result = await adapter.check({ scope: 'workbook' });
    expect(result.report.summary.skipped).toEqual([
      { sheet: '旧表', reason: HIDDEN_SHEET_REASON },
      { sheet: '存档', reason: HIDDEN_SHEET_REASON },
      { sheet: '空表', reason: '工作表为空' },
    ]);
    expect(result.report.findings.some((f) => f.rule === 'PLAN_CONFLICT')).toBe(false);
    expect(result.notices.filter((n) => n.code !== 'previousMarksCleared' && n.code !== 'notesKept')).toEqual([
      { code: 'hiddenSkipped', sheet: '旧表' },
      { code: 'hiddenSkipped', sheet: '存档' },
      { code: 'emptySheet', sheet: '空表' },
    ]);
  });
});

describe('how many syncs', () => {
  const measured: Record<string, unknown> = {};
  afterAll(() => {
    const dir = path.join(__dirname, '..', '..', 'test-output');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'taskpane-syncs.json'), `${JSON.stringify(measured, null, 2)}\n`);
  });

  test.each([
    [10_000, 40],
    [100_000, 40],
  ])(
    '%i rows × 11 columns, 单位 and 参保计划 merged per unit: check and clear within the budget, each request under 5 MB',
    async (people, bound) => {
      // Units of 50 rows from row 2: their 单位 and 参保计划 cells merged, as clerks do (blank under the first).
      const merges: string[] = [];
      for (let top = 2; top <= people + 1; top += 50) merges.push(`B${top}:B${top + 49}`, `F${top}:F${top + 49}`);
      const { workbook, standIn, adapter } = setup([{ name: ROSTER, rows: largeRoster(people), merges }]);
      const before = snapshot(workbook);
      const progress: Progress[] = [];
      const checked = await adapter.check({ scope: 'activeSheet', onProgress: (p) => progress.push(p) });
      const checkSyncs = standIn.syncs;
      expect(checked.syncs).toBe(checkSyncs);
      expect(checked.report.findings).toHaveLength(people / 100);
      expect(checked.report.findings.every((f) => f.rule === 'ID_INVALID')).toBe(true);
      expect(checked.report.summary.units).toHaveLength(people / 50);
      expect(checked.marked).toBe(people / 100);
      const cleared = await adapter.clearMarks();
      expect(cleared.restored).toBe(people / 100);
      // The adapter counts every sync it makes, as the stand-in does.
      expect(adapter.syncCount).toBe(standIn.syncs);
      expect(snapshot(workbook)).toEqual(before);
      expect(workbook.fillsOf(ROSTER)).toEqual({});

      measured[`${people} rows`] = {
        checkSyncs,
        clearSyncs: cleared.syncs,
        marked: checked.marked,
        maxRequestBytes: standIn.maxRequestBytes,
        maxResponseBytes: standIn.maxResponseBytes,
        calls: standIn.calls,
      };
      console.log(
        `${people} rows: check ${checkSyncs} syncs, clear ${cleared.syncs} syncs, max request ${standIn.maxRequestBytes} B, max response ${standIn.maxResponseBytes} B`,
      );
      expect(checkSyncs).toBeLessThanOrEqual(bound);
      expect(standIn.payloadFailures).toBe(0);
      expect(standIn.maxResponseBytes).toBeLessThan(5 * 1024 * 1024);
      expect(standIn.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
      // Progress counts rows up to the total, then cells while marking.
      const reading = progress.filter((p) => p.phase === 'reading');
      expect(reading[reading.length - 1]).toMatchObject({ done: people + 1, total: people + 1 });
      expect(progress.filter((p) => p.phase === 'marking').pop()).toMatchObject({ done: people / 100, total: people / 100 });
    },
    120_000,
  );

  test('a roster where every row is faulty: marking and clearing stay under 5 MB a request', async () => {
    // IDs typed as numbers (Excel keeps 15 digits) and a blank plan: two marks a row.
    const rows = largeRoster(20_000, 0).map((row, i) => (i === 0 ? row : row.map((v, c) => (c === 4 ? Number(String(v).slice(0, 15)) : c === 5 ? '' : v))));
    const { workbook, standIn, adapter } = setup([{ name: ROSTER, rows }]);
    const before = snapshot(workbook);
    const checked = await adapter.check({ scope: 'activeSheet' });
    expect(checked.marked).toBe(40_000);
    expect(checked.notes).toBe(40_000);
    const checkSyncs = standIn.syncs;
    const cleared = await adapter.clearMarks();
    expect(cleared).toMatchObject({ restored: 40_000, notesRemoved: 40_000 });
    expect(snapshot(workbook)).toEqual(before);
    expect(workbook.fillsOf(ROSTER)).toEqual({});
    expect(workbook.notesOf(ROSTER)).toEqual({});
    expect(standIn.payloadFailures).toBe(0);
    expect(standIn.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
    expect(standIn.maxResponseBytes).toBeLessThan(5 * 1024 * 1024);
    measured['20000 rows, 40000 marked cells'] = {
      checkSyncs,
      clearSyncs: cleared.syncs,
      maxRequestBytes: standIn.maxRequestBytes,
      maxResponseBytes: standIn.maxResponseBytes,
    };
    console.log(`20000 faulty rows (40000 marks): check ${checkSyncs} syncs, clear ${cleared.syncs} syncs, max request ${standIn.maxRequestBytes} B`);
  }, 120_000);

  test('cells longer than the estimate: the sync that is too big is retried with fewer rows', async () => {
    const remark = '备注'.repeat(400);
    const rows = largeRoster(3000, 0).map((row, i) => [...row, i === 0 ? '备注' : remark]);
    const { standIn, adapter } = setup([{ name: ROSTER, rows }]);
    const result = await adapter.check({ scope: 'activeSheet' });
    expect(standIn.payloadFailures).toBeGreaterThan(0);
    expect(result.report.summary.rows).toBe(3000);
    expect(result.notices.some((n) => n.code === 'readChunkReduced')).toBe(true);
    measured['3000 rows with 2,400-byte cells'] = { syncs: result.syncs, payloadFailures: standIn.payloadFailures };
  });
});

describe('every failure path has its message', () => {
  test('protected sheet: findings listed, nothing marked, nothing written', async () => {
    const { workbook, adapter } = setup([rosterSpec({ protected: true })]);
    const fills = workbook.fillsOf(ROSTER);
    const result = await adapter.check({ scope: 'activeSheet' });
    expect(result.report.findings).toHaveLength(8);
    expect(result.marked).toBe(0);
    expect(result.notices).toContainEqual({ code: 'protected', sheet: ROSTER });
    expect(workbook.fillsOf(ROSTER)).toEqual(fills);
    expect(workbook.find(MARKS_SHEET)).toBeUndefined();
  });

  test('a sheet protected after the check: its marks are kept until it is unprotected', async () => {
    const { workbook, adapter } = setup();
    await adapter.check({ scope: 'activeSheet' });
    workbook.sheet(ROSTER).protected = true;
    const blocked = await adapter.clearMarks();
    expect(blocked.notices).toContainEqual({ code: 'clearProtected', sheet: ROSTER });
    expect(blocked.restored).toBe(0);
    expect(workbook.valuesOf(MARKS_SHEET)).toHaveLength(1 + 8);
    workbook.sheet(ROSTER).protected = false;
    const done = await adapter.clearMarks();
    expect(done.restored).toBe(8);
    expect(workbook.fillsOf(ROSTER)).toEqual(CLERK_FILLS);
  });

  test('protected workbook structure: no marks sheet can be added, so nothing is marked', async () => {
    const { workbook, adapter } = setup();
    workbook.structureProtected = true;
    const result = await adapter.check({ scope: 'activeSheet' });
    expect(result.report.findings).toHaveLength(8);
    expect(result.notices).toContainEqual({ code: 'workbookProtected' });
    expect(workbook.fillsOf(ROSTER)).toEqual(CLERK_FILLS);
  });

  test('no header found', async () => {
    const { adapter } = setup([{ name: '杂项', rows: [['会议记录'], ['2026年1月'], ['出席', '12人']] }]);
    const result = await adapter.check({ scope: 'activeSheet' });
    expect(result.notices).toEqual([expect.objectContaining({ code: 'noHeader', sheet: '杂项' })]);
    expect(result.report.findings).toEqual([]);
  });

  test('empty sheet', async () => {
    const { adapter } = setup([{ name: 'Sheet1', rows: [] }]);
    const result = await adapter.check({ scope: 'activeSheet' });
    expect(result.notices).toEqual([{ code: 'emptySheet', sheet: 'Sheet1' }]);
  });

  test('a used range past 5,000,000 cells is not read', async () => {
    const rows: CellValue[][] = faultyRoster();
    while (rows.length < 400) rows.push([]);
    rows[399] = [];
    rows[399][16383] = 'x';
    const { standIn, adapter } = setup([{ name: ROSTER, rows }]);
    const result = await adapter.check({ scope: 'activeSheet' });
    expect(result.notices).toEqual([{ code: 'tooLarge', sheet: ROSTER, detail: '花名册!A1:XFD400', count: 400 * 16384 }]);
    expect(standIn.syncs).toBeLessThanOrEqual(3);
  });

  test('a second operation while one runs is refused', async () => {
    const { adapter } = setup([{ name: ROSTER, rows: largeRoster(2000) }]);
    const first = adapter.check({ scope: 'activeSheet' });
    await expect(adapter.check({ scope: 'activeSheet' })).rejects.toEqual(new AdapterError('busy', 'check'));
    await expect(adapter.clearMarks()).rejects.toMatchObject({ code: 'busy' });
    await first;
    await expect(adapter.clearMarks()).resolves.toMatchObject({ restored: 20 });
  });

  test('cancel: stops between blocks and marks nothing', async () => {
    const { workbook, adapter } = setup([{ name: ROSTER, rows: largeRoster(60_000) }]);
    const controller = new AbortController();
    const run = adapter.check({
      scope: 'activeSheet',
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'reading' && p.done > 0) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(workbook.fillsOf(ROSTER)).toEqual({});
    expect(workbook.find(MARKS_SHEET)).toBeUndefined();
  }, 60_000);

  test('Excel without notes (ExcelApi 1.17): marks without notes, and says so', async () => {
    const { workbook, adapter } = setup([rosterSpec()], { apiVersion: '1.17' });
    const result = await adapter.check({ scope: 'activeSheet' });
    expect(result.marked).toBe(8);
    expect(result.notes).toBe(0);
    expect(result.notices).toContainEqual({ code: 'notesUnsupported' });
    expect(workbook.notesOf(ROSTER)).toEqual(CLERK_NOTES);
    await adapter.clearMarks();
    expect(workbook.fillsOf(ROSTER)).toEqual(CLERK_FILLS);
  });

  test('a finding on a sheet deleted since: select fails with Excel’s code', async () => {
    const { workbook, adapter } = setup();
    const result = await adapter.check({ scope: 'activeSheet', mark: false });
    workbook.sheets.push(new (workbook.sheets[0].constructor as new (s: SheetSpec) => (typeof workbook.sheets)[0])({ name: 'Sheet2' }));
    workbook.sheets = workbook.sheets.filter((s) => s.name !== ROSTER);
    await expect(adapter.select(result.report.findings[0])).rejects.toEqual(new AdapterError('failed', 'ItemNotFound'));
  });

  test('the marks of a sheet deleted since are dropped with a message', async () => {
    const { workbook, adapter } = setup([rosterSpec(), { name: 'Sheet2', rows: [['x']] }]);
    await adapter.check({ scope: 'activeSheet' });
    workbook.deleteSheet(ROSTER);
    expect(Object.values(workbook.formulasOf(MARKS_SHEET))[0]).toMatch(/^=ROW\(#REF!/);
    const cleared = await adapter.clearMarks();
    expect(cleared.notices).toEqual([{ code: 'marksSheetMissing', sheet: ROSTER }]);
    expect(cleared).toMatchObject({ restored: 0, unmatched: 0 });
    expect(workbook.find(MARKS_SHEET)).toBeUndefined();
  });
});

describe('缴费汇总', () => {
  test('a summary sheet the pane wrote is listed as skipped by a whole-workbook check, as the command lists it', async () => {
    const { adapter } = setup();
    const before = await adapter.check({ scope: 'workbook', mark: false });
    const written = await adapter.writeSummary({ scope: 'activeSheet' });
    const after = await adapter.check({ scope: 'workbook', mark: false });
    expect(after.report.findings).toEqual(before.report.findings);
    expect(after.report.summary.skipped.map((s) => s.sheet)).toEqual([...before.report.summary.skipped.map((s) => s.sheet), written.sheetName]);
  });

  test('a new sheet per unit × plan, total and funding, as tables; never overwrites', async () => {
    const { workbook, adapter } = setup([rosterSpec(), { name: SUMMARY_SHEET, rows: [['去年的汇总']] }]);
    const first = await adapter.writeSummary({ scope: 'activeSheet' });
    expect(first.sheetName).toBe(`${SUMMARY_SHEET} (2)`);
    expect(workbook.valuesOf(SUMMARY_SHEET)).toEqual([['去年的汇总']]);
    const second = await adapter.writeSummary({ scope: 'activeSheet' });
    expect(second.sheetName).toBe(`${SUMMARY_SHEET} (3)`);

    const rows = workbook.valuesOf(first.sheetName);
    const header = rows.findIndex((row) => row[0] === '单位');
    expect(rows[header]).toEqual(['单位', '参保计划', '人数', '份数', '保障费（元）']);
    expect(rows[header + 1]).toEqual(['县供电公司', '综合', 6, 12, 720]);
    expect(rows[header + 2]).toEqual(['县供电公司', '女职工安康', 2, 2, 50]);
    // The total is the engine's: distinct people (10 rows, 10 people, 8 of them in a valid plan), no sum of shares.
    const { summary } = checkRoster([{ name: ROSTER, rows: faultyRoster() }]);
    expect(rows[header + 3]).toEqual(['合计', '', summary.people, '', summary.premiumTotal]);
    expect(rows[header + 3]).toEqual(['合计', '', 10, '', 770]);
    const funding = rows.findIndex((row) => row[0] === '出资方式');
    expect(rows[funding + 1].slice(0, 3)).toEqual(['单位工会全额交纳', 8, 770]);
    const sheet = workbook.sheet(first.sheetName);
    expect(sheet.tables.map((t) => t.address)).toEqual([`A${header + 1}:E${header + 3}`, `A${funding + 1}:C${funding + 2}`]);
    expect(workbook.activeSheet).toBe(second.sheetName);
    // Nothing of the roster was touched.
    expect(workbook.sheet(ROSTER).valueWrites).toEqual([]);
    expect(workbook.fillsOf(ROSTER)).toEqual(CLERK_FILLS);
  });
});

describe('插入花名册模板', () => {
  test('standard headers, IDs as text, date format, drop-down lists, frozen header; a unique name', async () => {
    const { workbook, adapter } = setup([rosterSpec(), { name: TEMPLATE_SHEET, rows: [['旧模板']] }]);
    const result = await adapter.insertTemplate();
    expect(result.sheetName).toBe(`${TEMPLATE_SHEET} (2)`);
    const sheet = workbook.sheet(result.sheetName);
    expect(workbook.valuesOf(result.sheetName)[0]).toEqual(HEADER);
    const idColumn = HEADER.indexOf('身份证号');
    expect(sheet.numberFormats.get(`1,${idColumn}`)).toBe('@');
    expect(sheet.numberFormats.get(`${TEMPLATE_ROWS},${idColumn}`)).toBe('@');
    expect(sheet.numberFormats.get(`1,${HEADER.indexOf('生效日期')}`)).toBe('yyyy-mm-dd');
    expect(sheet.frozenRows).toBe(1);
    const byAddress = Object.fromEntries(sheet.validations.map((v) => [v.address, v.rule]));
    expect(byAddress[`F2:F${TEMPLATE_ROWS + 1}`]).toEqual({ list: { inCellDropDown: true, source: PLANS.map((p) => p.shortName).join(',') } });
    expect(byAddress[`G2:G${TEMPLATE_ROWS + 1}`]).toEqual({ list: { inCellDropDown: true, source: '1,2,3,4,5' } });
    expect(workbook.activeSheet).toBe(result.sheetName);
    // The template is a roster the engine recognises: header found, nothing to report.
    const checked = await adapter.check({ scope: 'activeSheet' });
    expect(checked.report.summary.sheets).toEqual([{ sheet: result.sheetName, headerRow: 1, rows: 0 }]);
    expect(checked.notices).toEqual([]);
  });
});
