/** The offline checker page's own words (zh-CN); what it shares with the task pane comes from src/taskpane/i18n. */
export const pageStrings = {
  title: '参保花名册离线检查',
  intro:
    '给不能加载"互助保障"加载项的单位用：在浏览器中检查参保花名册（.xlsx / .csv），列出问题、生成批注副本和缴费汇总。文件只在本机处理，不会上传或发送到任何地方。',
  drop: '把花名册文件拖到这里（可一次拖入多个 .xlsx / .csv）',
  pick: '选择文件…',
  checking: (file: string, rows: number, percent: number) => `正在检查 ${file}：已读 ${rows.toLocaleString('zh-CN')} 行（${percent}%）`,
  starting: '正在读取文件…',
  cancel: '取消',
  cancelled: '已取消检查。',
  failed: (message: string) => `无法检查：${message}`,
  internal: (message: string) => `检查时出错（${message}）。请把文件另存为 .xlsx 后再试；如仍出错，请联系县总工会。`,
  busy: '正在检查，请等它完成或先取消。',
  notRoster: (names: string) => `只能检查 .xlsx 或 .csv 文件：${names} 没有检查。`,
  files: (names: readonly string[]) => `检查的文件：${names.join('、')}`,
  downloads: '下载',
  annotated: (name: string) => `批注副本：${name}`,
  annotatedHint: '批注副本是原文件的一份拷贝：问题单元格标红（错误）或标黄（警告）并加批注，末尾加"校验结果"工作表；原文件不会改动。',
  summaryFile: '缴费汇总（.xlsx）',
  preparing: (name: string) => `正在生成 ${name}…`,
  downloadFailed: (name: string, message: string) => `未能生成 ${name}：${message}`,
  summaryHeading: '缴费汇总（按单位和参保计划）',
};
