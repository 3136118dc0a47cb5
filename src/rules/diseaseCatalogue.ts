/**
 * The 15 designated diseases and surgeries (十五种指定疾病(手术)) and plan 4's women's cancers, as
 * data: the flyer's wording and the conditions each one sets. Source: the flyer's list
 * "十五种指定疾病(手术)保障所指范围" and its plan 4 row ("原发性乳腺癌、卵巢癌、宫体癌宫颈癌、外阴癌、
 * 输卵管癌"). How hospital wording is read against these conditions is src/rules/diagnosis/ (the
 * project's reading, docs/rules.md "How a diagnosis is classified").
 */

export interface DiseaseEntry {
  number: number;
  name: string;
  /** The flyer's condition(s) the classifier enforces, in the words of the flyer. */
  conditions: string;
}

export const DESIGNATED_DISEASES_SOURCE = '苍梧县总工会宣传单「十五种指定疾病(手术)保障所指范围」：经县级以上医院确诊为初次患(或施行)以下指定疾病(或手术)';

export const DESIGNATED_DISEASES: readonly DiseaseEntry[] = [
  { number: 1, name: '原发性恶性肿瘤', conditions: '原发性、恶性（非良性、原位癌、癌前病变、交界性、转移或继发）' },
  { number: 2, name: '终末期肾病(慢性肾功能衰竭尿毒症期)', conditions: '慢性肾功能衰竭已到尿毒症期（终末期）' },
  { number: 3, name: '颅内原发性肿瘤摘除术', conditions: '颅内原发性肿瘤，且已施行摘除手术' },
  { number: 4, name: '冠状动脉搭桥术(冠状动脉旁路移植手术)', conditions: '冠状动脉的搭桥(旁路移植)手术，已施行' },
  { number: 5, name: '心脏瓣膜置换手术', conditions: '心脏瓣膜置换（非成形、修复），已施行' },
  { number: 6, name: '非典型肺炎', conditions: '传染性非典型肺炎(SARS)' },
  { number: 7, name: '异体心脏、肾脏、肝脏、肺、造血干细胞的移植术', conditions: '异体移植，本人为受体，器官为心、肾、肝、肺或造血干细胞' },
  { number: 8, name: '再生障碍性贫血', conditions: '再生障碍性贫血（非纯红细胞再生障碍）' },
  { number: 9, name: '急性或亚急性重型肝炎', conditions: '急性或亚急性的重型肝炎（肝衰竭）；慢性、慢加急性不属之' },
  { number: 10, name: '四肢瘫痪', conditions: '四肢瘫痪（截瘫、偏瘫不属之）' },
  { number: 11, name: '主动脉手术', conditions: '施行于主动脉本身的手术（瓣膜、球囊反搏、造影不属之）' },
  { number: 12, name: '致病性人禽流感', conditions: '人感染禽流感（季节性流感、接触者不属之）' },
  { number: 13, name: '严重运动神经元病', conditions: '确诊运动神经元病' },
  { number: 14, name: '严重III度烧伤', conditions: 'III度烧伤，且III度面积达严重程度' },
  { number: 15, name: '冠状动脉支架植入术', conditions: '冠状动脉内已植入支架（造影、单纯球囊扩张不属之）' },
];

/**
 * 严重III度烧伤: the flyer does not say how large "严重" is. The project reads it as the insurance
 * industry's standard definition: III度 area of at least 20 % of the body surface.
 */
export const SEVERE_BURN_MIN_THIRD_DEGREE_PERCENT = 20;
export const SEVERE_BURN_SOURCE =
  '中国保险行业协会《重大疾病保险的疾病定义使用规范》"严重Ⅲ度烧伤：指烧伤程度为Ⅲ度，且Ⅲ度烧伤的面积达到全身体表面积的20%或20%以上"';

/** Where a women's cancer sits; the classifier reads the site off the wording. */
export type WomensSite = 'breast' | 'ovary' | 'uterineBody' | 'cervix' | 'vulva' | 'tube';

/** Plan 4 covers only these primary cancers (all of them are designated disease 1). */
export const WOMENS_CANCERS: readonly { site: WomensSite; name: string }[] = [
  { site: 'breast', name: '原发性乳腺癌' },
  { site: 'ovary', name: '卵巢癌' },
  { site: 'uterineBody', name: '宫体癌' },
  { site: 'cervix', name: '宫颈癌' },
  { site: 'vulva', name: '外阴癌' },
  { site: 'tube', name: '输卵管癌' },
];
export const WOMENS_CANCERS_SOURCE = '苍梧县总工会宣传单 三、4："原发性乳腺癌、卵巢癌、宫体癌宫颈癌、外阴癌、输卵管癌"';
