/** CRC-32 with the zip polynomial: the writer records it for each part, the reader checks it. */

/** CRC-32 of `bytes`, continuing from `crc` (a host may lend a native one: Node's zlib.crc32). */
export type Crc32 = (bytes: Uint8Array, crc?: number) => number;

let crcTables: Uint32Array[] | null = null;

/** Eight 256-entry tables for CRC-32 "slicing by 8" (eight bytes per step, several times faster than one). */
function tables(): Uint32Array[] {
  if (crcTables) return crcTables;
  const made = Array.from({ length: 8 }, () => new Uint32Array(256));
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    made[0][n] = c >>> 0;
  }
  for (let n = 0; n < 256; n += 1) for (let t = 1; t < 8; t += 1) made[t][n] = (made[t - 1][n] >>> 8) ^ made[0][made[t - 1][n] & 0xff];
  crcTables = made;
  return made;
}

/** The JavaScript CRC-32 (everywhere; the browser's page and pane use it). */
export const crc32: Crc32 = (bytes, crc = 0) => {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = tables();
  let c = ~crc >>> 0;
  let i = 0;
  const end8 = bytes.length - (bytes.length % 8);
  for (; i < end8; i += 8) {
    const a = (c ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24))) >>> 0;
    c = t7[a & 0xff] ^ t6[(a >>> 8) & 0xff] ^ t5[(a >>> 16) & 0xff] ^ t4[a >>> 24] ^ t3[bytes[i + 4]] ^ t2[bytes[i + 5]] ^ t1[bytes[i + 6]] ^ t0[bytes[i + 7]];
  }
  for (; i < bytes.length; i += 1) c = t0[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
};
