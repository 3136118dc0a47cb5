/**
 * The clerk's alternative: the two cross-row checks written by hand as COUNTIFS columns, evaluated by
 * HyperFormula (an Excel-compatible engine; GPL-3.0, a devDependency used only in this benchmark).
 * - shares that differ inside a unit and plan: =COUNTIFS(unit,unit_i,plan,plan_i,shares,"<>"&shares_i)>0
 * - the same ID in another of the exclusive plans 1–3 (plans 4 and 5 may be held beside them):
 *   =AND(OR(plan_i="综合",plan_i="指定疾病",plan_i="农民工"),
 *        COUNTIFS(id,id_i,plan,"<>"&plan_i,plan,"<>团体意外",plan,"<>女职工安康")>0)
 *
 * IDs are entered as text (a leading apostrophe, as in a text-formatted cell) and matched with the
 * clerks' usual workaround id&"*": a plain COUNTIFS criterion of 18 digits is read as a number of 15
 * significant digits and counts different people as one, in Excel and in HyperFormula alike.
 */
import { HyperFormula } from 'hyperformula';

const ID_COLUMN = 4;

/** Columns of the generated roster (see rosterGenerator.ts): B unit, E id, F plan, G shares. */
export function withCountifs(roster: unknown[][]): unknown[][] {
  const last = roster.length; // header in row 1, members in rows 2..last
  const range = (col: string) => `$${col}$2:$${col}$${last}`;
  return roster.map((row, i) => {
    if (i === 0) return [...row, '份数不一致', '跨计划重复'];
    const r = i + 1;
    const cells = row.map((value, c) => (c === ID_COLUMN && typeof value === 'string' ? `'${value}` : value));
    return [
      ...cells,
      `=COUNTIFS(${range('B')},B${r},${range('F')},F${r},${range('G')},"<>"&G${r})>0`,
      `=AND(OR(F${r}="综合",F${r}="指定疾病",F${r}="农民工"),COUNTIFS(${range('E')},E${r}&"*",${range('F')},"<>"&F${r},${range('F')},"<>团体意外",${range('F')},"<>女职工安康")>0)`,
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
