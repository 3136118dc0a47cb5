/**
 * Reading a rectangle of a sheet in blocks of rows, one sync per block, sized for the payload
 * budget: the roster check reads sheets this way, clearing reads the marks sheet this way, and any
 * later reading operation (a claims register, last year's roster) should too.
 */
import type { ExcelContext } from '../door';
import { isPayloadError } from '../door';
import { CellRect, chunkRows, MergedValues, parseAreasAddress } from '../plan';

/** How readBlocks reads a rectangle. */
export interface BlockReading {
  property: 'values' | 'formulas';
  /** Estimated response bytes per cell, to size the blocks. */
  bytesPerCell: number;
  /**
   * Give cells covered by a merged area the area's value. Needs ExcelApi 1.13 (merged areas): an
   * older Excel reads covered cells blank, as Range.values gives them.
   */
  merges?: boolean;
  take: (rows: unknown[][], firstRowIndex: number) => void;
  /** Runs before each block (progress, cancel). */
  before?: () => void;
}

/**
 * Reads a rectangle's values (or formulas) in blocks of rows, one sync per block, sized for the
 * payload budget; a block whose response is still too big is read again as two. With `merges`,
 * the block's merged areas come in the same sync and covered cells get their area's value.
 * Returns the rows per block it ended with.
 */
export async function readBlocks(context: ExcelContext, sheet: Excel.Worksheet, rect: CellRect, reading: BlockReading): Promise<number> {
  let rowsPerRead = chunkRows(rect.columnCount, context.budgetBytes, reading.bytesPerCell);
  const spread = reading.merges && context.supports('1.13') ? new MergedValues(rect.columnIndex, rect.columnCount) : null;
  let offset = 0;
  while (offset < rect.rowCount) {
    reading.before?.();
    const count = Math.min(rowsPerRead, rect.rowCount - offset);
    const block = sheet.getRangeByIndexes(rect.rowIndex + offset, rect.columnIndex, count, rect.columnCount);
    // Literal loads, so that the office-addins lint rules can follow them.
    if (reading.property === 'values') block.load('values');
    else block.load('formulas');
    const merged = spread ? block.getMergedAreasOrNullObject() : null;
    merged?.load('address');
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per block, each block sized for the payload limit
      await context.sync();
    } catch (error) {
      if (isPayloadError(error) && count > 1) {
        rowsPerRead = Math.max(1, Math.floor(count / 2));
        continue;
      }
      throw error;
    }
    const rows = (reading.property === 'values' ? block.values : block.formulas) as unknown[][];
    if (spread && merged) spread.apply(rows, rect.rowIndex + offset, merged.isNullObject ? [] : parseAreasAddress(merged.address));
    reading.take(rows, rect.rowIndex + offset);
    offset += count;
  }
  return rowsPerRead;
}
