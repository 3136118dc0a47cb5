/** @jest-environment jsdom */
/**
 * The checker page with a fake worker client: what the clerk sees and what reaches the worker when
 * they pick files, cancel, and download. The findings use the task pane's list and words.
 */
import * as React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { checkRoster, RosterChecker, RosterReport, RULES } from '../../src/rules/roster';
import { readPreviousRoster } from '../../src/rules/renewal';
import { pageStrings } from '../../src/checker/strings';
import { CheckerApp } from '../../src/checker/CheckerApp';
import { CheckerClient, CheckerError } from '../../src/checker/client';
import type { CheckProgressMessage, FileBytes } from '../../src/checker/protocol';
import { stringsFor } from '../../src/taskpane/i18n';
import { faultyRoster, idFor } from '../support/rosterFixtures';
import { installMatchMedia } from '../support/matchMedia';

const zh = stringsFor('zh');

function withFile(report: RosterReport, file: string): RosterReport {
  return { ...report, findings: report.findings.map((finding) => ({ ...finding, file })) };
}

const report = withFile(checkRoster([{ name: '花名册', rows: faultyRoster() }]), '一中.xlsx');

class FakeClient implements CheckerClient {
  checks: { names: string[]; sizes: number[] }[] = [];
  cancels = 0;
  copies: string[] = [];
  private finish: ((value: { report: RosterReport; ms: number }) => void) | null = null;
  private fail: ((error: unknown) => void) | null = null;
  progress: ((progress: CheckProgressMessage) => void) | null = null;

  check(files: FileBytes[], onProgress: (progress: CheckProgressMessage) => void): Promise<{ report: RosterReport; ms: number }> {
    this.checks.push({ names: files.map((f) => f.name), sizes: files.map((f) => f.bytes.byteLength) });
    this.progress = onProgress;
    return new Promise((resolve, reject) => {
      this.finish = resolve;
      this.fail = reject;
    });
  }

  resolve(value: RosterReport): void {
    this.finish?.({ report: value, ms: 5 });
  }

  reject(error: unknown): void {
    this.fail?.(error);
  }

  cancel(): void {
    this.cancels += 1;
  }

  annotated(name: string): Promise<Uint8Array> {
    this.copies.push(name);
    return Promise.resolve(new Uint8Array([1, 2, 3]));
  }

  summaryWorkbook(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array([4, 5]));
  }
}

beforeAll(() => {
  // jsdom's Blob has no arrayBuffer(); browsers have it (the page reads picked files with it).
  if (!Blob.prototype.arrayBuffer) {
    Blob.prototype.arrayBuffer = function arrayBuffer(this: Blob) {
      return new Promise<ArrayBuffer>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as ArrayBuffer);
        reader.onerror = () => reject(reader.error);
        reader.readAsArrayBuffer(this);
      });
    };
  }
  installMatchMedia();
});

function file(name: string, size = 10): File {
  return new File([new Uint8Array(size)], name);
}

async function pick(files: File[]): Promise<void> {
  const input = document.querySelector('input[type=file]') as HTMLInputElement;
  await act(async () => {
    fireEvent.change(input, { target: { files } });
  });
  await settle();
}

/** Lets the page read the files (FileReader answers on a later task in jsdom). */
async function settle(): Promise<void> {
  await act(() => new Promise((resolve) => setTimeout(resolve, 30)));
}

function setup() {
  const client = new FakeClient();
  const saved: { name: string; bytes: number[] }[] = [];
  render(<CheckerApp client={client} save={(name, bytes) => saved.push({ name, bytes: [...bytes] })} />);
  return { client, saved };
}

test('says what the page is and that nothing leaves the computer', () => {
  setup();
  expect(screen.getByRole('heading', { name: '参保花名册离线检查' })).toBeTruthy();
  expect(screen.getByText(/文件只在本机处理，不会上传或发送到任何地方/)).toBeTruthy();
});

test("picked files go to the worker as bytes; the findings are the pane's list, naming file, sheet and cell", async () => {
  const { client } = setup();
  await pick([file('一中.xlsx', 12), file('说明.txt')]);
  expect(client.checks).toEqual([{ names: ['一中.xlsx'], sizes: [12] }]);
  expect(screen.getByRole('status')).toBeTruthy();
  await act(async () => client.progress?.({ type: 'progress', id: 1, file: '一中.xlsx', done: 50, total: 100, rows: 1234 }));
  expect(screen.getByText('正在检查 一中.xlsx：已读 1,234 行（50%）')).toBeTruthy();
  await act(async () => client.resolve(report));

  const { rows, people, errors, warnings } = report.summary;
  expect(screen.getByText(zh.checked(rows, people, errors, warnings))).toBeTruthy();
  expect(screen.getByText('只能检查 .xlsx 或 .csv 文件：说明.txt 没有检查。')).toBeTruthy();
  const region = screen.getByRole('region', { name: zh.findingsHeading });
  // The first group (in the rules' order) is open; its first finding is listed.
  const rule = RULES.find((candidate) => report.findings.some((f) => f.rule === candidate));
  const first = report.findings.filter((f) => f.rule === rule)[0];
  expect(within(region).getByText(zh.ruleTitle(first.rule))).toBeTruthy();
  expect(within(region).getAllByText(`一中.xlsx · 花名册!${first.cell}`).length).toBeGreaterThan(0);
  expect(within(region).queryAllByRole('button', { name: new RegExp(first.message) })).toEqual([]);
  expect(screen.queryByRole('status')).toBeNull();
});

test("the summary per unit × plan shows the engine's figures", async () => {
  const { client } = setup();
  await pick([file('一中.xlsx')]);
  await act(async () => client.resolve(report));
  const table = screen.getByRole('table', { name: '缴费汇总（按单位和参保计划）' });
  const rows = within(table).getAllByRole('row');
  expect(rows.length).toBe(report.summary.units.length + 2);
  expect(rows[rows.length - 1].textContent).toBe(
    `合计${report.summary.people}${report.summary.premiumTotal.toLocaleString('zh-CN', { minimumFractionDigits: 2 })}`,
  );
});

test('cancel asks the worker to stop; the cancelled check says so', async () => {
  const { client } = setup();
  await pick([file('一中.xlsx')]);
  fireEvent.click(screen.getByRole('button', { name: '取消' }));
  expect(client.cancels).toBe(1);
  await act(async () => client.reject(new CheckerError('CANCELLED', '检查已取消')));
  expect(screen.getByText('已取消检查。')).toBeTruthy();
});

test('a second pick while a check runs is refused; a reader error is shown in its words', async () => {
  const { client } = setup();
  await pick([file('一中.xlsx')]);
  await pick([file('二中.xlsx')]);
  expect(client.checks.length).toBe(1);
  expect(screen.getByText('正在检查，请等它完成或先取消。')).toBeTruthy();
  await act(async () => client.reject(new CheckerError('NOT_ZIP', '一中.xlsx 不是有效的 .xlsx 工作簿')));
  expect(screen.getByText('无法检查：一中.xlsx 不是有效的 .xlsx 工作簿')).toBeTruthy();
  expect(screen.queryByRole('region', { name: zh.findingsHeading })).toBeNull();
});

test('dropped files are checked like picked ones', async () => {
  const { client } = setup();
  const zone = screen.getByTestId('drop-zone');
  await act(async () => {
    fireEvent.drop(zone, { dataTransfer: { files: [file('a.csv', 3), file('b.xlsx', 4)] } });
  });
  await settle();
  expect(client.checks).toEqual([{ names: ['a.csv', 'b.xlsx'], sizes: [3, 4] }]);
});

test("the download buttons hand the worker's bytes to the browser under the command's names", async () => {
  const { client, saved } = setup();
  await pick([file('一中.xlsx'), file('二中.csv')]);
  await act(async () => client.resolve(report));
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '批注副本：二中.checked.xlsx' }));
  });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '缴费汇总（.xlsx）' }));
  });
  expect(client.copies).toEqual(['二中.csv']);
  expect(saved).toEqual([
    { name: '二中.checked.xlsx', bytes: [1, 2, 3] },
    { name: '缴费汇总.xlsx', bytes: [4, 5] },
  ]);
});

test('with last year’s roster, the lapsed members are listed as the command lists them; without it, no list', async () => {
  const lastYear = faultyRoster();
  // Someone on last year's roster only: lapsed this year.
  lastYear.push([99, '县供电公司', '孙九', '男', idFor('19790909', 141), '综合', 3, '2025-01-01', '', '单位工会全额交纳', '']);
  const checker = new RosterChecker({ previous: readPreviousRoster([{ name: '花名册', rows: lastYear }]) });
  checker.addSheet({ name: '花名册', rows: faultyRoster() });
  const renewed = checker.finish();
  const lapsed = renewed.summary.renewal?.lapsed ?? [];
  expect(lapsed.map((member) => member.name)).toContain('孙九');

  const { client } = setup();
  await pick([file('一中.xlsx')]);
  await act(async () => client.resolve(renewed));
  const table = screen.getByRole('table', { name: pageStrings.lapsedHeading(lapsed.length) });
  const rows = within(table).getAllByRole('row');
  expect(rows[0].textContent).toBe(pageStrings.lapsedColumns.join(''));
  expect(rows.slice(1).map((row) => row.textContent)).toEqual(
    lapsed.map((member) => `${member.id}${member.name}${member.unit}${member.plan}${member.shares ?? ''}`),
  );

  await pick([file('一中.xlsx')]);
  await act(async () => client.resolve(report));
  expect(screen.queryByRole('table', { name: /未续保名单/ })).toBeNull();
});
