/** The roster's totals: people, shares and premium per unit × plan, and by funding method. */
import { roundYuan } from '../money';
import { premiumFor } from '../premium';
import type { RowRecord, SheetState } from './engine';
import { Finding, FundingSummary, RosterSummary, SkippedSheet, UnitPlanSummary } from './types';

const NO_FUNDING = '（未填）';

/** The person a row stands for: the ID, or the record itself when the row has no valid ID. */
function personKey(record: RowRecord): string | RowRecord {
  return record.id ?? record;
}

export function summarise(
  records: readonly RowRecord[],
  sheets: readonly SheetState[],
  skipped: readonly SkippedSheet[],
  findings: readonly Finding[],
  fundingColumn: boolean,
): RosterSummary {
  // Unit, then plan number: no key string is built per row.
  const units = new Map<string, Map<number, UnitPlanSummary & { persons: Set<string | RowRecord> }>>();
  const funding = new Map<string, FundingSummary & { persons: Set<string | RowRecord> }>();
  let premiumTotal = 0;
  for (const record of records) {
    if (!record.plan || record.shares === null) continue;
    const premium = premiumFor(record.plan, record.shares);
    premiumTotal += premium;
    let plans = units.get(record.unit);
    if (!plans) units.set(record.unit, (plans = new Map()));
    let unit = plans.get(record.plan.number);
    if (!unit) {
      unit = { unit: record.unit, plan: record.plan.number, planName: record.plan.shortName, people: 0, shares: 0, premium: 0, persons: new Set() };
      plans.set(record.plan.number, unit);
    }
    unit.persons.add(personKey(record));
    unit.shares += record.shares;
    unit.premium += premium;
    if (fundingColumn) {
      const name = record.funding ?? NO_FUNDING;
      let entry = funding.get(name);
      if (!entry) {
        entry = { funding: name, people: 0, premium: 0, persons: new Set() };
        funding.set(name, entry);
      }
      entry.persons.add(personKey(record));
      entry.premium += premium;
    }
  }
  const unitRows = [...units.values()]
    .flatMap((plans) => [...plans.values()])
    .map(({ persons, ...unit }) => ({ ...unit, people: persons.size, premium: roundYuan(unit.premium) }))
    .sort((a, b) => (a.unit === b.unit ? a.plan - b.plan : a.unit < b.unit ? -1 : 1));
  const summary: RosterSummary = {
    rows: records.length,
    people: new Set(records.map(personKey)).size,
    premiumTotal: roundYuan(premiumTotal),
    units: unitRows,
    sheets: sheets
      .filter((sheet) => sheet.layout)
      .map((sheet) => ({ ...(sheet.file === undefined ? {} : { file: sheet.file }), sheet: sheet.name, headerRow: sheet.headerRow, rows: sheet.rows })),
    skipped: [...skipped],
    errors: 0,
    warnings: 0,
  };
  for (const finding of findings) {
    if (finding.severity === 'error') summary.errors += 1;
    else summary.warnings += 1;
  }
  if (fundingColumn) {
    summary.byFunding = [...funding.values()].map(({ persons, ...entry }) => ({ ...entry, people: persons.size, premium: roundYuan(entry.premium) }));
  }
  return summary;
}
