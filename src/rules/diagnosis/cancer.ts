/**
 * Disease 1 (原发性恶性肿瘤): which malignancies the wording names, and whether each is primary and
 * invasive. "左乳腺浸润性导管癌伴导管原位癌" has one invasive mention (covered); "乳腺导管原位癌" only
 * an in-situ one (not covered); "肝转移癌" only a metastasis (needs review: the primary is elsewhere).
 */
import { WomensSite } from '../diseaseCatalogue';
import { Finding } from './finding';
import { lastMatch, occurrences, Reading } from './text';

/** Kind of a primary malignancy: carcinoma (癌, 恶性肿瘤) or another malignant tumour (肉瘤, 淋巴瘤 …). */
export type CancerKind = 'carcinoma' | 'other';

export interface PrimaryCancer {
  kind: CancerKind;
  /** The women's site the wording puts it in; 'otherSite' for any other organ; undefined when no site is written. */
  site: WomensSite | 'otherSite' | 'uterus' | undefined;
}

const MALIGNANT =
  /恶性(?:肿瘤|肿物|病变|[^,;。]{0,6}?瘤)|癌|肉瘤|白血病|淋巴瘤|骨髓瘤|黑色素瘤|母细胞瘤|carcinoma|cancer|sarcoma|lymphoma|leuka?emia|malignan[a-z]*|\bca(?![a-z0-9-])/g;
const CARCINOMA = /^(癌|恶性肿瘤|恶性肿物|恶性病变|carcinoma|cancer|ca|malignan[a-z]*)$/;
/** Not a tumour: 癌前 (precancerous), 癌胚抗原 (a blood marker), 抑癌基因, 防癌 screening. */
const NOT_A_MENTION_AFTER = /^(前|胚|基因|症筛查|筛查)/;
const NOT_A_MENTION_BEFORE = /(抑|防|恐)$/;
/** 类白血病 (leukaemoid), 假性淋巴瘤, 淋巴瘤样丘疹病: named after a malignancy, not one. */
const LOOKALIKE_BEFORE = /(类|假性)$/;
const LOOKALIKE_AFTER = /^(样|前期)/;
/** 血管母细胞瘤 (haemangioblastoma) is benign although it ends in 母细胞瘤. */
const BENIGN_BLASTOMA_BEFORE = /(血管|成血管)$/;
const IN_SITU_BEFORE = /原位[^,;。]{0,2}$/;
const METASTATIC_BEFORE = /(转移|继发)[^,;。]{0,6}$/;
const BORDERLINE_BEFORE = /(交界|恶性潜能)[^,;。]{0,8}$/;

/** Wording that is precancerous or in situ (not covered) when no invasive malignancy is named. */
const PRECANCER = /非典型增生|不典型增生|异型增生|上皮内瘤变|上皮内病变|\bcin[123i]*|hsil|lsil|dcis|lcis|\btis(?![a-z])|原位|交界性|低度恶性潜能|癌前/;
/** Benign tumours, and named intracranial tumours (disease 3 judges those). */
const BENIGN_NAMES =
  /良性|成熟性?(?:囊性)?畸胎瘤|血管母细胞瘤|脑膜瘤|垂体瘤|垂体腺瘤|听神经瘤|颅咽管瘤|(?:平滑)?肌瘤|腺瘤|脂肪瘤|血管瘤|纤维瘤|错构瘤|神经鞘瘤|神经纤维瘤|淋巴管瘤|乳头状瘤|动脉瘤|囊肿|息肉|结节|增生|痣/g;
/** Tumour words that say nothing about malignancy. */
const UNSPECIFIED_TUMOUR = /肿瘤|肿物|占位|新生物|包块|瘤|恶性/;
const NOT_A_TUMOUR_MALIGNANT = /恶性(高血压|贫血|疟|心律|室性|综合征)/g;
/** Wording the classifier does not settle: malignancy is possible but not stated. */
const UNSETTLED: [RegExp, string][] = [
  [/原发灶不明|原发不明|原发部位不明/, '原发部位不明，须核对是否原发性恶性肿瘤'],
  [/微浸润/, '微浸润癌：须人工核对病理是否属浸润性癌'],
  [/癌变/, '"癌变"须人工核对病理（黏膜内或浸润）'],
  [/黏膜内癌|粘膜内癌/, '黏膜内癌须人工核对是否属浸润性癌'],
  [/未成熟畸胎瘤/, '未成熟畸胎瘤须人工核对病理分级'],
  [/骨髓增生异常综合征|\bmds(?![a-z])/, '骨髓增生异常综合征是否按恶性肿瘤认定须人工核对'],
  [/间质瘤|gist/, '间质瘤须按危险度人工核对是否恶性'],
  [/类癌/, '类癌(神经内分泌肿瘤)须人工核对分级'],
  [/白血病前期|[癌瘤]前期/, '"前期"不是确诊的恶性肿瘤'],
];
const ANY_UNSETTLED = new RegExp(UNSETTLED.map(([pattern]) => pattern.source).join('|'));

const SITE =
  /乳腺|乳房|乳|卵巢|输卵管|子宫颈|宫颈|子宫体|宫体|子宫内膜|内膜|子宫|外阴|阴道|肺|肝|胃|肠|食管|鼻咽|甲状腺|膀胱|肾|胰|胆|前列腺|皮肤|骨|脑|腹膜|胸膜|口腔|喉|舌|血/g;
const SITE_OF: Record<string, WomensSite | 'uterus'> = {
  乳腺: 'breast',
  乳房: 'breast',
  乳: 'breast',
  卵巢: 'ovary',
  输卵管: 'tube',
  子宫颈: 'cervix',
  宫颈: 'cervix',
  子宫体: 'uterineBody',
  宫体: 'uterineBody',
  子宫内膜: 'uterineBody',
  内膜: 'uterineBody',
  子宫: 'uterus',
  外阴: 'vulva',
};

function siteOf(before: string): PrimaryCancer['site'] {
  // 乳头状 (papillary) and 子宫内膜样 (endometrioid) name a histology, not the breast or the endometrium.
  const cleaned = before.replace(/乳头状|乳糜/g, '#');
  const word = lastMatch(cleaned.replace(/子宫内膜样/g, '#'), SITE);
  if (word === undefined) return cleaned.includes('子宫内膜样') ? 'uterineBody' : undefined;
  return SITE_OF[word] ?? 'otherSite';
}

export interface CancerReading {
  finding: Finding | null;
  primaries: PrimaryCancer[];
}

/** Any word the cancer reading acts on; without one there is nothing to read. */
const ANY_CANCER_WORD =
  /癌|瘤|恶性|白血病|肿|占位|新生物|包块|增生|上皮内|原位|交界|cin|hsil|lsil|dcis|lcis|tis|carcinoma|cancer|sarcoma|lymphoma|leuk|malignan|ca|mds|gist|结节|囊肿|息肉|痣|原发|良性/;

export function readCancer(reading: Reading): CancerReading {
  const primaries: PrimaryCancer[] = [];
  if (!ANY_CANCER_WORD.test(reading.text)) return { finding: null, primaries };
  let inSitu = false;
  let metastatic = false;
  for (const { word, before, after } of occurrences(reading, MALIGNANT)) {
    if (word === '癌' && (NOT_A_MENTION_AFTER.test(after) || NOT_A_MENTION_BEFORE.test(before))) continue;
    if (word === '母细胞瘤' && BENIGN_BLASTOMA_BEFORE.test(before)) continue;
    if (LOOKALIKE_BEFORE.test(before) || LOOKALIKE_AFTER.test(after)) continue;
    if (IN_SITU_BEFORE.test(before) || BORDERLINE_BEFORE.test(before)) inSitu = true;
    else if (METASTATIC_BEFORE.test(before)) metastatic = true;
    else primaries.push({ kind: CARCINOMA.test(word) ? 'carcinoma' : 'other', site: siteOf(before) });
  }
  const text = reading.text;
  if (ANY_UNSETTLED.test(text)) {
    for (const [pattern, reason] of UNSETTLED) {
      if (pattern.test(text)) return { finding: { disease: 1, outcome: 'review', reason }, primaries };
    }
  }
  if (primaries.length > 0) return { finding: { disease: 1, outcome: 'covered' }, primaries };
  if (metastatic) return { finding: { disease: 1, outcome: 'review', reason: '只写明转移癌(继发)，须以原发部位的原发癌确诊申报' }, primaries };
  if (reading.malignancyDenied) return { finding: { disease: 1, outcome: 'notCovered', reason: '诊断写明未见恶性(癌)' }, primaries };
  if (inSitu || PRECANCER.test(text)) {
    return { finding: { disease: 1, outcome: 'notCovered', reason: '原位癌、癌前病变或交界性肿瘤不属原发性恶性肿瘤' }, primaries };
  }
  if (text.includes('良性')) return { finding: { disease: 1, outcome: 'notCovered', reason: '良性肿瘤不属原发性恶性肿瘤' }, primaries };
  const withoutNames = text.replace(BENIGN_NAMES, '#').replace(NOT_A_TUMOUR_MALIGNANT, '#');
  if (UNSPECIFIED_TUMOUR.test(withoutNames)) {
    return { finding: { disease: 1, outcome: 'review', reason: '未写明为恶性肿瘤(癌)，须核对病理诊断' }, primaries };
  }
  if (withoutNames !== text && /良性|瘤/.test(text)) {
    return { finding: { disease: 1, outcome: 'notCovered', reason: '良性肿瘤不属原发性恶性肿瘤' }, primaries };
  }
  return { finding: null, primaries };
}
