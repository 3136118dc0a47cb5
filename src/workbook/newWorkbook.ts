/**
 * A new .xlsx workbook from plain rows: the smallest package Excel opens without a repair prompt
 * (workbook, styles, sheets), with what a roster needs and nothing more: a bold header row that
 * stays frozen, per-column text or date formats (so typed IDs stay text), column widths and data
 * validation (drop-down lists, whole-number ranges). Platform-neutral: bytes in memory, no fs.
 */
import { columnLetters, xmlText } from './annotate/xml';
import { deflateWhole, ZipWriter } from './zip';

export type NewCellValue = string | number | null;

export interface NewColumn {
  /** Width in characters. */
  width?: number;
  /** 'text': cells (typed ones too) are text; 'date': numbers show as yyyy-mm-dd. */
  format?: 'text' | 'date' | null;
}

export type NewValidation = {
  /** 0-based column; rows are 1-based worksheet rows. */
  column: number;
  firstRow: number;
  lastRow: number;
  title: string;
  message: string;
} & ({ kind: 'list'; items: readonly string[] } | { kind: 'wholeNumber'; min: number; max: number });

export interface NewSheet {
  name: string;
  /** Row 1 first. */
  rows: readonly (readonly NewCellValue[])[];
  columns?: readonly NewColumn[];
  /** Rows at the top that are bold, shaded and frozen (0: none). */
  headerRows?: number;
  validations?: readonly NewValidation[];
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Cell style indexes in styles.xml's cellXfs. */
const STYLE = { normal: 0, header: 1, text: 2, date: 3 } as const;

const STYLES = `${DECLARATION}<styleSheet xmlns="${MAIN}">\
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>\
<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>\
<font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>\
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="49" fontId="1" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1"/>\
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** 0 → A, 26 → AA. */
const letters = (column: number): string => columnLetters(column + 1);

function columnStyle(column: NewColumn | undefined): number {
  if (column?.format === 'text') return STYLE.text;
  if (column?.format === 'date') return STYLE.date;
  return STYLE.normal;
}

function cellXml(value: NewCellValue, ref: string, style: number): string {
  const s = style === STYLE.normal ? '' : ` s="${style}"`;
  if (value === null || value === '') return style === STYLE.normal ? '' : `<c r="${ref}"${s}/>`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`newWorkbook: ${value} is not a number Excel can hold (cell ${ref})`);
    return `<c r="${ref}"${s}><v>${value}</v></c>`;
  }
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(value)}</t></is></c>`;
}

function validationXml(validation: NewValidation): string {
  const column = letters(validation.column);
  const common = `errorStyle="warning" allowBlank="1" showErrorMessage="1" errorTitle="${xmlText(validation.title)}" error="${xmlText(validation.message)}" sqref="${column}${validation.firstRow}:${column}${validation.lastRow}"`;
  if (validation.kind === 'list') {
    for (const item of validation.items) {
      if (item.includes(',') || item.includes('"')) throw new Error(`newWorkbook: a list item may not hold a comma or a quote: ${item}`);
    }
    return `<dataValidation type="list" ${common}><formula1>${xmlText(`"${validation.items.join(',')}"`)}</formula1></dataValidation>`;
  }
  return `<dataValidation type="whole" operator="between" ${common}><formula1>${validation.min}</formula1><formula2>${validation.max}</formula2></dataValidation>`;
}

function sheetXml(sheet: NewSheet, first: boolean): string {
  const headerRows = sheet.headerRows ?? 0;
  const columns = sheet.columns ?? [];
  const width = Math.max(columns.length, ...sheet.rows.map((row) => row.length), 1);
  const pane =
    headerRows > 0
      ? `<pane ySplit="${headerRows}" topLeftCell="A${headerRows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${headerRows + 1}" sqref="A${headerRows + 1}"/>`
      : '';
  const parts = [
    `${DECLARATION}<worksheet xmlns="${MAIN}" xmlns:r="${DOC_RELS}">`,
    `<dimension ref="A1:${letters(width - 1)}${Math.max(sheet.rows.length, 1)}"/>`,
    `<sheetViews><sheetView workbookViewId="0"${first ? ' tabSelected="1"' : ''}>${pane}</sheetView></sheetViews>`,
    '<sheetFormatPr defaultRowHeight="15"/>',
  ];
  const cols = columns
    .map((column, i) => {
      if (!column.width && !column.format) return '';
      const widthAttributes = column.width ? ` width="${column.width}" customWidth="1"` : ' width="10"';
      const style = columnStyle(column);
      return `<col min="${i + 1}" max="${i + 1}"${widthAttributes}${style === STYLE.normal ? '' : ` style="${style}"`}/>`;
    })
    .join('');
  if (cols) parts.push(`<cols>${cols}</cols>`);
  parts.push('<sheetData>');
  sheet.rows.forEach((row, r) => {
    const cells = row.map((value, c) => cellXml(value, `${letters(c)}${r + 1}`, r < headerRows ? STYLE.header : columnStyle(columns[c]))).join('');
    if (cells) parts.push(`<row r="${r + 1}">${cells}</row>`);
  });
  parts.push('</sheetData>');
  const validations = sheet.validations ?? [];
  if (validations.length > 0) parts.push(`<dataValidations count="${validations.length}">${validations.map(validationXml).join('')}</dataValidations>`);
  parts.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>');
  return parts.join('');
}

/** The .xlsx bytes of a new workbook with these sheets (at least one; names as Excel accepts them). */
export function newWorkbook(sheets: readonly NewSheet[]): Uint8Array {
  if (sheets.length === 0) throw new Error('newWorkbook: a workbook needs a sheet');
  const overrides = sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('');
  const contentTypes = `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${overrides}</Types>`;
  const rootRels = `${DECLARATION}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbook = `${DECLARATION}<workbook xmlns="${MAIN}" xmlns:r="${DOC_RELS}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheets
    .map((sheet, i) => `<sheet name="${xmlText(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('')}</sheets></workbook>`;
  const workbookRels = `${DECLARATION}<Relationships xmlns="${RELS}">${sheets
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${DOC_RELS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join('')}<Relationship Id="rId${sheets.length + 1}" Type="${DOC_RELS}/styles" Target="styles.xml"/></Relationships>`;

  const zip = new ZipWriter();
  zip.addDeflated(deflateWhole('[Content_Types].xml', contentTypes));
  zip.addDeflated(deflateWhole('_rels/.rels', rootRels));
  zip.addDeflated(deflateWhole('xl/workbook.xml', workbook));
  zip.addDeflated(deflateWhole('xl/_rels/workbook.xml.rels', workbookRels));
  zip.addDeflated(deflateWhole('xl/styles.xml', STYLES));
  sheets.forEach((sheet, i) => zip.addDeflated(deflateWhole(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(sheet, i === 0))));
  return zip.finish();
}
