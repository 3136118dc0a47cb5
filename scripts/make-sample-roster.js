#!/usr/bin/env node
/**
 * Writes examples/sample-roster.xlsx: a county union's enrolment roster (参保花名册) as a clerk
 * keeps it — a merged title row, Chinese headers (with the aliases units use), three units, the
 * five plans, dates typed in four ways — with a few deliberate faults for `mutual-aid check` to find:
 *
 *   陆海涛   ID with a wrong check character          → ID_INVALID
 *   何美玲   ID typed as a number (digits lost)        → ID_INVALID
 *   覃建华   a man in 女职工安康                        → PLAN_GENDER
 *   黄伟明   in 综合 and in 指定疾病                     → PLAN_CONFLICT (both rows)
 *   莫小燕   2 shares of 综合 where the school has 3    → SHARES_NOT_UNIFORM
 *   唐建国   4 shares of 指定疾病 in a non-uniform unit → SHARES_OVER_MAX
 *   潘晓梅   listed twice in 指定疾病                    → DUPLICATE_ENROLLMENT
 *   罗春燕   effective date 2026-02-30                 → DATE_INVALID
 *   陈国栋   born 1960, past retirement age             → AGE_OUT_OF_SERVICE (warning)
 *
 * Names and ID numbers are made up (region 450421 = 苍梧县); every ID but the faulty ones has a
 * correct ISO 7064 MOD 11-2 check character, computed here.
 *
 *   node scripts/make-sample-roster.js [OUT.xlsx]
 */
'use strict';

const path = require('path');
const fs = require('fs');
const { titledSheet } = require('./example-workbook');

const REGION = '450421';

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
function checkChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11];
}

let sequence = 10;
/** A made-up ID: born on YYYYMMDD, the sex in the 17th digit (odd = man). */
function idFor(birth, sex) {
  sequence += 2;
  const seq = String(sequence).padStart(2, '0') + (sex === '男' ? '1' : '2');
  const first17 = `${REGION}${birth}${seq.slice(-3)}`;
  return first17 + checkChar(first17);
}

const FUNDING = {
  admin: '单位行政全额交纳',
  union: '单位工会全额交纳',
  shared: '行政、工会各出资一部分',
  member: '职工个人交纳',
};

// Effective dates, typed the ways clerks type them.
const D_DATE = new Date(Date.UTC(2026, 0, 1)); // a real date cell
const D_SERIAL = 46023; // 2026-01-01 as an Excel serial number in a General cell
const D_TEXT = '2026-01-01';
const D_CHINESE = '2026年1月1日';

const people = {};
function person(name, sex, birth) {
  people[name] = { name, sex, id: idFor(birth, sex) };
  return people[name];
}

person('黄志强', '男', '19780312');
person('李秀英', '女', '19820725');
person('韦丽娟', '女', '19901102');
person('覃建华', '男', '19850518');
person('莫小燕', '女', '19930909');
person('梁文斌', '男', '19750130');
person('陆海涛', '男', '19881212');
person('蒙秋菊', '女', '19800404');
person('黄伟明', '男', '19830808');
person('周丽华', '女', '19870214');
person('唐建国', '男', '19791001');
person('潘晓梅', '女', '19910606');
person('钟志刚', '男', '19761220');
person('何美玲', '女', '19850303');
person('陈国栋', '男', '19600505');
person('罗春燕', '女', '19940418');
person('蒙德胜', '男', '19800716');
person('韦国强', '男', '19840221');
person('覃永福', '男', '19900927');
person('莫春花', '女', '19920115');
person('黄大勇', '男', '19860610');
person('梁志明', '男', '19781108');
person('陆秀兰', '女', '19830419');
person('杨光辉', '男', '19820302');
person('吴桂芳', '女', '19890823');

// The IDs as issued, before the faults below (scripts/make-last-year-roster.js lists them correctly).
const issuedIds = Object.fromEntries(Object.values(people).map((p) => [p.name, p.id]));

// Faults in the IDs themselves.
const wrongCheck = (id) => id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
people['陆海涛'].id = wrongCheck(people['陆海涛'].id);
people['何美玲'].id = Number(people['何美玲'].id); // what Excel keeps when an ID is typed into a General cell

let phone = 0;
/** [unit, name, plan, shares, effective date, previous shares, funding] */
function row(unit, name, plan, shares, date, previous, funding) {
  const p = people[name];
  phone += 1;
  return [unit, p.name, p.sex, p.id, plan, shares, date, previous, funding, `1397740${String(1000 + phone * 37).slice(-4)}`];
}

const SCHOOL = '县第一中学';
const HOSPITAL = '县人民医院';
const BUILDER = '县建筑公司';

const rows = [
  row(SCHOOL, '黄志强', '综合', 3, D_DATE, 3, FUNDING.admin),
  row(SCHOOL, '李秀英', '综合', 3, D_DATE, 3, FUNDING.admin),
  row(SCHOOL, '韦丽娟', '综合', 3, D_DATE, 3, FUNDING.admin),
  row(SCHOOL, '覃建华', '综合', 3, D_DATE, 3, FUNDING.admin),
  row(SCHOOL, '莫小燕', '综合', 2, D_DATE, null, FUNDING.admin),
  row(SCHOOL, '陆海涛', '综合', 3, D_DATE, 3, FUNDING.admin),
  row(SCHOOL, '李秀英', '女职工安康', 2, D_SERIAL, 2, FUNDING.union),
  row(SCHOOL, '韦丽娟', '女职工安康', 2, D_SERIAL, 2, FUNDING.union),
  row(SCHOOL, '莫小燕', '女职工安康', 2, D_SERIAL, null, FUNDING.union),
  row(SCHOOL, '覃建华', '女职工安康', 1, D_SERIAL, null, FUNDING.union),
  row(SCHOOL, '梁文斌', '团体意外', 1, D_DATE, 1, FUNDING.admin),
  row(SCHOOL, '黄志强', '团体意外', 1, D_DATE, 1, FUNDING.admin),
  row(HOSPITAL, '蒙秋菊', '指定疾病', 3, D_TEXT, 3, FUNDING.shared),
  row(HOSPITAL, '黄伟明', '指定疾病', 2, D_TEXT, 2, FUNDING.shared),
  row(HOSPITAL, '周丽华', '指定疾病', 3, D_TEXT, 3, FUNDING.shared),
  row(HOSPITAL, '唐建国', '指定疾病', 4, D_TEXT, null, FUNDING.shared),
  row(HOSPITAL, '潘晓梅', '指定疾病', 2, D_TEXT, 2, FUNDING.shared),
  row(HOSPITAL, '钟志刚', '指定疾病', 3, D_TEXT, 3, FUNDING.shared),
  row(HOSPITAL, '何美玲', '指定疾病', 2, D_TEXT, 2, FUNDING.shared),
  row(HOSPITAL, '陈国栋', '指定疾病', 2, D_TEXT, 2, FUNDING.shared),
  row(HOSPITAL, '潘晓梅', '指定疾病', 2, D_TEXT, 2, FUNDING.shared),
  row(HOSPITAL, '罗春燕', '指定疾病', 2, '2026-02-30', null, FUNDING.shared),
  row(HOSPITAL, '黄伟明', '综合', 3, D_TEXT, null, FUNDING.shared),
  row(HOSPITAL, '蒙秋菊', '女职工安康', 1, D_TEXT, 1, FUNDING.union),
  row(HOSPITAL, '周丽华', '女职工安康', 1, D_TEXT, 1, FUNDING.union),
  row(HOSPITAL, '罗春燕', '女职工安康', 1, D_TEXT, null, FUNDING.union),
  row(BUILDER, '蒙德胜', '农民工', 2, D_CHINESE, 2, FUNDING.member),
  row(BUILDER, '韦国强', '农民工', 2, D_CHINESE, 2, FUNDING.member),
  row(BUILDER, '覃永福', '农民工', 1, D_CHINESE, 1, FUNDING.member),
  row(BUILDER, '莫春花', '农民工', 2, D_CHINESE, 2, FUNDING.member),
  row(BUILDER, '黄大勇', '农民工', 3, D_CHINESE, 3, FUNDING.member),
  row(BUILDER, '梁志明', '农民工', 2, D_CHINESE, 2, FUNDING.member),
  row(BUILDER, '陆秀兰', '农民工', 1, D_CHINESE, null, FUNDING.member),
  row(BUILDER, '杨光辉', '农民工', 2, D_CHINESE, 2, FUNDING.member),
  row(BUILDER, '吴桂芳', '农民工', 2, D_CHINESE, null, FUNDING.member),
  row(BUILDER, '蒙德胜', '团体意外', 2, '2026/1/1', 2, FUNDING.admin),
  row(BUILDER, '韦国强', '团体意外', 2, '2026/1/1', 2, FUNDING.admin),
  row(BUILDER, '覃永福', '团体意外', 2, '2026/1/1', 2, FUNDING.admin),
  row(BUILDER, '黄大勇', '团体意外', 2, '2026/1/1', 2, FUNDING.admin),
  row(BUILDER, '梁志明', '团体意外', 2, '2026/1/1', 2, FUNDING.admin),
  row(BUILDER, '杨光辉', '团体意外', 2, '2026/1/1', 2, FUNDING.admin),
  row(BUILDER, '吴桂芳', '团体意外', 2, '2026/1/1', null, FUNDING.admin),
];

const HEADERS = ['序号', '单位名称', '姓名', '性别', '身份证号码', '保障计划', '参保份数', '生效日期', '上年度份数', '出资方式', '联系电话'];

async function main() {
  const out = path.resolve(process.argv[2] || path.join(__dirname, '..', 'examples', 'sample-roster.xlsx'));
  fs.mkdirSync(path.dirname(out), { recursive: true });

  const { workbook, sheet, header } = titledSheet({
    created: new Date(Date.UTC(2025, 11, 20)),
    sheetName: '花名册',
    title: '苍梧县2026年度职工互助保障参保花名册',
    headers: HEADERS,
    widths: [6, 14, 10, 6, 22, 12, 10, 16, 12, 26, 14],
    idColumn: 5,
  });
  sheet.getCell('A1').alignment = { horizontal: 'center' };
  sheet.getRow(1).height = 28;
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });

  rows.forEach((values, index) => {
    const r = sheet.getRow(3 + index);
    r.values = [index + 1, ...values];
    const date = r.getCell(8);
    if (date.value instanceof Date) date.numFmt = 'yyyy-mm-dd';
    const id = r.getCell(5);
    if (typeof id.value === 'number') id.numFmt = '0'; // typed as a number: Excel shows 4.50421E+17 or rounds the digits
  });

  // The hospital's unit name is one merged cell down its rows, as clerks often do: the rows below
  // the first read blank and belong to the unit above.
  const firstHospital = 3 + rows.findIndex((r) => r[0] === HOSPITAL);
  const lastHospital = 3 + rows.length - 1 - [...rows].reverse().findIndex((r) => r[0] === HOSPITAL);
  for (let r = firstHospital + 1; r <= lastHospital; r += 1) sheet.getCell(r, 2).value = null;
  sheet.mergeCells(firstHospital, 2, lastHospital, 2);
  sheet.getCell(firstHospital, 2).alignment = { vertical: 'middle' };

  const total = sheet.getRow(3 + rows.length);
  total.getCell(1).value = '合计';
  total.getCell(7).value = { formula: `SUM(G3:G${2 + rows.length})`, result: rows.reduce((s, r) => s + r[5], 0) };
  total.font = { bold: true };

  const notes = workbook.addWorksheet('填表说明');
  notes.getColumn(1).width = 90;
  [
    '填表说明',
    '1. 每人每个保障计划填一行;身份证号码请设为文本格式后录入18位号码。',
    '2. 保障计划:综合、指定疾病、农民工、女职工安康、团体意外。综合与指定疾病、农民工不能同时参加。',
    '3. 综合、团体意外:同一单位每人份数相同,最多5份;指定疾病、农民工、女职工安康:单位统一时最多5份,不统一时最多3份。',
    '4. 生效日期一般为2026年1月1日;新参保人员及新增份数有120天免责期。',
  ].forEach((text) => notes.addRow([text]));

  await workbook.xlsx.writeFile(out);
  process.stdout.write(`wrote ${path.relative(process.cwd(), out)} (${rows.length} rows)\n`);
}

module.exports = { people, issuedIds, checkChar, REGION, FUNDING, HEADERS, HOSPITAL, SCHOOL, BUILDER };

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error.stack || error}\n`);
    process.exit(1);
  });
}
