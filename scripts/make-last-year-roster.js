#!/usr/bin/env node
/**
 * Writes examples/last-year-roster.xlsx: the same county's 2025 roster, for checking the 2026
 * sample (examples/sample-roster.xlsx) as a renewal:
 *
 *   mutual-aid check examples/sample-roster.xlsx --previous examples/last-year-roster.xlsx
 *
 * What the comparison finds, by design:
 *   唐建国   4 shares of 指定疾病 last year too     → may keep 4 in a non-uniform unit (no SHARES_OVER_MAX)
 *   钟志刚   2 last year, 3 now, 上年份数 typed 3    → PREVIOUS_SHARES_MISMATCH; added shares
 *   罗春燕   女职工安康 2 last year, 1 now             → reduced shares
 *   莫小燕   指定疾病 last year, 综合 now              → a plan switch (new to 综合), 指定疾病 lapsed
 *   梁文斌   a 15-digit ID last year                 → the same person as his 18-digit ID now
 *   苏海燕, 覃德明   not on this year's roster        → lapsed
 *   陆海涛, 何美玲   IDs right last year, faulty now  → cannot be matched: listed as lapsed until fixed
 *
 *   node scripts/make-last-year-roster.js [OUT.xlsx]
 */
'use strict';

const path = require('path');
const fs = require('fs');
const { titledSheet } = require('./example-workbook');
const { issuedIds, checkChar, REGION, FUNDING, HEADERS, HOSPITAL, SCHOOL, BUILDER } = require('./make-sample-roster');

const EFFECTIVE = new Date(Date.UTC(2025, 0, 1));

/** People on last year's roster only. */
function extraId(birth, seq) {
  const first17 = `${REGION}${birth}${seq}`;
  return first17 + checkChar(first17);
}
const ids = {
  ...issuedIds,
  苏海燕: extraId('19690808', '902'),
  覃德明: extraId('19870321', '911'),
};
const SEX = { 苏海燕: '女', 覃德明: '男' };
/** The 15-digit form: no century, no check character. */
const legacy15 = (id) => id.slice(0, 6) + id.slice(8, 17);
ids['梁文斌'] = legacy15(ids['梁文斌']);

const sexOf = (name) => SEX[name] || (Number(issuedIds[name][16]) % 2 === 1 ? '男' : '女');

/** [unit, name, plan, shares, previous shares, funding] */
const rows = [
  [SCHOOL, '黄志强', '综合', 3, 3, FUNDING.admin],
  [SCHOOL, '李秀英', '综合', 3, 3, FUNDING.admin],
  [SCHOOL, '韦丽娟', '综合', 3, 3, FUNDING.admin],
  [SCHOOL, '覃建华', '综合', 3, 3, FUNDING.admin],
  [SCHOOL, '陆海涛', '综合', 3, null, FUNDING.admin],
  [SCHOOL, '李秀英', '女职工安康', 2, 2, FUNDING.union],
  [SCHOOL, '韦丽娟', '女职工安康', 2, null, FUNDING.union],
  [SCHOOL, '莫小燕', '指定疾病', 2, null, FUNDING.admin],
  [SCHOOL, '梁文斌', '团体意外', 1, 1, FUNDING.admin],
  [SCHOOL, '黄志强', '团体意外', 1, 1, FUNDING.admin],
  [HOSPITAL, '蒙秋菊', '指定疾病', 3, 3, FUNDING.shared],
  [HOSPITAL, '黄伟明', '指定疾病', 2, 2, FUNDING.shared],
  [HOSPITAL, '周丽华', '指定疾病', 3, 3, FUNDING.shared],
  [HOSPITAL, '唐建国', '指定疾病', 4, 4, FUNDING.shared],
  [HOSPITAL, '潘晓梅', '指定疾病', 2, 2, FUNDING.shared],
  [HOSPITAL, '钟志刚', '指定疾病', 2, 2, FUNDING.shared],
  [HOSPITAL, '何美玲', '指定疾病', 2, 2, FUNDING.shared],
  [HOSPITAL, '陈国栋', '指定疾病', 2, 2, FUNDING.shared],
  [HOSPITAL, '苏海燕', '指定疾病', 2, 2, FUNDING.shared],
  [HOSPITAL, '蒙秋菊', '女职工安康', 1, 1, FUNDING.union],
  [HOSPITAL, '周丽华', '女职工安康', 1, 1, FUNDING.union],
  [HOSPITAL, '罗春燕', '女职工安康', 2, null, FUNDING.union],
  [BUILDER, '蒙德胜', '农民工', 2, 2, FUNDING.member],
  [BUILDER, '韦国强', '农民工', 2, 2, FUNDING.member],
  [BUILDER, '覃永福', '农民工', 1, 1, FUNDING.member],
  [BUILDER, '莫春花', '农民工', 2, 2, FUNDING.member],
  [BUILDER, '黄大勇', '农民工', 3, 3, FUNDING.member],
  [BUILDER, '梁志明', '农民工', 2, 2, FUNDING.member],
  [BUILDER, '杨光辉', '农民工', 2, 2, FUNDING.member],
  [BUILDER, '覃德明', '农民工', 2, 2, FUNDING.member],
  [BUILDER, '蒙德胜', '团体意外', 2, 2, FUNDING.admin],
  [BUILDER, '韦国强', '团体意外', 2, 2, FUNDING.admin],
  [BUILDER, '覃永福', '团体意外', 2, 2, FUNDING.admin],
  [BUILDER, '黄大勇', '团体意外', 2, 2, FUNDING.admin],
  [BUILDER, '梁志明', '团体意外', 2, 2, FUNDING.admin],
  [BUILDER, '杨光辉', '团体意外', 2, 2, FUNDING.admin],
  [BUILDER, '覃德明', '团体意外', 2, 2, FUNDING.admin],
];

async function main() {
  const out = path.resolve(process.argv[2] || path.join(__dirname, '..', 'examples', 'last-year-roster.xlsx'));
  fs.mkdirSync(path.dirname(out), { recursive: true });

  const { workbook, sheet } = titledSheet({
    created: new Date(Date.UTC(2024, 11, 20)),
    sheetName: '2025花名册',
    title: '苍梧县2025年度职工互助保障参保花名册',
    headers: HEADERS,
    widths: [6, 14, 10, 6, 22, 12, 10, 16, 12, 26, 14],
    idColumn: 5,
  });

  rows.forEach(([unit, name, plan, shares, previous, funding], index) => {
    const r = sheet.getRow(3 + index);
    r.values = [index + 1, unit, name, sexOf(name), ids[name], plan, shares, EFFECTIVE, previous, funding, null];
    r.getCell(8).numFmt = 'yyyy-mm-dd';
  });

  await workbook.xlsx.writeFile(out);
  process.stdout.write(`wrote ${path.relative(process.cwd(), out)} (${rows.length} rows)\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
