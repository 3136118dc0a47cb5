/**
 * The labelled corpus (test/fixtures/diagnoses.tsv): wordings as discharge summaries and pathology
 * reports write them, with the outcome the flyer's conditions call for. No wording that should not be
 * paid may be classified covered (or covered as another disease); recall is reported, not required to be 100 %.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { PLANS } from '../../src/rules/catalogue';
import { WOMENS_CANCERS } from '../../src/rules/diseaseCatalogue';
import { Classification, classifyDiagnosis } from '../../src/rules/diseases';

interface Row {
  line: number;
  wording: string;
  expected: string;
  reason: string;
}

const rows: Row[] = readFileSync(join(__dirname, '../fixtures/diagnoses.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .map((text, index) => ({ text, line: index + 2 }))
  .filter(({ text }) => text.trim() !== '')
  .map(({ text, line }) => {
    const [wording, expected, reason] = text.split('\t');
    return { line, wording, expected, reason };
  });

const womensPlan = PLANS.find((plan) => plan.covers === 'womensCancers');
if (!womensPlan) throw new Error("no women's plan in the catalogue");
const womensNames = new Set(WOMENS_CANCERS.map((cancer) => cancer.name));

const describeOutcome = (c: Classification) => (c.outcome === 'covered' ? `covered:${c.cancer ?? c.disease}` : `${c.outcome}（${c.reason}）`);

/** Each row as the checks it implies: [which classification, what it must be]. */
function checks(row: Row): { scope: string; got: Classification; want: string }[] {
  const plain = () => classifyDiagnosis(row.wording);
  const plan4 = () => classifyDiagnosis(row.wording, womensPlan);
  const covered = /^covered:(.+)$/.exec(row.expected);
  if (covered && /^\d+$/.test(covered[1])) return [{ scope: '15种', got: plain(), want: row.expected }];
  if (covered) {
    return [
      { scope: '女职工安康', got: plan4(), want: row.expected },
      { scope: '15种', got: plain(), want: 'covered:1' },
    ];
  }
  if (row.expected.startsWith('plan4:')) return [{ scope: '女职工安康', got: plan4(), want: row.expected.slice('plan4:'.length) }];
  return [
    { scope: '15种', got: plain(), want: row.expected },
    { scope: '女职工安康', got: plan4(), want: row.expected },
  ];
}

describe('the labelled diagnosis corpus', () => {
  it("is well formed: outcomes known, every disease and women's cancer in several forms, as many near misses", () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
    for (const row of rows) {
      expect([row.line, row.expected]).toEqual([row.line, expect.stringMatching(/^(covered:.+|notCovered|review|plan4:(notCovered|review))$/)]);
      expect(row.reason.trim()).not.toBe('');
      const name = /^covered:(\D.*)$/.exec(row.expected)?.[1];
      if (name !== undefined) expect(womensNames).toContain(name);
    }
    const count = (expected: string) => rows.filter((row) => row.expected === expected).length;
    for (let n = 1; n <= 15; n += 1) expect([n, count(`covered:${n}`) >= 3]).toEqual([n, true]);
    for (const name of womensNames) expect([name, count(`covered:${name}`) >= 2]).toEqual([name, true]);
    const coveredRows = rows.filter((row) => row.expected.startsWith('covered:')).length;
    expect(rows.length - coveredRows).toBeGreaterThanOrEqual(coveredRows);
    expect(new Set(rows.map((row) => row.wording)).size).toBe(rows.length);
  });

  it('pays no wording that should not be paid, and reports recall', () => {
    const wrongPays: string[] = [];
    const missed: string[] = [];
    const otherOutcome: string[] = [];
    let coveredChecks = 0;
    let coveredHits = 0;
    let refusalChecks = 0;
    let refusalAgreements = 0;
    for (const row of rows) {
      for (const { scope, got, want } of checks(row)) {
        const gotText = describeOutcome(got);
        const where = `line ${row.line} [${scope}] ${row.wording}: expected ${want}, got ${gotText}`;
        if (want.startsWith('covered:')) {
          coveredChecks += 1;
          if (got.outcome !== 'covered') missed.push(where);
          else if (`covered:${got.cancer ?? got.disease}` === want) coveredHits += 1;
          else wrongPays.push(where); // covered as another disease or cancer: a wrong amount or label
        } else {
          refusalChecks += 1;
          if (got.outcome === 'covered') wrongPays.push(where);
          else if (got.outcome === want) refusalAgreements += 1;
          else otherOutcome.push(where);
        }
      }
    }
    const recall = coveredHits / coveredChecks;
    console.log(
      [
        `diagnosis corpus: ${rows.length} wordings, ${coveredChecks + refusalChecks} checks`,
        `recall ${coveredHits}/${coveredChecks} = ${(recall * 100).toFixed(1)} %`,
        `refusals ${refusalChecks}, same refusal (not covered / review) as labelled: ${refusalAgreements}`,
        `wrongly paid: ${wrongPays.length}`,
        ...missed.map((m) => `  missed: ${m}`),
        ...otherOutcome.map((m) => `  other refusal: ${m}`),
      ].join('\n'),
    );
    expect(wrongPays).toEqual([]);
    // A floor so that a change that loses many covered wordings fails; 100 % is not required.
    expect(recall).toBeGreaterThan(0.9);
  });
});
