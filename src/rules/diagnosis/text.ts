/**
 * The diagnosis text as the detectors read it: normalised once, cut into clauses, with the words that
 * qualify every finding (hedges, relapse, surgery not done) found once.
 */
import { toHalfWidth } from '../dates';

const ROMAN: Record<string, string> = { Ⅰ: 'i', Ⅱ: 'ii', Ⅲ: 'iii', Ⅳ: 'iv', Ⅴ: 'v', ⅰ: 'i', ⅱ: 'ii', ⅲ: 'iii', ⅳ: 'iv', ⅴ: 'v' };

/** Half-width, Roman numerals as letters, ° as 度, no spaces, lower case: "Ⅲ° 烧伤 ２５％" → "iii度烧伤25%". */
export function normaliseDiagnosis(text: string): string {
  let out = toHalfWidth(text)
    .replace(/[\s\u00a0\u3000]+/g, '')
    .toLowerCase();
  if (/[ⅠⅡⅢⅣⅤⅰⅱⅲⅳⅴ°]/.test(out)) out = out.replace(/[ⅠⅡⅢⅣⅤⅰⅱⅲⅳⅴ]/g, (ch) => ROMAN[ch]).replace(/°/g, '度');
  return out;
}

/** Clause breaks: list punctuation, and the full stop of numbering ("1.肺癌2.高血压"). */
const BREAKS = ',;。、/+\n\r|:.';
const CLAUSE_BREAK = /[,;。、/+\n\r|:.]/;

const HEDGE = /疑似|可疑|疑诊|疑为|待查|待排|待除外|待确诊|待病理|不除外|不排除|排除|可能|考虑|倾向|拟诊|印象|复查|术前(?!降)|\?/;

/** "无复发", "未见转移", "未见恶性肿瘤细胞": negated findings are removed before anything else is read. */
const NEGATED = /(未见|未发现|未查见|无|否认|不伴)[^,;。]{0,8}?(复发|转移|再狭窄|恶性肿瘤|恶性|癌|肿瘤)/g;
/** The first character of every negation: without one, there is nothing to set aside. */
const NEGATOR = /[未无否不]/;
const NEGATED_MALIGNANCY = /(未见|未发现|未查见|无|否认|不伴)[^,;。]{0,8}?(恶性|癌)/;
const NOT_FIRST = /复发|再发|再狭窄|再次(行|植入|置入|手术|移植|搭桥|换瓣|支架|切除)|二次(手术|移植|搭桥|换瓣)|第二次/;
/** Wording about a relative, history, tests, follow-up or a complication of an earlier operation, not a new diagnosis. */
const CONTEXT =
  /家族史|母亲|父亲|配偶|丈夫|妻子|儿子|女儿|家属|亲属|既往|病史|高危|筛查|体检|恐惧|疫苗|接种|抗体|检测|随访|配型|排斥|失功|并发症|心内膜炎|瓣周漏|支架内|再次|术后\d+年|\d+年后/;
const NOT_DONE =
  /(未|没有?)(行|做|施行|接受|能)?(手术|植入|置入|放置|安置|切除|摘除|移植|搭桥|换瓣)|未行|拟(行|做|于|择期|手术)|待手术|待行|建议(手术|行|植入|置入|支架|搭桥|换瓣|切除|移植)|择期(手术|行)|放弃手术|拒绝手术|保守治疗|术前(?!降)|拟(?!诊)/;

/** The diagnosis as the detectors read it; `clauses` is cut only when a detector asks for it. */
/**
 * The diagnosis as the detectors read it. Only the text is worked out up front; the rest is found
 * when a detector first asks (most wordings concern one disease and need few of them).
 */
export class Reading {
  /** The text normalised, before negations are set aside. */
  private readonly normalised: string;
  /** The whole normalised text, negated findings ("无复发") blanked out. */
  readonly text: string;
  private cache: { clauses?: string[]; denied?: boolean } = {};
  private found: Partial<Record<'hedge' | 'notFirst' | 'context' | 'notDone', string | null>> = {};

  constructor(diagnosis: string) {
    this.normalised = normaliseDiagnosis(diagnosis);
    this.text = NEGATOR.test(this.normalised) ? this.normalised.replace(NEGATED, '#') : this.normalised;
  }

  /** Clauses: the text cut at list punctuation and numbering ("1.肺癌2.高血压"). */
  get clauses(): string[] {
    this.cache.clauses ??= this.text.split(CLAUSE_BREAK).filter((clause) => clause !== '');
    return this.cache.clauses;
  }

  /** The first word of the pattern in the text, looked for once. */
  private first(key: keyof Reading['found'], pattern: RegExp, text: string): string | undefined {
    if (this.found[key] === undefined) this.found[key] = pattern.exec(text)?.[0] ?? null;
    return this.found[key] ?? undefined;
  }

  /** A word that makes the diagnosis unconfirmed (疑似, 待查, 考虑 …), if any; it counts even inside a negation ("无疑似复发"). */
  get hedge(): string | undefined {
    return this.first('hedge', HEDGE, this.normalised);
  }

  /** A word saying this is not the first diagnosis or operation (复发, 再次植入 …), if any. */
  get notFirst(): string | undefined {
    return this.first('notFirst', NOT_FIRST, this.text);
  }

  /** A word saying the text is about a relative, history, a test, follow-up or a complication (家族史, 随访, 排斥 …), if any. */
  get context(): string | undefined {
    return this.first('context', CONTEXT, this.text);
  }

  /** A phrase saying the operation has not been done (未手术, 拟行, 术前 …), if any. */
  get notDone(): string | undefined {
    return this.first('notDone', NOT_DONE, this.text);
  }

  /** The wording denies malignancy ("病理：未见恶性肿瘤细胞"). */
  get malignancyDenied(): boolean {
    this.cache.denied ??= NEGATED_MALIGNANCY.test(this.normalised);
    return this.cache.denied;
  }
}

export const read = (diagnosis: string): Reading => new Reading(diagnosis);

/** The last match of a global pattern in the text (the nearest site word before a finding). */
export function lastMatch(text: string, pattern: RegExp): string | undefined {
  let last: string | undefined;
  pattern.lastIndex = 0;
  for (let found = pattern.exec(text); found !== null; found = pattern.exec(text)) {
    last = found[0];
    if (found[0] === '') pattern.lastIndex += 1;
  }
  return last;
}

/** Every occurrence of a global pattern, with the text of its clause before and after it. */
export function occurrences(reading: Reading, pattern: RegExp): { word: string; before: string; after: string }[] {
  const text = reading.text;
  const found: { word: string; before: string; after: string }[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    let start = match.index;
    while (start > 0 && !BREAKS.includes(text[start - 1])) start -= 1;
    let end = match.index + match[0].length;
    const wordEnd = end;
    while (end < text.length && !BREAKS.includes(text[end])) end += 1;
    found.push({ word: match[0], before: text.slice(start, match.index), after: text.slice(wordEnd, end) });
  }
  return found;
}
