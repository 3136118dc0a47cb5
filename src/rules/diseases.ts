/**
 * Free-text diagnosis → covered as designated disease N (or as one of plan 4's cancers), not covered,
 * or needs review, with the reason. Each detector (src/rules/diagnosis/) reads the site, the kind and
 * the qualifiers of its disease; words that hedge (疑似, 待查, 考虑 …) or say "not the first time"
 * (复发, 再次植入) then hold back any covered finding. When in doubt: review, never covered.
 */
import { DESIGNATED_DISEASES, WOMENS_CANCERS } from './diseaseCatalogue';
import { Plan, PLANS } from './catalogue';
import { memoizeText } from './memo';
import { PrimaryCancer, readCancer } from './diagnosis/cancer';
import { aplasticAnaemia, avianFlu, endStageKidney, motorNeuroneDisease, quadriplegia, sars, severeHepatitis } from './diagnosis/conditions';
import { severeBurn } from './diagnosis/burns';
import { aorticSurgery, coronaryBypass, coronaryStent, intracranialTumour, transplant, valveReplacement } from './diagnosis/surgery';
import { Finding } from './diagnosis/finding';
import { read, Reading } from './diagnosis/text';

export { normaliseDiagnosis } from './diagnosis/text';

/** designated = covered; unsure = needs review; unknown = not covered (any of the 15). */
export type DiagnosisMatch =
  | { kind: 'designated'; number: number; name: string }
  | { kind: 'unsure'; candidates: number[]; reason: string }
  | { kind: 'unknown'; reason: string }
  | { kind: 'empty'; reason: string };

export type WomensCancerMatch = { kind: 'covered'; name: string } | { kind: 'unsure'; reason: string } | { kind: 'notCovered'; reason: string };

export type Classification =
  { outcome: 'covered'; disease: number; cancer?: string; name: string } | { outcome: 'notCovered'; reason: string } | { outcome: 'review'; reason: string };

/**
 * The detectors, each behind a quick test: a character or word that every wording the detector acts on
 * contains (most wordings concern one or two diseases; the quick tests keep the rest cheap).
 */
const DETECTORS: [RegExp, (reading: Reading) => Finding | null][] = [
  [/[尿肾透]|ckd|esrd|aki/, endStageKidney],
  [/[瘤占肿物]/, intracranialTumour],
  [/[搭旁]|cabg|opcab/, coronaryBypass],
  [/瓣|mvr|avr|dvr|tvr|tav|bentall/, valveReplacement],
  [/[冠典]|呼吸综合征|sars|covid|ncov|原体|军团菌/, sars],
  [/移植|换[肾肝]/, transplant],
  [/再/, aplasticAnaemia],
  [/肝/, severeHepatitis],
  [/[瘫痹]/, quadriplegia],
  [/主动脉/, aorticSurgery],
  [/[流禽]|h\d/, avianFlu],
  [/[运侧渐延萎]|als|mnd|sma/, motorNeuroneDisease],
  [/[烧烫灼]|火焰/, severeBurn],
  [/支架|stent|pci|ptca|球囊|造影|介入|旋磨|抽吸|cag|cta|dcb/, coronaryStent],
];

/** Diseases some plan pays at a reduced amount (the coronary stent): with another disease, the amount is unsettled. */
const REDUCED_AMOUNT_NUMBERS = new Set(PLANS.flatMap((plan) => plan.benefits.flatMap((benefit) => Object.keys(benefit.reducedFor ?? {}).map(Number))));

interface Analysis {
  match: DiagnosisMatch;
  primaries: PrimaryCancer[];
}

const NAMES = new Map(DESIGNATED_DISEASES.map((entry) => [entry.number, entry.name]));
const nameOf = (number: number) => NAMES.get(number) ?? '';
const LABELS = new Map(DESIGNATED_DISEASES.map((entry) => [entry.number, `第${entry.number}种${entry.name.split('(')[0]}`]));

function reasons(findings: Finding[]): string {
  return findings.map((f) => ('reason' in f ? `${LABELS.get(f.disease)}：${f.reason}` : '')).join('；');
}

/** Holds back covered findings the whole text qualifies: a relapse makes them not covered; a hedge, or history or follow-up, review. */
function qualify(findings: Finding[], reading: Reading): Finding[] {
  return findings.map((finding): Finding => {
    if (finding.outcome !== 'covered') return finding;
    if (reading.notFirst) return { ...finding, outcome: 'notCovered', reason: `诊断含"${reading.notFirst}"，不属初次确诊(或初次施行)` };
    if (reading.hedge) return { ...finding, outcome: 'review', reason: `诊断含"${reading.hedge}"，尚非确诊` };
    if (reading.context) {
      return { ...finding, outcome: 'review', reason: `诊断含"${reading.context}"(亲属、病史、检查、随访或并发症)，须核对是否本人本次初次确诊` };
    }
    return finding;
  });
}

function analyse(diagnosis: string): Analysis {
  const reading = read(diagnosis);
  if (reading.text === '') return { match: { kind: 'empty', reason: '诊断为空' }, primaries: [] };
  if (!/[\u4e00-\u9fffa-z]/.test(reading.text)) {
    return { match: { kind: 'unsure', candidates: [], reason: `"${diagnosis.trim()}"没有写明疾病名称` }, primaries: [] };
  }
  const cancer = readCancer(reading);
  const found: Finding[] = cancer.finding ? [cancer.finding] : [];
  for (const [quick, detect] of DETECTORS) {
    const finding = quick.test(reading.text) ? detect(reading) : null;
    if (finding) found.push(finding);
  }
  const findings = qualify(found, reading);
  const primaries = cancer.primaries;
  const coveredNumbers: number[] = [];
  for (const f of findings) if (f.outcome === 'covered' && !coveredNumbers.includes(f.disease)) coveredNumbers.push(f.disease);
  coveredNumbers.sort((a, b) => a - b);
  if (coveredNumbers.length > 1 && coveredNumbers.some((n) => REDUCED_AMOUNT_NUMBERS.has(n))) {
    const reason = `诊断同时符合第${coveredNumbers.join('、')}种，给付金额不同，请分别申报`;
    return { match: { kind: 'unsure', candidates: coveredNumbers, reason }, primaries };
  }
  if (coveredNumbers.length > 0) {
    return { match: { kind: 'designated', number: coveredNumbers[0], name: nameOf(coveredNumbers[0]) }, primaries };
  }
  const doubtful = findings.filter((f) => f.outcome === 'review');
  if (doubtful.length > 0) {
    return { match: { kind: 'unsure', candidates: [...new Set(doubtful.map((f) => f.disease))], reason: reasons(doubtful) }, primaries };
  }
  if (findings.length > 0) return { match: { kind: 'unknown', reason: reasons(findings) }, primaries };
  return { match: { kind: 'unknown', reason: `"${diagnosis.trim()}"不属十五种指定疾病（手术）` }, primaries };
}

const analyseRemembered = memoizeText(analyse, 10_000);

/**
 * Matches a diagnosis to a designated disease: "左肺腺癌" → 1; "尿毒症" → 2; "冠脉支架植入术后" → 15;
 * "脑膜瘤" → unsure (须已摘除); "感冒", "乳腺导管原位癌" → unknown (not covered).
 * Answers are remembered (bounded): diagnoses repeat down a sheet of formulas.
 */
export function matchDiagnosis(diagnosis: string): DiagnosisMatch {
  return analyseRemembered(diagnosis).match;
}

const WOMENS_NAME = new Map<string, string>(WOMENS_CANCERS.map((cancer) => [cancer.site, cancer.name]));
WOMENS_NAME.set('uterus', '宫体癌或宫颈癌');
const WOMENS_NAMES_TEXT = WOMENS_CANCERS.map((cancer) => cancer.name).join('、');

/** For plan 4: is the diagnosis one of the six women's cancers it covers? Read off the site of the primary cancer. */
export function matchWomensCancer(diagnosis: string): WomensCancerMatch {
  const { match, primaries } = analyseRemembered(diagnosis);
  if (match.kind === 'unsure') return { kind: 'unsure', reason: match.reason };
  if (match.kind !== 'designated') return { kind: 'notCovered', reason: match.reason };
  const notOne = { kind: 'notCovered', reason: `"${diagnosis.trim()}"不属女职工安康保障的${WOMENS_NAMES_TEXT}` } as const;
  if (match.number !== 1) return notOne;
  const womens = primaries.find((p) => p.kind === 'carcinoma' && p.site !== undefined && WOMENS_NAME.has(p.site));
  if (womens?.site !== undefined) return { kind: 'covered', name: WOMENS_NAME.get(womens.site) as string };
  if (primaries.some((p) => p.site !== undefined && WOMENS_NAME.has(p.site))) {
    return { kind: 'unsure', reason: '女性生殖器官或乳腺的恶性肿瘤不是癌(如肉瘤、淋巴瘤)，是否属所保障的癌症须人工核对' };
  }
  if (primaries.some((p) => p.site === undefined && p.kind === 'carcinoma'))
    return { kind: 'unsure', reason: '诊断未写明癌的部位，须核对是否为所保障的六种癌症' };
  return notOne;
}

/** The message for a diagnosis that is not paid, saying which of the two it is: 需人工核对 or 不属保障范围. */
export function refusalMessage(result: Exclude<Classification, { outcome: 'covered' }>): string {
  return result.outcome === 'review' ? `需人工核对：${result.reason}` : `不属保障范围：${result.reason}`;
}

/**
 * One entry point: what the plan's disease benefit makes of the diagnosis. Without a plan, the 15
 * diseases. An empty diagnosis needs review (there is nothing to judge).
 */
export function classifyDiagnosis(diagnosis: string, plan?: Plan): Classification {
  if (plan?.covers === 'none') return { outcome: 'notCovered', reason: `${plan.shortName}不保障疾病` };
  if (plan?.covers === 'womensCancers') {
    const womens = matchWomensCancer(diagnosis);
    if (womens.kind === 'covered') return { outcome: 'covered', disease: 1, cancer: womens.name, name: womens.name };
    return womens.kind === 'unsure' ? { outcome: 'review', reason: womens.reason } : { outcome: 'notCovered', reason: womens.reason };
  }
  const match = matchDiagnosis(diagnosis);
  switch (match.kind) {
    case 'designated':
      return { outcome: 'covered', disease: match.number, name: match.name };
    case 'unsure':
    case 'empty':
      return { outcome: 'review', reason: match.reason };
    default:
      return { outcome: 'notCovered', reason: match.reason };
  }
}

/** The designated disease's name by number (1–15), for messages and the PLANS table. */
export function designatedDiseaseName(number: number): string | undefined {
  return DESIGNATED_DISEASES.find((entry) => entry.number === number)?.name;
}
