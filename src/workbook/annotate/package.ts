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
  private ids: Map<string, Relationship> | null = null;

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
    // Indexed on first use (the first of an id, as find would take it): asked once per marked sheet.
    if (!this.ids) {
      this.ids = new Map();
      for (const rel of this.relationships) if (!this.ids.has(rel.id)) this.ids.set(rel.id, rel);
    }
    return this.ids.get(id);
  }

  /** Adds a relationship to a part (written relative to the source part's folder, as Excel writes it); returns its new, unused id. */
  add(type: string, partName: string): string {
    const taken = new Set(this.relationships.map((rel) => rel.id));
    let n = this.relationships.length + 1;
    while (taken.has(`rId${n}`)) n += 1;
    const id = `rId${n}`;
    const target = relativeTarget(this.sourcePart, partName);
    const relationship = { id, type, target, external: false };
    this.relationships.push(relationship);
    if (this.ids && !this.ids.has(id)) this.ids.set(id, relationship);
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
  /** Extensions with a default (lower case), the part's own and those added. */
  private defaults: Set<string> | null = null;

  constructor(private readonly xml: string) {
    this.prefix = findElement(xml, 'Types')?.prefix ?? '';
  }

  ensureDefault(extension: string, contentType: string): void {
    // The part's defaults are read once: a copy of a workbook of many sheets asks for each sheet.
    this.defaults ??= new Set(findElements(this.xml, 'Default').map((element) => (attribute(element.startTag, 'Extension') ?? '').toLowerCase()));
    if (this.defaults.has(extension.toLowerCase())) return;
    this.defaults.add(extension.toLowerCase());
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

/** The package's part names (compared as partKey compares them), and free numbered names for new parts. */
export class PartNames {
  private readonly taken: Set<string>;
  /** Where the search for each "prefix{N}suffix" goes on: names handed out are never given back. */
  private readonly next = new Map<string, number>();

  constructor(names: Iterable<string>) {
    this.taken = new Set([...names].map(partKey));
  }

  has(name: string): boolean {
    return this.taken.has(partKey(name));
  }

  add(name: string): void {
    this.taken.add(partKey(name));
  }

  /** The first "prefix{N}suffix" (N = 1, 2, …) not taken, ignoring case; marks it taken. */
  free(prefix: string, suffix: string): string {
    const series = `${prefix}\u0000${suffix}`;
    for (let n = this.next.get(series) ?? 1; ; n += 1) {
      const name = `${prefix}${n}${suffix}`;
      if (!this.has(name)) {
        this.add(name);
        this.next.set(series, n + 1);
        return name;
      }
    }
  }
}

export { decodeXml };
