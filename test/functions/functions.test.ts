import fc from 'fast-check';
import { claimDue, conflict, coverStart, disease, idCheck, maxShares, payout, payoutNote, plans, premium } from '../../src/functions/functions';
import { parseIdNumber } from '../../src/rules/idNumber';

/**
 * The =MUTUAL.* functions called with the values Excel sends: numbers, strings, booleans, and null
 * for an omitted optional argument. Expected values come from the flyer's table (docs/domain.md).
 * Errors must be CustomFunctions.Error with the code Excel shows and a Chinese message.
 */
const CJK = /[\u4e00-\u9fff]/;
const D = 46023; // 2026-01-01 in Excel's 1900 date system
const serialOf = (y: number, m: number, d: number) => Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);

type Code = '#VALUE!' | '#NUM!' | '#N/A';

function expectError(call: () => unknown, code: Code): CustomFunctions.Error {
  let thrown: unknown;
  try {
    const value = call();
    throw new Error(`expected ${code}, got ${JSON.stringify(value)}`);
  } catch (error) {
    thrown = error;
  }
  if (!(thrown instanceof CustomFunctions.Error)) throw thrown;
  expect(thrown.code).toBe(code);
  expect(thrown.message).toMatch(CJK);
  return thrown;
}

describe('the serial helper', () => {
  it('2026-01-01 is 46023', () => {
    expect(serialOf(2026, 1, 1)).toBe(D);
    expect(serialOf(2026, 5, 1)).toBe(D + 120);
    expect(serialOf(2026, 4, 30)).toBe(D + 119);
  });
});

describe('PREMIUM', () => {
  const RATE: Record<number, number> = { 1: 60, 2: 40, 3: 20, 4: 25, 5: 20 };

  it.each([1, 2, 3, 4, 5])('plan %d: rate × shares, one year by default', (n) => {
    for (let s = 1; s <= 5; s += 1) {
      expect(premium(n, s)).toBe(RATE[n] * s);
      expect(premium(n, s, null)).toBe(RATE[n] * s);
    }
  });

  it.each([
    ['综合', 3],
    ['职工综合互助保障', 3],
    ['1', 3],
    [1, '3'],
    [1, ' 3 '],
    [1, '3份'],
    [1, '３'],
    [1, '３份'],
    ['第1种', 3.0],
    ['１', '3'],
  ])('综合 %p × %p shares → 180', (plan, shares) => {
    expect(premium(plan, shares)).toBe(180);
  });

  it('counts years: numbers, text, blank', () => {
    expect(premium('综合', 3, 2)).toBe(360);
    expect(premium('综合', 3, '2')).toBe(360);
    expect(premium('综合', 3, ' 2 ')).toBe(360);
    expect(premium('综合', 3, '')).toBe(180);
    expect(premium('女职工安康', 5, 0.5)).toBe(62.5);
    expect(premium('农民工', 1, 0)).toBe(0);
  });

  it.each([0, 6, 2.5, '2.5', -1, '0', '6份', '-3'])('shares %p → #NUM!', (shares) => {
    expectError(() => premium('综合', shares), '#NUM!');
  });

  it.each([null, '', 'abc', '三', true, false, NaN, Infinity])('shares %p → #VALUE!', (shares) => {
    expectError(() => premium('综合', shares), '#VALUE!');
  });

  it.each([-1, '-2', -0.5])('negative years %p → #NUM!', (years) => {
    expectError(() => premium('综合', 1, years), '#NUM!');
  });

  it.each(['abc', true, NaN])('unreadable years %p → #VALUE!', (years) => {
    expectError(() => premium('综合', 1, years), '#VALUE!');
  });

  it.each(['abc', 6, 0, 1.5, '第6种', '', null, true, '意外险'])('unknown plan %p → #VALUE!', (plan) => {
    const error = expectError(() => premium(plan, 1), '#VALUE!');
    if (plan !== null && plan !== '') expect(error.message).toContain('综合'); // lists the choices
  });
});

describe('PAYOUT', () => {
  it('综合 3 shares, 重疾 肺癌 → 45,000; stent → 9,000', () => {
    expect(payout('综合', 3, '重疾', '肺癌')).toBe(45000);
    expect(payout(1, '3', '重疾', '心脏支架')).toBe(9000);
    expect(payout(1, 3, '重疾', '肺癌', null, null, null)).toBe(45000);
  });

  it('each plan’s designated-disease benefit per share', () => {
    expect(payout(2, 2, '重疾', '尿毒症')).toBe(30000);
    expect(payout(3, 2, '重疾', '尿毒症')).toBe(15000);
    expect(payout(3, 2, '重疾', '冠脉支架植入术')).toBe(3000);
    expect(payout(4, 2, '重疾', '宫颈癌')).toBe(24000);
    expect(payout(4, 2, '重疾', '肺癌')).toBe(0);
    expect(expectError(() => payout(5, 2, '重疾', '肺癌'), '#VALUE!').message).toContain('意外身故、意外伤残、意外医疗');
  });

  it('waiting period with serial dates: D+119 → condolence 500, D+120 → benefit', () => {
    expect(payout(1, 3, '重疾', '肺癌', D, D + 119)).toBe(500);
    expect(payout(1, 3, '重疾', '肺癌', D, D + 120)).toBe(45000);
    expect(payout(3, 3, '重疾', '肺癌', D, D + 119)).toBe(260);
  });

  it.each([
    ['2026-01-01', '2026-04-30', 500],
    ['2026-01-01', '2026-05-01', 45000],
    ['2026/1/1', '2026/4/30', 500],
    ['2026/1/1', '2026/5/1', 45000],
    ['2026年1月1日', '2026年4月30日', 500],
    ['2026年1月1日', '2026年5月1日', 45000],
    [' 2026-01-01 ', D + 120, 45000],
    [D, '2026-04-30', 500],
    ['２０２６／１／１', '２０２６／５／１', 45000],
  ])('text dates: effective %p, event %p → %d', (effective, eventDate, expected) => {
    expect(payout('综合', 3, '重疾', '肺癌', effective, eventDate)).toBe(expected);
  });

  it('renewal: continued shares do not wait, added shares do', () => {
    expect(payout('指定疾病', 3, '重疾', '肺癌', '2026-01-01', '2026-02-01', 3)).toBe(45000);
    expect(payout('指定疾病', 5, '重疾', '肺癌', '2026-01-01', '2026-02-01', 2)).toBe(30000);
    expect(payout('指定疾病', 5, '重疾', '肺癌', '2026-01-01', '2026-02-01', '2份')).toBe(30000);
    expect(payout('指定疾病', 5, '重疾', '肺癌', '2026-01-01', '2026-02-01', '')).toBe(500);
    expect(payout('指定疾病', 5, '重疾', '肺癌', '2026-01-01', '2026-05-01', 2)).toBe(75000);
  });

  it('death', () => {
    expect(payout('综合', 2, '身故', '心肌梗死')).toBe(10000);
    expect(payout('指定疾病', 5, '身故', '心肌梗死')).toBe(500);
    expect(payout('农民工', 5, '身故', '心肌梗死')).toBe(260);
    expect(payout('女职工安康', 5, '身故', '肺癌')).toBe(500);
    expect(expectError(() => payout('团体意外', 5, '身故', '心肌梗死'), '#VALUE!').message).toContain('意外身故');
    expect(expectError(() => payout('综合', 2, '身故'), '#VALUE!').message).toContain('死因');
  });

  it('accidents', () => {
    expect(payout('综合', 3, '意外身故')).toBe(30000);
    expect(payout('团体意外', 3, '意外身故')).toBe(36000);
    expect(payout('团体意外', 2, '意外伤残', 3)).toBe(19200);
    expect(payout('团体意外', 2, '意外伤残', '3')).toBe(19200);
    expect(payout('团体意外', 2, '意外伤残', '3级')).toBe(19200);
    expect(payout('团体意外', 2, '意外伤残', '３')).toBe(19200);
    expect(payout('团体意外', 1, '意外伤残', 1)).toBe(12000);
    expect(payout('团体意外', 1, '意外伤残', 10)).toBe(1200);
    expect(payout('综合', 1, '意外伤残', 10)).toBe(500);
    expect(payout('团体意外', 2, '意外医疗', 5000)).toBe(5000);
    expect(payout('团体意外', 2, '意外医疗', '5000元')).toBe(5000);
    expect(payout('团体意外', 2, '意外医疗', '5,000')).toBe(5000);
    expect(payout('团体意外', 2, '意外医疗', 30000)).toBe(24000);
    expect(payout('综合', 2, '意外住院', 20000)).toBe(18000);
    expect(payout('综合', 2, '意外住院', 1000)).toBe(1000);
    expect(payout('综合', 3, '意外身故', null, '2026-01-01', '2026-01-02')).toBe(30000); // accidents never wait
  });

  it.each(['感冒', '', '意外', 'x', null, true, 3])('unknown event %p → #VALUE!', (event) => {
    const error = expectError(() => payout('综合', 1, event, '肺癌'), '#VALUE!');
    expect(error.message).toContain('重疾');
  });

  it.each(['2026-02-30', 'abc', '2026-13-01', true, -5, 0])('unreadable date %p → #VALUE!', (date) => {
    expectError(() => payout('综合', 1, '重疾', '肺癌', date, D + 200), '#VALUE!');
    expectError(() => payout('综合', 1, '重疾', '肺癌', D, date), '#VALUE!');
  });

  it('one date without the other → #VALUE!', () => {
    expectError(() => payout('综合', 1, '重疾', '肺癌', D, null), '#VALUE!');
    expectError(() => payout('综合', 1, '重疾', '肺癌', null, D), '#VALUE!');
  });

  it('an event before the effective date or after the cover year pays 0, and PAYOUTNOTE says why', () => {
    expect(payout('综合', 1, '重疾', '肺癌', '2026-01-01', '2025-12-31')).toBe(0);
    expect(payoutNote('综合', 1, '重疾', '肺癌', '2026-01-01', '2025-12-31')).toContain('出险日期早于生效日期');
    expect(payout('团体意外', 1, '意外身故', null, '2026-01-01', '2025-12-31')).toBe(0);
    expect(payout('团体意外', 1, '意外身故', null, '2026-01-01', '2026-12-31')).toBe(12000);
    expect(payout('团体意外', 1, '意外身故', null, '2026-01-01', '2027-01-01')).toBe(0);
    expect(payoutNote('团体意外', 1, '意外身故', null, '2026-01-01', '2027-01-01')).toBe('保障期已于2026-12-31结束：给付0元');
  });

  it.each(['疑似肺癌', '脑膜瘤', '肺癌+心脏支架', 99, 0])('diagnosis %p needs review → #N/A', (diagnosis) => {
    expect(expectError(() => payout('综合', 1, '重疾', diagnosis), '#N/A').message).toMatch(/^需人工核对/);
  });

  it.each(['感冒', '高血压', '宫颈高级别上皮内瘤变', '慢性重型肝炎'])('diagnosis %p not covered → 0', (diagnosis) => {
    expect(payout('综合', 1, '重疾', diagnosis)).toBe(0);
  });

  it('a designated disease number from =MUTUAL.DISEASE() works as the diagnosis', () => {
    expect(payout('综合', 2, '重疾', disease('肝移植'))).toBe(15000 * 2);
    expect(payout('农民工', 2, '重疾', disease('冠脉支架植入术'))).toBe(1500 * 2);
  });

  it('a designated disease without a diagnosis → #VALUE!', () => {
    expectError(() => payout('综合', 1, '重疾'), '#VALUE!');
    expectError(() => payout('综合', 1, '重疾', null), '#VALUE!');
  });

  it.each([0, 11, 2.5, '三级', null, true])('disability grade %p → #VALUE!', (grade) => {
    expectError(() => payout('团体意外', 1, '意外伤残', grade), '#VALUE!');
  });

  it.each([null, 'abc', -100, true])('claimed amount %p → #VALUE!', (claimed) => {
    expectError(() => payout('团体意外', 1, '意外医疗', claimed), '#VALUE!');
  });

  it.each([0, 6, 2.5, '6份'])('shares %p → #NUM!', (shares) => {
    expectError(() => payout('综合', shares, '重疾', '肺癌'), '#NUM!');
  });

  it.each([2.5, -1, 6])('previous shares %p → #NUM!', (previous) => {
    expectError(() => payout('综合', 3, '重疾', '肺癌', D, D + 10, previous), '#NUM!');
  });

  it('unknown plan → #VALUE!', () => {
    expectError(() => payout('医疗险', 1, '重疾', '肺癌'), '#VALUE!');
  });
});

describe('MAXSHARES', () => {
  it('defaults to a uniform unit', () => {
    for (const n of [1, 2, 3, 4, 5]) expect(maxShares(n)).toBe(5);
    expect(maxShares('指定疾病', null, null)).toBe(5);
  });

  it.each([
    ['指定疾病', false, null, 3],
    ['指定疾病', false, 0, 3],
    ['指定疾病', false, 3, 3],
    ['指定疾病', false, 4, 4],
    ['指定疾病', false, '4份', 4],
    ['指定疾病', '否', 5, 5],
    ['农民工', 'FALSE', null, 3],
    ['农民工', 0, 4, 4],
    ['女职工安康', '不一致', 2, 3],
    ['女职工安康', 'TRUE', 2, 5],
    ['女职工安康', '是', null, 5],
    ['女职工安康', 1, null, 5],
    ['综合', false, null, 5],
    ['团体意外', false, 2, 5],
  ])('%p, uniform %p, last year %p → %d', (plan, uniform, previous, expected) => {
    expect(maxShares(plan, uniform, previous)).toBe(expected);
  });

  it.each(['maybe', 2, 'x'])('unreadable uniform flag %p → #VALUE!', (uniform) => {
    expectError(() => maxShares('指定疾病', uniform), '#VALUE!');
  });

  it.each([-1, 2.5, 6])('previous shares %p → #NUM!', (previous) => {
    expectError(() => maxShares('指定疾病', false, previous), '#NUM!');
  });

  it('unknown plan → #VALUE!', () => {
    expectError(() => maxShares('x'), '#VALUE!');
  });
});

describe('COVERSTART', () => {
  it.each([
    [1, D, null, null, D + 120],
    ['综合', '2026-01-01', null, null, serialOf(2026, 5, 1)],
    ['综合', '2026/1/1', 0, null, serialOf(2026, 5, 1)],
    ['综合', '2026年1月1日', 3, null, D],
    ['综合', D, 3, 3, D],
    ['综合', D, '3', '3份', D],
    ['综合', D, 3, 4, D + 120],
    ['综合', D, 3, '', D], // a blank cell is an omitted argument
    ['综合', D, '', '', D + 120],
    ['指定疾病', D, 5, 2, D],
    ['团体意外', D, null, null, D],
    ['团体意外', D, 0, 5, D],
    ['女职工安康', D + 0.75, null, null, D + 120], // a time of day is dropped
  ])('%p effective %p, last year %p, shares %p → %d', (plan, effective, previous, shares, expected) => {
    expect(coverStart(plan, effective, previous, shares)).toBe(expected);
  });

  it.each([null, '', 'abc', '2026-02-30', true, -1])('effective date %p → #VALUE!', (effective) => {
    expectError(() => coverStart('综合', effective), '#VALUE!');
  });

  it.each([0, 6, 2.5])('shares %p → #NUM!', (shares) => {
    expectError(() => coverStart('综合', D, 1, shares), '#NUM!');
  });
});

describe('CONFLICT', () => {
  it.each([
    [1, 2, true],
    ['综合', '农民工', true],
    ['农民工', '指定疾病', true],
    ['第2种', 3, true],
    ['综合', '团体意外', false],
    ['综合', '女职工安康', false],
    [4, 5, false],
    [1, 1, false],
    ['综合', '职工综合互助保障', false],
  ])('%p with %p → %p', (a, b, expected) => {
    expect(conflict(a, b)).toBe(expected);
  });

  it('unknown plans → #VALUE!', () => {
    expectError(() => conflict(1, 'x'), '#VALUE!');
    expectError(() => conflict(null, 1), '#VALUE!');
  });
});

describe('DISEASE', () => {
  it.each([
    ['肺癌', 1],
    ['尿毒症', 2],
    ['脑膜瘤切除术', 3],
    ['冠状动脉搭桥术', 4],
    ['心脏瓣膜置换', 5],
    ['传染性非典型肺炎', 6],
    ['肝移植', 7],
    ['再生障碍性贫血', 8],
    ['急性重型肝炎', 9],
    ['四肢瘫痪', 10],
    ['主动脉夹层手术', 11],
    ['H7N9禽流感', 12],
    ['渐冻症', 13],
    ['III度烧伤面积30%', 14],
    ['心脏支架', 15],
  ])('%s → %d', (diagnosis, expected) => {
    expect(disease(diagnosis)).toBe(expected);
  });

  it.each(['感冒', '脑膜瘤', '疑似肺癌', '', null, 5, true])('%p → #N/A with the reason', (diagnosis) => {
    expectError(() => disease(diagnosis), '#N/A');
  });

  it('says which: needs review or not covered', () => {
    expect(expectError(() => disease('脑膜瘤'), '#N/A').message).toMatch(/^需人工核对：.*摘除/);
    expect(expectError(() => disease('乳腺导管原位癌'), '#N/A').message).toMatch(/^不属保障范围：.*原位癌/);
    expect(expectError(() => disease('感冒'), '#N/A').message).toMatch(/^不属保障范围/);
  });
});

describe('IDCHECK', () => {
  it('accepts the GB 11643-1999 example and rejects a wrong check character', () => {
    expect(idCheck('11010519491231002X')).toBe(true);
    expect(idCheck('11010519491231002x')).toBe(true);
    expect(idCheck('110105194912310021')).toBe(false);
  });

  it('rejects an ID typed as a number and blanks', () => {
    expect(idCheck(110105194912310020)).toBe(false);
    expect(idCheck(null)).toBe(false);
    expect(idCheck('')).toBe(false);
    expect(idCheck(true)).toBe(false);
  });
});

describe('CLAIMDUE', () => {
  it.each([
    ['2026-09-30', 1, serialOf(2026, 10, 8)],
    ['2026-09-30', 3, serialOf(2026, 10, 10)],
    ['2026/9/19', '1', serialOf(2026, 9, 20)],
    ['2026年2月13日', 2, serialOf(2026, 2, 24)],
    [serialOf(2026, 9, 1), null, serialOf(2026, 10, 19)],
    ['2026-09-01', '', serialOf(2026, 10, 19)],
    ['2026-09-01', '30', serialOf(2026, 10, 19)],
  ])('reviewed %p, %p working days → %d', (review, workdays, expected) => {
    expect(claimDue(review, workdays)).toBe(expected);
  });

  it('a count past the calendar → #N/A naming the covered years', () => {
    const error = expectError(() => claimDue('2026-12-01'), '#N/A');
    expect(error.message).toContain('2026');
    expect(error.message).toContain('2027');
  });

  it.each([0, -3, 2.5])('working days %p → #NUM!', (workdays) => {
    expectError(() => claimDue('2026-09-01', workdays), '#NUM!');
  });

  it.each(['abc', true])('working days %p → #VALUE!', (workdays) => {
    expectError(() => claimDue('2026-09-01', workdays), '#VALUE!');
  });

  it.each(['abc', null, '', '2026-02-29', false])('review date %p → #VALUE!', (review) => {
    expectError(() => claimDue(review), '#VALUE!');
  });

  it('holiday and 调休 ranges as Excel passes them (rows of cells, blanks ignored) carry the count into 2027', () => {
    expect(claimDue('2026-12-01', null, [['2027-01-01'], [''], [null]])).toBe(serialOf(2027, 1, 13));
    expect(claimDue('2026-12-01', 30, [[serialOf(2027, 1, 1), null]], [[serialOf(2027, 1, 9)]])).toBe(serialOf(2027, 1, 12));
    expect(claimDue('2026-09-30', 1, [[null]], [['']])).toBe(serialOf(2026, 10, 8));
    expect(expectError(() => claimDue('2026-12-01', 30, [[''], [null]]), '#N/A').message).toContain('节假日');
  });

  it('a holiday cell that is no date → #VALUE! naming the cell', () => {
    expect(expectError(() => claimDue('2026-12-01', 30, [['2027-01-01'], ['元旦']]), '#VALUE!').message).toContain('第2行第1列');
  });
});

describe('PAYOUTNOTE', () => {
  it('explains the waiting period, the limit used and the end of cover in one line', () => {
    expect(payoutNote('指定疾病', 1, '重疾', '肺癌', '2026-01-01', '2026-04-29')).toBe('第119天，仍在免责期：慰问金500元；给付500元');
    expect(payoutNote('指定疾病', 1, '重疾', '肺癌', '2026-01-01', '2026-06-01', null, 3000)).toContain('本年度已付3,000元，限额剩余12,000元');
    expect(payout('指定疾病', 1, '重疾', '肺癌', '2026-01-01', '2026-06-01', null, 3000)).toBe(12000);
    expect(payoutNote('综合', 1, '重疾', '肺癌', '2026-01-01', '2027-01-01')).toBe('保障期已于2026-12-31结束：给付0元');
  });

  it('gives the reason where PAYOUT gives an error', () => {
    expect(payoutNote('综合', 1, '意外医疗', 100)).toContain('意外住院');
    expect(payoutNote('综合', 1, '身故', '自缢')).toContain('人工审核');
    expect(payoutNote('综合', 9, '重疾', '肺癌')).toMatch(CJK);
    expect(payoutNote('综合', 1, '重疾', '肺癌', null, null, null, -5)).toContain('不能为负数');
  });

  it('PAYOUT’s 8th argument: the yearly limit is never exceeded', () => {
    expect(payout('团体意外', 2, '意外身故', null, null, null, null, 4000)).toBe(20000);
    expect(payout('团体意外', 2, '意外身故', null, null, null, null, 30000)).toBe(0);
    expect(payout('团体意外', 2, '意外身故', null, null, null, null, '')).toBe(24000);
    expectError(() => payout('团体意外', 2, '意外身故', null, null, null, null, -1), '#NUM!');
    expectError(() => payout('团体意外', 2, '意外身故', null, null, null, null, 'abc'), '#VALUE!');
  });
});

describe('IDCHECK reads today from the clock', () => {
  it('a birth date after today is not valid; an age over 120 is not valid', () => {
    expect(idCheck('11010519491231002X')).toBe(true);
    // Both numbers are well formed (check characters right): only today makes them invalid.
    expect(parseIdNumber('110105209912310029').valid).toBe(true);
    expect(parseIdNumber('110105190001010028').valid).toBe(true);
    expect(idCheck('110105209912310029')).toBe(false); // born 2099-12-31
    expect(idCheck('110105190001010028')).toBe(false); // born 1900-01-01
  });
});

describe('PLANS', () => {
  const table = plans();

  it('has a header row and one row per plan, all rows the same width', () => {
    expect(table).toHaveLength(6);
    for (const row of table) expect(row).toHaveLength(table[0].length);
    for (const cell of table[0]) expect(String(cell)).toMatch(CJK);
  });

  const column = (header: RegExp) => {
    const index = table[0].findIndex((cell) => header.test(String(cell)));
    expect(index).toBeGreaterThanOrEqual(0);
    return table.slice(1).map((row) => row[index]);
  };

  it('lists the five plans with their numbers, names and short names', () => {
    expect(column(/编号/)).toEqual([1, 2, 3, 4, 5]);
    expect(column(/计划名称/)).toEqual([
      '职工综合互助保障',
      '职工指定疾病(手术)互助保障',
      '农民工互助保障',
      '女职工安康互助保障',
      '职工团体人身意外伤害互助保障',
    ]);
    expect(column(/简称/)).toEqual(['综合', '指定疾病', '农民工', '女职工安康', '团体意外']);
  });

  it('gives the premiums, share rules and waiting periods of the flyer', () => {
    expect(column(/保障费/)).toEqual([60, 40, 20, 25, 20]);
    expect(column(/最高份数/)).toEqual([5, 5, 5, 5, 5]);
    expect(column(/须统一/)).toEqual(['是', '否', '否', '否', '是']);
    expect(column(/不一致/)).toEqual([5, 3, 3, 3, 5]);
    expect(column(/免责期/)).toEqual([120, 120, 120, 120, 0]);
  });

  it('names the benefits and amounts', () => {
    const benefits = column(/保障项目/).map(String);
    expect(benefits[0]).toEqual(expect.stringContaining('15000'));
    expect(benefits[0]).toContain('3000');
    expect(benefits[0]).toContain('9000');
    expect(benefits[0]).toContain('5000');
    expect(benefits[1]).toContain('15000');
    expect(benefits[2]).toContain('7500');
    expect(benefits[2]).toContain('1500');
    expect(benefits[3]).toContain('12000');
    expect(benefits[4]).toContain('12000');
  });

  it('lists the conflicting plans: 1, 2, 3 exclude each other', () => {
    const conflicts = column(/不能同时/).map(String);
    expect(conflicts[0].split('、').sort()).toEqual(['农民工', '指定疾病'].sort());
    expect(conflicts[1].split('、').sort()).toEqual(['农民工', '综合'].sort());
    expect(conflicts[2].split('、').sort()).toEqual(['指定疾病', '综合'].sort());
    expect(conflicts[3]).toBe('');
    expect(conflicts[4]).toBe('');
  });

  it('agrees with the other functions', () => {
    const numbers = column(/编号/) as number[];
    const rates = column(/保障费/) as number[];
    numbers.forEach((n, i) => {
      expect(premium(n, 1)).toBe(rates[i]);
      expect(maxShares(n)).toBe(column(/最高份数/)[i]);
      expect(maxShares(n, false)).toBe(column(/不一致/)[i]);
      expect(coverStart(n, D) - D).toBe(column(/免责期/)[i]);
    });
  });
});

describe('properties: nothing but CustomFunctions.Error ever leaves a function', () => {
  const anything = fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withTypedArray: true,
    withSparseArray: true,
  });
  const plausible = fc.constantFrom<unknown>(
    '综合',
    '指定疾病',
    '农民工',
    '女职工安康',
    '团体意外',
    1,
    2,
    3,
    4,
    5,
    '3',
    '3份',
    '３',
    ' 3 ',
    '重疾',
    '身故',
    '意外身故',
    '意外伤残',
    '意外医疗',
    '意外住院',
    '肺癌',
    '心脏支架',
    '疑似肺癌',
    '感冒',
    '2026-01-01',
    '2026/1/1',
    '2026年1月1日',
    D,
    D + 119,
    D + 120,
    '2026-12-01',
    0,
    6,
    2.5,
    -1,
    10,
    11,
    null,
    '',
    true,
    false,
    'TRUE',
    '否',
  );
  const numbers = fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, Number.MIN_VALUE), fc.integer());
  const arg = fc.oneof(anything, plausible, plausible, numbers, fc.string(), fc.boolean(), fc.constant(null));

  const isPrimitive = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

  /** Excel sends only numbers, strings, booleans and null: for those, no internal error ("计算出错") may surface. */
  function settles(call: () => unknown, args: unknown[] = []): void {
    let result: unknown;
    try {
      result = call();
    } catch (error) {
      if (!(error instanceof CustomFunctions.Error)) throw new Error(`threw ${String(error)}`);
      expect(['#VALUE!', '#NUM!', '#N/A']).toContain(error.code);
      expect(typeof error.message).toBe('string');
      expect(error.message).toMatch(CJK);
      if (args.every(isPrimitive)) expect(error.message).not.toContain('计算出错');
      return;
    }
    expect(result).not.toBeUndefined();
    if (typeof result === 'number') expect(Number.isFinite(result)).toBe(true);
    else expect(typeof result).toBe('boolean');
  }

  const runs = { numRuns: 300 };

  it('PREMIUM', () =>
    fc.assert(
      fc.property(arg, arg, arg, (a, b, c) => settles(() => premium(a, b, c), [a, b, c])),
      runs,
    ));
  it('PAYOUT', () =>
    fc.assert(
      fc.property(arg, arg, arg, arg, arg, arg, arg, arg, (a, b, c, d, e, f, g, h) => settles(() => payout(a, b, c, d, e, f, g, h), [a, b, c, d, e, f, g, h])),
      runs,
    ));
  it('PAYOUTNOTE always gives a line of Chinese, never an error, for what Excel sends', () =>
    fc.assert(
      fc.property(plausible, plausible, plausible, arg, arg, arg, arg, arg, (a, b, c, d, e, f, g, h) => {
        const args = [a, b, c, d, e, f, g, h];
        if (!args.every(isPrimitive)) return;
        const note = payoutNote(a, b, c, d, e, f, g, h);
        expect(typeof note).toBe('string');
        expect(note).toMatch(CJK);
      }),
      runs,
    ));
  it('any text → PAYOUT is a number ≥ 0 or a CustomFunctions.Error', () => {
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      plausible.filter((v) => typeof v === 'string'),
    );
    fc.assert(
      fc.property(text, text, text, text, text, text, text, text, (a, b, c, d, e, f, g, h) => {
        let result: unknown;
        try {
          result = payout(a, b, c, d, e, f, g, h);
        } catch (error) {
          expect(error).toBeInstanceOf(CustomFunctions.Error);
          return;
        }
        expect(typeof result).toBe('number');
        expect(result as number).toBeGreaterThanOrEqual(0);
      }),
      runs,
    );
  });
  it('MAXSHARES', () =>
    fc.assert(
      fc.property(arg, arg, arg, (a, b, c) => settles(() => maxShares(a, b, c), [a, b, c])),
      runs,
    ));
  it('COVERSTART', () =>
    fc.assert(
      fc.property(arg, arg, arg, arg, (a, b, c, d) => settles(() => coverStart(a, b, c, d), [a, b, c, d])),
      runs,
    ));
  it('CONFLICT', () =>
    fc.assert(
      fc.property(arg, arg, (a, b) => settles(() => conflict(a, b), [a, b])),
      runs,
    ));
  it('DISEASE', () =>
    fc.assert(
      fc.property(arg, (a) => settles(() => disease(a), [a])),
      runs,
    ));
  it('IDCHECK', () =>
    fc.assert(
      fc.property(arg, (a) => settles(() => idCheck(a), [a])),
      runs,
    ));
  it('CLAIMDUE', () =>
    fc.assert(
      fc.property(arg, arg, (a, b) => settles(() => claimDue(a, b), [a, b])),
      runs,
    ));
  it('CLAIMDUE with ranges', () => {
    const range = fc.oneof(fc.constant(null), fc.array(fc.array(arg, { maxLength: 3 }), { maxLength: 3 }));
    fc.assert(
      fc.property(arg, arg, range, range, (a, b, c, d) =>
        settles(() => claimDue(a, b, c as any[][], d as any[][]), [a, b, ...(c ?? []).flat(), ...(d ?? []).flat()]),
      ),
      runs,
    );
  });

  it('PAYOUT with well-formed claims always answers a finite number or a CustomFunctions.Error', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 3, 4, 5),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom('重疾', '身故', '意外身故', '意外伤残', '意外医疗', '意外住院'),
        fc.oneof(fc.constantFrom('肺癌', '乳腺癌', '心脏支架', '感冒', '脑膜瘤'), fc.integer({ min: -2, max: 12 }), fc.double()),
        fc.option(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 5 }))),
        (plan, shares, event, detail, dates) =>
          settles(() => payout(plan, shares, event, detail, dates ? D : null, dates ? D + dates[0] : null, dates ? dates[1] : null), [detail]),
      ),
      { numRuns: 500 },
    );
  });
});

describe('properties: PREMIUM is linear in shares and years', () => {
  it('premium(plan, s, y) = s × y × premium(plan, 1, 1) for whole years', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 3, 4, 5, '综合', '指定疾病', '农民工', '女职工安康', '团体意外'),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 50 }),
        (plan, s, y) => {
          expect(premium(plan, s, y)).toBe(s * y * premium(plan, 1, 1));
          expect(premium(plan, `${s}份`, String(y))).toBe(premium(plan, s, y));
        },
      ),
    );
  });

  it('premium(plan, a + b) = premium(plan, a) + premium(plan, b)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 3, 4, 5),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 10 }),
        (plan, a, b, y) => {
          fc.pre(a + b <= 5);
          expect(premium(plan, a + b, y)).toBe(premium(plan, a, y) + premium(plan, b, y));
        },
      ),
    );
  });

  it('premium(plan, s, y1 + y2) = premium(plan, s, y1) + premium(plan, s, y2)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 3, 4, 5),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        (plan, s, y1, y2) => {
          expect(premium(plan, s, y1 + y2)).toBe(premium(plan, s, y1) + premium(plan, s, y2));
        },
      ),
    );
  });
});

describe('dates in function messages', () => {
  it('an invalid Date argument is named in Chinese, not as Date text', () => {
    const error = expectError(() => coverStart(1, new Date(NaN)), '#VALUE!');
    expect(error.message).toContain('生效日期 无效日期 不是日期');
    expect(error.message).not.toMatch(/Invalid Date|GMT/);
  });
});
