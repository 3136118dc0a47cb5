/**
 * Two libraries that exceljs itself depends on and that the streaming reader uses directly:
 * unzipper (random access to the zip's entries) and saxes (the XML parser exceljs parses with).
 * They are loaded as exceljs resolves them, so the versions are exceljs's own and no hoisting
 * change in node_modules can swap them; the shapes below are the small parts this code uses.
 */
import { createRequire } from 'module';

const requireFromExceljs = createRequire(require.resolve('exceljs'));

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

export const unzipper = requireFromExceljs('unzipper') as Unzipper;
export const saxes = requireFromExceljs('saxes') as Saxes;
