/**
 * The claims engine: the register's rows and the roster's records in, each claim's amount, note,
 * due date and status, findings at their cells and the year's summary out.
 *
 * Claims are joined to the roster by the canonical 18-character ID and the plan. Per member and
 * plan they are settled in 出险日期 order (row order breaks ties), so that each claim is paid
 * toward its yearly limit what the earlier claims of the same cover year left of it.
 */
import { CLAIM_DUE_WORKDAYS, EFFECTIVE_DATE_YEARS, EventDefinition, Plan } from '../catalogue';
import { DATE1904_OFFSET_DAYS, isoFromSerial, parseDate, ymdFromSerial } from '../dates';
import { canonicalId18, parseIdNumber } from '../idNumber';
import { roundYuan, yuanText } from '../money';
import { Claim, eventChoicesText, findEvent } from '../payout';
import { findPlan, planChoicesText } from '../plans';
import { HEADER_SEARCH_ROWS } from '../roster/columns';
import { readHeaderRow } from '../roster/header';
import { columnLetters } from '../roster/location';
import { Finding, RosterRecord, RULE_SEVERITY, RuleId, SheetInput, SkippedSheet } from '../roster/types';
import { isBlank, isUncalculatedFormula, parseNumber, parseWholeNumber, showValue } from '../values';
import { claimFieldOfHeader, ClaimField, claimHeader, COMPUTED_FIELDS, isRegisterHeader, REQUIRED_CLAIM_FIELDS } from './columns';
import { coverEnd, dueAfter, limitIdFor, payoutFor } from './payoutContract';
import { summariseClaims } from './summary';
import { ClaimResult, ClaimsInput, ClaimsReport, ClaimStatus, ComputedColumn, RegisterSheet } from './types';

/** A claim "due soon" is due within this many working days of today (the issue's reading, docs/rules.md). */
export const DUE_SOON_WORKDAYS = 5;

const TOTAL_ROW_WORDS = new Set(['合计', '总计', '小计', '共计', '总合计']);

/** The columns whose content makes a row a claim (the computed ones do not). */
const CLAIM_ROW_FIELDS: readonly ClaimField[] = ['name', 'id', 'plan', 'event', 'detail', 'eventDate'];

interface SheetLayout {
  sheet: SheetInput;
  columns: Map<ClaimField, number>;
  texts: Map<ClaimField, string>;
  firstColumn: number;
  headerRow: number;
  date1904: boolean;
  rows: number;
}

/** One register row as read: valid values, else null (the row's findings say why). */
interface ClaimRow {
  layout: SheetLayout;
  row: number;
  order: number;
  idText: string | null;
  id: string | null;
  name: string | null;
  /** The 单位 cell: picks the roster record when the member is in the plan in two units. */
  unit: string | null;
  plan: Plan | null;
  event: EventDefinition | null;
  detail: unknown;
  eventSerial: number | null;
  reviewSerial: number | null;
  paidSerial: number | null;
  /** The row is faulty in a way that leaves no amount (missing or invalid field). */
  faulty: boolean;
  result: ClaimResult;
}

type Report = (claim: ClaimRow, field: ClaimField | null, rule: RuleId, message: string) => void;

/** The register's typed columns (not the computed ones) and their indexes. */
function typedColumns(layout: SheetLayout): [ClaimField, number][] {
  return [...layout.columns].filter(([field]) => !(COMPUTED_FIELDS as readonly string[]).includes(field));
}

function cellOf(layout: SheetLayout, row: readonly unknown[], field: ClaimField): unknown {
  const index = layout.columns.get(field);
  return index === undefined ? undefined : row[index];
}

function textOf(value: unknown): string | null {
  if (isBlank(value)) return null;
  return typeof value === 'string' ? value.trim() : String(value);
}

function isTotalRow(row: readonly unknown[]): boolean {
  return row.some((value) => typeof value === 'string' && value.length <= 8 && TOTAL_ROW_WORDS.has(value.replace(/\s+/g, '')));
}

/** The header of a register sheet within its first rows, or null (the sheet is skipped). */
function findHeader(sheet: SheetInput): { layout: SheetLayout; start: number } | null {
  let searched = 0;
  for (let i = 0; i < sheet.rows.length && searched < HEADER_SEARCH_ROWS; i += 1) {
    const row = sheet.rows[i];
    if (row.every(isBlank)) continue;
    searched += 1;
    if (!isRegisterHeader(row)) continue;
    const { columns, texts } = readHeaderRow(row, claimFieldOfHeader);
    const layout: SheetLayout = {
      sheet,
      columns,
      texts,
      firstColumn: sheet.firstColumn ?? 1,
      headerRow: (sheet.firstRow ?? 1) + i,
      date1904: sheet.date1904 ?? false,
      rows: 0,
    };
    return { layout, start: i + 1 };
  }
  return null;
}

/** The computed columns: where the register has them, else after its last header cell, in order. */
function computedColumns(layout: SheetLayout, headerCells: readonly unknown[]): ComputedColumn[] {
  let next = headerCells.reduce<number>((last, value, index) => (isBlank(value) ? last : index), -1) + 1;
  return COMPUTED_FIELDS.map((field) => {
    const index = layout.columns.get(field);
    const present = index !== undefined;
    const at = present ? index : next++;
    return { field, column: layout.firstColumn + at, header: present ? (layout.texts.get(field) as string) : claimHeader(field), present };
  });
}

class ClaimsRun {
  readonly found: { finding: Finding; sheet: number; column: number }[] = [];
  readonly claims: ClaimRow[] = [];
  readonly skipped: SkippedSheet[] = [];
  readonly sheets: RegisterSheet[] = [];
  private readonly layouts: SheetLayout[] = [];
  private readonly byPerson = new Map<string, RosterRecord[]>();

  constructor(private readonly input: ClaimsInput) {
    for (const record of input.roster) {
      if (!record.id || !record.plan) continue;
      const list = this.byPerson.get(record.id);
      if (list) list.push(record);
      else this.byPerson.set(record.id, [record]);
    }
  }

  report(layout: SheetLayout, row: number, field: ClaimField | null, rule: RuleId, message: string): void {
    const index = field === null ? undefined : layout.columns.get(field);
    const finding: Finding = {
      sheet: layout.sheet.name,
      row,
      column: index === undefined ? null : (layout.texts.get(field as ClaimField) ?? null),
      cell: index === undefined ? null : `${columnLetters(layout.firstColumn + index)}${row}`,
      rule,
      severity: RULE_SEVERITY[rule],
      message,
    };
    if (layout.sheet.file !== undefined) finding.file = layout.sheet.file;
    this.found.push({ finding, sheet: this.layouts.indexOf(layout), column: index ?? -1 });
  }

  readSheet(sheet: SheetInput): void {
    const header = findHeader(sheet);
    if (!header) {
      const why = sheet.rows.every((row) => row.every(isBlank))
        ? '工作表为空'
        : `前 ${HEADER_SEARCH_ROWS} 行中找不到理赔登记表头（需含 ${REQUIRED_CLAIM_FIELDS.map(claimHeader).join('、')} 等列）`;
      this.skipped.push(sheet.file === undefined ? { sheet: sheet.name, reason: why } : { file: sheet.file, sheet: sheet.name, reason: why });
      return;
    }
    const { layout, start } = header;
    this.layouts.push(layout);
    for (const field of REQUIRED_CLAIM_FIELDS) {
      if (!layout.columns.has(field)) this.report(layout, layout.headerRow, null, 'MISSING_FIELD', `表头缺少"${claimHeader(field)}"列，此表各行无法计算`);
    }
    const firstRow = sheet.firstRow ?? 1;
    for (let i = start; i < sheet.rows.length; i += 1) {
      const row = sheet.rows[i];
      if (isTotalRow(row) || CLAIM_ROW_FIELDS.every((field) => isBlank(cellOf(layout, row, field)))) continue;
      layout.rows += 1;
      this.claims.push(this.readRow(layout, row, firstRow + i));
    }
    this.sheets.push({
      ...(sheet.file === undefined ? {} : { file: sheet.file }),
      sheet: sheet.name,
      headerRow: layout.headerRow,
      rows: 0,
      computed: computedColumns(layout, sheet.rows[start - 1]),
    });
  }

  private readRow(layout: SheetLayout, cells: readonly unknown[], rowNumber: number): ClaimRow {
    const uncalculated = typedColumns(layout).filter(([, index]) => isUncalculatedFormula(cells[index]));
    // A formula saved without its value has none to read: reported at its cell, then read as blank.
    const row = uncalculated.length === 0 ? cells : cells.map((value) => (isUncalculatedFormula(value) ? null : value));
    const claim: ClaimRow = {
      layout,
      row: rowNumber,
      order: this.claims.length,
      idText: textOf(cellOf(layout, row, 'id')),
      id: null,
      name: textOf(cellOf(layout, row, 'name')),
      unit: textOf(cellOf(layout, row, 'unit')),
      plan: null,
      event: null,
      detail: cellOf(layout, row, 'detail'),
      eventSerial: null,
      reviewSerial: null,
      paidSerial: null,
      faulty: false,
      result: {
        ...(layout.sheet.file === undefined ? {} : { file: layout.sheet.file }),
        sheet: layout.sheet.name,
        row: rowNumber,
        id: null,
        name: null,
        plan: null,
        planNumber: null,
        event: null,
        eventDate: null,
        payable: null,
        condolence: 0,
        note: '',
        dueDate: null,
        dueSerial: null,
        status: 'review',
      },
    };
    const report: Report = (target, field, rule, message) => {
      if (RULE_SEVERITY[rule] === 'error') target.faulty = true;
      this.report(target.layout, target.row, field, rule, message);
    };
    for (const [field] of uncalculated) {
      report(claim, field, 'FORMULA_NOT_CALCULATED', `${claimHeader(field)}是公式，但文件中没有保存计算结果：请在 Excel 中打开并保存后再计算`);
    }
    for (const field of REQUIRED_CLAIM_FIELDS) {
      if (uncalculated.some(([other]) => other === field)) continue;
      if (layout.columns.has(field) && isBlank(cellOf(layout, row, field))) report(claim, field, 'MISSING_FIELD', `${claimHeader(field)}为空`);
    }
    if (!layout.columns.has('id') || !layout.columns.has('plan') || !layout.columns.has('event') || !layout.columns.has('eventDate')) claim.faulty = true;

    const idValue = cellOf(layout, row, 'id');
    if (!isBlank(idValue)) {
      const check = parseIdNumber(idValue);
      if (check.valid) claim.id = canonicalId18(check.id);
      else report(claim, 'id', 'ID_INVALID', check.reason);
    }
    const planValue = cellOf(layout, row, 'plan');
    if (!isBlank(planValue)) {
      claim.plan = findPlan(typeof planValue === 'number' ? planValue : String(planValue));
      if (!claim.plan) report(claim, 'plan', 'PLAN_UNKNOWN', `参保计划 ${showValue(planValue)} 不是已知计划（${planChoicesText()}）`);
    }
    const eventValue = cellOf(layout, row, 'event');
    if (!isBlank(eventValue)) {
      claim.event = findEvent(String(eventValue));
      if (!claim.event) report(claim, 'event', 'CLAIM_INVALID', `事件 ${showValue(eventValue)} 不是已知事件（${eventChoicesText()}）`);
    }
    if (claim.event && claim.event.detail !== 'none' && isBlank(claim.detail)) {
      report(claim, 'detail', 'MISSING_FIELD', `${claim.event.names[0]}须在"${claimHeader('detail')}"填写${DETAIL_WORDS[claim.event.detail]}`);
    }
    claim.eventSerial = this.readDate(claim, row, 'eventDate', report);
    claim.reviewSerial = this.readDate(claim, row, 'reviewDate', report);
    claim.paidSerial = this.readDate(claim, row, 'paidDate', report);
    this.checkDateOrder(claim, report);
    return claim;
  }

  private readDate(claim: ClaimRow, row: readonly unknown[], field: 'eventDate' | 'reviewDate' | 'paidDate', report: Report): number | null {
    const value = cellOf(claim.layout, row, field);
    if (isBlank(value)) return null;
    const serial = parseDate(typeof value === 'number' && claim.layout.date1904 ? value + DATE1904_OFFSET_DAYS : value);
    const name = claimHeader(field);
    if (serial === null) {
      report(claim, field, 'DATE_INVALID', `${name} ${showValue(value)} 不是日期`);
      return null;
    }
    const { year } = ymdFromSerial(serial);
    if (year < EFFECTIVE_DATE_YEARS.first || year > EFFECTIVE_DATE_YEARS.last) {
      report(
        claim,
        field,
        'DATE_INVALID',
        `${name} ${showValue(value)} 读作 ${isoFromSerial(serial)}，不像${name}（应在 ${EFFECTIVE_DATE_YEARS.first}–${EFFECTIVE_DATE_YEARS.last} 年之间）`,
      );
      return null;
    }
    return serial;
  }

  private checkDateOrder(claim: ClaimRow, report: Report): void {
    const { eventSerial, reviewSerial, paidSerial } = claim;
    if (eventSerial !== null && reviewSerial !== null && reviewSerial < eventSerial) {
      report(claim, 'reviewDate', 'DATE_INVALID', `审核日期 ${isoFromSerial(reviewSerial)} 早于出险日期 ${isoFromSerial(eventSerial)}`);
      claim.reviewSerial = null;
    }
    if (paidSerial !== null && claim.reviewSerial !== null && paidSerial < claim.reviewSerial) {
      report(
        claim,
        'paidDate',
        'PAID_BEFORE_REVIEW',
        `给付日期 ${isoFromSerial(paidSerial)} 早于审核日期 ${isoFromSerial(claim.reviewSerial)}：应先审核确认再给付`,
      );
    }
    if (paidSerial !== null && paidSerial > this.input.today) {
      report(claim, 'paidDate', 'DATE_INVALID', `给付日期 ${isoFromSerial(paidSerial)} 晚于今天 ${isoFromSerial(this.input.today)}`);
    }
  }

  /** The roster record a claim is paid under: the one whose cover period holds the 出险日期 (the register's unit first). */
  private recordFor(claim: ClaimRow, records: readonly RosterRecord[], unit: string | null): RosterRecord {
    const event = claim.eventSerial as number;
    const covering = (record: RosterRecord) => record.effective === null || (record.effective <= event && event <= coverEnd(record.effective));
    const sameUnit = unit === null ? [] : records.filter((record) => record.unit === unit);
    return (
      sameUnit.find(covering) ??
      records.find(covering) ??
      // None covers it: the latest that began before the event (cover ended), else the earliest.
      [...records].filter((record) => (record.effective as number) <= event).sort((a, b) => (b.effective as number) - (a.effective as number))[0] ??
      [...records].sort((a, b) => (a.effective as number) - (b.effective as number))[0]
    );
  }

  settle(): void {
    const groups = new Map<string, ClaimRow[]>();
    for (const claim of this.claims) {
      this.describe(claim);
      if (claim.faulty || !claim.id || !claim.plan || !claim.event || claim.eventSerial === null) continue;
      const key = `${claim.id}\u0000${claim.plan.number}`;
      const group = groups.get(key);
      if (group) group.push(claim);
      else groups.set(key, [claim]);
    }
    for (const claim of this.claims) {
      if (claim.faulty || !claim.id || !claim.plan || !claim.event || claim.eventSerial === null) {
        claim.result.note = claim.result.note || '登记信息有误，未计算（见标记的单元格）';
        continue;
      }
      const records = (this.byPerson.get(claim.id) ?? []).filter((record) => record.plan?.number === claim.plan?.number);
      if (records.length === 0) this.notEnrolled(claim);
    }
    for (const group of groups.values()) {
      const records = (this.byPerson.get(group[0].id as string) ?? []).filter((record) => record.plan?.number === group[0].plan?.number);
      if (records.length === 0) continue;
      group.sort((a, b) => (a.eventSerial as number) - (b.eventSerial as number) || a.order - b.order);
      const used = new Map<string, Map<string, number>>();
      const seen = new Map<string, ClaimRow>();
      for (const claim of group) {
        const duplicateKey = `${(claim.event as EventDefinition).kind}\u0000${claim.eventSerial}`;
        const first = seen.get(duplicateKey);
        if (first) {
          this.report(
            claim.layout,
            claim.row,
            'eventDate',
            'CLAIM_DUPLICATE',
            `与${where(first, claim)}为同一人、同一计划、同一事件、同一出险日期，重复登记；不重复计算`,
          );
          claim.result.note = `与${where(first, claim)}重复登记，不重复计算`;
          continue;
        }
        seen.set(duplicateKey, claim);
        this.payClaim(claim, this.recordFor(claim, records, claim.unit), used);
      }
    }
    for (const claim of this.claims) this.setStatus(claim);
  }

  private describe(claim: ClaimRow): void {
    const r = claim.result;
    r.id = claim.id ?? claim.idText;
    r.name = claim.name;
    r.plan = claim.plan?.shortName ?? null;
    r.planNumber = claim.plan?.number ?? null;
    r.event = claim.event?.names[0] ?? null;
    r.eventDate = claim.eventSerial === null ? null : isoFromSerial(claim.eventSerial);
  }

  private notEnrolled(claim: ClaimRow): void {
    const plan = claim.plan as Plan;
    const others = [...new Set((this.byPerson.get(claim.id as string) ?? []).map((record) => (record.plan as Plan).shortName))];
    const message =
      others.length > 0
        ? `花名册中此人参加的是${others.join('、')}，没有${plan.shortName}的参保记录`
        : `花名册中没有此人（${claim.id}）的参保记录：请核对身份证号，或一并提供此人所在单位的花名册`;
    this.report(claim.layout, claim.row, 'id', 'CLAIM_NOT_ENROLLED', message);
    claim.result.note = message;
  }

  private payClaim(claim: ClaimRow, record: RosterRecord, paidInYear: Map<string, Map<string, number>>): void {
    const plan = claim.plan as Plan;
    const event = claim.eventSerial as number;
    if (record.effective !== null && (event < record.effective || event > coverEnd(record.effective))) {
      const end = coverEnd(record.effective);
      const message = `出险日期 ${isoFromSerial(event)} 不在保障期 ${isoFromSerial(record.effective)} 至 ${isoFromSerial(end)} 内${event < record.effective ? '（早于生效日期）' : '（保障期已结束）'}`;
      this.report(claim.layout, claim.row, 'eventDate', 'CLAIM_BEFORE_COVER', message);
      claim.result.payable = 0;
      claim.result.note = message;
      return;
    }
    if (record.shares === null) {
      const message = `花名册${where0(record)}的份数无效，无法计算`;
      this.report(claim.layout, claim.row, 'id', 'CLAIM_NOT_ENROLLED', message);
      claim.result.note = message;
      return;
    }
    const input: Claim = {
      plan,
      shares: record.shares,
      previousShares: record.previousShares,
      event: claim.event as EventDefinition,
      ...(record.effective === null ? {} : { effectiveSerial: record.effective }),
      eventSerial: event,
      ...detailArgument(claim),
    };
    // One roster record is one cover year: what its earlier claims paid toward each limit.
    const year = `${record.file ?? ''}\u0000${record.sheet}\u0000${record.row}`;
    let used = paidInYear.get(year);
    if (!used) paidInYear.set(year, (used = new Map()));
    const limitId = limitIdFor(input);
    const paidBefore = limitId === null ? 0 : (used.get(limitId) ?? 0);
    const result = payoutFor(input, used);
    if (!result.ok) {
      if (result.kind === 'unrecognised') this.report(claim.layout, claim.row, 'detail', 'CLAIM_NEEDS_REVIEW', result.message);
      else this.report(claim.layout, claim.row, 'detail', 'CLAIM_INVALID', result.message);
      claim.result.note = result.message;
      return;
    }
    claim.result.payable = result.amount;
    claim.result.condolence = result.condolence;
    claim.result.note = result.note;
    for (const [id, amount] of result.towardLimits) used.set(id, roundYuan((used.get(id) ?? 0) + amount));
    this.checkLimit(claim, input, result.limit, paidBefore, result.amount);
  }

  /** CLAIM_LIMIT_REACHED: the limit was used up before this claim, or cut what it pays. */
  private checkLimit(claim: ClaimRow, input: Claim, limit: { label: string; total: number }, paidBefore: number, amount: number): void {
    if (paidBefore <= 0) return;
    const uncapped = payoutFor(input, new Map());
    if (!uncapped.ok || uncapped.amount <= amount) return;
    const message =
      paidBefore >= limit.total
        ? `本保障年度${limit.label}限额 ${yuanText(limit.total)} 元已用完（此前已付 ${yuanText(paidBefore)} 元），本次不再给付`
        : `本保障年度${limit.label}限额 ${yuanText(limit.total)} 元，此前已付 ${yuanText(paidBefore)} 元，本次只能给付剩余的 ${yuanText(amount)} 元（不计限额为 ${yuanText(uncapped.amount)} 元）`;
    this.report(claim.layout, claim.row, 'detail', 'CLAIM_LIMIT_REACHED', message);
  }

  private setStatus(claim: ClaimRow): void {
    const r = claim.result;
    if (claim.reviewSerial !== null) {
      const due = dueAfter(claim.reviewSerial, CLAIM_DUE_WORKDAYS, this.input.calendar);
      if (due.ok) {
        r.dueSerial = due.serial;
        r.dueDate = isoFromSerial(due.serial);
      } else {
        this.report(claim.layout, claim.row, 'reviewDate', 'CLAIM_DUE_UNKNOWN', due.message);
      }
    }
    r.status = this.statusOf(claim);
    if (r.status === 'overdue') {
      this.report(
        claim.layout,
        claim.row,
        'reviewDate',
        'CLAIM_OVERDUE',
        `审核日期 ${isoFromSerial(claim.reviewSerial as number)} 后 ${CLAIM_DUE_WORKDAYS} 个工作日内（${r.dueDate} 前）应给付，至今（${isoFromSerial(this.input.today)}）未给付`,
      );
    }
  }

  private statusOf(claim: ClaimRow): ClaimStatus {
    const { today } = this.input;
    const due = claim.result.dueSerial;
    if (claim.paidSerial !== null) return 'paid';
    // Without a settled amount (review, not enrolled, faulty, a duplicate) nothing is owed yet: review first.
    if (claim.result.payable === null) return 'review';
    if (due !== null && due < today) return 'overdue';
    if (due !== null) {
      const soon = dueAfter(today, DUE_SOON_WORKDAYS, this.input.calendar);
      if (soon.ok && due <= soon.serial) return 'dueSoon';
    }
    return 'pending';
  }
}

const DETAIL_WORDS = { diagnosis: '诊断或死因', grade: '伤残等级（1–10）', amount: '申请金额（元）', none: '' } as const;

/** The register's 明细 as PAYOUT's detail argument for the event. */
function detailArgument(claim: ClaimRow): Pick<Claim, 'diagnosis' | 'grade' | 'amountClaimed'> {
  const value = claim.detail;
  switch ((claim.event as EventDefinition).detail) {
    case 'diagnosis':
      return { diagnosis: isBlank(value) ? '' : String(value) };
    case 'grade': {
      const grade = parseWholeNumber(typeof value === 'string' ? value.replace(/^(伤残)?/, '').replace(/^第/, '') : value);
      return grade.ok ? { grade: grade.value } : {};
    }
    case 'amount': {
      const amount = parseNumber(value);
      return amount === null ? {} : { amountClaimed: amount };
    }
    default:
      return {};
  }
}

/** "第12行", or "理赔2!第12行" on another sheet. */
function where(target: ClaimRow, from: ClaimRow): string {
  return `${target.layout === from.layout ? '' : `${target.layout.sheet.name}!`}第${target.row}行`;
}

function where0(record: RosterRecord): string {
  return `${record.file === undefined ? '' : `${record.file} `}${record.sheet}!第${record.row}行`;
}

/** Sheet order (as fed), then row, then column, then rule. */
function compareFound(a: { finding: Finding; sheet: number; column: number }, b: { finding: Finding; sheet: number; column: number }): number {
  if (a.sheet !== b.sheet) return a.sheet - b.sheet;
  if (a.finding.row !== b.finding.row) return a.finding.row - b.finding.row;
  if (a.column !== b.column) return a.column - b.column;
  return a.finding.rule < b.finding.rule ? -1 : a.finding.rule > b.finding.rule ? 1 : 0;
}

/** Settles every claim of the register against the roster (see the file's comment). */
export function computeClaims(input: ClaimsInput): ClaimsReport {
  const run = new ClaimsRun(input);
  for (const sheet of input.register) run.readSheet(sheet);
  run.settle();
  const findings = run.found.sort(compareFound).map((entry) => entry.finding);
  const claims = run.claims.map((claim) => claim.result);
  for (const sheet of run.sheets) sheet.rows = claims.filter((claim) => claim.sheet === sheet.sheet && claim.file === sheet.file).length;
  return { claims, findings, summary: summariseClaims(claims, findings, run.sheets, run.skipped, input.today), sheets: run.sheets };
}
