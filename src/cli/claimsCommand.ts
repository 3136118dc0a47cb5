/**
 * The `claims` subcommand's definition: options and help. The work is in ./claims, loaded only when
 * the subcommand runs, so that `check` does not load the claims engine.
 */
import { Command } from 'commander';

export interface ClaimsOptions {
  roster: string[];
  today?: string;
  json?: boolean;
  out?: string;
  force?: boolean;
}

export const CLAIMS_HELP_AFTER = `
说明：
  读取理赔登记表（默认工作表名"理赔登记"，表头：身份证号、姓名、参保计划、事件、明细、出险日期、
  审核日期、给付日期、备注；标题行可在表头之上）和参保花名册（--roster，可给多个，如上年和本年的），
  按身份证号和参保计划把每笔理赔对到花名册，按出险日期先后计算：应付金额（同一保障年度内已付的计入
  保障限额）、计算说明、应付日期（审核日期后 30 个工作日）和状态（已给付、已逾期、即将到期、待复核、
  待给付）。"今天"取 --today，默认为本机日期。

输出：
  先列需要处理的理赔（已逾期、即将到期、待复核），再列问题和按计划的汇总（笔数、应付、已付、未付、
  逾期，得到帮助的人数和得到慰问金的人数）。
  --json 只输出一个 JSON 对象 {"claims": [...], "findings": [...], "summary": {...}}。
  --out DIR 写出 DIR/<文件名>.claims.xlsx：填好"应付金额、计算说明、应付日期、状态"四列、标出问题单元格的副本。
  原文件不会被修改。

退出码（exit status）：
  0  没有需要处理的问题
  1  有错误，或有已逾期的理赔
  2  文件无法读取、找不到理赔登记表或花名册、--today 不是日期，或无法写出副本

示例：
  mutual-aid claims 理赔登记.xlsx --roster 花名册.xlsx
  mutual-aid claims 理赔登记.xlsx --roster 2025花名册.xlsx 2026花名册.xlsx --today 2026-12-01 --json
`;

/** Registers the subcommand on the program; `onRun` receives the register path and the options. */
export function addClaimsCommand(program: Command, onRun: (register: string, options: ClaimsOptions) => Promise<void>): void {
  program
    .command('claims')
    .description('理赔登记：计算每笔理赔的应付金额、应付日期和状态，列出逾期和待复核的理赔')
    .usage('<REGISTER> --roster <ROSTER...> [选项]')
    .argument('<REGISTER>', '理赔登记表（.xlsx / .csv）')
    .requiredOption('--roster <ROSTER...>', '参保花名册文件，可给多个')
    .option('--today <YYYY-MM-DD>', '按这一天计算逾期和即将到期（默认本机日期）')
    .option('--json', '只输出一个 JSON 对象（claims + findings + summary）')
    .option('--out <DIR>', '在 DIR 中写出填好计算列的副本 <文件名>.claims.xlsx')
    .option('--force', '允许覆盖 --out 目录中已有的副本')
    .helpOption('-h, --help', '显示帮助（help）')
    .addHelpText('after', CLAIMS_HELP_AFTER)
    .action(async (register: string, options: ClaimsOptions) => {
      await onRun(register, options);
    });
}
