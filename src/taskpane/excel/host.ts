/**
 * Where the adapter's ExcelHost comes from: office.js inside Excel, or — only when the page runs
 * outside Office (Office.onReady says host null) and a test has put one on the page before it
 * loaded — an Excel stand-in at window.__EXCEL_STAND_IN__ (the browser test does this).
 */
import type { ExcelHost } from './types';

declare global {
  interface Window {
    __EXCEL_STAND_IN__?: ExcelHost;
  }
}

/** The host for this page, or null when the pane is opened outside Excel (a plain browser). */
export function findHost(info: { host: Office.HostType | null } | undefined): ExcelHost | null {
  const inExcel = info?.host === Office.HostType.Excel && typeof Excel !== 'undefined';
  if (inExcel) {
    return {
      run: (batch) => Excel.run(batch),
      isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
      displayLanguage: Office.context.displayLanguage,
    };
  }
  if (!info?.host && typeof window !== 'undefined' && window.__EXCEL_STAND_IN__) return window.__EXCEL_STAND_IN__;
  return null;
}
