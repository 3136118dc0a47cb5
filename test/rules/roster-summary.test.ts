/**
 * Roster engine: the summary (rows, people, unit × plan totals, premium, funding split, sheets).
 */
import { checkRoster } from '../../src/rules/roster';
import { PLANS } from '../../src/rules/catalogue';
import { STANDARD_FIELDS, makeId, member, personId, rosterRows } from './rosterKit';

describe('summary: rows, people, units and premium', () => {
  const people = [
    member({ unit: '甲', id: personId(1), plan: '综合', shares: 2 }), // 120
    member({ unit: '甲', id: personId(2, 'F'), sex: '女', plan: '综合', shares: '2' }), // 120
    member({ unit: '甲', id: personId(2, 'F'), sex: '女', plan: '女职工安康', shares: '3份' }), // 75
    member({ unit: '乙', id: personId(3), plan: '指定疾病', shares: 1 }), // 40
    member({ unit: '乙', id: personId(3), plan: '团体意外', shares: 1 }), // 20
    member({ unit: '乙', id: personId(4), plan: '农民工', shares: '５' }), // 100
    member({ unit: '乙', id: '45042119800101', plan: '综合', shares: 1 }), // 60, ID invalid
    member({ unit: '乙', id: personId(5), plan: '养老', shares: 1 }), // unknown plan: no premium
    member({ unit: '乙', id: personId(6), plan: '综合', shares: '一' }), // invalid shares: no premium
  ];
  const report = checkRoster([{ name: '花名册', rows: [['2026年参保花名册'], ...rosterRows(people), ['合计', null, null, null, null, null, 16]] }]);

  it('has the expected findings only', () => {
    expect(report.findings.map((f) => `${f.cell} ${f.rule}`)).toEqual(['E9 ID_INVALID', 'F10 PLAN_UNKNOWN', 'G11 SHARES_INVALID']);
  });

  it('counts person rows (not the title, header or total) and distinct people', () => {
    // people: 1, 2, 3, 4, the invalid ID row, 5, 6
    expect(report.summary).toMatchObject({ rows: 9, people: 7, errors: 3, warnings: 0 });
  });

  it('totals people, shares and premium per unit × plan, sorted by unit then plan', () => {
    expect(report.summary.units).toEqual([
      { unit: '乙', plan: 1, planName: '综合', people: 1, shares: 1, premium: 60 },
      { unit: '乙', plan: 2, planName: '指定疾病', people: 1, shares: 1, premium: 40 },
      { unit: '乙', plan: 3, planName: '农民工', people: 1, shares: 5, premium: 100 },
      { unit: '乙', plan: 5, planName: '团体意外', people: 1, shares: 1, premium: 20 },
      { unit: '甲', plan: 1, planName: '综合', people: 2, shares: 4, premium: 240 },
      { unit: '甲', plan: 4, planName: '女职工安康', people: 1, shares: 3, premium: 75 },
    ]);
  });

  it('premiumTotal sums the rows whose plan and shares are valid', () => {
    expect(report.summary.premiumTotal).toBe(120 + 120 + 75 + 40 + 20 + 100 + 60);
    expect(report.summary.premiumTotal).toBe(report.summary.units.reduce((sum, u) => sum + u.premium, 0));
  });

  it('lists the sheet with its header row and person rows', () => {
    expect(report.summary.sheets).toEqual([{ sheet: '花名册', headerRow: 2, rows: 9 }]);
  });

  it('with a 出资方式 column all blank, everything is (未填), people counted once', () => {
    expect(report.summary.byFunding).toEqual([{ funding: '（未填）', people: 5, premium: 535 }]);
  });
});

describe('summary: premium per share per year', () => {
  it.each([
    [1, 60],
    [2, 40],
    [3, 20],
    [4, 25],
    [5, 20],
  ])('plan %d costs %d yuan per share', (plan, perShare) => {
    expect(PLANS.find((p) => p.number === plan)!.premiumPerShare).toBe(perShare);
    const people = [member({ id: personId(1, 'F'), sex: '女', plan, shares: 3 }), member({ id: personId(2, 'F'), sex: '女', plan, shares: 3 })];
    const report = checkRoster([
      {
        name: '甲单位',
        rows: rosterRows(
          people,
          STANDARD_FIELDS.filter((f) => f !== 'unit'),
        ),
      },
    ]);
    expect(report.findings).toEqual([]);
    expect(report.summary.units).toEqual([expect.objectContaining({ unit: '甲单位', plan, people: 2, shares: 6, premium: 6 * perShare })]);
    expect(report.summary.premiumTotal).toBe(6 * perShare);
  });

  it('rows over the cap still count (their shares are valid numbers); the finding says they must change', () => {
    const report = checkRoster([{ name: '花名册', rows: rosterRows([member({ shares: 6 })]) }]);
    expect(report.findings.map((f) => f.rule)).toEqual(['SHARES_OVER_MAX']);
    expect(report.summary.premiumTotal).toBe(360);
  });

  it('a duplicated row counts once as a person and its shares twice', () => {
    const report = checkRoster([{ name: '花名册', rows: rosterRows([member({ unit: '甲' }), member({ unit: '甲' })]) }]);
    expect(report.summary).toMatchObject({ rows: 2, people: 1, premiumTotal: 120 });
    expect(report.summary.units).toEqual([expect.objectContaining({ people: 1, shares: 2, premium: 120 })]);
  });

  it('a person on two sheets is one person', () => {
    const id = makeId({ sex: 'F' });
    const report = checkRoster([
      { name: '安康', rows: rosterRows([member({ id, sex: '女', plan: 4 })]) },
      { name: '意外', rows: rosterRows([member({ id, sex: '女', plan: 5 })]) },
    ]);
    expect(report.summary).toMatchObject({ rows: 2, people: 1, premiumTotal: 45 });
    expect(report.summary.sheets).toEqual([
      { sheet: '安康', headerRow: 1, rows: 1 },
      { sheet: '意外', headerRow: 1, rows: 1 },
    ]);
  });
});

describe('summary: by funding method (出资方式)', () => {
  const sortByFunding = <T extends { funding: string }>(rows: T[] | undefined): T[] => [...(rows ?? [])].sort((a, b) => a.funding.localeCompare(b.funding));

  it('splits people and premium by the column as written; a blank cell is (未填)', () => {
    const people = [
      member({ id: personId(1), plan: 1, shares: 1, funding: '单位行政全额交纳' }),
      member({ id: personId(2), plan: 1, shares: 1, funding: ' 单位行政全额交纳 ' }),
      member({ id: personId(3), plan: 1, shares: 1, funding: '职工个人交纳' }),
      member({ id: personId(3), plan: 5, shares: 2, funding: '职工个人交纳' }),
      member({ id: personId(4), plan: 1, shares: 1, funding: null }),
      member({ id: personId(5), plan: '养老', shares: 1, funding: '职工个人交纳' }), // no valid plan: not counted
    ];
    const report = checkRoster([{ name: '花名册', rows: rosterRows(people) }]);
    expect(sortByFunding(report.summary.byFunding)).toEqual(
      sortByFunding([
        { funding: '单位行政全额交纳', people: 2, premium: 120 },
        { funding: '职工个人交纳', people: 1, premium: 100 },
        { funding: '（未填）', people: 1, premium: 60 },
      ]),
    );
    const total = (report.summary.byFunding ?? []).reduce((sum, f) => sum + f.premium, 0);
    expect(total).toBe(report.summary.premiumTotal);
  });

  it('rows of a sheet without the column count as (未填) when another sheet has it', () => {
    const report = checkRoster([
      { name: '一', rows: rosterRows([member({ id: personId(1), funding: '单位工会全额交纳' })]) },
      {
        name: '二',
        rows: rosterRows(
          [member({ id: personId(2) })],
          STANDARD_FIELDS.filter((f) => f !== 'funding'),
        ),
      },
    ]);
    expect(sortByFunding(report.summary.byFunding)).toEqual(
      sortByFunding([
        { funding: '单位工会全额交纳', people: 1, premium: 60 },
        { funding: '（未填）', people: 1, premium: 60 },
      ]),
    );
  });

  it('is absent when no sheet has the column', () => {
    const report = checkRoster([
      {
        name: '花名册',
        rows: rosterRows(
          [member()],
          STANDARD_FIELDS.filter((f) => f !== 'funding'),
        ),
      },
    ]);
    expect(report.summary.byFunding).toBeUndefined();
  });
});

describe('summary: counts of findings', () => {
  it('errors and warnings count the findings by severity', () => {
    const report = checkRoster([
      {
        name: '花名册',
        rows: rosterRows([
          member({ id: makeId({ birth: '19500101' }) }), // retired: warning
          member({ id: makeId({ birth: '20150101', seq: '555' }) }), // under 16: warning
          member({ id: personId(7), shares: 0 }), // error
        ]),
      },
    ]);
    expect(report.findings.map((f) => f.rule)).toEqual(['AGE_OUT_OF_SERVICE', 'AGE_OUT_OF_SERVICE', 'SHARES_INVALID']);
    expect(report.summary).toMatchObject({ errors: 1, warnings: 2 });
  });
});
