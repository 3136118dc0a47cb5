/**
 * Cell text on its way to a terminal: C0, C1 and bidi control characters never reach it raw.
 * The readable report drops or blanks them; the JSON report keeps them exactly, as \uXXXX escapes.
 */
import fc from 'fast-check';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { renderReport } from '../../src/cli/report';
import { formatTable, terminalJson, terminalText } from '../../src/cli/text';
import { checkRoster } from '../../src/rules/roster';
import { member, personId, rosterRows } from '../rules/rosterKit';
import { cleanupDirs, runCli, tmpDir } from './cliKit';

afterAll(cleanupDirs);

/** Every character the issue names, listed independently of src/cli/text.ts. */
const C0 = Array.from({ length: 0x20 }, (_, i) => i).concat(0x7f);
const C1 = Array.from({ length: 0x20 }, (_, i) => 0x80 + i);
const BIDI = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c];
const CONTROLS = [...C0, ...C1, ...BIDI].map((code) => String.fromCharCode(code));

const hasControl = (text: string) => [...text].some((ch) => CONTROLS.includes(ch));

/** Text mixing ordinary characters (Chinese included) with the controls. */
const mixed = fc
  .array(fc.oneof(fc.constantFrom(...CONTROLS), fc.constantFrom('甲', '单位', 'a', ' ', '3份', 'ا', '﻿')), { maxLength: 30 })
  .map((parts) => parts.join(''));

describe('terminalText', () => {
  it.each(CONTROLS.map((ch) => [ch.charCodeAt(0).toString(16).padStart(4, '0'), ch]))('U+%s does not survive', (_, ch) => {
    expect(hasControl(terminalText(`甲${ch}乙`))).toBe(false);
  });

  it('C0 and C1 runs become one space; bidi controls are removed', () => {
    expect(terminalText('甲\r\n乙')).toBe('甲 乙');
    expect(terminalText('\u009b2J清屏')).toBe(' 2J清屏');
    expect(terminalText('\u001b[31m红')).toBe(' [31m红');
    expect(terminalText('abc\u202edcba\u202c')).toBe('abcdcba');
    expect(terminalText('行\u2028分隔')).toBe('行 分隔');
  });

  it('never leaves a control, and leaves clean text as it was', () => {
    fc.assert(
      fc.property(mixed, (text) => {
        const shown = terminalText(text);
        expect(hasControl(shown)).toBe(false);
        expect(terminalText(shown)).toBe(shown);
        if (!hasControl(text) && !/[\u2028\u2029]/.test(text)) expect(shown).toBe(text);
      }),
    );
  });

  it('formatTable cleans every cell before measuring widths', () => {
    const lines = formatTable(
      ['单位', '说明'],
      [
        ['甲\u202e乙', 'x'],
        ['丙\u0085', 'y'],
      ],
    );
    expect(lines.some(hasControl)).toBe(false);
    expect(lines[1]).toBe('甲乙  x');
    expect(lines[2]).toBe('丙    y');
  });
});

describe('a report with more findings than a call takes arguments', () => {
  // Spreading 150,000 lines into push() overflows the stack (the limit is near 125,000 on Node 20).
  it('renders 150,000 findings and as many units', () => {
    const base = checkRoster([{ name: '花名册', rows: rosterRows([member({ plan: '综合' }), member({ plan: '指定疾病' })]) }]);
    const COUNT = 150_000;
    const findings = Array.from({ length: COUNT }, (_, i) => ({ ...base.findings[0], row: i + 2 }));
    const units = Array.from({ length: COUNT }, (_, i) => ({ ...base.summary.units[0], unit: `单位${i}` }));
    const text = renderReport({ findings, summary: { ...base.summary, units, errors: COUNT } }, ['a.csv']);
    const lines = text.split('\n');
    expect(lines.filter((line) => line.includes('PLAN_CONFLICT'))).toHaveLength(COUNT);
    expect(lines.filter((line) => /^ {2}单位\d+ /.test(line))).toHaveLength(COUNT);
  });
});

describe('terminalJson', () => {
  it('escapes what JSON.stringify leaves raw and parses back to the same text', () => {
    fc.assert(
      fc.property(mixed, (text) => {
        const json = terminalJson({ message: text });
        expect(hasControl(json.replace(/\n/g, ''))).toBe(false);
        expect(JSON.parse(json)).toEqual({ message: text });
      }),
    );
  });
});

describe('the report of a roster whose cells hold controls', () => {
  const UNIT = '工会\u202e甲\u009b2J';
  const SHEET = '花名\u2067册';
  const people = [
    member({ unit: UNIT, plan: '综合' }),
    member({ unit: UNIT, plan: '指定疾病' }),
    member({ unit: UNIT, id: personId(3), plan: '未知\u0007计划' }),
  ];

  it('renderReport writes none of them (messages, units, sheet names)', () => {
    const report = checkRoster([{ name: SHEET, rows: rosterRows(people) }]);
    expect(report.findings.map((f) => f.rule)).toEqual(['PLAN_CONFLICT', 'PLAN_CONFLICT', 'PLAN_UNKNOWN']);
    expect(report.findings[2].message).toContain('\u0007'); // the engine keeps the clerk's text
    const text = renderReport(report, ['a.xlsx']);
    expect(hasControl(text.replace(/\n/g, ''))).toBe(false);
    expect(text).toContain('工会甲 2J');
    expect(text).toContain('花名册');
  });

  it('the command: readable output clean, --json exact', async () => {
    const file = join(tmpDir(), 'controls.csv');
    const rows = rosterRows(people).map((row) => row.map((cell) => (cell === null || cell === undefined ? '' : `"${String(cell)}"`)).join(','));
    writeFileSync(file, `${rows.join('\r\n')}\r\n`);
    const readable = await runCli(['check', file]);
    expect(readable.status).toBe(1);
    expect(readable.stdout).toContain('PLAN_UNKNOWN');
    expect(hasControl(readable.stdout.replace(/\n/g, ''))).toBe(false);
    const json = await runCli(['check', '--json', file]);
    expect(hasControl(json.stdout.replace(/\n/g, ''))).toBe(false);
    const parsed = JSON.parse(json.stdout) as { summary: { units: { unit: string }[] } };
    expect(parsed.summary.units.map((u) => u.unit)).toContain(UNIT);
  });
});
