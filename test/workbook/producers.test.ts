/**
 * `check --out` on rosters saved by other producers (test/fixtures/workbooks/annotate-*.xlsx, written
 * by make-annotate-fixtures.py: openpyxl with absolute relationship targets and its own comment part
 * names, xlsxwriter, LibreOffice with a table lacking tableStyleInfo). The copy keeps every value (read
 * by the project's reader, SheetJS and exceljs), marks each finding's cell, keeps the clerk's notes,
 * changes only the parts the marks touch, and LibreOffice opens it (when installed).
 */
import { execFileSync, spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { ERROR_FILL, WARNING_FILL } from '../../src/workbook/annotate';
import { cleanupDirs, runCli, tmpDir } from '../cli/cliKit';
import { changedParts, excelJsValues, loadExcelJs, readWithProjectReader, readWithSheetJs, valuesOnly, xmlErrors } from './annotateKit';

afterAll(cleanupDirs);

const FIXTURES = join(__dirname, '..', 'fixtures', 'workbooks');
const SOFFICE = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;

interface Finding {
  sheet: string;
  cell: string | null;
  row: number;
  severity: 'error' | 'warning';
  message: string;
}

describe.each(['annotate-openpyxl.xlsx', 'annotate-xlsxwriter.xlsx', 'annotate-libreoffice.xlsx'])('%s', (fixture) => {
  let dir: string;
  let input: string;
  let copyPath: string;
  let findings: Finding[];

  beforeAll(async () => {
    dir = tmpDir();
    input = join(dir, fixture);
    copyFileSync(join(FIXTURES, fixture), input);
    const result = await runCli(['check', input, '--out', join(dir, 'out'), '--json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    findings = JSON.parse(result.stdout).findings;
    copyPath = join(dir, 'out', fixture.replace('.xlsx', '.checked.xlsx'));
  });

  test('the check finds the bad ID on C3, and the copy is written', () => {
    expect(findings.map((finding) => finding.cell)).toContain('C3');
    expect(readdirSync(join(dir, 'out'))).toEqual([fixture.replace('.xlsx', '.checked.xlsx')]);
  });

  test('the copy is well-formed and only the marked sheet and the bookkeeping parts change', () => {
    const copy = readFileSync(copyPath);
    expect(xmlErrors(copy)).toEqual([]);
    const { changed, added, removed } = changedParts(readFileSync(input), copy);
    expect(removed).toEqual([]);
    const allowed =
      /^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml|xl\/worksheets\/sheet1\.xml|xl\/worksheets\/_rels\/sheet1\.xml\.rels|xl\/comments.*\.xml|xl\/drawings\/.*\.vml)$/;
    for (const name of changed) expect(name).toMatch(allowed);
    expect(changed).toContain('xl/worksheets/sheet1.xml');
    expect(added).toHaveLength(1);
    // The second sheet, tables, themes and document properties are carried over as stored.
    for (const kept of ['xl/worksheets/sheet2.xml', 'xl/tables/table1.xml', 'xl/theme/theme1.xml', 'docProps/app.xml']) expect(changed).not.toContain(kept);
  });

  test("the project's reader and SheetJS read every value of the input from the copy", async () => {
    const before = await readWithProjectReader(input);
    const after = await readWithProjectReader(copyPath);
    for (const name of Object.keys(before)) expect(after[name]).toEqual(before[name]);
    const a = readWithSheetJs(readFileSync(input));
    const b = readWithSheetJs(readFileSync(copyPath));
    for (const name of a.names) expect(valuesOnly(b.sheets[name])).toEqual(valuesOnly(a.sheets[name]));
  });

  test("every finding's cell is filled and noted; the clerk's note on C3 comes first", () => {
    const cells = readWithSheetJs(readFileSync(copyPath)).sheets['花名册'];
    for (const finding of findings) {
      const cell = cells[finding.cell ?? `A${finding.row}`];
      expect(cell?.fill).toBe(findings.some((f) => f.cell === finding.cell && f.severity === 'error') ? ERROR_FILL : WARNING_FILL);
      expect(cell?.note).toContain(finding.message);
    }
    expect(cells.C3.note).toMatch(/^请核对身份证\n\n【错误】/);
    expect(readWithSheetJs(readFileSync(input)).sheets['花名册'].C3.note).toBe('请核对身份证');
  });

  test('exceljs reads the same values from the copy as from the input (or, where it cannot read the input, fails the same way on the copy)', async () => {
    const original = await loadExcelJs(input).catch((error: Error) => error);
    if (original instanceof Error) {
      // exceljs 4.4 cannot read openpyxl's absolute relationship targets to its comments: neither file.
      expect(fixture).toBe('annotate-openpyxl.xlsx');
      await expect(loadExcelJs(copyPath)).rejects.toThrow(original.message);
      return;
    }
    const after = excelJsValues(await loadExcelJs(copyPath), ['校验结果']);
    expect(after).toEqual(excelJsValues(original));
  });

  (SOFFICE ? test : test.skip)(
    "LibreOffice opens the copy: its CSV export of the roster equals the input's",
    () => {
      const convert = (path: string, out: string) => {
        mkdirSync(out, { recursive: true });
        execFileSync(
          'soffice',
          [
            '--headless',
            `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
            '--convert-to',
            'csv:Text - txt - csv (StarCalc):44,34,76',
            '--outdir',
            out,
            path,
          ],
          { stdio: 'ignore', timeout: 120_000 },
        );
        return readFileSync(join(out, readdirSync(out)[0]), 'utf8');
      };
      const before = convert(input, join(dir, 'csv-in'));
      const after = convert(copyPath, join(dir, 'csv-out'));
      expect(after).toBe(before);
      expect(after).toContain('李四');
    },
    240_000,
  );
});

if (!SOFFICE) {
  test('LibreOffice is not installed: the LibreOffice round trip above is skipped (apt-get install -y libreoffice-calc to run it)', () => {
    expect(SOFFICE).toBe(false);
  });
}
