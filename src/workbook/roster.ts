/**
 * checkRosterSources: the roster check every face runs on files (the command, the offline page, the
 * pane's file pick): all sources are one roster for the person-level rules, hidden sheets are
 * listed as skipped as in the task pane, and a file that gives no roster is an error.
 */
import { HIDDEN_SHEET_REASON, RosterChecker, RosterReport } from '../rules/roster';
import { WorkbookError } from './errors';
import { OpenedWorkbook, openWorkbook, ReadOptions } from './read';
import { WorkbookSource } from './types';

/**
 * The sheet where the add-in remembers its marks (src/taskpane/excel/plan.ts, MARKS_SHEET): very
 * hidden, never a roster; passed over silently, as the task pane does.
 */
export const MARKS_SHEET = '_mutualAidMarks';

export interface CheckProgress {
  /** The source being read. */
  file: string;
  /** Work done and in all (inflated sheet bytes and CSV bytes; the total is what the files declare). */
  done: number;
  total: number;
  rows: number;
}

export interface CheckSourcesOptions extends ReadOptions {
  /** The checker to feed (renewal gives one with last year's roster, or one that keeps cells); a new one otherwise. */
  checker?: RosterChecker;
  onProgress?(progress: CheckProgress): void;
  isCancelled?(): boolean;
}

/** How many sheets the "no roster" message names. */
const NAMED_SHEETS = 5;

/** Why a file gave no roster, or null when it did. */
function noRosterReason(report: RosterReport, label: string, hasContent: boolean): string | null {
  const { sheets, skipped } = report.summary;
  if (sheets.some((sheet) => sheet.file === label)) return null;
  const mine = skipped.filter((sheet) => sheet.file === label);
  if (mine.length === 0) return `${label} 中没有工作表`;
  if (!hasContent && !mine.some((sheet) => sheet.reason === HIDDEN_SHEET_REASON))
    return `${label} 没有内容（${mine.length > 1 ? '所有工作表都是空的' : '工作表是空的'}）`;
  // A few sheets named, the rest counted: a crafted workbook may list 100,000 sheets.
  const named = mine.slice(0, NAMED_SHEETS).map((sheet) => `工作表"${sheet.sheet}"${sheet.reason}`);
  return `${label} 中找不到花名册：${named.join('；')}${mine.length > named.length ? `；…共 ${mine.length} 个工作表` : ''}`;
}

/** Opens every source first (so a broken second file fails before any work), then checks them as one roster. */
export async function checkRosterSources(sources: readonly WorkbookSource[], options: CheckSourcesOptions = {}): Promise<RosterReport> {
  const opened: [WorkbookSource, OpenedWorkbook][] = sources.map((source) => [source, openWorkbook(source, options)]);
  const total = opened.reduce((sum, [, workbook]) => sum + workbook.totalBytes, 0);
  const checker = options.checker ?? new RosterChecker();
  const withContent = new Set<string>();
  let done = 0;
  let rows = 0;
  for (const [source, workbook] of opened) {
    const file = source.name;
    options.onProgress?.({ file, done, total, rows });
    await workbook.read({
      beginSheet: (sheet) => {
        if (sheet.name === MARKS_SHEET) return { addRow: () => undefined, end: () => undefined };
        const session = checker.beginSheet(sheet.name, { file, firstColumn: 1, date1904: sheet.date1904 });
        return {
          addRow: (values, rowNumber) => {
            if (!withContent.has(file) && values.some((value) => value !== null && value !== '')) withContent.add(file);
            session.addRow(values, rowNumber);
            rows += 1;
          },
          end: () => session.end(),
        };
      },
      skipSheet: (sheet) => {
        if (sheet.name !== MARKS_SHEET) checker.skipSheet(sheet.name, HIDDEN_SHEET_REASON, { file });
      },
      onBytes: (bytes) => {
        done += bytes;
        options.onProgress?.({ file, done, total, rows });
      },
      isCancelled: options.isCancelled,
    });
  }
  const report = checker.finish();
  for (const [source] of opened) {
    const reason = noRosterReason(report, source.name, withContent.has(source.name));
    if (reason) throw new WorkbookError('NO_ROSTER', reason);
  }
  return report;
}
