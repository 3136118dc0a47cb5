/** The workbook layer: reading .xlsx and .csv from bytes, the same in Node, a browser and a Web Worker. */
export { WorkbookError } from './errors';
export type { WorkbookErrorCode } from './errors';
export { DEFAULT_LIMITS } from './limits';
export type { WorkbookLimits } from './limits';
export { openWorkbook, readWorkbook } from './read';
export type { OpenedWorkbook, ReadOptions } from './read';
export type { InflateRaw } from './zipPackage';
export type { Crc32 } from './crc32';
export { checkRosterSources, MARKS_SHEET } from './roster';
export type { CheckProgress, CheckSourcesOptions } from './roster';
export { isHiddenSheet } from './types';
export type { CellValue, RowSink, SheetInfo, WorkbookSource, WorkbookVisitor } from './types';
export { detectCsvEncoding, detectDelimiter, encodingName, sheetNameForCsv, CsvParser } from './csv';
export type { CsvEncoding } from './csv';
