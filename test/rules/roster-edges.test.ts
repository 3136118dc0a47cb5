/** Edge readings of the roster engine, each decided once for the pane and the command alike. */
import { checkRoster, RosterChecker } from '../../src/rules/roster';
import { briefs, makeId, member, rosterRows, utcDate } from './rosterKit';

describe('one person written with a 15-digit and an 18-digit ID', () => {
  // The legacy number 450421800101123 and its 18-character form 45042119800101123X name one person.
  const id18 = makeId({ birth: '19800101', seq: '123' });
  const id15 = `${id18.slice(0, 6)}${id18.slice(8, 17)}`;

  it('conflicting plans are found across the two forms', () => {
    const report = checkRoster([{ name: '花名册', rows: rosterRows([member({ id: id18, plan: '综合' }), member({ id: id15, plan: '农民工' })]) }]);
    expect(briefs(report, 'PLAN_CONFLICT')).toEqual(['花名册!F2 PLAN_CONFLICT', '花名册!F3 PLAN_CONFLICT']);
  });

  it('enrolling twice in one plan is found across the two forms', () => {
    const report = checkRoster([{ name: '花名册', rows: rosterRows([member({ id: id18 }), member({ id: id15 })]) }]);
    expect(briefs(report, 'DUPLICATE_ENROLLMENT')).toEqual(['花名册!E3 DUPLICATE_ENROLLMENT']);
  });
});

describe('a sheet named after a plan, without a plan column', () => {
  it('reports a man in 女职工安康 as a whole-row finding: there is no plan cell to point at', () => {
    const fields = ['seq', 'unit', 'name', 'sex', 'id', 'shares'] as const;
    const report = checkRoster([{ name: '女职工安康', rows: rosterRows([member({ sex: '男', id: makeId({ sex: 'M' }) })], [...fields]) }]);
    const finding = report.findings.find((f) => f.rule === 'PLAN_GENDER');
    expect(finding).toMatchObject({ row: 2, column: null, cell: null });
  });
});

describe('a heading row naming the unit of the rows below it', () => {
  it('gives its unit to the following rows whose unit cell is blank', () => {
    const rows = rosterRows([member({ unit: null, id: makeId({ seq: '001' }), shares: 2 }), member({ unit: null, id: makeId({ seq: '003' }), shares: 3 })]);
    rows.splice(1, 0, [null, '县人民医院', null, null, null, null, null, null, null, null]);
    const report = checkRoster([{ name: '花名册', rows }]);
    expect(report.summary.units.map((u) => u.unit)).toEqual(['县人民医院']);
    expect(report.summary.rows).toBe(2);
    // Both members are in the same unit, so their different 综合 shares are not uniform.
    expect(briefs(report, 'SHARES_NOT_UNIFORM')).toEqual(['花名册!G3 SHARES_NOT_UNIFORM', '花名册!G4 SHARES_NOT_UNIFORM']);
  });
});

describe('a birth date after the effective date', () => {
  it('says so instead of a negative age', () => {
    const report = checkRoster([{ name: '花名册', rows: rosterRows([member({ id: makeId({ birth: '20300101' }) })]) }]);
    const finding = report.findings.find((f) => f.rule === 'AGE_OUT_OF_SERVICE');
    expect(finding?.message).toContain('出生日期晚于生效日期');
    expect(finding?.message).not.toMatch(/-\d/);
  });
});

describe('effective dates outside any plausible roster year', () => {
  it.each([
    [2026, '1905-07-18'],
    ['202601', '2454-09-12'],
    [36526 - 1, '1999-12-31'],
  ])('%p is DATE_INVALID (it reads as %s)', (value, iso) => {
    const report = checkRoster([{ name: '花名册', rows: rosterRows([member({ effectiveDate: value })]) }]);
    const finding = report.findings.find((f) => f.rule === 'DATE_INVALID');
    expect(finding?.cell).toBe('H2');
    expect(finding?.message).toContain(iso);
    // No age warning from a date that is not one.
    expect(report.findings.some((f) => f.rule === 'AGE_OUT_OF_SERVICE')).toBe(false);
  });

  it.each([['2000-01-01'], ['2099-12-31'], [46023]])('%p is a plausible effective date', (value) => {
    const report = checkRoster([{ name: '花名册', rows: rosterRows([member({ effectiveDate: value })]) }]);
    expect(report.findings.filter((f) => f.rule === 'DATE_INVALID')).toEqual([]);
  });
});

describe('a workbook in the 1904 date system (old Mac Excel files)', () => {
  // Its date cells count from 1904-01-01: 2026-01-01 is 44561 there, 46023 in the 1900 system.
  // A man born 2010-01-01 turns 16, the youngest age in service, on 2026-01-01.
  const born2010 = makeId({ birth: '20100101' });
  const check = (effectiveDate: unknown, date1904?: boolean) =>
    checkRoster([{ name: '花名册', rows: rosterRows([member({ id: born2010, effectiveDate })]), date1904 }]);

  it('44561 with date1904 reads as 2026-01-01: a valid date, on which he is 16', () => {
    expect(briefs(check(44561, true))).toEqual([]);
    // The day before, he is still 15: the boundary falls where it does for the 1900 serial 46023.
    const dayBefore = check(44560, true);
    expect(briefs(dayBefore)).toEqual(['花名册!E2 AGE_OUT_OF_SERVICE']);
    expect(dayBefore.findings[0].message).toContain('年龄 15 岁');
    expect(briefs(check(46023))).toEqual([]);
  });

  it('without the flag, 44561 is a 1900 serial: 2021-12-31, when he is 11', () => {
    const report = check(44561);
    expect(briefs(report)).toEqual(['花名册!E2 AGE_OUT_OF_SERVICE']);
    expect(report.findings[0].message).toContain('年龄 11 岁');
  });

  it('text dates and Date objects read the same in both systems', () => {
    for (const value of ['2026-01-01', '2026年1月1日', utcDate(2026, 1, 1)]) expect(briefs(check(value, true))).toEqual([]);
  });

  it('an implausible 1904 serial is DATE_INVALID, shown with its 1904 reading', () => {
    const finding = check(0, true).findings.find((f) => f.rule === 'DATE_INVALID');
    expect(finding?.cell).toBe('H2');
    expect(finding?.message).toContain('1904-01-01');
  });

  it('beginSheet takes the flag for the rows fed one at a time, as the pane feeds them', () => {
    const checker = new RosterChecker();
    const session = checker.beginSheet('花名册', { firstColumn: 1, date1904: true });
    rosterRows([member({ id: born2010, effectiveDate: 44561 })]).forEach((row, i) => session.addRow(row, i + 1));
    session.end();
    expect(briefs(checker.finish())).toEqual([]);
  });
});
