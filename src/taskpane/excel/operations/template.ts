/**
 * The template operation: a new sheet with the standard roster headers, text and date formats
 * (so Excel keeps all 18 digits of an ID) and drop-down lists from the plan catalogue, as laid out
 * once in src/rules/roster/template.ts.
 */
import { TEMPLATE_BODY_ROWS, TEMPLATE_COLUMNS } from '../../../rules/roster/template';
import type { ExcelContext } from '../door';
import { uniqueSheetName } from '../plan';
import { AdapterError } from '../types';

export const TEMPLATE_SHEET = '参保花名册';
/** Rows of the template that get the text format, date format and drop-down lists. */
export const TEMPLATE_ROWS = TEMPLATE_BODY_ROWS;

/** A 2-D array of one value, for numberFormat (Excel wants one entry per cell). */
function grid<T>(rows: number, columns: number, value: T): T[][] {
  return Array.from({ length: rows }, () => Array.from({ length: columns }, () => value));
}

/**
 * The name a new sheet gets: `base`, or "(2)" etc. when that is taken (one sync). A workbook whose
 * structure is protected takes no new sheet: AdapterError.
 */
export async function newSheetName(context: ExcelContext, base: string): Promise<string> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  const protection = context.workbook.protection.load('protected');
  await context.sync();
  if (protection.protected) throw new AdapterError('failed', 'workbookProtected');
  return uniqueSheetName(
    base,
    sheets.items.map((sheet) => sheet.name),
  );
}

/** Adds the template sheet; returns its name (the standard one, or "(2)" etc. when that is taken). */
export async function insertTemplate(context: ExcelContext): Promise<string> {
  const name = await newSheetName(context, TEMPLATE_SHEET);
  writeTemplateSheet(context, name);
  await context.sync();
  return name;
}

function writeTemplateSheet(context: ExcelContext, name: string): void {
  const sheet = context.workbook.worksheets.add(name);
  layoutRosterSheet(sheet, TEMPLATE_ROWS);
  sheet.activate();
}

/**
 * Lays a sheet out as the standard roster (TEMPLATE_COLUMNS): the header row (text, bold, shaded,
 * frozen), the text and date formats and drop-down lists of `bodyRows` rows below it, column widths.
 * The template and next year's roster (生成续保花名册) both use it. Formats are queued before any value.
 */
export function layoutRosterSheet(sheet: Excel.Worksheet, bodyRows: number): void {
  const headers = TEMPLATE_COLUMNS.map((column) => column.header);
  const header = sheet.getRangeByIndexes(0, 0, 1, headers.length);
  header.numberFormat = [headers.map(() => '@')];
  header.values = [headers];
  header.format.font.bold = true;
  header.format.fill.color = '#DDEBF7';

  TEMPLATE_COLUMNS.forEach((column, i) => {
    const body = sheet.getRangeByIndexes(1, i, bodyRows, 1);
    // Text, so that Excel keeps all 18 digits of an ID (a number keeps 15) and the leading 0 of a phone.
    if (column.format) body.numberFormat = grid(bodyRows, 1, column.format === 'text' ? '@' : 'yyyy-mm-dd');
    const rule = column.validation;
    if (!rule) return;
    // Only written, never read: the office-addins rules take the property access for a read.
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
    const validation = body.dataValidation;
    validation.rule =
      rule.kind === 'list'
        ? { list: { inCellDropDown: true, source: rule.items.join(',') } }
        : { wholeNumber: { formula1: rule.min, formula2: rule.max, operator: 'Between' } };
    validation.errorAlert = { showAlert: true, style: 'Warning', title: rule.title, message: rule.message };
  });
  sheet.freezePanes.freezeRows(1);
  header.format.autofitColumns();
  sheet.getRangeByIndexes(
    1,
    TEMPLATE_COLUMNS.findIndex((column) => column.field === 'id'),
    bodyRows,
    1,
  ).format.columnWidth = 150;
}
