/**
 * Roster engine: finding the header (aliases, title rows, the 10-row search), cell addresses under
 * firstRow/firstColumn offsets, unknown columns, blank and total rows, units and sheets named after
 * a plan, and sheets that are not rosters.
 */
import { checkRoster, COLUMNS, SheetInput } from '../../src/rules/roster';
import { fieldOfHeader, HEADER_SEARCH_ROWS, normaliseHeader } from '../../src/rules/roster/columns';
import { Field } from '../../src/rules/roster/columns';
import { briefs, letterOf, makeId, member, Person, personId, rosterRows, rulesOf, STANDARD_FIELDS } from './rosterKit';

const TITLE = 'XX县XX局2026年度职工互助保障参保花名册';

/** A person row whose every checked column is faulty, so that each column reports a finding. */
const faulty: Person = {
  unit: 'A单位',
  name: '',
  sex: '女',
  id: makeId({ sex: 'M' }).slice(0, 17),
  plan: '养老保险',
  shares: '三份',
  effectiveDate: '明年',
  previousShares: '多',
};

describe('the header row', () => {
  it('is found in row 1 and rows below are checked with worksheet row numbers', () => {
    const report = checkRoster([{ name: '花名册', rows: rosterRows([member(), member({ id: personId(2), shares: 0 })]) }]);
    expect(briefs(report)).toEqual(['花名册!G3 SHARES_INVALID']);
    expect(report.summary.sheets).toEqual([{ sheet: '花名册', headerRow: 1, rows: 2 }]);
  });

  it('is found under title rows, and findings keep the worksheet row numbers', () => {
    const rows = [[TITLE], ['填报单位(盖章):', null, null, '填报日期:2026年1月5日'], ...rosterRows([member({ shares: 0 })])];
    const report = checkRoster([{ name: '花名册', rows }]);
    expect(report.summary.sheets).toEqual([{ sheet: '花名册', headerRow: 3, rows: 1 }]);
    expect(briefs(report)).toEqual(['花名册!G4 SHARES_INVALID']);
  });

  it(`is searched for in the first ${HEADER_SEARCH_ROWS} rows: found in row 10`, () => {
    const titles = Array.from({ length: 9 }, (_, i) => [`标题第${i + 1}行`]);
    const report = checkRoster([{ name: '花名册', rows: [...titles, ...rosterRows([member({ shares: 0 })])] }]);
    expect(report.summary.sheets).toEqual([{ sheet: '花名册', headerRow: 10, rows: 1 }]);
    expect(report.summary.skipped).toEqual([]);
    expect(briefs(report)).toEqual(['花名册!G11 SHARES_INVALID']);
  });

  it('is not found in row 11: the sheet is skipped, not guessed', () => {
    const titles = Array.from({ length: 10 }, (_, i) => [`标题第${i + 1}行`]);
    const report = checkRoster([{ name: '花名册', rows: [...titles, ...rosterRows([member({ shares: 0 })])] }]);
    expect(report.summary.sheets).toEqual([]);
    expect(report.summary.skipped).toEqual([{ sheet: '花名册', reason: expect.stringContaining('前 10 行中找不到花名册表头') }]);
    expect(report.findings).toEqual([]);
    expect(report.summary.rows).toBe(0);
  });

  it('the 10 rows are counted from the first row given (firstRow), not from worksheet row 1', () => {
    const titles = Array.from({ length: 9 }, (_, i) => [`标题第${i + 1}行`]);
    const report = checkRoster([{ name: '花名册', firstRow: 5, rows: [...titles, ...rosterRows([member()])] }]);
    expect(report.summary.sheets).toEqual([{ sheet: '花名册', headerRow: 14, rows: 1 }]);
  });

  it("(engine's reading) blank rows above the header are passed over and not counted among the 10", () => {
    const rows: unknown[][] = [[TITLE], [], [null, ''], ['   '], ...Array.from({ length: 8 }, () => ['说明']), ...rosterRows([member()])];
    // worksheet row 13, but only the 10th non-blank row
    const report = checkRoster([{ name: '花名册', rows }]);
    expect(report.summary.sheets).toEqual([{ sheet: '花名册', headerRow: 13, rows: 1 }]);
  });

  it('needs at least three of the required columns (姓名, 身份证号, 参保计划, 份数)', () => {
    const two = checkRoster([
      {
        name: '通讯录',
        rows: [
          ['姓名', '身份证号', '电话'],
          ['张三', makeId(), '13800000000'],
        ],
      },
    ]);
    expect(two.summary.skipped).toHaveLength(1);
    expect(two.findings).toEqual([]);

    const three = checkRoster([{ name: '花名册', rows: rosterRows([member({ shares: undefined })], ['name', 'id', 'plan']) }]);
    expect(three.summary.skipped).toEqual([]);
    // the missing column is reported once, on the header row, as a whole-row finding
    expect(three.findings).toEqual([expect.objectContaining({ sheet: '花名册', row: 1, column: null, cell: null, rule: 'MISSING_FIELD', severity: 'error' })]);
    expect(three.findings[0].message).toContain('份数');
  });

  it('takes the first row naming enough columns; a title row mentioning 姓名 alone is passed over', () => {
    const rows = [['姓名'], ...rosterRows([member()])];
    const report = checkRoster([{ name: '花名册', rows }]);
    expect(report.summary.sheets[0].headerRow).toBe(2);
    expect(report.findings).toEqual([]);
  });

  it('reads headers with spaces, brackets, required-markers, full-width characters and a colon', () => {
    const headers = ['序 号', '*单位名称', '姓  名', '性别：', '身份证号码(18位)', '参保计划（填全称）', '份 数', '生效日期', '上年份数', '出资方式'];
    const report = checkRoster([{ name: '花名册', rows: rosterRows([member({ shares: 0 })], STANDARD_FIELDS, headers) }]);
    expect(report.findings).toEqual([expect.objectContaining({ cell: 'G2', column: '份 数', rule: 'SHARES_INVALID' })]);
  });
});

describe('the header aliases of columns.ts', () => {
  const cases = COLUMNS.flatMap((column) => column.headers.map((header) => [column.field, header] as [Field, string]));

  it.each(cases)('%s: "%s" is recognised', (field, header) => {
    expect(fieldOfHeader(header)).toBe(field);
    expect(fieldOfHeader(` ${header} `)).toBe(field);
  });

  it('no alias names two fields', () => {
    const seen = new Map<string, Field>();
    for (const [field, header] of cases) {
      const key = normaliseHeader(header);
      expect([key, seen.get(key) ?? field]).toEqual([key, field]);
      seen.set(key, field);
    }
  });

  /** The standard header with one column renamed. */
  const withAlias = (field: Field, alias: string) => STANDARD_FIELDS.map((f) => (f === field ? alias : COLUMNS.find((c) => c.field === f)!.headers[0]));

  const faultyColumns: Array<[Field, string]> = [
    ['name', 'MISSING_FIELD'],
    ['sex', 'GENDER_MISMATCH'],
    ['id', 'ID_INVALID'],
    ['plan', 'PLAN_UNKNOWN'],
    ['shares', 'SHARES_INVALID'],
    ['effectiveDate', 'DATE_INVALID'],
    ['previousShares', 'SHARES_INVALID'],
  ];
  const aliasCases = faultyColumns.flatMap(([field, rule]) =>
    COLUMNS.find((c) => c.field === field)!.headers.map((alias) => [field, alias, rule] as [Field, string, string]),
  );

  it.each(aliasCases)('the engine reads a %s column headed "%s" and names it in its %s finding', (field, alias, rule) => {
    // the ID must be valid for the sex check, and the sex check needs a sex that disagrees
    const person: Person = field === 'sex' ? member({ sex: '女' }) : member({ [field]: faulty[field] });
    const report = checkRoster([{ name: '花名册', rows: rosterRows([person], STANDARD_FIELDS, withAlias(field, alias)) }]);
    expect(report.summary.skipped).toEqual([]);
    expect(report.findings).toEqual([expect.objectContaining({ row: 2, column: alias, cell: `${letterOf(field)}2`, rule })]);
  });

  it.each(COLUMNS.find((c) => c.field === 'unit')!.headers)('a unit column headed "%s" names the unit', (alias) => {
    const report = checkRoster([{ name: '花名册', rows: rosterRows([member({ unit: '县水利局' })], STANDARD_FIELDS, withAlias('unit', alias)) }]);
    expect(report.summary.units.map((u) => u.unit)).toEqual(['县水利局']);
  });

  it.each(COLUMNS.find((c) => c.field === 'funding')!.headers)('a funding column headed "%s" splits the summary', (alias) => {
    const report = checkRoster([{ name: '花名册', rows: rosterRows([member({ funding: '职工个人交纳' })], STANDARD_FIELDS, withAlias('funding', alias)) }]);
    expect(report.summary.byFunding).toEqual([{ funding: '职工个人交纳', people: 1, premium: 60 }]);
  });

  it.each([...COLUMNS.find((c) => c.field === 'seq')!.headers, ...COLUMNS.find((c) => c.field === 'phone')!.headers])(
    'a sheet with a "%s" column is checked as usual',
    (header) => {
      const rows = [
        [header, '姓名', '身份证号', '参保计划', '份数'],
        ['1', '张三', makeId(), '综合', 0],
      ];
      const report = checkRoster([{ name: '花名册', rows }]);
      expect(briefs(report)).toEqual(['花名册!E2 SHARES_INVALID']);
    },
  );

  it('a sheet using only aliases, none of them standard, is a roster', () => {
    const headers = ['编号', '工作单位', '被保障人姓名', '性别', '公民身份号码', '险种', '参保份数', '起保日期', '上年度份数', '缴费方式'];
    const report = checkRoster([
      { name: 'Sheet1', rows: rosterRows([member({ unit: '甲' }), member({ unit: '甲', id: personId(5), shares: 2 })], STANDARD_FIELDS, headers) },
    ]);
    expect(briefs(report)).toEqual(['Sheet1!G2 SHARES_NOT_UNIFORM', 'Sheet1!G3 SHARES_NOT_UNIFORM']);
  });
});

describe('cell addresses with firstRow and firstColumn', () => {
  it('a used range starting at C5 gives addresses from C5', () => {
    const report = checkRoster([{ name: '花名册', firstRow: 5, firstColumn: 3, rows: rosterRows([member(), member({ id: personId(3), shares: '0' })]) }]);
    // header in row 5; 份数 is the 7th column → I; the second person is in row 7
    expect(report.findings).toEqual([expect.objectContaining({ row: 7, cell: 'I7', column: '份数', rule: 'SHARES_INVALID' })]);
    expect(report.summary.sheets).toEqual([{ sheet: '花名册', headerRow: 5, rows: 2 }]);
  });

  it('columns past Z are lettered AA, AB …', () => {
    const report = checkRoster([{ name: '花名册', firstColumn: 25, rows: rosterRows([member({ name: null, plan: '养老', shares: 0 })]) }]);
    // 序号 in Y, 单位 Z: 姓名 AA, 参保计划 AD, 份数 AE
    expect(briefs(report)).toEqual(['花名册!AA2 MISSING_FIELD', '花名册!AD2 PLAN_UNKNOWN', '花名册!AE2 SHARES_INVALID']);
  });

  it('header-level findings name the header row and no cell', () => {
    const report = checkRoster([{ name: '花名册', firstRow: 3, firstColumn: 2, rows: [[TITLE], ['姓名', '身份证号', '份数'], ['张三', makeId(), 1]] }]);
    expect(report.findings).toEqual([expect.objectContaining({ row: 4, cell: null, column: null, rule: 'MISSING_FIELD' })]);
  });

  it('the file name is carried into findings, summary sheets and skipped sheets', () => {
    const report = checkRoster([
      { name: '花名册', file: 'a.xlsx', rows: rosterRows([member({ shares: 0 })]) },
      { name: '说明', file: 'a.xlsx', rows: [['填表说明']] },
    ]);
    expect(report.findings[0]).toMatchObject({ file: 'a.xlsx', sheet: '花名册', cell: 'G2' });
    expect(report.summary.sheets).toEqual([{ file: 'a.xlsx', sheet: '花名册', headerRow: 1, rows: 1 }]);
    expect(report.summary.skipped).toEqual([{ file: 'a.xlsx', sheet: '说明', reason: expect.any(String) }]);
  });

  it('without a file, findings have no file property', () => {
    const report = checkRoster([{ name: '花名册', rows: rosterRows([member({ shares: 0 })]) }]);
    expect(report.findings[0]).not.toHaveProperty('file');
  });
});

describe('columns and rows the engine passes over', () => {
  it('ignores unknown columns whatever they hold', () => {
    const headers = ['备注', '姓名', '岗位', '身份证号', '参保计划', '份数', '籍贯', '银行账号'];
    const rows = [headers, ['#N/A', '张三', 12345, makeId(), '综合', 1, true, '6222 0000 0000 0000 000']];
    const report = checkRoster([{ name: '花名册', rows }]);
    expect(report.findings).toEqual([]);
    expect(report.summary.rows).toBe(1);
  });

  it('skips blank rows without counting them', () => {
    const rows = rosterRows([member(), {}, member({ id: personId(4), shares: 0 })]);
    rows.splice(3, 0, [], [null, null, '  ', '\u3000']);
    const report = checkRoster([{ name: '花名册', rows }]);
    // rows: 1 header, 2 member, 3 all-blank person, 4 [], 5 blanks, 6 the faulty member
    expect(briefs(report)).toEqual(['花名册!G6 SHARES_INVALID']);
    expect(report.summary.rows).toBe(2);
  });

  it('a row with only a 序号 (a pre-numbered empty line) is not a person row', () => {
    const report = checkRoster([{ name: '花名册', rows: [...rosterRows([member()]), [2], [3]] }]);
    expect(report.findings).toEqual([]);
    expect(report.summary.rows).toBe(1);
  });

  it.each(['合计', '总计', ' 合 计 ', '小计'])('skips a total row marked "%s"', (word) => {
    const rows = [...rosterRows([member(), member({ id: personId(6) })]), [word, null, null, null, null, null, 2, null, null, null]];
    const nameColumn = [...rosterRows([member()]), [null, null, word, null, null, null, 1]];
    for (const sheetRows of [rows, nameColumn]) {
      const report = checkRoster([{ name: '花名册', rows: sheetRows }]);
      expect(report.findings).toEqual([]);
      expect(report.summary.rows).toBe(sheetRows.length - 2);
    }
  });
});

describe('units', () => {
  it('a sheet without a unit column is one unit named after the sheet', () => {
    const fields = STANDARD_FIELDS.filter((f) => f !== 'unit');
    const report = checkRoster([{ name: '县水利局', rows: rosterRows([member(), member({ id: personId(7), shares: 2 })], fields) }]);
    expect(report.summary.units.map((u) => u.unit)).toEqual(['县水利局']);
    expect(rulesOf(report)).toEqual(['SHARES_NOT_UNIFORM', 'SHARES_NOT_UNIFORM']);
  });

  it('one sheet may hold several units; share rules compare within each unit', () => {
    const people = [member({ unit: '甲', shares: 2 }), member({ unit: '甲', id: personId(1), shares: 2 }), member({ unit: '乙', id: personId(2), shares: 3 })];
    const report = checkRoster([{ name: '花名册', rows: rosterRows(people) }]);
    expect(report.findings).toEqual([]);
    expect(report.summary.units.map((u) => [u.unit, u.people, u.shares])).toEqual([
      ['乙', 1, 3],
      ['甲', 2, 4],
    ]);
  });

  it('a blank unit cell (a merged cell) continues the unit above', () => {
    const people = [
      member({ unit: '甲', shares: 2 }),
      member({ unit: null, id: personId(1), shares: 2 }),
      member({ unit: '乙', id: personId(2), shares: 3 }),
      member({ unit: '', id: personId(3), shares: 2 }),
    ];
    const report = checkRoster([{ name: '花名册', rows: rosterRows(people) }]);
    // 乙 holds 3 and 2: a tie, both reported; 甲 is uniform
    expect(briefs(report)).toEqual(['花名册!G4 SHARES_NOT_UNIFORM', '花名册!G5 SHARES_NOT_UNIFORM']);
    expect(report.summary.units.map((u) => [u.unit, u.people])).toEqual([
      ['乙', 2],
      ['甲', 2],
    ]);
  });

  it('a blank unit cell before any unit falls back to the sheet name', () => {
    const report = checkRoster([{ name: '花名册', rows: rosterRows([member({ unit: null })]) }]);
    expect(report.summary.units.map((u) => u.unit)).toEqual(['花名册']);
  });

  it('the same unit on two sheets is one unit', () => {
    const report = checkRoster([
      { name: '一月', rows: rosterRows([member({ unit: '甲', shares: 2 })]) },
      { name: '二月', rows: rosterRows([member({ unit: '甲', id: personId(9), shares: 3 })]) },
    ]);
    expect(briefs(report)).toEqual(['一月!G2 SHARES_NOT_UNIFORM', '二月!G2 SHARES_NOT_UNIFORM']);
  });
});

describe('a sheet named after a plan', () => {
  const noPlan = STANDARD_FIELDS.filter((f) => f !== 'plan');

  it('without a plan column stands for that plan', () => {
    const report = checkRoster([{ name: '女职工安康', rows: rosterRows([member({ sex: '男' })], noPlan) }]);
    expect(report.findings).toEqual([expect.objectContaining({ rule: 'PLAN_GENDER', row: 2, cell: null })]);
    expect(report.summary.units).toEqual([expect.objectContaining({ plan: 4, premium: 25 })]);
  });

  it('without a plan column, and not named after a plan, reports the missing column once', () => {
    const report = checkRoster([{ name: '花名册', rows: rosterRows([member(), member({ id: personId(8) })], noPlan) }]);
    expect(report.findings).toEqual([expect.objectContaining({ row: 1, cell: null, rule: 'MISSING_FIELD' })]);
    expect(report.summary.units).toEqual([]);
    expect(report.summary.rows).toBe(2);
  });

  it('with a plan column: the column wins', () => {
    const report = checkRoster([{ name: '女职工安康', rows: rosterRows([member({ sex: '男', plan: '综合' })]) }]);
    expect(report.findings).toEqual([]);
    expect(report.summary.units).toEqual([expect.objectContaining({ plan: 1 })]);
  });

  it('plan conflicts are found between sheets named after plans', () => {
    const report = checkRoster([
      { name: '综合', rows: rosterRows([member()], noPlan) },
      { name: '农民工', rows: rosterRows([member()], noPlan) },
    ]);
    expect(report.findings.map((f) => [f.sheet, f.row, f.rule])).toEqual([
      ['综合', 2, 'PLAN_CONFLICT'],
      ['农民工', 2, 'PLAN_CONFLICT'],
    ]);
  });
});

describe('sheets that are not rosters', () => {
  it.each<[string, unknown[][]]>([
    ['no rows at all', []],
    ['only blank rows', [[], [null, ''], ['  ', '\u3000']]],
  ])('an empty sheet (%s) is skipped as empty', (_, rows) => {
    const report = checkRoster([{ name: 'Sheet3', rows }]);
    expect(report.summary.skipped).toEqual([{ sheet: 'Sheet3', reason: '工作表为空' }]);
    expect(report.summary.sheets).toEqual([]);
    expect(report.findings).toEqual([]);
  });

  it('a sheet with text but no roster header is skipped with the reason', () => {
    const report = checkRoster([{ name: '说明', rows: [['填表说明'], ['1. 身份证号请设为文本格式'], ['2. 份数填数字']] }]);
    expect(report.summary.skipped).toEqual([{ sheet: '说明', reason: expect.stringMatching(/找不到花名册表头.*姓名、身份证号、参保计划、份数/) }]);
    expect(report.findings).toEqual([]);
  });

  it('a header and no rows: zero rows, no findings', () => {
    const report = checkRoster([{ name: '花名册', rows: rosterRows([]) }]);
    expect(report.findings).toEqual([]);
    expect(report.summary).toMatchObject({ rows: 0, people: 0, premiumTotal: 0, units: [], skipped: [], errors: 0, warnings: 0 });
    expect(report.summary.sheets).toEqual([{ sheet: '花名册', headerRow: 1, rows: 0 }]);
  });

  it('skipped sheets do not stop the others from being checked', () => {
    const sheets: SheetInput[] = [
      { name: '封面', rows: [[TITLE]] },
      { name: 'Sheet2', rows: [] },
      { name: '花名册', rows: rosterRows([member({ shares: 0 })]) },
    ];
    const report = checkRoster(sheets);
    expect(report.summary.skipped.map((s) => s.sheet)).toEqual(['封面', 'Sheet2']);
    expect(briefs(report)).toEqual(['花名册!G2 SHARES_INVALID']);
  });

  it('no sheets at all: an empty report', () => {
    const report = checkRoster([]);
    expect(report.findings).toEqual([]);
    expect(report.summary).toMatchObject({ rows: 0, people: 0, premiumTotal: 0, units: [], sheets: [], skipped: [] });
  });
});
