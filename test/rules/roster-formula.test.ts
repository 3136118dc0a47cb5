/**
 * FORMULA_NOT_CALCULATED: a cell whose formula was saved without its value (the reader's marker)
 * is reported at its cell, once, instead of MISSING_FIELD or a reading of the blank; not on a total row.
 */
import { checkRoster } from '../../src/rules/roster';
import { briefs, member, personId, rosterRows } from './rosterKit';

const uncalculated = (formula: string) => ({ uncalculatedFormula: formula });

test('份数 and 身份证号 as formulas without values: one finding each, no MISSING_FIELD, the rest of the row still checked', () => {
  const rows = rosterRows([
    member({ id: personId(1) }),
    member({ id: uncalculated('A1&"1"'), shares: uncalculated('1+2'), sex: '女' }),
    member({ id: personId(3) }),
  ]);
  const report = checkRoster([{ name: '花名册', rows }]);
  expect(briefs(report)).toEqual(['花名册!E3 FORMULA_NOT_CALCULATED', '花名册!G3 FORMULA_NOT_CALCULATED']);
  expect(report.findings[0].message).toContain('请在 Excel 中打开并保存后再检查');
  expect(report.findings[0].severity).toBe('error');
  expect(report.summary.rows).toBe(3);
});

test("a plain blank still reads as MISSING_FIELD; a total row's uncalculated =SUM is not reported", () => {
  const rows = rosterRows([member({ id: personId(1), shares: null }), member({ id: personId(2) })]);
  rows.push([null, null, '合计', null, null, null, uncalculated('SUM(G2:G3)')]);
  const report = checkRoster([{ name: '花名册', rows }]);
  expect(briefs(report)).toEqual(['花名册!G2 MISSING_FIELD']);
});

test('a formula without value in a column the rules do not use changes nothing', () => {
  const rows = rosterRows([member({ id: personId(1) })]).map((row) => [...row, uncalculated('NOW()')]);
  expect(briefs(checkRoster([{ name: '花名册', rows }]))).toEqual([]);
});
