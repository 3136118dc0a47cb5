/**
 * Messages between the offline checker page and its Web Worker. Files go to the worker as bytes
 * (transferred, not copied); the worker keeps them for the downloads, so the page holds no copy.
 */
import type { RosterReport } from '../rules/roster';

export interface FileBytes {
  name: string;
  bytes: ArrayBuffer;
}

export type CheckerRequest =
  /** Check these files as one roster; with `previous`, compared with last year's roster (check --previous). */
  | { type: 'check'; id: number; files: FileBytes[]; previous?: FileBytes[] }
  | { type: 'cancel'; id: number }
  /** The annotated copy of one checked file. */
  | { type: 'annotate'; id: number; name: string }
  /** The premium summary as a workbook. */
  | { type: 'summary'; id: number };

export interface CheckProgressMessage {
  type: 'progress';
  id: number;
  file: string;
  done: number;
  total: number;
  rows: number;
}

export type CheckerResponse =
  | CheckProgressMessage
  | { type: 'report'; id: number; report: RosterReport; ms: number }
  | { type: 'file'; id: number; name: string; bytes: ArrayBuffer }
  /** code: the reader's WorkbookError code, 'CANCELLED', or 'INTERNAL' for anything else. */
  | { type: 'error'; id: number; code: string; message: string };

/** "花名册.xlsx" → "花名册.checked.xlsx", as `mutual-aid check --out` names its copies. */
export function annotatedName(name: string): string {
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.checked.xlsx`;
}

export const SUMMARY_FILE = '缴费汇总.xlsx';
