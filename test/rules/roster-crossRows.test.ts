/**
 * The cross-row rules (PLAN_CONFLICT, DUPLICATE_ENROLLMENT, SHARES_NOT_UNIFORM) group each person's
 * and each unit's rows once, and a message names at most NAMED_ROWS other rows ("…等12行"):
 * - one ID filled down 20,000 rows with alternating plans gives one finding per row, each short;
 * - on small random rosters the findings equal those of a naive pairwise reference written here.
 */
import fc from 'fast-check';
import { PLANS } from '../../src/rules/catalogue';
import { checkRoster, Finding, SheetInput } from '../../src/rules/roster';
import { NAMED_ROWS } from '../../src/rules/roster/engine';
import { member, personId, rosterRows } from './rosterKit';

/** Longest message a cross-row finding may carry, whatever the roster (sheet names are ≤ 31 characters). */
const MESSAGE_BOUND = 300;

function longest(findings: readonly Finding[]): number {
  let length = 0;
  for (const finding of findings) length = Math.max(length, finding.message.length);
  return length;
}

describe('one ID filled down many rows', () => {
  const ROWS = 20_000;
  const id = personId(7);
  const people = Array.from({ length: ROWS }, (_, i) => member({ id, unit: '甲', plan: i % 2 === 0 ? '综合' : '指定疾病', shares: 1 }));
  const report = checkRoster([{ name: '花名册', rows: rosterRows(people) }]);

  it('every row is a conflict, every row after the first of its plan a duplicate', () => {
    const count = (rule: string) => report.findings.filter((f) => f.rule === rule).length;
    expect(count('PLAN_CONFLICT')).toBe(ROWS);
    expect(count('DUPLICATE_ENROLLMENT')).toBe(ROWS - 2);
    expect(report.findings).toHaveLength(2 * ROWS - 2);
  });

  it('each message is bounded and names the first few other rows, counting the rest', () => {
    expect(longest(report.findings)).toBeLessThanOrEqual(MESSAGE_BOUND);
    const first = report.findings.find((f) => f.row === 2 && f.rule === 'PLAN_CONFLICT') as Finding;
    expect(first.message).toBe(`此人参加综合，又参加指定疾病（第3行）、指定疾病（第5行）、指定疾病（第7行）…等${ROWS / 2}行；两者不能同时参保`);
    const duplicate = report.findings.find((f) => f.row === ROWS + 1 && f.rule === 'DUPLICATE_ENROLLMENT') as Finding;
    expect(duplicate.message).toBe('此人已在第3行参加指定疾病，同一计划重复参保');
  });

  it('summary counts one person', () => {
    expect(report.summary.people).toBe(1);
    expect(report.summary.rows).toBe(ROWS);
  });
});

describe('a unit with many different share counts', () => {
  it('lists the most common counts and how many kinds there are, in a bounded message', () => {
    // 综合 must be uniform; counts 1..40 once each, 3 four times: 3 is the majority.
    const shares = [...Array.from({ length: 40 }, (_, i) => i + 1), 3, 3, 3];
    const people = shares.map((n, i) => member({ id: personId(i), unit: '甲', plan: '综合', shares: n }));
    const report = checkRoster([{ name: '花名册', rows: rosterRows(people) }]);
    const notUniform = report.findings.filter((f) => f.rule === 'SHARES_NOT_UNIFORM');
    expect(notUniform).toHaveLength(39);
    expect(longest(notUniform)).toBeLessThanOrEqual(MESSAGE_BOUND);
    expect(notUniform[0].message).toContain('"甲"中为 1份1人、2份1人、3份4人、4份1人、5份1人等40种份数，此行 1 份，应与本单位多数人一致为3份');
  });
});

// ---------------------------------------------------------------------------------------------
// Naive pairwise reference

interface Row {
  sheet: string;
  row: number;
  person: number;
  unit: string;
  plan: number;
  shares: number;
}

const planOf = (number: number) => PLANS.find((p) => p.number === number)!;

function conflicting(a: Row, b: Row): boolean {
  const [pa, pb] = [planOf(a.plan), planOf(b.plan)];
  return a.person === b.person && a.plan !== b.plan && pa.exclusiveGroup !== undefined && pa.exclusiveGroup === pb.exclusiveGroup;
}

function place(target: Row, from: Row): string {
  return `${target.sheet === from.sheet ? '' : `${target.sheet}!`}第${target.row}行`;
}

/** Findings of the three cross-row rules, each row compared with every other. */
function referenceFindings(rows: readonly Row[]): string[] {
  const out: string[] = [];
  rows.forEach((row, i) => {
    const short = planOf(row.plan).shortName;
    const others = rows.filter((other) => conflicting(row, other));
    if (others.length > 0) {
      const named = others
        .slice(0, NAMED_ROWS)
        .map((o) => `${planOf(o.plan).shortName}（${place(o, row)}）`)
        .join('、');
      const more = others.length > NAMED_ROWS ? `…等${others.length}行` : '';
      out.push(`${row.sheet}!${row.row} PLAN_CONFLICT 此人参加${short}，又参加${named}${more}；两者不能同时参保`);
    }
    const earlier = rows.slice(0, i).find((o) => o.person === row.person && o.plan === row.plan);
    if (earlier) out.push(`${row.sheet}!${row.row} DUPLICATE_ENROLLMENT 此人已在${place(earlier, row)}参加${short}，同一计划重复参保`);
    if (planOf(row.plan).shares.uniformRequired) {
      const peers = rows.filter((o) => o.unit === row.unit && o.plan === row.plan);
      const countOf = (shares: number) => peers.filter((o) => o.shares === shares).length;
      const kinds = [...new Set(peers.map((o) => o.shares))];
      if (kinds.length > 1) {
        const highest = Math.max(...kinds.map(countOf));
        const modes = kinds.filter((k) => countOf(k) === highest);
        if (!(modes.length === 1 && modes[0] === row.shares)) {
          const expected = modes.length === 1 ? `应与本单位多数人一致为${modes[0]}份` : '无法判断应为几份';
          out.push(`${row.sheet}!${row.row} SHARES_NOT_UNIFORM 此行 ${row.shares} 份 ${expected}`);
        }
      }
    }
  });
  return out.sort();
}

/** The engine's findings of the same rules, in the reference's form (share messages by their key parts). */
function engineFindings(findings: readonly Finding[]): string[] {
  return findings
    .filter((f) => ['PLAN_CONFLICT', 'DUPLICATE_ENROLLMENT', 'SHARES_NOT_UNIFORM'].includes(f.rule))
    .map((f) => {
      if (f.rule !== 'SHARES_NOT_UNIFORM') return `${f.sheet}!${f.row} ${f.rule} ${f.message}`;
      const shares = /此行 (\d+) 份/.exec(f.message)![1];
      const expected = /(应与本单位多数人一致为\d+份|无法判断应为几份)$/.exec(f.message)![1];
      return `${f.sheet}!${f.row} ${f.rule} 此行 ${shares} 份 ${expected}`;
    })
    .sort();
}

const SHEETS = ['一月', '二月'];

describe('grouping equals the naive pairwise reference', () => {
  const rowArb = fc.record({
    sheet: fc.nat(SHEETS.length - 1),
    person: fc.nat(3),
    unit: fc.constantFrom('甲', '乙'),
    plan: fc.integer({ min: 1, max: 5 }),
    shares: fc.integer({ min: 1, max: 7 }),
  });

  it('on small rosters over two sheets', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 24 }), (drawn) => {
        const sheets: SheetInput[] = SHEETS.map((name, s) => {
          const mine = drawn.filter((d) => d.sheet === s);
          // Women, so that 女职工安康 (plan 4) is open to every row.
          const people = mine.map((d) => member({ id: personId(d.person, 'F'), sex: '女', unit: d.unit, plan: d.plan, shares: d.shares }));
          return { name, rows: rosterRows(people) };
        });
        const rows: Row[] = SHEETS.flatMap((name, s) =>
          drawn.filter((d) => d.sheet === s).map((d, i) => ({ sheet: name, row: i + 2, person: d.person, unit: d.unit, plan: d.plan, shares: d.shares })),
        );
        const report = checkRoster(sheets);
        expect(engineFindings(report.findings)).toEqual(referenceFindings(rows));
        expect(longest(report.findings)).toBeLessThanOrEqual(MESSAGE_BOUND);
      }),
      { numRuns: 300 },
    );
  });
});
