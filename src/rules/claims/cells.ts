/**
 * What the faces write into a register: the computed columns' headers (where the register has none)
 * and each claim's four values. The pane and the command write exactly these cells and no other.
 */
import type { ComputedField } from './columns';
import type { ClaimsReport, ClaimStatus } from './types';

/** The 状态 column's words. */
export const STATUS_TITLES: Readonly<Record<ClaimStatus, string>> = {
  paid: '已给付',
  overdue: '已逾期',
  dueSoon: '即将到期',
  review: '待复核',
  pending: '待给付',
};

export interface ComputedCell {
  file?: string;
  sheet: string;
  /** Worksheet row and column, 1-based. */
  row: number;
  column: number;
  field: ComputedField;
  /** A header is text; 应付金额 a number (yuan); 应付日期 a date serial; blank is null. */
  value: string | number | null;
  kind: 'header' | 'amount' | 'text' | 'date';
}

export function computedCells(report: ClaimsReport): ComputedCell[] {
  const cells: ComputedCell[] = [];
  for (const sheet of report.sheets) {
    const where = sheet.file === undefined ? { sheet: sheet.sheet } : { file: sheet.file, sheet: sheet.sheet };
    for (const column of sheet.computed) {
      if (!column.present) cells.push({ ...where, row: sheet.headerRow, column: column.column, field: column.field, value: column.header, kind: 'header' });
    }
    for (const claim of report.claims) {
      if (claim.sheet !== sheet.sheet || claim.file !== sheet.file) continue;
      for (const column of sheet.computed) {
        const at = { ...where, row: claim.row, column: column.column, field: column.field };
        switch (column.field) {
          case 'payable':
            cells.push({ ...at, value: claim.payable, kind: 'amount' });
            break;
          case 'explanation':
            cells.push({ ...at, value: claim.note, kind: 'text' });
            break;
          case 'dueDate':
            cells.push({ ...at, value: claim.dueSerial, kind: 'date' });
            break;
          case 'status':
            cells.push({ ...at, value: STATUS_TITLES[claim.status], kind: 'text' });
            break;
        }
      }
    }
  }
  return cells;
}
