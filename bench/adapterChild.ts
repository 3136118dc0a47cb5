/**
 * The Excel adapter's traffic to check a roster, against the instrumented Excel stand-in:
 * `node adapterChild.js ROWS` prints syncs and API calls as one JSON line.
 */
import { ExcelAdapter } from '../src/taskpane/excel/excelAdapter';
import { ExcelHost } from '../src/taskpane/excel/types';
import { ExcelStandIn, WorkbookState } from '../test/support/excelStandIn';
import { largeRoster } from '../test/support/rosterFixtures';

async function main(): Promise<void> {
  const rows = Number(process.argv[2]);
  const workbook = new WorkbookState([{ name: '花名册', rows: largeRoster(rows) }]);
  const standIn = new ExcelStandIn(workbook);
  const adapter = new ExcelAdapter(standIn as unknown as ExcelHost);
  const start = process.hrtime.bigint();
  const checked = await adapter.check({ scope: 'activeSheet' });
  const checkMs = Number(process.hrtime.bigint() - start) / 1e6;
  const result = {
    rows,
    syncs: checked.syncs,
    apiCalls: standIn.calls,
    findings: checked.report.findings.length,
    maxRequestKiB: Math.round(standIn.maxRequestBytes / 1024),
    maxResponseKiB: Math.round(standIn.maxResponseBytes / 1024),
    standInMs: Math.round(checkMs),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
