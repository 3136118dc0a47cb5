/**
 * Free-text diagnosis → one of the 15 designated diseases (and, for plan 4, which women's cancer).
 * Clerks type 肺癌, 尿毒症, 心脏支架 …; a diagnosis the words do not settle is reported as unsure
 * with the reason, never guessed.
 */
import {
  DESIGNATED_DISEASES,
  DiseaseEntry,
  NOT_FIRST_DIAGNOSIS_WORDS,
  UNCERTAIN_WORDS,
  WOMENS_CANCERS,
} from './diseaseCatalogue';
import { PLANS } from './catalogue';
import { toHalfWidth } from './dates';
import { memoizeText } from './memo';

export type DiagnosisMatch =
  | { kind: 'designated'; number: number; name: string }
  | { kind: 'unsure'; candidates: number[]; reason: string }
  | { kind: 'unknown'; reason: string }
  | { kind: 'empty'; reason: string };

export type WomensCancerMatch =
  | { kind: 'covered'; name: string }
  | { kind: 'unsure'; reason: string }
  | { kind: 'notCovered' };

export function normaliseDiagnosis(text: string): string {
  return toHalfWidth(text).replace(/[\s\u00a0]+/g, '').toLowerCase();
}

interface PreparedEntry {
  entry: DiseaseEntry;
  words: string[];
  needs: string[];
  notWords: string[];
  doubtWords: string[];
}

function prepare(entries: readonly DiseaseEntry[]): PreparedEntry[] {
  return entries.map((entry) => ({
    entry,
    words: entry.words.map(normaliseDiagnosis),
    needs: (entry.needs ?? []).map(normaliseDiagnosis),
    notWords: (entry.notWords ?? []).map(normaliseDiagnosis),
    doubtWords: (entry.doubtWords ?? []).map(normaliseDiagnosis),
  }));
}

const PREPARED_DESIGNATED = prepare(DESIGNATED_DISEASES);
const PREPARED_WOMENS = prepare(WOMENS_CANCERS);
const UNCERTAIN = UNCERTAIN_WORDS.map(normaliseDiagnosis);
const NOT_FIRST = NOT_FIRST_DIAGNOSIS_WORDS.map(normaliseDiagnosis);

/** ASCII words (pci, als, sars) must stand alone, so that "normals" is not ALS. */
function contains(text: string, word: string): boolean {
  if (!/^[a-z0-9]+$/.test(word)) return text.includes(word);
  return new RegExp(`(^|[^a-z])${word}($|[^a-z])`).test(text);
}

type EntryVerdict = { sure: true } | { sure: false; reason: string } | null;

function judgeEntry(prepared: PreparedEntry, text: string): EntryVerdict {
  let own = text;
  for (const word of prepared.notWords) own = own.split(word).join('|');
  if (!prepared.words.some((word) => contains(own, word))) return null;
  if (prepared.needs.length > 0 && !prepared.needs.some((word) => contains(own, word))) {
    return { sure: false, reason: prepared.entry.unsureReason ?? '诊断不足以确认' };
  }
  if (prepared.doubtWords.some((word) => contains(own, word))) {
    return { sure: false, reason: prepared.entry.doubtReason ?? '诊断不足以确认' };
  }
  return { sure: true };
}

function foundWord(text: string, words: string[]): string | undefined {
  return words.find((word) => contains(text, word));
}

/**
 * Diseases some plan pays at a reduced amount (the coronary stent). Sure matches of such a disease and
 * another one cannot be settled by the software (肺癌 + 心脏支架): the amounts differ.
 */
const REDUCED_AMOUNT_NUMBERS = new Set(
  PLANS.flatMap((plan) => plan.benefits.flatMap((benefit) => Object.keys(benefit.reducedFor ?? {}).map(Number))),
);

/**
 * Matches a diagnosis to a designated disease:
 * "肺癌" → 1; "尿毒症" → 2; "心脏支架" → 15; "脑膜瘤" → unsure (须已摘除); "感冒" → unknown.
 * Answers are remembered (bounded): diagnoses repeat down a sheet of formulas.
 */
export const matchDiagnosis: (diagnosis: string) => DiagnosisMatch = memoizeText((diagnosis) => matchDiagnosisUncached(diagnosis), 10_000);

function matchDiagnosisUncached(diagnosis: string): DiagnosisMatch {
  const text = normaliseDiagnosis(diagnosis);
  if (text === '') return { kind: 'empty', reason: '诊断为空' };
  const sure: DiseaseEntry[] = [];
  const unsure: { entry: DiseaseEntry; reason: string }[] = [];
  for (const prepared of PREPARED_DESIGNATED) {
    const verdict = judgeEntry(prepared, text);
    if (verdict === null) continue;
    if (verdict.sure) sure.push(prepared.entry);
    else unsure.push({ entry: prepared.entry, reason: verdict.reason });
  }
  if (sure.length === 0 && unsure.length === 0) {
    return { kind: 'unknown', reason: `"${diagnosis.trim()}"不属于或未能识别为十五种指定疾病（手术）` };
  }
  const hedge = foundWord(text, UNCERTAIN);
  if (hedge) {
    return {
      kind: 'unsure',
      candidates: [...sure, ...unsure.map((u) => u.entry)].map((e) => e.number),
      reason: `诊断含"${hedge}"，尚非确诊`,
    };
  }
  const relapse = foundWord(text, NOT_FIRST);
  if (relapse) {
    return {
      kind: 'unsure',
      candidates: [...sure, ...unsure.map((u) => u.entry)].map((e) => e.number),
      reason: `诊断含"${relapse}"，须为初次确诊的原发疾病`,
    };
  }
  if (sure.length > 0) {
    const numbers = [...new Set(sure.map((e) => e.number))].sort((a, b) => a - b);
    if (numbers.length > 1 && numbers.some((n) => REDUCED_AMOUNT_NUMBERS.has(n))) {
      return {
        kind: 'unsure',
        candidates: numbers,
        reason: `诊断同时符合第${numbers.join('、')}种，给付金额不同，请分别申报`,
      };
    }
    const first = sure.find((e) => e.number === numbers[0]) as DiseaseEntry;
    return { kind: 'designated', number: first.number, name: first.name };
  }
  return {
    kind: 'unsure',
    candidates: unsure.map((u) => u.entry.number),
    reason: unsure.map((u) => `第${u.entry.number}种${u.entry.name}:${u.reason}`).join(';'),
  };
}

/** For plan 4: is the diagnosis one of the six women's cancers it covers? */
export function matchWomensCancer(diagnosis: string): WomensCancerMatch {
  const text = normaliseDiagnosis(diagnosis);
  const designated = matchDiagnosis(diagnosis);
  for (const prepared of PREPARED_WOMENS) {
    if (judgeEntry(prepared, text)?.sure) {
      if (designated.kind === 'designated' && designated.number === prepared.entry.number) {
        return { kind: 'covered', name: prepared.entry.name };
      }
      if (designated.kind === 'unsure') return { kind: 'unsure', reason: designated.reason };
    }
  }
  return { kind: 'notCovered' };
}

/** The designated disease's name by number (1–15), for messages and the PLANS table. */
export function designatedDiseaseName(number: number): string | undefined {
  return DESIGNATED_DISEASES.find((entry) => entry.number === number)?.name;
}
