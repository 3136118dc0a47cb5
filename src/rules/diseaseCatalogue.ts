/**
 * The 15 designated diseases and surgeries (十五种指定疾病(手术)) and plan 4's women's cancers, as
 * data: the flyer's wording and the words clerks use for each. Source: the flyer's list
 * "十五种指定疾病(手术)保障所指范围" and its plan 4 row ("原发性乳腺癌、卵巢癌、宫体癌宫颈癌、外阴癌、
 * 输卵管癌"). The word lists are the project's reading of common clinical wording.
 *
 * Words are matched against the diagnosis after normalisation (half-width, no spaces, lower case).
 */

export interface DiseaseEntry {
  number: number;
  name: string;
  /** Any of these words in the diagnosis points at this disease. */
  words: string[];
  /** One of these must appear too, or the match is only unsure (with unsureReason). */
  needs?: string[];
  unsureReason?: string;
  /** Phrases removed before matching this entry: they name a different thing (主动脉瓣 is a valve). */
  notWords?: string[];
  /** Words that make this entry unsure (良性, 原位癌 …), with doubtReason. */
  doubtWords?: string[];
  doubtReason?: string;
}

export const DESIGNATED_DISEASES_SOURCE =
  '苍梧县总工会宣传单「十五种指定疾病(手术)保障所指范围」：经县级以上医院确诊为初次患(或施行)以下指定疾病(或手术)';

export const DESIGNATED_DISEASES: readonly DiseaseEntry[] = [
  {
    number: 1,
    name: '原发性恶性肿瘤',
    words: ['恶性肿瘤', '癌', '肉瘤', '白血病', '淋巴瘤', '骨髓瘤', '黑色素瘤', '母细胞瘤', 'carcinoma', 'cancer', '肿瘤', '占位'],
    needs: ['恶性', '癌', '肉瘤', '白血病', '淋巴瘤', '骨髓瘤', '黑色素瘤', '母细胞瘤', 'carcinoma', 'cancer'],
    unsureReason: '未写明为恶性肿瘤(癌)，良性肿瘤不属第1种',
    notWords: ['癌胚抗原'],
    doubtWords: ['良性', '原位癌', '癌前', '交界性'],
    doubtReason: '良性、原位癌、癌前病变或交界性肿瘤通常不属原发性恶性肿瘤，须人工核对病理诊断',
  },
  {
    number: 2,
    name: '终末期肾病(慢性肾功能衰竭尿毒症期)',
    words: ['尿毒症', '终末期肾', '终未期肾', '慢性肾脏病5期', 'ckd5', '肾衰竭', '肾功能衰竭', '肾衰'],
    needs: ['尿毒症', '终末期', '终未期', '5期', 'ckd5', '透析'],
    unsureReason: '肾功能衰竭须已到尿毒症期(终末期)才属第2种',
  },
  {
    number: 3,
    name: '颅内原发性肿瘤摘除术',
    words: ['颅内肿瘤', '颅内占位', '脑瘤', '脑肿瘤', '脑膜瘤', '垂体瘤', '听神经瘤', '颅咽管瘤', '胶质瘤'],
    needs: ['摘除', '切除', '手术', '术后', '开颅'],
    unsureReason: '颅内肿瘤须已施行摘除手术才属第3种',
  },
  { number: 4, name: '冠状动脉搭桥术(冠状动脉旁路移植手术)', words: ['搭桥', '冠状动脉旁路', '冠脉旁路', 'cabg'] },
  { number: 5, name: '心脏瓣膜置换手术', words: ['瓣膜置换', '换瓣', '瓣置换', '瓣膜替换', '人工瓣膜'] },
  { number: 6, name: '非典型肺炎', words: ['非典型肺炎', '非典', 'sars'] },
  {
    number: 7,
    name: '异体心脏、肾脏、肝脏、肺、造血干细胞的移植术',
    words: ['心脏移植', '肾移植', '肾脏移植', '肝移植', '肝脏移植', '肺移植', '造血干细胞移植', '骨髓移植', '换肾', '换肝', '心肺联合移植'],
  },
  { number: 8, name: '再生障碍性贫血', words: ['再生障碍性贫血', '再障'] },
  {
    number: 9,
    name: '急性或亚急性重型肝炎',
    words: ['重型肝炎', '重症肝炎', '暴发性肝炎', '爆发性肝炎', '肝衰竭', '肝炎'],
    needs: ['重型', '重症', '暴发', '爆发', '急性肝衰竭'],
    unsureReason: '须为急性或亚急性重型肝炎(肝衰竭)才属第9种',
  },
  {
    number: 10,
    name: '四肢瘫痪',
    words: ['四肢瘫', '截瘫', '瘫痪'],
    needs: ['四肢'],
    unsureReason: '须为四肢瘫痪；截瘫、偏瘫不属第10种',
  },
  {
    number: 11,
    name: '主动脉手术',
    words: ['主动脉'],
    needs: ['手术', '术', '置换', '修补', '修复', '切除', '腔内', '支架', '人工血管'],
    unsureReason: '主动脉疾病须已施行主动脉手术才属第11种',
    notWords: ['主动脉瓣'],
  },
  { number: 12, name: '致病性人禽流感', words: ['禽流感', 'h7n9', 'h5n1', 'h5n6'] },
  { number: 13, name: '严重运动神经元病', words: ['运动神经元病', '渐冻', '肌萎缩侧索硬化', 'als'] },
  {
    number: 14,
    name: '严重III度烧伤',
    words: ['烧伤', '烫伤', '灼伤'],
    needs: ['三度', 'iii度', 'Ⅲ度', '3度', '重度'],
    unsureReason: '须为III度烧伤才属第14种',
  },
  {
    number: 15,
    name: '冠状动脉支架植入术',
    words: ['支架', 'pci', '冠状动脉介入', '冠脉介入', '经皮冠状动脉'],
    needs: ['冠', '心', 'pci', '介入'],
    unsureReason: '未写明为冠状动脉(心脏)支架',
    notWords: ['主动脉支架'],
  },
];

/** Plan 4 covers only these primary cancers (all of them are designated disease 1). */
export const WOMENS_CANCERS: readonly DiseaseEntry[] = [
  { number: 1, name: '原发性乳腺癌', words: ['乳腺癌', '乳癌', '乳腺恶性肿瘤'] },
  { number: 1, name: '卵巢癌', words: ['卵巢癌', '卵巢恶性肿瘤'] },
  { number: 1, name: '宫体癌', words: ['宫体癌', '子宫内膜癌', '子宫体癌', '子宫癌'] },
  { number: 1, name: '宫颈癌', words: ['宫颈癌', '子宫颈癌', '宫颈恶性肿瘤'] },
  { number: 1, name: '外阴癌', words: ['外阴癌', '外阴恶性肿瘤'] },
  { number: 1, name: '输卵管癌', words: ['输卵管癌', '输卵管恶性肿瘤'] },
];
export const WOMENS_CANCERS_SOURCE = '苍梧县总工会宣传单 三、4："原发性乳腺癌、卵巢癌、宫体癌宫颈癌、外阴癌、输卵管癌"';

/** Words that make any diagnosis uncertain: it is not yet a confirmed first diagnosis. */
export const UNCERTAIN_WORDS: readonly string[] = ['疑似', '待查', '待排', '可能', '?', '？', '排除', '不除外', '复查'];

/** A relapse or spread is not a first diagnosis of a primary disease (初次患). */
export const NOT_FIRST_DIAGNOSIS_WORDS: readonly string[] = ['复发', '转移癌', '继发'];

