/**
 * Roster engine: each rule, with rows that must and rows that must not trigger it, at its boundaries.
 * Standard columns (rosterKit): A 序号, B 单位, C 姓名, D 性别, E 身份证号, F 参保计划, G 份数,
 * H 生效日期, I 上年份数, J 出资方式; header in row 1, people from row 2.
 */
import { checkRoster, RosterReport, RULE_SEVERITY, RULES, SheetInput } from '../../src/rules/roster';
import { expectedCheckChar } from '../../src/rules/idNumber';
import { latestRetirementDate } from '../../src/rules/retirement';
import { checkChar, briefs, makeId, member, Person, personId, rosterRows, rulesOf, utcDate } from './rosterKit';

const check = (people: Person[], name = '花名册'): RosterReport => checkRoster([{ name, rows: rosterRows(people) }]);

/** An ID whose check character is X (found by trying sequences). */
function idEndingInX(): string {
  for (let seq = 100; seq < 1000; seq += 1) {
    const id = makeId({ seq: String(seq) });
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X');
}

describe('the test helpers', () => {
  it('makeId writes the check character GB 11643 expects, and the sex in the 17th digit', () => {
    for (let seq = 0; seq < 1000; seq += 37) {
      const id = makeId({ seq: String(seq).padStart(3, '0') });
      expect(id[17]).toBe(expectedCheckChar(id.slice(0, 17)));
    }
    expect(checkChar('11010519491231002')).toBe('X');
    expect(Number(makeId({ sex: 'M' })[16]) % 2).toBe(1);
    expect(Number(makeId({ sex: 'F' })[16]) % 2).toBe(0);
  });

  it('every rule has a severity; of the roster rules only AGE_OUT_OF_SERVICE is a warning', () => {
    const rosterRules = RULES.filter((rule) => !rule.startsWith('CLAIM_') && rule !== 'PAID_BEFORE_REVIEW');
    expect(rosterRules.filter((rule) => RULE_SEVERITY[rule] === 'warning')).toEqual(['AGE_OUT_OF_SERVICE']);
  });
});

describe('a valid roster', () => {
  it('gives no findings', () => {
    const report = check([
      member({ unit: '甲' }),
      member({ unit: '甲', name: '李四', sex: '女', id: personId(1, 'F'), plan: '女职工安康', shares: 3 }),
      member({ unit: '甲', name: '李四', sex: '女', id: personId(1, 'F'), plan: '团体意外', shares: 2, previousShares: 2 }),
      member({ unit: '甲', name: '王五', id: personId(2), plan: '综合', shares: 1 }),
    ]);
    expect(report.findings).toEqual([]);
  });
});

describe('MISSING_FIELD', () => {
  it.each([
    ['name', 'C2', '姓名为空'],
    ['id', 'E2', '身份证号为空'],
    ['plan', 'F2', '参保计划为空'],
    ['shares', 'G2', '份数为空'],
  ])('a blank %s is reported at %s', (field, cell, message) => {
    for (const blank of [null, undefined, '', '   ', '\u3000']) {
      const report = check([member({ [field]: blank })]);
      expect(report.findings).toEqual([expect.objectContaining({ cell, rule: 'MISSING_FIELD', severity: 'error', message })]);
    }
  });

  it('a row with only a name reports the ID, plan and shares', () => {
    expect(briefs(check([{ name: '张三' }]))).toEqual(['花名册!E2 MISSING_FIELD', '花名册!F2 MISSING_FIELD', '花名册!G2 MISSING_FIELD']);
  });

  it('blank optional cells (unit, sex, date, last year, funding) are not findings', () => {
    const report = check([member({ unit: null, sex: null, effectiveDate: null, previousShares: null, funding: null })]);
    expect(report.findings).toEqual([]);
  });

  it('0 is not blank: it is an invalid count, not a missing one', () => {
    expect(rulesOf(check([member({ shares: 0 })]))).toEqual(['SHARES_INVALID']);
  });
});

describe('ID_INVALID', () => {
  const valid = makeId();

  it.each<[string, unknown]>([
    ['a wrong check character', valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0')],
    ['17 digits', valid.slice(0, 17)],
    ['19 characters', `${valid}1`],
    ['an impossible birth date', makeId({ birth: '19800230' })],
    ['an unknown province', makeId({ province: '99' })],
    ['letters', '见附件'],
    ['an error value', '#N/A'],
    ['inner spaces', `${valid.slice(0, 6)} ${valid.slice(6)}`],
    ['an 18-digit number (Excel kept 15 digits)', Number(valid)],
    ['a 16-digit number', 4504211980010112],
    ['a short number', 12345],
    ['a boolean', true],
    ['a Date', utcDate(1980, 1, 1)],
  ])('%s is reported in the ID cell', (_, id) => {
    const report = check([member({ id })]);
    expect(report.findings).toEqual([expect.objectContaining({ cell: 'E2', column: '身份证号', rule: 'ID_INVALID' })]);
  });

  it('an 18-digit ID stored as a number says it must be re-entered as text', () => {
    const [finding] = check([member({ id: Number(valid) })]).findings;
    expect(finding.message).toContain('15位有效数字');
    expect(finding.message).toContain('文本');
  });

  it.each<[string, unknown]>([
    ['an 18-digit ID', valid],
    ['a lower-case x', idEndingInX().toLowerCase()],
    ['an upper-case X', idEndingInX()],
    ['full-width digits', valid.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))],
    ['stray spaces around it', `  ${valid}\u3000`],
    ['a 15-digit legacy ID as text', '450421800101123'],
    // idNumber.ts reads a 15-digit number exactly (a double holds 15 digits): the project's decision
    ['a 15-digit legacy ID as a number', 450421800101123],
  ])('%s is valid', (_, id) => {
    expect(check([member({ id })]).findings).toEqual([]);
  });

  it('the checks that need the ID skip a row whose ID is invalid', () => {
    const bad = makeId({ birth: '19401301' }); // month 13
    const report = check([
      member({ id: bad, sex: '女', plan: '综合', effectiveDate: '2026-01-01' }),
      member({ id: bad, sex: '女', plan: '指定疾病' }),
      member({ id: bad, sex: '女', plan: '指定疾病' }),
    ]);
    // no GENDER_MISMATCH, PLAN_CONFLICT, DUPLICATE_ENROLLMENT or AGE_OUT_OF_SERVICE
    expect(rulesOf(report)).toEqual(['ID_INVALID', 'ID_INVALID', 'ID_INVALID']);
  });
});

describe('GENDER_MISMATCH', () => {
  it.each(['女', '女性', 'F', 'female', ' 女 '])('sex "%s" for a man (by ID) is reported in the sex cell', (sex) => {
    const report = check([member({ id: makeId({ sex: 'M' }), sex })]);
    expect(report.findings).toEqual([expect.objectContaining({ cell: 'D2', column: '性别', rule: 'GENDER_MISMATCH' })]);
    expect(report.findings[0].message).toContain('身份证号显示为男');
  });

  it('sex "男" for a woman (by ID) is reported', () => {
    expect(briefs(check([member({ id: makeId({ sex: 'F' }), sex: '男' })]))).toEqual(['花名册!D2 GENDER_MISMATCH']);
  });

  it.each<[string, unknown, 'M' | 'F']>([
    ['男', '男', 'M'],
    ['男性', '男性', 'M'],
    ['m', 'm', 'M'],
    ['女', '女', 'F'],
    ['blank', null, 'F'],
    ['an unknown word (not read as a sex)', '未知', 'M'],
  ])('sex %s agreeing with or not comparable to the ID is not reported', (_, sex, idSex) => {
    expect(check([member({ id: makeId({ sex: idSex }), sex })]).findings).toEqual([]);
  });

  it('the sex of a legacy 15-digit ID is its last digit', () => {
    expect(rulesOf(check([member({ id: '450421800101124', sex: '男' })]))).toEqual(['GENDER_MISMATCH']);
    expect(check([member({ id: '450421800101124', sex: '女' })]).findings).toEqual([]);
  });
});

describe('PLAN_UNKNOWN', () => {
  it.each<unknown>(['养老保险', '综合保险A', '第6种', 6, 0, 1.5, '#N/A', true])('plan %p is reported in the plan cell', (plan) => {
    expect(check([member({ plan })]).findings).toEqual([expect.objectContaining({ cell: 'F2', rule: 'PLAN_UNKNOWN' })]);
  });

  it.each<[unknown, number]>([
    ['综合', 1],
    ['职工综合互助保障', 1],
    [' 职工综合互助保障 ', 1],
    ['职工指定疾病（手术）互助保障', 2],
    ['指定疾病', 2],
    ['农民工', 3],
    [3, 3],
    ['第3种', 3],
    ['5', 5],
    ['意外伤害', 5],
    ['团体意外', 5],
  ])('plan %p is plan %d', (plan, number) => {
    const report = check([member({ plan })]);
    expect(report.findings).toEqual([]);
    expect(report.summary.units.map((u) => u.plan)).toEqual([number]);
  });

  it('rows of an unknown plan take no part in share rules', () => {
    const report = check([member({ shares: 2 }), member({ id: personId(1), plan: '未知计划', shares: 9 })]);
    expect(rulesOf(report)).toEqual(['PLAN_UNKNOWN']);
  });
});

describe('PLAN_GENDER', () => {
  it('女职工安康 for a man (by ID) is reported in the plan cell', () => {
    const report = check([member({ id: makeId({ sex: 'M' }), sex: '男', plan: '女职工安康' })]);
    expect(report.findings).toEqual([expect.objectContaining({ cell: 'F2', rule: 'PLAN_GENDER', severity: 'error' })]);
  });

  it('女职工安康 for a woman is not reported', () => {
    expect(check([member({ id: makeId({ sex: 'F' }), sex: '女', plan: '女职工安康' })]).findings).toEqual([]);
    expect(check([member({ id: makeId({ sex: 'F' }), sex: null, plan: 4 })]).findings).toEqual([]);
  });

  it('the ID decides over a wrong sex cell: a man written as 女 is reported twice', () => {
    const report = check([member({ id: makeId({ sex: 'M' }), sex: '女', plan: '女职工安康' })]);
    expect(briefs(report)).toEqual(['花名册!D2 GENDER_MISMATCH', '花名册!F2 PLAN_GENDER']);
  });

  it("(engine's reading) with an invalid ID, the sex cell is used", () => {
    expect(rulesOf(check([member({ id: '123', sex: '男', plan: '女职工安康' })]))).toEqual(['ID_INVALID', 'PLAN_GENDER']);
    expect(rulesOf(check([member({ id: '123', sex: null, plan: '女职工安康' })]))).toEqual(['ID_INVALID']);
  });

  it.each(['综合', '指定疾病', '农民工', '团体意外'])('%s is open to men', (plan) => {
    expect(check([member({ plan })]).findings).toEqual([]);
  });
});

describe('PLAN_CONFLICT', () => {
  it.each([
    ['综合', '指定疾病'],
    ['综合', '农民工'],
    ['指定疾病', '农民工'],
  ])('%s with %s: both rows are reported, each naming the other', (a, b) => {
    const report = check([member({ plan: a }), member({ id: personId(3) }), member({ plan: b })]);
    expect(briefs(report)).toEqual(['花名册!F2 PLAN_CONFLICT', '花名册!F4 PLAN_CONFLICT']);
    expect(report.findings[0].message).toContain('第4行');
    expect(report.findings[1].message).toContain('第2行');
  });

  it.each([
    ['综合', '女职工安康'],
    ['综合', '团体意外'],
    ['指定疾病', '团体意外'],
    ['农民工', '女职工安康'],
    ['女职工安康', '团体意外'],
  ])('%s with %s is allowed', (a, b) => {
    const id = makeId({ sex: 'F' });
    expect(check([member({ id, sex: '女', plan: a }), member({ id, sex: '女', plan: b })]).findings).toEqual([]);
  });

  it('different people in plans 1 and 2 are not in conflict', () => {
    expect(check([member({ plan: '综合' }), member({ id: personId(1), plan: '指定疾病' })]).findings).toEqual([]);
  });

  it('all three plans: each row names the two others', () => {
    const report = check([member({ plan: 1 }), member({ plan: 2 }), member({ plan: 3 })]);
    expect(rulesOf(report)).toEqual(['PLAN_CONFLICT', 'PLAN_CONFLICT', 'PLAN_CONFLICT']);
    expect(report.findings[0].message).toMatch(/第3行.*第4行/);
    expect(report.findings[1].message).toMatch(/第2行.*第4行/);
    expect(report.findings[2].message).toMatch(/第2行.*第3行/);
  });

  it('a conflict across two sheets is reported on both sheets, naming the other sheet and row', () => {
    const sheets: SheetInput[] = [
      { name: '甲表', rows: rosterRows([member({ id: personId(1) }), member({ plan: '综合' })]) },
      { name: '乙表', firstRow: 3, rows: rosterRows([member({ id: personId(2) }), member({ id: personId(4) }), member({ plan: '农民工' })]) },
    ];
    const report = checkRoster(sheets);
    expect(briefs(report)).toEqual(['甲表!F3 PLAN_CONFLICT', '乙表!F6 PLAN_CONFLICT']);
    expect(report.findings[0].message).toMatch(/农民工[(（]乙表!第6行[)）]/);
    expect(report.findings[1].message).toMatch(/综合[(（]甲表!第3行[)）]/);
  });

  it('a conflict across two files names the file too', () => {
    const report = checkRoster([
      { name: '花名册', file: 'a.xlsx', rows: rosterRows([member({ plan: '综合' })]) },
      { name: '花名册', file: 'b.xlsx', rows: rosterRows([member({ plan: '指定疾病' })]) },
    ]);
    expect(briefs(report)).toEqual(['a.xlsx/花名册!F2 PLAN_CONFLICT', 'b.xlsx/花名册!F2 PLAN_CONFLICT']);
    expect(report.findings[0].message).toContain('b.xlsx 花名册!第2行');
    expect(report.findings[1].message).toContain('a.xlsx 花名册!第2行');
  });

  it('the same person is recognised however the ID is written (x, full width, spaces)', () => {
    const id = idEndingInX();
    const fullWidth = id.toLowerCase().replace(/[\dx]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const report = check([member({ id, plan: 1 }), member({ id: ` ${id.toLowerCase()} `, plan: 2 }), member({ id: fullWidth, plan: 3 })]);
    expect(rulesOf(report)).toEqual(['PLAN_CONFLICT', 'PLAN_CONFLICT', 'PLAN_CONFLICT']);
  });
});

describe('DUPLICATE_ENROLLMENT', () => {
  it('the first row is not reported; each later row is, in the ID cell, naming the first', () => {
    const report = check([member(), member({ id: personId(1) }), member(), member({ shares: 1 })]);
    expect(briefs(report)).toEqual(['花名册!E4 DUPLICATE_ENROLLMENT', '花名册!E5 DUPLICATE_ENROLLMENT']);
    for (const finding of report.findings) expect(finding.message).toContain('第2行');
  });

  it('across sheets: the row on the later sheet is reported, naming the first', () => {
    const report = checkRoster([
      { name: '一月', rows: rosterRows([member({ plan: '团体意外' })]) },
      { name: '二月', rows: rosterRows([member({ id: personId(5), plan: '团体意外' }), member({ plan: '意外伤害' })]) },
    ]);
    expect(briefs(report)).toEqual(['二月!E3 DUPLICATE_ENROLLMENT']);
    expect(report.findings[0].message).toContain('一月!第2行');
  });

  it('the same person in two plans that do not exclude each other is not a duplicate', () => {
    const id = makeId({ sex: 'F' });
    expect(check([member({ id, sex: '女', plan: 4 }), member({ id, sex: '女', plan: 5 })]).findings).toEqual([]);
  });

  it('two people with the same name are not duplicates', () => {
    expect(check([member({ name: '张伟' }), member({ name: '张伟', id: personId(1) })]).findings).toEqual([]);
  });

  it('a duplicate that also conflicts: every row in conflict, later rows of the same plan also duplicates', () => {
    const report = check([member({ plan: 1 }), member({ plan: 1 }), member({ plan: 2 })]);
    // listed by row, then column
    expect(briefs(report)).toEqual(['花名册!F2 PLAN_CONFLICT', '花名册!E3 DUPLICATE_ENROLLMENT', '花名册!F3 PLAN_CONFLICT', '花名册!F4 PLAN_CONFLICT']);
    expect(report.findings.find((f) => f.row === 4)!.message).toMatch(/第2行.*第3行/);
  });
});

describe('SHARES_INVALID', () => {
  it.each<unknown>([0, -1, 1.5, '2.5', '0', 'abc', '三份', '#N/A', '#VALUE!', true, false, NaN, Infinity, utcDate(2026, 1, 1)])(
    'shares %p are reported in the shares cell',
    (shares) => {
      expect(check([member({ shares })]).findings).toEqual([expect.objectContaining({ cell: 'G2', column: '份数', rule: 'SHARES_INVALID' })]);
    },
  );

  it.each<unknown>([1, 3, '3', ' 3 ', '3份', '３', '３份', '3.0', 5])('shares %p are valid', (shares) => {
    expect(check([member({ shares })]).findings).toEqual([]);
  });

  it.each<unknown>([-1, 1.5, 'abc', true])("last year's count %p is reported in the 上年份数 cell", (previousShares) => {
    expect(check([member({ previousShares })]).findings).toEqual([expect.objectContaining({ cell: 'I2', column: '上年份数', rule: 'SHARES_INVALID' })]);
  });

  it.each<unknown>([0, '0', 2, '2份', null, ''])("last year's count %p is valid", (previousShares) => {
    expect(check([member({ previousShares })]).findings).toEqual([]);
  });

  it('rows with invalid shares do not make a unit non-uniform', () => {
    const report = check([member({ plan: 2, shares: 4 }), member({ id: personId(1), plan: 2, shares: 4 }), member({ id: personId(2), plan: 2, shares: 'x' })]);
    expect(rulesOf(report)).toEqual(['SHARES_INVALID']);
  });
});

describe('SHARES_NOT_UNIFORM (plans 1 and 5)', () => {
  const unit = (plan: unknown, counts: unknown[], unitName = '甲'): Person[] =>
    counts.map((shares, i) => member({ unit: unitName, id: personId(i), plan, shares }));

  it.each(['综合', '团体意外'])('%s: rows differing from the most common count are reported', (plan) => {
    const report = check(unit(plan, [2, 2, 3, 2, 1]));
    expect(briefs(report)).toEqual(['花名册!G4 SHARES_NOT_UNIFORM', '花名册!G6 SHARES_NOT_UNIFORM']);
    expect(report.findings[0].message).toContain('应与本单位多数人一致为2份');
  });

  it.each(['综合', '团体意外'])('%s: a tie reports every row of the plan in the unit', (plan) => {
    const report = check(unit(plan, [2, 3, 3, 2, 4]));
    expect(briefs(report)).toEqual([2, 3, 4, 5, 6].map((row) => `花名册!G${row} SHARES_NOT_UNIFORM`));
    expect(report.findings[0].message).toContain('无法判断');
  });

  it('a two-person tie reports both', () => {
    expect(rulesOf(check(unit('综合', [1, 2])))).toEqual(['SHARES_NOT_UNIFORM', 'SHARES_NOT_UNIFORM']);
  });

  it.each(['综合', '团体意外'])('%s: a uniform unit is not reported', (plan) => {
    expect(check(unit(plan, [3, '3', '3份', '３'])).findings).toEqual([]);
  });

  it('counts are compared within one unit and one plan', () => {
    const report = check([
      ...unit('综合', [2, 2], '甲'),
      ...unit('综合', [3], '乙').map((p) => ({ ...p, id: personId(10) })),
      member({ unit: '甲', id: personId(11), plan: '团体意外', shares: 5 }),
    ]);
    expect(report.findings).toEqual([]);
  });

  it.each(['指定疾病', '农民工'])('%s need not be uniform', (plan) => {
    expect(check(unit(plan, [1, 2, 3])).findings).toEqual([]);
  });

  it('女职工安康 need not be uniform', () => {
    const people = [1, 2, 3].map((shares, i) => member({ id: personId(i, 'F'), sex: '女', plan: 4, shares }));
    expect(check(people).findings).toEqual([]);
  });
});

describe('SHARES_OVER_MAX', () => {
  const women = (plan: unknown, rows: Array<[unknown, unknown?]>): Person[] =>
    rows.map(([shares, previousShares], i) => member({ unit: '甲', id: personId(i, 'F'), sex: '女', plan, shares, previousShares }));

  it.each(['综合', '团体意外'])('%s: 5 shares are allowed, 6 are not', (plan) => {
    expect(check(women(plan, [[5], [5]])).findings).toEqual([]);
    const report = check(women(plan, [[6], [6]]));
    expect(briefs(report)).toEqual(['花名册!G2 SHARES_OVER_MAX', '花名册!G3 SHARES_OVER_MAX']);
    expect(report.findings[0].message).toContain('最多 5 份');
  });

  it.each(['综合', '团体意外'])('%s: 4 shares in a non-uniform unit are not over the cap (only not uniform)', (plan) => {
    expect(rulesOf(check(women(plan, [[3], [3], [4]])))).toEqual(['SHARES_NOT_UNIFORM']);
  });

  it.each(['综合', '团体意外'])("%s: last year's count does not lift the cap of 5", (plan) => {
    expect(rulesOf(check(women(plan, [[6, 6]])))).toEqual(['SHARES_OVER_MAX']);
  });

  for (const plan of ['指定疾病', '农民工', '女职工安康']) {
    describe(plan, () => {
      it('uniform unit: 4 and 5 shares are allowed, 6 are not', () => {
        expect(check(women(plan, [[4], [4]])).findings).toEqual([]);
        expect(check(women(plan, [[5], [5], [5]])).findings).toEqual([]);
        expect(rulesOf(check(women(plan, [[6], [6]])))).toEqual(['SHARES_OVER_MAX', 'SHARES_OVER_MAX']);
      });

      it('a single member is a uniform unit: 5 shares are allowed', () => {
        expect(check(women(plan, [[5]])).findings).toEqual([]);
      });

      it('non-uniform unit: 3 shares are allowed, 4 are not', () => {
        const report = check(women(plan, [[3], [4], [1]]));
        expect(briefs(report)).toEqual(['花名册!G3 SHARES_OVER_MAX']);
        expect(report.findings[0].message).toContain('最多 3 份');
      });

      it("non-uniform unit: renewing at exactly last year's 4 is allowed", () => {
        expect(check(women(plan, [[3], [4, 4]])).findings).toEqual([]);
      });

      it("non-uniform unit: 4 shares with last year's 3 are over the cap", () => {
        const report = check(women(plan, [[3], [4, 3]]));
        expect(briefs(report)).toEqual(['花名册!G3 SHARES_OVER_MAX']);
        expect(report.findings[0].message).toContain('上年份数 3 份');
      });

      it('non-uniform unit: fewer than last year is allowed (4 with last year 5), 5 with last year 5 too', () => {
        expect(check(women(plan, [[3], [4, 5], [5, '5份']])).findings).toEqual([]);
      });

      it("non-uniform unit: last year's 6 never allows more than 5", () => {
        expect(briefs(check(women(plan, [[3], [6, 6]])))).toEqual(['花名册!G3 SHARES_OVER_MAX']);
      });

      it("another unit's counts do not make this unit non-uniform", () => {
        const people = [...women(plan, [[4], [4]]), member({ unit: '乙', id: personId(20, 'F'), sex: '女', plan, shares: 1 })];
        expect(check(people).findings).toEqual([]);
      });
    });
  }

  it("another plan's counts in the same unit do not make plan 2 non-uniform", () => {
    const people = [
      member({ unit: '甲', id: personId(1), plan: '综合', shares: 1 }),
      member({ unit: '甲', id: personId(2), plan: '指定疾病', shares: 4 }),
      member({ unit: '甲', id: personId(3), plan: '指定疾病', shares: 4 }),
    ];
    expect(check(people).findings).toEqual([]);
  });
});

describe('DATE_INVALID', () => {
  it.each<unknown>(['明年', '2026-02-30', '2026/13/1', '2026年1月', '#N/A', true, 0, -5, new Date(NaN)])('%p is reported in the date cell', (effectiveDate) => {
    expect(check([member({ effectiveDate })]).findings).toEqual([expect.objectContaining({ cell: 'H2', column: '生效日期', rule: 'DATE_INVALID' })]);
  });

  it.each<unknown>([
    '2026-01-01',
    '2026/1/1',
    '2026年1月1日',
    '２０２６年１月１日',
    ' 2026-01-01 ',
    '20260101',
    '2026.1.1',
    46023,
    46023.5,
    '46023',
    utcDate(2026, 1, 1),
    null,
  ])('%p is a date (or blank)', (effectiveDate) => {
    expect(check([member({ effectiveDate })]).findings).toEqual([]);
  });
});

describe('AGE_OUT_OF_SERVICE (a warning)', () => {
  const at = (birth: string, sex: 'M' | 'F', effectiveDate: unknown): RosterReport =>
    check([member({ id: makeId({ birth, sex }), sex: sex === 'M' ? '男' : '女', plan: sex === 'M' ? 1 : 4, effectiveDate })]);

  it('under 16 on the effective date: warned in the ID cell', () => {
    const report = at('20100101', 'M', '2025-12-31');
    expect(report.findings).toEqual([expect.objectContaining({ cell: 'E2', rule: 'AGE_OUT_OF_SERVICE', severity: 'warning' })]);
    expect(report.findings[0].message).toContain('15 岁');
    expect(report.summary).toMatchObject({ errors: 0, warnings: 1 });
  });

  it('on the 16th birthday: no warning', () => {
    expect(at('20100101', 'M', '2026-01-01').findings).toEqual([]);
    expect(at('20100102', 'F', '2026-01-01').findings.map((f) => f.rule)).toEqual(['AGE_OUT_OF_SERVICE']);
    expect(at('20100102', 'F', '2026-01-02').findings).toEqual([]);
  });

  it('a man born 1965-10-02 retires at the latest on 2026-01-02 (60 years + 3 months)', () => {
    expect(latestRetirementDate({ year: 1965, month: 10, day: 2 }, 'M')).toEqual({ year: 2026, month: 1, day: 2 });
    // the oldest man still in service on 2026-01-01
    expect(at('19651002', 'M', '2026-01-01').findings).toEqual([]);
    // on the retirement date: warned
    const report = at('19651002', 'M', '2026-01-02');
    expect(rulesOf(report)).toEqual(['AGE_OUT_OF_SERVICE']);
    expect(report.findings[0].message).toContain('2026-01-02');
    // one day older: warned on 2026-01-01
    expect(rulesOf(at('19651001', 'M', '2026-01-01'))).toEqual(['AGE_OUT_OF_SERVICE']);
  });

  it('a woman born 1970-10-02 retires at the latest on 2026-01-02 (55 years + 3 months)', () => {
    expect(latestRetirementDate({ year: 1970, month: 10, day: 2 }, 'F')).toEqual({ year: 2026, month: 1, day: 2 });
    expect(at('19701002', 'F', '2026-01-01').findings).toEqual([]);
    expect(rulesOf(at('19701002', 'F', '2026-01-02'))).toEqual(['AGE_OUT_OF_SERVICE']);
  });

  it('a woman past 50 (the 50-year category) is not warned: only the latest possible age counts', () => {
    expect(at('19750101', 'F', '2026-01-01').findings).toEqual([]);
  });

  it('a man born before 1965 retires at 60', () => {
    expect(at('19641231', 'M', '2024-12-30').findings).toEqual([]);
    expect(rulesOf(at('19641231', 'M', '2024-12-31'))).toEqual(['AGE_OUT_OF_SERVICE']);
  });

  it('the boundary holds for dates as serials and Date objects', () => {
    expect(at('19651002', 'M', 46023).findings).toEqual([]); // 2026-01-01
    expect(rulesOf(at('19651002', 'M', 46024))).toEqual(['AGE_OUT_OF_SERVICE']);
    expect(at('19651002', 'M', utcDate(2026, 1, 1)).findings).toEqual([]);
    expect(rulesOf(at('19651002', 'M', utcDate(2026, 1, 2)))).toEqual(['AGE_OUT_OF_SERVICE']);
  });

  it('no effective date, or an invalid one: no age check', () => {
    expect(at('19000101', 'M', null).findings).toEqual([]);
    expect(rulesOf(at('19000101', 'M', '不详'))).toEqual(['DATE_INVALID']);
  });

  it('a legacy 15-digit ID gives the birth date (19YYMMDD)', () => {
    const report = check([member({ id: '450421550101123', effectiveDate: '2026-01-01' })]);
    expect(rulesOf(report)).toEqual(['AGE_OUT_OF_SERVICE']);
  });
});
