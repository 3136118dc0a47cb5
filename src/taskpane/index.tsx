/**
 * Placeholder task pane (plain TypeScript, no React yet). The real task pane replaces this file.
 */
Office.onReady(() => {
  document.getElementById('root')!.textContent = '互助保障 任务窗格';
});
