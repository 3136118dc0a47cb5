/**
 * The start the example workbooks share (sample roster, last year's roster, sample claims register):
 * a workbook dated `created`, one sheet with the title merged across row 1 (bold, 16 pt) and the
 * header in row 2 (bold), frozen under the header, with column widths and the ID column as text.
 */
'use strict';

const ExcelJS = require('exceljs');

function titledSheet({ created, sheetName, title, headers, widths, idColumn }) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '苍梧县总工会(示例)';
  workbook.created = created;
  workbook.modified = created;
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = widths.map((width) => ({ width }));
  sheet.getColumn(idColumn).numFmt = '@'; // IDs as text, as they should be
  sheet.getCell('A1').value = title;
  sheet.mergeCells(1, 1, 1, headers.length);
  sheet.getCell('A1').font = { bold: true, size: 16 };
  const header = sheet.getRow(2);
  header.values = headers;
  header.font = { bold: true };
  return { workbook, sheet, header };
}

module.exports = { titledSheet };
