/** @jest-environment jsdom */
/**
 * 与上年比对 in the pane, end to end under jsdom: the real Excel adapter over the stand-in holding
 * the example roster, last year's roster chosen as a sheet of the workbook or picked as a file
 * (read in the pane by the platform-neutral reader); the summary, the lapsed list and last year's row.
 */
import '../support/jsdomText';
import * as React from 'react';
import { readFileSync } from 'fs';
import { join } from 'path';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../src/taskpane/components/App';
import { ExcelAdapter } from '../../src/taskpane/excel/excelAdapter';
import { ExcelHost } from '../../src/taskpane/excel/types';
import { readPreviousFile } from '../../src/taskpane/previousFile';
import { ExcelStandIn, SheetSpec, WorkbookState } from '../support/excelStandIn';
import { sheetsAsExcelHoldsThem } from '../support/workbookAsExcel';
import { installMatchMedia } from '../support/matchMedia';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

beforeAll(() => {
  installMatchMedia();
});

/** The example workbooks as Excel holds them. */
const sheetsOf = sheetsAsExcelHoldsThem;

async function renderPane(extraSheets: SheetSpec[] = []) {
  const workbook = new WorkbookState([...(await sheetsOf(join(EXAMPLES, 'sample-roster.xlsx'))), ...extraSheets]);
  const adapter = new ExcelAdapter(new ExcelStandIn(workbook) as unknown as ExcelHost);
  render(<App adapter={adapter} language="zh" readPreviousFile={readPreviousFile} />);
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '与上年比对' }));
  });
  await waitFor(() => expect(screen.getByRole('region', { name: '上年花名册' })).toBeTruthy());
  return workbook;
}

const SUMMARY = /续保 31，新参保 8（其中改换计划 1），增加份数 1（新增份数有免责期），减少份数 1，未续保 6。保障费：上年 2,700.00 元，本年 3,110.00 元。/;

test("last year's roster as a sheet of the workbook: the summary, the lapsed list, and a click shows last year's row", async () => {
  const last = await sheetsOf(join(EXAMPLES, 'last-year-roster.xlsx'));
  const workbook = await renderPane(last);
  fireEvent.change(screen.getByRole('combobox', { name: '本工作簿中的工作表' }), { target: { value: '2025花名册' } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '开始比对' }));
  });
  await waitFor(() => expect(screen.getByText(SUMMARY)).toBeTruthy());
  const lapsed = screen.getByRole('region', { name: '未续保名单（点击查看上年所在行）' });
  expect(within(lapsed).getAllByRole('button')).toHaveLength(6);
  await act(async () => {
    fireEvent.click(within(lapsed).getByRole('button', { name: /苏海燕/ }));
  });
  expect(screen.getByText(/上年花名册 2025花名册!第21行：苏海燕/)).toBeTruthy();
  // The selection runs after the click returns: wait for Excel (the stand-in) to show the sheet.
  await waitFor(() => expect(workbook.activeSheet).toBe('2025花名册'));
  // The new rule's finding is listed with the others.
  expect(screen.getByRole('button', { name: /上年份数与上年花名册不符/ })).toBeTruthy();
});

test("last year's roster picked as a file: read in the pane, the same summary", async () => {
  await renderPane();
  fireEvent.click(screen.getByRole('radio', { name: /从文件选择/ }));
  const bytes = readFileSync(join(EXAMPLES, 'last-year-roster.xlsx'));
  const file = new File([bytes], 'last-year-roster.xlsx');
  // jsdom's File has no arrayBuffer(): give it the bytes it holds.
  Object.defineProperty(file, 'arrayBuffer', { value: () => Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)) });
  fireEvent.change(screen.getByLabelText(/从文件选择/, { selector: 'input[type=file]' }), { target: { files: [file] } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '开始比对' }));
  });
  await waitFor(() => expect(screen.getByText(SUMMARY)).toBeTruthy());
  await act(async () => {
    fireEvent.click(within(screen.getByRole('region', { name: /未续保名单/ })).getByRole('button', { name: /覃德明.*农民工/ }));
  });
  expect(screen.getByText(/上年花名册 last-year-roster.xlsx 2025花名册!第32行：覃德明/)).toBeTruthy();
});

test('a file that is not a workbook: a clear message, nothing checked', async () => {
  await renderPane();
  fireEvent.click(screen.getByRole('radio', { name: /从文件选择/ }));
  const file = new File(['not a roster'], 'x.xlsx');
  Object.defineProperty(file, 'arrayBuffer', { value: () => Promise.resolve(new TextEncoder().encode('not a roster').buffer) });
  fireEvent.change(screen.getByLabelText(/从文件选择/, { selector: 'input[type=file]' }), { target: { files: [file] } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '开始比对' }));
  });
  await waitFor(() => expect(screen.getByText(/无法读取所选的上年花名册：x.xlsx/)).toBeTruthy());
});
