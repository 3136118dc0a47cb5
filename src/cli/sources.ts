/**
 * The command's inputs: each FILE becomes a source that feeds its sheets to the roster checker.
 * What a file is, is decided by its first bytes, not only its name: a zip is an .xlsx, an OLE
 * compound file is an encrypted workbook or an old .xls, text named .csv is a CSV.
 */
import { open, stat } from 'fs/promises';
import { basename, extname } from 'path';
import { CsvEncoding, detectCsvEncoding, readCsvInto } from './csvReader';
import { InputError } from './inputError';
import { SheetInfo, WorkbookVisitor, XlsxWorkbook } from './xlsxReader';

export interface RosterSource {
  kind: 'xlsx' | 'csv';
  /** The path as given on the command line: findings carry it as `file`. */
  label: string;
  path: string;
  /** Work units for the progress bar (inflated sheet bytes, or file bytes for a CSV). */
  totalBytes: number;
  read(visitor: WorkbookVisitor): Promise<void>;
  /** A CSV's encoding and sheet name, for writing its annotated copy. */
  csv?: { encoding: CsvEncoding; sheetName: string };
}

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_SIGNATURES = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];
const ZIP_END_SIGNATURE = Buffer.from('PK\x05\x06', 'latin1');
/** The end-of-central-directory record is 22 bytes plus a comment of at most 65,535. */
const ZIP_END_SEARCH = 22 + 65_535;

/** A sheet name Excel accepts, from a CSV file's name: "2026花名册.csv" → "2026花名册". */
export function sheetNameForCsv(path: string): string {
  const stem = basename(path, extname(path))
    .replace(/[\\/?*[\]:]/g, '_')
    .replace(/^'+|'+$/g, '')
    .slice(0, 31)
    .trim();
  return stem === '' || stem.toLowerCase() === 'history' ? '花名册' : stem;
}

async function readRange(path: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function describeFsError(label: string, error: NodeJS.ErrnoException): InputError {
  switch (error.code) {
    case 'ENOENT':
      return new InputError(`找不到文件 ${label}`);
    case 'EACCES':
    case 'EPERM':
      return new InputError(`没有权限读取 ${label}`);
    case 'EISDIR':
      return new InputError(`${label} 是目录，不是文件`);
    default:
      return new InputError(`无法读取 ${label}：${error.message}`);
  }
}

/** Opens a FILE argument as a roster source, or throws InputError with the reason. */
export async function openSource(label: string): Promise<RosterSource> {
  const path = label;
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    size = info.size;
  } catch (error) {
    throw describeFsError(label, error as NodeJS.ErrnoException);
  }
  if (size === 0) throw new InputError(`${label} 是空文件（0 字节）`);

  let head: Buffer;
  try {
    head = await readRange(path, 0, 8);
  } catch (error) {
    throw describeFsError(label, error as NodeJS.ErrnoException);
  }
  const extension = extname(path).toLowerCase();

  if (head.subarray(0, 8).equals(OLE_SIGNATURE)) {
    throw new InputError(
      `${label} 是加密（设了打开密码）的 Excel 文件或旧版 .xls 文件，无法读取：请在 Excel 中取消密码，或另存为 .xlsx 后再检查`,
    );
  }
  if (ZIP_SIGNATURES.some((signature) => head.subarray(0, 4).equals(signature))) {
    const tail = await readRange(path, Math.max(0, size - ZIP_END_SEARCH), Math.min(size, ZIP_END_SEARCH));
    if (tail.lastIndexOf(ZIP_END_SIGNATURE) < 0) throw new InputError(`${label} 不完整或已损坏（zip 文件缺少结尾目录，可能未完整下载或复制）`);
    let workbook: XlsxWorkbook;
    try {
      workbook = await XlsxWorkbook.open(path, label);
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(`${label} 已损坏，无法读取工作簿结构：${(error as Error).message}`);
    }
    return {
      kind: 'xlsx',
      label,
      path,
      totalBytes: workbook.totalBytes,
      read: (visitor) => workbook.read(visitor),
    };
  }
  if (extension === '.csv' || extension === '.tsv') {
    let encoding: CsvEncoding;
    try {
      encoding = await detectCsvEncoding(path, label);
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw describeFsError(label, error as NodeJS.ErrnoException);
    }
    const sheet: SheetInfo = { name: sheetNameForCsv(path), state: 'visible' };
    return {
      kind: 'csv',
      label,
      path,
      totalBytes: size,
      csv: { encoding, sheetName: sheet.name },
      read: (visitor) => readCsvInto(path, encoding, visitor.beginSheet(sheet), visitor.onBytes),
    };
  }
  if (extension === '.xlsx' || extension === '.xlsm' || extension === '.xltx') {
    throw new InputError(`${label} 不是有效的 .xlsx 工作簿（文件内容不是 zip 格式，可能是改了扩展名的其他文件）`);
  }
  throw new InputError(`${label} 的格式不受支持：请提供 .xlsx 工作簿或 .csv 文件`);
}
