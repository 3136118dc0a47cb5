/**
 * One engine measurement in a process of its own, so that its peak memory is its own:
 * `node engineChild.js ROWS RUNS` prints one JSON line.
 */
import { checkRoster } from '../src/rules/roster';
import { mib, median, timeMs } from './measure';
import { generateRoster } from './rosterGenerator';

const rows = Number(process.argv[2]);
const runs = Number(process.argv[3] ?? 5);
const roster = generateRoster(rows, 0.05, rows);
const heapBefore = process.memoryUsage().heapUsed;
let findings = 0;
let heapPeak = heapBefore;
const times: number[] = [];
checkRoster([{ name: '花名册', rows: roster }]); // warm-up
for (let i = 0; i < runs; i += 1) {
  times.push(
    timeMs(() => {
      findings = checkRoster([{ name: '花名册', rows: roster }]).findings.length;
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
    heapGrowthMiB: mib(heapPeak - heapBefore),
    peakRssMiB: mib(process.resourceUsage().maxRSS * 1024),
  })}\n`,
);
