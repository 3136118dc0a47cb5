/**
 * Property: whatever claims a member files in one cover year, in whatever order the register lists
 * them, the sum paid toward each yearly limit never exceeds the limit × the member's shares
 * (condolence payments lie outside the limits). Duplicates are never paid twice.
 */
import fc from 'fast-check';
import { EventKind, PLANS } from '../../src/rules/catalogue';
import { isoFromSerial } from '../../src/rules/dates';
import { limitFor, planEvents } from '../../src/rules/payout';
import { serial, settle } from './claimsKit';
import { makeId, member } from './rosterKit';

const ID = makeId({ birth: '19850505', sex: 'F' });
const EFFECTIVE = serial('2026-01-01');

/** Wordings a plan covers and some it does not (the corpus has many more; these are settled ones). */
const DIAGNOSES = ['肺腺癌', '冠状动脉支架植入术', '左乳腺浸润性导管癌', '宫颈鳞状细胞癌', '急性阑尾炎', '心肌梗死'];

const claimArbitrary = (kinds: readonly EventKind[]) =>
  fc.record({
    kind: fc.constantFrom(...kinds),
    diagnosis: fc.constantFrom(...DIAGNOSES),
    grade: fc.integer({ min: 1, max: 10 }),
    amount: fc.integer({ min: 0, max: 80_000 }),
    day: fc.integer({ min: 0, max: 364 }),
  });

const scenario = fc
  .record({ plan: fc.constantFrom(...PLANS), shares: fc.integer({ min: 1, max: 5 }), renewed: fc.boolean() })
  .chain(({ plan, shares, renewed }) => {
    // Plan 1's accidental death pays two parts (two limits): left out so that each claim counts toward one limit.
    const kinds = planEvents(plan)
      .map((event) => event.kind)
      .filter((kind) => !(plan.number === 1 && kind === 'accidentDeath'));
    return fc.record({
      plan: fc.constant(plan),
      shares: fc.constant(shares),
      renewed: fc.constant(renewed),
      claims: fc.array(claimArbitrary(kinds), { minLength: 1, maxLength: 8 }),
    });
  });

const EVENT_NAMES: Record<EventKind, string> = {
  designatedDisease: '重疾',
  diseaseDeath: '身故',
  accidentDeath: '意外身故',
  accidentDisability: '意外伤残',
  accidentMedical: '意外医疗',
  accidentHospital: '意外住院',
};

describe('yearly limits over a register', () => {
  it('the sum paid toward each limit in a cover year never exceeds limit × shares', () => {
    fc.assert(
      fc.property(scenario, ({ plan, shares, renewed, claims }) => {
        const report = settle({
          roster: [member({ id: ID, sex: '女', plan: plan.shortName, shares, previousShares: renewed ? shares : null, effectiveDate: '2026-01-01' })],
          today: '2026-12-31',
          claims: claims.map((claim) => ({
            id: ID,
            plan: plan.shortName,
            event: EVENT_NAMES[claim.kind],
            detail:
              claim.kind === 'accidentDisability'
                ? claim.grade
                : claim.kind === 'accidentMedical' || claim.kind === 'accidentHospital'
                  ? claim.amount
                  : claim.kind === 'accidentDeath'
                    ? ''
                    : claim.diagnosis,
            eventDate: isoFromSerial(EFFECTIVE + claim.day),
          })),
        });
        const paidByLimit = new Map<string, number>();
        report.claims.forEach((result, i) => {
          const limit = limitFor(plan, claims[i].kind);
          if (result.payable === null || !limit) return;
          expect(result.payable).toBeGreaterThanOrEqual(0);
          paidByLimit.set(limit.id, (paidByLimit.get(limit.id) ?? 0) + result.payable - result.condolence);
        });
        for (const [id, paid] of paidByLimit) {
          const limit = plan.limits.find((candidate) => `plan${plan.number}:${candidate.part}` === id);
          expect(limit).toBeDefined();
          expect(paid).toBeLessThanOrEqual((limit?.perShare ?? 0) * shares + 1e-6);
        }
        // A claim entered twice (same event and date) is paid once.
        const keys = new Set<string>();
        report.claims.forEach((result, i) => {
          const key = `${claims[i].kind}:${claims[i].day}`;
          if (keys.has(key)) expect(result.payable).toBeNull();
          keys.add(key);
        });
      }),
      { numRuns: 60 },
    );
  });
});
