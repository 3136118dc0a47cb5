/**
 * Properties of the diagnosis classifier over the labelled corpus and over any text: a hedge, a
 * relapse or "surgery not done" added to a covered wording never makes it covered; nothing throws.
 */
import fc from 'fast-check';
import { readFileSync } from 'fs';
import { join } from 'path';
import { PLANS } from '../../src/rules/catalogue';
import { findEvent, computePayout } from '../../src/rules/payout';
import { classifyDiagnosis, matchDiagnosis, matchWomensCancer } from '../../src/rules/diseases';

const corpus = readFileSync(join(__dirname, '../fixtures/diagnoses.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => line.split('\t'));
const covered = corpus.filter(([, expected]) => expected.startsWith('covered:')).map(([wording]) => wording);
/** The designated operations: "not done" takes them away. */
const SURGICAL = new Set([3, 4, 5, 7, 11, 15]);
const coveredOperations = covered.filter((wording) => {
  const match = matchDiagnosis(wording);
  return match.kind === 'designated' && SURGICAL.has(match.number);
});

const HEDGES = ['疑似', '待查', '待排', '可能', '考虑', '不除外', '不排除', '?', '？', '倾向', '待病理', '复查', '印象'];
const NOT_FIRST = ['复发', '再发', '第二次'];
const NOT_DONE = ['未手术', '拟行', '未行', '待手术', '建议手术', '择期手术', '放弃手术', '保守治疗'];

/** Where a word can go: anywhere, or (whole words) at the ends and beside spaces and punctuation. */
function positions(wording: string, anywhere: boolean): number[] {
  const all = Array.from({ length: wording.length + 1 }, (_, i) => i);
  return anywhere ? all : all.filter((i) => i === 0 || i === wording.length || /[\s，,；;()（）:：、]/.test(wording[i - 1] + wording[i]));
}

/** The wording with a word put in at a position, with or without a separator around it. */
const insertion = (wordings: string[], words: string[], anywhere: boolean) =>
  fc
    .record({ wording: fc.constantFrom(...wordings), word: fc.constantFrom(...words), at: fc.nat(), separator: fc.constantFrom('', ' ', '，', '(', '；') })
    .map(({ wording, word, at, separator }) => {
      const places = positions(wording, anywhere);
      const position = places[at % places.length];
      return `${wording.slice(0, position)}${separator}${word}${separator === '(' ? ')' : separator}${wording.slice(position)}`;
    });

/** "无复发", "未见转移": a word put inside a negation is negated with it, so those wordings are left out there. */
const NEGATION = /未见|未发现|无|否认|不伴/;

const womensPlan = PLANS.find((plan) => plan.covers === 'womensCancers');

function neverCovered(text: string) {
  expect([text, matchDiagnosis(text).kind]).not.toEqual([text, 'designated']);
  expect([text, matchWomensCancer(text).kind]).not.toEqual([text, 'covered']);
  expect([text, classifyDiagnosis(text, womensPlan).outcome]).not.toEqual([text, 'covered']);
}

describe('the classifier never pays a doubtful wording', () => {
  it('the corpus has covered wordings of every kind to start from', () => {
    expect(covered.length).toBeGreaterThan(100);
    expect(coveredOperations.length).toBeGreaterThan(20);
  });

  it('a hedge (疑似, 待查, 可能 …) anywhere in a covered wording → never covered', () => {
    fc.assert(fc.property(insertion(covered, HEDGES, true), neverCovered), { numRuns: 1500 });
  });

  it('"疑似" or "术前诊断：" in front of a covered wording → never covered', () => {
    for (const wording of covered) {
      neverCovered(`疑似${wording}`);
      neverCovered(`术前诊断：${wording}`);
    }
  });

  it('a relapse (复发) added to a covered wording → never covered', () => {
    fc.assert(
      fc.property(
        insertion(
          covered.filter((w) => !NEGATION.test(w)),
          NOT_FIRST,
          false,
        ),
        neverCovered,
      ),
      { numRuns: 800 },
    );
  });

  it('"not done" (未手术, 拟行 …) added to a covered operation → never covered', () => {
    fc.assert(fc.property(insertion(coveredOperations, NOT_DONE, false), neverCovered), { numRuns: 800 });
  });
});

describe('any text', () => {
  const anyText = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    fc
      .array(fc.constantFrom(...'癌瘤肺乳腺宫颈卵巢恶性原位转移复发支架冠脉主动脉瓣置换移植异体自体肾衰尿毒症III度烧伤%0123456789.,;()?疑似未拟行术后 '), {
        maxLength: 30,
      })
      .map((chars) => chars.join('')),
  );

  it('classifies without throwing, into a known outcome with a reason', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(undefined, ...PLANS), (text, plan) => {
        const result = classifyDiagnosis(text, plan);
        expect(['covered', 'notCovered', 'review']).toContain(result.outcome);
        if (result.outcome === 'covered') {
          expect(result.name).not.toBe('');
          expect(result.disease).toBeGreaterThanOrEqual(1);
          expect(result.disease).toBeLessThanOrEqual(15);
        } else {
          expect(result.reason).toMatch(/[\u4e00-\u9fff]/);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('a disease claim for any text is an amount ≥ 0 or a failure with a message, never a throw', () => {
    const event = findEvent('重疾');
    if (!event) throw new Error('no 重疾 event');
    fc.assert(
      fc.property(anyText, fc.constantFrom(...PLANS), fc.integer({ min: 1, max: 5 }), (text, plan, shares) => {
        const result = computePayout({ plan, shares, event, diagnosis: text });
        if (result.ok) expect(result.amount).toBeGreaterThanOrEqual(0);
        else expect(result.message).toMatch(/[\u4e00-\u9fff]/);
      }),
      { numRuns: 800 },
    );
  });
});
