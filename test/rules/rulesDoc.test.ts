/**
 * docs/rules.md traces every catalogue figure to its source. This test fails when a figure of the
 * catalogue is missing from its own row of its plan's table (a figure changed in one place only).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { CLAIM_DUE_WORKDAYS, COVER_YEARS, DISABILITY_RATIOS, MAX_PLAUSIBLE_AGE, Plan, PLANS } from '../../src/rules/catalogue';
import { DESIGNATED_DISEASES } from '../../src/rules/diseaseCatalogue';

const doc = readFileSync(join(__dirname, '../../docs/rules.md'), 'utf8');

/** The plan's table as rows: first cell (the figure's name) → the whole row. */
function planRows(number: number): Map<string, string> {
  const start = doc.indexOf(`## Plan ${number} `);
  const end = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, end === -1 ? undefined : end);
  const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| figure'));
  return new Map(rows.map((row) => [row.split('|')[1].trim(), row]));
}

const hasNumber = (text: string, figure: number) => new RegExp(`(^|[^0-9])${figure}([^0-9]|$)`).test(text);

function row(rows: Map<string, string>, label: string): string {
  const found = rows.get(label);
  if (!found) throw new Error(`docs/rules.md: no row "${label}"`);
  return found;
}

describe('docs/rules.md traces the catalogue', () => {
  it.each(PLANS.map((plan) => [plan.number, plan] as const))('plan %i: each figure stands in its own row', (n, plan: Plan) => {
    const rows = planRows(n);
    expect(doc).toContain(`## Plan ${n} — ${plan.name} (${plan.shortName}`);
    expect(row(rows, 'premium')).toMatch(new RegExp(`(^|[^0-9])${plan.premiumPerShare} 元 per share per year`));
    const shares = row(rows, 'shares');
    expect(hasNumber(shares, plan.shares.maxShares)).toBe(true);
    if (plan.shares.maxSharesIfUnitNotUniform !== undefined) expect(hasNumber(shares, plan.shares.maxSharesIfUnitNotUniform)).toBe(true);
    expect(plan.shares.uniformRequired).toBe(shares.includes('same count for the whole unit'));
    expect(hasNumber(row(rows, 'waiting period'), plan.waitingDays)).toBe(true);
    const limitRow = row(rows, 'limit');
    expect(hasNumber(limitRow, plan.limitTotalPerShare)).toBe(true);
    for (const limit of plan.limits) {
      expect(hasNumber(limitRow, limit.perShare)).toBe(true);
      expect(limitRow).toContain(`\`plan${plan.number}:${limit.part}\``);
    }
    const benefitRows = [...rows].filter(
      ([label]) => !['premium', 'shares', 'waiting period', 'condolence', 'exclusion', 'who may join', 'total', 'limit'].includes(label),
    );
    for (const benefit of plan.benefits) {
      for (const figure of [benefit.amountPerShare, ...Object.values(benefit.reducedFor ?? {})]) {
        expect(benefitRows.some(([, text]) => hasNumber(text, figure))).toBe(true);
      }
    }
    for (const condolence of [plan.condolence?.diseaseInWaiting, plan.condolence?.deathFromOtherDisease]) {
      if (condolence !== undefined) expect(hasNumber(row(rows, 'condolence'), condolence)).toBe(true);
    }
  });

  it('lists every disability grade with its percentage', () => {
    for (const [grade, ratio] of Object.entries(DISABILITY_RATIOS)) {
      expect(doc).toContain(`${grade} → ${Math.round(ratio * 100)} %`);
    }
  });

  it('names the 15 designated diseases and the claim due period', () => {
    for (const disease of DESIGNATED_DISEASES) expect(doc).toContain(`${disease.number} ${disease.name.split('(')[0]}`);
    expect(doc).toContain(`${CLAIM_DUE_WORKDAYS} working days`);
    expect(doc).toContain(`cover runs ${COVER_YEARS} year`);
    expect(doc).toContain(`an age over ${MAX_PLAUSIBLE_AGE}`);
  });
});
