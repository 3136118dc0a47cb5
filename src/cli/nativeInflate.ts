/** Node's zlib for the workbook reader: inflate (about three times fflate's speed) and CRC-32 in native code. */
import * as zlib from 'zlib';
import type { Crc32, InflateRaw, ReadOptions } from '../workbook';

export const nativeInflateRaw: InflateRaw = (data, maxBytes) => {
  try {
    const out = zlib.inflateRawSync(data, { maxOutputLength: maxBytes });
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  } catch (error) {
    // More than maxBytes: the reader inflates piece by piece instead, counting against its limits.
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return null;
    throw error;
  }
};

/**
 * zlib.crc32 (Node 20.15 and later; before that the reader's JavaScript one is used). Given the empty
 * array TextEncoder makes for "", it answers 0 whatever the value to continue from (Node 20.20), so
 * no bytes leave the value as it is here.
 */
export const nativeCrc32: Crc32 | undefined =
  typeof zlib.crc32 === 'function' ? (bytes, crc = 0) => (bytes.length === 0 ? crc : zlib.crc32(bytes, crc)) : undefined;

/** The reader options that lend it both. */
export const NATIVE_ZIP: Pick<ReadOptions, 'inflateRaw' | 'crc32'> = { inflateRaw: nativeInflateRaw, crc32: nativeCrc32 };
