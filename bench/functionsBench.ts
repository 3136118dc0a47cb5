/** Calls per second of the custom functions with realistic arguments, as Excel sends them. */
import '../test/setup/customFunctionsStandIn';
import { disease, payout, premium } from '../src/functions/functions';
import { median } from './measure';

function callsPerSecond(calls: (() => unknown)[], batch: number, runs: number): number {
  const rates: number[] = [];
  for (let run = 0; run < runs + 1; run += 1) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i += 1) calls[i % calls.length]();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (run > 0) rates.push(batch / seconds); // run 0 warms up
  }
  return Math.round(median(rates));
}

/** Hospital wordings, each made distinct by a record number so that the diagnosis memo never answers. */
const DIAGNOSES = [
  '左肺上叶腺癌 pT2aN1M0',
  '宫颈鳞状细胞癌 IB1期',
  '慢性肾衰竭 尿毒症期',
  '冠状动脉造影+支架植入术',
  '疑似胃癌',
  '乳腺导管原位癌',
  'III度烧伤面积25%',
  '高血压3级',
];

function distinctDiagnosisCalls(count: number): (() => unknown)[] {
  return Array.from({ length: count }, (_, i) => {
    const text = `${DIAGNOSES[i % DIAGNOSES.length]} 住院号${i}`;
    return () => {
      try {
        return disease(text);
      } catch (error) {
        return error; // #N/A for the wordings that are not covered or need review
      }
    };
  });
}

export function benchFunctions(runs: number): { premiumPerSecond: number; payoutPerSecond: number; diseaseDistinctPerSecond: number } {
  const premiumCalls = [
    () => premium('综合', 3, null),
    () => premium('指定疾病', '2份', null),
    () => premium(3, 1, 2),
    () => premium('女职工安康', ' 3 ', null),
  ];
  const payoutCalls = [
    () => payout('综合', 3, '重疾', '肺癌', 46023, 46200, null),
    () => payout('指定疾病', 2, '重疾', '心脏支架', '2026-01-01', '2026-03-01', 2),
    () => payout('团体意外', 2, '意外伤残', 3, null, null, null),
    () => payout('农民工', 1, '身故', '心肌梗死', null, null, null),
    () => payout('综合', 1, '意外住院', 12000, null, null, null),
  ];
  return {
    premiumPerSecond: callsPerSecond(premiumCalls, 1_000_000, runs),
    payoutPerSecond: callsPerSecond(payoutCalls, 200_000, runs),
    // Distinct wordings: the classifier itself, not its memo (200,000 texts; the memo keeps 10,000).
    diseaseDistinctPerSecond: callsPerSecond(distinctDiagnosisCalls(200_000), 200_000, runs),
  };
}
