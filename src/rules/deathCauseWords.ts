/**
 * Words of a death cause that is not a disease. The flyer's condolence is for "因其它疾病死亡" and
 * plan 1's 身故保障 claimed as 身故 is read as death from disease; a death of another cause is an
 * accident (claimed as 意外身故) or needs a person to review it. The word lists are the project's
 * reading of how death certificates and police findings (死亡证明, 公安机关出具的死亡原因) write causes.
 *
 * Words are matched against the cause after normalisation (half-width, no spaces, lower case).
 */
export const DEATH_CAUSE_SOURCE =
  '苍梧县总工会宣传单 六、特殊政策:"因其它疾病死亡,工会组织给予500元慰问金";意外伤害为外来的、突发的、非本意的、非疾病的事件,为本项目的解读';

/** Phrases that deny a cause: removed before the lists below are searched ("非意外死亡" is no accident). */
export const DEATH_CAUSE_DENIALS: readonly string[] = [
  '非意外',
  '排除意外',
  '不属意外',
  '不属于意外',
  '无意外',
  '非他杀',
  '排除他杀',
  '非自杀',
  '排除自杀',
  '非外伤',
  '无外伤',
  '排除外伤',
  '非交通事故',
  '排除中毒',
];

/** An accident: claim it as 意外身故 (plans 1 and 5 pay it). */
export const ACCIDENT_CAUSE_WORDS: readonly string[] = [
  '意外',
  '车祸',
  '交通事故',
  '交通伤',
  '被撞',
  '撞击伤',
  '溺水',
  '溺亡',
  '溺死',
  '淹死',
  '坠落',
  '坠楼',
  '高处坠',
  '跌落',
  '摔伤',
  '摔倒',
  '跌倒',
  '砸伤',
  '砸死',
  '压伤',
  '挤压伤',
  '触电',
  '电击',
  '雷击',
  '烧伤',
  '烧死',
  '火灾',
  '烫伤',
  '爆炸',
  '工伤',
  '工亡',
  '生产事故',
  '安全事故',
  '机械伤',
  '外伤',
  '创伤',
  '多发伤',
  '他杀',
  '被杀',
  '被害',
  '凶杀',
];

/**
 * Neither a disease nor plainly an accident: a person must review it (suicide, poisoning, a fight the
 * member may have joined, an unknown cause). Being killed by another (他杀) is an accident above.
 */
export const REVIEW_CAUSE_WORDS: readonly string[] = [
  '自杀',
  '自缢',
  '上吊',
  '缢死',
  '割腕',
  '跳楼',
  '跳河',
  '服毒',
  '中毒',
  '农药',
  '过量服药',
  '暴力',
  '斗殴',
  '殴打',
  '打架',
  '死因不明',
  '原因不明',
  '死因不详',
  '原因不详',
  '不详',
  '待查',
  '待定',
];
