/**
 * The 校验结果 sheet: each finding with a link to its cell (a hyperlink element with an in-workbook
 * location, which Excel, WPS and LibreOffice follow without recalculating anything), then the
 * summary. Written row by row into the part, so a long list of findings is never held as one string.
 */
import { Finding, findingAddress, RosterReport, RULE_TITLES, SEVERITY_TITLES } from '../../rules/roster';
import { PartStream } from '../zip';
import { ResultStyles } from './styles';
import { columnLetters, xmlText } from './xml';

export const RESULTS_SHEET = '校验结果';

/**
 * Text that a spreadsheet could take for a formula (it starts with = + - @, a tab or a carriage
 * return) gets a leading apostrophe. The copy writes it as a string cell, never as a formula, so it
 * is safe as it stands; the apostrophe keeps the text inert when a clerk re-enters the cell, copies
 * it elsewhere or exports the sheet to CSV (OWASP "CSV injection"). Only for text the command writes
 * (its notes and the results sheet, which can quote a cell's value): the clerk's own values and
 * notes are copied exactly as they are.
 */
export function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** "#'花名册'!G16": a link to a cell of this workbook (sheet name always quoted). */
export function internalLink(sheet: string, cell: string): string {
  return `#'${sheet.replace(/'/g, "''")}'!${cell}`;
}

/** "【错误】身份证号无效（ID_INVALID）：…", one line of our note. */
export function noteLine(finding: Finding): string {
  return `【${SEVERITY_TITLES[finding.severity]}】${RULE_TITLES[finding.rule]}（${finding.rule}）：${finding.message}`;
}

type Value = string | number | null;
interface StyledValue {
  value: Value;
  style?: number;
}
type Cell = Value | StyledValue;

const WIDTHS = [6, 24, 6, 24, 20, 14, 90];

export interface ResultsInput {
  label: string;
  findings: readonly Finding[];
  report: RosterReport;
  /** Every file checked together (the summary covers them all). */
  files: readonly string[];
  styles: ResultStyles;
}

/** Writes the results sheet's XML into `out` (and closes it). */
export function writeResultsSheet(out: PartStream, input: ResultsInput): void {
  const { findings, report, files, styles } = input;
  let rowNumber = 0;
  const links: string[] = [];
  out.write(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
      `<cols>${WIDTHS.map((width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`).join('')}</cols><sheetData>`,
  );
  const row = (cells: Cell[] = [], rowStyle?: number) => {
    rowNumber += 1;
    const xml = cells
      .map((cell, i) => {
        const { value, style } = cell !== null && typeof cell === 'object' ? cell : { value: cell, style: rowStyle };
        if (value === null || value === '') return style === undefined ? '' : `<c r="${columnLetters(i + 1)}${rowNumber}" s="${style}"/>`;
        const ref = `${columnLetters(i + 1)}${rowNumber}`;
        const s = style === undefined ? '' : ` s="${style}"`;
        if (typeof value === 'number') return `<c r="${ref}"${s}><v>${value}</v></c>`;
        return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(safeText(value))}</t></is></c>`;
      })
      .join('');
    out.write(`<row r="${rowNumber}">${xml}</row>`);
  };
  const bold = (cells: Cell[]) => row(cells, styles.bold);
  const { summary } = report;
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.length - errors;

  bold([`花名册校验结果：${input.label}`]);
  row([findings.length === 0 ? '没有发现问题。' : `本文件有 ${errors} 个错误、${warnings} 个警告；点击"位置"可跳到该单元格。`]);
  row();
  row(['序号', '位置', '级别', '规则', '规则名称', '列', '说明'], styles.header);
  findings.forEach((finding, index) => {
    row([
      index + 1,
      { value: findingAddress(finding), style: styles.link },
      { value: SEVERITY_TITLES[finding.severity], style: finding.severity === 'error' ? styles.error : styles.warning },
      finding.rule,
      RULE_TITLES[finding.rule],
      finding.column ?? '',
      { value: finding.message, style: styles.wrap },
    ]);
    links.push(
      `<hyperlink ref="B${rowNumber}" location="${xmlText(internalLink(finding.sheet, finding.cell ?? `A${finding.row}`).slice(1))}" display="${xmlText(findingAddress(finding))}"/>`,
    );
  });

  row();
  bold(['汇总']);
  if (files.length > 1) row([`以下汇总为一同检查的 ${files.length} 个文件合计：${files.join('、')}`]);
  row(['检查行数', summary.rows]);
  row(['人数', summary.people]);
  row(['保障费合计（元）', summary.premiumTotal]);
  if (summary.units.length > 0) {
    row();
    bold(['单位', '计划', '人数', '份数', '保障费（元）']);
    for (const unit of summary.units) row([unit.unit, unit.planName, unit.people, unit.shares, unit.premium]);
  }
  if (summary.byFunding && summary.byFunding.length > 0) {
    row();
    bold(['出资方式', '人数', '保障费（元）']);
    for (const entry of summary.byFunding) row([entry.funding, entry.people, entry.premium]);
  }
  row();
  bold(['已检查的工作表', '表头行', '数据行数']);
  for (const checked of summary.sheets) {
    row([files.length > 1 && checked.file !== undefined ? `${checked.file} ${checked.sheet}` : checked.sheet, checked.headerRow, checked.rows]);
  }
  if (summary.skipped.length > 0) {
    row();
    bold(['跳过的工作表', '原因']);
    for (const skipped of summary.skipped)
      row([files.length > 1 && skipped.file !== undefined ? `${skipped.file} ${skipped.sheet}` : skipped.sheet, skipped.reason]);
  }
  out.write('</sheetData>');
  if (links.length > 0) {
    out.write('<hyperlinks>');
    for (let i = 0; i < links.length; i += 1024) out.write(links.slice(i, i + 1024).join(''));
    out.write('</hyperlinks>');
  }
  out.write('</worksheet>');
  out.close();
}
