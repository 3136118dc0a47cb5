/**
 * The roster engine: sheets of cell values in, findings and a summary out.
 *
 * Rows can be fed one at a time (RosterChecker), so that the command streams a 200,000-row workbook
 * without holding its cells: each row is checked on its own at once and leaves a compact record for
 * the rules that compare rows (conflicts, duplicates, uniform shares, caps), which run at finish().
 * All sheets (and files) fed to one checker are one roster for the person-level rules.
 */
import { EFFECTIVE_DATE_YEARS, MIN_WORKING_AGE, Plan } from '../catalogue';
import { DATE1904_OFFSET_DAYS, isoFromJsDate, isoFromSerial, isoFromYmd, parseDate, toHalfWidth, YearMonthDay, ymdFromSerial } from '../dates';
import { canonicalId18, parseIdNumber } from '../idNumber';
import { findPlan, plansConflict } from '../plans';
import { serviceAgeStatus } from '../retirement';
import { maxSharesFor } from '../shares';
import { isBlank, isUncalculatedFormula, parseWholeNumber, showValue } from '../values';
import { Field, HEADER_SEARCH_ROWS, REQUIRED_FIELDS, standardHeader } from './columns';
import { detectHeader, expectedHeadersText, HeaderLayout } from './header';
import { columnLetters } from './location';
import { compareYears, PreviousRoster, previousSharesMismatch } from '../renewal/previous';
import { summarise } from './summary';
import { isRegisterHeader, REGISTER_SHEET_REASON } from '../claims/columns';
import { Finding, RosterRecord, RosterReport, RULE_SEVERITY, RuleId, SheetInput, SkippedSheet } from './types';

/** What the cross-row rules need to know of one person row. */
export interface RowRecord {
  sheet: SheetState;
  row: number;
  unit: string;
  /** Normalised ID when valid, else null (person-level rules skip the row). */
  id: string | null;
  plan: Plan | null;
  /** Valid whole shares ≥ 1, else null. */
  shares: number | null;
  /** The 上年份数 typed in the row; null when blank or not a whole number ≥ 0. */
  previousShares: number | null;
  funding: string | null;
  /** The 姓名 cell as text (trimmed). */
  name: string;
  /** The valid effective date (serial), else null. */
  effective: number | null;
  /** The row's cells by field, kept only when the checker was asked to (next year's roster). */
  cells?: Partial<Record<Field, unknown>>;
}

export interface CheckerOptions {
  /** Last year's roster: enables PREVIOUS_SHARES_MISMATCH, the real renewal caps and summary.renewal. */
  previous?: PreviousRoster;
  /** Keep each person row's cells on its record (for building next year's roster). */
  keepCells?: boolean;
}

export interface SheetState {
  index: number;
  name: string;
  file?: string;
  firstColumn: number;
  /** Numbers in the effective-date column are serials of the 1904 date system. */
  date1904: boolean;
  layout: HeaderLayout | null;
  headerRow: number;
  rows: number;
  /** The plan a sheet named after a plan stands for, when it has no plan column. */
  sheetPlan: Plan | null;
}

const TOTAL_ROW_WORDS = new Set(['合计', '总计', '小计', '共计', '总合计']);
/** The required columns make a row a person's: a blank one is MISSING_FIELD; all blank, not a person row. */
const PERSON_FIELDS = REQUIRED_FIELDS;

/** A character every total word has (计): a cell without it is passed over at once (this runs on every cell). */
const TOTAL_WORD_MARK = [...[...TOTAL_ROW_WORDS][0]].find((ch) => [...TOTAL_ROW_WORDS].every((word) => word.includes(ch))) ?? '';

/** A 合计 (total) row under the roster is not a person. */
function isTotalLabel(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 8 || !value.includes(TOTAL_WORD_MARK)) return false;
  return TOTAL_ROW_WORDS.has(value) || (/\s/.test(value) && TOTAL_ROW_WORDS.has(value.replace(/\s+/g, '')));
}
const SEX_WORDS: Record<string, 'M' | 'F'> = { 男: 'M', 男性: 'M', m: 'M', male: 'M', 女: 'F', 女性: 'F', f: 'F', female: 'F' };

function cellText(value: unknown): string {
  if (typeof value === 'string') return toHalfWidth(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return isoFromJsDate(value);
  return '';
}

function sexOf(value: unknown): 'M' | 'F' | null {
  if (typeof value === 'string' && Object.prototype.hasOwnProperty.call(SEX_WORDS, value)) return SEX_WORDS[value]; // 男, 女: the usual case
  return SEX_WORDS[cellText(value).replace(/\s+/g, '').toLowerCase()] ?? null;
}

const SEX_NAMES = { M: '男', F: '女' } as const;

export class RosterChecker {
  private readonly sheets: SheetState[] = [];
  private readonly records: RowRecord[] = [];
  /** Findings with their sheet and column numbers, for sorting. */
  private readonly found: { finding: Finding; sheet: number; column: number }[] = [];
  private readonly skipped: SkippedSheet[] = [];
  private fundingColumnSeen = false;
  private finished: RosterReport | null = null;

  constructor(private readonly options: CheckerOptions = {}) {}

  /** @internal whether person rows keep their cells */
  get keepsCells(): boolean {
    return this.options.keepCells ?? false;
  }

  /** Starts a sheet; feed its rows with the returned session's addRow, then call end(). */
  beginSheet(name: string, options: { file?: string; firstColumn?: number; date1904?: boolean } = {}): SheetSession {
    const state: SheetState = {
      index: this.sheets.length,
      name,
      file: options.file,
      firstColumn: options.firstColumn ?? 1,
      date1904: options.date1904 ?? false,
      layout: null,
      headerRow: 0,
      rows: 0,
      sheetPlan: findPlan(name),
    };
    this.sheets.push(state);
    return new SheetSession(this, state);
  }

  /**
   * Passes a sheet over without reading it, with the reason (a hidden sheet): it is listed in
   * summary.skipped, so the pane and the command report the same sheets.
   */
  skipSheet(name: string, reason: string, options: { file?: string } = {}): void {
    this.skipped.push(options.file === undefined ? { sheet: name, reason } : { file: options.file, sheet: name, reason });
  }

  /** Checks whole sheets given as arrays. */
  addSheet(sheet: SheetInput): void {
    const session = this.beginSheet(sheet.name, { file: sheet.file, firstColumn: sheet.firstColumn, date1904: sheet.date1904 });
    const firstRow = sheet.firstRow ?? 1;
    sheet.rows.forEach((row, i) => session.addRow(row, firstRow + i));
    session.end();
  }

  /**
   * The person rows read so far as plain records (valid values only): what the claims register is
   * joined to. Call after the sheets are fed.
   */
  rosterRecords(): RosterRecord[] {
    return this.records.map((record) => ({
      ...(record.sheet.file === undefined ? {} : { file: record.sheet.file }),
      sheet: record.sheet.name,
      row: record.row,
      unit: record.unit,
      id: record.id,
      plan: record.plan,
      shares: record.shares,
      previousShares: record.previousShares ?? 0,
      effective: record.effective,
    }));
  }

  /** Runs the cross-row rules once and returns the report; later calls return the same report. */
  finish(): RosterReport {
    if (this.finished) return this.finished;
    const previous = this.options.previous;
    if (previous) this.checkPreviousShares(previous);
    this.checkGroups();
    this.checkPeople();
    const findings = this.found.sort(compareFound).map((entry) => entry.finding);
    const summary = summarise(this.records, this.sheets, this.skipped, findings, this.fundingColumnSeen);
    if (previous) summary.renewal = compareYears(this.records, previous, summary.premiumTotal);
    this.finished = { findings, summary };
    return this.finished;
  }

  /** The person rows read so far (after finish(): all of them), in roster order. */
  personRows(): readonly RowRecord[] {
    return this.records;
  }

  /** PREVIOUS_SHARES_MISMATCH: a typed 上年份数 that last year's roster does not bear out. */
  private checkPreviousShares(previous: PreviousRoster): void {
    for (const record of this.records) {
      if (record.previousShares === null || !record.id || !record.plan) continue;
      const message = previousSharesMismatch(record.previousShares, record.plan, previous.find(record.id, record.plan.number));
      if (message) this.report(record.sheet, record.row, 'previousShares', 'PREVIOUS_SHARES_MISMATCH', message);
    }
  }

  /**
   * The count a renewing member may keep: with last year's roster, last year's real count for this
   * person and plan (0 when absent: a new member); without it, the 上年份数 typed in the row.
   */
  private renewalCount(record: RowRecord): number {
    const previous = this.options.previous;
    if (previous && record.id && record.plan) return previous.find(record.id, record.plan.number)?.shares ?? 0;
    return record.previousShares ?? 0;
  }

  /** @internal used by SheetSession */
  report(sheet: SheetState, row: number, field: Field | null, rule: RuleId, message: string): void {
    const columnIndex = field === null ? undefined : sheet.layout?.columns.get(field);
    const finding: Finding = {
      sheet: sheet.name,
      row,
      column: columnIndex === undefined ? null : (sheet.layout?.texts.get(field as Field) ?? null),
      cell: columnIndex === undefined ? null : `${columnLetters(sheet.firstColumn + columnIndex)}${row}`,
      rule,
      severity: RULE_SEVERITY[rule],
      message,
    };
    if (sheet.file !== undefined) finding.file = sheet.file;
    this.found.push({ finding, sheet: sheet.index, column: columnIndex ?? -1 });
  }

  /** @internal */
  skip(sheet: SheetState, reason: string): void {
    this.skipSheet(sheet.name, reason, { file: sheet.file });
  }

  /** @internal */
  record(record: RowRecord): void {
    this.records.push(record);
  }

  /** @internal */
  noteFundingColumn(): void {
    this.fundingColumnSeen = true;
  }

  /** Share rules that compare the rows of one unit in one plan. */
  private checkGroups(): void {
    // Unit, then plan number: no key string is built per row.
    const groups = new Map<string, Map<number, RowRecord[]>>();
    for (const record of this.records) {
      if (!record.plan || record.shares === null) continue;
      let plans = groups.get(record.unit);
      if (!plans) groups.set(record.unit, (plans = new Map()));
      const group = plans.get(record.plan.number);
      if (group) group.push(record);
      else plans.set(record.plan.number, [record]);
    }
    for (const group of [...groups.values()].flatMap((plans) => [...plans.values()])) {
      const plan = group[0].plan as Plan;
      const counts = new Map<number, number>();
      for (const record of group) counts.set(record.shares as number, (counts.get(record.shares as number) ?? 0) + 1);
      const uniform = counts.size === 1;
      if (!uniform && plan.shares.uniformRequired) this.reportNotUniform(group, counts);
      for (const record of group) {
        const kept = this.renewalCount(record);
        const cap = maxSharesFor(plan, uniform, kept);
        if ((record.shares as number) > cap) this.reportOverMax(record, plan, uniform, cap, kept);
      }
    }
  }

  private reportNotUniform(group: RowRecord[], counts: Map<number, number>): void {
    let highest = 0;
    for (const n of counts.values()) highest = Math.max(highest, n);
    const modes = [...counts].filter(([, n]) => n === highest).map(([shares]) => shares);
    const plan = group[0].plan as Plan;
    const countsText = sharesCountsText(counts);
    const expected = modes.length === 1 ? `应与本单位多数人一致为${modes[0]}份` : '本单位各份数人数相同，无法判断应为几份';
    for (const record of group) {
      if (modes.length === 1 && record.shares === modes[0]) continue;
      this.report(
        record.sheet,
        record.row,
        'shares',
        'SHARES_NOT_UNIFORM',
        `${plan.shortName}要求同一单位每人份数一致；"${record.unit}"中为 ${countsText}，此行 ${record.shares} 份，${expected}`,
      );
    }
  }

  private reportOverMax(record: RowRecord, plan: Plan, uniform: boolean, cap: number, kept: number): void {
    const why =
      !uniform && cap < plan.shares.maxShares
        ? `"${record.unit}"的${plan.shortName}份数不一致，每人最多 ${cap} 份（续保人员可按上年份数${kept > 0 ? ` ${kept} 份` : ''}续保）`
        : `${plan.shortName}每人最多 ${cap} 份`;
    this.report(record.sheet, record.row, 'shares', 'SHARES_OVER_MAX', `${record.shares} 份超过上限：${why}`);
  }

  /** Person-level rules over every sheet: conflicting plans and enrolling twice in one plan. */
  private checkPeople(): void {
    // Most people have one row: that row itself stands in the map, and an array only for two or more.
    const byPerson = new Map<string, RowRecord | RowRecord[]>();
    for (const record of this.records) {
      if (!record.id || !record.plan) continue;
      const rows = byPerson.get(record.id);
      if (rows === undefined) byPerson.set(record.id, record);
      else if (Array.isArray(rows)) rows.push(record);
      else byPerson.set(record.id, [rows, record]);
    }
    for (const rows of byPerson.values()) {
      if (!Array.isArray(rows)) continue;
      this.reportDuplicates(rows);
      this.reportConflicts(rows);
    }
  }

  private reportDuplicates(rows: RowRecord[]): void {
    const firstByPlan = new Map<number, RowRecord>();
    for (const record of rows) {
      const plan = record.plan as Plan;
      const first = firstByPlan.get(plan.number);
      if (!first) {
        firstByPlan.set(plan.number, record);
        continue;
      }
      this.report(record.sheet, record.row, 'id', 'DUPLICATE_ENROLLMENT', `此人已在${where(first, record)}参加${plan.shortName}，同一计划重复参保`);
    }
  }

  /**
   * Each row whose plan excludes another plan of the same person is reported once, naming those
   * rows. Linear in the person's rows: they are bucketed by plan once (the first NAMED_ROWS of each
   * kept, in roster order), and a message names the first NAMED_ROWS conflicting rows and counts the rest.
   */
  private reportConflicts(rows: RowRecord[]): void {
    const byPlan = new Map<number, PlanRows>();
    rows.forEach((record, order) => {
      const plan = record.plan as Plan;
      let planRows = byPlan.get(plan.number);
      if (!planRows) byPlan.set(plan.number, (planRows = { plan, first: [], count: 0 }));
      if (planRows.first.length < NAMED_ROWS) planRows.first.push(order);
      planRows.count += 1;
    });
    if (byPlan.size < 2) return;
    for (const record of rows) {
      const plan = record.plan as Plan;
      const named: number[] = [];
      let total = 0;
      for (const other of byPlan.values()) {
        if (!plansConflict(plan, other.plan)) continue;
        named.push(...other.first);
        total += other.count;
      }
      if (total === 0) continue;
      named.sort((a, b) => a - b);
      const text = namedRows(
        named.slice(0, NAMED_ROWS).map((order) => `${(rows[order].plan as Plan).shortName}（${where(rows[order], record)}）`),
        total,
      );
      this.report(record.sheet, record.row, 'plan', 'PLAN_CONFLICT', `此人参加${plan.shortName}，又参加${text}；两者不能同时参保`);
    }
  }
}

/** How many other rows a cross-row message names; the rest are counted, so a message stays short. */
export const NAMED_ROWS = 3;

/** How many share counts a SHARES_NOT_UNIFORM message lists: the most common ones. */
const NAMED_SHARE_COUNTS = 5;

/** "2份3人、3份1人" in share order; past NAMED_SHARE_COUNTS counts, the most common ones and "等8种份数". */
function sharesCountsText(counts: Map<number, number>): string {
  const entries = [...counts];
  const shown = entries.length <= NAMED_SHARE_COUNTS ? entries : entries.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, NAMED_SHARE_COUNTS);
  const text = shown
    .sort((a, b) => a[0] - b[0])
    .map(([shares, n]) => `${shares}份${n}人`)
    .join('、');
  return entries.length > shown.length ? `${text}等${entries.length}种份数` : text;
}

/** A person's rows in one plan: the first NAMED_ROWS (as positions in roster order) and how many. */
interface PlanRows {
  plan: Plan;
  first: number[];
  count: number;
}

/** "综合（第2行）、指定疾病（第3行）", with "…等12行" when more rows than those named stand behind it. */
function namedRows(names: readonly string[], total: number): string {
  return total > names.length ? `${names.join('、')}…等${total}行` : names.join('、');
}

/** Sheet order (as fed), then row, then column, then rule. */
function compareFound(a: { finding: Finding; sheet: number; column: number }, b: { finding: Finding; sheet: number; column: number }): number {
  if (a.sheet !== b.sheet) return a.sheet - b.sheet;
  if (a.finding.row !== b.finding.row) return a.finding.row - b.finding.row;
  if (a.column !== b.column) return a.column - b.column;
  return a.finding.rule < b.finding.rule ? -1 : a.finding.rule > b.finding.rule ? 1 : 0;
}

/** "第12行" within the same sheet, "花名册2!第12行" in another, with the file when it differs. */
function where(target: RowRecord, from: RowRecord): string {
  const sameFile = target.sheet.file === from.sheet.file;
  const sheet = target.sheet === from.sheet ? '' : `${target.sheet.name}!`;
  const file = sameFile || target.sheet.file === undefined ? '' : `${target.sheet.file} `;
  return `${file}${sheet}第${target.row}行`;
}

/** Feeds one sheet's rows to the checker: header detection first, then each person row. */
export class SheetSession {
  private searched = 0;
  private lastUnit: string | null = null;
  /** Field → column index, copied from the header layout for the per-cell hot path. */
  private columnIndex: Partial<Record<Field, number>> = {};
  private ended = false;
  /** Columns of the row being checked whose formula has no saved value (see reportUncalculated). */
  private uncalculated: Set<Field> | null = null;
  /** The sheet's header is a claims register's. */
  private register = false;

  constructor(
    private readonly checker: RosterChecker,
    private readonly state: SheetState,
  ) {}

  addRow(row: readonly unknown[], rowNumber: number): void {
    if (this.state.layout) {
      this.checkRow(row, rowNumber);
      return;
    }
    // Before the header: title rows are passed over; the first row naming enough columns is the header.
    if (this.searched >= HEADER_SEARCH_ROWS || row.every(isBlank)) return;
    this.searched += 1;
    if (isRegisterHeader(row)) {
      this.searched = HEADER_SEARCH_ROWS; // a claims register, not a roster: read no further
      this.register = true;
      return;
    }
    const layout = detectHeader(row);
    if (layout) this.useHeader(layout, rowNumber);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (!this.state.layout) {
      const why = this.register
        ? REGISTER_SHEET_REASON
        : this.searched === 0
          ? '工作表为空'
          : `前 ${HEADER_SEARCH_ROWS} 行中找不到花名册表头（需含 ${expectedHeadersText()} 等列）`;
      this.checker.skip(this.state, why);
      return;
    }
    if (this.state.layout.columns.has('funding')) this.checker.noteFundingColumn();
  }

  private useHeader(layout: HeaderLayout, rowNumber: number): void {
    this.state.layout = layout;
    this.state.headerRow = rowNumber;
    this.columnIndex = Object.fromEntries(layout.columns);
    this.reportMissingColumns();
  }

  private reportMissingColumns(): void {
    const columns = (this.state.layout as HeaderLayout).columns;
    for (const field of PERSON_FIELDS) {
      if (columns.has(field) || (field === 'plan' && this.state.sheetPlan)) continue;
      this.checker.report(this.state, this.state.headerRow, null, 'MISSING_FIELD', `表头缺少"${standardHeader(field)}"列，此表各行无法检查该项`);
    }
  }

  private cell(row: readonly unknown[], field: Field): unknown {
    const index = this.columnIndex[field];
    return index === undefined ? undefined : row[index];
  }

  private hasColumn(field: Field): boolean {
    return this.columnIndex[field] !== undefined;
  }

  private isPersonRow(row: readonly unknown[]): boolean {
    if (row.some(isTotalLabel)) return false;
    return PERSON_FIELDS.some((field) => !isBlank(this.cell(row, field)));
  }

  private checkRow(row: readonly unknown[], rowNumber: number): void {
    const person = this.isPersonRow(row);
    if (row.some(isUncalculatedFormula)) row = this.reportUncalculated(row, rowNumber, person);
    if (!person) {
      if (!row.some(isTotalLabel)) this.unitOf(row); // a heading row naming the unit of the rows below
      return;
    }
    this.state.rows += 1;
    const uncalculated = this.uncalculated;
    this.uncalculated = null;
    const report = (field: Field | null, rule: RuleId, message: string) => this.checker.report(this.state, rowNumber, field, rule, message);

    for (const field of PERSON_FIELDS) {
      if (this.hasColumn(field) && isBlank(this.cell(row, field)) && !uncalculated?.has(field)) report(field, 'MISSING_FIELD', `${standardHeader(field)}为空`);
    }

    const id = this.readId(row, report);
    const plan = this.readPlan(row, report);
    const shares = this.readShares(row, 'shares', report);
    const previousShares = this.readPreviousShares(row, report);
    const sexCell = sexOf(this.cell(row, 'sex'));
    const sex = id?.sex ?? sexCell;

    if (id && sexCell && sexCell !== id.sex) {
      report('sex', 'GENDER_MISMATCH', `性别填"${SEX_NAMES[sexCell]}"，身份证号显示为${SEX_NAMES[id.sex]}`);
    }
    if (plan?.onlySex && sex && sex !== plan.onlySex) {
      report('plan', 'PLAN_GENDER', `${plan.shortName}仅限${SEX_NAMES[plan.onlySex]}职工参加，此人为${SEX_NAMES[sex]}${id ? '（据身份证号）' : ''}`);
    }
    const effective = this.readEffectiveDate(row, report);
    if (id && effective !== null) this.checkAge(id, effective, report);

    const record: RowRecord = {
      sheet: this.state,
      row: rowNumber,
      unit: this.unitOf(row),
      id: id?.id ?? null,
      plan,
      shares,
      previousShares,
      funding: this.hasColumn('funding') ? cellText(this.cell(row, 'funding')).trim() || null : null,
      name: cellText(this.cell(row, 'name')).trim(),
      effective,
    };
    if (this.checker.keepsCells) record.cells = Object.fromEntries(Object.keys(this.columnIndex).map((field) => [field, this.cell(row, field as Field)]));
    this.checker.record(record);
  }

  /**
   * A formula saved without its value (a file written by a program and never opened in Excel) has
   * no value to check: reported once per roster column; the row is then read with those cells blank,
   * so they are not reported again as MISSING_FIELD.
   */
  private reportUncalculated(row: readonly unknown[], rowNumber: number, person: boolean): unknown[] {
    const layout = this.state.layout as HeaderLayout;
    const seen = new Set<Field>();
    // A total row's =SUM(…) without its value is not a person's data: nothing to report there.
    for (const [field, index] of person ? layout.columns : []) {
      if (!isUncalculatedFormula(row[index])) continue;
      seen.add(field);
      this.checker.report(
        this.state,
        rowNumber,
        field,
        'FORMULA_NOT_CALCULATED',
        `${standardHeader(field)}是公式，但文件中没有保存计算结果：请在 Excel 中打开并保存后再检查`,
      );
    }
    this.uncalculated = seen;
    return row.map((value) => (isUncalculatedFormula(value) ? null : value));
  }

  private readId(row: readonly unknown[], report: Reporter): { id: string; sex: 'M' | 'F'; birth: YearMonthDay } | null {
    const value = this.cell(row, 'id');
    if (isBlank(value)) return null;
    const check = parseIdNumber(value);
    if (!check.valid) {
      report('id', 'ID_INVALID', check.reason);
      return null;
    }
    return { id: canonicalId18(check.id), sex: check.sex, birth: check.birth };
  }

  private readPlan(row: readonly unknown[], report: Reporter): Plan | null {
    if (!this.hasColumn('plan')) return this.state.sheetPlan;
    const value = this.cell(row, 'plan');
    if (isBlank(value)) return null;
    const plan = findPlan(typeof value === 'number' ? value : cellText(value));
    if (!plan) report('plan', 'PLAN_UNKNOWN', `参保计划 ${showValue(value)} 不是已知计划`);
    return plan;
  }

  private readShares(row: readonly unknown[], field: 'shares', report: Reporter): number | null {
    const value = this.cell(row, field);
    if (isBlank(value)) return null;
    const parsed = parseWholeNumber(typeof value === 'boolean' ? 'x' : value);
    if (!parsed.ok || parsed.value < 1) {
      report(field, 'SHARES_INVALID', `份数 ${showValue(value)} 不是不小于 1 的整数`);
      return null;
    }
    return parsed.value;
  }

  private readPreviousShares(row: readonly unknown[], report: Reporter): number | null {
    const value = this.cell(row, 'previousShares');
    if (isBlank(value)) return null;
    const parsed = parseWholeNumber(typeof value === 'boolean' ? 'x' : value);
    if (!parsed.ok || parsed.value < 0) {
      report('previousShares', 'SHARES_INVALID', `上年份数 ${showValue(value)} 不是不小于 0 的整数`);
      return null;
    }
    return parsed.value;
  }

  private readEffectiveDate(row: readonly unknown[], report: Reporter): number | null {
    const value = this.cell(row, 'effectiveDate');
    if (isBlank(value)) return null;
    // A 1904 workbook's date cell arrives as a 1904 serial; text and Date objects are the same in both systems.
    const serial = parseDate(typeof value === 'number' && this.state.date1904 ? value + DATE1904_OFFSET_DAYS : value);
    if (serial === null) {
      report('effectiveDate', 'DATE_INVALID', `生效日期 ${showValue(value)} 不是日期`);
      return null;
    }
    const { year } = ymdFromSerial(serial);
    if (year < EFFECTIVE_DATE_YEARS.first || year > EFFECTIVE_DATE_YEARS.last) {
      const { first, last } = EFFECTIVE_DATE_YEARS;
      report('effectiveDate', 'DATE_INVALID', `生效日期 ${showValue(value)} 读作 ${isoFromSerial(serial)}，不像生效日期（应在 ${first}–${last} 年之间）`);
      return null;
    }
    return serial;
  }

  private checkAge(id: { sex: 'M' | 'F'; birth: YearMonthDay }, effective: number, report: Reporter): void {
    const status = serviceAgeStatus(id.birth, id.sex, effective);
    if (status.status === 'underAge') {
      const age = status.age < 0 ? '出生日期晚于生效日期' : `生效日期时年龄 ${status.age} 岁`;
      report('id', 'AGE_OUT_OF_SERVICE', `${age}，未满 ${MIN_WORKING_AGE} 岁`);
    } else if (status.status === 'retired') {
      report(
        'id',
        'AGE_OUT_OF_SERVICE',
        `生效日期时已达法定退休年龄（按出生年月，最晚于 ${isoFromYmd(status.retirementDate)} 退休），只有在职职工可参保；如经批准弹性延迟退休仍在职，请核实后保留`,
      );
    }
  }

  /** The unit of a row: its 单位 cell; a blank cell continues the unit above (a unit heading row, or a file whose merged cells were not filled); no column: the sheet. */
  private unitOf(row: readonly unknown[]): string {
    if (!this.hasColumn('unit')) return this.state.name;
    const text = cellText(this.cell(row, 'unit')).trim();
    if (text !== '') this.lastUnit = text;
    return this.lastUnit ?? this.state.name;
  }
}

type Reporter = (field: Field | null, rule: RuleId, message: string) => void;

/** The roster's person rows as plain records (for the claims register), from whole sheets. */
export function rosterRecordsOf(sheets: readonly SheetInput[]): RosterRecord[] {
  const checker = new RosterChecker();
  for (const sheet of sheets) checker.addSheet(sheet);
  return checker.rosterRecords();
}

/** Checks whole sheets (2-D arrays of cell values) as one roster. */
export function checkRoster(sheets: readonly SheetInput[]): RosterReport {
  const checker = new RosterChecker();
  for (const sheet of sheets) checker.addSheet(sheet);
  return checker.finish();
}
