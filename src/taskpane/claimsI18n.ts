/** The pane's words for the claims register (理赔登记), Chinese and English, beside i18n.ts. */
import type { ClaimResult, ClaimsSummary, ClaimStatus } from '../rules/claims';
import { STATUS_TITLES } from '../rules/claims';
import type { Language } from './i18n';

const STATUS_EN: Record<ClaimStatus, string> = { paid: 'paid', overdue: 'overdue', dueSoon: 'due soon', review: 'needs review', pending: 'pending' };

const zh = {
  heading: '理赔登记',
  insertRegister: '插入理赔登记表',
  compute: '理赔计算',
  summary: '理赔汇总',
  urgent: '逾期和即将到期',
  review: '待复核',
  status: (status: ClaimStatus) => STATUS_TITLES[status],
  computed: (s: ClaimsSummary, payable: string) =>
    `已计算 ${s.claims} 笔理赔：应付 ${payable} 元；逾期 ${s.overdue} 笔，即将到期 ${s.dueSoon} 笔，待复核 ${s.review} 笔（今天 ${s.today}）。`,
  written: (cells: number) => `已填写"应付金额、计算说明、应付日期、状态"四列（${cells} 个单元格），其他列没有改动。`,
  nothingUrgent: '没有逾期、即将到期或待复核的理赔。',
  summaryWritten: (sheet: string, helped: number, condoled: number) => `已生成工作表"${sheet}"：${helped} 名职工得到经济帮助，${condoled} 名职工得到慰问金。`,
  registerInserted: (sheet: string) => `已插入理赔登记表"${sheet}"：绿色表头的四列由"理赔计算"填写，请勿手工录入。`,
  line: (claim: ClaimResult) =>
    [claim.name ?? claim.id ?? '', claim.plan ?? '', claim.event ?? '', claim.dueDate ? `应付日期 ${claim.dueDate}` : '']
      .filter((part) => part !== '')
      .join(' · '),
  row: (claim: ClaimResult) => `${claim.sheet}!第${claim.row}行`,
  more: (n: number) => `还有 ${n} 笔未列出。`,
};

export type ClaimsStrings = typeof zh;

const en: ClaimsStrings = {
  heading: 'Claims register',
  insertRegister: 'Insert claims register',
  compute: 'Compute claims',
  summary: 'Claims summary',
  urgent: 'Overdue and due soon',
  review: 'Needs review',
  status: (status: ClaimStatus) => STATUS_EN[status],
  computed: (s: ClaimsSummary, payable: string) =>
    `Computed ${s.claims} claims: ${payable} yuan payable; ${s.overdue} overdue, ${s.dueSoon} due soon, ${s.review} needing review (today ${s.today}).`,
  written: (cells: number) => `Filled the four computed columns (${cells} cells); no other column was changed.`,
  nothingUrgent: 'No claim is overdue, due soon or needs review.',
  summaryWritten: (sheet: string, helped: number, condoled: number) =>
    `Wrote sheet "${sheet}": ${helped} members helped, ${condoled} given a condolence payment.`,
  registerInserted: (sheet: string) => `Inserted claims register "${sheet}": the four green columns are filled by "Compute claims"; do not type in them.`,
  line: (claim: ClaimResult) =>
    [claim.name ?? claim.id ?? '', claim.plan ?? '', claim.event ?? '', claim.dueDate ? `due ${claim.dueDate}` : ''].filter((part) => part !== '').join(' · '),
  row: (claim: ClaimResult) => `${claim.sheet} row ${claim.row}`,
  more: (n: number) => `${n} more not listed.`,
};

export function claimsStringsFor(language: Language): ClaimsStrings {
  return language === 'en' ? en : zh;
}
