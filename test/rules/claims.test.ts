/**
 * The claims engine on registers built here. Figures are read off the flyer's table (docs/rules.md):
 * 指定疾病 15,000 per share with the stent at 3,000 and a 15,000 limit per share and year; 女职工安康
 * 12,000; 综合's disease part 15,000; 30 working days after review.
 */
import { computeClaims, computedCells, DUE_SOON_WORKDAYS, STATUS_TITLES } from '../../src/rules/claims';
import { isoFromSerial } from '../../src/rules/dates';
import { rosterRecordsOf } from '../../src/rules/roster';
import { claimBriefs, registerLetter, registerRows, serial, settle } from './claimsKit';
import { makeId, member, personId, rosterRows, STANDARD_FIELDS } from './rosterKit';

const ANNA = makeId({ birth: '19850505', sex: 'F' });
const BO = makeId({ birth: '19790909', sex: 'M' });

const LUNG = '肺腺癌';
const STENT = '冠状动脉支架植入术';

describe('the limit is carried across claims in 出险日期 order', () => {
  const report = settle({
    roster: [member({ id: BO, plan: '指定疾病', shares: 1, effectiveDate: '2025-06-01' })],
    // Typed out of date order: the stent (row 3) happened first.
    claims: [
      { name: '薄', id: BO, plan: '指定疾病', event: '重疾', detail: LUNG, eventDate: '2026-03-10' },
      { name: '薄', id: BO, plan: '指定疾病', event: '重疾', detail: STENT, eventDate: '2026-01-20' },
    ],
  });

  it('pays the stent first and what is left of the 15,000 for the cancer', () => {
    expect(report.claims.map((claim) => [claim.row, claim.payable])).toEqual([
      [2, 12000],
      [3, 3000],
    ]);
  });

  it('reports the cut at the cancer claim', () => {
    expect(claimBriefs(report)).toEqual([`${registerLetter('detail')}2 CLAIM_LIMIT_REACHED`]);
    expect(report.findings[0].message).toContain('此前已付 3,000 元');
  });

  it('a third claim finds nothing left', () => {
    const third = settle({
      roster: [member({ id: BO, plan: '指定疾病', shares: 1, effectiveDate: '2025-06-01' })],
      claims: [
        { id: BO, plan: '指定疾病', event: '重疾', detail: LUNG, eventDate: '2026-03-10' },
        { id: BO, plan: '指定疾病', event: '重疾', detail: STENT, eventDate: '2026-04-20' },
      ],
    });
    expect(third.claims.map((claim) => claim.payable)).toEqual([15000, 0]);
    expect(claimBriefs(third)).toEqual([`${registerLetter('detail')}3 CLAIM_LIMIT_REACHED`]);
    expect(third.findings[0].message).toContain('已用完');
  });
});

describe('the cover year', () => {
  const roster = [member({ id: BO, plan: '指定疾病', shares: 2, effectiveDate: '2025-03-01' })];

  it('pays on the last covered day and refuses the first day after', () => {
    const report = settle({
      roster,
      claims: [
        { id: BO, plan: '指定疾病', event: '重疾', detail: STENT, eventDate: '2026-02-28' },
        { id: BO, plan: '指定疾病', event: '重疾', detail: LUNG, eventDate: '2026-03-01' },
        { id: BO, plan: '指定疾病', event: '重疾', detail: LUNG, eventDate: '2025-02-28' },
      ],
    });
    expect(report.claims.map((claim) => claim.payable)).toEqual([6000, 0, 0]);
    expect(claimBriefs(report)).toEqual([`${registerLetter('eventDate')}3 CLAIM_BEFORE_COVER`, `${registerLetter('eventDate')}4 CLAIM_BEFORE_COVER`]);
    expect(report.claims[1].note).toContain('2026-02-28');
  });

  it("starts the limit afresh in the next cover year (last year's roster and this year's)", () => {
    const lastYear = { name: '2025', rows: rosterRows([member({ id: BO, plan: '指定疾病', shares: 1, effectiveDate: '2025-01-01' })], STANDARD_FIELDS) };
    const thisYear = {
      name: '2026',
      rows: rosterRows([member({ id: BO, plan: '指定疾病', shares: 1, previousShares: 1, effectiveDate: '2026-01-01' })], STANDARD_FIELDS),
    };
    const report = settle({
      roster: [lastYear, thisYear],
      claims: [
        { id: BO, plan: '指定疾病', event: '重疾', detail: LUNG, eventDate: '2025-12-31' },
        { id: BO, plan: '指定疾病', event: '重疾', detail: STENT, eventDate: '2026-01-01' },
      ],
    });
    expect(report.claims.map((claim) => claim.payable)).toEqual([15000, 3000]);
    expect(report.findings).toEqual([]);
  });
});

describe('one member, two plans, two units', () => {
  it('counts two plans of one member apart', () => {
    const report = settle({
      roster: [
        member({ id: ANNA, sex: '女', plan: '综合', shares: 1, effectiveDate: '2025-01-01' }),
        member({ id: ANNA, sex: '女', plan: '女职工安康', shares: 2, effectiveDate: '2025-01-01' }),
      ],
      claims: [
        { id: ANNA, plan: '综合', event: '重疾', detail: '左乳腺浸润性导管癌', eventDate: '2025-09-01' },
        { id: ANNA, plan: '女职工安康', event: '重疾', detail: '左乳腺浸润性导管癌', eventDate: '2025-09-01' },
      ],
    });
    expect(report.claims.map((claim) => [claim.plan, claim.payable])).toEqual([
      ['综合', 15000],
      ['女职工安康', 24000],
    ]);
    expect(report.findings).toEqual([]);
    expect(report.summary.plans.map((plan) => [plan.planName, plan.claims, plan.payable])).toEqual([
      ['综合', 1, 15000],
      ['女职工安康', 1, 24000],
    ]);
  });

  it("joins a member enrolled in two units to each unit's row", () => {
    const roster = [
      member({ id: ANNA, sex: '女', unit: '县医院', plan: '指定疾病', shares: 3, effectiveDate: '2025-01-01' }),
      member({ id: ANNA, sex: '女', unit: '县一中', plan: '女职工安康', shares: 1, effectiveDate: '2025-01-01' }),
    ];
    const report = settle({
      roster,
      claims: [
        { unit: '县医院', id: ANNA, plan: '指定疾病', event: '重疾', detail: STENT, eventDate: '2025-08-01' },
        { unit: '县一中', id: ANNA, plan: '女职工安康', event: '重疾', detail: '宫颈鳞状细胞癌', eventDate: '2025-10-01' },
      ],
    });
    expect(report.claims.map((claim) => claim.payable)).toEqual([9000, 12000]);
  });

  it("takes the register's unit when one plan is held in two units", () => {
    const roster = [
      member({ id: ANNA, sex: '女', unit: '县医院', plan: '指定疾病', shares: 3, effectiveDate: '2025-01-01' }),
      member({ id: ANNA, sex: '女', unit: '县一中', plan: '指定疾病', shares: 1, effectiveDate: '2025-01-01' }),
    ];
    const claim = { id: ANNA, plan: '指定疾病', event: '重疾', detail: STENT, eventDate: '2025-08-01' };
    expect(settle({ roster, claims: [{ ...claim, unit: '县一中' }] }).claims[0].payable).toBe(3000);
    expect(settle({ roster, claims: [{ ...claim, unit: '县医院' }] }).claims[0].payable).toBe(9000);
  });
});

describe('status and due date', () => {
  // Five members (one claim each, so that no limit is shared), 指定疾病 1 share from 2026-01-01.
  const ids = [1, 2, 3, 4, 5].map((n) => personId(n));
  const roster = ids.map((id) => member({ id, plan: '指定疾病', shares: 1, previousShares: 1, effectiveDate: '2026-01-01' }));
  const base = { plan: '指定疾病', event: '重疾', eventDate: '2026-05-01' };
  const report = settle({
    roster,
    today: '2026-11-10',
    claims: [
      { ...base, id: ids[0], detail: STENT, reviewDate: '2026-09-01', paidDate: '2026-10-09' },
      { ...base, id: ids[1], detail: '肝癌', reviewDate: '2026-09-01' },
      { ...base, id: ids[2], detail: '胃癌', reviewDate: '2026-09-30' },
      { ...base, id: ids[3], detail: '结肠癌', reviewDate: '2026-10-09' },
      { ...base, id: ids[4], detail: '疑似肺癌' },
    ],
  });

  it('gives each claim its due date and status', () => {
    expect(report.claims.map((claim) => [claim.dueDate, claim.status])).toEqual([
      [expect.any(String), 'paid'],
      [expect.any(String), 'overdue'],
      [expect.any(String), 'dueSoon'],
      [expect.any(String), 'pending'],
      [null, 'review'],
    ]);
    // 2026-09-01 + 30 working days: 中秋 09-25 and 国庆 10-01…07 off, 09-20 and 10-10 worked.
    expect(report.claims[1].dueDate).toBe('2026-10-19');
  });

  it('a due date on the 5th working day after today is due soon, one later is pending', () => {
    expect(DUE_SOON_WORKDAYS).toBe(5);
    // 2026-11-10 (Tue) + 5 working days = 2026-11-17.
    expect(report.claims[2].dueDate).toBe('2026-11-17');
    expect(report.claims[3].dueDate).toBe('2026-11-19');
  });

  it('reports the overdue claim and the one needing review', () => {
    expect(claimBriefs(report)).toEqual([`${registerLetter('reviewDate')}3 CLAIM_OVERDUE`, `${registerLetter('detail')}6 CLAIM_NEEDS_REVIEW`]);
    expect(report.claims[4].payable).toBeNull();
  });

  it('sums the year per plan', () => {
    const plan = report.summary.plans[0];
    expect(plan).toMatchObject({ plan: 2, planName: '指定疾病', claims: 5, overdue: 1, peopleHelped: 1, peopleCondoled: 0 });
    expect(plan.paid).toBe(3000);
    expect(plan.payable).toBe(plan.paid + plan.unpaid);
    expect(report.summary).toMatchObject({ claims: 5, overdue: 1, dueSoon: 1, review: 1, today: '2026-11-10' });
  });
});

describe('faults in the register', () => {
  const roster = [member({ id: BO, plan: '指定疾病', shares: 1, effectiveDate: '2025-01-01' })];
  const base = { id: BO, plan: '指定疾病', event: '重疾', detail: STENT, eventDate: '2025-05-01' };

  it('a claim entered twice is counted once', () => {
    const report = settle({ roster, claims: [base, { ...base }] });
    expect(claimBriefs(report)).toEqual([`${registerLetter('eventDate')}3 CLAIM_DUPLICATE`]);
    expect(report.claims.map((claim) => claim.payable)).toEqual([3000, null]);
    expect(report.summary.payable).toBe(3000);
  });

  it('a person or plan not in the roster', () => {
    const report = settle({
      roster,
      claims: [
        { ...base, id: ANNA },
        { ...base, plan: '综合' },
      ],
    });
    expect(claimBriefs(report)).toEqual([`${registerLetter('id')}2 CLAIM_NOT_ENROLLED`, `${registerLetter('id')}3 CLAIM_NOT_ENROLLED`]);
    expect(report.findings[1].message).toContain('指定疾病');
    expect(report.claims.map((claim) => [claim.payable, claim.status])).toEqual([
      [null, 'review'],
      [null, 'review'],
    ]);
  });

  it('blank, invalid and out-of-order cells', () => {
    const report = settle({
      roster,
      claims: [
        { ...base, detail: null },
        { ...base, eventDate: '2025-02-30' },
        { ...base, eventDate: '2025-07-01', reviewDate: '2025-08-01', paidDate: '2025-07-15' },
        { ...base, eventDate: '2025-07-02', event: '住院' },
        { ...base, eventDate: '2025-07-03', id: '45042119850505123' },
      ],
    });
    expect(claimBriefs(report)).toEqual([
      `${registerLetter('detail')}2 MISSING_FIELD`,
      `${registerLetter('eventDate')}3 DATE_INVALID`,
      `${registerLetter('paidDate')}4 PAID_BEFORE_REVIEW`,
      `${registerLetter('event')}5 CLAIM_INVALID`,
      `${registerLetter('id')}6 ID_INVALID`,
    ]);
  });

  it('finds the header under a title row, with other wordings', () => {
    const fields = ['name', 'id', 'plan', 'event', 'detail', 'eventDate'] as const;
    const rows = registerRows([base], [...fields], '2026年理赔登记');
    rows[1] = ['职工姓名', '身份证号码', '保障计划', '理赔类型', '诊断', '确诊日期'];
    const report = computeClaims({
      register: [{ name: '理赔', rows }],
      roster: rosterRecordsOf([{ name: '花名册', rows: rosterRows(roster) }]),
      today: serial('2026-01-01'),
    });
    expect(report.summary.sheets).toEqual([{ sheet: '理赔', headerRow: 2, rows: 1 }]);
    expect(report.claims[0].payable).toBe(3000);
    // The computed columns go after the last header cell, in order.
    expect(report.sheets[0].computed.map((column) => [column.header, column.column, column.present])).toEqual([
      ['应付金额', 7, false],
      ['计算说明', 8, false],
      ['应付日期', 9, false],
      ['状态', 10, false],
    ]);
  });

  it('passes over a sheet without a register header', () => {
    const report = computeClaims({ register: [{ name: '花名册', rows: rosterRows(roster) }], roster: [], today: serial('2026-01-01') });
    expect(report.claims).toEqual([]);
    expect(report.summary.skipped[0].reason).toContain('理赔登记表头');
  });
});

describe('computed cells', () => {
  it('writes the four columns of each claim and the headers the register lacks', () => {
    const report = settle({
      roster: [member({ id: BO, plan: '指定疾病', shares: 1, effectiveDate: '2025-01-01' })],
      claims: [{ id: BO, plan: '指定疾病', event: '重疾', detail: STENT, eventDate: '2025-05-01', reviewDate: '2025-05-06' }],
    });
    const cells = computedCells(report);
    expect(cells.filter((cell) => cell.kind === 'header').map((cell) => cell.value)).toEqual(['应付金额', '计算说明', '应付日期', '状态']);
    const row = cells.filter((cell) => cell.row === 2);
    expect(row.map((cell) => cell.column)).toEqual([12, 13, 14, 15]);
    expect(row[0].value).toBe(3000);
    expect(isoFromSerial(row[2].value as number)).toBe(report.claims[0].dueDate);
    expect(row[3].value).toBe(STATUS_TITLES.overdue);
  });

  it("keeps the register's own computed columns where they are", () => {
    const fields = ['id', 'plan', 'event', 'detail', 'eventDate', 'status', 'remark'] as const;
    const report = computeClaims({
      register: [
        {
          name: '理赔登记',
          rows: registerRows([{ id: BO, plan: '指定疾病', event: '重疾', detail: STENT, eventDate: '2025-05-01', status: '旧值' }], [...fields]),
        },
      ],
      roster: rosterRecordsOf([{ name: '花名册', rows: rosterRows([member({ id: BO, plan: '指定疾病', shares: 1, effectiveDate: '2025-01-01' })]) }]),
      today: serial('2026-01-01'),
    });
    expect(report.sheets[0].computed.map((column) => [column.field, column.column, column.present])).toEqual([
      ['payable', 8, false],
      ['explanation', 9, false],
      ['dueDate', 10, false],
      ['status', 6, true],
    ]);
  });
});

describe('due dates past the built-in holiday schedule', () => {
  const roster = [member({ id: BO, plan: '指定疾病', shares: 1, previousShares: 1, effectiveDate: '2026-01-01' })];
  const claim = { id: BO, plan: '指定疾病', event: '重疾', detail: STENT, eventDate: '2026-11-01', reviewDate: '2026-12-20' };
  const rosterRecords = rosterRecordsOf([{ name: '花名册', rows: rosterRows(roster) }]);
  const register = [{ name: '理赔登记', rows: registerRows([claim]) }];

  it('says the due date cannot be computed yet, and names no date', () => {
    const report = computeClaims({ register, roster: rosterRecords, today: serial('2026-12-21') });
    expect(claimBriefs(report)).toEqual([`${registerLetter('reviewDate')}2 CLAIM_DUE_UNKNOWN`]);
    expect(report.claims[0]).toMatchObject({ dueDate: null, status: 'pending', payable: 3000 });
  });

  it("computes it with the clerk's holidays of that year (as CLAIMDUE takes a holiday range)", () => {
    // 2027: 元旦 01-01, and the Spring Festival week is after the due date.
    const report = computeClaims({ register, roster: rosterRecords, today: serial('2026-12-21'), calendar: { holidays: [serial('2027-01-01')] } });
    expect(report.findings).toEqual([]);
    // 2026-12-20 (Sun) + 30 working days: 12-21…12-31 (9), 2027-01-04…01-29 (20), 02-01 (30th; 01-01 off).
    expect(report.claims[0].dueDate).toBe('2027-02-01');
  });
});

describe('a formula saved without its value', () => {
  it('is FORMULA_NOT_CALCULATED at its cell, not a blank or a date error', () => {
    const report = settle({
      roster: [member({ id: BO, plan: '指定疾病', shares: 1, effectiveDate: '2025-01-01' })],
      claims: [{ id: BO, plan: '指定疾病', event: '重疾', detail: STENT, eventDate: { uncalculatedFormula: 'DATE(2025,5,1)' } }],
    });
    expect(claimBriefs(report)).toEqual([`${registerLetter('eventDate')}2 FORMULA_NOT_CALCULATED`]);
    expect(report.claims[0]).toMatchObject({ payable: null, status: 'review' });
  });
});
