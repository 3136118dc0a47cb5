/**
 * Generated rosters for benchmarks and robustness tests: realistic rows (units of about 50
 * members, the five plans, valid IDs with check characters), with a chosen share of faults.
 * Deterministic for a seed.
 */
import { expectedCheckChar } from '../src/rules/idNumber';
import { standardHeader } from '../src/rules/roster/columns';

export const ROSTER_HEADER = ['seq', 'unit', 'name', 'sex', 'id', 'plan', 'shares', 'effectiveDate', 'previousShares', 'funding'].map((field) =>
  standardHeader(field as Parameters<typeof standardHeader>[0]),
);

/** A small fast PRNG (mulberry32), so runs are repeatable. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚';
const FUNDING = ['单位工会全额交纳', '单位行政全额交纳', '职工个人交纳'];

export function makeId(rand: () => number, male: boolean, index: number): string {
  const year = 1970 + Math.floor(rand() * 35);
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  const seq = (index % 500) * 2 + (male ? 1 : 0);
  const first17 = `450421${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
  return first17 + expectedCheckChar(first17);
}

/** Header + `rows` member rows; faultRate of them carry one fault each. */
export function generateRoster(rows: number, faultRate = 0.05, seed = 1): unknown[][] {
  const rand = random(seed);
  const out: unknown[][] = [ROSTER_HEADER];
  let person = 0;
  let unitIndex = 0;
  while (out.length - 1 < rows) {
    unitIndex += 1;
    const unit = `单位${unitIndex}`;
    const uniformShares = 1 + Math.floor(rand() * 5);
    const sharesDiseasePlan = 1 + Math.floor(rand() * 3);
    const unitSize = 30 + Math.floor(rand() * 40);
    for (let i = 0; i < unitSize && out.length - 1 < rows; i += 1) {
      person += 1;
      const male = rand() < 0.5;
      const id = makeId(rand, male, person);
      const name = SURNAMES[Math.floor(rand() * SURNAMES.length)] + GIVEN[Math.floor(rand() * GIVEN.length)];
      const base = [out.length, unit, name, male ? '男' : '女', id];
      const effective = 46023 + Math.floor(rand() * 30);
      const funding = FUNDING[unitIndex % FUNDING.length];
      const plans: [string, number][] = [[unitIndex % 2 === 0 ? '综合' : '指定疾病', unitIndex % 2 === 0 ? uniformShares : sharesDiseasePlan]];
      if (rand() < 0.5) plans.push(['团体意外', uniformShares]);
      if (!male && rand() < 0.5) plans.push(['女职工安康', sharesDiseasePlan]);
      for (const [plan, shares] of plans) {
        if (out.length - 1 >= rows) break;
        const row: unknown[] = [...base, plan, shares, effective, null, funding];
        row[0] = out.length;
        if (rand() < faultRate) injectFault(row, rand);
        out.push(row);
      }
    }
  }
  return out;
}

function injectFault(row: unknown[], rand: () => number): void {
  switch (Math.floor(rand() * 6)) {
    case 0:
      row[4] = String(row[4]).slice(0, 17) + (String(row[4])[17] === '0' ? '1' : '0'); // wrong check character
      break;
    case 1:
      row[6] = 9; // over the cap
      break;
    case 2:
      row[5] = '综合保险'; // unknown plan
      break;
    case 3:
      row[7] = '2026-13-45'; // not a date
      break;
    case 4:
      row[2] = null; // missing name
      break;
    default:
      row[3] = row[3] === '男' ? '女' : '男'; // sex disagrees with the ID
  }
}

/**
 * The copy-paste slip of issue 11: one person's row filled down `rows` rows, the plan alternating
 * between 综合 and 指定疾病, so every row conflicts with half the others.
 */
export function oneIdRoster(rows: number): unknown[][] {
  const id = makeId(random(1), true, 1);
  const out: unknown[][] = [ROSTER_HEADER];
  for (let i = 1; i <= rows; i += 1) out.push([i, '单位1', '王伟', '男', id, i % 2 === 1 ? '综合' : '指定疾病', 1, 46023, null, FUNDING[0]]);
  return out;
}
