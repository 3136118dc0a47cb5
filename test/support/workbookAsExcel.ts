/**
 * A workbook file as Excel's API hands it to the pane (for the stand-in): values as Range.values
 * reads them, merged areas, visibility. Used by the cross-face tests and the pane's renewal tests.
 */
import ExcelJS from 'exceljs';
import { parseDate } from '../../src/rules/dates';
import { CellValue, SheetSpec } from './excelStandIn';

/** A cell as Range.values gives it: a cell covered by a merged area reads blank. */
export function excelApiValue(cell: ExcelJS.Cell): CellValue {
  if (cell.isMerged && cell.master.address !== cell.address) return '';
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return parseDate(value) as number;
  if (typeof value === 'object') {
    if ('result' in value) return value.result instanceof Date ? (parseDate(value.result) as number) : ((value.result as CellValue) ?? '');
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
    return '';
  }
  return value as CellValue;
}

const VISIBILITY: Record<string, SheetSpec['visibility']> = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' };

/** The workbook as Excel holds it: values as Range.values reads them, merged areas, visibility. */
export async function sheetsAsExcelHoldsThem(file: string): Promise<SheetSpec[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets.map((sheet) => {
    const rows: CellValue[][] = [];
    for (let r = 1; r <= sheet.rowCount; r += 1) {
      const row: CellValue[] = [];
      for (let c = 1; c <= sheet.columnCount; c += 1) row.push(excelApiValue(sheet.getCell(r, c)));
      rows.push(row);
    }
    const merges = (sheet.model as { merges?: string[] }).merges ?? [];
    return { name: sheet.name, rows, merges, visibility: VISIBILITY[sheet.state] ?? 'Visible' };
  });
}
