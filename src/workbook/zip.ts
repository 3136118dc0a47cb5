/**
 * Writing the zip container of an .xlsx, in Node and in a browser (bytes out; deflating by fflate or
 * a platform's codec). A copy carries an unchanged part over exactly as it was stored (its raw
 * compressed bytes, read through ZipPackage, the reader's zip layer); new content is deflated as it
 * streams in. The writer refuses to go past the classic format's 4 GiB / 65,535-entry limits (an
 * annotated roster never comes near them).
 */
import { Deflate, deflateSync } from 'fflate';
import { Crc32, crc32 } from './crc32';
import type { InflateRaw, ZipEntry, ZipPackage } from './zipPackage';

/** What the zip records of an entry's stored bytes. */
interface StoredEntry {
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** DOS time and date of the entry, kept on a copy. */
  time: number;
  date: number;
}

export class ZipFormatError extends Error {}

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
const UTF8_FLAG = 0x800;
const MAX_32 = 0xffffffff;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * A faster raw-deflate codec a platform may offer (Node's zlib); fflate is used where none is given.
 * `deflateRaw` compresses one piece of a part: pieces are compressed independently and concatenated,
 * so a non-final piece must end with a sync flush (byte-aligned, no final block), as pigz does.
 */
export interface Codec {
  /** The reader's native inflate: the whole part, or null when it would exceed `maxBytes`. */
  inflateRaw: InflateRaw;
  deflateRaw(piece: Uint8Array, final: boolean): Uint8Array;
  /** The platform's CRC-32: for checking the parts read and recording the parts written. */
  crc32?: Crc32;
}

const encoder = new TextEncoder();

interface CentralRecord extends StoredEntry {
  nameBytes: Uint8Array;
  offset: number;
}

/** A part being written: content goes in by `write`, deflated as it comes. */
export interface PartStream {
  write(text: string | Uint8Array): void;
  close(): void;
}

/** A new part, deflated, ready to be placed in an archive. */
export interface DeflatedPart {
  name: string;
  chunks: Uint8Array[];
  crc: number;
  size: number;
  compressedSize: number;
}

/**
 * Level 1: fflate's level 6 takes about four times as long on a large sheet (12 s against 3 s for
 * 72 MB of XML, measured) for a file about a fifth smaller; the copy's time matters more than its size.
 */
const DEFLATE_LEVEL = 1;

/** A part up to this size, given whole, is deflated in JavaScript even where the platform lends a codec. */
const SMALL_PART = 64 * 1024;

/** Codec pieces are this large (compressing them independently costs well under 1 % in size). */
const CODEC_PIECE = 1024 * 1024;

/** Deflates a new part as its content streams in; `done` receives it on close. */
export function deflatePart(name: string, done: (part: DeflatedPart) => void, codec?: Codec): PartStream {
  const part: DeflatedPart = { name, chunks: [], crc: 0, size: 0, compressedSize: 0 };
  const output = (chunk: Uint8Array) => {
    part.compressedSize += chunk.length;
    if (part.compressedSize > MAX_32) throw new ZipFormatError(`${name} 超过 4 GiB，无法写出`);
    if (chunk.length > 0) part.chunks.push(chunk);
  };
  let deflater: { push(bytes: Uint8Array, final: boolean): void };
  if (codec) {
    let held: Uint8Array[] = [];
    let heldBytes = 0;
    deflater = {
      push: (bytes, final) => {
        held.push(bytes);
        heldBytes += bytes.length;
        if (heldBytes < CODEC_PIECE && !final) return;
        const piece = new Uint8Array(heldBytes);
        let at = 0;
        for (const chunk of held) {
          piece.set(chunk, at);
          at += chunk.length;
        }
        held = [];
        heldBytes = 0;
        // A small part whole (relationships, notes, most of a copy's parts) in JavaScript: each
        // native call sets up a compressor of its own outside the heap, and a copy of a workbook of
        // thousands of sheets made thousands of them faster than the collector gave them back.
        output(
          final && part.compressedSize === 0 && piece.length <= SMALL_PART ? deflateSync(piece, { level: DEFLATE_LEVEL }) : codec.deflateRaw(piece, final),
        );
      },
    };
  } else deflater = new Deflate({ level: DEFLATE_LEVEL }, output);
  let pending: string[] = [];
  let pendingLength = 0;
  const crcOf = codec?.crc32 ?? crc32;
  const feed = (bytes: Uint8Array, final: boolean) => {
    part.crc = crcOf(bytes, part.crc);
    part.size += bytes.length;
    if (part.size > MAX_32) throw new ZipFormatError(`${name} 超过 4 GiB，无法写出`);
    deflater.push(bytes, final);
  };
  const flushText = (final: boolean) => {
    if (pendingLength > 0 || final) feed(encoder.encode(pending.join('')), final);
    pending = [];
    pendingLength = 0;
  };
  return {
    write: (content) => {
      if (typeof content === 'string') {
        pending.push(content);
        pendingLength += content.length;
        if (pendingLength >= 256 * 1024) flushText(false);
      } else {
        flushText(false);
        feed(content, false);
      }
    },
    close: () => {
      flushText(true);
      done(part);
    },
  };
}

/** A whole new part, deflated at once. */
export function deflateWhole(name: string, content: string | Uint8Array, codec?: Codec): DeflatedPart {
  let result: DeflatedPart | null = null;
  const stream = deflatePart(
    name,
    (part) => {
      result = part;
    },
    codec,
  );
  stream.write(content);
  stream.close();
  return result as unknown as DeflatedPart;
}

/** 1980-01-01 00:00 in DOS format: the date of every part this writer creates (no clock is read, so copies are reproducible). */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** Writes a zip archive into memory, part after part. */
export class ZipWriter {
  private readonly chunks: Uint8Array[] = [];
  private readonly records: CentralRecord[] = [];
  private offset = 0;

  private push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.offset += chunk.length;
    if (this.offset > MAX_32) throw new ZipFormatError('批注副本超过 4 GiB，无法写出');
  }

  /** The fields a local header (at 4) and a central directory entry (at 6) share, from "version needed" to the name's length. */
  private static sharedFields(data: DataView, at: number, record: CentralRecord): void {
    data.setUint16(at, 20, true);
    data.setUint16(at + 2, UTF8_FLAG, true);
    data.setUint16(at + 4, record.method, true);
    data.setUint16(at + 6, record.time, true);
    data.setUint16(at + 8, record.date, true);
    data.setUint32(at + 10, record.crc, true);
    data.setUint32(at + 14, record.compressedSize, true);
    data.setUint32(at + 18, record.size, true);
    data.setUint16(at + 22, record.nameBytes.length, true);
  }

  private localHeader(record: CentralRecord): Uint8Array {
    const header = new Uint8Array(30 + record.nameBytes.length);
    const data = view(header);
    data.setUint32(0, LOCAL_SIGNATURE, true);
    ZipWriter.sharedFields(data, 4, record);
    header.set(record.nameBytes, 30);
    return header;
  }

  /** Carries a part of `zip` over as it was stored: the same compressed bytes, CRC and sizes. */
  copyPart(zip: ZipPackage, part: ZipEntry): void {
    const record: CentralRecord = {
      nameBytes: encoder.encode(part.name),
      method: part.method,
      crc: part.crc,
      compressedSize: part.compressedSize,
      size: part.declaredSize,
      time: part.time,
      date: part.date,
      offset: this.offset,
    };
    const raw = zip.raw(part);
    this.records.push(record);
    this.push(this.localHeader(record));
    this.push(raw);
  }

  /** Places a new deflated part. */
  addDeflated(part: DeflatedPart): void {
    const record: CentralRecord = {
      nameBytes: encoder.encode(part.name),
      method: 8,
      crc: part.crc,
      compressedSize: part.compressedSize,
      size: part.size,
      time: 0,
      date: DOS_DATE,
      offset: this.offset,
    };
    this.records.push(record);
    this.push(this.localHeader(record));
    for (const chunk of part.chunks) this.push(chunk);
  }

  /** The archive's bytes: the parts, then the central directory. */
  finish(): Uint8Array {
    if (this.records.length > 0xffff) throw new ZipFormatError('批注副本的部件过多，无法写出');
    const directoryOffset = this.offset;
    for (const record of this.records) {
      const entry = new Uint8Array(46 + record.nameBytes.length);
      const data = view(entry);
      data.setUint32(0, CENTRAL_SIGNATURE, true);
      data.setUint16(4, 20, true);
      ZipWriter.sharedFields(data, 6, record);
      data.setUint32(42, record.offset, true);
      entry.set(record.nameBytes, 46);
      this.push(entry);
    }
    const end = new Uint8Array(22);
    const data = view(end);
    data.setUint32(0, END_SIGNATURE, true);
    data.setUint16(8, this.records.length, true);
    data.setUint16(10, this.records.length, true);
    data.setUint32(12, this.offset - directoryOffset, true);
    data.setUint32(16, directoryOffset, true);
    this.push(end);
    const out = new Uint8Array(this.offset);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}
