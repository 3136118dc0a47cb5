/**
 * The plan catalogue: every figure of the plans as data, each with where it comes from.
 *
 * Source: ../shared/seeds/000_0120da032530cbe8.txt (苍梧县总工会 flyer, cited below as "flyer")
 * and the project's reading of it in ../shared/docs/domain.md. docs/rules.md traces each figure.
 * Code reads these values; it never repeats them as literals. A region extends the catalogue by
 * adding plans here (the Beijing circular lists seven more plan types without figures).
 */

/** What happened to the member: the kinds of claim a plan may pay for. */
export type EventKind =
  | 'designatedDisease' // 重疾: one of the 15 designated diseases / surgeries (or plan 4's cancers)
  | 'diseaseDeath' // 身故: death from a disease
  | 'accidentDeath' // 意外身故
  | 'accidentDisability' // 意外伤残, detail = grade 1–10
  | 'accidentMedical' // 意外医疗, detail = amount claimed
  | 'accidentHospital'; // 意外住院, detail = amount claimed

export interface EventDefinition {
  kind: EventKind;
  /** The name shown to clerks, first; then the other words clerks use for it. */
  names: string[];
  /** Accidents never wait (plan 5 says 无免责期; for plan 1's accident parts, the project's reading). */
  accident: boolean;
  /** What the `detail` argument of PAYOUT holds for this event. */
  detail: 'diagnosis' | 'grade' | 'amount' | 'none';
}

export const EVENTS: readonly EventDefinition[] = [
  { kind: 'designatedDisease', names: ['重疾', '指定疾病', '大病', '重大疾病', '手术'], accident: false, detail: 'diagnosis' },
  { kind: 'diseaseDeath', names: ['身故', '疾病身故', '病故', '因病身故'], accident: false, detail: 'diagnosis' },
  { kind: 'accidentDeath', names: ['意外身故', '意外死亡', '意外伤害身故'], accident: true, detail: 'none' },
  { kind: 'accidentDisability', names: ['意外伤残', '意外残疾', '意外致残', '意外伤害致残', '伤残'], accident: true, detail: 'grade' },
  { kind: 'accidentMedical', names: ['意外医疗', '意外伤害医疗', '意外医疗费'], accident: true, detail: 'amount' },
  { kind: 'accidentHospital', names: ['意外住院', '意外住院补助', '意外伤害住院补助', '住院补助'], accident: true, detail: 'amount' },
];

/**
 * Events clerks confuse: asking a plan for `from` when it has `to` names `to` in the message
 * (plan 1 has 意外住院补助, plan 5 意外医疗). {near} is replaced by the event's name.
 */
export const NEAR_EVENTS: readonly { from: EventKind; to: EventKind; hint: string }[] = [
  { from: 'accidentMedical', to: 'accidentHospital', hint: '本计划相近的是{near}' },
  { from: 'accidentHospital', to: 'accidentMedical', hint: '本计划相近的是{near}' },
  { from: 'diseaseDeath', to: 'accidentDeath', hint: '本计划只保障意外身故：如死因属意外，请按{near}申报' },
];

/**
 * How a benefit turns shares and the claim into money.
 * - perShare: amountPerShare × shares (a designated disease may have a reduced amount, see reducedFor).
 * - gradedPerShare: amountPerShare × shares × the disability grade's ratio (for accidentDisability;
 *   for accidentDeath the full amount).
 * - capPerShare: the amount claimed, reimbursed up to amountPerShare × shares.
 */
export type BenefitBasis = 'perShare' | 'gradedPerShare' | 'capPerShare';

export interface Benefit {
  label: string;
  events: EventKind[];
  basis: BenefitBasis;
  amountPerShare: number;
  /** Designated diseases paid at a lower amount per share (disease number → yuan per share). */
  reducedFor?: Record<number, number>;
  /** The part of the plan's 保障限额 this benefit's payments count against (a key of Plan.limits). */
  limit: string;
  source: string;
}

/**
 * One yearly limit (保障限额) per share: what all payments counted against it may add up to in one
 * cover year, per covered share. Plan 1 has four (its 34,000 is their sum); plans 2–5 one each.
 */
export interface LimitDefinition {
  /** Unique within the plan; the full id is plan<number>:<part> (plan1:disease). */
  part: string;
  label: string;
  perShare: number;
  source: string;
}

export interface CondolencePayments {
  /** A covered disease diagnosed inside the waiting period: flat yuan, instead of the benefit. */
  diseaseInWaiting?: number;
  /** Death from a disease the plan does not cover: flat yuan. */
  deathFromOtherDisease?: number;
  source: string;
}

export interface ShareRule {
  /** Highest number of shares one member may hold. */
  maxShares: number;
  /** Every member of the unit must hold the same number of shares. */
  uniformRequired: boolean;
  /** The lower cap when the unit's members hold different counts (plans 2, 3, 4). */
  maxSharesIfUnitNotUniform?: number;
  /** A renewing member may keep last year's count even above the lower cap. */
  renewalMayKeepPrevious: boolean;
  source: string;
}

export interface Plan {
  number: number;
  name: string;
  shortName: string;
  /** Other texts clerks type for the plan (matched after removing spaces). */
  aliases: string[];
  premiumPerShare: number;
  premiumSource: string;
  shares: ShareRule;
  /** Days D … D+waitingDays−1 after the effective date D are inside the waiting period. */
  waitingDays: number;
  waitingSource: string;
  benefits: Benefit[];
  /** The 保障限额 column: each part's limit per share and cover year. Condolence payments lie outside. */
  limits: LimitDefinition[];
  /** The column's figure for the whole plan (plan 1: the sum of its parts), checked against the parts. */
  limitTotalPerShare: number;
  limitSource: string;
  /** Which designated diseases the plan's disease benefit covers: all 15, or only women's cancers. */
  covers: 'designated15' | 'womensCancers' | 'none';
  condolence?: CondolencePayments;
  /** Only members of this sex may join (女职工安康). */
  onlySex?: 'F';
  /** Plans sharing a group exclude each other: one person may hold only one of them. */
  exclusiveGroup?: string;
  exclusionSource?: string;
}

const FLYER = '苍梧县总工会《职工互助保障工作》宣传单';

/** Condolence wording of the flyer's 特殊政策 section. */
const CONDOLENCE_500_WAITING = `${FLYER} 六、特殊政策:"…在免责期120天内患上保障计划保障范围内指定疾病,工会组织给予500元慰问金"`;
const CONDOLENCE_500_DEATH = `${FLYER} 六、特殊政策:"参加职工指定疾病(手术)、女职工安康互助保障后因其它疾病死亡,工会组织给予500元慰问金"`;
const WAITING_TEXT = `${FLYER} 三、备注:"新参保人员及新增保份数在保单生效之日起120天内为免责期"`;
const LIMIT_COLUMN = `${FLYER} 三、表头"保障类别 保障费用及份数 保障限额 保障范围"`;
const SHARES_2_TO_4 = `${FLYER} 三、2:"单位参保份数一致的,每人最多能参保5份;单位参保份不一致的,每人最多只能参保3份;续保人员可以按上一年度参保份数续保"`;

export const PLANS: readonly Plan[] = [
  {
    number: 1,
    name: '职工综合互助保障',
    shortName: '综合',
    aliases: ['职工综合', '综合互助保障', '职工综合互助保障计划', '职工综给互助保障'],
    premiumPerShare: 60,
    premiumSource: `${FLYER} 三、1:"职工综给互助保障60元/份*年"`,
    shares: {
      maxShares: 5,
      uniformRequired: true,
      renewalMayKeepPrevious: false,
      source: `${FLYER} 三、1:"单位参保时,参保份数必须一致,每人最多只能参保5份"`,
    },
    waitingDays: 120,
    waitingSource: WAITING_TEXT,
    covers: 'designated15',
    benefits: [
      {
        label: '十五种指定疾病(手术)',
        events: ['designatedDisease'],
        basis: 'perShare',
        amountPerShare: 15000,
        reducedFor: { 15: 3000 },
        limit: 'disease',
        source: `${FLYER} 三、1:"十五种指定疾病(手术),其中冠状动脉支架植入术保障每份互助保障金额3000元,其他十四种指定疾病(手术)保障每份互助保障金额15000元"`,
      },
      {
        label: '意外伤害保障',
        events: ['accidentDeath', 'accidentDisability'],
        basis: 'gradedPerShare',
        amountPerShare: 5000,
        limit: 'accident',
        source: `${FLYER} 三、1:"2、意外伤害保障(5000元/份)"; 伤残按等级比例给付为本项目的解读 (JR/T 0083-2013)`,
      },
      {
        label: '意外伤害住院补助',
        events: ['accidentHospital'],
        basis: 'capPerShare',
        amountPerShare: 9000,
        limit: 'hospital',
        source: `${FLYER} 三、1:"3、意外伤害住院补助保障(9000元/份)"; 按实际申请金额、以每份限额为上限给付为本项目的解读`,
      },
      {
        label: '身故保障',
        events: ['diseaseDeath', 'accidentDeath'],
        basis: 'perShare',
        amountPerShare: 5000,
        limit: 'death',
        source: `${FLYER} 三、1:"4、身故保障(5000元/份)"; 未限定死因,故疾病身故与意外身故均给付,为本项目的解读`,
      },
    ],
    limits: [
      {
        part: 'disease',
        label: '十五种指定疾病(手术)',
        perShare: 15000,
        source: `${FLYER} 三、1:"1、十五种指定疾病(手术)…其他十四种指定疾病(手术)保障每份互助保障金额15000元"`,
      },
      { part: 'accident', label: '意外伤害保障', perShare: 5000, source: `${FLYER} 三、1:"2、意外伤害保障(5000元/份)"` },
      { part: 'hospital', label: '意外伤害住院补助', perShare: 9000, source: `${FLYER} 三、1:"3、意外伤害住院补助保障(9000元/份)"` },
      { part: 'death', label: '身故保障', perShare: 5000, source: `${FLYER} 三、1:"4、身故保障(5000元/份)"` },
    ],
    limitTotalPerShare: 34000,
    limitSource: `${LIMIT_COLUMN}; 三、1 保障限额栏:"34000元/份"; 34000 = 15000 + 5000 + 9000 + 5000,四项各为其限额,为本项目的解读`,
    condolence: { diseaseInWaiting: 500, source: CONDOLENCE_500_WAITING },
    exclusiveGroup: 'comprehensive-disease-migrant',
    exclusionSource: `${FLYER} 三、1:"本保障和第2种、第3种保障不能同时参保"`,
  },
  {
    number: 2,
    name: '职工指定疾病(手术)互助保障',
    shortName: '指定疾病',
    aliases: ['职工指定疾病', '职工指定疾病互助保障', '指定疾病(手术)', '指定疾病手术', '职工指定疾病(手术)互助保障计划', '职工指定疾病手术互助保障'],
    premiumPerShare: 40,
    premiumSource: `${FLYER} 三、2:"职工指定疾病(手术)互助保障40元/份*年"`,
    shares: { maxShares: 5, uniformRequired: false, maxSharesIfUnitNotUniform: 3, renewalMayKeepPrevious: true, source: SHARES_2_TO_4 },
    waitingDays: 120,
    waitingSource: WAITING_TEXT,
    covers: 'designated15',
    benefits: [
      {
        label: '十五种指定疾病(手术)',
        events: ['designatedDisease'],
        basis: 'perShare',
        amountPerShare: 15000,
        reducedFor: { 15: 3000 },
        limit: 'disease',
        source: `${FLYER} 三、2:"15000元/份 十五种指定疾病(手术),其中冠状动脉支架植入术保障每份互助保障金额3000元"`,
      },
    ],
    limits: [{ part: 'disease', label: '十五种指定疾病(手术)', perShare: 15000, source: `${FLYER} 三、2 保障限额栏:"15000元/份"` }],
    limitTotalPerShare: 15000,
    limitSource: `${LIMIT_COLUMN}; 三、2 保障限额栏:"15000元/份"; 支架与其他指定疾病共用此限额`,
    condolence: {
      diseaseInWaiting: 500,
      deathFromOtherDisease: 500,
      source: `${CONDOLENCE_500_WAITING}; ${CONDOLENCE_500_DEATH}`,
    },
    exclusiveGroup: 'comprehensive-disease-migrant',
    exclusionSource: `${FLYER} 三、2:"本保障和第1种、第3种保障不能同时参保"`,
  },
  {
    number: 3,
    name: '农民工互助保障',
    shortName: '农民工',
    aliases: ['农民工互助保障计划', '农民工保障'],
    premiumPerShare: 20,
    premiumSource: `${FLYER} 三、3:"农民工互助保障20元/份*年"`,
    shares: {
      maxShares: 5,
      uniformRequired: false,
      maxSharesIfUnitNotUniform: 3,
      renewalMayKeepPrevious: true,
      source: `${FLYER} 三、3:"参保份数的规定与职工指定疾病(手术)互助保障相同"`,
    },
    waitingDays: 120,
    waitingSource: WAITING_TEXT,
    covers: 'designated15',
    benefits: [
      {
        label: '十五种指定疾病(手术)',
        events: ['designatedDisease'],
        basis: 'perShare',
        amountPerShare: 7500,
        reducedFor: { 15: 1500 },
        limit: 'disease',
        source: `${FLYER} 三、3:"7500元/份 …其中冠状动脉支架植入术保障每份互助保障金额1500元,其他十四种指定疾病(手术)保障每份互助保障金额7500元"`,
      },
    ],
    limits: [{ part: 'disease', label: '十五种指定疾病(手术)', perShare: 7500, source: `${FLYER} 三、3 保障限额栏:"7500元/份"` }],
    limitTotalPerShare: 7500,
    limitSource: `${LIMIT_COLUMN}; 三、3 保障限额栏:"7500元/份"; 支架与其他指定疾病共用此限额`,
    condolence: {
      diseaseInWaiting: 260,
      deathFromOtherDisease: 260,
      source: `${FLYER} 六、特殊政策:"参加农民工互助保障后在免责期120天内患上保障计划保障范围内指定疾病,或因其它疾病死亡,工会组织给予260元慰问金"`,
    },
    exclusiveGroup: 'comprehensive-disease-migrant',
    exclusionSource: `${FLYER} 三、3:"本保障和第1种、第2种保障不能同时参保"`,
  },
  {
    number: 4,
    name: '女职工安康互助保障',
    shortName: '女职工安康',
    aliases: ['女职工安康互助保障计划', '女职工', '女工安康', '安康'],
    premiumPerShare: 25,
    premiumSource: `${FLYER} 三、4:"女职工安康互助保障 25元/份*年"`,
    shares: {
      maxShares: 5,
      uniformRequired: false,
      maxSharesIfUnitNotUniform: 3,
      renewalMayKeepPrevious: true,
      source: `${FLYER} 三、4:"单位参保份数一致的,每人最多能参保5份;单位参保份数不一致的,每人最多只能参保3份;续保人员可以按上一年度参保份数续保"`,
    },
    waitingDays: 120,
    waitingSource: WAITING_TEXT,
    covers: 'womensCancers',
    benefits: [
      {
        label: '女性特定癌症',
        events: ['designatedDisease'],
        basis: 'perShare',
        amountPerShare: 12000,
        limit: 'cancer',
        source: `${FLYER} 三、4:"1201*元/份 原发性乳腺癌、卵巢癌、宫体癌宫颈癌、外阴癌、输卵管癌"; 原文以"201*"遮蔽年份,1201* 读作 12000 (domain.md)`,
      },
    ],
    limits: [{ part: 'cancer', label: '女性特定癌症', perShare: 12000, source: `${FLYER} 三、4 保障限额栏:"1201*元/份"; 1201* 读作 12000 (domain.md)` }],
    limitTotalPerShare: 12000,
    limitSource: `${LIMIT_COLUMN}; 三、4 保障限额栏:"1201*元/份"; 1201* 读作 12000 (domain.md)`,
    condolence: {
      diseaseInWaiting: 500,
      deathFromOtherDisease: 500,
      source: `${CONDOLENCE_500_WAITING}; ${CONDOLENCE_500_DEATH}`,
    },
    onlySex: 'F',
  },
  {
    number: 5,
    name: '职工团体人身意外伤害互助保障',
    shortName: '团体意外',
    aliases: ['意外伤害', '团体意外伤害', '职工团体人身意外伤害保障', '团体人身意外伤害', '职工团体人身意外伤害互助保障计划', '意外'],
    premiumPerShare: 20,
    premiumSource: `${FLYER} 三、5:"20元/份*年"`,
    shares: {
      maxShares: 5,
      uniformRequired: true,
      renewalMayKeepPrevious: false,
      source: `${FLYER} 三、5:"单位参保时应统一份数,每人最多只能参保5份"`,
    },
    waitingDays: 0,
    waitingSource: `${FLYER} 三、5 备注:"无免责期"`,
    covers: 'none',
    benefits: [
      {
        label: '意外伤害身故、致残',
        events: ['accidentDeath', 'accidentDisability'],
        basis: 'gradedPerShare',
        amountPerShare: 12000,
        limit: 'accident',
        source: `${FLYER} 三、5:"1201*元/份 意外伤害身故,意外伤害致残,意外伤害医疗"; 1201* 读作 12000 (domain.md)`,
      },
      {
        label: '意外伤害医疗',
        events: ['accidentMedical'],
        basis: 'capPerShare',
        amountPerShare: 12000,
        limit: 'accident',
        source: `${FLYER} 三、5:"1201*元/份 …意外伤害医疗"; 以每份限额为上限按申请金额给付为本项目的解读`,
      },
    ],
    limits: [
      {
        part: 'accident',
        label: '意外伤害身故、致残、医疗',
        perShare: 12000,
        source: `${FLYER} 三、5 保障限额栏:"1201*元/份意外伤害身故,意外伤害致残,意外伤害医疗"; 1201* 读作 12000`,
      },
    ],
    limitTotalPerShare: 12000,
    limitSource: `${LIMIT_COLUMN}; 三、5 保障限额栏:"1201*元/份"; 意外身故、致残、医疗共用一个限额 (domain.md)`,
  },
];

/**
 * Disability grades of JR/T 0083-2013 (人身保险伤残评定标准): grade → share of the accident amount.
 * The flyer names accidental disability without a scale; this is the industry standard (domain.md).
 */
export const DISABILITY_RATIOS: Readonly<Record<number, number>> = {
  1: 1.0,
  2: 0.9,
  3: 0.8,
  4: 0.7,
  5: 0.6,
  6: 0.5,
  7: 0.4,
  8: 0.3,
  9: 0.2,
  10: 0.1,
};
export const DISABILITY_SOURCE = 'JR/T 0083-2013《人身保险伤残评定标准》: 1–10 级对应 100%…10%';

/**
 * Cover lasts one year from the effective date: premiums are per share and year (元/份*年). The last
 * covered day is the day before the anniversary (cover.ts; 2024-02-29 → 2025-02-28).
 */
export const COVER_YEARS = 1;
export const COVER_SOURCE = `${FLYER} 三、保障费及给付标准:"职工综给互助保障60元/份*年"等,保障费按每份每年计;保障期为自生效日期起一年,周年日前一天为最后保障日,为本项目的解读 (domain.md)`;

/** Payout is due within this many working days of review. */
export const CLAIM_DUE_WORKDAYS = 30;
export const CLAIM_DUE_SOURCE = `${FLYER} 五、给付手续:"审核确认后在30个工作日内给付保障金"`;

/**
 * Effective dates a roster can plausibly hold. A number such as 2026 typed into a date column reads as
 * the serial 1905-07-18; "202601" as a year past 2400. The flyer's plans began in the 2000s (the source
 * masks the year as "201*"); the window is the project's reading, wide enough for any real roster.
 */
export const EFFECTIVE_DATE_YEARS = { first: 2000, last: 2099 } as const;

/**
 * Oldest age an ID number's birth date may give on the day it is checked: beyond it the number is
 * taken as mistyped. The project's reading (issue 8): no serving worker, or living person on a
 * roster, is older than 120.
 */
export const MAX_PLAUSIBLE_AGE = 120;

/**
 * Months one enrolment covers (COVER_YEARS, source COVER_SOURCE): next year's roster starts this many
 * months after this year's effective date (2-29 → 2-28, as EDATE).
 */
export const COVER_MONTHS = 12 * COVER_YEARS;

/** Youngest age at which a person may work (劳动法 第十五条: 禁止用人单位招用未满十六周岁的未成年人). */
export const MIN_WORKING_AGE = 16;

/** The five ways units pay premiums (Beijing circular, 三、(四)). */
export const FUNDING_METHODS: readonly string[] = [
  '单位行政全额交纳',
  '单位工会全额交纳',
  '行政、工会各出资一部分',
  '行政、工会、职工个人各出资一部分',
  '职工个人交纳',
];
