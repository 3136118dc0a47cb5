#!/usr/bin/env node
/**
 * Writes a large roster for measuring `mutual-aid check` (default 200,000 rows into
 * /tmp/large-roster.xlsx) with exceljs's streaming WorkbookWriter, so that writing it needs little
 * memory too. Shared strings are on, as Excel writes them. Every person has a distinct, valid ID;
 * about one row in a hundred has a fault (a wrong check character, an unknown plan, 9 shares).
 *
 *   node scripts/make-large-roster.js [ROWS] [OUT.xlsx]
 *   /usr/bin/time -v node bin/mutual-aid.js check /tmp/large-roster.xlsx --json > /dev/null
 */
'use strict';

const path = require('path');
const ExcelJS = require('exceljs');

const rows = Number(process.argv[2] || 200000);
const out = path.resolve(process.argv[3] || '/tmp/large-roster.xlsx');

function checkChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11];
}

const SURNAMES = '黄李韦覃莫梁陆蒙周唐潘钟何陈罗杨吴刘张王赵';
const GIVEN = ['志强', '秀英', '丽娟', '建华', '小燕', '文斌', '海涛', '秋菊', '伟明', '丽华', '建国', '晓梅', '志刚', '美玲', '国栋', '春燕', '德胜', '国强', '永福', '春花'];
const UNIT_KINDS = ['中学', '小学', '人民医院', '建筑公司', '供电所', '自来水公司', '农商银行', '粮食局', '交通局', '卫生院'];
const TOWNS = ['龙圩', '石桥', '沙头', '梨埠', '岭脚', '京南', '狮寨', '旺甫', '六堡', '木双'];
const FUNDING = ['单位行政全额交纳', '单位工会全额交纳', '行政、工会各出资一部分', '职工个人交纳'];
const UNIT_SIZE = 500;

/** The n-th person: a distinct birth date (1978–2002) and sequence give a distinct, valid ID. */
function personOf(n) {
  const day = n % 9000; // about 24 years of days from 1978
  const birth = new Date(Date.UTC(1978, 0, 1) + day * 86400000);
  const ymd = `${birth.getUTCFullYear()}${String(birth.getUTCMonth() + 1).padStart(2, '0')}${String(birth.getUTCDate()).padStart(2, '0')}`;
  const seq = String(Math.floor(n / 9000) % 1000).padStart(3, '0');
  const first17 = `450421${ymd}${seq}`;
  const male = Number(seq[2]) % 2 === 1;
  return {
    name: SURNAMES[n % SURNAMES.length] + GIVEN[(n * 7) % GIVEN.length],
    sex: male ? '男' : '女',
    id: first17 + checkChar(first17),
  };
}

async function main() {
  const started = Date.now();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet('花名册');
  const title = sheet.getRow(1);
  title.getCell(1).value = `苍梧县2026年度职工互助保障参保花名册(${rows} 行,测量用)`;
  sheet.mergeCells(1, 1, 1, 10);
  title.commit();
  sheet.getRow(2).values = ['序号', '单位名称', '姓名', '性别', '身份证号码', '保障计划', '参保份数', '生效日期', '上年度份数', '出资方式'];
  sheet.getRow(2).commit();

  for (let i = 0; i < rows; i += 1) {
    const unitIndex = Math.floor(i / UNIT_SIZE);
    const unit = `${TOWNS[unitIndex % TOWNS.length]}${UNIT_KINDS[Math.floor(unitIndex / TOWNS.length) % UNIT_KINDS.length]}${unitIndex >= 100 ? Math.floor(unitIndex / 100) + 1 : ''}`;
    const p = personOf(i);
    let plan = unitIndex % 2 === 0 ? '综合' : '指定疾病';
    let shares = unitIndex % 2 === 0 ? 3 : 2;
    let id = p.id;
    if (i % 100 === 37) id = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    if (i % 100 === 59) plan = '大病保险';
    if (i % 100 === 83) shares = 9;
    const row = sheet.getRow(3 + i);
    row.values = [i + 1, unit, p.name, p.sex, id, plan, shares, '2026-01-01', shares, FUNDING[unitIndex % FUNDING.length]];
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
  process.stdout.write(`wrote ${out}: ${rows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
