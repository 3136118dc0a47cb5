/** The catalogue as a table with a header row, for =MUTUAL.PLANS() and the pane's reference sheet. */
import { Plan } from './catalogue';
import { plansConflict } from './plans';

export const CATALOGUE_HEADER = [
  '编号',
  '计划名称',
  '简称',
  '保障费(元/份/年)',
  '每人最高份数',
  '单位须统一份数',
  '份数不一致单位的上限',
  '免责期(天)',
  '保障项目(元/份)',
  '不能同时参保',
  '保障限额(元/份/年)',
  '限额组成',
] as const;

function benefitsText(plan: Plan): string {
  return plan.benefits
    .map((benefit) => {
      const reduced = Object.entries(benefit.reducedFor ?? {}).map(([n, amount]) => `第${n}种${amount}`);
      return `${benefit.label} ${benefit.amountPerShare}${reduced.length ? `(${reduced.join('、')})` : ''}`;
    })
    .join(';');
}

/** "十五种指定疾病(手术) 15000;意外伤害保障 5000;…" — each part its own limit; one part: the events sharing it. */
function limitsText(plan: Plan): string {
  if (plan.limits.length > 1) return `各项分别限额:${plan.limits.map((limit) => `${limit.label} ${limit.perShare}`).join(';')}`;
  const shared = plan.benefits.map((benefit) => benefit.label);
  return shared.length > 1 ? `${shared.join('、')}共用` : (plan.limits[0]?.label ?? '');
}

export function catalogueTable(plans: readonly Plan[]): (string | number)[][] {
  const rows = plans.map((plan) => [
    plan.number,
    plan.name,
    plan.shortName,
    plan.premiumPerShare,
    plan.shares.maxShares,
    plan.shares.uniformRequired ? '是' : '否',
    plan.shares.maxSharesIfUnitNotUniform ?? plan.shares.maxShares,
    plan.waitingDays,
    benefitsText(plan),
    plans
      .filter((other) => plansConflict(plan, other))
      .map((other) => other.shortName)
      .join('、'),
    plan.limitTotalPerShare,
    limitsText(plan),
  ]);
  return [[...CATALOGUE_HEADER], ...rows];
}
