/**
 * styles.xml, extended without disturbing what is there: the marks' fills and the results sheet's
 * fonts are appended to <fills> and <fonts>, and each new cell format is appended to <cellXfs>, so
 * every existing style index keeps its meaning. A marked cell's format is its own format cloned with
 * the mark's fill (number format, font, border, alignment and protection kept).
 */
import { findElement, findElements, insertBefore, setAttribute } from './xml';

export const ERROR_FILL = 'FFFFC7CE';
export const WARNING_FILL = 'FFFFEB9C';
export const HEADER_FILL = 'FFD9D9D9';
const LINK_COLOR = 'FF0563C1';

/** A stylesheet for a package that has none (or for the CSV copy): one font, the two required fills, one border, one format. */
export const MINIMAL_STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  '<fonts count="1"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** The order of a stylesheet's sections (CT_Stylesheet), for inserting a missing one in its place. */
const SECTIONS = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

export type MarkKind = 'error' | 'warning';

/** Excel's built-in short-date format (shown in the reader's locale: 2026/12/1 in Chinese Excel). */
const SHORT_DATE_FORMAT = 14;

export interface ResultStyles {
  bold: number;
  header: number;
  link: number;
  error: number;
  warning: number;
  wrap: number;
}

interface Section {
  items: string[];
}

export class StylesPatcher {
  private xml: string;
  private readonly prefix: string;
  private readonly fonts: Section;
  private readonly fills: Section;
  private readonly xfs: Section;
  private readonly existingXfs: number;
  private readonly markXf = new Map<string, number>();
  private readonly dateXf = new Map<number, number>();
  private readonly fillIds = new Map<string, number>();
  private results: ResultStyles | null = null;

  constructor(xml: string | null) {
    let text = xml ?? MINIMAL_STYLES;
    const root = /<([\w.-]+:)?styleSheet[\s>]/.exec(text);
    this.prefix = root?.[1] ?? '';
    // Sections the producer left out are added empty, in their schema position.
    for (const [name, inner] of [
      ['fonts', `<${this.prefix}font><${this.prefix}sz val="11"/></${this.prefix}font>`],
      [
        'fills',
        `<${this.prefix}fill><${this.prefix}patternFill patternType="none"/></${this.prefix}fill><${this.prefix}fill><${this.prefix}patternFill patternType="gray125"/></${this.prefix}fill>`,
      ],
      ['cellXfs', `<${this.prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>`],
    ] as const) {
      const found = findElement(text, name);
      if (!found)
        text = insertBefore(text, `<${this.prefix}${name}>${inner}</${this.prefix}${name}>`, SECTIONS.slice(SECTIONS.indexOf(name) + 1), 'styleSheet');
      else if (found.startTag.endsWith('/>'))
        text = text.slice(0, found.index) + `<${this.prefix}${name}>${inner}</${this.prefix}${name}>` + text.slice(found.end);
    }
    this.xml = text;
    this.fonts = { items: this.itemsOf('fonts', 'font') };
    this.fills = { items: this.itemsOf('fills', 'fill') };
    this.xfs = { items: this.itemsOf('cellXfs', 'xf') };
    this.existingXfs = this.xfs.items.length;
  }

  private itemsOf(section: string, item: string): string[] {
    const found = findElement(this.xml, section);
    return found ? findElements(found.text.slice(found.startTag.length), item).map((element) => element.text) : [];
  }

  private solidFill(argb: string): number {
    const known = this.fillIds.get(argb);
    if (known !== undefined) return known;
    const p = this.prefix;
    this.fills.items.push(
      `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`,
    );
    const id = this.fills.items.length - 1;
    this.fillIds.set(argb, id);
    return id;
  }

  /** A new format: format `base` (0 when out of range) with the given attributes and, optionally, an alignment. */
  private derive(base: number, attributes: Record<string, string>, alignment?: string): number {
    let xf = this.xfs.items[base] ?? this.xfs.items[0] ?? `<${this.prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>`;
    const startEnd = xf.indexOf('>') + 1;
    let start = xf.slice(0, startEnd);
    let rest = xf.slice(startEnd);
    for (const [name, value] of Object.entries(attributes)) start = setAttribute(start, name, value);
    if (alignment !== undefined) {
      const p = this.prefix;
      const inner = rest.replace(new RegExp(`<${p}alignment\\b[^>]*?(/>|>[\\s\\S]*?</${p}alignment>)`), '').replace(new RegExp(`</${p}xf>$`), '');
      if (start.endsWith('/>')) start = `${start.slice(0, -2).trimEnd()}>`;
      rest = `${alignment}${inner}</${p}xf>`;
      start = setAttribute(start, 'applyAlignment', '1');
    }
    xf = start + rest;
    this.xfs.items.push(xf);
    return this.xfs.items.length - 1;
  }

  /** The format index for a cell of format `style` marked as an error or a warning. */
  markStyle(style: number, kind: MarkKind): number {
    const base = Number.isInteger(style) && style >= 0 && style < this.existingXfs ? style : 0;
    const key = `${base}:${kind}`;
    let index = this.markXf.get(key);
    if (index === undefined) {
      index = this.derive(base, { fillId: String(this.solidFill(kind === 'error' ? ERROR_FILL : WARNING_FILL)), applyFill: '1' });
      this.markXf.set(key, index);
    }
    return index;
  }

  /** The format index for a date written into a cell of format `style`: the same with the short-date number format (14). */
  dateStyle(style: number): number {
    const base = Number.isInteger(style) && style >= 0 && style < this.existingXfs ? style : 0;
    let index = this.dateXf.get(base);
    if (index === undefined) {
      index = this.derive(base, { numFmtId: String(SHORT_DATE_FORMAT), applyNumberFormat: '1' });
      this.dateXf.set(base, index);
    }
    return index;
  }

  /** The results sheet's formats (bold titles, grey header, blue underlined links, severity fills, wrapped text). */
  resultStyles(): ResultStyles {
    if (this.results) return this.results;
    const p = this.prefix;
    const font0 = this.fonts.items[0] ?? `<${p}font/>`;
    const withFont = (extra: string, dropColor: boolean) => {
      const body = font0.endsWith('/>') ? '' : font0.slice(font0.indexOf('>') + 1, font0.lastIndexOf('<'));
      const kept = dropColor ? body.replace(new RegExp(`<${p}color\\b[^>]*?(/>|>[\\s\\S]*?</${p}color>)`, 'g'), '') : body;
      this.fonts.items.push(`<${p}font>${extra}${kept}</${p}font>`);
      return this.fonts.items.length - 1;
    };
    const bold = withFont(`<${p}b/>`, false);
    const link = withFont(`<${p}u/><${p}color rgb="${LINK_COLOR}"/>`, true);
    const fill = (argb: string) => String(this.solidFill(argb));
    this.results = {
      bold: this.derive(0, { fontId: String(bold), applyFont: '1' }),
      header: this.derive(0, { fontId: String(bold), applyFont: '1', fillId: fill(HEADER_FILL), applyFill: '1' }),
      link: this.derive(0, { fontId: String(link), applyFont: '1' }),
      error: this.derive(0, { fillId: fill(ERROR_FILL), applyFill: '1' }),
      warning: this.derive(0, { fillId: fill(WARNING_FILL), applyFill: '1' }),
      wrap: this.derive(0, {}, `<${p}alignment vertical="top" wrapText="1"/>`),
    };
    return this.results;
  }

  /** The patched stylesheet: each section's original items followed by the new ones. */
  toString(): string {
    let xml = this.xml;
    for (const [section, items] of [
      ['fonts', this.fonts.items],
      ['fills', this.fills.items],
      ['cellXfs', this.xfs.items],
    ] as const) {
      const found = findElement(xml, section);
      if (!found) continue;
      const start = setAttribute(found.startTag, 'count', String(items.length));
      const original = this.itemsOf(section, section === 'cellXfs' ? 'xf' : section.slice(0, -1)).length;
      // The original text up to the end of its last item is kept, then the new items, then the end tag.
      const inner = found.text.slice(found.startTag.length, found.text.length - `</${found.prefix}${section}>`.length);
      xml = `${xml.slice(0, found.index)}${start}${inner}${items.slice(original).join('')}</${found.prefix}${section}>${xml.slice(found.end)}`;
    }
    return xml;
  }

  /** Whether anything was added (when not, the original part is copied as it was). */
  get changed(): boolean {
    return this.markXf.size > 0 || this.dateXf.size > 0 || this.results !== null;
  }
}
