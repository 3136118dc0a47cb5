/** The command's readable output: the findings as a table, then the summary. */
import { Finding, findingAddress, RenewalSummary, RosterReport, RULE_TITLES, SEVERITY_TITLES } from '../rules/roster';
import { formatAmount, formatTable, terminalText } from './text';

function plural(count: number, word: string): string {
  return `${count} 个${word}`;
}

/** "花名册!G16", prefixed with the file when the run checks several files. */
export function locationText(finding: Finding, withFile: boolean): string {
  const address = findingAddress(finding);
  return withFile && finding.file !== undefined ? `${finding.file}  ${address}` : address;
}

/** Appends without spreading: a table can have more lines than a call takes arguments. */
function append(lines: string[], more: readonly string[]): void {
  for (const line of more) lines.push(line);
}

/** The renewal part: counts, both years' premium and the lapsed list (check --previous). */
function renewalLines(renewal: RenewalSummary, previousFiles: readonly string[]): string[] {
  const lines = [
    `与上年花名册比对（${previousFiles.join('、')}），按人 × 计划计：`,
    `  续保 ${renewal.renewing}，新参保 ${renewal.newMembers}（其中改换计划 ${renewal.planSwitches}），增加份数 ${renewal.addedShares}（新增的份数有免责期），减少份数 ${renewal.reducedShares}，未续保 ${renewal.lapsed.length}`,
    `  保障费：上年 ${formatAmount(renewal.premiumLastYear)} 元，本年 ${formatAmount(renewal.premiumThisYear)} 元`,
  ];
  if (renewal.lapsed.length > 0) {
    lines.push('', '未续保（上年在册、本年花名册中没有）：');
    append(
      lines,
      formatTable(
        ['身份证号', '姓名', '单位', '计划', '上年份数'],
        renewal.lapsed.map((member) => [member.id, member.name, member.unit, member.plan, member.shares === null ? '' : String(member.shares)]),
        ['left', 'left', 'left', 'left', 'right'],
        '  ',
      ),
    );
  }
  return lines;
}

export function renderReport(report: RosterReport, files: readonly string[], previousFiles: readonly string[] = []): string {
  const { findings, summary } = report;
  const withFile = files.length > 1;
  const lines: string[] = [];

  const title = withFile ? `检查 ${files.length} 个文件（合为一份花名册）：${files.join('、')}` : `检查文件：${files[0]}`;
  lines.push(title, '');

  if (findings.length === 0) {
    lines.push(summary.rows === 0 ? '没有发现问题（花名册没有数据行）。' : '没有发现问题。');
  } else {
    lines.push(`发现 ${plural(summary.errors, '错误')}、${plural(summary.warnings, '警告')}：`, '');
    append(
      lines,
      formatTable(
        ['位置', '级别', '规则', '说明'],
        findings.map((finding) => [
          locationText(finding, withFile),
          SEVERITY_TITLES[finding.severity],
          `${finding.rule} ${RULE_TITLES[finding.rule]}`,
          finding.message,
        ]),
      ),
    );
  }
  lines.push('');

  lines.push(`汇总：检查 ${summary.rows} 行，${summary.people} 人，保障费合计 ${formatAmount(summary.premiumTotal)} 元`);
  if (summary.units.length > 0) {
    lines.push('');
    append(
      lines,
      formatTable(
        ['单位', '计划', '人数', '份数', '保障费（元）'],
        summary.units.map((unit) => [unit.unit, unit.planName, String(unit.people), String(unit.shares), formatAmount(unit.premium)]),
        ['left', 'left', 'right', 'right', 'right'],
        '  ',
      ),
    );
  }
  if (summary.byFunding && summary.byFunding.length > 0) {
    lines.push('', '按出资方式：');
    append(
      lines,
      formatTable(
        ['出资方式', '人数', '保障费（元）'],
        summary.byFunding.map((entry) => [entry.funding, String(entry.people), formatAmount(entry.premium)]),
        ['left', 'right', 'right'],
        '  ',
      ),
    );
  }

  if (summary.renewal) lines.push('', ...renewalLines(summary.renewal, previousFiles));

  lines.push('', '已检查的工作表：');
  for (const sheet of summary.sheets) {
    const where = withFile && sheet.file !== undefined ? `${sheet.file}  ${sheet.sheet}` : sheet.sheet;
    const rows = sheet.rows === 0 ? '没有数据行（空花名册）' : `${sheet.rows} 行`;
    lines.push(`  ${where}：表头在第 ${sheet.headerRow} 行，${rows}`);
  }
  if (summary.skipped.length > 0) {
    lines.push('', '跳过的工作表：');
    for (const skipped of summary.skipped) {
      const where = withFile && skipped.file !== undefined ? `${skipped.file}  ${skipped.sheet}` : skipped.sheet;
      lines.push(`  ${where}：${skipped.reason}`);
    }
  }

  lines.push('');
  if (summary.errors > 0) lines.push(`结论：有 ${plural(summary.errors, '错误')}，请改正后重新检查。`);
  else if (summary.warnings > 0) lines.push(`结论：没有错误，有 ${plural(summary.warnings, '警告')}请核实。`);
  else lines.push('结论：没有错误。');
  // Sheet, unit and funding names come from cells too: every line is made fit for a terminal.
  return `${lines.map(terminalText).join('\n')}\n`;
}
