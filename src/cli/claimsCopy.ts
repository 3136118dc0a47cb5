/**
 * The --out copy of a claims register: the register's package patched by the workbook writer
 * (src/workbook/annotate) with the computed columns filled (应付金额, 计算说明, 应付日期, 状态) and the
 * findings' cells marked and noted. The input is never written; the copy goes to a temporary file
 * first and is renamed into place.
 */
import { mkdir, rename, unlink, writeFile } from 'fs/promises';
import { basename, dirname, join } from 'path';
import { ClaimsReport, computedCells } from '../rules/claims';
import { annotateCells, CellWrite } from '../workbook/annotate';
import { physicalPath, sameFile, statOrNull } from './check';
import { InputError } from './inputError';
import { WorkbookSource } from '../workbook';
import { ZLIB } from './annotate';
import { describeSource } from './sources';

/** The engine's computed cells as the writer's cell values. */
export function claimsCellWrites(report: ClaimsReport): CellWrite[] {
  return computedCells(report).map((cell) => ({
    sheet: cell.sheet,
    row: cell.row,
    column: cell.column,
    kind: cell.kind === 'amount' ? 'number' : cell.kind === 'date' ? 'date' : 'text',
    value: cell.value,
  }));
}

/** Refuses an output that is one of the inputs (however spelled) or that exists without --force. */
export async function checkOutput(path: string, inputs: readonly string[], force: boolean): Promise<void> {
  const physical = await physicalPath(path);
  const existing = await statOrNull(path);
  for (const input of inputs) {
    const info = await statOrNull(input);
    if ((await physicalPath(input)) === physical || (existing && info && sameFile(existing, info))) {
      throw new InputError(`副本 ${path} 会覆盖输入文件 ${input}，请换一个 --out 目录`);
    }
  }
  if (existing && !force) throw new InputError(`${path} 已存在；如要覆盖，请加 --force`);
}

/** Writes the copy of the register (its bytes as read) to `path`; `inputs` are every file the run read. */
export async function writeClaimsCopy(register: WorkbookSource, inputs: readonly string[], report: ClaimsReport, path: string, force: boolean): Promise<void> {
  await checkOutput(path, inputs, force);
  const { csv } = describeSource(register);
  let copy: Uint8Array;
  try {
    copy = annotateCells(register, report.findings, claimsCellWrites(report), { csv, codec: ZLIB });
  } catch (error) {
    throw new InputError(`无法写出副本：${(error as Error).message}`);
  }
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (error) {
    throw new InputError(`无法创建输出目录 ${dirname(path)}：${(error as Error).message}`);
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(temp, copy);
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new InputError(`无法写出副本 ${path}：${(error as Error).message}`);
  }
}
