/**
 * The cause of a death claimed as 身故 (death from disease): only a disease cause is paid as such.
 * "车祸" → accident (claim 意外身故); "自缢" → needs review; "心肌梗死" → disease; "非意外死亡" → disease.
 */
import { ACCIDENT_CAUSE_WORDS, DEATH_CAUSE_DENIALS, REVIEW_CAUSE_WORDS } from './deathCauseWords';
import { normaliseDiagnosis } from './diseases';
import { memoizeText } from './memo';

export type DeathCause = { kind: 'disease' } | { kind: 'accident'; word: string } | { kind: 'review'; word: string } | { kind: 'empty' };

const DENIALS = DEATH_CAUSE_DENIALS.map(normaliseDiagnosis);
const ACCIDENT = ACCIDENT_CAUSE_WORDS.map(normaliseDiagnosis);
const REVIEW = REVIEW_CAUSE_WORDS.map(normaliseDiagnosis);

/**
 * Reads a death cause. Words needing review win over accident words (自杀跳楼坠落 is reviewed, not
 * paid as an accident); a cause naming neither is read as a disease. Answers are remembered (bounded):
 * causes repeat down a sheet of formulas.
 */
export const classifyDeathCause: (cause: string) => DeathCause = memoizeText((cause) => classifyUncached(cause), 10_000);

function classifyUncached(cause: string): DeathCause {
  let text = normaliseDiagnosis(cause);
  if (text === '') return { kind: 'empty' };
  for (const denial of DENIALS) text = text.split(denial).join('|');
  const review = REVIEW.find((word) => text.includes(word));
  if (review) return { kind: 'review', word: review };
  const accident = ACCIDENT.find((word) => text.includes(word));
  if (accident) return { kind: 'accident', word: accident };
  return { kind: 'disease' };
}
