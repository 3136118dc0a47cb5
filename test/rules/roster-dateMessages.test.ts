/**
 * Dates in the engine's messages are YYYY-MM-DD: cells holding JavaScript Dates (as exceljs gives
 * date-formatted cells) never print as Date text in local time, and 1900 serials read as Excel
 * shows them (serial 60 is Excel's 1900-02-29; serials below 61 are not a day early).
 */
import fc from 'fast-check';
import { checkRoster } from '../../src/rules/roster';
import { Field } from '../../src/rules/roster/columns';
import { makeId, member, Person, rosterRows, utcDate } from './rosterKit';

const check = (people: Person[]) => checkRoster([{ name: '花名册', rows: rosterRows(people) }]);

/** What String(date) looks like, in any time zone. */
const DATE_TEXT = /GMT|Invalid Date|(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/;

describe('1900 serials in the effective-date column', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [60, '1900-02-29'],
    [61, '1900-03-01'],
  ])('serial %d reads as %s', (serial, iso) => {
    const report = check([member({ effectiveDate: serial })]);
    expect(report.findings).toEqual([
      expect.objectContaining({ cell: 'H2', rule: 'DATE_INVALID', message: expect.stringContaining(`生效日期 ${serial} 读作 ${iso}，`) }),
    ]);
  });
});

describe('Date cells in messages', () => {
  it('a date-formatted 份数 cell is named as its day', () => {
    const report = check([member({ shares: utcDate(1900, 1, 3) })]);
    expect(report.findings).toEqual([expect.objectContaining({ cell: 'G2', rule: 'SHARES_INVALID', message: '份数 1900-01-03 不是不小于 1 的整数' })]);
  });

  it('a date in the plan column, an implausible effective date', () => {
    const report = check([member({ plan: utcDate(2026, 1, 1), effectiveDate: utcDate(1999, 1, 1) })]);
    expect(report.findings.map((f) => f.rule)).toEqual(['PLAN_UNKNOWN', 'DATE_INVALID']);
    expect(report.findings[0].message).toBe('参保计划 2026-01-01 不是已知计划');
    expect(report.findings[1].message).toMatch(/^生效日期 1999-01-01 读作 1999-01-01，不像生效日期/);
  });

  it('the retirement date in AGE_OUT_OF_SERVICE is YYYY-MM-DD', () => {
    const report = check([member({ id: makeId({ birth: '19580101' }), effectiveDate: '2026-01-01' })]);
    const age = report.findings.find((f) => f.rule === 'AGE_OUT_OF_SERVICE');
    expect(age?.message).toMatch(/最晚于 \d{4}-\d{2}-\d{2} 退休/);
  });

  it('no message carries Date text, whatever cell holds a Date', () => {
    const fields: Field[] = ['unit', 'name', 'sex', 'id', 'plan', 'shares', 'effectiveDate', 'previousShares', 'funding'];
    fc.assert(
      fc.property(
        fc.subarray(fields, { minLength: 1 }),
        fc.date({ min: new Date(Date.UTC(1899, 11, 31)), max: new Date(Date.UTC(9999, 11, 31)) }),
        (chosen, date) => {
          const person = member(Object.fromEntries(chosen.map((field) => [field, date])));
          for (const finding of check([person, member({ unit: date })]).findings) expect(finding.message).not.toMatch(DATE_TEXT);
        },
      ),
    );
  });
});
