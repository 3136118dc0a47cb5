/**
 * The designated diseases that are conditions, not operations (2, 6, 8, 9, 10, 12, 13), each with the
 * qualifier the flyer writes: 终末期, 急性或亚急性, 四肢, 人禽流感 …
 */
import { covered, Finding, notCovered, review } from './finding';
import { Reading } from './text';

// 2 — 终末期肾病(慢性肾功能衰竭尿毒症期)
const KIDNEY = /尿毒症|肾衰|肾功能衰竭|肾功能不全|终[末未]期肾|慢性肾脏?病|\b(ckd|esrd|aki)|透析|肾损伤/;
const END_STAGE = /尿毒症|终[末未]期肾|\besrd|\bckd-?(5|v)(?![0-9])|慢性肾脏?病(5|v|五)期/;
const ACUTE_KIDNEY = /急性肾|\baki(?![a-z])|急性肾小管/;
const CHRONIC_ON_DIALYSIS =
  /慢性肾[^,;。]{0,6}(衰|不全)[^。]*(维持性|规律|长期)[^。]{0,4}透析|(维持性|规律|长期)[^。]{0,4}透析[^。]*慢性肾[^,;。]{0,6}(衰|不全)/;
const EARLIER_STAGE = /\bckd-?[1-4](?![0-9])|慢性肾脏?病[1-4一二三四]期|代偿期|氮质血症|肾衰竭期|肾功能不全期/;

export function endStageKidney(reading: Reading): Finding | null {
  const text = reading.text;
  if (!KIDNEY.test(text)) return null;
  if (END_STAGE.test(text) || CHRONIC_ON_DIALYSIS.test(text)) return covered(2);
  if (ACUTE_KIDNEY.test(text)) return notCovered(2, '急性肾衰竭(肾损伤)不属终末期肾病，透析也不改变这一点');
  if (EARLIER_STAGE.test(text)) return notCovered(2, '慢性肾脏病未到尿毒症期(终末期)');
  if (/肾衰|肾功能衰竭|肾功能不全|透析/.test(text)) return review(2, '肾功能衰竭须已到尿毒症期(终末期)才属第2种，诊断未写明分期');
  return null;
}

// 6 — 非典型肺炎 (SARS)
const COVID = /新冠|新型冠状|covid|sars-?cov-?2|2019-?ncov/;
const SARS = /传染性非典型肺炎|严重急性呼吸(道)?综合征|\bsars(?![a-z])/;
const ATYPICAL_PNEUMONIA = /非典型(性)?肺炎|非典(?!型)/;
const ATYPICAL_PATHOGEN = /支原体|衣原体|军团菌|非典型病原体/;

export function sars(reading: Reading): Finding | null {
  const text = reading.text;
  if (COVID.test(text)) return notCovered(6, '新型冠状病毒感染不属非典型肺炎(SARS)');
  if (SARS.test(text)) return covered(6);
  if (ATYPICAL_PATHOGEN.test(text)) return notCovered(6, '支原体等非典型病原体肺炎不是非典型肺炎(SARS)');
  if (ATYPICAL_PNEUMONIA.test(text)) {
    return review(6, '医院写"非典型肺炎"也指支原体等非典型病原体肺炎，须核对是否为传染性非典型肺炎(SARS)');
  }
  return null;
}

// 8 — 再生障碍性贫血
export function aplasticAnaemia(reading: Reading): Finding | null {
  const text = reading.text;
  if (/纯红(细胞)?再生障碍|纯红再障/.test(text)) return notCovered(8, '纯红细胞再生障碍性贫血不是再生障碍性贫血');
  if (/再生障碍性贫血|再障|再生不良性贫血/.test(text)) return covered(8);
  return null;
}

// 9 — 急性或亚急性重型肝炎
const LIVER = /肝炎|肝衰|肝功能衰竭/;
const SEVERE = /重型|重症|暴发|爆发|肝衰|肝功能衰竭/;

export function severeHepatitis(reading: Reading): Finding | null {
  const text = reading.text;
  if (!LIVER.test(text)) return null;
  if (/慢加(亚)?急|\baclf/.test(text)) return notCovered(9, '慢加急性(亚急性)肝衰竭不属急性或亚急性重型肝炎');
  // 重型/急性/慢性 are read in the clauses about the liver: "慢性胃炎；急性重型肝炎" is acute.
  const liver = reading.clauses.filter((clause) => LIVER.test(clause));
  const chronic = liver.some((clause) => clause.includes('慢'));
  const acute = !chronic && liver.some((clause) => /急性|暴发|爆发/.test(clause));
  if (liver.some((clause) => SEVERE.test(clause))) {
    if (acute) return covered(9);
    if (chronic) return notCovered(9, '慢性重型肝炎(肝衰竭)不属急性或亚急性重型肝炎');
    return review(9, '重型肝炎(肝衰竭)未写明急性或亚急性');
  }
  if (acute) return notCovered(9, '急性肝炎未达重型(肝衰竭)');
  if (chronic || /肝硬化|乙型|丙型|乙肝|丙肝|脂肪|酒精|自身免疫|药物/.test(text)) return notCovered(9, '肝炎未写明重型(肝衰竭)，不属急性或亚急性重型肝炎');
  return review(9, '须为急性或亚急性重型肝炎(肝衰竭)才属第9种');
}

// 10 — 四肢瘫痪
export function quadriplegia(reading: Reading): Finding | null {
  const text = reading.text;
  if (!/瘫|麻痹/.test(text)) return null;
  if (/周期性麻痹|低钾/.test(text)) return notCovered(10, '周期性麻痹(低钾)是一时的肌无力，不属四肢瘫痪');
  if (/四肢[^,;。]{0,4}瘫|四瘫/.test(text)) {
    return /不完全|不全|部分|轻/.test(text) ? review(10, '不完全四肢瘫，须人工核对') : covered(10);
  }
  if (/高位截瘫/.test(text)) return review(10, '高位截瘫常指四肢瘫痪，须核对是否四肢均瘫');
  return notCovered(10, '截瘫、偏瘫、单瘫等不属四肢瘫痪');
}

// 12 — 致病性人禽流感
const AVIAN = /禽流感|\bh(7n9|5n1|5n6|10n8|7n7|9n2|5n8)(?![0-9])/;
const SEASONAL_FLU = /流感|流行性感冒|\bh(1n1|3n2)(?![0-9])|甲流|乙流/;

export function avianFlu(reading: Reading): Finding | null {
  const text = reading.text;
  if (AVIAN.test(text)) {
    if (/密切接触|密接|接触者|接触史|阴性/.test(text)) return notCovered(12, '禽流感接触者或检测阴性，未患人禽流感');
    return covered(12);
  }
  return SEASONAL_FLU.test(text) ? notCovered(12, '季节性流感不是人禽流感') : null;
}

// 13 — 严重运动神经元病
const MOTOR_NEURONE = /运动神经元病|肌萎缩(性)?侧索硬化|渐冻|进行性延髓麻痹|进行性肌萎缩|原发性侧索硬化|\b(als|mnd)(?![a-z])/;

export function motorNeuroneDisease(reading: Reading): Finding | null {
  const text = reading.text;
  if (/脊髓性肌萎缩|\bsma(?![a-z])/.test(text)) return review(13, '脊髓性肌萎缩症是否属运动神经元病须人工核对');
  if (!MOTOR_NEURONE.test(text)) return null;
  if (/早期|轻度|轻症/.test(text)) return review(13, '第13种为严重运动神经元病，诊断写明早期或轻度');
  return covered(13);
}
