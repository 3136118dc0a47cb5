/** @jest-environment jsdom */
/** Where the pane's Excel comes from: office.js in Excel; a page-provided stand-in only outside Office. */
import { findHost } from '../../src/taskpane/excel/host';
import type { ExcelHost } from '../../src/taskpane/excel/types';

const g = globalThis as unknown as Record<string, unknown>;
const standIn: ExcelHost = { run: async () => undefined as never, isSetSupported: () => true, displayLanguage: 'en-US' };
let runs = 0;

beforeEach(() => {
  runs = 0;
  g.Office = {
    HostType: { Excel: 'Excel', Word: 'Word' },
    context: { displayLanguage: 'zh-CN', requirements: { isSetSupported: (name: string, version: string) => name === 'ExcelApi' && version === '1.18' } },
  };
  g.Excel = { run: async (batch: (context: unknown) => Promise<unknown>) => ((runs += 1), batch({})) };
  delete window.__EXCEL_STAND_IN__;
});

afterAll(() => {
  delete g.Office;
  delete g.Excel;
});

test('inside Excel: office.js, even when a stand-in is on the page', async () => {
  window.__EXCEL_STAND_IN__ = standIn;
  const host = findHost({ host: 'Excel' as unknown as Office.HostType }) as ExcelHost;
  expect(host).not.toBe(standIn);
  expect(host.displayLanguage).toBe('zh-CN');
  expect(host.isSetSupported('ExcelApi', '1.18')).toBe(true);
  await host.run(async () => undefined);
  expect(runs).toBe(1);
});

test('outside Office (host null): the stand-in if the page has one, else nothing', () => {
  expect(findHost({ host: null })).toBeNull();
  window.__EXCEL_STAND_IN__ = standIn;
  expect(findHost({ host: null })).toBe(standIn);
});

test('another Office application: nothing', () => {
  window.__EXCEL_STAND_IN__ = standIn;
  expect(findHost({ host: 'Word' as unknown as Office.HostType })).toBeNull();
});
