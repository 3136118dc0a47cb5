/**
 * The =MUTUAL.* custom functions. Each is a thin adapter: read Excel's arguments (arguments.ts),
 * ask src/rules, hand back a number, boolean, date serial, table or CustomFunctions.Error.
 * custom-functions-metadata-plugin reads the JSDoc below into functions.json and associates the
 * functions itself; only top-level `function` declarations are read.
 */
import { CLAIM_DUE_WORKDAYS, PLANS } from '../rules/catalogue';
import { classifyDiagnosis, refusalMessage } from '../rules/diseases';
import { parseIdNumber } from '../rules/idNumber';
import { Claim, computePayout, eventChoicesText, findEvent, payoutNote as payoutNoteRule } from '../rules/payout';
import { plansConflict } from '../rules/plans';
import { premiumFor } from '../rules/premium';
import { catalogueTable } from '../rules/catalogueTable';
import { maxSharesFor } from '../rules/shares';
import { coverStartSerial } from '../rules/waiting';
import { nthWorkdayAfter } from '../rules/workdays';
import { isBlank, parseNumber, parseWholeNumber } from '../rules/values';
import {
  booleanArgument,
  dateArgument,
  dateRangeArgument,
  fail,
  guard,
  nonNegativeArgument,
  optionalDateArgument,
  planArgument,
  positiveWholeArgument,
  previousSharesArgument,
  sharesArgument,
  textArgument,
  todaySerial,
} from './arguments';

/**
 * Premium in yuan: the plan's rate per share per year × shares × years.
 * @customfunction
 * @param plan Plan: full name, short name (综合, 指定疾病, 农民工, 女职工安康, 团体意外) or number 1–5.
 * @param shares Shares held, a whole number from 1 to 5.
 * @param [years] Years paid for; 1 when omitted.
 * @returns {number} Premium in yuan.
 */
export function premium(plan: unknown, shares: unknown, years?: unknown): number {
  return guard(() => {
    const found = planArgument(plan);
    return premiumFor(found, sharesArgument(shares, found), nonNegativeArgument(years, '年数', 1));
  });
}

/** The claim PAYOUT and PAYOUTNOTE describe, from their eight arguments; throws a CustomFunctions.Error. */
function claimArguments(
  plan: unknown,
  shares: unknown,
  event: unknown,
  detail: unknown,
  effectiveDate: unknown,
  eventDate: unknown,
  previousShares: unknown,
  paidBefore: unknown,
): Claim {
  const found = planArgument(plan);
  const held = sharesArgument(shares, found);
  const kind = findEvent(textArgument(event));
  if (!kind) fail('invalidValue', `未知的事故类型 "${textArgument(event)}":应为 ${eventChoicesText()}`);
  const effectiveSerial = optionalDateArgument(effectiveDate, '生效日期');
  const eventSerial = optionalDateArgument(eventDate, '事故日期');
  if ((effectiveSerial === undefined) !== (eventSerial === undefined)) {
    fail('invalidValue', '计算免责期和保障期须同时填写生效日期和事故日期');
  }
  const grade = kind.detail === 'grade' ? parseWholeNumber(detail) : undefined;
  return {
    plan: found,
    shares: held,
    event: kind,
    diagnosis: kind.detail === 'diagnosis' ? textArgument(detail) : undefined,
    grade: grade?.ok ? grade.value : undefined,
    amountClaimed: kind.detail === 'amount' ? (parseNumber(detail) ?? undefined) : undefined,
    effectiveSerial,
    eventSerial,
    previousShares: previousSharesArgument(previousShares, found),
    paidBefore: nonNegativeArgument(paidBefore, '本年度已付金额', 0),
  };
}

/**
 * Yuan the member receives for a claim, condolence payments included, within the yearly limit.
 * @customfunction
 * @param plan Plan: name, short name or number 1–5.
 * @param shares Shares held, a whole number from 1 to 5.
 * @param event Event: 重疾, 身故, 意外身故, 意外伤残, 意外医疗 or 意外住院.
 * @param [detail] Diagnosis text (重疾), cause of death (身故), disability grade 1–10 (意外伤残) or amount claimed (意外医疗, 意外住院).
 * @param [effectiveDate] Effective date of the shares; with eventDate, applies the cover year and the 120-day waiting period.
 * @param [eventDate] Date of the diagnosis, death or accident.
 * @param [previousShares] Last year's shares of a renewing member (continued shares do not wait).
 * @param [paidBefore] Yuan already paid to this member in the same cover year toward the limit this event counts against.
 * @returns {number} Payout in yuan.
 */
export function payout(
  plan: unknown,
  shares: unknown,
  event: unknown,
  detail?: unknown,
  effectiveDate?: unknown,
  eventDate?: unknown,
  previousShares?: unknown,
  paidBefore?: unknown,
): number {
  return guard(() => {
    const claim = claimArguments(plan, shares, event, detail, effectiveDate, eventDate, previousShares, paidBefore);
    const result = computePayout(claim);
    if (!result.ok) fail(result.kind === 'unrecognised' ? 'notAvailable' : 'invalidValue', result.message);
    return result.amount;
  });
}

/**
 * One line saying how PAYOUT reached its amount (waiting period, limit used, cover ended), or why it has none.
 * @customfunction
 * @param plan Plan: name, short name or number 1–5.
 * @param shares Shares held, a whole number from 1 to 5.
 * @param event Event: 重疾, 身故, 意外身故, 意外伤残, 意外医疗 or 意外住院.
 * @param [detail] Diagnosis text (重疾), cause of death (身故), disability grade 1–10 (意外伤残) or amount claimed (意外医疗, 意外住院).
 * @param [effectiveDate] Effective date of the shares.
 * @param [eventDate] Date of the diagnosis, death or accident.
 * @param [previousShares] Last year's shares of a renewing member.
 * @param [paidBefore] Yuan already paid to this member in the same cover year toward the same limit.
 * @returns {string} The explanation, in Chinese.
 */
export function payoutNote(
  plan: unknown,
  shares: unknown,
  event: unknown,
  detail?: unknown,
  effectiveDate?: unknown,
  eventDate?: unknown,
  previousShares?: unknown,
  paidBefore?: unknown,
): string {
  return guard(() => {
    try {
      return payoutNoteRule(claimArguments(plan, shares, event, detail, effectiveDate, eventDate, previousShares, paidBefore));
    } catch (error) {
      // The note explains a failed argument too: the clerk reads why PAYOUT shows an error.
      if (error instanceof CustomFunctions.Error) return error.message ?? String(error.code);
      throw error;
    }
  });
}

/**
 * The most shares one member may hold in the plan.
 * @customfunction
 * @param plan Plan: name, short name or number 1–5.
 * @param [unitUniform] TRUE when every member of the unit holds the same number of shares (default TRUE).
 * @param [previousShares] Last year's shares of a renewing member.
 * @returns {number} Highest number of shares allowed.
 */
export function maxShares(plan: unknown, unitUniform?: unknown, previousShares?: unknown): number {
  return guard(() => {
    const found = planArgument(plan);
    return maxSharesFor(found, booleanArgument(unitUniform, '单位份数一致', true), previousSharesArgument(previousShares, found));
  });
}

/**
 * First day of full cover, as a date serial: the effective date + 120 days for new members and added shares.
 * @customfunction
 * @param plan Plan: name, short name or number 1–5.
 * @param effectiveDate Effective date of the shares.
 * @param [previousShares] Last year's shares of a renewing member.
 * @param [shares] This year's shares; when above last year's, the added shares wait.
 * @returns {number} Date serial (format the cell as a date).
 */
export function coverStart(plan: unknown, effectiveDate: unknown, previousShares?: unknown, shares?: unknown): number {
  return guard(() => {
    const found = planArgument(plan);
    const effective = dateArgument(effectiveDate, '生效日期');
    const previous = previousSharesArgument(previousShares, found);
    const current = isBlank(shares) ? undefined : sharesArgument(shares, found);
    return coverStartSerial(found, effective, previous, current);
  });
}

/**
 * TRUE when one person may not hold both plans (plans 1, 2 and 3 exclude each other).
 * @customfunction
 * @param planA First plan.
 * @param planB Second plan.
 * @returns {boolean} TRUE for a conflict.
 */
export function conflict(planA: unknown, planB: unknown): boolean {
  return guard(() => plansConflict(planArgument(planA, '计划A'), planArgument(planB, '计划B')));
}

/**
 * Number 1–15 of the designated disease a diagnosis names; #N/A with the reason when it needs review or is not covered.
 * @customfunction
 * @param diagnosis Diagnosis as written, e.g. 左肺腺癌, 尿毒症, 冠脉支架植入术后.
 * @returns {number} Designated disease number 1–15.
 */
export function disease(diagnosis: unknown): number {
  return guard(() => {
    const result = classifyDiagnosis(textArgument(diagnosis));
    if (result.outcome !== 'covered') fail('notAvailable', refusalMessage(result));
    return result.disease;
  });
}

/**
 * TRUE when the text is a valid resident ID number (18 digits with check character, or 15 digits) whose birth date is not after today and gives an age of at most 120.
 * @customfunction
 * @param id ID number, stored as text.
 * @returns {boolean} TRUE for a valid ID.
 */
export function idCheck(id: unknown): boolean {
  return guard(() => parseIdNumber(id, { todaySerial: todaySerial() }).valid);
}

/**
 * Last day to pay a claim, as a date serial: the 30th working day after review (statutory holidays and 调休 counted).
 * @customfunction
 * @param reviewDate Date the claim was reviewed and confirmed.
 * @param [workdays] Working days allowed; 30 when omitted.
 * @param [holidays] Range of extra holiday dates, as in WORKDAY; needed for a year past the built-in schedule. Blanks are ignored.
 * @param [extraWorkdays] Range of adjusted working days (调休上班日) that fall on a weekend. Blanks are ignored.
 * @returns {number} Date serial (format the cell as a date).
 */
// any[][]: the metadata generator reads a range argument only from a matrix type.
export function claimDue(reviewDate: unknown, workdays?: unknown, holidays?: any[][], extraWorkdays?: any[][]): number {
  return guard(() => {
    const due = nthWorkdayAfter(dateArgument(reviewDate, '审核日期'), positiveWholeArgument(workdays, '工作日数', CLAIM_DUE_WORKDAYS), {
      holidays: dateRangeArgument(holidays, '节假日'),
      extraWorkdays: dateRangeArgument(extraWorkdays, '调休上班日'),
    });
    if (!due.ok) fail('notAvailable', due.message);
    return due.serial;
  });
}

/**
 * The plan catalogue as a table with a header row (spills).
 * @customfunction
 * @returns {any[][]} One row per plan.
 */
// any[][]: the metadata generator accepts no narrower type for a table result.
export function plans(): any[][] {
  return guard(() => catalogueTable(PLANS));
}
