/** Why a workbook could not be read: a code for programs, a Chinese sentence for clerks. */
export type WorkbookErrorCode =
  | 'EMPTY'
  | 'NOT_ZIP'
  | 'TRUNCATED_ZIP'
  | 'ENCRYPTED_OR_XLS'
  | 'XLSB'
  | 'ODS'
  | 'NOT_WORKBOOK'
  | 'UNSUPPORTED_FORMAT'
  | 'CORRUPT'
  | 'MISSING_SHEET_PART'
  | 'SHARED_STRING_INDEX'
  | 'TOO_LARGE'
  | 'TOO_MANY_ROWS'
  | 'TOO_MANY_COLUMNS'
  | 'CSV_UNTERMINATED_QUOTE'
  | 'CSV_ENCODING'
  | 'NOT_A_FILE'
  | 'NO_ROSTER'
  | 'CANCELLED';

export class WorkbookError extends Error {
  constructor(
    readonly code: WorkbookErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WorkbookError';
  }
}
