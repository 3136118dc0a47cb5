/**
 * Small text-level XML helpers for patching package parts in place: the parts are edited as text so
 * that every byte the writer does not mean to change stays as the producer wrote it. Element names
 * may carry any namespace prefix ("x:row"); the helpers match the local name.
 */
import { columnLetters, columnNumber } from '../../rules/roster/location';
import { unescapeXml } from '../xml';
import { damagedPart } from './errors';

export { columnLetters, columnNumber };

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;'));
}

/**
 * Text for an XML text node or attribute: escaped, and characters XML 1.0 cannot carry written in
 * Excel's _xHHHH_ form (a C0 control character from a cell would otherwise make the part unreadable).
 */
export function xmlText(text: string): string {
  return (
    escapeXml(text)
      .replace(/_x[0-9A-Fa-f]{4}_/g, (escape) => `_x005F${escape.slice(1)}`)
      // eslint-disable-next-line no-control-regex -- matching C0 control characters is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
  );
}

/** XML's five entities and character references, decoded as the reader decodes them (a reference past U+10FFFF stays as written). */
export const decodeXml = unescapeXml;

/** The value of an attribute (by its name as written, e.g. "r" or "r:id") in a start tag, decoded. */
export function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  if (!match) return null;
  return decodeXml(match[1] ?? match[2]);
}

/** The start tag with `name` set to `value` (replaced where present, else added before the tag's end). */
export function setAttribute(tag: string, name: string, value: string): string {
  const pattern = new RegExp(`(\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  if (pattern.test(tag)) return tag.replace(pattern, `$1"${escapeXml(value)}"`);
  const end = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, end).replace(/\s+$/, '')} ${name}="${escapeXml(value)}"${tag.slice(end)}`;
}

/** A pattern matching the start tag of an element by local name (any prefix); group 1 is the prefix with its colon. */
export function startTagPattern(localName: string, flags = 'g'): RegExp {
  return new RegExp(`<([\\w.-]+:)?${localName}(?=[\\s/>])[^>]*>`, flags);
}

/** The first start tag of an element by local name, with its position and prefix. */
export function findStartTag(xml: string, localName: string, from = 0): { index: number; tag: string; prefix: string } | null {
  const pattern = startTagPattern(localName);
  pattern.lastIndex = from;
  const match = pattern.exec(xml);
  return match ? { index: match.index, tag: match[0], prefix: match[1] ?? '' } : null;
}

/** The whole element (start tag to end tag, or a self-closing tag) by local name. */
export function findElement(xml: string, localName: string, from = 0): { index: number; end: number; text: string; prefix: string; startTag: string } | null {
  const start = findStartTag(xml, localName, from);
  if (!start) return null;
  if (start.tag.endsWith('/>')) return { index: start.index, end: start.index + start.tag.length, text: start.tag, prefix: start.prefix, startTag: start.tag };
  const close = `</${start.prefix}${localName}>`;
  const closeAt = xml.indexOf(close, start.index + start.tag.length);
  if (closeAt < 0) return null;
  const end = closeAt + close.length;
  return { index: start.index, end, text: xml.slice(start.index, end), prefix: start.prefix, startTag: start.tag };
}

/** Every element with this local name (not nested in one another), in order. */
export function findElements(xml: string, localName: string): { index: number; end: number; text: string; prefix: string; startTag: string }[] {
  const found: { index: number; end: number; text: string; prefix: string; startTag: string }[] = [];
  for (let element = findElement(xml, localName); element; element = findElement(xml, localName, element.end)) found.push(element);
  return found;
}

/** The prefix (with colon, or '') bound to a namespace by the declarations in a start tag, or null. */
export function prefixFor(tag: string, namespace: string): string | null {
  const pattern = /\sxmlns(?::([\w.-]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let match = pattern.exec(tag); match; match = pattern.exec(tag)) {
    if ((match[2] ?? match[3]) === namespace) return match[1] ? `${match[1]}:` : '';
  }
  return null;
}

/** Inserts `content` before the first of the named elements present (end tags of the parent count as the last resort). */
export function insertBefore(xml: string, content: string, followers: readonly string[], parentEnd: string): string {
  let at = -1;
  for (const name of followers) {
    const found = findStartTag(xml, name);
    if (found && (at < 0 || found.index < at)) at = found.index;
  }
  if (at < 0) {
    const pattern = new RegExp(`</([\\w.-]+:)?${parentEnd}>`, 'g');
    let last: RegExpExecArray | null = null;
    for (let match = pattern.exec(xml); match; match = pattern.exec(xml)) last = match;
    if (!last) throw damagedPart(null, `</${parentEnd}>`);
    at = last.index;
  }
  return xml.slice(0, at) + content + xml.slice(at);
}

/** "B12" or "$B$12" → { row: 12, column: 2 }, or null. */
export function parseCellRef(ref: string): { row: number; column: number } | null {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  return match ? { column: columnNumber(match[1]), row: Number(match[2]) } : null;
}
