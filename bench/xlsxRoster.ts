/** Writes a generated roster to .xlsx with exceljs's streaming writer (IDs as text, dates as dates). */
import ExcelJS from 'exceljs';
import { ymdFromSerial } from '../src/rules/dates';

export async function writeRosterXlsx(file: string, roster: unknown[][]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet('花名册');
  const dateColumn = roster[0].indexOf('生效日期');
  sheet.getColumn(dateColumn + 1).numFmt = 'yyyy-mm-dd';
  for (const row of roster) {
    const values = row.map((value, c) => {
      if (c === dateColumn && typeof value === 'number') {
        const { year, month, day } = ymdFromSerial(value);
        return new Date(Date.UTC(year, month - 1, day));
      }
      return value;
    });
    sheet.addRow(values).commit();
  }
  sheet.commit();
  await workbook.commit();
}
