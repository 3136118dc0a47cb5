/**
 * Notes (Excel's legacy comments): the comments part holds the text, a VML drawing holds the box each
 * note is shown in; Excel shows a note only when both are there. A sheet's existing notes are kept
 * as they are: where a marked cell already has the clerk's note, our text is appended to it as a new
 * run; other cells get new comments, and new shapes appended to the sheet's drawing (or a new one).
 */
import { damagedPart } from './errors';
import { columnLetters, findElement, findElements, parseCellRef, xmlText } from './xml';

export interface Note {
  row: number;
  column: number;
  text: string;
}

export const NOTE_AUTHOR = '互助保障校验';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

function run(prefix: string, text: string): string {
  return `<${prefix}r><${prefix}t xml:space="preserve">${xmlText(text)}</${prefix}t></${prefix}r>`;
}

/** The comment's <text> with our run after the clerk's text (a bare <t> is first wrapped in a run, as runs and a bare text cannot mix). */
function appendRun(comment: string, prefix: string, ours: string): string {
  const text = findElement(comment, 'text');
  if (!text) return comment;
  const closeTag = `</${text.prefix}text>`;
  let inner = text.startTag.endsWith('/>') ? '' : text.text.slice(text.startTag.length, text.text.length - closeTag.length);
  const hasRuns = findElement(inner, 'r') !== null;
  if (!hasRuns) {
    const bare = findElement(inner, 't');
    if (bare) inner = `${inner.slice(0, bare.index)}<${prefix}r>${bare.text}</${prefix}r>${inner.slice(bare.end)}`;
  }
  // Phonetic runs and properties close the text: our run goes before them.
  const phonetic = /<([\w.-]+:)?(rPh|phoneticPr)(?=[\s/>])/.exec(inner);
  const at = phonetic ? phonetic.index : inner.length;
  const separator = hasRuns || findElement(inner, 't') ? '\n\n' : '';
  inner = `${inner.slice(0, at)}${run(prefix, separator + ours)}${inner.slice(at)}`;
  const start = text.startTag.endsWith('/>') ? `${text.startTag.slice(0, -2).trimEnd()}>` : text.startTag;
  return `${comment.slice(0, text.index)}${start}${inner}${closeTag}${comment.slice(text.end)}`;
}

/**
 * The sheet's comments part with our notes: appended to the clerk's note on the same cell, or added
 * as new comments. Returns the part and the notes that need a new shape in the drawing.
 */
export function mergeComments(existing: string | null, notes: readonly Note[]): { xml: string; newShapes: Note[] } {
  const xml =
    existing ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${MAIN}"><authors></authors><commentList></commentList></comments>`;
  const root = /<([\w.-]+:)?comments[\s>]/.exec(xml);
  const p = root?.[1] ?? '';
  const list = findElement(xml, 'commentList');
  const authors = findElement(xml, 'authors');
  if (!list || !authors) throw damagedPart(null, '<commentList> 或 <authors>');

  const byCell = new Map<string, Note>();
  for (const note of notes) byCell.set(`${note.row}:${note.column}`, note);
  const listInner = list.startTag.endsWith('/>') ? '' : list.text.slice(list.startTag.length, list.text.length - `</${list.prefix}commentList>`.length);
  const comments = findElements(listInner, 'comment');
  const merged = new Set<string>();
  let newInner = '';
  let at = 0;
  for (const comment of comments) {
    const ref = /\sref\s*=\s*"([^"]*)"/.exec(comment.startTag)?.[1];
    const cell = ref ? parseCellRef(ref) : null;
    const key = cell ? `${cell.row}:${cell.column}` : '';
    const note = byCell.get(key);
    newInner += listInner.slice(at, comment.index);
    if (note && !merged.has(key)) {
      newInner += appendRun(comment.text, p, note.text);
      merged.add(key);
    } else newInner += comment.text;
    at = comment.end;
  }
  newInner += listInner.slice(at);

  const authorList = findElements(authors.text, 'author').map((author) => author.text.replace(/^<[^>]*>|<\/[^>]*>$/g, ''));
  let authorId = authorList.indexOf(NOTE_AUTHOR);
  let authorsText = authors.text;
  const newShapes = notes.filter((note) => !merged.has(`${note.row}:${note.column}`));
  if (newShapes.length > 0 && authorId < 0) {
    authorId = authorList.length;
    const author = `<${p}author>${NOTE_AUTHOR}</${p}author>`;
    authorsText = authors.startTag.endsWith('/>')
      ? `<${p}authors>${author}</${p}authors>`
      : `${authors.text.slice(0, authors.text.length - `</${authors.prefix}authors>`.length)}${author}</${authors.prefix}authors>`;
  }
  for (const note of newShapes) {
    newInner += `<${p}comment ref="${columnLetters(note.column)}${note.row}" authorId="${authorId}"><${p}text>${run(p, note.text)}</${p}text></${p}comment>`;
  }
  const listText = `${list.startTag.endsWith('/>') ? `${list.startTag.slice(0, -2).trimEnd()}>` : list.startTag}${newInner}</${list.prefix}commentList>`;
  // authors precedes commentList: replace from the back so the first position stays valid.
  const withList = xml.slice(0, list.index) + listText + xml.slice(list.end);
  return { xml: withList.slice(0, authors.index) + authorsText + withList.slice(authors.end), newShapes };
}

/** Shape ids in VML drawings come in blocks of 1,024 per drawing (o:idmap); the highest block a drawing uses. */
export function highestShapeBlock(vml: string): number {
  let highest = 0;
  for (const match of vml.matchAll(/_x0000_s(\d+)/g)) highest = Math.max(highest, Math.floor(Number(match[1]) / 1024));
  for (const match of vml.matchAll(/idmap\b[^>]*\bdata\s*=\s*"([^"]*)"/g))
    for (const n of match[1].split(/[,\s]+/)) if (/^\d+$/.test(n)) highest = Math.max(highest, Number(n));
  return highest;
}

const SHAPE_TYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
  '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

function shape(note: Note, id: number): string {
  const column = note.column - 1;
  const row = note.row - 1;
  // Anchor: left column, offset, top row, offset, right column, offset, bottom row, offset (Excel's default box to the cell's right).
  const anchor = `${column + 1}, 15, ${Math.max(0, row - 1)}, 10, ${column + 5}, 15, ${Math.max(0, row - 1) + 6}, 4`;
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:260pt;height:110pt;z-index:${id % 1024};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${anchor}</x:Anchor><x:AutoFill>False</x:AutoFill>` +
    `<x:Row>${row}</x:Row><x:Column>${column}</x:Column></x:ClientData></v:shape>`
  );
}

/** Blocks of shape ids for `count` shapes, starting at block `first`. */
export function blocksFor(count: number): number {
  return Math.max(1, Math.ceil((count + 1) / 1024));
}

/**
 * The sheet's drawing with a shape for each new note: the existing drawing with the shapes appended
 * (its id map extended with our blocks), or a new drawing.
 */
export function addNoteShapes(existing: string | null, notes: readonly Note[], firstBlock: number): string {
  const blocks = Array.from({ length: blocksFor(notes.length) }, (_, i) => firstBlock + i);
  const shapes = notes.map((note, i) => shape(note, firstBlock * 1024 + 1 + i)).join('');
  if (existing === null) {
    return (
      '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
      `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${blocks.join(',')}"/></o:shapelayout>${SHAPE_TYPE}${shapes}</xml>`
    );
  }
  let vml = existing.replace(
    /(idmap\b[^>]*\bdata\s*=\s*")([^"]*)"/,
    (_, head: string, data: string) => `${head}${[data, ...blocks].filter((part) => part !== '').join(',')}"`,
  );
  const hasType = /<v:shapetype\b[^>]*\bid\s*=\s*"_x0000_t202"/.test(vml);
  const end = vml.lastIndexOf('</xml>');
  if (end < 0) throw damagedPart(null, '</xml>');
  vml = `${vml.slice(0, end)}${hasType ? '' : SHAPE_TYPE}${shapes}${vml.slice(end)}`;
  // Our shapes use the v:, o: and x: prefixes: declare any the drawing's root leaves out.
  const declarations: Record<string, string> = {
    v: 'urn:schemas-microsoft-com:vml',
    o: 'urn:schemas-microsoft-com:office:office',
    x: 'urn:schemas-microsoft-com:office:excel',
  };
  return vml.replace(/<xml\b[^>]*>/, (root) => {
    let tag = root;
    for (const [prefix, namespace] of Object.entries(declarations))
      if (!new RegExp(`xmlns:${prefix}\\s*=`).test(tag)) tag = tag.replace(/^<xml/, `<xml xmlns:${prefix}="${namespace}"`);
    return tag;
  });
}
