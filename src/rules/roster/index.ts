/** The roster engine's public face: what the task pane and the command use. */
export { checkRoster, RosterChecker, rosterRecordsOf, SheetSession } from './engine';
export { COLUMNS, standardHeader } from './columns';
export { columnLetters, columnNumber, findingAddress, parseCellAddress, quoteSheetName, uniqueSheetName } from './location';
export * from './types';
