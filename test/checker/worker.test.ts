/**
 * The checker page's worker on its own (no browser): the messages the page gets for a check, a
 * cancel, a damaged file and the two downloads, with the real engine and writer.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { checkRosterSources, readWorkbook } from '../../src/workbook';
import { previousRosterOf } from '../../src/rules/renewal';
import { RosterChecker } from '../../src/rules/roster';
import { handle } from '../../src/checker/worker';
import type { CheckerRequest, CheckerResponse, FileBytes } from '../../src/checker/protocol';
import { annotatedName } from '../../src/checker/protocol';
import { xlsx } from '../workbook/readerKit';
import { generateRoster } from '../../bench/rosterGenerator';

const SAMPLE = join(__dirname, '..', '..', 'examples', 'sample-roster.xlsx');

function sample(name = 'sample-roster.xlsx'): FileBytes {
  const bytes = readFileSync(SAMPLE);
  return { name, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
}

/** A scope that records what the worker posts; `during` is called on each message (to cancel mid-way). */
function recorder(during?: (message: CheckerResponse) => void) {
  const posted: CheckerResponse[] = [];
  return {
    posted,
    scope: {
      onmessage: null,
      postMessage(message: CheckerResponse) {
        posted.push(message);
        during?.(message);
      },
    },
  };
}

async function send(request: CheckerRequest, scope = recorder()) {
  await handle(scope.scope, request);
  return scope.posted;
}

/** Rows as the project's reader reads them, by sheet. */
async function sheetsOf(bytes: ArrayBuffer, name: string): Promise<Record<string, unknown[][]>> {
  const sheets: Record<string, unknown[][]> = {};
  await readWorkbook(
    { name, bytes: new Uint8Array(bytes) },
    {
      beginSheet(info) {
        const rows: unknown[][] = [];
        sheets[info.name] = rows;
        return { addRow: (values) => rows.push(values), end: () => undefined };
      },
    },
  );
  return sheets;
}

/** A generated roster as an .xlsx with inline strings (big enough to be read in several slices). */
function bigRoster(rows: number): FileBytes {
  const cell = (value: unknown, r: number, c: number) => {
    const ref = `${String.fromCharCode(65 + c)}${r}`;
    return typeof value === 'number' ? `<c r="${ref}"><v>${value}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${String(value ?? '')}</t></is></c>`;
  };
  const data = generateRoster(rows, 0.05, 7)
    .map((row, r) => `<row r="${r + 1}">${row.map((value, c) => cell(value, r + 1, c)).join('')}</row>`)
    .join('');
  const bytes = xlsx({ sheets: [{ name: '花名册', xml: data }] });
  return { name: 'big.xlsx', bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
}

describe('the checker worker', () => {
  test('a check answers with the report checkRosterSources gives on the same bytes', async () => {
    const posted = await send({ type: 'check', id: 1, files: [sample()] });
    const last = posted[posted.length - 1];
    expect(last.type).toBe('report');
    const expected = await checkRosterSources([{ name: 'sample-roster.xlsx', bytes: new Uint8Array(readFileSync(SAMPLE)) }]);
    if (last.type !== 'report') return;
    expect(last.id).toBe(1);
    expect(last.report).toEqual(expected);
    expect(last.report.findings.length).toBeGreaterThan(0);
  });

  test('a check posts progress (growing, for the file being read); a cancel stops it with CANCELLED', async () => {
    const progress = await send({ type: 'check', id: 2, files: [bigRoster(3_000)] });
    const steps = progress.filter((m) => m.type === 'progress');
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) if (step.type === 'progress') expect(step.file).toBe('big.xlsx');
    const done = steps.map((m) => (m.type === 'progress' ? m.done : 0));
    expect([...done].sort((a, b) => a - b)).toEqual(done);
    expect(progress[progress.length - 1].type).toBe('report');

    // The cancel is there before the reader's first pause (the worker takes messages between pieces of work).
    const rec = recorder();
    await handle(rec.scope, { type: 'cancel', id: 3 });
    const posted = await send({ type: 'check', id: 3, files: [bigRoster(3_000)] }, rec);
    expect(posted[posted.length - 1]).toEqual({ type: 'error', id: 3, code: 'CANCELLED', message: '检查已取消' });
  }, 120_000);

  test("a damaged file answers with the reader's code and Chinese message", async () => {
    const whole = new Uint8Array(readFileSync(SAMPLE));
    const posted = await send({ type: 'check', id: 4, files: [{ name: 'broken.xlsx', bytes: whole.slice(0, 3000).buffer }] });
    const last = posted[posted.length - 1];
    expect(last).toMatchObject({ type: 'error', id: 4 });
    if (last.type !== 'error') return;
    expect(last.code).not.toBe('INTERNAL');
    expect(last.message).toContain('broken.xlsx');
  });

  test('the annotated copy of a checked file keeps its rows and adds 校验结果; the summary workbook holds the totals', async () => {
    const checked = await send({ type: 'check', id: 5, files: [sample()] });
    const report = checked[checked.length - 1];
    if (report.type !== 'report') throw new Error(report.type);

    const [copy] = await send({ type: 'annotate', id: 6, name: 'sample-roster.xlsx' });
    if (copy.type !== 'file') throw new Error(JSON.stringify(copy));
    const before = await sheetsOf(sample().bytes, 'sample-roster.xlsx');
    const after = await sheetsOf(copy.bytes, annotatedName('sample-roster.xlsx'));
    for (const sheet of Object.keys(before)) expect(after[sheet]).toEqual(before[sheet]);
    expect(Object.keys(after)).toContain('校验结果');

    const [summary] = await send({ type: 'summary', id: 7 });
    if (summary.type !== 'file') throw new Error(JSON.stringify(summary));
    const rows = (await sheetsOf(summary.bytes, '缴费汇总.xlsx'))['缴费汇总'];
    const total = rows.find((row) => row[0] === '合计');
    expect(total).toBeDefined();
    expect([total?.[2], total?.[4]]).toEqual([report.report.summary.people, report.report.summary.premiumTotal]);
    for (const unit of report.report.summary.units) {
      expect(rows).toContainEqual([unit.unit, unit.planName, unit.people, unit.shares, unit.premium]);
    }
  });

  test("with last year's roster the report is check --previous's: renewal summary and the renewal findings", async () => {
    const lastYear = readFileSync(join(__dirname, '..', '..', 'examples', 'last-year-roster.xlsx'));
    const previousFile = {
      name: 'last-year-roster.xlsx',
      bytes: lastYear.buffer.slice(lastYear.byteOffset, lastYear.byteOffset + lastYear.byteLength) as ArrayBuffer,
    };
    const posted = await send({ type: 'check', id: 10, files: [sample()], previous: [previousFile] });
    const last = posted[posted.length - 1];
    if (last.type !== 'report') throw new Error(JSON.stringify(last));
    const lastYearChecker = new RosterChecker();
    await checkRosterSources([{ name: 'last-year-roster.xlsx', bytes: new Uint8Array(lastYear) }], { checker: lastYearChecker });
    const expected = await checkRosterSources([{ name: 'sample-roster.xlsx', bytes: new Uint8Array(readFileSync(SAMPLE)) }], {
      checker: new RosterChecker({ previous: previousRosterOf(lastYearChecker) }),
    });
    expect(last.report).toEqual(expected);
    expect(last.report.summary.renewal?.renewing).toBeGreaterThan(0);
    const without = await send({ type: 'check', id: 11, files: [sample()] });
    const plain = without[without.length - 1];
    if (plain.type !== 'report') throw new Error(plain.type);
    expect(plain.report.summary.renewal).toBeUndefined();
  });

  test('a copy of a file that was not checked is refused with a message', async () => {
    await send({ type: 'check', id: 8, files: [sample()] });
    const [answer] = await send({ type: 'annotate', id: 9, name: 'other.xlsx' });
    expect(answer).toEqual({ type: 'error', id: 9, code: 'INTERNAL', message: '没有检查过 other.xlsx' });
  });
});
