/**
 * The annotated copy written by --out: the input workbook with each faulty cell filled (red for
 * errors, amber for warnings) and noted with its messages, plus a sheet 校验结果 that lists the
 * findings with links to their cells, and the summary.
 *
 * --out trades memory for preserving formatting: the input is loaded whole with exceljs
 * (non-streaming) so that the copy keeps its styles, merges, widths and notes. Checking never
 * needs this (it streams); only writing the copy does.
 */
import { writeFile } from 'fs/promises';
import ExcelJS from 'exceljs';
import { Finding, findingAddress, RosterReport, RULE_TITLES } from '../rules/roster';
import { readCsv } from './csvReader';
import { RosterSource } from './sources';

export const ERROR_FILL = 'FFFFC7CE';
export const WARNING_FILL = 'FFFFEB9C';
const HEADER_FILL = 'FFD9D9D9';
export const RESULTS_SHEET = '校验结果';

const SEVERITY_NAMES = { error: '错误', warning: '警告' } as const;

/**
 * Text that a spreadsheet could take for a formula (it starts with = + - @, a tab or a carriage
 * return) gets a leading apostrophe. exceljs writes a JavaScript string as a string cell, never as
 * a formula, so the copy is safe as it stands; the apostrophe keeps the text inert when a clerk
 * re-enters the cell, copies it elsewhere or exports the sheet to CSV (OWASP "CSV injection").
 */
export function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function solidFill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

function noteText(note: ExcelJS.Comment | string | undefined): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((run) => run.text).join('');
}

/** "#'花名册'!G16": a link to a cell of this workbook (sheet name always quoted). */
export function internalLink(sheet: string, cell: string): string {
  return `#'${sheet.replace(/'/g, "''")}'!${cell}`;
}

/** A HYPERLINK formula: the link form every Excel version, WPS and LibreOffice follow on click. */
function linkFormula(target: string, text: string): ExcelJS.CellFormulaValue {
  const literal = (value: string) => `"${value.replace(/"/g, '""')}"`;
  return { formula: `HYPERLINK(${literal(target)},${literal(text)})`, result: text, date1904: false };
}

/** A sheet name not yet used in the workbook (Excel compares names without case). */
export function uniqueSheetName(workbook: ExcelJS.Workbook, wanted: string): string {
  const taken = new Set(workbook.worksheets.map((sheet) => sheet.name.toLowerCase()));
  if (!taken.has(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n += 1) {
    const name = `${wanted}${n}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

async function loadWorkbook(source: RosterSource): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  if (source.kind === 'xlsx') {
    // readFile opens the input with a read stream: it is never written.
    await workbook.xlsx.readFile(source.path);
    return workbook;
  }
  const csv = source.csv as NonNullable<RosterSource['csv']>;
  const sheet = workbook.addWorksheet(csv.sheetName);
  await readCsv(source.path, csv.encoding, (values, rowNumber) => {
    const row = sheet.getRow(rowNumber);
    values.forEach((value, index) => {
      if (value !== null) row.getCell(index + 1).value = safeText(value);
    });
  });
  return workbook;
}

function markCells(workbook: ExcelJS.Workbook, findings: readonly Finding[]): void {
  const byCell = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = `${finding.sheet}\u0000${finding.cell ?? `A${finding.row}`}`;
    const list = byCell.get(key);
    if (list) list.push(finding);
    else byCell.set(key, [finding]);
  }
  for (const [key, list] of byCell) {
    const [sheetName, address] = key.split('\u0000');
    const sheet = workbook.getWorksheet(sheetName);
    if (!sheet) continue;
    const found = sheet.getCell(address);
    // A merged area shows its top-left cell: the mark goes there.
    const cell = found.isMerged ? found.master : found;
    const isError = list.some((finding) => finding.severity === 'error');
    // Cells read from a file share their style objects: give this cell its own before changing it.
    cell.style = { ...cell.style, fill: solidFill(isError ? ERROR_FILL : WARNING_FILL) };
    const ours = list.map((finding) => `【${SEVERITY_NAMES[finding.severity]}】${RULE_TITLES[finding.rule]}（${finding.rule}）：${finding.message}`).join('\n');
    const before = noteText(cell.note);
    cell.note = safeText(before ? `${before}\n\n${ours}` : ours);
  }
}

function addResultsSheet(workbook: ExcelJS.Workbook, source: RosterSource, findings: readonly Finding[], report: RosterReport, files: readonly string[]): void {
  const sheet = workbook.addWorksheet(uniqueSheetName(workbook, RESULTS_SHEET));
  sheet.columns = [
    { width: 6 },
    { width: 24 },
    { width: 6 },
    { width: 24 },
    { width: 20 },
    { width: 14 },
    { width: 90 },
  ];
  const text = (value: string) => safeText(value);
  const bold = (row: ExcelJS.Row) => {
    row.font = { bold: true };
  };
  const { summary } = report;
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.length - errors;

  bold(sheet.addRow([text(`花名册校验结果：${source.label}`)]));
  sheet.addRow([text(findings.length === 0 ? '没有发现问题。' : `本文件有 ${errors} 个错误、${warnings} 个警告；点击"位置"可跳到该单元格。`)]);
  sheet.addRow([]);

  const header = sheet.addRow(['序号', '位置', '级别', '规则', '规则名称', '列', '说明']);
  bold(header);
  header.eachCell((cell) => {
    cell.fill = solidFill(HEADER_FILL);
  });
  findings.forEach((finding, index) => {
    const address = findingAddress(finding);
    const row = sheet.addRow([
      index + 1,
      linkFormula(internalLink(finding.sheet, finding.cell ?? `A${finding.row}`), address),
      SEVERITY_NAMES[finding.severity],
      finding.rule,
      RULE_TITLES[finding.rule],
      finding.column === null ? '' : text(finding.column),
      text(finding.message),
    ]);
    row.getCell(2).font = { color: { argb: 'FF0563C1' }, underline: true };
    row.getCell(3).fill = solidFill(finding.severity === 'error' ? ERROR_FILL : WARNING_FILL);
    row.getCell(7).alignment = { wrapText: true, vertical: 'top' };
  });

  sheet.addRow([]);
  bold(sheet.addRow(['汇总']));
  if (files.length > 1) sheet.addRow([text(`以下汇总为一同检查的 ${files.length} 个文件合计：${files.join('、')}`)]);
  sheet.addRow(['检查行数', summary.rows]);
  sheet.addRow(['人数', summary.people]);
  sheet.addRow(['保障费合计（元）', summary.premiumTotal]);
  if (summary.units.length > 0) {
    sheet.addRow([]);
    bold(sheet.addRow(['单位', '计划', '人数', '份数', '保障费（元）']));
    for (const unit of summary.units) sheet.addRow([text(unit.unit), unit.planName, unit.people, unit.shares, unit.premium]);
  }
  if (summary.byFunding && summary.byFunding.length > 0) {
    sheet.addRow([]);
    bold(sheet.addRow(['出资方式', '人数', '保障费（元）']));
    for (const entry of summary.byFunding) sheet.addRow([text(entry.funding), entry.people, entry.premium]);
  }
  sheet.addRow([]);
  bold(sheet.addRow(['已检查的工作表', '表头行', '数据行数']));
  for (const checked of summary.sheets) {
    const name = files.length > 1 && checked.file !== undefined ? `${checked.file} ${checked.sheet}` : checked.sheet;
    sheet.addRow([text(name), checked.headerRow, checked.rows]);
  }
  if (summary.skipped.length > 0) {
    sheet.addRow([]);
    bold(sheet.addRow(['跳过的工作表', '原因']));
    for (const skipped of summary.skipped) {
      const name = files.length > 1 && skipped.file !== undefined ? `${skipped.file} ${skipped.sheet}` : skipped.sheet;
      sheet.addRow([text(name), text(skipped.reason)]);
    }
  }
}

/** Writes the annotated copy of one input to `path` (the caller picks a temporary path and renames it). */
export async function writeAnnotatedCopy(source: RosterSource, report: RosterReport, files: readonly string[], path: string): Promise<void> {
  const workbook = await loadWorkbook(source);
  const findings = report.findings.filter((finding) => finding.file === source.label);
  markCells(workbook, findings);
  addResultsSheet(workbook, source, findings, report, files);
  // The links are HYPERLINK formulas: have Excel compute them when it opens the copy.
  workbook.calcProperties = { ...workbook.calcProperties, fullCalcOnLoad: true };
  // Build the whole file in memory first: exceljs's writeFile streams, and when building fails midway
  // its stream could still create the file after the caller removed it (seen on damaged inputs).
  const bytes = await workbook.xlsx.writeBuffer();
  await writeFile(path, Buffer.from(bytes as ArrayBuffer));
}
