/** @jest-environment jsdom */
/**
 * The pane's claims buttons with a fake adapter: "today" comes from the pane's clock, the claims
 * needing action are listed overdue and due soon first, then those needing review, and a click
 * selects the claim's row.
 */
import * as React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { ClaimsReport, computeClaims } from '../../src/rules/claims';
import { parseDate } from '../../src/rules/dates';
import { rosterRecordsOf } from '../../src/rules/roster';
import { App } from '../../src/taskpane/components/App';
import { claimsStringsFor } from '../../src/taskpane/claimsI18n';
import { ClaimsAdapter, ClaimsResult, ClaimsSummaryResult, OperationOptions, RosterAdapter } from '../../src/taskpane/excel/types';
import { HEADER, idFor } from '../support/rosterFixtures';

const serial = (iso: string) => parseDate(iso) as number;
const BO = idFor('19790909', 121);

/** Row 2 overdue, row 3 due soon, row 4 review, row 5 paid (2026-12-01). */
function report(today: number): ClaimsReport {
  const roster = [HEADER, [1, '县医院', '薄', '男', BO, '团体意外', 2, '2026-01-01', 2, '', '']];
  const header = ['姓名', '身份证号', '参保计划', '事件', '明细', '出险日期', '审核日期', '给付日期'];
  const rows = [
    header,
    ['薄', BO, '团体意外', '意外医疗', 100, '2026-06-01', '2026-09-01', ''],
    ['薄', BO, '团体意外', '意外医疗', 200, '2026-06-02', '2026-10-21', ''],
    ['薄', BO, '团体意外', '意外伤残', '', '2026-06-03', '', ''],
    ['薄', BO, '团体意外', '意外医疗', 300, '2026-06-04', '2026-06-10', '2026-06-20'],
  ];
  return computeClaims({ register: [{ name: '理赔登记', rows }], roster: rosterRecordsOf([{ name: '花名册', rows: roster }]), today });
}

class FakeClaims implements ClaimsAdapter {
  todays: number[] = [];
  selected: { sheet: string; row: number }[] = [];
  computeClaims(options: { today: number } & OperationOptions): Promise<ClaimsResult> {
    this.todays.push(options.today);
    return Promise.resolve({ report: report(options.today), written: 20, marked: 3, notes: 3, notices: [], syncs: 5 });
  }
  writeClaimsSummary(options: { today: number }): Promise<ClaimsSummaryResult> {
    return Promise.resolve({ sheetName: '理赔汇总', report: report(options.today), notices: [], syncs: 3 });
  }
  insertRegister() {
    return Promise.resolve({ sheetName: '理赔登记 (2)', syncs: 2 });
  }
  selectClaim(claim: { sheet: string; row: number }): Promise<void> {
    this.selected.push({ sheet: claim.sheet, row: claim.row });
    return Promise.resolve();
  }
}

const rosterAdapter = {} as RosterAdapter;
const clock = () => new Date(2026, 11, 1, 9, 30);
const zh = claimsStringsFor('zh');

test("理赔计算 uses the pane's clock and lists overdue, due soon, then review; a click selects the row", async () => {
  const claims = new FakeClaims();
  render(<App adapter={rosterAdapter} claims={claims} language="zh" clock={clock} />);
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: zh.compute }));
  });
  expect(claims.todays).toEqual([serial('2026-12-01')]);
  const list = screen.getByTestId('claims-list');
  const urgent = within(list).getByRole('region', { name: zh.urgent });
  const items = within(urgent).getAllByRole('button');
  expect(items.map((item) => item.textContent?.slice(0, 3))).toEqual(['已逾期', '即将到']);
  const review = within(list).getByRole('region', { name: zh.review });
  expect(within(review).getAllByRole('button')).toHaveLength(1);
  expect(list.textContent).not.toContain('第5行');
  await act(async () => {
    fireEvent.click(items[1]);
  });
  expect(claims.selected).toEqual([{ sheet: '理赔登记', row: 3 }]);
  expect(screen.getByText(/已计算 4 笔理赔/)).toBeTruthy();
});

test('理赔汇总 and 插入理赔登记表 say what they wrote; without a claims adapter there are no claims buttons', async () => {
  const claims = new FakeClaims();
  const { unmount } = render(<App adapter={rosterAdapter} claims={claims} language="zh" clock={clock} />);
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: zh.summary }));
  });
  expect(screen.getByText(/已生成工作表"理赔汇总"/)).toBeTruthy();
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: zh.insertRegister }));
  });
  expect(screen.getByText(/已插入理赔登记表"理赔登记 \(2\)"/)).toBeTruthy();
  unmount();
  render(<App adapter={rosterAdapter} language="en" clock={clock} />);
  expect(screen.queryByRole('button', { name: claimsStringsFor('en').compute })).toBeNull();
});
