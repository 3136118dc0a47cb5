#!/usr/bin/env node
/**
 * Writes src/rules/data/holidays.json, the official holiday schedule the rules read, from the
 * chinese-days package's published table (node_modules/chinese-days/dist/chinese-days.json).
 *
 *   node scripts/holidays-data.js          rewrite the file
 *   node scripts/holidays-data.js --check  exit 1 if the file differs from what would be written
 *
 * Years the package does not know (added by hand from the State Council's notice, see README) are
 * kept as they are; for a year the package knows, the package's table is written and a hand-added
 * block it replaces is named on the console, so the reviewer sees the difference in the diff.
 */
const fs = require('fs');
const path = require('path');

const TARGET = path.join(__dirname, '../src/rules/data/holidays.json');
const packageJson = require('chinese-days/package.json');
const schedule = require('chinese-days/dist/chinese-days.json');

/** "Spring Festival,春节,4" → "春节". */
function chineseName(value) {
  const parts = String(value).split(',');
  return parts.length >= 2 ? parts[1] : String(value);
}

function byYear(table, kind, years) {
  for (const [iso, value] of Object.entries(table)) {
    const year = iso.slice(0, 4);
    years[year] = years[year] || { source: '', holidays: {}, workdays: {} };
    years[year][kind][iso] = chineseName(value);
  }
}

function sortKeys(object) {
  return Object.fromEntries(
    Object.keys(object)
      .sort()
      .map((key) => [key, object[key]]),
  );
}

function build(existing) {
  const fromPackage = {};
  byYear(schedule.holidays, 'holidays', fromPackage);
  byYear(schedule.workdays, 'workdays', fromPackage);
  const years = {};
  for (const [year, block] of Object.entries(existing.years || {})) {
    if (!fromPackage[year]) years[year] = block;
  }
  for (const [year, block] of Object.entries(fromPackage)) {
    if (existing.years && existing.years[year] && existing.years[year].source && !existing.years[year].source.startsWith('chinese-days')) {
      console.log(`${year}: the hand-added schedule is replaced by chinese-days ${packageJson.version}`);
    }
    years[year] = {
      source: `chinese-days ${packageJson.version} (国务院办公厅关于${year}年部分节假日安排的通知)`,
      holidays: sortKeys(block.holidays),
      workdays: sortKeys(block.workdays),
    };
  }
  return {
    $comment:
      'The official schedule of statutory holidays (holidays) and adjusted working weekends (workdays, 调休) of mainland China, by year. Written by scripts/holidays-data.js from the chinese-days package; a year the package does not know yet may be added by hand from the State Council notice (README: Holidays). A year counts as known when it lists at least one holiday.',
    generatedFrom: `chinese-days ${packageJson.version}`,
    years: sortKeys(years),
  };
}

const existing = fs.existsSync(TARGET) ? JSON.parse(fs.readFileSync(TARGET, 'utf8')) : {};
const text = `${JSON.stringify(build(existing), null, 2)}\n`;
if (process.argv.includes('--check')) {
  const current = fs.existsSync(TARGET) ? fs.readFileSync(TARGET, 'utf8') : '';
  if (current !== text) {
    console.error('src/rules/data/holidays.json differs from chinese-days: run node scripts/holidays-data.js and review the diff');
    process.exit(1);
  }
  console.log('src/rules/data/holidays.json agrees with chinese-days');
} else {
  fs.writeFileSync(TARGET, text);
  console.log(`wrote ${path.relative(process.cwd(), TARGET)} (${Object.keys(build(existing).years).length} years)`);
}
