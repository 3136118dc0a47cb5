/**
 * The two libraries the streaming reader uses directly: unzipper (random access to the zip's
 * entries) and saxes (the XML parser exceljs itself parses with). Both are pinned in package.json
 * at the versions exceljs 4.4 depends on; the shapes below are the small parts this code uses.
 */

export interface ZipEntry {
  path: string;
  type: 'File' | 'Directory';
  uncompressedSize: number;
  compressedSize: number;
  /** The entry's inflated bytes. */
  stream(): NodeJS.ReadableStream;
  buffer(): Promise<Buffer>;
}

export interface ZipDirectory {
  files: ZipEntry[];
}

interface Unzipper {
  Open: { file(path: string): Promise<ZipDirectory> };
}

export interface SaxTag {
  name: string;
  attributes: Record<string, string>;
  isSelfClosing: boolean;
}

export interface SaxParser {
  on(event: 'opentag' | 'closetag', handler: (tag: SaxTag) => void): void;
  on(event: 'text' | 'cdata', handler: (text: string) => void): void;
  on(event: 'error', handler: (error: Error) => void): void;
  write(chunk: string): SaxParser;
  close(): SaxParser;
}

interface Saxes {
  SaxesParser: new (options?: { position?: boolean }) => SaxParser;
}

// Loaded with require and typed by the shapes above (unzipper ships no typings; only a few members of each are used).
export const unzipper = require('unzipper') as Unzipper;
export const saxes = require('saxes') as Saxes;
