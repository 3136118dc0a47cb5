/**
 * The reader on files from independent producers (test/fixtures/workbooks, written by
 * make-reader-fixtures.py; exceljs and a GBK CSV written here): each is the same five-person roster
 * and must give exactly the one finding its producer's quirk plants, or none.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { checkRosterSources, WorkbookSource } from '../../src/workbook';
import { cleanupDirs, gbkEncode, ruleCells, tmpDir, writeWorkbook } from '../cli/cliKit';
import { makeId } from '../rules/rosterKit';
import { readAll, readError } from './readerKit';

afterAll(cleanupDirs);

const FIXTURES = join(__dirname, '..', 'fixtures', 'workbooks');
const fixture = (name: string): WorkbookSource => ({ name, bytes: new Uint8Array(readFileSync(join(FIXTURES, name))) });

/** The same IDs as make-reader-fixtures.py: born 1980-01-01, sequence n*2+1 for men, n*2 for women. */
const PEOPLE: [string, boolean][] = [
  ['张伟', true],
  ['李娜', false],
  ['王强', true],
  ['刘芳', false],
  ['陈杰', true],
];
const idOf = (n: number, male: boolean) => makeId({ birth: '19800101', seq: String(n * 2 + (male ? 1 : 0)).padStart(3, '0') });
const HEADER = ['序号', '单位', '姓名', '性别', '身份证号', '参保计划', '份数', '生效日期'];

async function expectRoster(source: WorkbookSource, findings: string[], skipped: string[] = []): Promise<void> {
  const report = await checkRosterSources([source]);
  expect(ruleCells(report.findings)).toEqual(findings);
  expect(report.summary.rows).toBe(5);
  expect(report.summary.people).toBe(5);
  // A row whose 份数 has no value is not in the unit's totals.
  const counted = 5 - findings.filter((finding) => finding.startsWith('FORMULA')).length;
  expect(report.summary.units.map((unit) => `${unit.unit}:${unit.people}:${unit.shares}`)).toEqual([`县第一中学:${counted}:${counted * 3}`]);
  expect(report.summary.skipped.map((sheet) => sheet.sheet)).toEqual(skipped);
}

test('openpyxl: a formula saved without its value, 份数 in a date format, the unit merged down, a title row', async () => {
  await expectRoster(fixture('reader-openpyxl.xlsx'), ['FORMULA_NOT_CALCULATED@G7']);
  const [sheet] = await readAll(fixture('reader-openpyxl.xlsx'));
  expect(sheet.rows.get(3)?.slice(5)).toEqual(['综合', 3, 46023]);
  expect(sheet.rows.get(7)?.[1]).toBe('县第一中学');
});

test('LibreOffice: the same roster recalculated and saved again: the formula has its value', async () => {
  await expectRoster(fixture('reader-libreoffice.xlsx'), []);
  const [sheet] = await readAll(fixture('reader-libreoffice.xlsx'));
  expect(sheet.rows.get(7)?.slice(6)).toEqual([3, 46023]);
});

test('xlsxwriter (constant memory): inline strings, the 1904 date system, a hidden sheet', async () => {
  await expectRoster(fixture('reader-xlsxwriter.xlsx'), [], ['旧名单']);
  const [sheet] = await readAll(fixture('reader-xlsxwriter.xlsx'));
  expect(sheet.info.date1904).toBe(true);
  expect(sheet.rows.get(2)?.slice(4)).toEqual([idOf(1, true), '综合', 3, 46023 - 1462]);
});

test('LibreOffice .xls and .ods: named, with what to do', async () => {
  expect(await readError(fixture('reader-libreoffice.xls'))).toMatchObject({ code: 'ENCRYPTED_OR_XLS', message: expect.stringContaining('另存为 .xlsx') });
  const ods = { ...fixture('reader-libreoffice.ods'), name: '花名册.xlsx' };
  expect(await readError(ods)).toMatchObject({ code: 'ODS' });
});

test('exceljs and a GBK CSV as Chinese Excel saves it', async () => {
  const rows = PEOPLE.map(([name, male], i) => [i + 1, '县第一中学', name, male ? '男' : '女', idOf(i + 1, male), '综合', 3, new Date(Date.UTC(2026, 0, 1))]);
  const dir = tmpDir();
  const path = join(dir, 'exceljs.xlsx');
  await writeWorkbook(path, [{ name: '花名册', rows: [HEADER, ...rows], setup: (sheet) => (sheet.getColumn(8).numFmt = 'yyyy-mm-dd') }]);
  await expectRoster({ name: 'exceljs.xlsx', bytes: readFileSync(path) }, []);
  const csv = [HEADER, ...rows.map((row) => [...row.slice(0, 7), '2026/1/1'])].map((row) => row.join(',')).join('\r\n');
  await expectRoster({ name: '花名册.csv', bytes: gbkEncode(csv) }, []);
});
