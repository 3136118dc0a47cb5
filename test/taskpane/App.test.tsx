/** @jest-environment jsdom */
/**
 * The pane with a fake adapter: no Excel, no stand-in. What the clerk sees and what reaches the
 * adapter when they click.
 */
import * as React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { checkRoster, Finding } from '../../src/rules/roster';
import { App } from '../../src/taskpane/components/App';
import { SHOWN_PER_RULE } from '../../src/ui/FindingsList';
import { AdapterError, CheckResult, ClearResult, Notice, NOTICE_CODES, OperationOptions, RosterAdapter, Scope } from '../../src/taskpane/excel/types';
import { stringsFor } from '../../src/taskpane/i18n';
import { faultyRoster } from '../support/rosterFixtures';
import { installMatchMedia } from '../support/matchMedia';

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

const report = checkRoster([{ name: '花名册', rows: faultyRoster() }]);

function checkResult(notices: Notice[] = [], marked = 8): CheckResult {
  return { report, notices, marked, notes: 7, syncs: 6 };
}

class FakeAdapter implements RosterAdapter {
  checks: { scope: Scope; options: OperationOptions }[] = [];
  pendingCheck: Deferred<CheckResult> | null = null;
  selected: Finding[] = [];
  clears = 0;
  nextCheck: CheckResult = checkResult();
  nextClear: ClearResult = { restored: 8, notesRemoved: 7, notesLeft: 0, unmatched: 0, notices: [], syncs: 4 };
  missing: string[] = [];

  missingRequirements(): string[] {
    return this.missing;
  }

  check(options: { scope: Scope } & OperationOptions): Promise<CheckResult> {
    this.checks.push({ scope: options.scope, options });
    this.pendingCheck = deferred<CheckResult>();
    return this.pendingCheck.promise;
  }

  clearMarks(): Promise<ClearResult> {
    this.clears += 1;
    return Promise.resolve(this.nextClear);
  }

  writeSummary(): Promise<never> {
    return Promise.reject(new Error('not in this test'));
  }

  insertTemplate(): Promise<never> {
    return Promise.reject(new Error('not in this test'));
  }

  select(finding: Pick<Finding, 'sheet' | 'row' | 'cell'>): Promise<void> {
    this.selected.push(finding as Finding);
    return Promise.resolve();
  }

  listSheets(): Promise<string[]> {
    return Promise.resolve(['花名册', '2025']);
  }

  checkRenewal(): Promise<never> {
    return Promise.reject(new Error('not in this test'));
  }

  insertNextYear(): Promise<never> {
    return Promise.reject(new Error('not in this test'));
  }
}

beforeAll(() => {
  installMatchMedia();
});

async function finishCheck(adapter: FakeAdapter, result: CheckResult = adapter.nextCheck): Promise<void> {
  await act(async () => {
    adapter.pendingCheck?.resolve(result);
    await adapter.pendingCheck?.promise;
  });
}

test('校验花名册 shows the findings grouped by rule, with counts and the summary line', async () => {
  const adapter = new FakeAdapter();
  render(<App adapter={adapter} language="zh" />);
  fireEvent.click(screen.getByRole('button', { name: '校验花名册' }));
  expect(adapter.checks).toEqual([{ scope: 'activeSheet', options: expect.anything() }]);
  expect(screen.getByRole('status').textContent).toContain('校验');
  await finishCheck(adapter);

  expect(screen.getByText('检查了 10 行（10 人）：7 个错误，1 个警告。')).toBeTruthy();
  expect(screen.getByText(/已标记 8 个单元格/)).toBeTruthy();
  const list = screen.getByRole('region', { name: '发现的问题' });
  // One group per rule that has findings, in the engine's rule order, each with its count.
  const headers = within(list)
    .getAllByRole('button')
    .filter((b) => b.getAttribute('aria-expanded') !== null);
  expect(headers.map((h) => h.textContent)).toEqual([
    '必填项为空错误1',
    '身份证号无效错误1',
    '性别与身份证不符错误1',
    '参保计划无法识别错误1',
    '女职工安康仅限女职工错误1',
    '份数无效错误1',
    '日期无效错误1',
    '年龄不在在职范围警告1',
  ]);
  // The first group is open: its finding is listed with its cell.
  expect(within(list).getByRole('button', { name: /C8\s*姓名为空/ })).toBeTruthy();
});

test('clicking a finding asks the adapter to select its cell', async () => {
  const adapter = new FakeAdapter();
  render(<App adapter={adapter} language="zh" />);
  fireEvent.click(screen.getByRole('button', { name: '校验花名册' }));
  await finishCheck(adapter);
  fireEvent.click(screen.getByRole('button', { name: /身份证号无效/ }));
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: /E4\s*身份证号校验位错误/ }));
  });
  expect(adapter.selected.map((f) => `${f.sheet}!${f.cell}`)).toEqual(['花名册!E4']);
});

test('清除标记 calls the adapter and says what was restored', async () => {
  const adapter = new FakeAdapter();
  render(<App adapter={adapter} language="zh" />);
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '清除标记' }));
  });
  expect(adapter.clears).toBe(1);
  expect(screen.getByText('已恢复 8 个单元格的原有填充，删除 7 条校验备注。')).toBeTruthy();
});

test('a second click while a check runs is refused with a message', async () => {
  const adapter = new FakeAdapter();
  render(<App adapter={adapter} language="zh" />);
  const button = screen.getByRole('button', { name: '校验花名册' });
  fireEvent.click(button);
  fireEvent.click(button);
  fireEvent.click(screen.getByRole('button', { name: '清除标记' }));
  expect(adapter.checks).toHaveLength(1);
  expect(adapter.clears).toBe(0);
  expect(screen.getByText('正在校验，请等它完成后再操作。')).toBeTruthy();
  await finishCheck(adapter);
  expect(screen.queryByText('正在校验，请等它完成后再操作。')).toBeNull();
});

test('the switch checks the whole workbook and shows sheet names', async () => {
  const adapter = new FakeAdapter();
  render(<App adapter={adapter} language="zh" />);
  fireEvent.click(screen.getByRole('switch', { name: '检查整个工作簿' }));
  fireEvent.click(screen.getByRole('button', { name: '校验花名册' }));
  expect(adapter.checks[0].scope).toBe('workbook');
  await finishCheck(adapter);
  expect(screen.getByRole('button', { name: /花名册!C8/ })).toBeTruthy();
});

test('progress, then cancel: the abort reaches the adapter', async () => {
  const adapter = new FakeAdapter();
  render(<App adapter={adapter} language="zh" />);
  fireEvent.click(screen.getByRole('button', { name: '校验花名册' }));
  const { options } = adapter.checks[0];
  act(() => options.onProgress?.({ phase: 'reading', sheet: '花名册', done: 2000, total: 8000 }));
  expect(screen.getByRole('status').textContent).toContain('正在读取"花名册"：2000 / 8000 行');
  expect(screen.getByRole('progressbar')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '取消' }));
  expect(options.signal?.aborted).toBe(true);
});

test('notices become messages: protected sheet, no header', async () => {
  const adapter = new FakeAdapter();
  render(<App adapter={adapter} language="zh" />);
  fireEvent.click(screen.getByRole('button', { name: '校验花名册' }));
  await finishCheck(
    adapter,
    checkResult(
      [
        { code: 'protected', sheet: '花名册' },
        { code: 'noHeader', sheet: '说明', detail: '前 10 行中找不到花名册表头' },
      ],
      0,
    ),
  );
  expect(screen.getByText(/工作表"花名册"受保护，无法标记单元格/)).toBeTruthy();
  expect(screen.getByText('工作表"说明"没有检查：前 10 行中找不到花名册表头。')).toBeTruthy();
  expect(screen.queryByText(/已标记/)).toBeNull();
});

test('English when Office’s display language is English', async () => {
  const adapter = new FakeAdapter();
  render(<App adapter={adapter} language="en" />);
  expect(screen.getByRole('button', { name: 'Clear marks' })).toBeTruthy();
  expect(screen.getByRole('switch', { name: 'Check the whole workbook' })).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Check roster' }));
  fireEvent.click(screen.getByRole('button', { name: 'Check roster' }));
  expect(screen.getByText('Busy checking: please wait until it is done.')).toBeTruthy();
  await finishCheck(adapter, checkResult([{ code: 'emptySheet', sheet: 'Sheet2' }]));
  expect(screen.getByText('Checked 10 rows (10 people): 7 errors, 1 warning.')).toBeTruthy();
  expect(screen.getByText('Sheet "Sheet2" is empty: nothing to check.')).toBeTruthy();
  const headers = screen.getAllByRole('button').filter((b) => b.getAttribute('aria-expanded') !== null);
  expect(headers.map((h) => h.textContent)).toContain('Invalid ID numberError1');
  expect(headers.map((h) => h.textContent)).toContain('Age outside working ageWarning1');
});

test('a long list shows the first findings of a rule and counts the rest', async () => {
  const many: Finding[] = Array.from({ length: SHOWN_PER_RULE + 5 }, (_, i) => ({
    sheet: '花名册',
    row: i + 3,
    column: '身份证号',
    cell: `E${i + 3}`,
    rule: 'ID_INVALID',
    severity: 'error',
    message: '身份证号位数不对',
  }));
  const adapter = new FakeAdapter();
  render(<App adapter={adapter} language="zh" />);
  fireEvent.click(screen.getByRole('button', { name: '校验花名册' }));
  await finishCheck(adapter, { ...checkResult(), report: { ...report, findings: many } });
  expect(screen.getByText('还有 5 条未列出；请先修正上面的问题，再重新校验。')).toBeTruthy();
  expect(screen.getAllByRole('button', { name: /身份证号位数不对/ })).toHaveLength(SHOWN_PER_RULE);
});

test('every notice has words in both languages', () => {
  for (const language of ['zh', 'en'] as const) {
    const strings = stringsFor(language);
    for (const code of NOTICE_CODES) {
      const text = strings.notice({ code, sheet: 'S', detail: 'D', count: 3 });
      expect(text.length).toBeGreaterThan(10);
    }
  }
});

test('a failure of the adapter becomes a message, not a crash', async () => {
  const adapter = new FakeAdapter();
  adapter.clearMarks = () => Promise.reject(new AdapterError('failed', 'GeneralException'));
  adapter.select = () => Promise.reject(new AdapterError('failed', 'ItemNotFound'));
  render(<App adapter={adapter} language="zh" />);
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '清除标记' }));
  });
  expect(screen.getByText('操作没有完成（Excel 错误：GeneralException）。')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '校验花名册' }));
  await act(async () => {
    adapter.pendingCheck?.reject(new AdapterError('cancelled'));
    await adapter.pendingCheck?.promise.catch(() => undefined);
  });
  expect(screen.getByText('已取消校验，没有标记任何单元格。')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '校验花名册' }));
  await finishCheck(adapter);
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: /C8\s*姓名为空/ }));
  });
  expect(screen.getByText('找不到该单元格所在的工作表（可能已删除或改名），请重新校验。')).toBeTruthy();
});

test('an Excel without the required sets: the pane says which, names the versions and the offline page, and runs nothing', async () => {
  for (const language of ['zh', 'en'] as const) {
    const adapter = new FakeAdapter();
    adapter.missing = ['ExcelApi 1.11'];
    const { unmount } = render(<App adapter={adapter} language={language} />);
    const strings = stringsFor(language);
    const alert = screen.getByText(strings.unsupported('ExcelApi 1.11'));
    expect(alert.textContent).toContain('ExcelApi 1.11');
    expect(alert.textContent).toContain('2008');
    expect(alert.textContent).toContain('16.40');
    expect(alert.textContent).toContain('checker.html');
    expect(alert.textContent).toContain('不能加载加载项的单位：离线检查页');
    for (const name of [strings.check, strings.clear, strings.summary, strings.template]) {
      const button = screen.getByRole('button', { name });
      expect(button.hasAttribute('disabled')).toBe(true);
      fireEvent.click(button);
    }
    expect(adapter.checks).toEqual([]);
    expect(adapter.clears).toBe(0);
    unmount();
  }
});

test('an Excel with the required sets shows no such message', () => {
  const adapter = new FakeAdapter();
  render(<App adapter={adapter} language="zh" />);
  expect(screen.queryByText(/缺少本加载项需要的/)).toBeNull();
  expect(screen.getByRole('button', { name: '校验花名册' }).hasAttribute('disabled')).toBe(false);
});

test('an operation refused for a missing set (AdapterError unsupported) gets the same words', async () => {
  const adapter = new FakeAdapter();
  adapter.clearMarks = () => Promise.reject(new AdapterError('unsupported', 'ExcelApi 1.11'));
  render(<App adapter={adapter} language="zh" />);
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '清除标记' }));
  });
  expect(screen.getByText(stringsFor('zh').unsupported('ExcelApi 1.11'))).toBeTruthy();
});

test('清除标记 on an Excel without notes: the notes left are listed, and it does not say there was nothing to clear', async () => {
  const adapter = new FakeAdapter();
  adapter.nextClear = {
    restored: 0,
    notesRemoved: 0,
    notesLeft: 2,
    unmatched: 0,
    notices: [{ code: 'notesLeft', count: 2, detail: '花名册!E4、花名册!G7' }],
    syncs: 3,
  };
  render(<App adapter={adapter} language="zh" />);
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '清除标记' }));
  });
  expect(screen.getByText(/本加载项以前加的 2 条备注仍留在单元格中（花名册!E4、花名册!G7）/)).toBeTruthy();
  expect(screen.queryByText('没有需要清除的标记。')).toBeNull();
});
