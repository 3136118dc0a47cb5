/**
 * The command's inputs: the thin Node side of the workbook reader (src/workbook), which works on
 * bytes. A FILE argument becomes a WorkbookSource here; everything about what the bytes are is
 * decided by the reader, the same in the command, the offline page and the pane.
 */
import { Stats } from 'fs';
import { readFile, stat } from 'fs/promises';
import { DEFAULT_LIMITS, openWorkbook, WorkbookSource } from '../workbook';
import type { CsvEncoding } from '../workbook';
import { InputError } from './inputError';

/** An input as the --out copy needs it: where it is and what it is. */
export interface RosterSource {
  kind: 'xlsx' | 'csv';
  /** The path as given on the command line: findings carry it as `file`. */
  label: string;
  path: string;
  /** A CSV's encoding and sheet name, for writing its annotated copy. */
  csv?: { encoding: CsvEncoding; sheetName: string };
}

function describeFsError(label: string, error: NodeJS.ErrnoException): InputError {
  switch (error.code) {
    case 'ENOENT':
    case 'ENOTDIR':
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

/** The file's bytes as a WorkbookSource named by the label; throws InputError when it is not a readable regular file. */
export async function loadSource(label: string): Promise<WorkbookSource> {
  let info: Stats;
  try {
    info = await stat(label);
  } catch (error) {
    throw describeFsError(label, error as NodeJS.ErrnoException);
  }
  if (info.isDirectory()) throw new InputError(`${label} 是目录，不是文件`);
  // A FIFO, socket or device is not a roster file (reading a FIFO would wait for a writer forever).
  if (!info.isFile()) throw new InputError(`${label} 不是普通文件（是管道、设备或套接字），请给出花名册文件本身`);
  const size = info.size;
  if (size === 0) throw new InputError(`${label} 是空文件（0 字节）`);
  if (size > DEFAULT_LIMITS.fileBytes) throw new InputError(`${label} 超过 ${DEFAULT_LIMITS.fileBytes / 1024 ** 3} GB，远超任何花名册`);
  try {
    const buffer = await readFile(label);
    return { name: label, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length) };
  } catch (error) {
    throw describeFsError(label, error as NodeJS.ErrnoException);
  }
}

/** What an input is (for --out), from its bytes. */
export function describeSource(source: WorkbookSource): RosterSource {
  const opened = openWorkbook(source);
  return { kind: opened.kind, label: source.name, path: source.name, csv: opened.csv };
}
