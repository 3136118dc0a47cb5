/**
 * Roster engine, random rosters (fast-check):
 * - any cell values under a valid header never make checkRoster throw, and every finding points
 *   at a cell of the input with a known rule;
 * - the findings do not depend on the order of the rows;
 * - a valid row for a new person in a new unit changes no other row's findings.
 */
import fc from 'fast-check';
import { FUNDING_METHODS, PLANS } from '../../src/rules/catalogue';
import { parseIdNumber } from '../../src/rules/idNumber';
import { checkRoster, COLUMNS, Finding, parseCellAddress, RosterReport, RULE_SEVERITY, RULES, SheetInput } from '../../src/rules/roster';
import { Field } from '../../src/rules/roster/columns';
import { makeId } from './rosterKit';

// ---------------------------------------------------------------------------------------------
// Cell values

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(''),
  fc.constant(' \u3000 '),
  fc.integer({ min: -1000, max: 100000 }),
  fc.double(), // NaN, ±Infinity, -0 included
  fc.constantFrom(450421198001011200, 1e15, 2 ** 53, -1, 0),
  fc.boolean(),
  fc.constantFrom('#N/A', '#VALUE!', '#REF!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!'),
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ minLength: 1, maxLength: 4 }).map((s) => s.repeat(2500)), // very long text
  fc.date(), // sometimes Invalid Date
  fc.constant(new Date(NaN)),
  fc.constantFrom('合计', '总计', '男', '女', '综合', '3份', '2026-01-01'),
);

/** Birth dates around the age boundaries (2026: under 16, retired, in service). */
const BIRTHS = ['19580101', '19651002', '19701002', '19751231', '19800101', '20100101', '20100102'];
const EFFECTIVE = ['2026-01-01', '2026/1/2', '2026年1月1日', 46023, 46024];

const idArb: fc.Arbitrary<unknown> = fc
  .record({ birth: fc.constantFrom(...BIRTHS), n: fc.integer({ min: 0, max: 1 }), form: fc.nat(9) })
  .map(({ birth, n, form }) => {
    const id = makeId({ birth, seq: String(100 + n) });
    if (form === 0) return id.toLowerCase();
    if (form === 1) return ` ${id} `;
    if (form === 2) return Number(id); // stored as a number: invalid
    if (form === 3) return id.slice(0, 17); // invalid
    return id;
  });

const PLAN_TEXTS: unknown[] = [...PLANS.flatMap((p) => [p.name, p.shortName]), 1, 2, 3, 4, 5, '第2种', '养老保险'];

const plausible: Record<Field, fc.Arbitrary<unknown>> = {
  seq: fc.nat(100),
  unit: fc.constantFrom('甲', '乙', '丙', null),
  name: fc.constantFrom('张三', '李四', '王五', null),
  sex: fc.constantFrom('男', '女', 'M', 'f', '未知', null),
  id: idArb,
  plan: fc.constantFrom(...PLAN_TEXTS),
  shares: fc.oneof(fc.integer({ min: 0, max: 7 }), fc.constantFrom('3份', '３', ' 2 ', '4', 1.5)),
  effectiveDate: fc.oneof(
    fc.constantFrom(...EFFECTIVE),
    fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2040, 0, 1)), noInvalidDate: true }),
    fc.constant(null),
  ),
  previousShares: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 6 }), fc.constant('4份')),
  funding: fc.constantFrom(...FUNDING_METHODS, null),
  phone: fc.constantFrom('13800000000', null),
};

// ---------------------------------------------------------------------------------------------
// Headers and rosters

interface Column {
  field: Field | null;
  text: string;
}

const REQUIRED: Field[] = ['name', 'id', 'plan', 'shares'];
const OPTIONAL: Field[] = ['seq', 'unit', 'sex', 'effectiveDate', 'previousShares', 'funding', 'phone'];
const UNKNOWN_HEADERS = ['备注', '岗位', '籍贯', '银行账号'];

const aliasArb = (field: Field): fc.Arbitrary<string> => fc.constantFrom(...COLUMNS.find((c) => c.field === field)!.headers);

/** A valid header: at least three of the four required columns, some optional and unknown ones, in any order. */
function headerArb(options: { unit: 'any' | 'always' }): fc.Arbitrary<Column[]> {
  return fc
    .record({
      dropped: fc.option(fc.constantFrom(...REQUIRED), { nil: undefined, freq: 4 }),
      optional: fc.subarray(OPTIONAL),
      unknown: fc.subarray(UNKNOWN_HEADERS, { maxLength: 2 }),
    })
    .chain(({ dropped, optional, unknown }) => {
      const fields = [...REQUIRED.filter((f) => f !== dropped), ...optional];
      if (options.unit === 'always' && !fields.includes('unit')) fields.push('unit');
      const columns: fc.Arbitrary<Column>[] = [
        ...fields.map((field) => aliasArb(field).map((text) => ({ field, text }))),
        ...unknown.map((text) => fc.constant<Column>({ field: null, text })),
      ];
      return fc.tuple(...columns);
    })
    .chain((columns) => fc.shuffledSubarray(columns, { minLength: columns.length, maxLength: columns.length }));
}

interface RandomSheet {
  input: SheetInput;
  columns: Column[];
  /** Index in input.rows of the header row. */
  headerIndex: number;
}

interface SheetOptions {
  /** Weight of random junk against plausible values, per cell. */
  junkWeight: number;
  /** Unit cells are never blank (a blank unit continues the unit above, which depends on order). */
  unitsNeverBlank: boolean;
  unit: 'any' | 'always';
  maxRows: number;
  minRows?: number;
  /** Leave out junk numbers above a million. */
  smallNumbers?: boolean;
}

function sheetArb(index: number, options: SheetOptions): fc.Arbitrary<RandomSheet> {
  return fc
    .record({
      name: fc.constantFrom('花名册', 'Sheet1', '综合', '女职工安康', '团体意外'),
      titles: fc.nat(3),
      firstRow: fc.integer({ min: 1, max: 40 }),
      firstColumn: fc.integer({ min: 1, max: 60 }),
      columns: headerArb({ unit: options.unit }),
    })
    .chain((sheet) => {
      const noise = options.smallNumbers ? junk.filter((v) => !(typeof v === 'number' && Math.abs(v) > 1e6)) : junk;
      const cell = (column: Column): fc.Arbitrary<unknown> => {
        const good = column.field === 'unit' && options.unitsNeverBlank ? fc.constantFrom('甲', '乙', '丙') : column.field ? plausible[column.field] : noise;
        if (column.field === 'unit' && options.unitsNeverBlank) return good;
        return fc.oneof({ weight: 6, arbitrary: good }, { weight: options.junkWeight, arbitrary: noise });
      };
      const row = fc.tuple(...sheet.columns.map(cell));
      return fc.array(row, { minLength: options.minRows ?? 0, maxLength: options.maxRows }).map((data) => {
        const titles = Array.from({ length: sheet.titles }, (_, i) => (i === 0 ? ['2026年度职工互助保障参保花名册'] : [`第${i}页`, null, '制表人']));
        const input: SheetInput = {
          name: sheet.name,
          file: `f${index}.xlsx`, // (file, sheet) names each sheet uniquely
          firstRow: sheet.firstRow,
          firstColumn: sheet.firstColumn,
          rows: [...titles, sheet.columns.map((c) => c.text), ...data],
        };
        return { input, columns: sheet.columns, headerIndex: sheet.titles };
      });
    });
}

function rosterArb(options: SheetOptions, maxSheets = 3): fc.Arbitrary<RandomSheet[]> {
  return fc.integer({ min: 1, max: maxSheets }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => sheetArb(i, options))));
}

const ANY_CELLS: SheetOptions = { junkWeight: 3, unitsNeverBlank: false, unit: 'any', maxRows: 25 };

// ---------------------------------------------------------------------------------------------
// Properties

describe('random rosters', () => {
  it('never make checkRoster throw; every finding points at a cell of the input and names a known rule', () => {
    fc.assert(
      fc.property(rosterArb(ANY_CELLS), (sheets) => {
        const report = checkRoster(sheets.map((s) => s.input));
        expect(report.summary.skipped).toEqual([]);
        for (const sheet of sheets) {
          const { input, headerIndex } = sheet;
          const info = report.summary.sheets.find((s) => s.file === input.file)!;
          expect(info.headerRow).toBe((input.firstRow ?? 1) + headerIndex);
        }
        for (const finding of report.findings) expectPointsIntoInput(finding, sheets);
        expect(report.summary.errors + report.summary.warnings).toBe(report.findings.length);
      }),
      { numRuns: Number(process.env.ROSTER_RUNS ?? 150) },
    );
  });

  it('give the same findings whatever the order of their rows (row for row, leaving aside which duplicate is first)', () => {
    // no huge numbers: counts such as 1e20 shares are "valid" and make float sums of the totals order-dependent
    const options: SheetOptions = { junkWeight: 1, unitsNeverBlank: true, unit: 'any', minRows: 6, maxRows: 20, smallNumbers: true };
    const arb = rosterArb(options, 2).chain((sheets) =>
      fc.tuple(fc.constant(sheets), fc.tuple(...sheets.map((s) => permutationArb(s.input.rows.length - s.headerIndex - 1)))),
    );
    fc.assert(
      fc.property(arb, ([sheets, permutations]) => {
        const shuffled = sheets.map((sheet, i) => shuffleData(sheet, permutations[i]));
        const before = checkRoster(sheets.map((s) => s.input));
        const after = checkRoster(shuffled.map((s) => s.input));
        const identity = sheets.map((s) => Array.from({ length: s.input.rows.length - s.headerIndex - 1 }, (_, k) => k));

        const keysBefore = findingKeys(before, sheets, identity);
        const keysAfter = findingKeys(after, shuffled, permutations);
        expect(keysAfter.others).toEqual(keysBefore.others);
        expect(keysAfter.duplicatesPerPerson).toEqual(keysBefore.duplicatesPerPerson);
        // the totals too; byFunding is listed in the order methods are first met, so compared sorted
        const comparable = (r: RosterReport) => ({
          ...r.summary,
          byFunding: r.summary.byFunding?.slice().sort((a, b) => (a.funding < b.funding ? -1 : 1)),
        });
        expect(comparable(after)).toEqual(comparable(before));
      }),
      { numRuns: Number(process.env.ROSTER_RUNS ?? 150) },
    );
  });

  it("adding a valid row for a new person in a new unit changes no other row's findings", () => {
    const newcomer: Partial<Record<Field, unknown>> = {
      seq: 999,
      unit: '新单位',
      name: '新职工',
      sex: '女',
      id: makeId({ birth: '19900101', seq: '998' }),
      plan: '综合',
      shares: 1,
      effectiveDate: '2026-01-01',
      previousShares: null,
      funding: FUNDING_METHODS[0],
      phone: '13900000000',
    };
    const rowFor = (columns: Column[]) => columns.map((c) => (c.field ? newcomer[c.field] : null));

    fc.assert(
      fc.property(rosterArb(ANY_CELLS), (sheets) => {
        const inputs = sheets.map((s) => s.input);
        const before = checkRoster(inputs);

        // as a new sheet named after the new unit
        const newSheet: SheetInput = {
          name: '新单位',
          file: 'new.xlsx',
          rows: [
            ['姓名', '身份证号', '参保计划', '份数', '性别', '生效日期'],
            ['新职工', newcomer.id, '综合', 1, '女', '2026-01-01'],
          ],
        };
        const withSheet = checkRoster([...inputs, newSheet]);
        expect(withSheet.findings.filter((f) => f.file === 'new.xlsx')).toEqual([]);
        expect(withSheet.findings.filter((f) => f.file !== 'new.xlsx')).toEqual(before.findings);

        // as a row at the end of a sheet that has a unit column
        const target = sheets.findIndex((s) => s.columns.some((c) => c.field === 'unit'));
        if (target >= 0) {
          const sheet = sheets[target];
          const appended: SheetInput = { ...sheet.input, rows: [...sheet.input.rows, rowFor(sheet.columns)] };
          const newRow = (sheet.input.firstRow ?? 1) + sheet.input.rows.length;
          const withRow = checkRoster(inputs.map((input, i) => (i === target ? appended : input)));
          const isNew = (f: Finding) => f.file === sheet.input.file && f.row === newRow;
          expect(withRow.findings.filter(isNew)).toEqual([]);
          expect(withRow.findings.filter((f) => !isNew(f))).toEqual(before.findings);
        }
      }),
      { numRuns: Number(process.env.ROSTER_RUNS ?? 150) },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Helpers of the properties

function expectPointsIntoInput(finding: Finding, sheets: RandomSheet[]): void {
  expect(RULES).toContain(finding.rule);
  expect(finding.severity).toBe(RULE_SEVERITY[finding.rule]);
  expect(typeof finding.message).toBe('string');
  expect(finding.message.length).toBeGreaterThan(0);

  const sheet = sheets.find((s) => s.input.file === finding.file && s.input.name === finding.sheet);
  expect(sheet).toBeDefined();
  const { input, columns, headerIndex } = sheet!;
  const firstRow = input.firstRow ?? 1;
  const index = finding.row - firstRow;
  // a row of the input, the header row or below
  expect(index).toBeGreaterThanOrEqual(headerIndex);
  expect(index).toBeLessThan(input.rows.length);

  if (finding.cell === null) return;
  const address = parseCellAddress(finding.cell);
  expect(address).not.toBeNull();
  expect(address!.row).toBe(finding.row);
  const columnIndex = address!.column - (input.firstColumn ?? 1);
  // a column of the header, named as the header names it
  expect(columnIndex).toBeGreaterThanOrEqual(0);
  expect(columnIndex).toBeLessThan(columns.length);
  expect(columns[columnIndex].field).not.toBeNull();
  expect(finding.column).toBe(columns[columnIndex].text);
  // cell findings are about person rows, below the header
  expect(index).toBeGreaterThan(headerIndex);
}

function permutationArb(n: number): fc.Arbitrary<number[]> {
  const indices = Array.from({ length: n }, (_, i) => i);
  return fc.shuffledSubarray(indices, { minLength: n, maxLength: n });
}

/** The sheet with its data rows reordered: new data row k is old data row permutation[k]. */
function shuffleData(sheet: RandomSheet, permutation: number[]): RandomSheet {
  const start = sheet.headerIndex + 1;
  const data = sheet.input.rows.slice(start);
  return { ...sheet, input: { ...sheet.input, rows: [...sheet.input.rows.slice(0, start), ...permutation.map((k) => data[k])] } };
}

/**
 * Findings keyed by the original row they are about (through the permutation), rule and cell
 * column; DUPLICATE_ENROLLMENT counted per person instead (which occurrence is first depends on order).
 */
function findingKeys(report: RosterReport, sheets: RandomSheet[], permutations: number[][]): { others: string[]; duplicatesPerPerson: Record<string, number> } {
  const others: string[] = [];
  const duplicatesPerPerson: Record<string, number> = {};
  for (const finding of report.findings) {
    const sheetIndex = sheets.findIndex((s) => s.input.file === finding.file);
    const sheet = sheets[sheetIndex];
    const index = finding.row - (sheet.input.firstRow ?? 1);
    const dataIndex = index - sheet.headerIndex - 1;
    const original = dataIndex < 0 ? 'header' : String(permutations[sheetIndex][dataIndex]);
    const columnLetters = finding.cell?.replace(/\d+$/, '') ?? '-';
    if (finding.rule === 'DUPLICATE_ENROLLMENT') {
      const idColumn = sheet.columns.findIndex((c) => c.field === 'id');
      const check = parseIdNumber(sheet.input.rows[index][idColumn]);
      const person = check.valid ? check.id : `invalid:${finding.file}:${original}`;
      duplicatesPerPerson[person] = (duplicatesPerPerson[person] ?? 0) + 1;
    } else {
      others.push(`${finding.file}|${original}|${finding.rule}|${columnLetters}`);
    }
  }
  return { others: others.sort(), duplicatesPerPerson };
}
