/**
 * Task pane entry. Shared runtime: this page also runs the custom functions (functions.js is loaded
 * first, on the same page); the pane only renders into #root and keeps its state in React.
 */
import * as React from 'react';
import { createRoot, Root } from 'react-dom/client';
import { App } from './components/App';
import { ExcelAdapter } from './excel/excelAdapter';
import { findHost } from './excel/host';
import { pickLanguage, stringsFor } from './i18n';
import { readPreviousFile } from './previousFile';

let root: Root | null = null;

Office.onReady((info) => {
  const element = document.getElementById('root');
  if (!element || root) return;
  const host = findHost(info);
  if (!host) {
    element.textContent = `${stringsFor('zh').notInExcel} / ${stringsFor('en').notInExcel}`;
    return;
  }
  root = createRoot(element);
  const language = pickLanguage(host.displayLanguage);
  document.documentElement.lang = language === 'en' ? 'en-US' : 'zh-CN';
  root.render(<App adapter={new ExcelAdapter(host)} language={language} readPreviousFile={readPreviousFile} />);
});
