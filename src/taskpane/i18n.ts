/**
 * The pane's words in Chinese (the default: clerks work in Chinese) and English (when Office's
 * display language is English). The findings' own messages come from the rules engine in Chinese.
 */
import type { PreviousMember, RetiringMember } from '../rules/renewal';
import { RenewalSummary, RULE_TITLES, RuleId } from '../rules/roster';
import type { Notice, Progress } from './excel/types';

export type Language = 'zh' | 'en';

/** "1 warning", "2 warnings". */
function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "en-US", "en-GB" … → English; anything else → Chinese. */
export function pickLanguage(displayLanguage: string | undefined | null): Language {
  return typeof displayLanguage === 'string' && displayLanguage.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

export type Operation = 'check' | 'clear' | 'summary' | 'template' | 'select' | 'renewal' | 'nextYear' | 'claims' | 'claimsSummary' | 'register';

const RULE_TITLES_EN: Readonly<Record<RuleId, string>> = {
  MISSING_FIELD: 'Required cell blank',
  ID_INVALID: 'Invalid ID number',
  GENDER_MISMATCH: 'Sex does not match the ID',
  PLAN_UNKNOWN: 'Unknown plan',
  PLAN_GENDER: 'Women-only plan',
  PLAN_CONFLICT: 'Plans that exclude each other',
  DUPLICATE_ENROLLMENT: 'Enrolled twice in a plan',
  SHARES_INVALID: 'Invalid number of shares',
  SHARES_NOT_UNIFORM: 'Shares differ within a unit',
  SHARES_OVER_MAX: 'Shares above the maximum',
  DATE_INVALID: 'Invalid date',
  AGE_OUT_OF_SERVICE: 'Age outside working age',
  PREVIOUS_SHARES_MISMATCH: "Last year's shares differ from last year's roster",
  FORMULA_NOT_CALCULATED: 'Formula saved without its value',
  CLAIM_NOT_ENROLLED: 'Not in the roster for this plan',
  CLAIM_BEFORE_COVER: 'Event outside the cover period',
  CLAIM_NEEDS_REVIEW: 'Diagnosis needs review',
  CLAIM_OVERDUE: 'Payment overdue',
  CLAIM_DUPLICATE: 'Claim entered twice',
  CLAIM_LIMIT_REACHED: 'Yearly limit reached',
  CLAIM_INVALID: 'Claim details wrong',
  CLAIM_DUE_UNKNOWN: 'Due date cannot be computed',
  PAID_BEFORE_REVIEW: 'Paid before review',
};

const zh = {
  title: '参保花名册校验',
  subtitle: '检查花名册、标记问题单元格、生成缴费汇总',
  check: '校验花名册',
  clear: '清除标记',
  summary: '生成缴费汇总',
  template: '插入花名册模板',
  cancel: '取消',
  wholeWorkbook: '检查整个工作簿',
  privacy: '所有检查都在本机完成，不发送任何数据。',
  error: '错误',
  warning: '警告',
  findingsHeading: '发现的问题',
  rowOnly: (row: number) => `第${row}行`,
  moreFindings: (n: number) => `还有 ${n} 条未列出；请先修正上面的问题，再重新校验。`,
  operation: {
    check: '校验',
    clear: '清除标记',
    summary: '生成汇总',
    template: '插入模板',
    select: '定位单元格',
    renewal: '与上年比对',
    nextYear: '生成续保花名册',
    claims: '理赔计算',
    claimsSummary: '生成理赔汇总',
    register: '插入理赔登记表',
  } as Record<Operation, string>,
  busy: (op: Operation) => `正在${zh.operation[op]}，请等它完成后再操作。`,
  cancelled: '已取消校验，没有标记任何单元格。',
  notInExcel: '请在 Excel 中打开此加载项。',
  workbookProtectedFail: '工作簿结构受保护，不能添加工作表。请先撤销工作簿保护。',
  sheetGone: '找不到该单元格所在的工作表（可能已删除或改名），请重新校验。',
  failed: (detail: string) => `操作没有完成（Excel 错误：${detail}）。`,
  unsupported: (sets: string) =>
    `此版本的 Excel 缺少本加载项需要的 ${sets}，不能校验。需要 Microsoft 365（2008 版或更高）、Office 2021 LTSC（2108 版或更高）、零售版 Office（2311 版或更高）、Mac 版 Excel 16.40 或更高，或网页版 Excel。不能升级的单位请用离线检查页（checker.html，见说明文档"不能加载加载项的单位：离线检查页"）。`,
  checked: (rows: number, people: number, errors: number, warnings: number) => `检查了 ${rows} 行（${people} 人）：${errors} 个错误，${warnings} 个警告。`,
  noProblems: (rows: number, people: number) => `检查了 ${rows} 行（${people} 人），没有发现问题。`,
  marked: (cells: number, notes: number) =>
    `已标记 ${cells} 个单元格（红色为错误，黄色为警告）${notes > 0 ? `，并在其中 ${notes} 个加了备注` : ''}；点"清除标记"可恢复原样。`,
  cleared: (cells: number, notes: number) => `已恢复 ${cells} 个单元格的原有填充，删除 ${notes} 条校验备注。`,
  nothingToClear: '没有需要清除的标记。',
  summaryWritten: (sheet: string, premium: string) => `已生成工作表"${sheet}"，保障费合计 ${premium} 元。`,
  renewal: '与上年比对',
  nextYear: '生成续保花名册',
  previousHeading: '上年花名册',
  previousFromSheet: '本工作簿中的工作表',
  previousFromFile: '从文件选择（只在本机读取，不上传）',
  startRenewal: '开始比对',
  noPreviousChosen: '请先选择上年花名册：本工作簿中的一个工作表，或一个工作簿文件。',
  previousUnreadable: (detail: string) => `无法读取所选的上年花名册：${detail}`,
  previousIsThisYear: '所选的上年花名册就是当前工作表；请选另一个工作表，或打开"检查整个工作簿"。',
  renewalSummary: (r: RenewalSummary, premium: (n: number) => string) =>
    `与上年比对（按人 × 计划）：续保 ${r.renewing}，新参保 ${r.newMembers}（其中改换计划 ${r.planSwitches}），增加份数 ${r.addedShares}（新增份数有免责期），减少份数 ${r.reducedShares}，未续保 ${r.lapsed.length}。保障费：上年 ${premium(r.premiumLastYear)} 元，本年 ${premium(r.premiumThisYear)} 元。`,
  lapsedHeading: '未续保名单（点击查看上年所在行）',
  lapsedWhere: (m: PreviousMember) =>
    `上年花名册${m.file ? ` ${m.file}` : ''} ${m.sheet}!第${m.row}行：${m.name}，${m.id}，${m.unit}，${m.plan}${m.shares === null ? '' : ` ${m.shares} 份`}`,
  nextYearInserted: (sheet: string, rows: number) => `已插入续保花名册"${sheet}"：${rows} 行，份数和上年份数取本年份数，生效日期顺延一年。`,
  retiringLeftOut: (members: RetiringMember[]) =>
    `${members.length} 人到下年生效日期时已达法定退休年龄，未列入：${members.map((m) => `${m.name}（${m.plan}，最晚 ${m.retirementDate} 退休）`).join('、')}。`,
  templateInserted: (sheet: string) => `已插入花名册模板"${sheet}"：身份证号列为文本格式，参保计划和份数可从下拉列表选择。`,
  progress: (p: Progress) => {
    switch (p.phase) {
      case 'reading':
        return `正在读取${p.sheet ? `"${p.sheet}"` : ''}：${p.done} / ${p.total} 行`;
      case 'clearing':
        return `正在清除上次的标记：${p.done} / ${p.total}`;
      case 'marking':
        return `正在标记：${p.done} / ${p.total} 个单元格`;
      default:
        return '正在写入工作表…';
    }
  },
  notice: (n: Notice): string => {
    const sheet = n.sheet ?? '';
    switch (n.code) {
      case 'emptySheet':
        return `工作表"${sheet}"是空的，没有可检查的内容。`;
      case 'noHeader':
        return `工作表"${sheet}"没有检查：${n.detail ?? '找不到花名册表头'}。`;
      case 'tooLarge':
        return `工作表"${sheet}"的已用区域 ${n.detail} 有 ${(n.count ?? 0).toLocaleString('zh-CN')} 个单元格，超过一次能读取的 5,000,000 个，没有检查。请删除花名册以外远处的内容后再试。`;
      case 'protected':
        return `工作表"${sheet}"受保护，无法标记单元格；下面仍列出发现的问题。撤销工作表保护后重新校验即可标记。`;
      case 'hiddenSkipped':
        return `隐藏的工作表"${sheet}"没有检查。`;
      case 'workbookProtected':
        return '工作簿结构受保护，无法保存标记记录，因此没有标记单元格；问题都列在下面。';
      case 'notesUnsupported':
        return '此版本的 Excel 不支持添加备注（需要 ExcelApi 1.18）：单元格只标了颜色，问题说明见下面的列表。';
      case 'notesKept':
        return `${n.count} 个问题单元格原来已有备注，没有改动；问题说明见下面的列表。`;
      case 'gradientKept':
        return `${n.count} 个问题单元格是渐变填充，为能原样恢复没有改变颜色，只加了备注。`;
      case 'previousMarksCleared':
        return `已先清除上次校验的 ${n.count} 处标记。`;
      case 'marksSheetMissing':
        return `上次标记所在的工作表"${sheet}"已删除，其标记记录已丢弃。`;
      case 'markedCellsDeleted':
        return `${n.count} 个标记过的单元格所在的行或列已删除，其标记记录已丢弃。`;
      case 'marksUnmatched':
        return `${n.count} 处标记找不到所在的工作表（${n.detail ?? ''}），没有清除，记录已保留；如工作表改过名，改回原名后再点"清除标记"。`;
      case 'clearProtected':
        return `工作表"${sheet}"受保护，其中的标记没有清除；撤销保护后再点"清除标记"。`;
      case 'fillChangedKept':
        return `${n.count} 个单元格在校验后被重新设置了填充，保留了现在的填充。`;
      case 'readChunkReduced':
        return `工作表"${sheet}"中有较长的内容，已自动改为每次读取 ${n.count} 行。`;
      case 'notesLeft':
        return `此版本的 Excel 不能删除备注（需要 ExcelApi 1.18，Office 2021/2024 LTSC 没有）：本加载项以前加的 ${n.count} 条备注仍留在单元格中（${n.detail ?? ''}），填充已恢复。可手动删除这些备注，或在 Microsoft 365 或网页版 Excel 中再点"清除标记"。`;
      case 'noRegister':
        return '工作簿中找不到理赔登记表（表头需含 身份证号、参保计划、事件、出险日期 等列）：可点"插入理赔登记表"新建。';
      case 'noRoster':
        return '工作簿中找不到花名册的数据行：理赔无法对应到参保记录。请把花名册工作表放在同一工作簿中。';
      default:
        return '';
    }
  },
  ruleTitle: (rule: RuleId) => RULE_TITLES[rule],
};

export type Strings = typeof zh;

const en: Strings = {
  title: 'Enrolment roster check',
  subtitle: 'Check the roster, mark faulty cells, total the premiums',
  check: 'Check roster',
  clear: 'Clear marks',
  summary: 'Premium summary',
  template: 'Insert roster template',
  cancel: 'Cancel',
  wholeWorkbook: 'Check the whole workbook',
  privacy: 'Everything is checked on this computer; nothing is sent anywhere.',
  error: 'Error',
  warning: 'Warning',
  findingsHeading: 'Problems found',
  rowOnly: (row: number) => `row ${row}`,
  moreFindings: (n: number) => `${n} more not listed: fix the ones above, then check again.`,
  operation: {
    check: 'checking',
    clear: 'clearing marks',
    summary: 'writing the summary',
    template: 'inserting the template',
    select: 'selecting a cell',
    renewal: "comparing with last year's roster",
    nextYear: "writing next year's roster",
    claims: 'computing the claims',
    claimsSummary: 'writing the claims summary',
    register: 'inserting the claims register',
  },
  busy: (op: Operation) => `Busy ${en.operation[op]}: please wait until it is done.`,
  cancelled: 'Check cancelled; no cell was marked.',
  notInExcel: 'Open this add-in in Excel.',
  workbookProtectedFail: 'The workbook structure is protected, so no sheet can be added. Unprotect the workbook first.',
  sheetGone: 'The sheet of this cell is gone (deleted or renamed): check again.',
  failed: (detail: string) => `The operation did not finish (Excel error: ${detail}).`,
  unsupported: (sets: string) =>
    `This version of Excel lacks ${sets}, which the add-in needs, so it cannot check. It needs Microsoft 365 (version 2008 or later), Office 2021 LTSC (2108 or later), retail Office (2311 or later), Excel on Mac 16.40 or later, or Excel on the web. Where Excel cannot be upgraded, use the offline checker page (checker.html; see the README section "不能加载加载项的单位：离线检查页").`,
  checked: (rows: number, people: number, errors: number, warnings: number) =>
    `Checked ${count(rows, 'row')} (${people} ${people === 1 ? 'person' : 'people'}): ${count(errors, 'error')}, ${count(warnings, 'warning')}.`,
  noProblems: (rows: number, people: number) => `Checked ${count(rows, 'row')} (${people} ${people === 1 ? 'person' : 'people'}): no problems found.`,
  marked: (cells: number, notes: number) =>
    `Marked ${count(cells, 'cell')} (red: error, amber: warning)${notes > 0 ? `, ${notes} of them with a note` : ''}; "Clear marks" puts them back.`,
  cleared: (cells: number, notes: number) => `Restored the fill of ${count(cells, 'cell')} and removed ${count(notes, 'note')}.`,
  nothingToClear: 'There are no marks to clear.',
  summaryWritten: (sheet: string, premium: string) => `Wrote sheet "${sheet}": premiums total ${premium} yuan.`,
  renewal: 'Compare with last year',
  nextYear: "Next year's roster",
  previousHeading: "Last year's roster",
  previousFromSheet: 'A sheet of this workbook',
  previousFromFile: 'A file (read on this computer, never uploaded)',
  startRenewal: 'Compare',
  noPreviousChosen: "Choose last year's roster first: a sheet of this workbook or a workbook file.",
  previousUnreadable: (detail: string) => `Last year's roster could not be read: ${detail}`,
  previousIsThisYear: "The sheet chosen as last year's roster is the active sheet; choose another sheet or check the whole workbook.",
  renewalSummary: (r: RenewalSummary, premium: (n: number) => string) =>
    `Against last year (person × plan): ${r.renewing} renewing, ${r.newMembers} new (${r.planSwitches} plan switches), ${r.addedShares} with added shares (they wait), ${r.reducedShares} with fewer shares, ${r.lapsed.length} lapsed. Premiums: last year ${premium(r.premiumLastYear)}, this year ${premium(r.premiumThisYear)} yuan.`,
  lapsedHeading: "Lapsed (click to see last year's row)",
  lapsedWhere: (m: PreviousMember) =>
    `Last year's roster${m.file ? ` ${m.file}` : ''} ${m.sheet}!row ${m.row}: ${m.name}, ${m.id}, ${m.unit}, ${m.plan}${m.shares === null ? '' : `, ${m.shares} shares`}`,
  nextYearInserted: (sheet: string, rows: number) =>
    `Inserted next year's roster "${sheet}": ${count(rows, 'row')}; shares carried, effective dates one year later.`,
  retiringLeftOut: (members: RetiringMember[]) =>
    `${count(members.length, 'member')} will have reached retirement age and were left out: ${members.map((m) => `${m.name} (${m.plan}, by ${m.retirementDate})`).join(', ')}.`,
  templateInserted: (sheet: string) => `Inserted roster template "${sheet}": the ID column is text; plan and shares have drop-down lists.`,
  progress: (p: Progress) => {
    switch (p.phase) {
      case 'reading':
        return `Reading${p.sheet ? ` "${p.sheet}"` : ''}: ${p.done} / ${p.total} rows`;
      case 'clearing':
        return `Clearing the previous marks: ${p.done} / ${p.total}`;
      case 'marking':
        return `Marking: ${p.done} / ${p.total} cells`;
      default:
        return 'Writing the sheet…';
    }
  },
  notice: (n: Notice): string => {
    const sheet = n.sheet ?? '';
    switch (n.code) {
      case 'emptySheet':
        return `Sheet "${sheet}" is empty: nothing to check.`;
      case 'noHeader':
        return `Sheet "${sheet}" was not checked: no roster header (a row naming 姓名, 身份证号, 参保计划, 份数 …) in its first 10 rows.`;
      case 'tooLarge':
        return `Sheet "${sheet}" was not checked: its used range ${n.detail} holds ${(n.count ?? 0).toLocaleString('en-US')} cells, more than the 5,000,000 that can be read. Delete stray content far from the roster and try again.`;
      case 'protected':
        return `Sheet "${sheet}" is protected, so no cell could be marked; the problems are listed below. Unprotect it and check again to mark them.`;
      case 'hiddenSkipped':
        return `Hidden sheet "${sheet}" was not checked.`;
      case 'workbookProtected':
        return 'The workbook structure is protected, so the marks could not be recorded and no cell was marked; the problems are listed below.';
      case 'notesUnsupported':
        return 'This version of Excel cannot add notes (ExcelApi 1.18): cells are coloured only; the explanations are in the list below.';
      case 'notesKept':
        return `${n.count} faulty cells already had a note, left as it was; the explanations are in the list below.`;
      case 'gradientKept':
        return `${n.count} faulty cells have a gradient fill, which could not be put back, so only a note was added.`;
      case 'previousMarksCleared':
        return `Cleared ${n.count} marks of the previous check first.`;
      case 'marksSheetMissing':
        return `Sheet "${sheet}" of the previous marks was deleted; its marks were forgotten.`;
      case 'markedCellsDeleted':
        return `The rows or columns of ${n.count} marked cells were deleted; their marks were forgotten.`;
      case 'marksUnmatched':
        return `${n.count} marks are on a sheet that cannot be found (${n.detail ?? ''}), so they were not cleared and are kept; if the sheet was renamed, give it its old name and clear again.`;
      case 'clearProtected':
        return `Sheet "${sheet}" is protected, so its marks were not cleared; unprotect it and clear again.`;
      case 'fillChangedKept':
        return `${n.count} cells were refilled after the check; their current fill was kept.`;
      case 'readChunkReduced':
        return `Sheet "${sheet}" has long cells: now reading ${n.count} rows at a time.`;
      case 'notesLeft':
        return `This version of Excel cannot delete notes (ExcelApi 1.18; Office 2021/2024 LTSC lack it): ${count(n.count ?? 0, 'note')} the add-in added earlier are still in their cells (${n.detail ?? ''}); the fills are restored. Delete those notes by hand, or clear again in Microsoft 365 or Excel on the web.`;
      case 'noRegister':
        return 'No claims register in this workbook (a header naming 身份证号, 参保计划, 事件, 出险日期 …): "Insert claims register" adds one.';
      case 'noRoster':
        return 'No roster rows in this workbook, so the claims cannot be joined to enrolments: put the roster sheet in the same workbook.';
      default:
        return '';
    }
  },
  ruleTitle: (rule: RuleId) => RULE_TITLES_EN[rule],
};

export function stringsFor(language: Language): Strings {
  return language === 'en' ? en : zh;
}

/** How a notice is shown: a warning when something the clerk asked for was not done. */
export function noticeIntent(notice: Notice): 'info' | 'warning' {
  switch (notice.code) {
    case 'noHeader':
    case 'tooLarge':
    case 'protected':
    case 'workbookProtected':
    case 'clearProtected':
    case 'marksSheetMissing':
    case 'marksUnmatched':
    case 'notesLeft':
    case 'noRegister':
    case 'noRoster':
      return 'warning';
    default:
      return 'info';
  }
}
