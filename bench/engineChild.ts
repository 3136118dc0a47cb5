/**
 * One engine measurement in a process of its own, so that its peak memory is its own:
 * `node engineChild.js ROWS RUNS [one-id]` prints one JSON line (one-id: one ID filled down every row).
 */
import { checkRoster } from '../src/rules/roster';
import { mib, median, timeMs } from './measure';
import { generateRoster, oneIdRoster } from './rosterGenerator';

const rows = Number(process.argv[2]);
const runs = Number(process.argv[3] ?? 5);
const oneId = process.argv[4] === 'one-id';
const roster = oneId ? oneIdRoster(rows) : generateRoster(rows, 0.05, rows);
const heapBefore = process.memoryUsage().heapUsed;
let findings = 0;
let longestMessage = 0;
let heapPeak = heapBefore;
const times: number[] = [];
checkRoster([{ name: '花名册', rows: roster }]); // warm-up
for (let i = 0; i < runs; i += 1) {
  times.push(
    timeMs(() => {
      const report = checkRoster([{ name: '花名册', rows: roster }]);
      findings = report.findings.length;
      longestMessage = report.findings.reduce((longest, finding) => Math.max(longest, finding.message.length), 0);
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }),
  );
}
const ms = median(times);
process.stdout.write(
  `${JSON.stringify({
    rows,
    ms: Math.round(ms * 10) / 10,
    rowsPerSecond: Math.round(rows / (ms / 1000)),
    findings,
    ...(oneId ? { longestMessage } : {}),
    heapGrowthMiB: mib(heapPeak - heapBefore),
    peakRssMiB: mib(process.resourceUsage().maxRSS * 1024),
  })}\n`,
);
