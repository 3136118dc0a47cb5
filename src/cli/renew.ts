/**
 * `mutual-aid renew ROSTER.xlsx --out DIR [--force]`: writes next year's roster (续保花名册) as a new
 * workbook DIR/<name>.renewal.xlsx in the template's layout (ID column as text, drop-down lists,
 * frozen header), with the members left out for retirement on a second sheet. An adapter only: the
 * roster is built by src/rules/renewal, the workbook by src/workbook/newWorkbook.
 *
 * Exit status: 0 written; 2 the roster could not be read, or the workbook could not be written
 * (an existing file without --force, an input in the way). The input is never modified.
 */
import { mkdir, rename, unlink, writeFile } from 'fs/promises';
import { basename, extname, join } from 'path';
import { nextYearRosterFrom, NextYearRoster, RetiringMember } from '../rules/renewal';
import { RosterChecker } from '../rules/roster';
import { TEMPLATE_BODY_ROWS, TEMPLATE_COLUMNS } from '../rules/roster/template';
import { WorkbookError } from '../workbook';
import { newWorkbook, NewSheet, NewValidation } from '../workbook/newWorkbook';
import { CliIO, EXIT_OK, EXIT_UNREADABLE, planOutputs, readRosterFiles, temporaryName } from './check';
import { InputError } from './inputError';
import { RenewOptions, RETIRING_SHEET } from './renewCommand';
import { formatTable, terminalText } from './text';

export const RENEWAL_SHEET = '续保花名册';

/** DIR/<name>.renewal.xlsx */
export function renewalPathFor(dir: string, label: string): string {
  return join(dir, `${basename(label, extname(label))}.renewal.xlsx`);
}

// Not roster headers (退休人员身份证号 is no alias of 身份证号), so a check of the new workbook passes this sheet over.
const RETIRING_HEADERS = ['退休人员身份证号', '退休人员姓名', '原单位', '原参保计划', '原份数', '下年生效日期', '最晚退休日期', '本年花名册位置'];

function retiringRow(member: RetiringMember): string[] {
  const where = `${member.file === undefined ? '' : `${member.file} `}${member.sheet}!第${member.row}行`;
  return [
    member.id,
    member.name,
    member.unit,
    member.plan,
    member.shares === null ? '' : String(member.shares),
    member.nextEffectiveDate,
    member.retirementDate,
    where,
  ];
}

/** The new workbook's sheets: next year's roster in the template's layout, then who was left out. */
export function renewalSheets(roster: NextYearRoster): NewSheet[] {
  const lastRow = 1 + Math.max(roster.rows.length, TEMPLATE_BODY_ROWS);
  const validations: NewValidation[] = TEMPLATE_COLUMNS.flatMap((column, i) =>
    column.validation ? [{ ...column.validation, column: i, firstRow: 2, lastRow }] : [],
  );
  const sheets: NewSheet[] = [
    {
      name: RENEWAL_SHEET,
      rows: [roster.headers, ...roster.rows],
      columns: TEMPLATE_COLUMNS.map((column) => ({ width: column.width, format: column.format })),
      headerRows: 1,
      validations,
    },
  ];
  if (roster.retiring.length > 0) {
    sheets.push({
      name: RETIRING_SHEET,
      rows: [RETIRING_HEADERS, ...roster.retiring.map((member) => retiringRow(member).map((text, i) => (i === 4 && text !== '' ? Number(text) : text)))],
      columns: [{ width: 22, format: 'text' }, { width: 10 }, { width: 16 }, { width: 12 }, { width: 6 }, { width: 14 }, { width: 14 }, { width: 30 }],
      headerRows: 1,
    });
  }
  return sheets;
}

export async function runRenew(files: readonly string[], options: RenewOptions, io: CliIO): Promise<number> {
  try {
    if (options.out === undefined) throw new InputError('请用 --out DIR 指定续保花名册写到哪个目录');
    const [output] = await planOutputs(options.out, files, options.force ?? false, { what: '续保花名册', pathFor: renewalPathFor });
    const checker = new RosterChecker({ keepCells: true });
    await readRosterFiles(files, checker);
    const report = checker.finish();
    const roster = nextYearRosterFrom(checker.personRows());

    try {
      await mkdir(options.out, { recursive: true });
    } catch (error) {
      throw new InputError(`无法创建输出目录 ${options.out}：${(error as Error).message}`);
    }
    const temp = temporaryName(output, 0);
    try {
      await writeFile(temp, newWorkbook(renewalSheets(roster)), { flag: 'wx' });
      await rename(temp, output);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw new InputError(`无法写出续保花名册 ${output}：${(error as Error).message}`);
    }

    const lines = [`已写出续保花名册 ${output}：${roster.rows.length} 行（上年份数和份数取本年份数，生效日期顺延一年）`];
    if (roster.duplicatesDropped > 0) lines.push(`本年花名册中同一人同一计划重复的 ${roster.duplicatesDropped} 行只带过去一次`);
    if (roster.retiring.length > 0) {
      lines.push('', `到下年生效日期时已达法定退休年龄、未列入续保花名册的 ${roster.retiring.length} 行（另见工作表"${RETIRING_SHEET}"）：`);
      lines.push(...formatTable(RETIRING_HEADERS, roster.retiring.map(retiringRow), undefined, '  '));
    }
    if (report.summary.errors > 0) {
      lines.push('', `注意：本年花名册有 ${report.summary.errors} 个错误，有问题的值照原样带入续保花名册；请用 mutual-aid check 查看并改正。`);
    }
    io.stdout.write(`${lines.map(terminalText).join('\n')}\n`);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof InputError || error instanceof WorkbookError) {
      io.stderr.write(`mutual-aid: ${terminalText(error.message)}\n`);
      return EXIT_UNREADABLE;
    }
    throw error;
  }
}
