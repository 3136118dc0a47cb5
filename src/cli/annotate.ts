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
import { Finding, findingAddress, RosterReport, RULE_TITLES, SEVERITY_TITLES, uniqueSheetName } from '../rules/roster';
import { readCsv } from './csvReader';
import { RosterSource } from './sources';

export const ERROR_FILL = 'FFFFC7CE';
export const WARNING_FILL = 'FFFFEB9C';
const HEADER_FILL = 'FFD9D9D9';
export const RESULTS_SHEET = '校验结果';

/**
 * Text that a spreadsheet could take for a formula (it starts with = + - @, a tab or a carriage
 * return) gets a leading apostrophe. exceljs writes a JavaScript string as a string cell, never as
 * a formula, so the copy is safe as it stands; the apostrophe keeps the text inert when a clerk
 * re-enters the cell, copies it elsewhere or exports the sheet to CSV (OWASP "CSV injection").
 * Only for text the command writes (its notes and the results sheet, which can quote a cell's
 * value): the clerk's own values and notes are copied exactly as they are.
 */
export function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function solidFill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/** The cell's note with our text after the clerk's, whose text and formatted runs are kept as they are. */
function addToNote(note: ExcelJS.Comment | string | undefined, ours: string): ExcelJS.Comment | string {
  if (!note) return ours;
  if (typeof note === 'string') return `${note}\n\n${ours}`;
  if ((note.texts ?? []).length === 0) return ours;
  return { ...note, texts: [...(note.texts ?? []), { text: `\n\n${ours}` }] } as ExcelJS.Comment;
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
      // As the file has it: a string cell, never a formula, whatever it starts with.
      if (value !== null) row.getCell(index + 1).value = value;
    });
  });
  return workbook;
}

/** "【错误】身份证号无效（ID_INVALID）：…", one line of our note. */
function noteLine(finding: Finding): string {
  return `【${SEVERITY_TITLES[finding.severity]}】${RULE_TITLES[finding.rule]}（${finding.rule}）：${finding.message}`;
}

/**
 * Fills each faulty cell and adds our messages to its note, after the clerk's note kept as it is. A
 * cell covered by a merged area is shown by the area's top-left cell, which alone shows a fill or a
 * note (exceljs would write them on the covered cell, where Excel never shows them): the mark goes
 * there, once per area, with the messages of all its cells, each prefixed with its own cell.
 */
function markCells(workbook: ExcelJS.Workbook, findings: readonly Finding[]): void {
  const byTarget = new Map<string, { sheet: ExcelJS.Worksheet; cell: ExcelJS.Cell; found: { address: string; finding: Finding }[] }>();
  for (const finding of findings) {
    const sheet = workbook.getWorksheet(finding.sheet);
    if (!sheet) continue;
    const address = finding.cell ?? `A${finding.row}`;
    const found = sheet.getCell(address);
    const cell = found.isMerged ? found.master : found;
    const key = `${finding.sheet}\u0000${cell.address}`;
    const target = byTarget.get(key);
    if (target) target.found.push({ address, finding });
    else byTarget.set(key, { sheet, cell, found: [{ address, finding }] });
  }
  for (const { cell, found } of byTarget.values()) {
    const isError = found.some(({ finding }) => finding.severity === 'error');
    // Cells read from a file share their style objects: give this cell its own before changing it.
    cell.style = { ...cell.style, fill: solidFill(isError ? ERROR_FILL : WARNING_FILL) };
    const several = found.some(({ address }) => address !== cell.address);
    const ours = safeText(found.map(({ address, finding }) => (several ? `${address}：${noteLine(finding)}` : noteLine(finding))).join('\n'));
    cell.note = addToNote(cell.note, ours);
  }
}

function addResultsSheet(workbook: ExcelJS.Workbook, source: RosterSource, findings: readonly Finding[], report: RosterReport, files: readonly string[]): void {
  const sheet = workbook.addWorksheet(uniqueSheetName(RESULTS_SHEET, workbook.worksheets.map((existing) => existing.name)));
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
      SEVERITY_TITLES[finding.severity],
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
