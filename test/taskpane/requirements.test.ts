/**
 * Each Excel API the adapter calls, mapped to its requirement set from @types/office-js's
 * `[Api set: ExcelApi 1.x]` comments: nothing above the floor (requirements.ts) may be called
 * without a guard next to it, and the Excel stand-in must know each one's set as office-js gives
 * it, so that the requirement-set matrix (requirementMatrix.test.ts) really refuses what an older
 * Excel lacks.
 */
import * as fs from 'fs';
import * as path from 'path';
import { EXCEL_API_FLOOR } from '../../src/taskpane/excel/requirements';
import { API_SETS } from '../support/excelStandIn';
import { ApiUse, apiSetOf, compareVersions, excelApiSets, excelApiUses } from '../support/officeApiSets';

const ROOT = path.join(__dirname, '..', '..');
const ADAPTER = path.join(ROOT, 'src', 'taskpane', 'excel');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(file);
    return /\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

/** A made-up operation with one guarded and one unguarded use of each kind, to show the scan can fail. */
const PROBE = path.join(ADAPTER, 'operations', '__requirementsProbe.ts');
const PROBE_TEXT = `
import type { ExcelContext } from '../door';
export async function probe(context: ExcelContext): Promise<void> {
  const sheet = context.workbook.worksheets.getItem('S');
  sheet.notes.add('A1', 'unguarded');
  if (context.supports('1.18')) sheet.notes.add('A2', 'guarded by if');
  if (context.supports('1.13')) sheet.notes.add('A3', 'guarded too low');
  const withNotes = context.supports('1.18');
  const note = withNotes ? sheet.notes.getItemOrNullObject('A4') : null;
  if (!withNotes) notices();
  sheet.getRange('A5').getMergedAreasOrNullObject();
  if (!context.supports('1.13')) return;
  sheet.getRange('A6').getMergedAreasOrNullObject();
  void note;
  await context.sync();
}
function notices(): void {}
`;

let sets: Map<string, string>;
let uses: Map<string, ApiUse[]>;

beforeAll(() => {
  sets = excelApiSets();
  uses = excelApiUses(tsFiles(ADAPTER), { [PROBE]: PROBE_TEXT });
});

/**
 * Members office-js gives no ExcelApi set (and whose class has none): part of office.js itself,
 * there in every Excel. Any other member without a set fails the test, to be looked at.
 */
const WITHOUT_SET = ['RequestContext.workbook'];

function versionOf(api: string): string {
  const version = sets.get(api);
  if (!version) throw new Error(`@types/office-js names no ExcelApi set for ${api}`);
  return version;
}

function unguardedAboveFloor(list: ApiUse[]): string[] {
  return list
    .filter(({ api }) => !WITHOUT_SET.includes(api))
    .filter(({ api, guard }) => compareVersions(versionOf(api), EXCEL_API_FLOOR) > 0 && (guard === null || compareVersions(guard, versionOf(api)) < 0))
    .map(
      ({ file, line, api, guard }) =>
        `${path.relative(ROOT, file)}:${line} ${api} (ExcelApi ${versionOf(api)}${guard ? `, guarded only for ${guard}` : ', unguarded'})`,
    );
}

test('the [Api set] comments are read as office-js writes them', () => {
  expect(apiSetOf('* [Api set: ExcelApi 1.1 for reading visibility; 1.2 for setting it.]')).toBe('1.2');
  expect(apiSetOf('* [Api set: ExcelApi 1.13]')).toBe('1.13');
  expect(apiSetOf('* [Api set: ExcelApiOnline 1.1]')).toBeNull();
  expect(sets.get('Range.values')).toBe('1.1');
  expect(sets.get('Worksheet.getRangeByIndexes')).toBe('1.7');
  expect(sets.get('Range.getMergedAreasOrNullObject')).toBe('1.13');
  expect(sets.get('Worksheet.notes')).toBe('1.18');
  // A member without a comment of its own takes its class's set (Note.load: the class is ExcelApi 1.18).
  expect(sets.get('Note.load')).toBe('1.18');
  expect(sets.size).toBeGreaterThan(2000);
  for (const api of WITHOUT_SET) expect(sets.has(api)).toBe(false);
});

test('the scan finds unguarded and too weakly guarded calls above the floor, and passes guarded ones', () => {
  const found = unguardedAboveFloor(uses.get(PROBE) as ApiUse[]);
  const lines = PROBE_TEXT.split('\n');
  const lineOf = (marker: string) => lines.findIndex((line) => line.includes(marker)) + 1;
  expect(found).toEqual([
    expect.stringMatching(new RegExp(`:${lineOf("'unguarded'")} NoteCollection\\.add \\(ExcelApi 1\\.18, unguarded\\)`)),
    expect.stringMatching(new RegExp(`:${lineOf("'unguarded'")} Worksheet\\.notes \\(ExcelApi 1\\.18, unguarded\\)`)),
    expect.stringMatching(new RegExp(`:${lineOf('guarded too low')} NoteCollection\\.add \\(ExcelApi 1\\.18, guarded only for 1\\.13\\)`)),
    expect.stringMatching(new RegExp(`:${lineOf('guarded too low')} Worksheet\\.notes \\(ExcelApi 1\\.18, guarded only for 1\\.13\\)`)),
    expect.stringMatching(new RegExp(`:${lineOf("'A5'")} Range\\.getMergedAreasOrNullObject \\(ExcelApi 1\\.13, unguarded\\)`)),
  ]);
});

test('the adapter calls nothing above the floor without a guard beside it', () => {
  const adapterUses = [...uses].filter(([file]) => file !== PROBE).flatMap(([, list]) => list);
  expect(unguardedAboveFloor(adapterUses)).toEqual([]);
  // The guarded ones are there (the scan sees the adapter's calls): notes and merged areas.
  const above = new Set(
    adapterUses.filter(({ api }) => !WITHOUT_SET.includes(api) && compareVersions(versionOf(api), EXCEL_API_FLOOR) > 0).map(({ api }) => api),
  );
  expect([...above].sort()).toEqual([
    'Note.content',
    'Note.delete',
    'Note.load',
    'NoteCollection.add',
    'NoteCollection.getItemOrNullObject',
    'Range.getMergedAreasOrNullObject',
    'Worksheet.notes',
  ]);
});

test('the stand-in knows every Excel API the adapter calls, with the set office-js gives it', () => {
  const adapterApis = new Set(
    [...uses]
      .filter(([file]) => file !== PROBE)
      .flatMap(([, list]) => list.map(({ api }) => api))
      .filter((api) => !WITHOUT_SET.includes(api)),
  );
  // load() is checked per property loaded, not as a call.
  const called = [...adapterApis].filter((api) => !api.endsWith('.load')).sort();
  expect(called.filter((api) => !(api in API_SETS))).toEqual([]);
  const mismatched = Object.entries(API_SETS)
    .filter(([api, version]) => sets.get(api) !== version)
    .map(([api, version]) => `${api}: stand-in ${version}, office-js ${sets.get(api) ?? 'none'}`);
  expect(mismatched).toEqual([]);
});

test('the floor follows from the manifest: SharedRuntime 1.1 and CustomFunctionsRuntime 1.3 (change requirements.ts with them)', () => {
  const manifest = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
  const requirements = /<Requirements>([\s\S]*?)<\/Requirements>/.exec(manifest)?.[1] ?? '';
  const declared = [...requirements.matchAll(/<Set Name="([^"]+)" MinVersion="([^"]+)"\/>/g)].map(([, name, version]) => `${name} ${version}`);
  expect(declared).toEqual(['SharedRuntime 1.1', 'CustomFunctionsRuntime 1.3']);
  expect(EXCEL_API_FLOOR).toBe('1.11');
});
