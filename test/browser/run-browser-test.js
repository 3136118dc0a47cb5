#!/usr/bin/env node
/**
 * Browser test of the built task pane (npm run test:browser).
 *
 * 1. Builds the add-in with office.js served from the build itself (OFFICE_JS_LOCAL=1; the
 *    production page keeps Microsoft's CDN URL) into test-output/browser-dist/.
 * 2. Serves that folder on 127.0.0.1 (plain http) and opens taskpane.html in headless Chromium.
 * 3. Before the page loads, injects the Excel stand-in (test/support/excelStandIn.ts, compiled here
 *    with TypeScript's transpiler) holding a roster with faults. Outside Office, Office.onReady
 *    resolves with host null and the pane takes the stand-in from window.__EXCEL_STAND_IN__.
 * 4. Clicks 校验花名册, checks the findings list and the marks in the stand-in's workbook, saves
 *    test-output/taskpane-checked.png, clicks a finding, clears, checks the fills are back; checks
 *    again, renames the sheet and inserts rows as a clerk would, clears, checks the fills are back
 *    where the cells went.
 * 5. 与上年比对 with last year's roster picked as a file (a CSV written here from the same fixture,
 *    plus one member who lapsed), read in the page: the renewal summary and the lapsed list; saves
 *    test-output/taskpane-renewal.png; 生成续保花名册 adds next year's sheet.
 * 6. Clicks 理赔计算 (the page's clock fixed at 2026-12-01): the overdue and due-soon claims are
 *    listed first, the computed columns are written and nothing else, saves
 *    test-output/taskpane-claims.png, clicks a claim, clears the marks.
 *
 * 5. Runs the offline checker page's tests on the same build (checker-test.js: served and as file://).
 *
 * Every request that is not to the local server is blocked and fails the test: the pane sends
 * nothing anywhere. Prints "N passed, N failed" and exits non-zero on any failure.
 *
 *   node test/browser/run-browser-test.js [--no-build]
 */
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');
const { spawnSync } = require('child_process');
const ts = require('typescript');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'test-output');
const DIST = path.join(OUT, 'browser-dist');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHEET = '花名册';

/**
 * office.js itself (o15apptofilemappingtable.js outside Office, the win32 host files inside Excel
 * on Windows) adds a hidden logging iframe from this host three seconds after it loads
 * (ULSEndpointProxy). The page's Content-Security-Policy (frame-src) refuses it, so nothing is sent;
 * the test lists the refusal and fails on any other attempt.
 */
const OFFICE_JS_TELEMETRY = /telemetryservice\.firstpartyapps\.oaspapps\.com/;

let passed = 0;
let failed = 0;

async function check(name, fn) {
  try {
    await fn();
    passed += 1;
    console.log(`  ✓ ${name}`);
  } catch (error) {
    failed += 1;
    console.log(
      `  ✗ ${name}\n      ${String(error && error.stack ? error.stack : error)
        .split('\n')
        .slice(0, 4)
        .join('\n      ')}`,
    );
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** JSON with object keys in order, so that equal objects compare equal. */
function canonical(value) {
  return JSON.stringify(value, (key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

function equal(actual, expected, what) {
  const a = canonical(actual);
  const e = canonical(expected);
  if (a !== e) throw new Error(`${what}:\n        expected ${e}\n        actual   ${a}`);
}

/** Compiles a self-contained TypeScript module to CommonJS and returns its source. */
function transpile(file) {
  const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2019, esModuleInterop: true },
    fileName: file,
  }).outputText;
}

/** Loads a transpiled module into this process (for the roster fixtures). */
function load(file) {
  const module = { exports: {} };
  // eslint-disable-next-line no-new-func
  new Function('exports', 'module', 'require', transpile(file))(module.exports, module, require);
  return module.exports;
}

function build() {
  console.log('Building the add-in with a local office.js …');
  const result = spawnSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production', '--output-path', DIST], {
    cwd: ROOT,
    env: { ...process.env, OFFICE_JS_LOCAL: '1' },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    process.stdout.write(result.stdout || '');
    process.stderr.write(result.stderr || '');
    throw new Error('webpack build failed');
  }
  const html = fs.readFileSync(path.join(DIST, 'taskpane.html'), 'utf8');
  if (!/<script src="?office\.js"?>/.test(html)) throw new Error('the local build does not load ./office.js');
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.map': 'application/json',
};

function serve(dir) {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    const file = path.join(dir, decodeURIComponent(url.pathname));
    if (url.pathname === '/__probe') {
      // An empty page without the add-in's CSP, for the network guard's own check.
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<!doctype html><title>probe</title>');
      return;
    }
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      response.writeHead(404);
      response.end();
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  if (!process.argv.includes('--no-build') || !fs.existsSync(path.join(DIST, 'taskpane.html'))) build();
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);

  const fixtures = load('test/support/rosterFixtures.ts');
  const standInSource = transpile('test/support/excelStandIn.ts');
  const clerkFills = {
    E4: { color: '#FFFF00', pattern: 'Solid', patternColor: '#000000', tintAndShade: 0, patternTintAndShade: 0 },
    F6: { color: '#DDEBF7', pattern: 'Gray25', patternColor: '#4472C4', tintAndShade: 0, patternTintAndShade: 0 },
    A1: { color: '#1F4E78', pattern: 'Solid', patternColor: '#000000', tintAndShade: 0, patternTintAndShade: 0 },
  };
  const clerkNotes = { G7: '经办人:两份是口头报的,待确认' };
  const spec = { name: SHEET, rows: fixtures.faultyRoster(), formulas: fixtures.faultyRosterFormulas(), fills: clerkFills, notes: clerkNotes };
  const registerSpec = { name: '理赔登记', rows: fixtures.claimsRegister() };

  const server = await serve(DIST);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const outside = [];
  const pageErrors = [];
  try {
    const context = await browser.newContext({ viewport: { width: 380, height: 900 }, locale: 'zh-CN' });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`)) return route.continue();
      outside.push(url);
      return route.abort('blockedbyclient');
    });
    await context.addInitScript(
      ({ source, sheetSpec, register }) => {
        const module = { exports: {} };
        // eslint-disable-next-line no-new-func
        new Function('exports', 'module', source)(module.exports, module);
        const lib = module.exports;
        // Requests the page's Content-Security-Policy stops never reach page.route: record them too.
        window.__CSP_VIOLATIONS__ = [];
        document.addEventListener('securitypolicyviolation', (event) => window.__CSP_VIOLATIONS__.push(`${event.violatedDirective} ${event.blockedURI}`));
        const workbook = new lib.WorkbookState([sheetSpec, { name: '说明', rows: [['填表说明'], ['每人一行']] }, register]);
        window.__WORKBOOK__ = workbook;
        window.__EXCEL_STAND_IN__ = new lib.ExcelStandIn(workbook, { displayLanguage: 'zh-CN', syncDelayMs: 30 });
      },
      { source: standInSource, sheetSpec: spec, register: registerSpec },
    );
    const page = await context.newPage();
    // "Today" for the claims: the pane reads its clock; timers keep running.
    await page.clock.setFixedTime(new Date('2026-12-01T09:00:00'));
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });

    await check('the network guard is active (a request elsewhere is blocked and recorded)', async () => {
      const probe = await context.newPage();
      await probe.goto(`${origin}/__probe`);
      const outcome = await probe.evaluate(() =>
        fetch('http://192.0.2.1/probe').then(
          () => 'reached',
          () => 'blocked',
        ),
      );
      await probe.close();
      equal(outcome, 'blocked', 'probe request');
      equal(outside.splice(0), ['http://192.0.2.1/probe'], 'recorded requests');
    });

    console.log(`Task pane at ${origin}/taskpane.html`);
    await page.goto(`${origin}/taskpane.html`);
    const loadedAt = Date.now();
    const workbook = (fn, ...args) => page.evaluate(([body, a]) => new Function('wb', 'args', body)(window.__WORKBOOK__, a), [fn, args]);

    await check('the pane renders with the stand-in (Office.onReady outside Office)', async () => {
      await page.getByRole('button', { name: '校验花名册' }).waitFor({ timeout: 15000 });
      for (const name of ['清除标记', '生成缴费汇总', '插入花名册模板']) assert(await page.getByRole('button', { name }).isVisible(), `no ${name} button`);
      assert(await page.getByRole('switch', { name: '检查整个工作簿' }).isVisible(), 'no switch');
    });

    await check('a second click while the check runs is refused', async () => {
      // Two clicks in one task: the second comes while the first check is running.
      await page.getByRole('button', { name: '校验花名册' }).waitFor();
      await page.evaluate(() => {
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent === '校验花名册');
        button.click();
        button.click();
      });
      await page.getByText('正在校验，请等它完成后再操作。').waitFor({ timeout: 5000 });
      await page.getByText(/检查了 10 行/).waitFor({ timeout: 15000 });
    });

    await check('校验花名册 lists the findings grouped by rule, with counts', async () => {
      await page.getByText('检查了 10 行（10 人）：7 个错误，1 个警告。').waitFor({ timeout: 15000 });
      const region = page.getByRole('region', { name: '发现的问题' });
      const headers = await region.locator('button[aria-expanded]').allTextContents();
      equal(
        headers,
        [
          '必填项为空错误1',
          '身份证号无效错误1',
          '性别与身份证不符错误1',
          '参保计划无法识别错误1',
          '女职工安康仅限女职工错误1',
          '份数无效错误1',
          '日期无效错误1',
          '年龄不在在职范围警告1',
        ],
        'group headers',
      );
      assert(await page.getByText(/已标记 8 个单元格/).isVisible(), 'no marked message');
    });

    await check('the faulty cells are filled red (errors) and amber (warning), with notes', async () => {
      const fills = await workbook('return wb.fillsOf(args[0]);', SHEET);
      for (const cell of ['E4', 'D5', 'F6', 'G7', 'C8', 'F10', 'H12']) equal(fills[cell] && fills[cell].color, '#FFC7CE', `fill of ${cell}`);
      equal(fills.E9 && fills.E9.color, '#FFEB9C', 'fill of E9 (warning)');
      equal(fills.A1, clerkFills.A1, 'fill of A1 (no finding)');
      const notes = await workbook('return wb.notesOf(args[0]);', SHEET);
      equal(notes.G7, clerkNotes.G7, 'the clerk’s note on G7');
      assert(String(notes.E4).startsWith('【互助保障校验】'), `note on E4: ${notes.E4}`);
      const values = await workbook('return wb.sheet(args[0]).valueWrites;', SHEET);
      equal(values, [], 'writes to the roster’s values');
    });

    await check('screenshot test-output/taskpane-checked.png', async () => {
      await page.screenshot({ path: path.join(OUT, 'taskpane-checked.png'), fullPage: true });
    });

    await check('clicking a finding selects its cell in Excel', async () => {
      const region = page.getByRole('region', { name: '发现的问题' });
      await region.getByRole('button', { name: /身份证号无效/ }).click();
      await region.getByRole('button', { name: /E4\s*身份证号校验位错误/ }).click();
      await page.waitForFunction(() => window.__WORKBOOK__.selection !== null, null, { timeout: 5000 });
      equal(await workbook('return wb.selection;'), { sheet: SHEET, address: 'E4' }, 'selection');
    });

    await check('清除标记 puts every fill and note back', async () => {
      await page.getByRole('button', { name: '清除标记' }).click();
      await page.getByText('已恢复 8 个单元格的原有填充，删除 7 条校验备注。').waitFor({ timeout: 15000 });
      equal(await workbook('return wb.fillsOf(args[0]);', SHEET), clerkFills, 'fills after clearing');
      equal(await workbook('return wb.notesOf(args[0]);', SHEET), clerkNotes, 'notes after clearing');
      equal(await workbook('return wb.find("_mutualAidMarks") === undefined;'), true, 'marks sheet deleted');
    });

    await check('marks come off after the clerk renamed the sheet and inserted rows (the marks sheet follows the cells)', async () => {
      await page.getByRole('button', { name: '校验花名册' }).click();
      await page.getByText(/已标记 8 个单元格/).waitFor({ timeout: 15000 });
      await workbook('wb.renameSheet(args[0], args[1]); wb.insertRows(args[1], 1, 2);', SHEET, '新花名册');
      await page.getByRole('button', { name: '清除标记' }).click();
      await page.getByText('已恢复 8 个单元格的原有填充，删除 7 条校验备注。').waitFor({ timeout: 15000 });
      const moved = Object.fromEntries(Object.entries(clerkFills).map(([cell, fill]) => [cell.replace(/\d+$/, (row) => String(Number(row) + 2)), fill]));
      equal(await workbook('return wb.fillsOf(args[0]);', '新花名册'), moved, 'fills after clearing');
      equal(await workbook('return wb.notesOf(args[0]);', '新花名册'), { G9: clerkNotes.G7 }, 'notes after clearing');
      equal(await workbook('return wb.find("_mutualAidMarks") === undefined;'), true, 'marks sheet deleted');
      await workbook('wb.deleteRows(args[0], 1, 2); wb.renameSheet(args[0], args[1]);', '新花名册', SHEET);
    });

    await check('生成缴费汇总 writes a new sheet', async () => {
      await page.getByRole('button', { name: '生成缴费汇总' }).click();
      await page.getByText('已生成工作表"缴费汇总"，保障费合计 770.00 元。').waitFor({ timeout: 15000 });
      const rows = await workbook('return wb.valuesOf("缴费汇总");');
      assert(
        rows.some((row) => row[0] === '合计' && row[4] === 770),
        'no total row',
      );
    });

    await check("与上年比对 with a picked file: the renewal summary, the lapsed list, last year's row", async () => {
      // Last year: this year's people (dates a year earlier) and one who did not renew.
      const people = fixtures
        .faultyRoster()
        .slice(2, 12)
        .map((row) => row.map((value, i) => (i === 7 ? '2025-01-01' : value)));
      people.push([11, '县供电公司', '冯二', '男', fixtures.idFor('19890101', 141), '综合', 2, '2025-01-01', '', '单位工会全额交纳', '']);
      const quote = (value) => `"${String(value).replace(/"/g, '""')}"`;
      const csv = [fixtures.HEADER, ...people].map((row) => row.map(quote).join(',')).join('\r\n');
      const lastYear = path.join(OUT, 'last-year.csv');
      fs.writeFileSync(lastYear, `\ufeff${csv}\r\n`);
      // 生成缴费汇总 left its sheet active: the clerk goes back to the roster.
      await workbook('wb.activeSheet = args[0];', SHEET);
      await page.getByRole('button', { name: '与上年比对' }).click();
      await page.getByRole('radio', { name: /从文件选择/ }).check();
      await page.locator('input[type=file]').setInputFiles(lastYear);
      await page.getByRole('button', { name: '开始比对' }).click();
      await page.getByText(/续保 8，新参保 0（其中改换计划 0），增加份数 0（新增份数有免责期），减少份数 0，未续保 1。/).waitFor({ timeout: 15000 });
      const lapsed = page.getByRole('region', { name: '未续保名单（点击查看上年所在行）' });
      await lapsed.getByRole('button', { name: /冯二/ }).click();
      await page.getByText(/上年花名册 last-year.csv last-year!第12行：冯二/).waitFor({ timeout: 5000 });
    });

    await check('screenshot test-output/taskpane-renewal.png', async () => {
      await page.screenshot({ path: path.join(OUT, 'taskpane-renewal.png'), fullPage: true });
    });

    await check("生成续保花名册 adds next year's roster as a new sheet", async () => {
      await page.getByRole('button', { name: '生成续保花名册' }).click();
      await page.getByText(/已插入续保花名册"续保花名册"/).waitFor({ timeout: 15000 });
      const rows = await workbook('return wb.valuesOf("续保花名册");');
      equal(rows[0], fixtures.HEADER, "header of next year's roster");
      assert(
        rows.some((row) => row[2] === '张三' && row[7] === 46388),
        'no 张三 dated 2027-01-01',
      );
      assert(!rows.some((row) => row[2] === '孙八'), '孙八 (past retirement age) was carried');
    });

    await check('理赔计算 lists the overdue and due-soon claims first, then the one needing review', async () => {
      await page.getByRole('button', { name: '理赔计算' }).click();
      await page.getByText(/已计算 4 笔理赔/).waitFor({ timeout: 15000 });
      const list = page.getByTestId('claims-list');
      const urgent = await list.getByRole('region', { name: '逾期和即将到期' }).getByRole('button').allTextContents();
      equal(
        urgent.map((text) => text.slice(0, 3)),
        ['已逾期', '即将到'],
        'urgent claims',
      );
      assert(urgent[0].includes('第3行') && urgent[1].includes('第5行'), `urgent rows: ${urgent.join(' | ')}`);
      const review = await list.getByRole('region', { name: '待复核' }).getByRole('button').allTextContents();
      assert(review.length === 1 && review[0].includes('第4行'), `review: ${review.join(' | ')}`);
    });

    await check('only the computed columns were written; the typed cells are as they were', async () => {
      const values = await workbook('return wb.valuesOf("理赔登记");');
      equal(
        values.map((row) => row.slice(0, 10)),
        registerSpec.rows,
        'typed columns',
      );
      equal(values[1].slice(10, 14), ['应付金额', '计算说明', '应付日期', '状态'], 'computed headers');
      equal(
        values.slice(2).map((row) => row[13]),
        ['已逾期', '待复核', '即将到期', '已给付'],
        'status column',
      );
      const fills = await workbook('return wb.fillsOf("理赔登记");');
      equal(fills.H3 && fills.H3.color, '#FFC7CE', 'overdue claim marked');
    });

    await check('screenshot test-output/taskpane-claims.png', async () => {
      await page.screenshot({ path: path.join(OUT, 'taskpane-claims.png'), fullPage: true });
    });

    await check('clicking a claim selects its row; 清除标记 takes the claims marks off', async () => {
      await page.getByTestId('claims-list').getByRole('button', { name: /第5行/ }).click();
      await page.waitForFunction(() => window.__WORKBOOK__.selection && window.__WORKBOOK__.selection.sheet === '理赔登记', null, { timeout: 5000 });
      equal(await workbook('return wb.selection;'), { sheet: '理赔登记', address: 'A5:XFD5' }, 'selection');
      await page.getByRole('button', { name: '清除标记' }).click();
      await page.getByText(/已恢复 \d+ 个单元格的原有填充/).waitFor({ timeout: 15000 });
      // Only the computed columns' header fill stays (the add-in's columns, not a mark).
      const left = await workbook('return wb.fillsOf("理赔登记");');
      equal(Object.keys(left).sort(), ['K2', 'L2', 'M2', 'N2'], 'register fills after clearing');
    });

    await check('the pane sent nothing anywhere (every request went to the local server)', async () => {
      // Stay past office.js's 3-second timer, so that whatever it tries is seen.
      await page.waitForTimeout(Math.max(0, loadedAt + 4000 - Date.now()));
      equal(outside, [], 'requests outside the local server');
      const refused = await page.evaluate(() => window.__CSP_VIOLATIONS__);
      for (const entry of refused.filter((e) => OFFICE_JS_TELEMETRY.test(e)))
        console.log(`      (office.js logging frame refused by the page's CSP: ${entry})`);
      equal(
        refused.filter((e) => !OFFICE_JS_TELEMETRY.test(e)),
        [],
        'other requests the page’s CSP refused',
      );
    });

    await check('no script error on the page', async () => {
      equal(
        pageErrors.filter((e) => !OFFICE_JS_TELEMETRY.test(e)),
        [],
        'page errors',
      );
    });

    // The offline checker page, from the same build (test/browser/checker-test.js).
    console.log('Offline checker page (checker.html)');
    await require('./checker-test').runCheckerTests({ browser, dist: DIST, check, assert, equal });
  } finally {
    await browser.close();
    server.close();
  }
}

main()
  .catch((error) => {
    failed += 1;
    console.log(`  ✗ ${error && error.stack ? error.stack : error}`);
  })
  .finally(() => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed > 0 ? 1 : 0;
  });
