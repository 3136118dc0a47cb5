/**
 * Rosters for the task pane's tests, as clerks keep them: a title row, the header, people, a total
 * row; some faults on purpose. IDs carry correct check characters unless a test breaks them.
 */
import type { CellValue } from './excelStandIn';

/** ISO 7064 MOD 11-2 check character (written here independently of src/rules/idNumber.ts). */
export function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11];
}

/** A valid 18-character ID: region 45xxxx (default 450421), birth YYYYMMDD, sequence (odd = man). */
export function idFor(birth: string, sequence: number, area = 421): string {
  const first17 = `45${String(area % 10000).padStart(4, '0')}${birth}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + checkChar(first17);
}

export const HEADER: CellValue[] = ['序号', '单位', '姓名', '性别', '身份证号', '参保计划', '份数', '生效日期', '上年份数', '出资方式', '联系电话'];

/**
 * A small roster with one fault of each common kind, on a sheet whose row 1 is a title.
 * Row numbers below are the worksheet's.
 */
export function faultyRoster(): CellValue[][] {
  const rows: CellValue[][] = [['2026年度职工互助保障参保花名册', '', '', '', '', '', '', '', '', '', ''], HEADER];
  const add = (row: CellValue[]) => rows.push(row);
  // row 3: fine
  add([1, '县供电公司', '张三', '男', idFor('19800101', 123), '综合', 2, '2026-01-01', '', '单位工会全额交纳', '13800000001']);
  // row 4: check character wrong → ID_INVALID (E4)
  add([2, '县供电公司', '李四', '男', `${idFor('19810202', 125).slice(0, 17)}0`, '综合', 2, '2026-01-01', '', '单位工会全额交纳', '']);
  // row 5: sex says 女, ID says man → GENDER_MISMATCH (D5)
  add([3, '县供电公司', '王五', '女', idFor('19820303', 127), '综合', 2, '2026-01-01', '', '单位工会全额交纳', '']);
  // row 6: unknown plan → PLAN_UNKNOWN (F6)
  add([4, '县供电公司', '赵六', '男', idFor('19830404', 129), '大病险', 2, '2026-01-01', '', '单位工会全额交纳', '']);
  // row 7: shares not a number → SHARES_INVALID (G7)
  add([5, '县供电公司', '钱七', '男', idFor('19840505', 131), '综合', '两份', '2026-01-01', '', '单位工会全额交纳', '']);
  // row 8: name blank → MISSING_FIELD (C8)
  add([6, '县供电公司', '', '男', idFor('19850606', 133), '综合', 2, '2026-01-01', '', '单位工会全额交纳', '']);
  // row 9: born 1955, past retirement → AGE_OUT_OF_SERVICE warning (E9)
  add([7, '县供电公司', '孙八', '男', idFor('19550707', 135), '综合', 2, '2026-01-01', '', '单位工会全额交纳', '']);
  // row 10: a man in 女职工安康 → PLAN_GENDER (F10)
  add([8, '县供电公司', '周九', '男', idFor('19860808', 137), '女职工安康', 1, '2026-01-01', '', '单位工会全额交纳', '']);
  // row 11: fine, a woman
  add([9, '县供电公司', '吴十', '女', idFor('19870909', 138), '女职工安康', 1, 46023, '', '单位工会全额交纳', '']);
  // row 12: bad date → DATE_INVALID (H12)
  add([10, '县供电公司', '郑一', '男', idFor('19881010', 139), '综合', 2, '2026-13-45', '', '单位工会全额交纳', '']);
  // row 13: total row (not a person)
  add(['合计', '', '', '', '', '', 18, '', '', '', '']);
  return rows;
}

/** Formulas the clerk keeps in the 序号 column of faultyRoster (values above are their results). */
export function faultyRosterFormulas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (let row = 3; row <= 12; row += 1) out[`A${row}`] = '=ROW()-2';
  out.G13 = '=SUM(G3:G12)';
  return out;
}

/**
 * A large roster: `people` rows of 11 columns under the header, in units of 50 people, every
 * `faultEvery`-th row with a broken ID check character.
 */
export function largeRoster(people: number, faultEvery = 100): CellValue[][] {
  const rows: CellValue[][] = [HEADER];
  const plans = ['综合', '指定疾病', '农民工', '团体意外'];
  for (let i = 0; i < people; i += 1) {
    const unit = Math.floor(i / 50);
    const birth = `19${70 + (i % 30)}0${1 + (i % 9)}1${i % 10}`;
    // Distinct people: the area code and sequence together count up.
    let id = idFor(birth, (i % 500) * 2 + 1, Math.floor(i / 500));
    if (faultEvery > 0 && i % faultEvery === faultEvery - 1) id = `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;
    rows.push([i + 1, `单位${unit}`, `职工${i}`, '男', id, plans[unit % plans.length], 1, '2026-01-01', '', '单位工会全额交纳', '']);
  }
  return rows;
}

/** The claims register's typed columns (A–J), as 插入理赔登记表 lays them out less 单位. */
export const REGISTER_HEADER: CellValue[] = ['序号', '姓名', '身份证号', '参保计划', '事件', '明细', '出险日期', '审核日期', '给付日期', '备注'];

/**
 * A claims register for the people of faultyRoster, dates as Excel gives them (serials: 46023 is
 * 2026-01-01). With today 2026-12-01: row 3 overdue (reviewed 2026-09-01, due 2026-10-19), row 4
 * needs review (待查), row 5 due soon (reviewed 2026-10-21, due 2026-12-02), row 6 paid.
 */
export function claimsRegister(): CellValue[][] {
  return [
    ['2026年理赔登记', '', '', '', '', '', '', '', '', ''],
    REGISTER_HEADER,
    [1, '张三', idFor('19800101', 123), '综合', '重疾', '冠状动脉支架植入术', 46174, 46266, '', ''],
    [2, '吴十', idFor('19870909', 138), '女职工安康', '重疾', '乳腺肿物待查', 46285, '', '', '等待病理'],
    [3, '吴十', idFor('19870909', 138), '女职工安康', '重疾', '左乳腺浸润性导管癌', 46296, 46316, '', ''],
    [4, '张三', idFor('19800101', 123), '综合', '意外住院', 2000, 46082, 46091, 46101, ''],
  ];
}
