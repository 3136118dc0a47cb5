/**
 * What the task pane asks of Excel, as plain data. The React components see only this interface
 * (RosterAdapter), so they are tested with a fake and never touch Excel.*; ExcelAdapter is the one
 * implementation that talks to a workbook.
 */
import type { PreviousRoster, RetiringMember } from '../../rules/renewal';
import type { Finding, RosterReport } from '../../rules/roster';

/** Check the active sheet, or every visible sheet of the workbook. */
export type Scope = 'activeSheet' | 'workbook';

export type Phase = 'reading' | 'clearing' | 'marking' | 'writing';

export interface Progress {
  phase: Phase;
  /** The sheet being read, when reading. */
  sheet?: string;
  /** Units done and in all (rows when reading, cells when marking or clearing). */
  done: number;
  total: number;
}

export interface OperationOptions {
  onProgress?: (progress: Progress) => void;
  /** Checked between chunks while reading; an aborted check stops before it marks anything. */
  signal?: AbortSignal;
}

/**
 * Things the clerk should know about an operation, as codes: the pane words them (Chinese or
 * English). `detail` carries text that is already for people (the engine's Chinese reason, an
 * address).
 */
export const NOTICE_CODES = [
  'emptySheet',
  'noHeader',
  'tooLarge',
  'protected',
  'hiddenSkipped',
  'workbookProtected',
  'notesUnsupported',
  'notesKept',
  'gradientKept',
  'previousMarksCleared',
  'marksSheetMissing',
  'clearProtected',
  'fillChangedKept',
  'readChunkReduced',
  'markedCellsDeleted',
  'marksUnmatched',
  'notesLeft',
] as const;

export type NoticeCode = (typeof NOTICE_CODES)[number];

export interface Notice {
  code: NoticeCode;
  sheet?: string;
  detail?: string;
  count?: number;
}

export interface CheckResult {
  report: RosterReport;
  notices: Notice[];
  /** Cells given a red or amber fill. */
  marked: number;
  /** Notes added to marked cells. */
  notes: number;
  /** context.sync() calls this check made (reading, clearing old marks, marking). */
  syncs: number;
}

export interface ClearResult {
  /** Cells whose original fill was put back. */
  restored: number;
  notesRemoved: number;
  /**
   * Records of the marks sheet that could not be matched to a cell (a sheet of that name is gone
   * and Excel did not say it was deleted): kept in the marks sheet, for a later clear.
   */
  unmatched: number;
  /**
   * Notes of earlier marks left in their cells because this Excel cannot delete notes (no ExcelApi
   * 1.18, e.g. Office 2021/2024 LTSC): listed in a notesLeft notice, kept in the marks sheet, so a
   * clear in an Excel with notes removes them.
   */
  notesLeft: number;
  notices: Notice[];
  syncs: number;
}

export interface SummaryResult {
  sheetName: string;
  report: RosterReport;
  notices: Notice[];
  syncs: number;
}

export interface TemplateResult {
  sheetName: string;
  syncs: number;
}

/** 与上年比对: the check with last year's roster, which the pane keeps to show a lapsed member's row. */
export interface RenewalCheckResult extends CheckResult {
  previous: PreviousRoster;
}

/** 生成续保花名册: the new sheet, and who was left out for retirement. */
export interface NextYearResult {
  sheetName: string;
  rows: number;
  retiring: RetiringMember[];
  notices: Notice[];
  syncs: number;
}

/** Last year's roster for 与上年比对: a sheet of this workbook, or one read from a picked file. */
export type PreviousChoice = { kind: 'sheet'; sheet: string } | { kind: 'roster'; roster: PreviousRoster };

export interface RosterAdapter {
  /** Reads the roster, checks it and (unless mark is false) marks the faulty cells. */
  check(options: { scope: Scope; mark?: boolean } & OperationOptions): Promise<CheckResult>;
  /** Puts back the fills and removes the notes of the last check's marks. */
  clearMarks(options?: OperationOptions): Promise<ClearResult>;
  /** Writes a new 缴费汇总 sheet. */
  writeSummary(options: { scope: Scope } & OperationOptions): Promise<SummaryResult>;
  /** Adds a new sheet with the standard roster headers, formats and drop-down lists. */
  insertTemplate(): Promise<TemplateResult>;
  /** Shows a finding's cell (or row) in Excel; also a lapsed member's row of last year's sheet. */
  select(target: Pick<Finding, 'sheet' | 'row' | 'cell'>): Promise<void>;
  /** The visible sheets (for choosing last year's roster). */
  listSheets(): Promise<string[]>;
  /** Checks this year's roster against last year's and marks as check does. */
  checkRenewal(options: { scope: Scope; previous: PreviousChoice; mark?: boolean } & OperationOptions): Promise<RenewalCheckResult>;
  /** Adds next year's roster as a new sheet. */
  insertNextYear(options: { scope: Scope } & OperationOptions): Promise<NextYearResult>;
  /**
   * The requirement sets the pane needs that this Excel lacks ("ExcelApi 1.11"): the pane says so
   * at start and points to the offline checker. Absent or empty: all there.
   */
  missingRequirements?(): string[];
}

export type AdapterErrorCode = 'busy' | 'cancelled' | 'notInExcel' | 'unsupported' | 'failed';

/** A failure the pane words for the clerk; `detail` is the Excel error code or message, if any. */
export class AdapterError extends Error {
  constructor(
    readonly code: AdapterErrorCode,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'AdapterError';
  }
}

/**
 * What the adapter needs from the host: Excel.run, the requirement-set check and the display
 * language. In Excel these come from office.js (host.ts); the tests give a stand-in.
 */
export interface ExcelHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, version: string): boolean;
  displayLanguage?: string;
}
