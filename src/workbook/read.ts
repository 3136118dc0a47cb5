/**
 * readWorkbook: one entry for every face (the command, the offline page, the pane's file pick).
 * What a file is, is decided by its first bytes, not only its name: a zip is an .xlsx, an OLE
 * compound file is an encrypted workbook or an old .xls, text named .csv or .tsv is a CSV.
 */
import { CsvEncoding, decodeCsv, detectCsvEncoding, readCsvText, sheetNameForCsv } from './csv';
import { WorkbookError } from './errors';
import { showBytes, WorkbookLimits, withDefaults } from './limits';
import { SheetInfo, WorkbookSource, WorkbookVisitor } from './types';
import { Crc32 } from './crc32';
import { XlsxWorkbook } from './xlsx';
import { InflateBudget, InflateRaw, ZipPackage } from './zipPackage';

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}

/** An opened source: what kind it is and how much work reading it is. */
export interface OpenedWorkbook {
  kind: 'xlsx' | 'csv';
  /** Work units for a progress bar: declared inflated sheet bytes, or the CSV's bytes. */
  totalBytes: number;
  /** A CSV's encoding and the sheet name it is read under. */
  csv?: { encoding: CsvEncoding; sheetName: string };
  read(visitor: WorkbookVisitor): Promise<void>;
}

export interface ReadOptions {
  /** Lower limits than the defaults (tests). */
  limits?: Partial<WorkbookLimits>;
  /** The host's native inflate (Node's zlib); fflate's otherwise. */
  inflateRaw?: InflateRaw;
  /** The host's native CRC-32 for checking each part read (Node's zlib); a JavaScript one otherwise. */
  crc32?: Crc32;
}

/** Opens a source (reads the zip directory and the workbook part, or detects a CSV's encoding); throws WorkbookError. */
export function openWorkbook(source: WorkbookSource, options: ReadOptions = {}): OpenedWorkbook {
  const all = withDefaults(options.limits);
  const { name: label, bytes } = source;
  if (bytes.length === 0) throw new WorkbookError('EMPTY', `${label} 是空文件（0 字节）`);
  if (bytes.length > all.fileBytes) throw new WorkbookError('TOO_LARGE', `${label} 超过 ${showBytes(all.fileBytes)}，远超任何花名册`);
  if (startsWith(bytes, OLE_SIGNATURE)) {
    throw new WorkbookError(
      'ENCRYPTED_OR_XLS',
      `${label} 是加密（设了打开密码）的 Excel 文件或旧版 .xls 文件，无法读取：请在 Excel 中取消密码，或另存为 .xlsx 后再检查`,
    );
  }
  const extension = extensionOf(label);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6)) {
    const zip = new ZipPackage(bytes, label, new InflateBudget(label, all), options.inflateRaw, options.crc32);
    const workbook = XlsxWorkbook.open(zip, label, all);
    return { kind: 'xlsx', totalBytes: workbook.declaredBytes, read: (visitor) => workbook.read(visitor) };
  }
  if (extension === '.csv' || extension === '.tsv') {
    const encoding = detectCsvEncoding(bytes, label);
    const sheet: SheetInfo = { name: sheetNameForCsv(label), state: 'visible', date1904: false };
    return {
      kind: 'csv',
      totalBytes: bytes.length,
      csv: { encoding, sheetName: sheet.name },
      read: async (visitor) => {
        const sink = visitor.beginSheet(sheet);
        readCsvText(decodeCsv(bytes, encoding), label, (values, rowNumber) => {
          if (rowNumber > all.rows) throw new WorkbookError('TOO_MANY_ROWS', `${label} 超过 Excel 的上限 ${all.rows} 行`);
          if (values.length > all.columns)
            throw new WorkbookError('TOO_MANY_COLUMNS', `${label} 第 ${rowNumber} 条记录有 ${values.length} 列，超过 Excel 的上限 ${all.columns} 列`);
          sink.addRow(values, rowNumber);
        });
        visitor.onBytes?.(bytes.length);
        sink.end();
      },
    };
  }
  if (extension === '.xlsb') throw new WorkbookError('XLSB', `${label} 不是有效的 .xlsb 文件；本工具只读 .xlsx：请在 Excel 中另存为 .xlsx 后再检查`);
  if (extension === '.xlsx' || extension === '.xlsm' || extension === '.xltx') {
    throw new WorkbookError('NOT_ZIP', `${label} 不是有效的 .xlsx 工作簿（文件内容不是 zip 格式，可能是改了扩展名的其他文件）`);
  }
  throw new WorkbookError('UNSUPPORTED_FORMAT', `${label} 的格式不受支持：请提供 .xlsx 工作簿或 .csv 文件`);
}

/** Reads a source's sheets into the visitor; throws WorkbookError when the file cannot be read. */
export async function readWorkbook(source: WorkbookSource, visitor: WorkbookVisitor, options?: ReadOptions): Promise<void> {
  await openWorkbook(source, options).read(visitor);
}
