/**
 * `mutual-aid claims` end to end: workbooks written to a temporary directory, the command run
 * in-process, its table, JSON, exit status and --out copy checked.
 */
import ExcelJS from 'exceljs';
import { existsSync } from 'fs';
import { join } from 'path';
import { cleanupDirs, makeId, runCli, sha256, tmpDir, writeWorkbook } from './cliKit';

const BO = makeId({ birth: '19790909', sex: 'M' });
const ANNA = makeId({ birth: '19850505', sex: 'F' });
const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

const ROSTER_HEADER = ['序号', '单位', '姓名', '性别', '身份证号', '参保计划', '份数', '生效日期', '上年份数'];
const REGISTER_HEADER = ['序号', '姓名', '身份证号', '参保计划', '事件', '明细', '出险日期', '审核日期', '给付日期', '备注'];

async function writeRoster(path: string): Promise<void> {
  await writeWorkbook(path, [
    {
      name: '花名册',
      rows: [
        ['2026年参保花名册'],
        ROSTER_HEADER,
        [1, '县医院', '薄', '男', BO, '指定疾病', 2, utc('2026-01-01'), 2],
        [2, '县医院', '安娜', '女', ANNA, '团体意外', 1, utc('2026-01-01'), 1],
      ],
    },
  ]);
}

/** Row 3: paid stent; row 4: overdue accident costs; row 5: review; row 6: not enrolled. */
async function writeRegister(path: string, rows?: unknown[][]): Promise<void> {
  await writeWorkbook(path, [
    {
      name: '理赔登记',
      rows: rows ?? [
        ['2026年理赔登记'],
        REGISTER_HEADER,
        [1, '薄', BO, '指定疾病', '重疾', '冠状动脉支架植入术', utc('2026-03-01'), utc('2026-03-10'), utc('2026-04-01'), '已付'],
        [2, '安娜', ANNA, '团体意外', '意外医疗', 1800, utc('2026-07-01'), utc('2026-09-01'), null, null],
        [3, '薄', BO, '指定疾病', '重疾', '疑似肺癌', utc('2026-10-01'), null, null, null],
        [4, '安娜', ANNA, '指定疾病', '重疾', '胃癌', utc('2026-10-02'), null, null, null],
      ],
      setup: (sheet) => {
        sheet.getColumn(3).numFmt = '@';
      },
    },
  ]);
}

afterAll(cleanupDirs);

describe('mutual-aid claims', () => {
  let dir: string;
  let register: string;
  let roster: string;
  beforeAll(async () => {
    dir = tmpDir();
    register = join(dir, '理赔登记.xlsx');
    roster = join(dir, '花名册.xlsx');
    await writeRoster(roster);
    await writeRegister(register);
  });

  it('prints the claims needing action first, then the findings and the summary; exit 1 for an overdue claim', async () => {
    const result = await runCli(['claims', register, '--roster', roster, '--today', '2026-12-01']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const out = result.stdout;
    const action = out.indexOf('需要处理的理赔（3 笔）');
    expect(action).toBeGreaterThan(0);
    // Overdue (row 4) before the two needing review (rows 5, 6), and the paid one after them.
    const at = (text: string) => out.indexOf(text);
    expect(at('理赔登记!第4行')).toBeLessThan(at('理赔登记!第5行'));
    expect(at('理赔登记!第5行')).toBeLessThan(at('其他理赔（1 笔）'));
    expect(at('其他理赔（1 笔）')).toBeLessThan(at('理赔登记!第3行'));
    expect(out).toContain('CLAIM_OVERDUE');
    expect(out).toContain('CLAIM_NOT_ENROLLED');
    expect(out).toContain('汇总：4 笔理赔');
  });

  it("--json prints the claims, findings and summary in the issue's shape", async () => {
    const result = await runCli(['claims', register, '--roster', roster, '--today', '2026-12-01', '--json']);
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['claims', 'findings', 'summary']);
    expect(Object.keys(json.claims[0])).toEqual(['sheet', 'row', 'id', 'plan', 'event', 'payable', 'note', 'dueDate', 'status']);
    expect(Object.keys(json.findings[0])).toEqual(['sheet', 'row', 'column', 'cell', 'rule', 'severity', 'message']);
    expect(
      json.claims.map((claim: { row: number; payable: number | null; dueDate: string | null; status: string }) => [
        claim.row,
        claim.payable,
        claim.dueDate,
        claim.status,
      ]),
    ).toEqual([
      [3, 6000, '2026-04-22', 'paid'],
      // 2026-09-01 + 30 working days: 中秋 09-25 and 国庆 10-01…07 off, 09-20 and 10-10 worked → 2026-10-19.
      [4, 1800, '2026-10-19', 'overdue'],
      [5, null, null, 'review'],
      [6, null, null, 'review'],
    ]);
    expect(json.claims[0]).toMatchObject({ sheet: '理赔登记', id: BO, plan: '指定疾病', event: '重疾' });
    expect(json.summary).toMatchObject({ today: '2026-12-01', claims: 4, payable: 7800, paid: 6000, unpaid: 1800, overdue: 1, review: 2 });
  });

  it('exit 0 when nothing needs action', async () => {
    const quiet = join(dir, '已结清.xlsx');
    await writeRegister(quiet, [
      REGISTER_HEADER,
      [1, '薄', BO, '指定疾病', '重疾', '冠状动脉支架植入术', utc('2026-03-01'), utc('2026-03-10'), utc('2026-04-01'), null],
    ]);
    const result = await runCli(['claims', quiet, '--roster', roster, '--today', '2026-12-01']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('结论：没有需要处理的问题。');
  });

  it('exit 2 for an unreadable file, a roster without people, a file without a register, a bad --today', async () => {
    const missing = await runCli(['claims', join(dir, '无.xlsx'), '--roster', roster]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('找不到文件');
    const noRoster = await runCli(['claims', register, '--roster', register]);
    expect(noRoster.status).toBe(2);
    expect(noRoster.stderr).toContain('找不到花名册');
    const noRegister = await runCli(['claims', roster, '--roster', roster]);
    expect(noRegister.status).toBe(2);
    expect(noRegister.stderr).toContain('找不到理赔登记表');
    const badToday = await runCli(['claims', register, '--roster', roster, '--today', '2026-02-30']);
    expect(badToday.status).toBe(2);
    expect(badToday.stderr).toContain('--today');
    const noRosterOption = await runCli(['claims', register]);
    expect(noRosterOption.status).toBe(2);
    expect(noRosterOption.stderr).toContain('--roster');
    expect(missing.stdout + noRoster.stdout + noRegister.stdout + badToday.stdout).toBe('');
  });

  it('--out writes a copy with the computed columns filled and the input untouched', async () => {
    const out = join(dir, 'out');
    const before = sha256(register);
    const result = await runCli(['claims', register, '--roster', roster, '--today', '2026-12-01', '--out', out]);
    expect(result.status).toBe(1);
    expect(sha256(register)).toBe(before);
    const copy = join(out, '理赔登记.claims.xlsx');
    expect(existsSync(copy)).toBe(true);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(copy);
    const sheet = workbook.getWorksheet('理赔登记') as ExcelJS.Worksheet;
    // The four computed columns follow the register's last column (J 备注): K … N.
    expect(['K2', 'L2', 'M2', 'N2'].map((cell) => sheet.getCell(cell).value)).toEqual(['应付金额', '计算说明', '应付日期', '状态']);
    expect(sheet.getCell('K3').value).toBe(6000);
    expect(sheet.getCell('M3').value).toEqual(utc('2026-04-22'));
    expect(sheet.getCell('N4').value).toBe('已逾期');
    expect(sheet.getCell('K5').value).toBeNull();
    expect(sheet.getCell('L5').value).toContain('疑似');
    // The clerk's typed cells are as they were; the overdue claim's review date is marked.
    expect(sheet.getCell('F3').value).toBe('冠状动脉支架植入术');
    expect(sheet.getCell('C3').value).toBe(BO);
    expect((sheet.getCell('H4').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');

    const again = await runCli(['claims', register, '--roster', roster, '--today', '2026-12-01', '--out', out]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('--force');
    // A roster file where the copy would go is never overwritten, even with --force.
    const trap = join(out, '理赔登记.claims.xlsx');
    const trapHash = sha256(trap);
    const intoInput = await runCli(['claims', register, '--roster', roster, trap, '--out', out, '--force']);
    expect(intoInput.status).toBe(2);
    expect(intoInput.stderr).toContain('覆盖输入文件');
    expect(sha256(trap)).toBe(trapHash);
  });
});
