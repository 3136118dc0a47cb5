/**
 * The clerk's alternative: the two cross-row checks written by hand as COUNTIFS columns, evaluated by
 * HyperFormula (an Excel-compatible engine; GPL-3.0, a devDependency used only in this benchmark).
 * - shares that differ inside a unit and plan: =COUNTIFS(unit,unit_i,plan,plan_i,shares,"<>"&shares_i)>0
 * - the same ID in another plan:              =COUNTIFS(id,id_i,plan,"<>"&plan_i)>0
 */
import { HyperFormula } from 'hyperformula';

/** Columns of the generated roster (see rosterGenerator.ts): B unit, E id, F plan, G shares. */
export function withCountifs(roster: unknown[][]): unknown[][] {
  const last = roster.length; // header in row 1, members in rows 2..last
  const range = (col: string) => `$${col}$2:$${col}$${last}`;
  return roster.map((row, i) => {
    if (i === 0) return [...row, '份数不一致', '跨计划重复'];
    const r = i + 1;
    return [
      ...row,
      `=COUNTIFS(${range('B')},B${r},${range('F')},F${r},${range('G')},"<>"&G${r})>0`,
      `=COUNTIFS(${range('E')},E${r},${range('F')},"<>"&F${r})>0`,
    ];
  });
}

/** Builds the sheet and evaluates every formula; returns how many rows were flagged. */
export function evaluateCountifs(sheet: unknown[][]): number {
  const hf = HyperFormula.buildFromArray(sheet as never, { licenseKey: 'gpl-v3' });
  const width = sheet[0].length;
  let flagged = 0;
  for (let row = 1; row < sheet.length; row += 1) {
    if (hf.getCellValue({ sheet: 0, row, col: width - 2 }) === true || hf.getCellValue({ sheet: 0, row, col: width - 1 }) === true) flagged += 1;
  }
  hf.destroy();
  return flagged;
}
