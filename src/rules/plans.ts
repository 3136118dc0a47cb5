/**
 * Finding a plan of the catalogue from what a clerk typed: the full name, the short name, another
 * common wording, or the plan's number (1–5, also "第1种").
 */
import { PLANS, Plan } from './catalogue';
import { toHalfWidth } from './dates';
import { memoizeText } from './memo';

/** Removes spaces and unifies brackets so that "职工指定疾病（手术） 互助保障" finds plan 2. */
export function normalisePlanText(text: string): string {
  return toHalfWidth(text)
    .replace(/[\s\u00a0]+/g, '')
    .replace(/[【〔[]/g, '(')
    .replace(/[】〕\]]/g, ')')
    .toLowerCase();
}

/**
 * The distinctive part of a normalised plan name: without "职工" in front and "互助保障", "保障",
 * "互助" or "计划" behind, so that the flyer's own "职工指定疾病(手术)" and clerks' "农民工互助",
 * "综合保障", "团体意外伤害互助保障" find their plan. Empty when nothing distinctive is left.
 */
function planCore(normalised: string): string {
  return normalised
    .replace(/(\(计划\)|计划)$/, '')
    .replace(/(互助保障|保障|互助)$/, '')
    .replace(/^职工/, '');
}

function buildIndex(plans: readonly Plan[]): { exact: Map<string, Plan>; core: Map<string, Plan | null> } {
  const exact = new Map<string, Plan>();
  const core = new Map<string, Plan | null>();
  for (const plan of plans) {
    for (const text of [plan.name, plan.shortName, ...plan.aliases, `${plan.name}计划`]) {
      const normalised = normalisePlanText(text);
      exact.set(normalised, plan);
      const key = planCore(normalised);
      if (key === '') continue;
      // A core two plans share would be a guess: it finds neither.
      core.set(key, core.has(key) && core.get(key) !== plan ? null : plan);
    }
  }
  return { exact, core };
}

const PLAN_INDEX = buildIndex(PLANS);

export function planByNumber(number: number): Plan | null {
  return PLANS.find((plan) => plan.number === number) ?? null;
}

/** The plan a cell means, or null when it matches no plan of the catalogue. */
/** Plan texts repeat down a roster: answers are remembered (bounded). */
const findPlanByTextMemo = memoizeText((text) => findPlanByText(text), 1_000);

export function findPlan(value: unknown): Plan | null {
  if (typeof value === 'number') return Number.isInteger(value) ? planByNumber(value) : null;
  if (typeof value !== 'string') return null;
  return findPlanByTextMemo(value);
}

function findPlanByText(value: string): Plan | null {
  const text = normalisePlanText(value);
  if (text === '') return null;
  const byName = PLAN_INDEX.exact.get(text) ?? PLAN_INDEX.core.get(planCore(text));
  if (byName) return byName;
  const numbered = /^(?:第)?(\d+)(?:种|号|类)?$/.exec(text);
  return numbered ? planByNumber(Number(numbered[1])) : null;
}

/** The plan names a clerk may type, for error messages: "1 综合、2 指定疾病、…". */
export function planChoicesText(): string {
  return PLANS.map((plan) => `${plan.number} ${plan.shortName}`).join('、');
}

/** One person may not hold both plans (plans sharing an exclusion group, e.g. 1, 2 and 3). */
export function plansConflict(a: Plan, b: Plan): boolean {
  return a.number !== b.number && a.exclusiveGroup !== undefined && a.exclusiveGroup === b.exclusiveGroup;
}

/** The highest share count any plan allows: what PREMIUM and PAYOUT accept without seeing the unit. */
export function highestShareCap(plan: Plan): number {
  return plan.shares.maxShares;
}
