/**
 * The requirement-set matrix: every adapter operation on each ExcelApi version from the add-in's
 * floor (requirements.ts) up to 1.18, against a stand-in that refuses (ApiNotFound) any API above
 * its version; and across versions: a workbook marked on one Excel, re-checked and cleared on
 * another, then cleared on the first, ends exactly as it began, both ways round.
 */
import { checkRoster } from '../../src/rules/roster';
import { ExcelAdapter, SUMMARY_SHEET, TEMPLATE_SHEET } from '../../src/taskpane/excel/excelAdapter';
import { MARK_FILL, MARKS_SHEET, NOTE_PREFIX } from '../../src/taskpane/excel/plan';
import { EXCEL_API_FLOOR } from '../../src/taskpane/excel/requirements';
import { AdapterError, ExcelHost } from '../../src/taskpane/excel/types';
import { CellValue, ExcelStandIn, FillState, SheetSpec, solidFill, WorkbookState } from '../support/excelStandIn';
import { faultyRoster, faultyRosterFormulas } from '../support/rosterFixtures';
import { compareVersions } from '../support/officeApiSets';

const ROSTER = '花名册';
const VERSIONS = ['1.11', '1.12', '1.13', '1.14', '1.15', '1.16', '1.17', '1.18'];
const NOTES_FROM = '1.18';
const MERGES_FROM = '1.13';

/** The plan of the first three people merged (F3:F5, 综合): covered cells read blank without merged areas. */
const MERGE = 'F3:F5';
const CLERK_FILLS: Record<string, FillState> = { E4: solidFill('#FFFF00'), F6: solidFill('#DDEBF7'), A1: solidFill('#1F4E78') };
const CLERK_NOTES = { G7: '经办人:两份是口头报的,待确认', B3: '单位已缴费' };

/** The rows as Excel stores them (covered cells blank) and as the clerk sees them. */
function rosterRows(): { stored: CellValue[][]; shown: CellValue[][] } {
  const shown = faultyRoster();
  const stored = shown.map((row, r) => row.map((value, c) => (c === 5 && (r === 3 || r === 4) ? '' : value)));
  return { stored, shown };
}

function spec(): SheetSpec {
  return { name: ROSTER, rows: rosterRows().stored, formulas: faultyRosterFormulas(), fills: CLERK_FILLS, notes: CLERK_NOTES, merges: [MERGE] };
}

const atLeast = (version: string, floor: string) => compareVersions(version, floor) >= 0;

/** What the engine finds in what this Excel can read. */
function expectedReport(version: string) {
  const { stored, shown } = rosterRows();
  return checkRoster([{ name: ROSTER, rows: atLeast(version, MERGES_FROM) ? shown : stored }]);
}

function excel(workbook: WorkbookState, apiVersion: string) {
  const standIn = new ExcelStandIn(workbook, { apiVersion });
  return { standIn, adapter: new ExcelAdapter(standIn as unknown as ExcelHost) };
}

/** Everything the clerk could see, for "ends as it began". */
function everything(workbook: WorkbookState) {
  return {
    sheets: workbook.sheets.map((sheet) => sheet.name),
    values: workbook.valuesOf(ROSTER),
    formulas: workbook.formulasOf(ROSTER),
    fills: workbook.fillsOf(ROSTER),
    notes: workbook.notesOf(ROSTER),
  };
}

function markedCells(version: string): string[] {
  return [...new Set(expectedReport(version).findings.map((f) => f.cell as string))];
}

/** Notes the add-in adds on `version`: on each marked cell that had none. */
function addedNotes(version: string): string[] {
  return atLeast(version, NOTES_FROM) ? markedCells(version).filter((cell) => !(cell in CLERK_NOTES)) : [];
}

test('the matrix starts at the floor and the roster reads differently with and without merged areas', () => {
  expect(VERSIONS[0]).toBe(EXCEL_API_FLOOR);
  expect(markedCells('1.12').length).toBeGreaterThan(markedCells('1.13').length);
});

describe.each(VERSIONS)('ExcelApi %s', (version) => {
  test('check marks every faulty cell; clear puts every fill and note back', async () => {
    const workbook = new WorkbookState([spec()]);
    const before = everything(workbook);
    const { standIn, adapter } = excel(workbook, version);
    expect(adapter.missingRequirements()).toEqual([]);

    const checked = await adapter.check({ scope: 'activeSheet' });
    expect(checked.report).toEqual(expectedReport(version));
    expect(checked.marked).toBe(markedCells(version).length);
    for (const finding of checked.report.findings) expect(workbook.fillAt(ROSTER, finding.cell as string).color).toBe(MARK_FILL[finding.severity]);
    expect(checked.notes).toBe(addedNotes(version).length);
    expect(Object.keys(workbook.notesOf(ROSTER)).sort()).toEqual([...Object.keys(CLERK_NOTES), ...addedNotes(version)].sort());
    expect(checked.notices.some((n) => n.code === 'notesUnsupported')).toBe(!atLeast(version, NOTES_FROM));
    expect(standIn.callsByName['Range.getMergedAreasOrNullObject'] !== undefined).toBe(atLeast(version, MERGES_FROM));
    expect(workbook.valuesOf(ROSTER)).toEqual(before.values);

    const cleared = await adapter.clearMarks();
    expect(cleared).toMatchObject({ restored: markedCells(version).length, notesRemoved: addedNotes(version).length, notesLeft: 0 });
    expect(everything(workbook)).toEqual(before);
    expect(adapter.syncCount).toBe(standIn.syncs);
  });

  test('summary, template and select', async () => {
    const workbook = new WorkbookState([spec()]);
    const { adapter } = excel(workbook, version);
    const summary = await adapter.writeSummary({ scope: 'activeSheet' });
    expect(summary.report).toEqual(expectedReport(version));
    expect(workbook.valuesOf(SUMMARY_SHEET)[0][0]).toBe('参保缴费汇总');
    const template = await adapter.insertTemplate();
    expect(template.sheetName).toBe(TEMPLATE_SHEET);
    const sheet = workbook.sheet(TEMPLATE_SHEET);
    expect(sheet.validations.length).toBeGreaterThan(0);
    expect(sheet.frozenRows).toBe(1);
    workbook.activeSheet = ROSTER;
    const finding = summary.report.findings[0];
    await adapter.select(finding);
    expect(workbook.selection).toEqual({ sheet: ROSTER, address: finding.cell });
  });
});

describe('across versions: marked on one Excel, re-checked and cleared on another, cleared on the first', () => {
  const pairs = VERSIONS.flatMap((first) => VERSIONS.filter((second) => second !== first).map((second) => [first, second]));

  test.each(pairs)('marked on %s, then %s', async (first, second) => {
    const workbook = new WorkbookState([spec()]);
    const before = everything(workbook);
    await excel(workbook, first).adapter.check({ scope: 'activeSheet' });

    // The second Excel re-checks (clearing the first one's marks) and clears.
    const other = excel(workbook, second);
    const rechecked = await other.adapter.check({ scope: 'activeSheet' });
    expect(rechecked.report).toEqual(expectedReport(second));
    for (const finding of rechecked.report.findings) expect(workbook.fillAt(ROSTER, finding.cell as string).color).toBe(MARK_FILL[finding.severity]);
    // Notes the first Excel added and the second cannot delete stay, and are listed.
    const stranded = atLeast(second, NOTES_FROM) ? [] : addedNotes(first);
    const leftNotice = rechecked.notices.find((n) => n.code === 'notesLeft');
    expect(leftNotice?.count ?? 0).toBe(stranded.length);
    for (const cell of stranded) expect(leftNotice?.detail).toContain(`${ROSTER}!${cell}`);

    const cleared = await other.adapter.clearMarks();
    expect(workbook.fillsOf(ROSTER)).toEqual(before.fills);
    expect(cleared.notesLeft).toBe(stranded.length);
    expect(Object.keys(workbook.notesOf(ROSTER)).sort()).toEqual([...Object.keys(CLERK_NOTES), ...stranded].sort());
    for (const cell of stranded) expect(workbook.notesOf(ROSTER)[cell].startsWith(NOTE_PREFIX)).toBe(true);
    // The marks sheet stays exactly as long as something of ours is left in the workbook.
    expect(workbook.find(MARKS_SHEET) !== undefined).toBe(stranded.length > 0);
    expect(other.adapter.syncCount).toBe(other.standIn.syncs);

    // Back on the first Excel, a clear takes what is left: the workbook is as it began.
    await excel(workbook, first).adapter.clearMarks();
    expect(everything(workbook)).toEqual(before);
  });
});

describe('below the floor', () => {
  test('ExcelApi 1.10: the pane is told what is missing; every operation is refused before Excel is asked anything', async () => {
    const workbook = new WorkbookState([spec()]);
    const before = everything(workbook);
    const { standIn, adapter } = excel(workbook, '1.10');
    expect(adapter.missingRequirements()).toEqual([`ExcelApi ${EXCEL_API_FLOOR}`]);
    const refused = new AdapterError('unsupported', `ExcelApi ${EXCEL_API_FLOOR}`);
    await expect(adapter.check({ scope: 'activeSheet' })).rejects.toEqual(refused);
    await expect(adapter.clearMarks()).rejects.toEqual(refused);
    await expect(adapter.writeSummary({ scope: 'workbook' })).rejects.toEqual(refused);
    await expect(adapter.insertTemplate()).rejects.toEqual(refused);
    expect(standIn.runs).toBe(0);
    expect(everything(workbook)).toEqual(before);
  });
});
