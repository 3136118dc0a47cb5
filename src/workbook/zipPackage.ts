/**
 * The zip container of an .xlsx, read from bytes in memory: the central directory gives each
 * part's place, and a part is inflated (whole by the platform's native inflate where given, else
 * with fflate piece by piece), counting every inflated byte against the limits (the sizes the
 * directory declares are not trusted: a bomb lies about them). The one zip reader: the workbook
 * reader reads through it, and so does the annotated copy (./zip.ts writes), which also takes
 * unchanged parts' stored bytes from it.
 */
import { Inflate } from 'fflate';
import { Crc32, crc32 as crc32Js } from './crc32';
import { WorkbookError } from './errors';
import { showBytes, WorkbookLimits } from './limits';

export interface ZipEntry {
  /** The part name as stored ("xl/worksheets/sheet1.xml"). */
  name: string;
  method: number;
  compressedSize: number;
  /** As declared by the directory: a hint only. */
  declaredSize: number;
  localOffset: number;
  encrypted: boolean;
  /** CRC-32 and DOS time and date as the directory records them: a copy carries an unchanged part over with them. */
  crc: number;
  time: number;
  date: number;
}

/** The lookup key of a part name: OOXML part names are case-insensitive, and a leading slash is dropped. */
export function partKey(name: string): string {
  return name.replace(/^\/+/, '').toLowerCase();
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Compressed bytes handed to the inflater at a time: bounds what one push can produce before the limits are checked. */
const INPUT_PIECE = 64 * 1024;

const utf8 = new TextDecoder('utf-8');

function u16(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16)) + bytes[at + 3] * 0x1000000;
}

function u64(bytes: Uint8Array, at: number): number {
  return u32(bytes, at) + u32(bytes, at + 4) * 0x100000000;
}

function corrupt(label: string, why: string): WorkbookError {
  return new WorkbookError('CORRUPT', `${label} 已损坏，无法作为 zip 读取（${why}）`);
}

/** Counts inflated bytes per part and in all. */
export class InflateBudget {
  private total = 0;

  constructor(
    private readonly label: string,
    readonly limits: WorkbookLimits,
  ) {}

  /** Adds a part's bytes; throws when the part or the whole package passes its limit. */
  add(part: string, partSoFar: number, bytes: number): void {
    this.total += bytes;
    if (partSoFar > this.limits.partBytes) {
      throw new WorkbookError(
        'TOO_LARGE',
        `${this.label} 中的 ${part} 解压后超过 ${showBytes(this.limits.partBytes)}，远超任何花名册，可能是损坏或恶意构造的文件`,
      );
    }
    if (this.total > this.limits.totalBytes) {
      throw new WorkbookError('TOO_LARGE', `${this.label} 解压后超过 ${showBytes(this.limits.totalBytes)}，远超任何花名册，可能是损坏或恶意构造的文件`);
    }
  }
}

/**
 * Inflates raw DEFLATE data whole, or returns null when it comes to more than maxBytes. The
 * default is fflate's (pure JavaScript, everywhere); a host may pass its native one (Node's zlib
 * is about three times faster), which must stop at maxBytes rather than inflate a bomb.
 */
export type InflateRaw = (data: Uint8Array, maxBytes: number) => Uint8Array | null;

/** Bytes handed on at a time from a part inflated whole. */
const SLICE_BYTES = 1024 * 1024;

export class ZipPackage {
  /** partKey(name) → entry (the first of a name, as Excel reads it). */
  private readonly entries = new Map<string, ZipEntry>();
  /** Every entry in the directory's order, folders and repeated names too: what a copy carries over. */
  readonly all: readonly ZipEntry[];

  constructor(
    private readonly bytes: Uint8Array,
    private readonly label: string,
    readonly budget: InflateBudget,
    private readonly inflateRaw?: InflateRaw,
    private readonly crc32: Crc32 = crc32Js,
  ) {
    this.all = readDirectory(bytes, label);
    for (const entry of this.all) {
      const key = partKey(entry.name);
      if (!key.endsWith('/') && !this.entries.has(key)) this.entries.set(key, entry);
    }
  }

  get limits(): WorkbookLimits {
    return this.budget.limits;
  }

  find(name: string): ZipEntry | null {
    return this.entries.get(partKey(name)) ?? null;
  }

  /** The part's inflated bytes, piece by piece (each piece is fresh: the caller may keep it). */
  *chunks(entry: ZipEntry): Generator<Uint8Array> {
    if (entry.encrypted) throw new WorkbookError('ENCRYPTED_OR_XLS', `${this.label} 的压缩包设了密码，无法读取：请在 Excel 中取消密码后再检查`);
    const data = this.raw(entry);
    let partBytes = 0;
    let crc = 0;
    if (entry.method === 0) {
      for (let at = 0; at < data.length; at += INPUT_PIECE) {
        const piece = data.subarray(at, Math.min(data.length, at + INPUT_PIECE));
        partBytes += piece.length;
        this.budget.add(entry.name, partBytes, piece.length);
        crc = this.crc32(piece, crc);
        yield piece;
      }
      this.checkCrc(entry, crc);
      return;
    }
    if (entry.method !== 8) throw corrupt(this.label, `${entry.name} 使用了不支持的压缩方式 ${entry.method}`);
    const out: Uint8Array[] = [];
    const inflater = new Inflate((chunk) => {
      partBytes += chunk.length;
      this.budget.add(entry.name, partBytes, chunk.length);
      crc = this.crc32(chunk, crc);
      out.push(chunk);
    });
    for (let at = 0; at < data.length; at += INPUT_PIECE) {
      const end = Math.min(data.length, at + INPUT_PIECE);
      try {
        inflater.push(data.subarray(at, end), end === data.length);
      } catch (error) {
        if (error instanceof WorkbookError) throw error;
        throw corrupt(this.label, `${entry.name} 解压失败：${(error as Error).message}`);
      }
      while (out.length) yield out.shift() as Uint8Array;
    }
    this.checkCrc(entry, crc);
  }

  /**
   * The inflated bytes against the CRC-32 the directory records: a part damaged in transfer may
   * still inflate (a changed literal decodes to another character) and read as other values.
   */
  private checkCrc(entry: ZipEntry, crc: number): void {
    if (crc !== entry.crc) {
      throw new WorkbookError(
        'CORRUPT',
        `${this.label} 已损坏：${entry.name} 的内容与文件记录的校验值（CRC-32）不符，可能在传送或保存中损坏；请向报送单位要一份新的文件，或在 Excel 中打开并另存后再检查`,
      );
    }
  }

  /** The part's inflated bytes in pieces of up to 1 MB: inflated whole when small enough (limits.wholePartBytes), else as it inflates. */
  *pieces(entry: ZipEntry): Generator<Uint8Array> {
    const cap = this.limits.wholePartBytes;
    const whole = entry.declaredSize <= cap ? this.whole(entry, cap) : null;
    if (!whole) {
      yield* this.chunks(entry);
      return;
    }
    for (let at = 0; at < whole.length; at += SLICE_BYTES) yield whole.subarray(at, Math.min(whole.length, at + SLICE_BYTES));
  }

  /** The whole part, or null when it inflates to more than `cap` bytes (read it with chunks() then). */
  whole(entry: ZipEntry, cap: number): Uint8Array | null {
    if (this.inflateRaw && entry.method === 8 && !entry.encrypted) {
      let out: Uint8Array | null;
      try {
        out = this.inflateRaw(this.raw(entry), cap);
      } catch (error) {
        if (error instanceof WorkbookError) throw error;
        throw corrupt(this.label, `${entry.name} 解压失败：${(error as Error).message}`);
      }
      if (out) {
        this.budget.add(entry.name, out.length, out.length);
        this.checkCrc(entry, this.crc32(out));
      }
      return out;
    }
    const pieces: Uint8Array[] = [];
    let size = 0;
    for (const piece of this.chunks(entry)) {
      size += piece.length;
      if (size > cap) return null;
      pieces.push(piece);
    }
    return concat(pieces, size);
  }

  /** The part's stored (compressed) bytes, exactly as they are in the file. */
  raw(entry: ZipEntry): Uint8Array {
    const at = entry.localOffset;
    if (at + 30 > this.bytes.length || u32(this.bytes, at) !== LOCAL) throw corrupt(this.label, `${entry.name} 的本地文件头缺失`);
    const start = at + 30 + u16(this.bytes, at + 26) + u16(this.bytes, at + 28);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length) throw corrupt(this.label, `${entry.name} 的数据不完整`);
    return this.bytes.subarray(start, end);
  }
}

export function concat(pieces: readonly Uint8Array[], size: number): Uint8Array {
  if (pieces.length === 1) return pieces[0];
  const whole = new Uint8Array(size);
  let at = 0;
  for (const piece of pieces) {
    whole.set(piece, at);
    at += piece.length;
  }
  return whole;
}

function findEnd(bytes: Uint8Array, label: string): number {
  const stop = Math.max(0, bytes.length - 22 - 65_535);
  for (let at = bytes.length - 22; at >= stop; at -= 1) {
    if (bytes[at] === 0x50 && u32(bytes, at) === EOCD) return at;
  }
  throw new WorkbookError('TRUNCATED_ZIP', `${label} 不完整或已损坏（zip 文件缺少结尾目录，可能未完整下载或复制）`);
}

function readDirectory(bytes: Uint8Array, label: string): ZipEntry[] {
  const end = findEnd(bytes, label);
  let count = u16(bytes, end + 10);
  let size = u32(bytes, end + 12);
  let offset = u32(bytes, end + 16);
  if ((count === 0xffff || size === 0xffffffff || offset === 0xffffffff) && end >= 20 && u32(bytes, end - 20) === ZIP64_LOCATOR) {
    const record = u64(bytes, end - 20 + 8);
    if (record + 56 > bytes.length || u32(bytes, record) !== ZIP64_EOCD) throw corrupt(label, 'zip64 目录缺失');
    count = u64(bytes, record + 32);
    size = u64(bytes, record + 40);
    offset = u64(bytes, record + 48);
  }
  if (offset + size > bytes.length) throw corrupt(label, '中央目录超出文件末尾');
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || u32(bytes, at) !== CENTRAL) throw corrupt(label, '中央目录项缺失');
    const flags = u16(bytes, at + 8);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const entry: ZipEntry = {
      name: utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: u16(bytes, at + 10),
      compressedSize: u32(bytes, at + 20),
      declaredSize: u32(bytes, at + 24),
      localOffset: u32(bytes, at + 42),
      encrypted: (flags & 1) === 1,
      crc: u32(bytes, at + 16),
      time: u16(bytes, at + 12),
      date: u16(bytes, at + 14),
    };
    readZip64Extra(bytes, at + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Sizes and offsets too large for 32 bits are in the zip64 extra field, in this order, when their 32-bit field is all ones. */
function readZip64Extra(bytes: Uint8Array, start: number, length: number, entry: ZipEntry): void {
  if (entry.declaredSize !== 0xffffffff && entry.compressedSize !== 0xffffffff && entry.localOffset !== 0xffffffff) return;
  for (let at = start; at + 4 <= start + length;) {
    const id = u16(bytes, at);
    const size = u16(bytes, at + 2);
    if (id === 1) {
      let field = at + 4;
      if (entry.declaredSize === 0xffffffff) {
        entry.declaredSize = u64(bytes, field);
        field += 8;
      }
      if (entry.compressedSize === 0xffffffff) {
        entry.compressedSize = u64(bytes, field);
        field += 8;
      }
      if (entry.localOffset === 0xffffffff) entry.localOffset = u64(bytes, field);
      return;
    }
    at += 4 + size;
  }
}
