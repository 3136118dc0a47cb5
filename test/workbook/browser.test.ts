/**
 * @jest-environment jsdom
 *
 * The reader is browser-safe: it runs in jsdom (a browser's globals, no Node ones the code may
 * lean on), and its source imports nothing but fflate, the rules core and its own modules, and
 * names no Node-only global. jsdom lacks the Encoding API every browser and Web Worker has
 * (TextDecoder, TextEncoder): those two are given to it before the reader is loaded.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'util';

const globals = globalThis as unknown as Record<string, unknown>;
if (typeof globals.TextDecoder === 'undefined') globals.TextDecoder = NodeTextDecoder;
if (typeof globals.TextEncoder === 'undefined') globals.TextEncoder = NodeTextEncoder;
// Loaded after the globals above (the reader makes its decoders when loaded).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkRosterSources, readWorkbook } = require('../../src/workbook') as typeof import('../../src/workbook');

const FIXTURES = join(__dirname, '..', 'fixtures', 'workbooks');
const SOURCE = join(__dirname, '..', '..', 'src', 'workbook');

test('runs in a browser environment: an .xlsx and a CSV checked from bytes', async () => {
  expect(typeof window).toBe('object');
  const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'reader-openpyxl.xlsx')));
  const report = await checkRosterSources([{ name: '花名册.xlsx', bytes }]);
  expect(report.findings.map((finding) => `${finding.rule}@${finding.cell}`)).toEqual(['FORMULA_NOT_CALCULATED@G7']);
  const rows: unknown[][] = [];
  await readWorkbook(
    { name: 'a.csv', bytes: new TextEncoder().encode('姓名,份数\n张伟,3\n') },
    { beginSheet: () => ({ addRow: (values) => rows.push(values), end() {} }) },
  );
  expect(rows).toEqual([
    ['姓名', '份数'],
    ['张伟', '3'],
  ]);
});

test('the source uses no Node module and no Node-only global', () => {
  const files = readdirSync(SOURCE).filter((name) => name.endsWith('.ts'));
  expect(files.length).toBeGreaterThan(5);
  for (const file of files) {
    const text = readFileSync(join(SOURCE, file), 'utf8');
    const imports = [...text.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
    for (const name of imports) expect(`${file}: ${name}`).toMatch(/: (fflate|\.\/[\w/]+|\.\.\/rules\/[\w/]+)$/);
    // Comments may mention Node; code may not use its globals.
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    expect(`${file}: ${code}`).not.toMatch(/\b(Buffer|process|require|__dirname|setImmediate)\b/);
  }
});
