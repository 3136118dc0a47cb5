/**
 * The raw floor for reading an .xlsx: inflate its worksheet and shared-string parts with Node's
 * zlib (native code) and look at each inflated byte once. No XML is parsed, nothing is checked:
 * no reader of the file can be faster. `node rawFloor.js FILE` prints the bytes seen.
 */
import { readFileSync } from 'fs';
import { inflateRawSync } from 'zlib';

function u16(b: Buffer, at: number): number {
  return b.readUInt16LE(at);
}

function main(): void {
  const bytes = readFileSync(process.argv[2]);
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end -= 1;
  const count = u16(bytes, end + 10);
  let at = bytes.readUInt32LE(end + 16);
  let seen = 0;
  let sum = 0;
  for (let i = 0; i < count; i += 1) {
    const nameLength = u16(bytes, at + 28);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    const method = u16(bytes, at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const local = bytes.readUInt32LE(at + 42);
    if (/^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/i.test(name)) {
      const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
      const data = bytes.subarray(start, start + size);
      const inflated = method === 8 ? inflateRawSync(data) : data;
      for (let k = 0; k < inflated.length; k += 1) sum = (sum + inflated[k]) | 0;
      seen += inflated.length;
    }
    at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  process.stdout.write(`${seen} ${sum}\n`);
}

main();
