/**
 * The package's bookkeeping parts, patched as text: relationships, [Content_Types].xml and the
 * workbook's sheet list. Existing entries are never rewritten; new ones are appended.
 */
import { partKey } from '../zipPackage';
import { damagedPart } from './errors';
import { attribute, decodeXml, escapeXml, findElement, findElements, PACKAGE_REL_NS, prefixFor, REL_NS } from './xml';

export const REL_TYPES = {
  officeDocument: `${REL_NS}/officeDocument`,
  worksheet: `${REL_NS}/worksheet`,
  styles: `${REL_NS}/styles`,
  comments: `${REL_NS}/comments`,
  vmlDrawing: `${REL_NS}/vmlDrawing`,
};

export const CONTENT_TYPES = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
  relationships: 'application/vnd.openxmlformats-package.relationships+xml',
};

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** "xl/worksheets/sheet1.xml" → "xl/worksheets/_rels/sheet1.xml.rels". */
export function relsPathFor(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against its source part's folder ("../comments1.xml" from xl/worksheets → xl/comments1.xml). */
export function resolveTarget(sourcePart: string, target: string): string {
  const path = target.split('#')[0];
  const segments = path.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(decodeURIComponentSafe(segment));
  }
  return segments.join('/');
}

/** The relative target from a source part to a part ("xl/worksheets/sheet1.xml" → "xl/comments1.xml": "../comments1.xml"). */
export function relativeTarget(sourcePart: string, partName: string): string {
  const from = sourcePart.split('/').slice(0, -1);
  const to = partName.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common += 1;
  return [...Array(from.length - common).fill('..'), ...to.slice(common)].join('/');
}

function decodeURIComponentSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A relationships part: read, and extended with new relationships. */
export class RelationshipsPart {
  readonly relationships: Relationship[];
  private added: string[] = [];

  /** `sourcePart`: the part whose relationships these are ('' for the package's own). */
  constructor(
    private readonly xml: string | null,
    private readonly sourcePart: string,
  ) {
    this.relationships = xml
      ? findElements(xml, 'Relationship').map((element) => ({
          id: attribute(element.startTag, 'Id') ?? '',
          type: attribute(element.startTag, 'Type') ?? '',
          target: attribute(element.startTag, 'Target') ?? '',
          external: attribute(element.startTag, 'TargetMode') === 'External',
        }))
      : [];
  }

  ofType(type: string): Relationship | undefined {
    return this.relationships.find((rel) => rel.type === type && !rel.external);
  }

  byId(id: string): Relationship | undefined {
    return this.relationships.find((rel) => rel.id === id);
  }

  /** Adds a relationship to a part (written relative to the source part's folder, as Excel writes it); returns its new, unused id. */
  add(type: string, partName: string): string {
    const taken = new Set(this.relationships.map((rel) => rel.id));
    let n = this.relationships.length + 1;
    while (taken.has(`rId${n}`)) n += 1;
    const id = `rId${n}`;
    const target = relativeTarget(this.sourcePart, partName);
    this.relationships.push({ id, type, target, external: false });
    this.added.push(`<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/>`);
    return id;
  }

  get changed(): boolean {
    return this.added.length > 0;
  }

  toString(): string {
    if (this.xml === null) {
      return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_REL_NS}">${this.added.join('')}</Relationships>`;
    }
    const root = findElement(this.xml, 'Relationships');
    if (!root) throw damagedPart(relsPathFor(this.sourcePart), '<Relationships>');
    const prefix = root.prefix;
    const added = prefix ? this.added.map((rel) => rel.replace(/^<Relationship/, `<${prefix}Relationship`)) : this.added;
    if (root.startTag.endsWith('/>'))
      return this.xml.slice(0, root.index) + `${root.startTag.slice(0, -2).trimEnd()}>${added.join('')}</${prefix}Relationships>` + this.xml.slice(root.end);
    const close = root.end - `</${prefix}Relationships>`.length;
    return this.xml.slice(0, close) + added.join('') + this.xml.slice(close);
  }
}

/** [Content_Types].xml, extended with overrides for new parts and defaults for new extensions. */
export class ContentTypesPart {
  private added: string[] = [];
  private readonly prefix: string;

  constructor(private readonly xml: string) {
    this.prefix = findElement(xml, 'Types')?.prefix ?? '';
  }

  ensureDefault(extension: string, contentType: string): void {
    const has = findElements(this.xml, 'Default').some((element) => (attribute(element.startTag, 'Extension') ?? '').toLowerCase() === extension.toLowerCase());
    if (!has && !this.added.some((entry) => entry.includes(`Extension="${extension}"`)))
      this.added.push(`<${this.prefix}Default Extension="${extension}" ContentType="${contentType}"/>`);
  }

  addOverride(partName: string, contentType: string): void {
    this.added.push(`<${this.prefix}Override PartName="/${escapeXml(partName)}" ContentType="${contentType}"/>`);
  }

  toString(): string {
    const close = this.xml.lastIndexOf(`</${this.prefix}Types>`);
    if (close < 0) throw damagedPart('[Content_Types].xml', '</Types>');
    // Defaults must precede overrides in the schema: new defaults go right after the root's start tag.
    const defaults = this.added.filter((entry) => entry.includes('Default '));
    const overrides = this.added.filter((entry) => !entry.includes('Default '));
    const root = findElement(this.xml, 'Types');
    const afterStart = root ? root.index + root.startTag.length : 0;
    return this.xml.slice(0, afterStart) + defaults.join('') + this.xml.slice(afterStart, close) + overrides.join('') + this.xml.slice(close);
  }
}

export interface WorkbookSheet {
  name: string;
  relId: string;
  sheetId: number;
}

/** The workbook part's sheet list, and the part with one sheet appended. */
export function workbookSheets(xml: string): WorkbookSheet[] {
  return findElements(xml, 'sheet').map((element) => ({
    name: attribute(element.startTag, 'name') ?? '',
    relId: /\s[\w.-]+:id\s*=\s*"([^"]*)"/.exec(element.startTag)?.[1] ?? '',
    sheetId: Number(attribute(element.startTag, 'sheetId') ?? 0),
  }));
}

export function appendSheet(xml: string, name: string, relId: string): string {
  const sheets = findElement(xml, 'sheets');
  if (!sheets || sheets.startTag.endsWith('/>')) throw damagedPart(null, '<sheets>');
  const root = findElement(xml, 'workbook')?.startTag ?? '';
  const relPrefix = prefixFor(root, REL_NS);
  const sheetId = Math.max(0, ...workbookSheets(xml).map((sheet) => sheet.sheetId)) + 1;
  const relAttr = relPrefix ? `${relPrefix}id="${relId}"` : `xmlns:r="${REL_NS}" r:id="${relId}"`;
  const element = `<${sheets.prefix}sheet name="${escapeXml(name)}" sheetId="${sheetId}" ${relAttr}/>`;
  const close = sheets.end - `</${sheets.prefix}sheets>`.length;
  return xml.slice(0, close) + element + xml.slice(close);
}

/** The first "prefix{N}suffix" part name (N = 1, 2, …) not taken, ignoring case; marks it taken. */
export function freePartName(taken: Set<string>, prefix: string, suffix: string): string {
  for (let n = 1; ; n += 1) {
    const name = `${prefix}${n}${suffix}`;
    const key = partKey(name);
    if (!taken.has(key)) {
      taken.add(key);
      return name;
    }
  }
}

export { decodeXml };
