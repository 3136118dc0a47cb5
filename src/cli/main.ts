/**
 * The `mutual-aid` command. `run(argv, io)` does the work and returns the exit status, so tests run
 * it in-process; `main()` is the process glue used by bin/mutual-aid.js.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'fs';
import { join } from 'path';
import { CheckOptions, CliIO, EXIT_OK, EXIT_UNREADABLE, runCheck } from './check';
import { addClaimsCommand } from './claimsCommand';
import { registerRenew } from './renewCommand';
import { displayWidth } from './text';

export type { CliIO } from './check';

const HELP_TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

function packageVersion(): string {
  try {
    // src/cli or lib/cli: the package root is two levels up.
    return (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

const CHECK_HELP_AFTER = `
说明：
  读取一个或多个参保花名册（.xlsx 工作簿或 .csv 文件；CSV 可为 UTF-8 或 GBK/GB18030 编码），
  按互助保障的规则逐行检查：身份证号、性别、参保计划、份数、生效日期、计划互斥、重复参保、
  单位份数一致和份数上限、在职年龄。多个文件合为一份花名册检查（同一人跨文件参保也会发现）。
  每个工作表自动寻找表头（前 10 行内，标题行可在其上），没有花名册表头的工作表会列为"跳过"。
  隐藏的工作表不检查，也列为"跳过"（与 Excel 中的任务窗格一致）；合并单元格按屏幕上显示的值读取，
  即合并区域中的每个单元格都取该区域左上角单元格的值。

输出：
  默认输出问题表（位置如 花名册!G16、规则、说明）和按单位、计划的人数、份数、保障费汇总。
  --json 只输出一个 JSON 对象 {"findings": [...], "summary": {...}}。
  --previous LAST.xlsx 与上年花名册比对（可多次给出，合为一份上年花名册）：按身份证号（15 位与 18 位视为
  同一人）和计划匹配；续保人员的份数上限按上年实际份数（上年份数列为空也一样）；上年份数列与上年花名册不符
  为错误 PREVIOUS_SHARES_MISMATCH；汇总中列出续保、新参保、增减份数、改换计划、未续保名单和两年保障费
  （--json 中为 summary.renewal）。
  --out DIR 为每个输入写出 DIR/<文件名>.checked.xlsx：问题单元格标红（错误）或标黄（警告）并加批注，
  另加"校验结果"工作表（可点击跳到单元格）。原文件不会被修改；已有的副本不覆盖，除非加 --force。

退出码（exit status）：
  0  没有错误（可以有警告）
  1  发现错误
  2  文件无法读取（不存在、不是工作簿、已加密或旧版 .xls、找不到花名册、空文件）或无法写出副本

示例：
  mutual-aid check 花名册.xlsx
  mutual-aid check 一中.xlsx 医院.csv --json > 结果.json
  mutual-aid check 花名册.xlsx --out 校验 --force
  mutual-aid check 2026花名册.xlsx --previous 2025花名册.xlsx
`;

function chineseCommanderMessage(error: CommanderError): string {
  const quoted = /'([^']*)'/.exec(error.message)?.[1];
  switch (error.code) {
    case 'commander.unknownOption':
      return `未知选项 ${quoted ?? ''}`.trim();
    case 'commander.unknownCommand':
      return `未知命令 ${quoted ?? ''}`.trim();
    case 'commander.missingArgument':
      return /REGISTER/.test(error.message) ? '缺少参数 REGISTER：请给出理赔登记表文件' : '缺少参数 FILE：请至少给出一个花名册文件';
    case 'commander.missingMandatoryOptionValue':
      return `缺少必需的选项 ${/'([^']*)'/.exec(error.message)?.[1] ?? ''}`.trim();
    case 'commander.optionMissingArgument':
      return `选项 ${quoted ?? ''} 需要一个值`.replace(/\s+/g, ' ');
    case 'commander.excessArguments':
      return '参数过多';
    default:
      return error.message.replace(/^error:\s*/, '');
  }
}

function buildProgram(io: CliIO, onCheck: (files: string[], options: CheckOptions) => Promise<void>, onStatus: (status: number) => void): Command {
  const program = new Command('mutual-aid');
  program
    .description('职工互助保障（工会互助保障计划）工具：检查参保花名册、计算理赔登记')
    .usage('[选项] [命令]')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Errors are reported by run() in Chinese.
      outputError: () => undefined,
      getOutHelpWidth: () => 100,
      getErrHelpWidth: () => 100,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .configureHelp({
      styleTitle: (title) => HELP_TITLES[title] ?? title,
      displayWidth: (text) => displayWidth(text),
      subcommandTerm: (command) => `${command.name()} ${command.usage()}`,
    })
    .exitOverride()
    .helpOption('-h, --help', '显示帮助（help）')
    .helpCommand('help [command]', '显示某个命令的帮助')
    .version(packageVersion(), '-V, --version', '显示版本号（version）')
    .addHelpText('after', '\n用 "mutual-aid check --help"、"mutual-aid renew --help" 查看各命令的说明。\n');

  program
    .command('check')
    .description('检查参保花名册（.xlsx / .csv），输出问题和汇总')
    .usage('[选项] <FILE...>')
    .argument('<FILE...>', '花名册文件，可给多个（合为一份花名册检查）')
    .option('--json', '只输出一个 JSON 对象（findings + summary）')
    .option('--out <DIR>', '为每个文件在 DIR 中写出带标注的副本 <文件名>.checked.xlsx')
    .option('--force', '允许覆盖 --out 目录中已有的副本')
    .option('--previous <FILE>', '上年花名册（续保比对），可多次给出', (file: string, files: string[] = []) => [...files, file])
    .helpOption('-h, --help', '显示帮助（help）')
    .addHelpText('after', CHECK_HELP_AFTER)
    .action(async (files: string[], options: CheckOptions) => {
      await onCheck(files, options);
    });
  registerRenew(program, io, onStatus);
  addClaimsCommand(program, async (register, options) => {
    // Loaded only for this subcommand: a check does not pay for the claims engine.
    const { runClaims } = await import('./claims');
    onStatus(await runClaims(register, options, io));
  });
  return program;
}

/** Runs the command with `argv` (the arguments after the program name); resolves to the exit status. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let status = 0;
  const program = buildProgram(
    io,
    async (files, options) => {
      status = await runCheck(files, options, io);
    },
    (value) => {
      status = value;
    },
  );
  try {
    if (argv.length === 0) {
      io.stderr.write(program.helpInformation());
      return EXIT_UNREADABLE;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      if (error.code === 'commander.help') return EXIT_UNREADABLE;
      io.stderr.write(`mutual-aid: ${chineseCommanderMessage(error)}（用 mutual-aid --help 查看用法）\n`);
      return EXIT_UNREADABLE;
    }
    io.stderr.write(`mutual-aid: 内部错误：${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_UNREADABLE;
  }
}

/** The process entry: real streams, a progress bar only on an interactive terminal and never under CI. */
export function main(): void {
  // A reader that stops early (mutual-aid check … | head, or quitting more) closes the pipe: stop
  // quietly, as other commands do, rather than die on the write error with a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? EXIT_OK);
    });
  }
  const interactive = Boolean(process.stderr.isTTY) && !process.env.CI;
  run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, isTTY: interactive }).then(
    (status) => {
      process.exitCode = status;
      // Exit once stdout has been flushed (pipes may be asynchronous).
      process.stdout.write('', () => process.exit(status));
    },
    (error: unknown) => {
      process.stderr.write(`mutual-aid: ${String(error)}\n`);
      process.exit(EXIT_UNREADABLE);
    },
  );
}

if (require.main === module) main();
