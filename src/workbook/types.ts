/** What the workbook reader takes and gives: plain data, the same in Node, a browser and a Web Worker. */
import type { UncalculatedFormula } from '../rules/values';

/** A file as bytes: an .xlsx or a .csv, told apart by its first bytes (the name decides only for text). */
export interface WorkbookSource {
  /** The file's name as the clerk knows it: messages and findings carry it. */
  name: string;
  bytes: Uint8Array;
}

/**
 * A cell as Excel's Range.values gives it: text, a number (date cells are their serial number in
 * the workbook's date system, whatever their format), a boolean, an error's text ("#N/A"), null
 * for an empty cell; and for a formula saved without its value, a marker the engine reports.
 */
export type CellValue = string | number | boolean | null | UncalculatedFormula;

export interface SheetInfo {
  name: string;
  /** 'visible', 'hidden' or 'veryHidden'. */
  state: string;
  /** The workbook counts dates from 1904 (numbers in date columns are 1904 serials). */
  date1904: boolean;
}

export interface RowSink {
  /** A row holding at least one value; `values[0]` is column A. Rows without values are not handed on. */
  addRow(values: CellValue[], rowNumber: number): void;
  end(): void;
}

export interface WorkbookVisitor {
  /** Called for each visible worksheet in the workbook's order; feed its rows to the returned sink. */
  beginSheet(sheet: SheetInfo): RowSink;
  /** Called, in the same order, for each hidden or very hidden worksheet instead of reading it. */
  skipSheet?(sheet: SheetInfo): void;
  /** Bytes read so far (inflated sheet XML, or CSV bytes), for a progress bar. */
  onBytes?(bytes: number): void;
  /** Asked between pieces of work: true stops the reading with a CANCELLED error. */
  isCancelled?(): boolean;
}

/** Whether a sheet is hidden or very hidden (the task pane reads only visible sheets). */
export function isHiddenSheet(sheet: { state: string }): boolean {
  return sheet.state === 'hidden' || sheet.state === 'veryHidden';
}
