/**
 * `mutual-aid check` on workbooks written the way clerks keep them: title rows merged across the
 * header, header aliases, dates as dates, serial numbers and text, an ID typed as a number, several
 * units and sheets, hidden sheets (passed over, as the task pane does), cells merged down a unit,
 * several files. Runs the command in-process.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { HIDDEN_SHEET_REASON } from '../../src/rules/roster';
import { cleanupDirs, gbkEncode, JSZip, makeId, personId, ruleCells, runCli, tmpDir, writeWorkbook } from './cliKit';

afterAll(cleanupDirs);

const ZHANG = personId(1, 'M');
const LI = personId(2, 'F');
const WANG = personId(3, 'F');
const ZHAO = personId(4, 'M');
const LIU = personId(5, 'M');
const CHEN = personId(6, 'F');
const YANG = personId(7, 'M');
const RETIREE = makeId({ birth: '19580304', seq: '015' });

/** Sheet 花名册一中: title merged over A1:J1, a blank row, the header in row 3 with aliases, unit merged down B4:B8. */
const schoolSheet = {
  name: '花名册一中',
  rows: [
    ['县第一中学2026年度职工互助保障参保花名册'],
    [],
    ['序号', '单位名称', '姓名', '性别', '公民身份号码', '险种', '参保份数', '保障起始日期', '上年度份数', '出资方式'],
    [1, '县第一中学', '张伟', '男', ZHANG, '综合', 3, new Date(Date.UTC(2026, 0, 1)), 3, '单位行政全额交纳'],
    [2, undefined, '李娜', '女', LI, '综合', '3份', 46023, 3, '单位行政全额交纳'],
    [3, undefined, '王芳', '女', Number(WANG), '综合', 3, '2026年1月1日', 3, '单位工会全额交纳'],
    [4, undefined, '赵强', '男', ZHAO, '女职工安康', 1, '2026/1/1', undefined, '单位工会全额交纳'],
    [5, undefined, '刘洋', '男', LIU, '综合', 2, '2026-13-01', undefined, '单位行政全额交纳'],
    ['合计', undefined, undefined, undefined, undefined, undefined, { formula: 'SUM(G4:G8)', result: 9 }],
  ],
  merges: ['A1:J1', 'B4:B8'],
  setup: (sheet: import('exceljs').Worksheet) => {
    sheet.getCell('H4').numFmt = 'yyyy-mm-dd';
    sheet.getCell('E6').numFmt = '0';
  },
};

/** Sheet 医院: the header in row 1, standard names; 张伟 again, in a conflicting plan. */
const hospitalSheet = {
  name: '医院',
  rows: [
    ['单位', '姓名', '性别', '身份证号', '参保计划', '份数', '生效日期'],
    ['县人民医院', '陈静', '女', CHEN, '指定疾病', 4, '2026-01-01'],
    ['县人民医院', '杨帆', '男', YANG, '指定疾病', 2, '2026-01-01'],
    ['县人民医院', '张伟', '男', ZHANG, '指定疾病', 2, '2026-01-01'],
    ['县人民医院', '老周', '男', RETIREE, '团体意外', 1, '2026-01-01'],
  ],
};

const notesSheet = { name: '说明', rows: [['填表说明'], ['每人每个计划一行。']] };

async function rosterFile(dir: string, name = 'roster.xlsx', hospitalState: 'visible' | 'hidden' | 'veryHidden' = 'visible'): Promise<string> {
  const path = join(dir, name);
  await writeWorkbook(path, [schoolSheet, { ...hospitalSheet, state: hospitalState }, notesSheet]);
  return path;
}

describe('a workbook as clerks keep it', () => {
  let file: string;
  beforeAll(async () => {
    file = await rosterFile(tmpDir());
  });

  test('--json prints exactly one JSON object: the engine report, findings in sheet order', async () => {
    const result = await runCli(['check', file, '--json']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(['findings', 'summary']);
    expect(ruleCells(report.findings)).toEqual([
      'PLAN_CONFLICT@F4',
      'ID_INVALID@E6',
      'PLAN_GENDER@F7',
      'SHARES_NOT_UNIFORM@G8',
      'DATE_INVALID@H8',
      'SHARES_OVER_MAX@F2',
      'PLAN_CONFLICT@E4',
      'AGE_OUT_OF_SERVICE@D5',
    ]);
    for (const finding of report.findings) expect(finding.file).toBe(file);
    expect(report.findings[0]).toMatchObject({ sheet: '花名册一中', row: 4, column: '险种', cell: 'F4', severity: 'error' });
    expect(report.findings[1].message).toMatch(/数字/);
    expect(report.findings[5]).toMatchObject({ sheet: '医院', rule: 'SHARES_OVER_MAX' });
    expect(report.findings[7]).toMatchObject({ sheet: '医院', severity: 'warning' });

    const { summary } = report;
    expect(summary).toMatchObject({ rows: 9, people: 8, errors: 7, warnings: 1 });
    expect(summary.sheets).toEqual([
      { file, sheet: '花名册一中', headerRow: 3, rows: 5 },
      { file, sheet: '医院', headerRow: 1, rows: 4 },
    ]);
    expect(summary.skipped).toEqual([{ file, sheet: '说明', reason: expect.stringContaining('找不到花名册表头') }]);
    // The unit merged down B4:B8 reads as 县第一中学 on each of those rows, as the clerk sees it.
    const units = summary.units.map(
      (u: { unit: string; planName: string; people: number; shares: number }) => `${u.unit}/${u.planName}/${u.people}/${u.shares}`,
    );
    expect(units).toContain('县第一中学/综合/4/11');
    expect(units).toContain('县第一中学/女职工安康/1/1');
    expect(units).toContain('县人民医院/指定疾病/3/8');
    expect(summary.byFunding.map((f: { funding: string }) => f.funding)).toEqual(
      expect.arrayContaining(['单位行政全额交纳', '单位工会全额交纳', expect.stringMatching(/未填/)]),
    );
  });

  test('the table shows addresses, rule titles, the summary and the skipped sheet', async () => {
    const result = await runCli(['check', file]);
    expect(result.status).toBe(1);
    const out = result.stdout;
    expect(out).toContain('花名册一中!F7');
    expect(out).toContain('PLAN_GENDER 女职工安康仅限女职工');
    expect(out).toContain('医院!F2');
    expect(out).toContain('汇总：检查 9 行，8 人');
    expect(out).toMatch(/县第一中学\s+综合\s+4\s+11\s+660/);
    expect(out).toContain('按出资方式');
    expect(out).toMatch(/说明：前 10 行中找不到花名册表头/);
    expect(out).toContain('结论：有 7 个错误');
    // Columns line up in display width: every finding line puts its level at the same column.
    const lines = out.split('\n').filter((line) => / (错误|警告) /.test(line) && line.includes('!'));
    const levelColumn = (line: string) => {
      const at = line.search(/ (错误|警告) /);
      return [...line.slice(0, at)].reduce((width, ch) => width + (/[\u4e00-\u9fff]/.test(ch) ? 2 : 1), 0);
    };
    expect(new Set(lines.map(levelColumn)).size).toBe(1);
  });

  test('sheets are read in the workbook order, not the zip order (a sheet moved in Excel)', async () => {
    const dir = tmpDir();
    const path = await rosterFile(dir, 'moved.xlsx');
    const zip = await JSZip.loadAsync(readFileSync(path));
    const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
    const sheets = [...workbookXml.matchAll(/<sheet [^>]*\/>/g)].map((m) => m[0]);
    zip.file('xl/workbook.xml', workbookXml.replace(sheets.join(''), [sheets[1], sheets[0], sheets[2]].join('')));
    writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));

    const report = JSON.parse((await runCli(['check', path, '--json'])).stdout);
    expect(report.summary.sheets.map((s: { sheet: string }) => s.sheet)).toEqual(['医院', '花名册一中']);
    expect(report.findings[0].sheet).toBe('医院');
  });
});

describe('hidden sheets are passed over, as in the task pane', () => {
  test.each([['hidden' as const], ['veryHidden' as const]])(
    'a %s sheet is listed as skipped with the reason; its conflicting enrolment is not reported',
    async (state) => {
      const file = await rosterFile(tmpDir(), 'roster.xlsx', state);
      const result = await runCli(['check', file, '--json']);
      expect(result.status).toBe(1);
      const report = JSON.parse(result.stdout);
      // 张伟's 指定疾病 in the hidden sheet would conflict with his 综合 (PLAN_CONFLICT@F4 when visible).
      expect(ruleCells(report.findings)).toEqual(['ID_INVALID@E6', 'PLAN_GENDER@F7', 'SHARES_NOT_UNIFORM@G8', 'DATE_INVALID@H8']);
      expect(report.findings.some((finding: { sheet: string }) => finding.sheet === '医院')).toBe(false);
      expect(report.summary.sheets.map((sheet: { sheet: string }) => sheet.sheet)).toEqual(['花名册一中']);
      expect(report.summary.skipped).toEqual([
        { file, sheet: '医院', reason: HIDDEN_SHEET_REASON },
        { file, sheet: '说明', reason: expect.stringContaining('找不到花名册表头') },
      ]);
      expect(report.summary).toMatchObject({ rows: 5, people: 5 });

      const table = await runCli(['check', file]);
      expect(table.stdout).toContain(`医院：${HIDDEN_SHEET_REASON}`);
    },
  );

  test("the add-in's own marks sheet (_mutualAidMarks, very hidden) is passed over without a word", async () => {
    const file = join(tmpDir(), 'marked.xlsx');
    await writeWorkbook(file, [
      {
        name: '花名册',
        rows: [
          ['姓名', '身份证号', '参保计划', '份数'],
          ['张伟', ZHANG, '综合', 1],
        ],
      },
      {
        name: '_mutualAidMarks',
        state: 'veryHidden',
        rows: [
          ['sheet', 'cell', 'fill', 'note', 'mark'],
          ['花名册', 'B2', '', '0', 'FFFFC7CE'],
        ],
      },
    ]);
    const report = JSON.parse((await runCli(['check', file, '--json'])).stdout);
    expect(report.summary.skipped).toEqual([]);
    expect(report.summary.sheets.map((sheet: { sheet: string }) => sheet.sheet)).toEqual(['花名册']);
  });

  test('a workbook whose only roster is hidden has no roster: exit 2, the reason names the hidden sheet', async () => {
    const file = join(tmpDir(), 'all-hidden.xlsx');
    await writeWorkbook(file, [
      { name: '封面', rows: [] },
      {
        name: '花名册',
        state: 'hidden',
        rows: [
          ['姓名', '身份证号', '参保计划', '份数'],
          ['张伟', ZHANG, '综合', 1],
        ],
      },
    ]);
    const result = await runCli(['check', file, '--json']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^mutual-aid: [^\n]+\n$/);
    expect(result.stderr).toContain(`找不到花名册`);
    expect(result.stderr).toContain(`工作表"花名册"${HIDDEN_SHEET_REASON}`);
  });
});

describe('merged cells read as the merged area shows them', () => {
  const header = ['单位', '姓名', '身份证号', '参保计划', '份数', '生效日期'];
  const people = [ZHANG, LI, WANG, ZHAO, LIU];
  const names = ['张伟', '李娜', '王芳', '赵强', '刘洋'];
  /** 单位, 参保计划, 份数 and 生效日期 merged down rows 2–6, as units often fill them in once. */
  const mergedRoster = (shares: number) => ({
    name: '花名册',
    rows: [header, ...people.map((id, i) => (i === 0 ? ['县第一中学', names[i], id, '综合', shares, '2026-01-01'] : [undefined, names[i], id]))],
    merges: ['A2:A6', 'D2:D6', 'E2:E6', 'F2:F6'],
  });

  test('参保计划, 份数 and 生效日期 merged over 5 rows: no MISSING_FIELD, each row counted in its plan', async () => {
    const file = join(tmpDir(), 'merged.xlsx');
    await writeWorkbook(file, [mergedRoster(2)]);
    const result = await runCli(['check', file, '--json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.findings).toEqual([]);
    expect(report.summary.units).toEqual([expect.objectContaining({ unit: '县第一中学', planName: expect.stringContaining('综合'), people: 5, shares: 10 })]);
  });

  test('an over-cap 份数 merged over 5 rows is a finding on each covered row', async () => {
    const file = join(tmpDir(), 'merged-over.xlsx');
    await writeWorkbook(file, [mergedRoster(6)]);
    const result = await runCli(['check', file, '--json']);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(ruleCells(report.findings)).toEqual(['SHARES_OVER_MAX@E2', 'SHARES_OVER_MAX@E3', 'SHARES_OVER_MAX@E4', 'SHARES_OVER_MAX@E5', 'SHARES_OVER_MAX@E6']);
    for (const finding of report.findings) expect(finding.message).toMatch(/^6 份超过上限/);
  });
});

describe('several files are one roster', () => {
  test('a person in conflicting plans in two files is found; findings name their file', async () => {
    const dir = tmpDir();
    const school = join(dir, '一中.xlsx');
    const hospital = join(dir, '医院.xlsx');
    await writeWorkbook(school, [
      {
        name: '花名册',
        rows: [
          ['单位', '姓名', '身份证号', '参保计划', '份数'],
          ['县第一中学', '张伟', ZHANG, '综合', 1],
        ],
      },
    ]);
    await writeWorkbook(hospital, [
      {
        name: '花名册',
        rows: [
          ['单位', '姓名', '身份证号', '参保计划', '份数'],
          ['县人民医院', '张伟', ZHANG, '农民工', 1],
        ],
      },
    ]);

    const json = await runCli(['check', school, hospital, '--json']);
    expect(json.status).toBe(1);
    const { findings } = JSON.parse(json.stdout);
    expect(findings.map((f: { file: string; rule: string; cell: string }) => `${f.file}:${f.rule}@${f.cell}`)).toEqual([
      `${school}:PLAN_CONFLICT@D2`,
      `${hospital}:PLAN_CONFLICT@D2`,
    ]);
    expect(findings[0].message).toContain(hospital);

    const table = await runCli(['check', school, hospital]);
    expect(table.stdout).toContain(`${school}  花名册!D2`);
    expect(table.stdout).toContain(`${hospital}  花名册!D2`);
    expect(table.stdout).toContain('检查 2 个文件');
  });

  test('the same file given twice is checked once', async () => {
    const dir = tmpDir();
    const file = join(dir, 'a.xlsx');
    await writeWorkbook(file, [
      {
        name: '花名册',
        rows: [
          ['姓名', '身份证号', '参保计划', '份数'],
          ['张伟', ZHANG, '综合', 1],
        ],
      },
    ]);
    const result = await runCli(['check', file, file, '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).findings).toEqual([]);
    expect(result.stderr).toContain('只检查一次');
  });
});

describe('CSV rosters', () => {
  const csvRows = (rows: string[][]) => rows.map((row) => row.join(',')).join('\r\n') + '\r\n';

  test('a GBK CSV (Excel "CSV (逗号分隔)" on Chinese Windows) with a title line', async () => {
    const dir = tmpDir();
    const file = join(dir, '建筑公司花名册.csv');
    const bad = ZHAO.slice(0, 17) + (ZHAO[17] === '1' ? '2' : '1');
    writeFileSync(
      file,
      gbkEncode(
        csvRows([
          ['县建筑公司2026年参保花名册', '', '', '', '', ''],
          ['序号', '姓名', '身份证号码', '保障计划', '份数', '生效日期'],
          ['1', '蒙德胜', ZHANG, '农民工', '2', '2026-01-01'],
          ['2', '韦国强', bad, '农民工', '2', '2026年1月1日'],
          ['3', '覃永福', YANG, '农民工', '９', '2026/1/1'],
        ]),
      ),
    );
    const result = await runCli(['check', file, '--json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(ruleCells(report.findings)).toEqual(['ID_INVALID@C4', 'SHARES_OVER_MAX@E5']);
    expect(report.findings[0].sheet).toBe('建筑公司花名册');
    expect(report.summary.sheets).toEqual([{ file, sheet: '建筑公司花名册', headerRow: 2, rows: 3 }]);
    expect(report.summary.units[0].unit).toBe('建筑公司花名册');
  });

  test('a UTF-8 CSV with BOM, quoted fields holding commas, quotes and line breaks', async () => {
    const dir = tmpDir();
    const file = join(dir, 'roster.csv');
    const text =
      '\uFEFF单位,姓名,身份证号,参保计划,份数,备注\n' +
      `"县第一中学",张伟,${ZHANG},综合,1,"说明,含逗号"\n` +
      `县第一中学,"李""娜""",${LI},综合,1,"第一行\n第二行"\n` +
      `县第一中学,王芳,${WANG},综合,2,\n`;
    writeFileSync(file, text, 'utf8');
    const report = JSON.parse((await runCli(['check', file, '--json'])).stdout);
    // The record with a line break inside quotes is one row: 王芳 is row 4, as Excel numbers it.
    expect(ruleCells(report.findings)).toEqual(['SHARES_NOT_UNIFORM@E4']);
    expect(report.summary.rows).toBe(3);
  });
});

describe('exit status', () => {
  test('warnings only → 0', async () => {
    const dir = tmpDir();
    const file = join(dir, 'retiree.xlsx');
    await writeWorkbook(file, [
      {
        name: '花名册',
        rows: [
          ['姓名', '身份证号', '参保计划', '份数', '生效日期'],
          ['老周', RETIREE, '综合', 1, '2026-01-01'],
        ],
      },
    ]);
    const result = await runCli(['check', file]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('AGE_OUT_OF_SERVICE');
    expect(result.stdout).toContain('结论：没有错误，有 1 个警告');
  });

  test('a header with no rows is a valid empty roster → 0, and the table says so', async () => {
    const dir = tmpDir();
    const file = join(dir, 'empty-roster.xlsx');
    await writeWorkbook(file, [{ name: '花名册', rows: [['2026年参保花名册'], ['姓名', '身份证号', '参保计划', '份数']], merges: ['A1:D1'] }]);
    const result = await runCli(['check', file]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('没有发现问题（花名册没有数据行）');
    expect(result.stdout).toContain('花名册：表头在第 2 行，没有数据行（空花名册）');
    const json = JSON.parse((await runCli(['check', file, '--json'])).stdout);
    expect(json.summary).toMatchObject({ rows: 0, people: 0, premiumTotal: 0, errors: 0 });
  });
});

describe('progress bar', () => {
  async function threeFiles(): Promise<string[]> {
    const dir = tmpDir();
    const files = ['a.xlsx', 'b.xlsx', 'c.xlsx'].map((name) => join(dir, name));
    for (const [i, file] of files.entries()) {
      await writeWorkbook(file, [
        {
          name: '花名册',
          rows: [
            ['姓名', '身份证号', '参保计划', '份数'],
            ['张伟', personId(20 + i), '综合', 1],
          ],
        },
      ]);
    }
    return files;
  }

  test('shown on stderr for many files on a terminal', async () => {
    const result = await runCli(['check', ...(await threeFiles()), '--json'], { isTTY: true });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('检查中');
    expect(() => JSON.parse(result.stdout)).not.toThrow();
  });

  test('never when stderr is not a terminal (pipes, CI)', async () => {
    const result = await runCli(['check', ...(await threeFiles())]);
    expect(result.stderr).toBe('');
  });
});
