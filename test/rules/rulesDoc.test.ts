/**
 * docs/rules.md traces every catalogue figure to its source. This test fails when a figure of the
 * catalogue does not appear in its plan's section of the page (a figure changed in one place only).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { CLAIM_DUE_WORKDAYS, DISABILITY_RATIOS, PLANS } from '../../src/rules/catalogue';
import { DESIGNATED_DISEASES } from '../../src/rules/diseaseCatalogue';

const doc = readFileSync(join(__dirname, '../../docs/rules.md'), 'utf8');

function planSection(number: number): string {
  const start = doc.indexOf(`## Plan ${number} `);
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end === -1 ? undefined : end);
}

describe('docs/rules.md traces the catalogue', () => {
  it.each(PLANS.map((plan) => [plan.number, plan] as const))('plan %i: every figure appears in its section', (_n, plan) => {
    const section = planSection(plan.number);
    expect(section).toContain(plan.name);
    expect(section).toContain(plan.shortName);
    const figures = [
      plan.premiumPerShare,
      plan.shares.maxShares,
      plan.waitingDays,
      ...(plan.shares.maxSharesIfUnitNotUniform === undefined ? [] : [plan.shares.maxSharesIfUnitNotUniform]),
      ...plan.benefits.flatMap((b) => [b.amountPerShare, ...Object.values(b.reducedFor ?? {})]),
      ...(plan.condolence?.diseaseInWaiting === undefined ? [] : [plan.condolence.diseaseInWaiting]),
      ...(plan.condolence?.deathFromOtherDisease === undefined ? [] : [plan.condolence.deathFromOtherDisease]),
    ];
    for (const figure of figures) expect(section).toMatch(new RegExp(`(^|[^0-9])${figure}([^0-9]|$)`));
  });

  it('lists every disability grade with its percentage', () => {
    for (const [grade, ratio] of Object.entries(DISABILITY_RATIOS)) {
      expect(doc).toContain(`${grade} → ${Math.round(ratio * 100)} %`);
    }
  });

  it('names the 15 designated diseases and the claim due period', () => {
    for (const disease of DESIGNATED_DISEASES) expect(doc).toContain(`${disease.number} ${disease.name.split('(')[0]}`);
    expect(doc).toContain(`${CLAIM_DUE_WORKDAYS} working days`);
  });
});
