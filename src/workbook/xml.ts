/**
 * A focused XML tokeniser over UTF-8 bytes, for the parts of an OOXML package: tags with their
 * attributes, text between tags, CDATA. Namespace prefixes are dropped ("x:row" is "row"); the
 * prolog, comments, processing instructions and a DOCTYPE are skipped, and no entity other than
 * XML's five and character references is expanded (no DTD, so no entity bombs).
 *
 * Why not saxes (which runs in Node and browsers too)? It works on decoded strings, so every byte
 * of a sheet would be decoded to UTF-16 first and every tag would build an attribute object; the
 * sheet XML of a roster is mostly tags, and only the text of <v> and <t> is ever needed. Measured
 * figures are in bench/results.json ("reader: …").
 */
import { WorkbookError } from './errors';

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOS = 0x27;
const COLON = 0x3a;
const AMP = 0x26;

const utf8 = new TextDecoder('utf-8');

/** Decodes UTF-8 bytes; short ASCII runs (most cell values) without calling TextDecoder. */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= 24) {
    let text = '';
    for (let i = start; i < end; i += 1) {
      const byte = bytes[i];
      if (byte >= 0x80) return utf8.decode(bytes.subarray(start, end));
      text += String.fromCharCode(byte);
    }
    return text;
  }
  return utf8.decode(bytes.subarray(start, end));
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML's five named entities and character references; anything else is left as written. */
export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, name: string) => {
    if (name[0] !== '#') return NAMED_ENTITIES[name];
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** A tag's attributes, read on demand from the bytes (most tags' attributes are never asked for). */
export class Tag {
  bytes: Uint8Array = new Uint8Array(0);
  start = 0;
  end = 0;
  /** Where the value found by the last find() lies in `bytes`. */
  valueStart = 0;
  valueEnd = 0;
  private valueHasEntity = false;

  /** Whether the tag has the attribute (prefix ignored: "r:id" answers "id"); its value's place is then in valueStart/valueEnd. */
  find(name: string): boolean {
    const bytes = this.bytes;
    let i = this.start;
    const end = this.end;
    while (i < end) {
      while (i < end && bytes[i] <= 0x20) i += 1;
      const nameStart = i;
      while (i < end && bytes[i] !== 0x3d && bytes[i] > 0x20) i += 1;
      const nameEnd = i;
      while (i < end && bytes[i] !== QUOTE && bytes[i] !== APOS) i += 1;
      if (i >= end) return false;
      const quote = bytes[i];
      const valueStart = i + 1;
      let entity = false;
      i = valueStart;
      while (i < end && bytes[i] !== quote) {
        if (bytes[i] === AMP) entity = true;
        i += 1;
      }
      if (localNameIs(bytes, nameStart, nameEnd, name)) {
        this.valueStart = valueStart;
        this.valueEnd = i;
        this.valueHasEntity = entity;
        return true;
      }
      i += 1;
    }
    return false;
  }

  /** The attribute's value, or null. */
  attr(name: string): string | null {
    if (!this.find(name)) return null;
    const text = decodeUtf8(this.bytes, this.valueStart, this.valueEnd);
    return this.valueHasEntity ? unescapeXml(text) : text;
  }
}

/** The whole number written in bytes[start, end) (digits only, at most 15 of them), or -1. */
export function parseDigits(bytes: Uint8Array, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let value = 0;
  for (let i = start; i < end; i += 1) {
    const digit = bytes[i] - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Whether bytes[start, end) hold an entity reference to expand. */
export function hasEntity(bytes: Uint8Array, start: number, end: number): boolean {
  // Not bytes.indexOf(AMP, start): without an '&' it would run on to the end of the part, for every text.
  for (let i = start; i < end; i += 1) if (bytes[i] === AMP) return true;
  return false;
}

function localNameIs(bytes: Uint8Array, start: number, end: number, name: string): boolean {
  for (let i = end - 1; i >= start; i -= 1) {
    if (bytes[i] === COLON) {
      start = i + 1;
      break;
    }
  }
  if (end - start !== name.length) return false;
  for (let i = 0; i < name.length; i += 1) if (bytes[start + i] !== name.charCodeAt(i)) return false;
  return true;
}

export interface XmlHandler {
  /** Whether text is wanted now (text outside the elements a handler reads is skipped unread). */
  wantsText: boolean;
  /**
   * A tag opens. A handler may read on past it itself (a cell's common form, read in one step) and
   * return where the scan goes on; the elements it read through are then not reported.
   */
  open(name: string, tag: Tag, selfClosing: boolean): number | void;
  close(name: string): void;
  /** Text between tags as raw bytes (entities still escaped), or CDATA content (raw = true). */
  text(bytes: Uint8Array, start: number, end: number, raw: boolean): void;
}

/** Local names, interned so that the many <c> and <v> tags do not each build a string. */
const names = new Map<number, string[]>();
const MAX_INTERNED = 4096;

/** One-letter names (c, v, f, t, r: most of a sheet's tags) by their byte. */
const LETTERS: string[] = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));

function internName(bytes: Uint8Array, start: number, end: number): string {
  if (end - start === 1 && bytes[start] < 128) return LETTERS[bytes[start]];
  for (let i = start; i < end; i += 1) {
    if (bytes[i] === COLON) start = i + 1;
  }
  if (end - start === 1 && bytes[start] < 128) return LETTERS[bytes[start]];
  let hash = end - start;
  for (let i = start; i < end; i += 1) hash = (hash * 31 + bytes[i]) | 0;
  const bucket = names.get(hash);
  if (bucket) {
    for (const name of bucket) if (localNameIs(bytes, start, end, name)) return name;
  }
  const name = decodeUtf8(bytes, start, end);
  // A crafted part with endless distinct names must not grow the table without bound.
  if (names.size > MAX_INTERNED) return name;
  if (bucket) bucket.push(name);
  else names.set(hash, [name]);
  return name;
}

function isNameEnd(byte: number): boolean {
  return byte <= 0x20 || byte === SLASH || byte === GT || byte === LT;
}

function indexOfSequence(bytes: Uint8Array, sequence: readonly number[], from: number): number {
  const first = sequence[0];
  for (let at = bytes.indexOf(first, from); at >= 0; at = bytes.indexOf(first, at + 1)) {
    if (at + sequence.length > bytes.length) return -1;
    let same = true;
    for (let k = 1; k < sequence.length; k += 1) {
      if (bytes[at + k] !== sequence[k]) {
        same = false;
        break;
      }
    }
    if (same) return at;
  }
  return -1;
}

const COMMENT_END = [0x2d, 0x2d, GT]; // -->
const PI_END = [0x3f, GT]; // ?>
const CDATA_END = [0x5d, 0x5d, GT]; // ]]>
const CDATA_START = '<![CDATA[';

/** Feeds byte chunks in; the handler hears tags and text in order. */
export class XmlScanner {
  private carry: Uint8Array | null = null;
  private readonly tag = new Tag();

  constructor(
    private readonly handler: XmlHandler,
    private readonly maxToken: number,
    /** "FILE 中的 xl/worksheets/sheet1.xml", for messages. */
    private readonly part: string,
  ) {}

  write(chunk: Uint8Array): void {
    let bytes = chunk;
    if (this.carry) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry, 0);
      bytes.set(chunk, this.carry.length);
      this.carry = null;
    }
    const stop = this.scan(bytes);
    if (stop < bytes.length) {
      if (bytes.length - stop > this.maxToken) {
        throw new WorkbookError(
          'TOO_LARGE',
          `${this.part} 已损坏或是恶意构造的：其中有一段超过 ${Math.round(this.maxToken / 1048576)} MB 的 XML 内容，不是正常的工作簿`,
        );
      }
      this.carry = bytes.slice(stop);
    }
  }

  /** Call after the last chunk. */
  end(): void {
    if (this.carry && this.carry.indexOf(LT) >= 0) {
      throw new WorkbookError('CORRUPT', `${this.part} 已损坏：XML 不完整（在结尾处中断）`);
    }
    this.carry = null;
  }

  /**
   * For a part held whole: scans the tokens that start before `until` (tokens may run past it) and
   * returns where to go on from, without copying anything. Call end() after the last stretch.
   */
  writeStretch(bytes: Uint8Array, from: number, until: number): number {
    const stop = this.scan(bytes, from, until);
    if (stop < until) throw new WorkbookError('CORRUPT', `${this.part} 已损坏：XML 不完整（在结尾处中断）`);
    return stop;
  }

  /** Scans what it can up to `until`; returns where an incomplete token starts (or where it stopped). */
  private scan(bytes: Uint8Array, from = 0, until = bytes.length): number {
    const handler = this.handler;
    const tag = this.tag;
    const length = bytes.length;
    let pos = from;
    while (pos < until) {
      if (bytes[pos] !== LT) {
        // A loop, not bytes.indexOf: texts are short, and a typed array's indexOf costs a call into the runtime.
        let lt = pos + 1;
        while (lt < length && bytes[lt] !== LT) lt += 1;
        if (lt >= length) return handler.wantsText ? pos : length;
        if (handler.wantsText) handler.text(bytes, pos, lt, false);
        pos = lt;
      }
      if (pos + 1 >= length) return pos;
      const next = bytes[pos + 1];
      if (next === SLASH) {
        let gt = pos + 2;
        while (gt < length && bytes[gt] !== GT && bytes[gt] !== LT) gt += 1;
        if (gt < length && bytes[gt] === LT) throw this.ltInTag();
        if (gt >= length) return pos;
        let nameEnd = pos + 2;
        while (nameEnd < gt && !isNameEnd(bytes[nameEnd])) nameEnd += 1;
        handler.close(internName(bytes, pos + 2, nameEnd));
        pos = gt + 1;
      } else if (next === 0x3f) {
        const end = indexOfSequence(bytes, PI_END, pos + 2);
        if (end < 0) return pos;
        pos = end + 2;
      } else if (next === 0x21) {
        const skipped = this.special(bytes, pos);
        if (skipped < 0) return pos;
        pos = skipped;
      } else {
        // An open tag: its end is the first '>' outside quoted attribute values.
        let i = pos + 1;
        while (i < length && !isNameEnd(bytes[i])) i += 1;
        const nameEnd = i;
        let quote = 0;
        for (; i < length; i += 1) {
          const byte = bytes[i];
          if (quote) {
            if (byte === quote) quote = 0;
            else if (byte === LT) break;
          } else if (byte === QUOTE || byte === APOS) quote = byte;
          else if (byte === GT || byte === LT) break;
        }
        // A '<' inside a tag is not well-formed XML (Excel refuses it too): where cells end must not depend on how it is read.
        if (i < length && bytes[i] === LT) throw this.ltInTag();
        if (i >= length) return pos;
        const selfClosing = bytes[i - 1] === SLASH;
        tag.bytes = bytes;
        tag.start = nameEnd;
        tag.end = selfClosing ? i - 1 : i;
        const name = internName(bytes, pos + 1, nameEnd);
        const readOn = handler.open(name, tag, selfClosing);
        if (selfClosing) handler.close(name);
        pos = typeof readOn === 'number' ? readOn : i + 1;
      }
    }
    return pos;
  }

  private ltInTag(): WorkbookError {
    return new WorkbookError('CORRUPT', `${this.part} 已损坏：标记中有"<"，不是有效的 XML`);
  }

  /** Comments, CDATA and declarations (<!DOCTYPE …>): returns the position after, or -1 when incomplete. */
  private special(bytes: Uint8Array, pos: number): number {
    if (bytes[pos + 2] === 0x2d) {
      const end = indexOfSequence(bytes, COMMENT_END, pos + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (pos + CDATA_START.length > bytes.length) return -1;
    let cdata = true;
    for (let k = 2; k < CDATA_START.length; k += 1) if (bytes[pos + k] !== CDATA_START.charCodeAt(k)) cdata = false;
    if (cdata) {
      const start = pos + CDATA_START.length;
      const end = indexOfSequence(bytes, CDATA_END, start);
      if (end < 0) return -1;
      if (this.handler.wantsText) this.handler.text(bytes, start, end, true);
      return end + 3;
    }
    // A declaration, possibly with an internal subset in brackets.
    let depth = 0;
    for (let i = pos + 2; i < bytes.length; i += 1) {
      if (bytes[i] === 0x5b) depth += 1;
      else if (bytes[i] === 0x5d) depth -= 1;
      else if (bytes[i] === GT && depth <= 0) return i + 1;
    }
    return -1;
  }
}

/** Scans a whole part given as pieces. */
export function scanXml(pieces: Iterable<Uint8Array>, handler: XmlHandler, maxToken: number, part: string): void {
  const scanner = new XmlScanner(handler, maxToken, part);
  for (const piece of pieces) scanner.write(piece);
  scanner.end();
}
