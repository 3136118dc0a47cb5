/**
 * `mutual-aid claims REGISTER --roster ROSTER… [--today YYYY-MM-DD] [--json] [--out DIR]`: reads the
 * claims register and the rosters, settles every claim with the claims engine and prints the
 * claims needing action first, the findings and the year's summary. An adapter only: every rule
 * lives in src/rules/claims.
 *
 * Exit status: 0 nothing needs action, 1 a finding of severity error or an overdue claim, 2 an
 * input could not be read (or --today is not a date, or the copy could not be written).
 */
import { basename, extname, join } from 'path';
import { ClaimResult, ClaimsReport, computeClaims, STATUS_TITLES } from '../rules/claims';
import { isoFromSerial, serialFromYmd } from '../rules/dates';
import { Finding, HIDDEN_SHEET_REASON, RosterChecker, RULE_TITLES, SEVERITY_TITLES, SheetInput, SkippedSheet } from '../rules/roster';
import type { ClaimsOptions } from './claimsCommand';
import { CliIO, EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE } from './check';
import { checkOutput, writeClaimsCopy } from './claimsCopy';
import { InputError } from './inputError';
import { locationText } from './report';
import { NATIVE_ZIP } from './nativeInflate';
import { loadSource } from './sources';
import { MARKS_SHEET, readWorkbook, WorkbookError, WorkbookSource } from '../workbook';
import { formatAmount, formatTable } from './text';

/** "2026-12-01" → serial; anything else is refused (exit 2). */
export function parseToday(text: string | undefined, clock: () => Date = () => new Date()): number {
  if (text === undefined) {
    const now = clock();
    return serialFromYmd({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const ymd = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
  if (!ymd || isoFromSerial(serialFromYmd(ymd)) !== text.trim()) throw new InputError(`--today ${text} 不是 YYYY-MM-DD 格式的日期`);
  return serialFromYmd(ymd);
}

export interface ReadBook {
  source: WorkbookSource;
  sheets: SheetInput[];
  skipped: SkippedSheet[];
}

/** Every visible sheet of a file as arrays (a register is small); hidden ones are listed as skipped. */
async function readBook(label: string): Promise<ReadBook> {
  const source = await loadSource(label);
  const sheets: SheetInput[] = [];
  const skipped: SkippedSheet[] = [];
  // A file that cannot be read throws WorkbookError: runClaims reports it (exit 2).
  await readWorkbook(
    source,
    {
      beginSheet: (info) => {
        const rows: unknown[][] = [];
        return {
          addRow: (values, rowNumber) => {
            while (rows.length < rowNumber - 1) rows.push([]);
            rows[rowNumber - 1] = values;
          },
          end: () => {
            if (info.name !== MARKS_SHEET) sheets.push({ name: info.name, rows, file: label, date1904: info.date1904 });
          },
        };
      },
      skipSheet: (info) => {
        if (info.name !== MARKS_SHEET) skipped.push({ file: label, sheet: info.name, reason: HIDDEN_SHEET_REASON });
      },
    },
    NATIVE_ZIP,
  );
  return { source, sheets, skipped };
}

async function readRosters(labels: readonly string[]): Promise<RosterChecker> {
  const checker = new RosterChecker();
  for (const label of labels) {
    const book = await readBook(label);
    const before = checker.rosterRecords().length;
    for (const sheet of book.sheets) checker.addSheet(sheet);
    const rows = checker.rosterRecords().length - before;
    if (rows === 0) throw new InputError(`${label} 中找不到花名册的数据行（需含 姓名、身份证号、参保计划、份数 等列的表头）`);
  }
  return checker;
}

/** Order of the action table: the most urgent first. */
const STATUS_ORDER: Record<ClaimResult['status'], number> = { overdue: 0, dueSoon: 1, review: 2, pending: 3, paid: 4 };

function byUrgency(a: ClaimResult, b: ClaimResult): number {
  return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.dueSerial ?? Infinity) - (b.dueSerial ?? Infinity) || a.row - b.row;
}

function claimRow(claim: ClaimResult): string[] {
  return [
    `${claim.sheet}!第${claim.row}行`,
    claim.name ?? '',
    claim.plan ?? '',
    claim.event ?? '',
    claim.eventDate ?? '',
    claim.payable === null ? '—' : formatAmount(claim.payable),
    claim.dueDate ?? '',
    STATUS_TITLES[claim.status],
    claim.note,
  ];
}

const CLAIM_HEADERS = ['位置', '姓名', '计划', '事件', '出险日期', '应付金额', '应付日期', '状态', '说明'];
const CLAIM_ALIGNS = ['left', 'left', 'left', 'left', 'left', 'right', 'left', 'left', 'left'] as const;

export function renderClaims(report: ClaimsReport, register: string, rosters: readonly string[]): string {
  const { claims, findings, summary } = report;
  const lines: string[] = [`理赔登记：${register}（花名册：${rosters.join('、')}；今天：${summary.today}）`, ''];
  const action = claims.filter((claim) => claim.status === 'overdue' || claim.status === 'dueSoon' || claim.status === 'review').sort(byUrgency);
  const rest = claims.filter((claim) => !action.includes(claim)).sort(byUrgency);
  if (claims.length === 0) lines.push('理赔登记表没有数据行。');
  if (action.length > 0) {
    lines.push(`需要处理的理赔（${action.length} 笔）：`, '', ...formatTable(CLAIM_HEADERS, action.map(claimRow), [...CLAIM_ALIGNS]), '');
  } else if (claims.length > 0) {
    lines.push('没有逾期、即将到期或待复核的理赔。', '');
  }
  if (rest.length > 0) lines.push(`其他理赔（${rest.length} 笔）：`, '', ...formatTable(CLAIM_HEADERS, rest.map(claimRow), [...CLAIM_ALIGNS]), '');

  if (findings.length > 0) {
    lines.push(
      `发现 ${summary.errors} 个错误、${summary.warnings} 个警告：`,
      '',
      ...formatTable(
        ['位置', '级别', '规则', '说明'],
        findings.map((finding: Finding) => [
          locationText(finding, false),
          SEVERITY_TITLES[finding.severity],
          `${finding.rule} ${RULE_TITLES[finding.rule]}`,
          finding.message,
        ]),
      ),
      '',
    );
  }

  lines.push(
    `汇总：${summary.claims} 笔理赔，应付 ${formatAmount(summary.payable)} 元，已付 ${formatAmount(summary.paid)} 元，未付 ${formatAmount(summary.unpaid)} 元；` +
      `逾期 ${summary.overdue} 笔，即将到期 ${summary.dueSoon} 笔，待复核 ${summary.review} 笔`,
    `${summary.peopleHelped} 名职工得到经济帮助，${summary.peopleCondoled} 名职工得到慰问金（按已给付的理赔）`,
  );
  if (summary.plans.length > 0) {
    lines.push(
      '',
      ...formatTable(
        ['计划', '笔数', '应付（元）', '已付（元）', '未付（元）', '逾期', '得到帮助', '得到慰问'],
        summary.plans.map((plan) => [
          plan.planName,
          String(plan.claims),
          formatAmount(plan.payable),
          formatAmount(plan.paid),
          formatAmount(plan.unpaid),
          String(plan.overdue),
          String(plan.peopleHelped),
          String(plan.peopleCondoled),
        ]),
        ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
        '  ',
      ),
    );
  }
  if (summary.skipped.length > 0) {
    lines.push('', '跳过的工作表：', ...summary.skipped.map((skipped) => `  ${skipped.sheet}：${skipped.reason}`));
  }
  lines.push('');
  if (summary.overdue > 0 || summary.errors > 0) lines.push(`结论：有 ${summary.overdue} 笔逾期、${summary.errors} 个错误，请尽快处理。`);
  else if (summary.dueSoon > 0 || summary.review > 0 || summary.warnings > 0) lines.push('结论：没有逾期和错误；请留意即将到期、待复核的理赔和警告。');
  else lines.push('结论：没有需要处理的问题。');
  return `${lines.join('\n')}\n`;
}

/** The --json object: each claim exactly as the issue names its fields. */
export function claimsJson(report: ClaimsReport): object {
  return {
    claims: report.claims.map(({ sheet, row, id, plan, event, payable, note, dueDate, status }) => ({
      sheet,
      row,
      id,
      plan,
      event,
      payable,
      note,
      dueDate,
      status,
    })),
    findings: report.findings.map(({ sheet, row, column, cell, rule, severity, message }) => ({ sheet, row, column, cell, rule, severity, message })),
    summary: report.summary,
  };
}

/** DIR/<name>.claims.xlsx. */
export function claimsOutputPath(dir: string, label: string): string {
  return join(dir, `${basename(label, extname(label))}.claims.xlsx`);
}

export async function runClaims(register: string, options: ClaimsOptions, io: CliIO): Promise<number> {
  try {
    const today = parseToday(options.today);
    const copy = options.out === undefined ? null : claimsOutputPath(options.out, register);
    // Checked before anything is read: the copy must never replace an input.
    if (copy) await checkOutput(copy, [register, ...options.roster], options.force ?? false);
    const checker = await readRosters(options.roster);
    const book = await readBook(register);
    const report = computeClaims({ register: book.sheets, roster: checker.rosterRecords(), today });
    report.summary.skipped.unshift(...book.skipped);
    if (report.sheets.length === 0) {
      const why = report.summary.skipped.map((skipped) => `工作表"${skipped.sheet}"${skipped.reason}`).join('；');
      throw new InputError(`${register} 中找不到理赔登记表${why ? `：${why}` : ''}`);
    }
    if (copy) await writeClaimsCopy(book.source, [register, ...options.roster], report, copy, options.force ?? false);
    if (options.json) {
      io.stdout.write(`${JSON.stringify(claimsJson(report), null, 2)}\n`);
    } else {
      io.stdout.write(renderClaims(report, register, options.roster));
      if (copy) io.stdout.write(`\n已写出副本：${copy}\n`);
    }
    return report.summary.errors > 0 || report.summary.overdue > 0 ? EXIT_ERRORS : EXIT_OK;
  } catch (error) {
    if (error instanceof InputError || error instanceof WorkbookError) {
      io.stderr.write(`mutual-aid: ${error.message}\n`);
      return EXIT_UNREADABLE;
    }
    throw error;
  }
}
