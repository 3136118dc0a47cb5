/**
 * Reading a .csv roster: UTF-8 (with or without BOM), or GB18030/GBK as Excel for Chinese Windows
 * saves "CSV (逗号分隔)", or UTF-16 with a BOM. The file is read twice, both times as a stream: once
 * to learn whether its bytes are valid UTF-8, once to parse it, so memory stays bounded.
 * Values stay text, as they are in the file (an ID keeps all 18 characters); an empty field is blank.
 */
import { createReadStream } from 'fs';
import { open } from 'fs/promises';
import { InputError } from './inputError';
import type { RowSink } from './xlsxReader';
import { CsvParser, detectDelimiter } from '../workbook/csvParse';

export { CsvParser, detectDelimiter };

export type CsvEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

const ENCODING_NAMES: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  gb18030: 'GB18030/GBK',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
};

export function encodingName(encoding: CsvEncoding): string {
  return ENCODING_NAMES[encoding];
}

async function firstBytes(path: string, count: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(count);
    const { bytesRead } = await handle.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function decodesAs(path: string, encoding: string): Promise<boolean> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) decoder.decode(chunk, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/** The file's encoding: a BOM says it; otherwise UTF-8 when every byte sequence is valid UTF-8, else GB18030 (a superset of GBK). */
export async function detectCsvEncoding(path: string, label: string): Promise<CsvEncoding> {
  const head = await firstBytes(path, 3);
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (await decodesAs(path, 'utf-8')) return 'utf-8';
  if (await decodesAs(path, 'gb18030')) return 'gb18030';
  throw new InputError(`${label} 的编码无法识别：既不是 UTF-8，也不是 GB18030/GBK`);
}

async function* decodedChunks(path: string, encoding: CsvEncoding, onBytes?: (bytes: number) => void): AsyncGenerator<string> {
  // TextDecoder drops a leading BOM of its own encoding.
  const decoder = new TextDecoder(encoding);
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
    onBytes?.(chunk.length);
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** Streams a CSV file's records as rows of text (empty fields as null) into the sink. */
export async function readCsv(
  path: string,
  encoding: CsvEncoding,
  onRow: (values: (string | null)[], rowNumber: number) => void,
  onBytes?: (bytes: number) => void,
): Promise<void> {
  let parser: CsvParser | null = null;
  for await (const text of decodedChunks(path, encoding, onBytes)) {
    parser ??= new CsvParser(detectDelimiter(text.slice(0, 64 * 1024)), (values, rowNumber) =>
      onRow(
        values.map((value) => (value === '' ? null : value)),
        rowNumber,
      ),
    );
    parser.write(text);
  }
  parser?.end();
}

/** Feeds a CSV file to a roster sheet session. */
export async function readCsvInto(path: string, encoding: CsvEncoding, sink: RowSink, onBytes?: (bytes: number) => void): Promise<void> {
  await readCsv(path, encoding, (values, rowNumber) => sink.addRow(values, rowNumber), onBytes);
  sink.end();
}
