/**
 * The annotated copy of a checked workbook, made by patching the original package rather than
 * rebuilding it: every part is carried over as its original compressed bytes except the few the
 * marks touch (the marked sheets, streamed through; styles; the marked sheets' notes and
 * relationships; the workbook's sheet list and relationships; content types), and the 校验结果
 * sheet is added. A CSV becomes a new minimal workbook holding the clerk's values as text, which is
 * then annotated the same way. Platform-neutral: bytes in, bytes out (Node and a browser worker).
 */
import { Finding, RosterReport, uniqueSheetName } from '../../rules/roster';
import { CsvEncoding, decodeCsv, readCsvText } from '../csv';
import { WorkbookError } from '../errors';
import { DEFAULT_LIMITS, showBytes } from '../limits';
import { Codec, DeflatedPart, deflatePart, deflateWhole, ZipWriter } from '../zip';
import { XlsxWorkbook } from '../xlsx';
import { InflateBudget, partKey, ZipEntry, ZipPackage } from '../zipPackage';
import { AnnotateError, inPart, PartError } from './errors';
import { addNoteShapes, blocksFor, highestShapeBlock, mergeComments, Note } from './notes';
import {
  appendSheet,
  CONTENT_TYPES,
  ContentTypesPart,
  PartNames,
  REL_TYPES,
  RelationshipsPart,
  relsPathFor,
  resolveTarget,
  WorkbookSheet,
  workbookSheets,
} from './package';
import { noteLine, RESULTS_SHEET, safeText, writeResultsSheet } from './results';
import { CellMark, CellValueSet, MergeArea, scanSheet, SheetPatcher } from './sheet';
import { MarkKind, MINIMAL_STYLES, StylesPatcher } from './styles';
import { columnLetters, parseCellRef, xmlText } from './xml';

export { ERROR_FILL, WARNING_FILL } from './styles';
export { internalLink, RESULTS_SHEET, safeText } from './results';

export interface AnnotateSource {
  /** The file's name as the findings carry it (`finding.file`). */
  name: string;
  bytes: Uint8Array;
}

export interface AnnotateOptions {
  /** Every file checked together, for the summary's heading (defaults to this one). */
  files?: readonly string[];
  /** For a CSV: its encoding (as TextDecoder names it) and the sheet name its rows were checked under. */
  csv?: { encoding: CsvEncoding; sheetName: string };
  /** A faster deflate codec where the platform has one (the command passes Node's zlib); fflate otherwise. */
  codec?: Codec;
}

/** One cell the copy sets: on `sheet`, 1-based row and column. */
export interface CellWrite extends CellValueSet {
  sheet: string;
  row: number;
  column: number;
}

export type { CellValueSet };

export { AnnotateError };

/** The annotated copy's bytes. */
export function annotateWorkbook(source: AnnotateSource, report: RosterReport, options: AnnotateOptions = {}): Uint8Array {
  const findings = report.findings.filter((finding) => finding.file === undefined || finding.file === source.name);
  const bytes = options.csv ? csvPackage(source.bytes, source.name, options.csv.encoding, options.csv.sheetName) : source.bytes;
  return patchPackage(bytes, findings, { label: source.name, results: { report, files: options.files ?? [source.name] }, cells: [], codec: options.codec });
}

/**
 * A copy with values written into cells and the findings marked and noted, without a results sheet:
 * the claims register's --out (its computed columns filled). Every other cell keeps its value.
 */
export function annotateCells(
  source: AnnotateSource,
  findings: readonly Finding[],
  cells: readonly CellWrite[],
  options: Pick<AnnotateOptions, 'csv' | 'codec'> = {},
): Uint8Array {
  const mine = findings.filter((finding) => finding.file === undefined || finding.file === source.name);
  const bytes = options.csv ? csvPackage(source.bytes, source.name, options.csv.encoding, options.csv.sheetName) : source.bytes;
  return patchPackage(bytes, mine, { label: source.name, results: null, cells, codec: options.codec });
}

interface Target {
  row: number;
  column: number;
  kind: MarkKind;
  found: { address: string; finding: Finding }[];
}

/** The findings' cells on one sheet, each moved to the top-left cell of the merged area covering it. */
function sheetTargets(findings: readonly Finding[], merges: readonly MergeArea[]): Map<string, Target> {
  const targets = new Map<string, Target>();
  const byRow = new Map<number, MergeArea[]>();
  // Merged areas indexed by each row they cover, clipped to the rows that hold findings.
  const rows = new Set(findings.map((finding) => finding.row));
  for (const area of merges) {
    for (const row of rows) {
      if (row < area.top || row > area.bottom) continue;
      const list = byRow.get(row) ?? [];
      list.push(area);
      byRow.set(row, list);
    }
  }
  for (const finding of findings) {
    const address = finding.cell ?? `A${finding.row}`;
    const cell = parseCellRef(address);
    if (!cell) continue;
    const area = (byRow.get(cell.row) ?? []).find((merge) => merge.left <= cell.column && cell.column <= merge.right);
    const row = area ? area.top : cell.row;
    const column = area ? area.left : cell.column;
    const key = `${row}:${column}`;
    const target = targets.get(key) ?? { row, column, kind: 'warning' as MarkKind, found: [] };
    if (finding.severity === 'error') target.kind = 'error';
    target.found.push({ address, finding });
    targets.set(key, target);
  }
  return targets;
}

/** Our note for a target: one line per finding, each prefixed with its cell when the target stands for several. */
function noteText(target: Target): string {
  const ref = `${columnLetters(target.column)}${target.row}`;
  const several = target.found.some(({ address }) => address !== ref);
  return safeText(target.found.map(({ address, finding }) => (several ? `${address}：${noteLine(finding)}` : noteLine(finding))).join('\n'));
}

interface PatchContext {
  label: string;
  /** The 校验结果 sheet's content; null: no results sheet. */
  results: { report: RosterReport; files: readonly string[] } | null;
  cells: readonly CellWrite[];
  codec?: Codec;
}

/** What the clerk can do about a damaged file. */
const AGAIN = '：请在 Excel 中打开并另存后再生成批注副本';

/** A package opened with the reader's zip layer and limits: a copy reads a file as the check did. */
function openPackage(bytes: Uint8Array, label: string, codec: Codec | undefined): ZipPackage {
  return new ZipPackage(bytes, label, new InflateBudget(label, DEFAULT_LIMITS), codec?.inflateRaw, codec?.crc32);
}

/** The sheets as the reader lists them (name, visibility, part), from the package's bookkeeping parts only. */
function sheetList(zip: ZipPackage, label: string): string[] {
  return XlsxWorkbook.open(zip, label, DEFAULT_LIMITS).sheets.map((sheet) => `${sheet.info.name}\u0000${sheet.info.state}\u0000${sheet.part}`);
}

/**
 * The copy's bookkeeping read back as the reader reads it: the same sheets from the same parts, and
 * the results sheet after them. A damaged workbook.xml or relationships part that the check could
 * still read (say, relationships after a closed root) might otherwise be patched into a copy whose
 * sheets point elsewhere; such a copy is refused rather than handed out.
 */
function checkSheetsKept(input: ZipPackage, copy: Uint8Array, context: PatchContext): void {
  const before = sheetList(input, context.label);
  const after = sheetList(openPackage(copy, context.label, context.codec), context.label);
  const expected = context.results ? before.length + 1 : before.length;
  if (after.length !== expected || before.some((sheet, i) => after[i] !== sheet)) {
    throw new AnnotateError(`${context.label} 的工作簿结构（workbook.xml 或它的关系部件）已损坏，无法照原样写出批注副本${AGAIN}`);
  }
}

function patchPackage(bytes: Uint8Array, findings: readonly Finding[], context: PatchContext): Uint8Array {
  try {
    const zip = openPackage(bytes, context.label, context.codec);
    const copy = patchZip(zip, findings, context);
    checkSheetsKept(zip, copy, context);
    return copy;
  } catch (error) {
    if (error instanceof WorkbookError) throw new AnnotateError(error.message);
    if (error instanceof PartError) throw new AnnotateError(`${context.label} 中的${error.part ? ' ' : ''}${error.message}${AGAIN}`);
    throw error;
  }
}

/**
 * A part the copy edits as text, whole. Such parts (relationships, styles, notes and their drawing)
 * are kilobytes in a real workbook; one past the whole-part limit (64 MB) is refused rather than
 * decoded into a string that could exhaust memory.
 */
function partText(zip: ZipPackage, part: ZipEntry): string {
  const cap = zip.limits.wholePartBytes;
  const whole = zip.whole(part, cap);
  if (!whole) throw new PartError(part.name, `解压后超过 ${showBytes(cap)}，远超正常的工作簿`);
  return utf8.decode(whole);
}

const utf8 = new TextDecoder('utf-8');

function patchZip(zip: ZipPackage, findings: readonly Finding[], context: PatchContext): Uint8Array {
  const parts = zip.all;
  const text = (name: string): string | null => {
    const part = zip.find(name);
    return part ? partText(zip, part) : null;
  };
  const replaced = new Map<string, string | DeflatedPart>();
  const added: (string | DeflatedPart)[] = [];
  const addedNames: string[] = [];
  const taken = new PartNames(parts.map((part) => part.name));
  const replace = (name: string, content: string | DeflatedPart) => {
    if (zip.find(name)) replaced.set(partKey(name), content);
    else {
      added.push(content);
      addedNames.push(name);
    }
  };

  const contentTypesXml = text('[Content_Types].xml');
  if (contentTypesXml === null) throw new AnnotateError(`${context.label} 中缺少 [Content_Types].xml${AGAIN}`);
  const contentTypes = new ContentTypesPart(contentTypesXml);
  const rootRels = new RelationshipsPart(text('_rels/.rels'), '');
  const workbookPath = resolveTarget('', rootRels.ofType(REL_TYPES.officeDocument)?.target ?? '/xl/workbook.xml');
  const workbookXml = text(workbookPath);
  if (workbookXml === null) throw new AnnotateError(`${context.label} 中缺少 ${workbookPath}${AGAIN}`);
  const workbookRelsPath = relsPathFor(workbookPath);
  const workbookRels = new RelationshipsPart(text(workbookRelsPath), workbookPath);
  const sheets = workbookSheets(workbookXml);

  // Styles: the workbook's own, or a new minimal stylesheet when it has none.
  const stylesRel = workbookRels.ofType(REL_TYPES.styles);
  let stylesPath = stylesRel ? resolveTarget(workbookPath, stylesRel.target) : null;
  const stylesXml = stylesPath ? text(stylesPath) : null;
  const styles = inPart(stylesPath ?? 'xl/styles.xml', () => new StylesPatcher(stylesXml));
  if (stylesXml === null) {
    // The conventional name when it is free (some readers look for no other).
    stylesPath = taken.has('xl/styles.xml') ? taken.free('xl/styles', '.xml') : 'xl/styles.xml';
    taken.add(stylesPath);
    workbookRels.add(REL_TYPES.styles, stylesPath);
    contentTypes.addOverride(stylesPath, CONTENT_TYPES.styles);
  }

  let nextBlock = 1 + Math.max(0, ...parts.filter((part) => /\.vml$/i.test(part.name)).map((part) => highestShapeBlock(partText(zip, part))));

  const bySheet = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = bySheet.get(finding.sheet) ?? [];
    list.push(finding);
    bySheet.set(finding.sheet, list);
  }
  const cellsBySheet = new Map<string, CellWrite[]>();
  for (const cell of context.cells) {
    const list = cellsBySheet.get(cell.sheet);
    if (list) list.push(cell);
    else cellsBySheet.set(cell.sheet, [cell]);
    if (!bySheet.has(cell.sheet)) bySheet.set(cell.sheet, []);
  }
  // The workbook's sheets by name as written, then ignoring case (the first of each, as find would take it).
  const sheetByName = new Map<string, WorkbookSheet>();
  for (const sheet of sheets) if (!sheetByName.has(sheet.name)) sheetByName.set(sheet.name, sheet);
  for (const sheet of sheets) if (!sheetByName.has(sheet.name.toLowerCase())) sheetByName.set(sheet.name.toLowerCase(), sheet);
  for (const [sheetName, sheetFindings] of bySheet) {
    const sheet = sheetByName.get(sheetName) ?? sheetByName.get(sheetName.toLowerCase());
    const rel = sheet ? workbookRels.byId(sheet.relId) : undefined;
    const sheetPath = rel ? resolveTarget(workbookPath, rel.target) : null;
    const part = sheetPath ? zip.find(sheetPath) : null;
    if (!sheetPath || !part) continue;

    const scan = scanSheet(zip, part, context.label);
    const targets = sheetTargets(sheetFindings, scan.merges);
    const marks = new Map<number, Map<number, CellMark>>();
    for (const target of targets.values()) {
      const row = marks.get(target.row) ?? new Map<number, CellMark>();
      row.set(target.column, { row: target.row, column: target.column, kind: target.kind });
      marks.set(target.row, row);
    }
    for (const cell of cellsBySheet.get(sheetName) ?? []) {
      const row = marks.get(cell.row) ?? new Map<number, CellMark>();
      const value: CellValueSet = { kind: cell.kind, value: cell.value };
      row.set(cell.column, { ...(row.get(cell.column) ?? { row: cell.row, column: cell.column }), value });
      marks.set(cell.row, row);
    }
    const notes: Note[] = [...targets.values()].map((target) => ({ row: target.row, column: target.column, text: noteText(target) }));

    const sheetRelsPath = relsPathFor(sheetPath);
    const sheetRels = new RelationshipsPart(text(sheetRelsPath), sheetPath);
    let newDrawingId: string | null = null;
    let drawingPath: string | null = null;
    const patcher = new SheetPatcher(
      {
        marks,
        styleFor: (style, kind) => styles.markStyle(style, kind),
        dateStyleFor: (style) => styles.dateStyle(style),
        legacyDrawing: (existingId) => {
          if (notes.length === 0) return null; // values only: no notes, no drawing
          const existing = existingId ? sheetRels.byId(existingId) : undefined;
          if (existing) {
            drawingPath = resolveTarget(sheetPath, existing.target);
            return null;
          }
          drawingPath = taken.free('xl/drawings/vmlDrawing', '.vml');
          newDrawingId = sheetRels.add(REL_TYPES.vmlDrawing, drawingPath);
          return newDrawingId;
        },
      },
      deflatePart(part.name, (deflated) => replace(part.name, deflated), context.codec),
    );
    patcher.run(zip, part, scan.inflated);

    const commentsRel = sheetRels.ofType(REL_TYPES.comments);
    const commentsPath = commentsRel ? resolveTarget(sheetPath, commentsRel.target) : taken.free('xl/comments', '.xml');
    const existingComments = commentsRel ? text(commentsPath) : null;
    if (notes.length === 0) {
      if (sheetRels.changed) replace(sheetRelsPath, sheetRels.toString());
      continue;
    }
    const merged = inPart(commentsPath, () => mergeComments(existingComments, notes));
    replace(commentsPath, merged.xml);
    if (!commentsRel || existingComments === null) {
      if (!commentsRel) sheetRels.add(REL_TYPES.comments, commentsPath);
      contentTypes.addOverride(commentsPath, CONTENT_TYPES.comments);
    }
    const vmlPath = drawingPath as unknown as string;
    const existingVml = newDrawingId === null ? text(vmlPath) : null;
    if (merged.newShapes.length > 0 || existingVml === null) {
      replace(
        vmlPath,
        inPart(vmlPath, () => addNoteShapes(existingVml, merged.newShapes, nextBlock)),
      );
      nextBlock += blocksFor(merged.newShapes.length);
    }
    if (existingVml === null) contentTypes.ensureDefault('vml', CONTENT_TYPES.vml);
    if (sheetRels.changed) {
      replace(sheetRelsPath, sheetRels.toString());
      contentTypes.ensureDefault('rels', CONTENT_TYPES.relationships);
    }
  }

  // The results sheet, under a name no sheet has.
  if (context.results) {
    const resultsName = uniqueSheetName(
      RESULTS_SHEET,
      sheets.map((sheet) => sheet.name),
    );
    const resultsPath = taken.free('xl/worksheets/sheet', '.xml');
    const resultStyles = styles.resultStyles();
    writeResultsSheet(
      deflatePart(resultsPath, (deflated) => replace(resultsPath, deflated), context.codec),
      { label: context.label, findings, report: context.results.report, files: context.results.files, styles: resultStyles },
    );
    const resultsRelId = workbookRels.add(REL_TYPES.worksheet, resultsPath);
    contentTypes.addOverride(resultsPath, CONTENT_TYPES.worksheet);
    replace(
      workbookPath,
      inPart(workbookPath, () => appendSheet(workbookXml, resultsName, resultsRelId)),
    );
  }
  replace(workbookRelsPath, workbookRels.toString());
  replace(stylesPath as string, styles.toString());
  replace('[Content_Types].xml', contentTypes.toString());

  const writer = new ZipWriter();
  const place = (name: string, content: string | DeflatedPart) =>
    writer.addDeflated(typeof content === 'string' ? deflateWhole(name, content, context.codec) : content);
  for (const part of parts) {
    const replacement = replaced.get(partKey(part.name));
    if (replacement === undefined) writer.copyPart(zip, part);
    else place(part.name, replacement);
  }
  added.forEach((content, i) => place(addedNames[i], content));
  return writer.finish();
}

/** A CSV's records as a minimal workbook: one sheet of text cells (inline strings), exactly the file's values. */
function csvPackage(bytes: Uint8Array, label: string, encoding: CsvEncoding, sheetName: string): Uint8Array {
  const writer = new ZipWriter();
  writer.addDeflated(
    deflateWhole(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="${CONTENT_TYPES.relationships}"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CONTENT_TYPES.worksheet}"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPES.styles}"/></Types>`,
    ),
  );
  writer.addDeflated(
    deflateWhole(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL_TYPES.officeDocument}" Target="xl/workbook.xml"/></Relationships>`,
    ),
  );
  writer.addDeflated(
    deflateWhole(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
        `<sheets><sheet name="${xmlText(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
  );
  writer.addDeflated(
    deflateWhole(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL_TYPES.worksheet}" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL_TYPES.styles}" Target="styles.xml"/></Relationships>`,
    ),
  );
  writer.addDeflated(deflateWhole('xl/styles.xml', MINIMAL_STYLES));
  let sheetPart: DeflatedPart | null = null;
  const out = deflatePart('xl/worksheets/sheet1.xml', (part) => {
    sheetPart = part;
  });
  out.write(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`,
  );
  // The reader's own CSV parsing (the same records the check saw), each value a text cell as the file has it.
  readCsvText(decodeCsv(bytes, encoding), label, (values, rowNumber) => {
    const cells = values
      .map((value, i) =>
        value === null ? '' : `<c r="${columnLetters(i + 1)}${rowNumber}" t="inlineStr"><is><t xml:space="preserve">${xmlText(value)}</t></is></c>`,
      )
      .join('');
    out.write(`<row r="${rowNumber}">${cells}</row>`);
  });
  out.write('</sheetData></worksheet>');
  out.close();
  writer.addDeflated(sheetPart as unknown as DeflatedPart);
  return writer.finish();
}
