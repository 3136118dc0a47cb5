/**
 * Disease 14 (严重III度烧伤): third degree, and severe. Severe is read as a III度 area of at least
 * SEVERE_BURN_MIN_THIRD_DEGREE_PERCENT of the body surface; a smaller stated area is not severe, and
 * a III度 burn without its area needs review (issue 8).
 */
import { SEVERE_BURN_MIN_THIRD_DEGREE_PERCENT as SEVERE } from '../diseaseCatalogue';
import { covered, Finding, notCovered, review } from './finding';
import { Reading } from './text';

const BURN = /烧伤|烫伤|灼伤|烧烫伤|火焰伤/;
const THIRD_DEGREE = /(iii|三|3|iv|四)度|全层皮肤/;
const ANY_DEGREE = /(i{1,3}|iv|[一二三四1-4])度/;
/** "ii-iii度", "深ii度-iii度": an area written after a mixed degree is not the III度 area alone. */
const MIXED = /(ii|二|2)度?[-~至到](iii|三|3)度/;
const THIRD_DEGREE_AREA = [
  /(?:iii|三|3)度(?:烧伤|烫伤|灼伤|创面|面积|约|占|为|达|tbsa|体表面积|\(|:)*(\d+(?:\.\d+)?)%/,
  /(\d+(?:\.\d+)?)%(?:tbsa)?的?(?:iii|三|3)度/,
];
const PERCENT = /(\d+(?:\.\d+)?)%/g;

function thirdDegreeArea(text: string): number | undefined {
  if (MIXED.test(text)) return undefined;
  for (const pattern of THIRD_DEGREE_AREA) {
    const found = pattern.exec(text);
    if (found) return Number(found[1]);
  }
  return undefined;
}

export function severeBurn(reading: Reading): Finding | null {
  const text = reading.text;
  if (!BURN.test(text)) return null;
  if (!THIRD_DEGREE.test(text)) {
    return ANY_DEGREE.test(text) ? notCovered(14, 'II度及以下烧伤不属严重III度烧伤') : review(14, '须写明烧伤深度(III度)和面积');
  }
  const third = thirdDegreeArea(text);
  if (third !== undefined) {
    return third >= SEVERE ? covered(14) : notCovered(14, `III度面积${third}%，未达严重III度烧伤(${SEVERE}%)`);
  }
  const areas = [...text.matchAll(PERCENT)].map((found) => Number(found[1]));
  if (areas.length > 0 && Math.max(...areas) < SEVERE) {
    return notCovered(14, `烧伤面积${Math.max(...areas)}%，III度部分未达严重III度烧伤(${SEVERE}%)`);
  }
  if (areas.length === 0 && /小面积|局部|点状|手掌大小/.test(text)) return notCovered(14, '小面积III度烧伤不属严重III度烧伤');
  return review(14, `须写明III度烧伤面积(达体表面积${SEVERE}%为严重)`);
}
