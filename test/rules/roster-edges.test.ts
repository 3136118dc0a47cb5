/** Edge readings of the roster engine, each decided once for the pane and the command alike. */
import { checkRoster } from '../../src/rules/roster';
import { briefs, makeId, member, rosterRows } from './rosterKit';

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
  it.each([[2026, '1905-07-18'], ['202601', '2454-09-12'], [36526 - 1, '1999-12-31']])('%p is DATE_INVALID (it reads as %s)', (value, iso) => {
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
