/**
 * The template operation: a new sheet with the standard roster headers, text and date formats
 * (so Excel keeps all 18 digits of an ID) and drop-down lists from the plan catalogue.
 */
import { FUNDING_METHODS, PLANS } from '../../../rules/catalogue';
import { COLUMNS } from '../../../rules/roster';
import type { Field } from '../../../rules/roster/columns';
import type { ExcelContext } from '../door';
import { uniqueSheetName } from '../plan';
import { AdapterError } from '../types';

export const TEMPLATE_SHEET = '参保花名册';
/** Rows of the template that get the text format, date format and drop-down lists. */
export const TEMPLATE_ROWS = 2000;

/** A 2-D array of one value, for numberFormat (Excel wants one entry per cell). */
function grid<T>(rows: number, columns: number, value: T): T[][] {
  return Array.from({ length: rows }, () => Array.from({ length: columns }, () => value));
}

function columnOf(field: Field): number {
  return COLUMNS.findIndex((column) => column.field === field);
}

/** Adds the template sheet; returns its name (the standard one, or "(2)" etc. when that is taken). */
export async function insertTemplate(context: ExcelContext): Promise<string> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  const protection = context.workbook.protection.load('protected');
  await context.sync();
  if (protection.protected) throw new AdapterError('failed', 'workbookProtected');
  const name = uniqueSheetName(
    TEMPLATE_SHEET,
    sheets.items.map((sheet) => sheet.name),
  );
  writeTemplateSheet(context, name);
  await context.sync();
  return name;
}

function writeTemplateSheet(context: ExcelContext, name: string): void {
  const sheet = context.workbook.worksheets.add(name);
  const headers = COLUMNS.map((column) => column.headers[0]);
  const header = sheet.getRangeByIndexes(0, 0, 1, headers.length);
  header.numberFormat = [headers.map(() => '@')];
  header.values = [headers];
  header.format.font.bold = true;
  header.format.fill.color = '#DDEBF7';

  const body = (field: Field) => sheet.getRangeByIndexes(1, columnOf(field), TEMPLATE_ROWS, 1);
  // Text, so that Excel keeps all 18 digits of an ID (a number keeps 15) and the leading 0 of a phone.
  for (const field of ['id', 'phone'] as Field[]) body(field).numberFormat = grid(TEMPLATE_ROWS, 1, '@');
  body('effectiveDate').numberFormat = grid(TEMPLATE_ROWS, 1, 'yyyy-mm-dd');

  const maxShares = Math.max(...PLANS.map((plan) => plan.shares.maxShares));
  const list = (field: Field, items: readonly (string | number)[], title: string, message: string) => {
    const validation = body(field).dataValidation;
    validation.rule = { list: { inCellDropDown: true, source: items.join(',') } };
    validation.errorAlert = { showAlert: true, style: 'Warning', title, message };
  };
  list('sex', ['男', '女'], '性别', '请选择 男 或 女。');
  list('plan', PLANS.map((plan) => plan.shortName), '参保计划', `请从列表中选择参保计划：${PLANS.map((plan) => plan.shortName).join('、')}。`);
  list(
    'shares',
    Array.from({ length: maxShares }, (_, i) => i + 1),
    '份数',
    `份数为 1 到 ${maxShares} 的整数；各计划的上限见互助保障说明。`,
  );
  list('funding', FUNDING_METHODS, '出资方式', '请从列表中选择出资方式。');
  const previous = body('previousShares').dataValidation;
  previous.rule = { wholeNumber: { formula1: 0, formula2: maxShares, operator: 'Between' } };
  previous.errorAlert = { showAlert: true, style: 'Warning', title: '上年份数', message: `上年份数为 0 到 ${maxShares} 的整数。` };
  sheet.freezePanes.freezeRows(1);
  sheet.getRangeByIndexes(0, 0, 1, headers.length).format.autofitColumns();
  body('id').format.columnWidth = 150;
  sheet.activate();
}
