/**
 * The `renew` subcommand's definition: options and help. The work is in ./renew, loaded only when
 * the subcommand runs.
 */
import { Command } from 'commander';
import type { CliIO } from './check';

/** The second sheet of the new workbook: the members left out for retirement. */
export const RETIRING_SHEET = '到龄退休未续保';

export interface RenewOptions {
  out?: string;
  force?: boolean;
}

const RENEW_HELP_AFTER = `
说明：
  读取本年参保花名册（.xlsx 或 .csv），生成下一年度的续保花名册，写到 DIR/<文件名>.renewal.xlsx：
  同样的人员和计划；上年份数和份数都取本年份数；生效日期顺延一年（同月同日；2 月 29 日顺延为次年 2 月 28 日）；
  到下年生效日期时已达法定退休年龄（按性别和出生年月可能的最晚退休日期）的人员不列入，另列在工作表
  "${RETIRING_SHEET}"中并在屏幕上列出。新工作簿按花名册模板排版：身份证号列为文本、参保计划等列有下拉列表、
  表头冻结。原文件不会被修改；已有的同名文件不覆盖，除非加 --force。

退出码：0 已写出；2 文件无法读取、找不到花名册，或无法写出（如文件已存在而未加 --force）

示例：
  mutual-aid renew 2026花名册.xlsx --out 续保
`;

/** Registers `renew` on the program; the exit status goes to onStatus. */
export function registerRenew(program: Command, io: CliIO, onStatus: (status: number) => void): void {
  program
    .command('renew')
    .description('由本年花名册生成下一年度的续保花名册（新工作簿）')
    .usage('[选项] <ROSTER> --out <DIR>')
    .argument('<ROSTER>', '本年参保花名册文件（.xlsx / .csv）')
    .requiredOption('--out <DIR>', '续保花名册写到的目录')
    .option('--force', '允许覆盖 DIR 中已有的续保花名册')
    .helpOption('-h, --help', '显示帮助（help）')
    .addHelpText('after', RENEW_HELP_AFTER)
    .action(async (file: string, options: RenewOptions) => {
      const { runRenew } = await import('./renew');
      onStatus(await runRenew([file], options, io));
    });
}
