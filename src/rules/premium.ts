/** Premiums (保障费): the plan's rate per share per year × shares × years. */
import { Plan } from './catalogue';
import { roundYuan } from './money';

/** 综合, 3 shares, 1 year → 180 yuan. */
export function premiumFor(plan: Plan, shares: number, years = 1): number {
  return roundYuan(plan.premiumPerShare * shares * years);
}
