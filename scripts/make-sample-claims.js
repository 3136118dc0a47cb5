#!/usr/bin/env node
/**
 * Writes examples/sample-claims.xlsx: a county union's claims register (理赔登记) for 2026, for the
 * people of examples/sample-roster.xlsx (their ID numbers are read from it, so run
 * make-sample-roster.js first). Under a title row, one claim per row, with a few cases on purpose
 * for `mutual-aid claims` (run with --today 2026-12-01):
 *
 *   蒙秋菊   a stent, then a cancer in the same year       → the second is cut to the 指定疾病 limit (CLAIM_LIMIT_REACHED)
 *   韦国强   accident medical costs reviewed 2026-09-10   → overdue, unpaid (CLAIM_OVERDUE)
 *   周丽华   "肺部占位待查"                                 → needs review (CLAIM_NEEDS_REVIEW)
 *   梁文斌   the same disability claim entered twice       → CLAIM_DUPLICATE
 *   杨光辉   a 指定疾病 claim, but he holds 农民工            → CLAIM_NOT_ENROLLED
 *   黄大勇   reviewed 2026-10-21                           → due 2026-12-03: due soon
 *   陆秀兰   a covered cancer on day 69 of her first year  → the 260 元 condolence (农民工)
 *   李秀英   death from a disease 女职工安康 does not cover → the 500 元 condolence
 *
 *   node scripts/make-sample-claims.js [ROSTER.xlsx] [OUT.xlsx]
 */
'use strict';

const path = require('path');
const fs = require('fs');
const ExcelJS = require('exceljs');
const { titledSheet } = require('./example-workbook');

const utc = (iso) => new Date(`${iso}T00:00:00Z`);

/** [unit, name, plan, event, detail, 出险日期, 审核日期, 给付日期, 备注] */
const CLAIMS = [
  ['县第一中学', '黄志强', '综合', '重疾', '冠状动脉支架植入术', '2026-03-05', '2026-03-20', '2026-04-10', ''],
  ['县人民医院', '蒙秋菊', '指定疾病', '重疾', '冠状动脉支架植入术', '2026-02-10', '2026-03-02', '2026-03-30', ''],
  ['县人民医院', '蒙秋菊', '指定疾病', '重疾', '左乳腺浸润性导管癌', '2026-06-01', '2026-07-06', '2026-08-05', '同年第二次理赔'],
  ['县建筑公司', '韦国强', '团体意外', '意外医疗', 3200, '2026-07-03', '2026-09-10', null, '工地摔伤，门诊及住院费用'],
  ['县人民医院', '周丽华', '指定疾病', '重疾', '肺部占位待查', '2026-10-15', null, null, '等待病理结果'],
  ['县第一中学', '梁文斌', '团体意外', '意外伤残', 8, '2026-04-02', '2026-05-06', '2026-06-01', ''],
  ['县第一中学', '梁文斌', '团体意外', '意外伤残', 8, '2026-04-02', '2026-05-06', null, '（重复录入）'],
  ['县建筑公司', '杨光辉', '指定疾病', '重疾', '胃癌', '2026-09-18', null, null, ''],
  ['县建筑公司', '黄大勇', '农民工', '重疾', '胃癌', '2026-06-20', '2026-10-21', null, ''],
  ['县建筑公司', '陆秀兰', '农民工', '重疾', '乳腺癌', '2026-03-10', '2026-04-01', '2026-04-30', '新参保，免责期内'],
  ['县第一中学', '李秀英', '女职工安康', '身故', '急性心肌梗死', '2026-08-20', '2026-09-01', '2026-09-25', ''],
  ['县人民医院', '钟志刚', '指定疾病', '重疾', '冠状动脉支架植入术', '2026-11-02', null, null, '资料未齐'],
];

const HEADERS = ['序号', '单位', '姓名', '身份证号', '参保计划', '事件', '明细', '出险日期', '审核日期', '给付日期', '备注'];

/** Name → ID number as the sample roster holds it. */
async function rosterIds(rosterPath) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(rosterPath);
  const sheet = workbook.getWorksheet('花名册');
  const ids = new Map();
  sheet.eachRow((row) => {
    const name = row.getCell(3).value;
    const id = row.getCell(5).value;
    if (typeof name === 'string' && typeof id === 'string' && /^\d{17}[\dX]$/.test(id)) ids.set(name, id);
  });
  return ids;
}

async function main() {
  const root = path.join(__dirname, '..');
  const rosterPath = path.resolve(process.argv[2] || path.join(root, 'examples', 'sample-roster.xlsx'));
  const out = path.resolve(process.argv[3] || path.join(root, 'examples', 'sample-claims.xlsx'));
  const ids = await rosterIds(rosterPath);

  const { workbook, sheet, header } = titledSheet({
    created: new Date(Date.UTC(2026, 10, 30)),
    sheetName: '理赔登记',
    title: '苍梧县2026年度职工互助保障理赔登记',
    headers: HEADERS,
    widths: [6, 12, 10, 22, 12, 10, 22, 12, 12, 12, 24],
    idColumn: 4,
  });
  sheet.getCell('A1').alignment = { horizontal: 'center' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });

  CLAIMS.forEach(([unit, name, plan, event, detail, eventDate, reviewDate, paidDate, remark], index) => {
    const id = ids.get(name);
    if (!id) throw new Error(`${name} is not in ${rosterPath}`);
    const row = sheet.getRow(3 + index);
    row.values = [index + 1, unit, name, id, plan, event, detail, utc(eventDate), reviewDate && utc(reviewDate), paidDate && utc(paidDate), remark || null];
    for (const column of [8, 9, 10]) if (row.getCell(column).value instanceof Date) row.getCell(column).numFmt = 'yyyy-mm-dd';
  });

  fs.mkdirSync(path.dirname(out), { recursive: true });
  await workbook.xlsx.writeFile(out);
  process.stdout.write(`wrote ${path.relative(process.cwd(), out)} (${CLAIMS.length} claims)\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
