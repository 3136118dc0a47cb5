/** Shows a finding's cell (or its row) in Excel: activates the sheet and selects the cell. */
import type { Finding } from '../../../rules/roster';
import type { ExcelContext } from '../door';

export async function select(context: ExcelContext, finding: Pick<Finding, 'sheet' | 'row' | 'cell'>): Promise<void> {
  const sheet = context.workbook.worksheets.getItem(finding.sheet);
  sheet.activate();
  sheet.getRange(finding.cell ?? `${finding.row}:${finding.row}`).select();
  await context.sync();
}
