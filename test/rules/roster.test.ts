/**
 * Roster engine: a county roster as clerks keep it, end to end; the normalisation of what clerks
 * type; all sheets of one run being one roster; the streaming checker agreeing with checkRoster.
 * The rules one by one: roster-rules.test.ts; headers: roster-headers.test.ts; totals:
 * roster-summary.test.ts; random rosters: roster-properties.test.ts.
 */
import { checkRoster, RosterChecker, SheetInput } from '../../src/rules/roster';
import { makeId, member, personId, rosterRows, rulesOf, utcDate } from './rosterKit';

/** A woman's ID ending in X. */
function womanWithX(): string {
  for (let seq = 100; seq < 1000; seq += 2) {
    const id = makeId({ birth: '19850315', seq: String(seq) });
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X');
}

describe('a county roster as clerks keep it', () => {
  const idA = makeId({ birth: '19800101', seq: '011' });
  const idB = womanWithX();
  const idC = makeId({ birth: '19900606', seq: '031' });
  const idD = makeId({ birth: '19750505', seq: '041' });
  const idE = makeId({ birth: '19880808', seq: '052' });
  const idF = makeId({ birth: '19700707', seq: '061' });
  const idG = makeId({ birth: '19651001', seq: '071' }); // retires at the latest on 2026-01-01

  const main: SheetInput = {
    name: '汇总花名册',
    rows: [
      ['苍梧县2026年度职工互助保障参保花名册'],
      ['填报单位(盖章):', null, null, null, null, null, null, '填报日期:2026年1月5日'],
      ['序号', '单位名称', '姓名', '性别', '公民身份号码', '保障类别', '参保份数', '保障起始日期', '上年度份数', '缴费方式', '备注'],
      [1, '县水利局', '张三', '男', idA, '综合', '2份', '2026/1/1', null, '单位行政全额交纳', ''],
      [2, null, '李四', '女', idB.toLowerCase(), '职工综合互助保障', '２', 46023, null, '单位行政全额交纳', null],
      [3, null, '李四', ' 女 ', ` ${idB} `, '女职工安康', ' 3 ', '2026年1月1日', 3, '单位行政全额交纳', '续保'],
      [4, null, '王五', '男', Number(idC), '综合', 2, '2026-01-01', null, '单位行政全额交纳', '#N/A'],
      [5, '县教育局', '赵六', '男', idD, '职工指定疾病（手术）互助保障', 3, utcDate(2026, 1, 1), null, '职工个人交纳', null],
      [6, null, '钱七', '女', idE, '指定疾病', 4, '2026-01-01', '4份', '职工个人交纳', '续保'],
      [7, null, '孙八', '男', idF, '指定疾病', '5份', '2026-01-01', 3, '职工个人交纳', '续保'],
      [],
      ['合计', null, null, null, null, null, 22],
    ],
  };
  const extra: SheetInput = {
    name: '补充',
    firstRow: 2,
    firstColumn: 2, // used range B2:G4
    rows: [
      ['姓名', '身份证号', '险种', '份数', '生效日期', '单位'],
      ['张三', idA, '农民工', 1, '2026-01-01', '县水利局'],
      ['周九', idG, '团体意外', 1, '2026-01-01', '县交通局'],
    ],
  };
  const report = checkRoster([main, extra]);

  it('reports exactly the faults, in sheet and row order, at the right cells', () => {
    expect(report.findings.map((f) => [f.sheet, f.cell, f.column, f.rule, f.severity])).toEqual([
      ['汇总花名册', 'F4', '保障类别', 'PLAN_CONFLICT', 'error'],
      ['汇总花名册', 'E7', '公民身份号码', 'ID_INVALID', 'error'],
      ['汇总花名册', 'G10', '参保份数', 'SHARES_OVER_MAX', 'error'],
      ['补充', 'D3', '险种', 'PLAN_CONFLICT', 'error'],
      ['补充', 'C4', '身份证号', 'AGE_OUT_OF_SERVICE', 'warning'],
    ]);
    expect(report.findings[0].message).toMatch(/农民工[(（]补充!第3行[)）]/);
    expect(report.findings[3].message).toMatch(/综合[(（]汇总花名册!第4行[)）]/);
    expect(report.findings[2].message).toContain('最多 3 份');
  });

  it('summarises the roster', () => {
    expect(report.summary).toMatchObject({
      rows: 9,
      people: 7,
      premiumTotal: 955,
      errors: 4,
      warnings: 1,
      skipped: [],
      sheets: [
        { sheet: '汇总花名册', headerRow: 3, rows: 7 },
        { sheet: '补充', headerRow: 2, rows: 2 },
      ],
    });
    expect(report.summary.units).toEqual([
      { unit: '县交通局', plan: 5, planName: '团体意外', people: 1, shares: 1, premium: 20 },
      { unit: '县教育局', plan: 2, planName: '指定疾病', people: 3, shares: 12, premium: 480 },
      { unit: '县水利局', plan: 1, planName: '综合', people: 3, shares: 6, premium: 360 },
      { unit: '县水利局', plan: 3, planName: '农民工', people: 1, shares: 1, premium: 20 },
      { unit: '县水利局', plan: 4, planName: '女职工安康', people: 1, shares: 3, premium: 75 },
    ]);
    const byFunding = [...(report.summary.byFunding ?? [])].sort((a, b) => a.funding.localeCompare(b.funding));
    expect(byFunding).toEqual(
      [
        { funding: '单位行政全额交纳', people: 3, premium: 435 },
        { funding: '职工个人交纳', people: 3, premium: 480 },
        { funding: '（未填）', people: 2, premium: 40 },
      ].sort((a, b) => a.funding.localeCompare(b.funding)),
    );
  });
});

describe('normalisation of what clerks type', () => {
  it.each<unknown>([3, '3', ' 3 ', '3份', '３', '３份', '3.0', '\u30003\u3000'])('shares %p are read as 3', (shares) => {
    const report = checkRoster([{ name: '花名册', rows: rosterRows([member({ shares })]) }]);
    expect(report.findings).toEqual([]);
    expect(report.summary.units[0].shares).toBe(3);
  });

  it('mixed ways of writing the same count make a uniform unit', () => {
    const people = [3, '3', ' 3 ', '3份', '３'].map((shares, i) => member({ id: personId(i), shares }));
    expect(checkRoster([{ name: '花名册', rows: rosterRows(people) }]).findings).toEqual([]);
  });

  // a person whose 16th birthday is 2026-01-01: each way of writing that day must read as that day
  const sixteenOn = (effectiveDate: unknown) =>
    rulesOf(checkRoster([{ name: '花名册', rows: rosterRows([member({ id: makeId({ birth: '20100101' }), effectiveDate })]) }]));

  it.each<unknown>([
    '2026-01-01',
    '2026/1/1',
    '2026年1月1日',
    '２０２６年１月１日',
    '2026.1.1',
    '20260101',
    ' 2026-01-01 ',
    '2026-01-01 08:30',
    46023,
    46023.75,
    utcDate(2026, 1, 1),
  ])('the date %p is 2026-01-01', (date) => {
    expect(sixteenOn(date)).toEqual([]);
  });

  it.each<unknown>(['2025-12-31', '2025/12/31', '2025年12月31日', 46022, utcDate(2025, 12, 31)])('the date %p is 2025-12-31', (date) => {
    expect(sixteenOn(date)).toEqual(['AGE_OUT_OF_SERVICE']);
  });

  it('IDs with a lower-case x, full-width characters or stray spaces are one person', () => {
    const id = womanWithX();
    const fullWidth = id.replace(/[\dX]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const people = [id, id.toLowerCase(), ` ${id}\t`, fullWidth].map((form, i) => member({ id: form, sex: '女', plan: [4, 5, 4, 5][i] }));
    const report = checkRoster([{ name: '花名册', rows: rosterRows(people) }]);
    expect(report.summary.people).toBe(1);
    expect(report.findings.map((f) => `${f.cell} ${f.rule}`)).toEqual(['E4 DUPLICATE_ENROLLMENT', 'E5 DUPLICATE_ENROLLMENT']);
  });

  it('plans and sexes with stray spaces and full-width brackets are read', () => {
    const report = checkRoster([{ name: '花名册', rows: rosterRows([member({ plan: ' 职工指定疾病（手术） 互助保障 ', sex: ' 男 ' })]) }]);
    expect(report.findings).toEqual([]);
    expect(report.summary.units[0].plan).toBe(2);
  });
});

describe('all sheets of one run are one roster', () => {
  const a: SheetInput = { name: '一', rows: rosterRows([member({ plan: '综合' })]) };
  const b: SheetInput = { name: '二', rows: rosterRows([member({ plan: '综合' }), member({ plan: '农民工' })]) };

  it('person rules reach across sheets in one run', () => {
    expect(rulesOf(checkRoster([a, b]))).toEqual(['PLAN_CONFLICT', 'DUPLICATE_ENROLLMENT', 'PLAN_CONFLICT', 'PLAN_CONFLICT']);
  });

  it('separate runs do not see each other', () => {
    expect(checkRoster([a]).findings).toEqual([]);
    expect(rulesOf(checkRoster([b]))).toEqual(['PLAN_CONFLICT', 'PLAN_CONFLICT']);
  });
});

describe('the streaming checker', () => {
  it('gives the same report as checkRoster when rows are fed one at a time', () => {
    const sheets: SheetInput[] = [
      { name: '一', firstRow: 4, firstColumn: 3, rows: [['标题'], ...rosterRows([member(), member({ shares: 9 }), member({ plan: 2 })])] },
      { name: '空', rows: [] },
      { name: '二', file: 'b.xlsx', rows: rosterRows([member({ id: personId(1), sex: '女' })]) },
    ];
    const checker = new RosterChecker();
    for (const sheet of sheets) {
      const session = checker.beginSheet(sheet.name, { file: sheet.file, firstColumn: sheet.firstColumn });
      sheet.rows.forEach((row, i) => session.addRow(row, (sheet.firstRow ?? 1) + i));
      session.end();
      session.end(); // ending twice changes nothing
    }
    expect(checker.finish()).toEqual(checkRoster(sheets));
  });
});
