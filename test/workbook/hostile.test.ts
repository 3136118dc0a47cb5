/**
 * Hostile files end with exit 2 and a message (or a normal report) within bounded time and memory:
 * the built command runs as a child process with a 256 MB heap (an out-of-memory abort is exit
 * 134) and is stopped after a generous time (a hang fails the test). No timing is asserted.
 */
import { spawnSync } from 'child_process';
import { rmSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { constants, crc32, deflateRawSync } from 'zlib';
import { buildCli, cleanupDirs, makeId, tmpDir } from '../cli/cliKit';
import { packageParts, worksheet, zipParts } from './readerKit';

const ROOT = resolve(__dirname, '..', '..');
const BUILD = join(ROOT, 'test-output', `hostile-${process.pid}`);
const BIN = join(BUILD, 'bin', 'mutual-aid.js');
/** Far above what any of these may take; only a hang reaches it. */
const HANG_MS = 240_000;

beforeAll(() => {
  buildCli(BUILD);
}, 300_000);

afterAll(() => {
  rmSync(BUILD, { recursive: true, force: true });
  cleanupDirs();
});

function check(file: string, ...options: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--max-old-space-size=256', BIN, 'check', '--json', file, ...options], {
    encoding: 'utf8',
    timeout: HANG_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface RawPart {
  name: string;
  /** Raw DEFLATE data, or text to deflate. */
  deflated: Uint8Array;
  /** What the directory claims (a bomb lies). */
  declaredSize: number;
  /** The inflated bytes' CRC-32 (a bomb's is never reached: a limit stops it first). */
  crc?: number;
}

/** A zip written by hand, so that a part's compressed bytes and declared size can be anything. */
function writeZip(parts: RawPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(part.crc ?? 0, 14);
    local.writeUInt32LE(part.deflated.length, 18);
    local.writeUInt32LE(part.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(part.crc ?? 0, 16);
    central.writeUInt32LE(part.deflated.length, 20);
    central.writeUInt32LE(part.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(part.deflated));
    centrals.push(central, name);
    offset += 30 + name.length + part.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * Raw DEFLATE data for head + unit×copies + tail without ever holding the inflated text: the unit
 * (a whole number of its own period, compressed on its own) is repeated as compressed blocks, each
 * ending in a sync flush; its back-references stay inside itself, so each copy inflates alike.
 */
function bomb(head: string, unit: string, unitBytes: number, copies: number, tail: string): Uint8Array {
  const flush = { finishFlush: constants.Z_SYNC_FLUSH, level: 9 };
  const block = deflateRawSync(Buffer.from(unit.repeat(Math.ceil(unitBytes / unit.length))), flush);
  const pieces = [deflateRawSync(Buffer.from(head), flush)];
  for (let i = 0; i < copies; i += 1) pieces.push(block);
  pieces.push(deflateRawSync(Buffer.from(tail)));
  return Buffer.concat(pieces);
}

/** The CRC-32 of what bomb(…) inflates to: for a bomb the reader reads to its end (one under the limits). */
function bombCrc(head: string, unit: string, unitBytes: number, copies: number, tail: string): number {
  const block = Buffer.from(unit.repeat(Math.ceil(unitBytes / unit.length)));
  let crc = crc32(Buffer.from(head));
  for (let i = 0; i < copies; i += 1) crc = crc32(block, crc);
  return crc32(Buffer.from(tail), crc);
}

/** Raw DEFLATE data with the CRC-32 of its content. */
interface Deflated {
  deflated: Uint8Array;
  crc: number;
}

/** A package of the parts packageParts makes, with some replaced by raw DEFLATE data (or by other text). */
function bombPackage(file: string, raw: Record<string, string | Uint8Array | Deflated>, sharedStrings = false): void {
  const parts = packageParts({
    sheets: [{ name: '花名册', xml: '<row r="1"><c r="A1"><v>1</v></c></row>' }],
    sharedStrings: sharedStrings ? ['x'] : undefined,
  });
  writeFileSync(
    file,
    writeZip(
      Object.entries({ ...parts, ...raw }).map(([name, content]) =>
        typeof content === 'string'
          ? { name, deflated: deflateRawSync(Buffer.from(content)), declaredSize: Buffer.byteLength(content), crc: crc32(Buffer.from(content)) }
          : content instanceof Uint8Array
            ? { name, deflated: content, declaredSize: 1000 }
            : { name, deflated: content.deflated, declaredSize: 1000, crc: content.crc },
      ),
    ),
  );
}

function expectUnreadable(result: { status: number | null; stderr: string }, reason: RegExp): void {
  expect(result.stderr).toMatch(reason);
  expect(result.status).toBe(2);
}

test('shared strings that inflate to 4 GB (a 5 MB file)', () => {
  const file = join(tmpDir(), 'strings-bomb.xlsx');
  const sst = bomb('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', '<si><t>x</t></si>', 1 << 20, 4096, '</sst>');
  bombPackage(file, { 'xl/sharedStrings.xml': sst });
  expectUnreadable(check(file), /共享字符串表过大|超过/);
});

test('one shared string of 4 GB', () => {
  const file = join(tmpDir(), 'one-string-bomb.xlsx');
  const sst = bomb('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>', 'abcdefgh', 1 << 20, 4096, '</t></si></sst>');
  bombPackage(file, { 'xl/sharedStrings.xml': sst });
  expectUnreadable(check(file), /超过|过大/);
});

test('a sheet of 4 GB of rows, all numbered 1', () => {
  const file = join(tmpDir(), 'rows-bomb.xlsx');
  const sheet = bomb(
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    '<row r="1"><c r="A1"><v>1</v></c></row>',
    1 << 20,
    4096,
    '</sheetData></worksheet>',
  );
  bombPackage(file, { 'xl/worksheets/sheet1.xml': sheet });
  expectUnreadable(check(file), /超过/);
});

test('a sheet of 4 GB of whitespace between two rows', () => {
  const file = join(tmpDir(), 'space-bomb.xlsx');
  const sheet = bomb(
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>',
    '        ',
    1 << 20,
    4096,
    '</sheetData></worksheet>',
  );
  bombPackage(file, { 'xl/worksheets/sheet1.xml': sheet });
  expectUnreadable(check(file), /超过/);
});

test('a cell address with column 2^32', () => {
  const file = join(tmpDir(), 'column.xlsx');
  bombPackage(file, { 'xl/worksheets/sheet1.xml': worksheet('<row r="1"><c r="MWLQKWU1"><v>1</v></c></row>') });
  expectUnreadable(check(file), /超过 Excel 的上限 16384 列/);
});

test('a merge A2:XFD1048576 under a roster header: read as the clerk sees it, clipped to the used range', () => {
  const file = join(tmpDir(), 'merge.xlsx');
  const header = ['单位', '姓名', '身份证号', '参保计划', '份数'].map((text, i) => `<c r="${'ABCDE'[i]}1" t="inlineStr"><is><t>${text}</t></is></c>`).join('');
  const person = ['县第一中学', '张伟', makeId(), '综合', '3'].map((text, i) => `<c r="${'ABCDE'[i]}2" t="inlineStr"><is><t>${text}</t></is></c>`).join('');
  const rows =
    `<row r="1">${header}</row><row r="2">${person}</row>` + Array.from({ length: 2000 }, (_, i) => `<row r="${i + 3}"><c r="A${i + 3}"/></row>`).join('');
  bombPackage(file, { 'xl/worksheets/sheet1.xml': worksheet(rows, '<mergeCells><mergeCell ref="A2:XFD1048576"/></mergeCells>') });
  const result = check(file);
  expect(result.stderr).toBe('');
  // Row 2 is the area's top row: every cell right of A2 shows 县第一中学, so the row has findings (exit 1).
  expect(result.status).toBe(1);
  const report = JSON.parse(result.stdout) as { summary: { rows: number }; findings: { cell: string; rule: string }[] };
  expect(report.summary.rows).toBe(1);
  expect(report.findings.map((finding) => `${finding.rule}@${finding.cell}`)).toContain('ID_INVALID@C2');
});

test('a styles part that inflates to 700 MB: the check is printed, the copy is refused naming the part', () => {
  const dir = tmpDir();
  const file = join(dir, 'styles-bomb.xlsx');
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const header = ['单位', '姓名', '身份证号', '参保计划', '份数'].map((text, i) => `<c r="${'ABCDE'[i]}1" t="inlineStr"><is><t>${text}</t></is></c>`).join('');
  const person = ['县第一中学', '张伟', makeId(), '综合', '3'].map((text, i) => `<c r="${'ABCDE'[i]}2" t="inlineStr"><is><t>${text}</t></is></c>`).join('');
  bombPackage(file, {
    'xl/worksheets/sheet1.xml': worksheet(`<row r="1">${header}</row><row r="2">${person}</row>`),
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': bomb(`<styleSheet xmlns="${main}">`, ' ', 1 << 20, 700, '</styleSheet>'),
  });
  const result = check(file, '--out', join(dir, 'out'));
  expect(result.stderr).toMatch(/无法写出批注副本：.*xl\/styles\.xml 解压后超过 64 MB/);
  expect(result.status).toBe(2);
  expect(JSON.parse(result.stdout).summary.rows).toBe(1);
});

test('a marked row padded with 600 MB of whitespace: the check is printed, the copy is refused naming the part', () => {
  const dir = tmpDir();
  const file = join(dir, 'row-bomb.xlsx');
  const header = ['单位', '姓名', '身份证号', '参保计划', '份数'].map((text, i) => `<c r="${'ABCDE'[i]}1" t="inlineStr"><is><t>${text}</t></is></c>`).join('');
  // 份数 99 is over the cap: row 2 is marked, so the copy must patch it.
  const person = ['县第一中学', '张伟', makeId(), '综合', '99'].map((text, i) => `<c r="${'ABCDE'[i]}2" t="inlineStr"><is><t>${text}</t></is></c>`).join('');
  const head = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">' + header + '</row><row r="2">';
  const tail = `${person}</row></sheetData></worksheet>`;
  bombPackage(file, { 'xl/worksheets/sheet1.xml': { deflated: bomb(head, ' ', 1 << 20, 600, tail), crc: bombCrc(head, ' ', 1 << 20, 600, tail) } });
  const result = check(file, '--out', join(dir, 'out'));
  expect(result.stderr).toMatch(/无法写出批注副本：.*xl\/worksheets\/sheet1\.xml 有一段超过 64 MB 的内容/);
  expect(result.status).toBe(2);
  expect(JSON.parse(result.stdout).findings.map((finding: { cell: string }) => finding.cell)).toContain('E2');
}, 300_000);

test('a workbook listing 300,000 sheets (hidden, one part each): listed and passed over, not one search of the relationships per sheet', () => {
  // Each sheet's relationship used to be looked for from the start of the list: 4.5·10¹⁰ comparisons here
  // (50,000 such sheets took 15 s), far past the hang limit.
  const count = 300_000;
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const sheets = Array.from({ length: count }, (_, i) => ({ name: `S${i + 1}`, xml: '', state: i === 0 ? undefined : ('hidden' as const) }));
  const parts = packageParts({ sheets: [{ name: 'S1', xml: '<row r="1"><c r="A1"><v>1</v></c></row>' }] });
  parts['xl/workbook.xml'] = (parts['xl/workbook.xml'] as string).replace(
    /<sheets>.*<\/sheets>/,
    `<sheets>${sheets.map((sheet, i) => `<sheet name="${sheet.name}" sheetId="${i + 1}"${sheet.state ? ` state="${sheet.state}"` : ''} r:id="rId${i + 1}"/>`).join('')}</sheets>`,
  );
  parts['xl/_rels/workbook.xml.rels'] = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join('')}</Relationships>`;
  const file = join(tmpDir(), 'many-sheets.xlsx');
  writeFileSync(file, zipParts(parts));
  // No roster in S1 (a lone number): the file is named, a few sheets too, and the rest are counted.
  const result = check(file);
  expectUnreadable(result, /中找不到花名册：工作表"S1"前 10 行中找不到花名册表头.*；工作表"S5"隐藏的工作表不检查（取消隐藏后再检查）；…共 300000 个工作表\n$/);
  expect(result.stderr.length).toBeLessThan(1000);
});

test('a 50 MB CSV whose third line opens a quote that never closes', () => {
  const file = join(tmpDir(), '花名册.csv');
  const line = `县第一中学,张伟,${makeId()},综合,3\n`;
  writeFileSync(file, `单位,姓名,身份证号,参保计划,份数\n${line}"${line.repeat(Math.ceil((50 << 20) / line.length))}`);
  expectUnreadable(check(file), /第 3 行.*引号没有结束/);
});

test('a sheet of 100,000 rows of inline strings: each text is read without looking past its own end', () => {
  // Looking for "&" from each text to the end of the part made reading quadratic: 3,000 such rows took 6 s.
  const rowCount = 100_000;
  const text = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
  const header = ['单位', '姓名', '身份证号', '参保计划', '份数'].map((value, i) => text(`${'ABCDE'[i]}1`, value)).join('');
  const rows = [`<row r="1">${header}</row>`];
  for (let i = 0; i < rowCount; i += 1) {
    const r = i + 2;
    const birth = `19${70 + (i % 20)}0${1 + ((i >> 5) % 9)}1${(i >> 8) % 10}`;
    const id = makeId({ birth, seq: String(((i % 32) * 2 + 1) % 1000).padStart(3, '0') });
    rows.push(
      `<row r="${r}">${text(`A${r}`, '县第一中学')}${text(`B${r}`, '张伟')}${text(`C${r}`, id)}${text(`D${r}`, '综合')}<c r="E${r}"><v>1</v></c></row>`,
    );
  }
  const file = join(tmpDir(), 'inline.xlsx');
  bombPackage(file, { 'xl/worksheets/sheet1.xml': worksheet(rows.join('')) });
  const result = check(file);
  expect(result.stderr).toBe('');
  const report = JSON.parse(result.stdout) as { summary: { rows: number } };
  expect(report.summary.rows).toBe(rowCount);
});
