/**
 * Helpers for the annotated-copy tests: a hand-written package with the quirks other producers
 * leave (namespace prefixes, rows and cells without `r`, inline strings, shared formulas, 1904 dates,
 * data validations, merged cells, the clerk's notes with their VML), and both readers of a copy: the
 * project's own (src/workbook) and exceljs. Not a test file itself.
 */
import { DOMParser } from '@xmldom/xmldom';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { checkRoster, columnLetters, columnNumber, Finding, RosterReport } from '../../src/rules/roster';
import { readAll } from './readerKit';
import { DEFAULT_LIMITS } from '../../src/workbook/limits';
import { InflateBudget, ZipEntry, ZipPackage } from '../../src/workbook/zipPackage';
import { JSZip } from '../cli/cliKit';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The roster sheet's rows; `p` is the spreadsheetml prefix ("" or "x:"). */
function rosterSheet(p: string): string {
  const ns = p ? `xmlns:${p.slice(0, -1)}="${MAIN}"` : `xmlns="${MAIN}"`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${ns} xmlns:r="${REL}">` +
    `<${p}dimension ref="A1:D6"/><${p}cols><${p}col min="5" max="5" width="12" style="1" customWidth="1"/></${p}cols><${p}sheetData>` +
    // Row 1: shared strings.
    `<${p}row r="1"><${p}c r="A1" t="s"><${p}v>0</${p}v></${p}c><${p}c r="B1" t="s"><${p}v>1</${p}v></${p}c><${p}c r="C1" t="s"><${p}v>2</${p}v></${p}c><${p}c r="D1" t="s"><${p}v>3</${p}v></${p}c></${p}row>` +
    // Row 2: no r on the row or its cells; an inline string, a text ID, a bold bordered number, a date.
    `<${p}row><${p}c t="inlineStr"><${p}is><${p}t>张三</${p}t></${p}is></${p}c><${p}c t="inlineStr"><${p}is><${p}t>110101199003070011</${p}t></${p}is></${p}c><${p}c s="1"><${p}v>2</${p}v></${p}c><${p}c s="2"><${p}v>44197</${p}v></${p}c></${p}row>` +
    // Rows 3 and 4: a shared formula with its cached values.
    `<${p}row r="3" spans="1:4"><${p}c r="A3" t="inlineStr"><${p}is><${p}r><${p}t>李</${p}t></${p}r><${p}r><${p}rPr><${p}b/></${p}rPr><${p}t>四</${p}t></${p}r></${p}is></${p}c><${p}c r="B3" t="s"><${p}v>4</${p}v></${p}c><${p}c r="C3"><${p}f t="shared" ref="C3:C4" si="0">1+1</${p}f><${p}v>2</${p}v></${p}c><${p}c r="D3" s="2"><${p}v>44198</${p}v></${p}c></${p}row>` +
    `<${p}row r="4"><${p}c r="A4" t="inlineStr"><${p}is><${p}t>王五</${p}t></${p}is></${p}c><${p}c r="C4"><${p}f t="shared" si="0"/><${p}v>2</${p}v></${p}c></${p}row>` +
    // Row 6: A6:B6 merged.
    `<${p}row r="6"><${p}c r="A6" t="inlineStr"><${p}is><${p}t>合并单位</${p}t></${p}is></${p}c><${p}c r="B6"/></${p}row>` +
    `</${p}sheetData><${p}mergeCells count="1"><${p}mergeCell ref="A6:B6"/></${p}mergeCells>` +
    `<${p}dataValidations count="1"><${p}dataValidation type="whole" allowBlank="1" sqref="C2:C10"><${p}formula1>1</${p}formula1><${p}formula2>10</${p}formula2></${p}dataValidation></${p}dataValidations>` +
    `<${p}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><${p}legacyDrawing r:id="rId2"/></${p}worksheet>`
  );
}

function otherSheet(p: string): string {
  const ns = p ? `xmlns:${p.slice(0, -1)}="${MAIN}"` : `xmlns="${MAIN}"`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${ns}><${p}sheetData><${p}row r="1"><${p}c r="A1"><${p}v>42</${p}v></${p}c></${p}row></${p}sheetData></${p}worksheet>`;
}

const CLERK_VML =
  '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
  '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>' +
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
  ['A1:0:0', 'B3:2:1']
    .map((spec, i) => {
      const [, row, column] = spec.split(':');
      return `<v:shape id="_x0000_s${1025 + i}" type="#_x0000_t202" style="position:absolute;visibility:hidden" fillcolor="#ffffe1"><v:textbox/><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>2, 15, 0, 10, 4, 15, 4, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${column}</x:Column></x:ClientData></v:shape>`;
    })
    .join('') +
  '</xml>';

/** A package written by hand (through exceljs's zip library, not ours) with the given prefix on every spreadsheetml element. */
export async function quirkyWorkbook(p: string): Promise<Buffer> {
  const ns = p ? `xmlns:${p.slice(0, -1)}="${MAIN}"` : `xmlns="${MAIN}"`;
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      '<Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}workbook ${ns} xmlns:r="${REL}"><${p}workbookPr date1904="1"/><${p}sheets>` +
      `<${p}sheet name="花名册 &amp; 名单" sheetId="1" r:id="rId1"/><${p}sheet name="其他" sheetId="2" r:id="rId2"/></${p}sheets></${p}workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${REL}/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId4" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  zip.file(
    'xl/styles.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}styleSheet ${ns}><${p}numFmts count="1"><${p}numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></${p}numFmts>` +
      `<${p}fonts count="2"><${p}font><${p}sz val="11"/><${p}name val="Calibri"/></${p}font><${p}font><${p}b/><${p}sz val="11"/><${p}name val="Calibri"/></${p}font></${p}fonts>` +
      `<${p}fills count="2"><${p}fill><${p}patternFill patternType="none"/></${p}fill><${p}fill><${p}patternFill patternType="gray125"/></${p}fill></${p}fills>` +
      `<${p}borders count="2"><${p}border/><${p}border><${p}left style="thin"/><${p}right style="thin"/><${p}top style="thin"/><${p}bottom style="thin"/></${p}border></${p}borders>` +
      `<${p}cellStyleXfs count="1"><${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></${p}cellStyleXfs>` +
      `<${p}cellXfs count="3"><${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><${p}xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1"/>` +
      `<${p}xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></${p}cellXfs></${p}styleSheet>`,
  );
  zip.file(
    'xl/sharedStrings.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}sst ${ns} count="5" uniqueCount="5">${['姓名', '身份证号', '份数', '生效日期', '=2+3 文本'].map((text) => `<${p}si><${p}t>${text}</${p}t></${p}si>`).join('')}</${p}sst>`,
  );
  zip.file('xl/worksheets/sheet1.xml', rosterSheet(p));
  zip.file('xl/worksheets/sheet2.xml', otherSheet(p));
  zip.file(
    'xl/worksheets/_rels/sheet1.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/comments" Target="../comments1.xml"/><Relationship Id="rId2" Type="${REL}/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/></Relationships>`,
  );
  zip.file(
    'xl/comments1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}comments ${ns}><${p}authors><${p}author>文员</${p}author></${p}authors><${p}commentList>` +
      `<${p}comment ref="A1" authorId="0"><${p}text><${p}t>表头别动</${p}t></${p}text></${p}comment>` +
      `<${p}comment ref="B3" authorId="0"><${p}text><${p}r><${p}rPr><${p}b/></${p}rPr><${p}t>=原有批注:</${p}t></${p}r><${p}r><${p}t>请核对</${p}t></${p}r></${p}text></${p}comment></${p}commentList></${p}comments>`,
  );
  zip.file('xl/drawings/vmlDrawing1.vml', CLERK_VML);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A report with these findings (the summary of an empty check: only the findings matter to the marks). */
export function reportWith(findings: Partial<Finding>[], sheet = '花名册 & 名单'): RosterReport {
  const base = checkRoster([]);
  return {
    ...base,
    findings: findings.map(
      (finding) => ({ sheet, row: 1, column: '身份证号', cell: null, rule: 'ID_INVALID', severity: 'error', message: '测试消息', ...finding }) as Finding,
    ),
  };
}

/** Every visible sheet's rows as the project's reader (src/workbook) reads them. */
export async function readWithProjectReader(path: string): Promise<Record<string, { row: number; values: unknown[] }[]>> {
  const sheets: Record<string, { row: number; values: unknown[] }[]> = {};
  for (const sheet of await readAll({ name: path, bytes: readFileSync(path) })) {
    sheets[sheet.info.name] = sheet.order.map((row) => ({ row, values: [...(sheet.rows.get(row) ?? [])] }));
  }
  return sheets;
}

export async function loadExcelJs(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/** Each sheet's cell values as exceljs reads them ("A1" → value), for comparing a copy with its input. */
export function excelJsValues(workbook: ExcelJS.Workbook, skip: string[] = []): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const sheet of workbook.worksheets) {
    if (skip.includes(sheet.name)) continue;
    const cells: Record<string, unknown> = {};
    sheet.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.value !== null && cell.value !== undefined) cells[cell.address] = cell.value;
      }),
    );
    out[sheet.name] = cells;
  }
  return out;
}

export function fillOf(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill && fill.type === 'pattern' && fill.pattern === 'solid' ? fill.fgColor?.argb : undefined;
}

export function noteOf(cell: ExcelJS.Cell): string {
  const note = cell.note as ExcelJS.Comment | string | undefined;
  if (!note) return '';
  return typeof note === 'string' ? note : (note.texts ?? []).map((t) => t.text).join('');
}

/** A package opened with the reader's zip layer (default limits). */
export function openZip(bytes: Uint8Array): ZipPackage {
  return new ZipPackage(bytes, 'test.xlsx', new InflateBudget('test.xlsx', DEFAULT_LIMITS));
}

/** The parts whose stored (compressed) bytes differ between two packages, and those only in `after`. */
export function changedParts(before: Uint8Array, after: Uint8Array): { changed: string[]; added: string[]; removed: string[] } {
  const zipA = openZip(before);
  const zipB = openZip(after);
  const a = new Map(zipA.all.map((part) => [part.name, part]));
  const b = new Map(zipB.all.map((part) => [part.name, part]));
  const changed: string[] = [];
  for (const [name, part] of a) {
    const other = b.get(name);
    if (other && Buffer.compare(Buffer.from(zipA.raw(part)), Buffer.from(zipB.raw(other))) !== 0) changed.push(name);
  }
  return { changed: changed.sort(), added: [...b.keys()].filter((name) => !a.has(name)).sort(), removed: [...a.keys()].filter((name) => !b.has(name)).sort() };
}

/** A part as text, whatever its size (test packages are small). */
function textOf(zip: ZipPackage, part: ZipEntry): string {
  return new TextDecoder('utf-8').decode(zip.whole(part, Number.MAX_SAFE_INTEGER) as Uint8Array);
}

/** Every XML part of the package parsed by an independent parser; the messages of any that fail. */
export function xmlErrors(bytes: Uint8Array): string[] {
  const errors: string[] = [];
  const zip = openZip(bytes);
  for (const part of zip.all) {
    if (!/\.(xml|rels)$/i.test(part.name)) continue;
    const found: string[] = [];
    new DOMParser({ onError: (level: string, message: string) => level !== 'warning' && found.push(message) }).parseFromString(textOf(zip, part), 'text/xml');
    if (found.length) errors.push(`${part.name}: ${found.join('; ')}`);
  }
  return errors;
}

export function partOf(bytes: Uint8Array, name: string): string {
  const zip = openZip(bytes);
  const part = zip.all.find((candidate) => candidate.name === name);
  if (!part) throw new Error(`no part ${name}`);
  return textOf(zip, part);
}

export function save(dir: string, name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

export interface SheetJsCell {
  value: unknown;
  fill?: string;
  note?: string;
}

/** Every sheet's cells as SheetJS (an independent reader that accepts prefixed XML and rows without r) reads them. */
export function readWithSheetJs(bytes: Uint8Array): { names: string[]; sheets: Record<string, Record<string, SheetJsCell>> } {
  const workbook = XLSX.read(bytes, { type: 'array', cellStyles: true, cellDates: false });
  const sheets: Record<string, Record<string, SheetJsCell>> = {};
  for (const name of workbook.SheetNames) {
    const cells: Record<string, SheetJsCell> = {};
    for (const [ref, cell] of Object.entries(workbook.Sheets[name])) {
      if (ref.startsWith('!')) continue;
      const c = cell as { v?: unknown; s?: { patternType?: string; fgColor?: { rgb?: string } }; c?: { t: string }[] };
      cells[ref] = {
        value: c.v,
        ...(c.s?.patternType === 'solid' && c.s.fgColor?.rgb ? { fill: `FF${c.s.fgColor.rgb}` } : {}),
        ...(c.c ? { note: c.c.map((comment) => comment.t).join('') } : {}),
      };
    }
    sheets[name] = cells;
  }
  return { names: workbook.SheetNames, sheets };
}

/** Only the values of a SheetJS reading, by cell. */
export function valuesOnly(cells: Record<string, SheetJsCell>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(cells)
      .filter(([, cell]) => cell.value !== undefined)
      .map(([ref, cell]) => [ref, cell.value]),
  );
}

/** The cell-format attributes (numFmtId, fontId, borderId, fillId…) of a cell, read through an independent XML parser. */
export function formatOf(bytes: Uint8Array, sheetPart: string, ref: string): Record<string, string> {
  const parse = (text: string) => new DOMParser().parseFromString(text, 'text/xml');
  const sheet = parse(partOf(bytes, sheetPart));
  // Rows and cells without r are numbered one after the previous, as Excel numbers them.
  let cell: { getAttribute(name: string): string | null } | undefined;
  let rowNumber = 0;
  for (const row of Array.from(sheet.getElementsByTagNameNS(MAIN, 'row'))) {
    rowNumber = Number(row.getAttribute('r') ?? rowNumber + 1);
    let column = 0;
    for (const c of Array.from(row.getElementsByTagNameNS(MAIN, 'c'))) {
      const r = c.getAttribute('r');
      column = r ? columnNumber(r.replace(/\d+$/, '')) : column + 1;
      if (`${columnLetters(column)}${rowNumber}` === ref) cell = c;
    }
  }
  const style = Number(cell?.getAttribute('s') ?? 0);
  const styles = parse(partOf(bytes, 'xl/styles.xml'));
  const xfs = styles.getElementsByTagNameNS(MAIN, 'cellXfs')[0];
  const xf = Array.from(xfs.getElementsByTagNameNS(MAIN, 'xf'))[style];
  return Object.fromEntries(Array.from(xf.attributes).map((attribute) => [attribute.name, attribute.value]));
}

/** The fill's colour of a fill id in styles.xml. */
export function fillColor(bytes: Uint8Array, fillId: string): string | null {
  const styles = new DOMParser().parseFromString(partOf(bytes, 'xl/styles.xml'), 'text/xml');
  const fills = styles.getElementsByTagNameNS(MAIN, 'fills')[0];
  const fill = Array.from(fills.getElementsByTagNameNS(MAIN, 'fill'))[Number(fillId)];
  return fill?.getElementsByTagNameNS(MAIN, 'fgColor')[0]?.getAttribute('rgb') ?? null;
}
