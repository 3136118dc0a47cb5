/**
 * Browser test of the offline checker page (dist/checker.html), run by run-browser-test.js after
 * the task pane's test on the same build (npm run test:browser; `node test/browser/run-browser-test.js
 * --no-build` reuses the last build).
 *
 * The page is opened twice, served on 127.0.0.1 and as file://. Each time: the example roster is
 * picked and the findings the page lists (every group opened) must be the command's
 * (`mutual-aid check --json` on the same file); the summary per unit × plan must show the command's
 * totals; the annotated copy and the summary workbook are downloaded and re-read with the project's
 * reader (lib/workbook); a damaged file dropped on the page gives the command's message; nothing is
 * requested but the page itself and the page's CSP refuses nothing. Saves test-output/checker.png.
 */
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');
const { spawnSync } = require('child_process');
const { pathToFileURL } = require('url');

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'test-output');
const SAMPLE = path.join(ROOT, 'examples', 'sample-roster.xlsx');

/** The runner's assertions (run-browser-test.js), set by runCheckerTests. */
let assert;
let equal;

/** The command's report and messages on a file in `dir`, named as the page names it (its base name). */
function command(dir, name) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'mutual-aid.js'), 'check', name, '--json'], { cwd: dir, encoding: 'utf8' });
  return { status: result.status, report: result.stdout ? JSON.parse(result.stdout) : null, stderr: result.stderr };
}

/** Every sheet's rows as the project's reader reads them. */
async function readRows(bytes, name) {
  const { readWorkbook } = require(path.join(ROOT, 'lib', 'workbook'));
  const sheets = {};
  await readWorkbook(
    { name, bytes: new Uint8Array(bytes) },
    {
      beginSheet(info) {
        const rows = [];
        sheets[info.name] = rows;
        return { addRow: (values, row) => rows.push([row, values]), end() {} };
      },
    },
  );
  return sheets;
}

function serve(dir) {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    const file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      response.writeHead(404);
      response.end();
      return;
    }
    response.writeHead(200, { 'Content-Type': file.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/octet-stream' });
    fs.createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** What the page should list for these findings: per rule (in RULES order) its header and each finding's place and message. */
function expectedGroups(findings) {
  const roster = require(path.join(ROOT, 'lib', 'rules', 'roster'));
  return roster.RULES.filter((rule) => findings.some((f) => f.rule === rule)).map((rule) => {
    const list = findings.filter((f) => f.rule === rule);
    const severity = roster.RULE_SEVERITY[rule] === 'error' ? '错误' : '警告';
    return {
      header: `${roster.RULE_TITLES[rule]}${severity}${list.length}`,
      items: list.map((f) => `${f.file} · ${f.sheet}!${f.cell ?? `第${f.row}行`}${f.message}`),
    };
  });
}

/** The groups the page lists, every group opened. */
async function listedGroups(page) {
  const region = page.getByRole('region', { name: '发现的问题' });
  const headers = region.locator('button[aria-expanded]');
  const count = await headers.count();
  for (let i = 0; i < count; i += 1) {
    if ((await headers.nth(i).getAttribute('aria-expanded')) !== 'true') await headers.nth(i).click();
  }
  const groups = [];
  for (let i = 0; i < count; i += 1) {
    const header = (await headers.nth(i).textContent()).trim();
    groups.push({ header, items: [] });
  }
  const lists = region.locator('ul[data-rule]');
  for (let i = 0; i < (await lists.count()); i += 1) groups[i].items = (await lists.nth(i).locator('li').allTextContents()).map((t) => t.trim());
  return groups;
}

async function download(page, buttonName) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.getByRole('button', { name: buttonName }).click()]);
  const target = path.join(OUT, 'checker-downloads', file.suggestedFilename());
  fs.mkdirSync(path.dirname(target), { recursive: true });
  await file.saveAs(target);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(target) };
}

/**
 * The tests on one way of opening the page. `url` is checker.html's address; `allowed` tells a
 * request of the page's own from one that leaves it.
 */
async function openedAs(browser, what, url, { check, screenshot }) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1400 }, locale: 'zh-CN', acceptDownloads: true });
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  // Anything not the page itself is refused (and listed by the check below).
  await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort('blockedbyclient')));
  await context.addInitScript(() => {
    window.__CSP_VIOLATIONS__ = [];
    document.addEventListener('securitypolicyviolation', (event) => window.__CSP_VIOLATIONS__.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });
  const expected = command(path.dirname(SAMPLE), path.basename(SAMPLE));

  try {
    await page.goto(url);

    await check(`${what}: the page says what it is and that nothing leaves the computer`, async () => {
      await page.getByRole('heading', { name: '参保花名册离线检查' }).waitFor({ timeout: 15000 });
      assert(await page.getByText(/不会上传或发送到任何地方/).isVisible(), 'no privacy line');
      const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      assert(/connect-src 'none'/.test(csp) && !/unsafe-eval/.test(csp), `CSP: ${csp}`);
      equal(await page.evaluate(() => typeof Office), 'undefined', 'office.js on the page');
    });

    await check(`${what}: the example roster's findings are the command's (mutual-aid check --json)`, async () => {
      assert(expected.status === 1 && expected.report.findings.length > 0, `command: ${expected.status} ${expected.stderr}`);
      await page.getByLabel('选择文件…', { exact: true }).setInputFiles(SAMPLE);
      const { rows, people, errors, warnings } = expected.report.summary;
      await page.getByText(`检查了 ${rows} 行（${people} 人）：${errors} 个错误，${warnings} 个警告。`).waitFor({ timeout: 30000 });
      equal(await listedGroups(page), expectedGroups(expected.report.findings), 'findings listed');
    });

    await check(`${what}: the summary per unit × plan shows the command's figures`, async () => {
      const table = page.getByRole('table', { name: '缴费汇总（按单位和参保计划）' });
      const cells = (await table.locator('tr').allTextContents()).map((t) => t.trim());
      const { units, premiumTotal, people } = expected.report.summary;
      const money = (n) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      equal(cells.length, units.length + 2, 'table rows (header, units, total)');
      for (const [i, unit] of units.entries())
        equal(cells[i + 1], `${unit.unit}${unit.planName}${unit.people}${unit.shares}${money(unit.premium)}`, `unit row ${i + 1}`);
      equal(cells[cells.length - 1], `合计${people}${money(premiumTotal)}`, 'total row');
    });

    if (screenshot) {
      await check('screenshot test-output/checker.png', async () => {
        await page.screenshot({ path: path.join(OUT, 'checker.png'), fullPage: true });
      });
    }

    await check(`${what}: the annotated copy downloads and the project's reader reads it: the roster as it was, plus 校验结果`, async () => {
      const copy = await download(page, /批注副本：sample-roster\.checked\.xlsx/);
      equal(copy.name, 'sample-roster.checked.xlsx', 'file name');
      const before = await readRows(fs.readFileSync(SAMPLE), 'sample-roster.xlsx');
      const after = await readRows(copy.bytes, copy.name);
      for (const sheet of Object.keys(before)) equal(after[sheet], before[sheet], `sheet ${sheet} in the copy`);
      assert(after['校验结果'] && after['校验结果'].length >= expected.report.findings.length, 'no 校验结果 sheet listing the findings');
    });

    await check(`${what}: the summary workbook downloads and holds the command's totals`, async () => {
      const summary = await download(page, '缴费汇总（.xlsx）');
      const sheets = await readRows(summary.bytes, summary.name);
      const total = sheets['缴费汇总'].find(([, values]) => values[0] === '合计');
      assert(total, 'no total row');
      equal([total[1][2], total[1][4]], [expected.report.summary.people, expected.report.summary.premiumTotal], 'people and premium in the total row');
    });

    await check(`${what}: a damaged file dropped on the page gives the command's message, and the page goes on`, async () => {
      const damagedDir = path.join(OUT, 'checker-damaged');
      fs.mkdirSync(damagedDir, { recursive: true });
      const bytes = fs.readFileSync(SAMPLE).subarray(0, 3000);
      fs.writeFileSync(path.join(damagedDir, 'damaged-roster.xlsx'), bytes);
      const cli = command(damagedDir, 'damaged-roster.xlsx');
      equal(cli.status, 2, 'command exit status');
      const message = cli.stderr.replace(/^mutual-aid: /, '').trim();
      await page.evaluate(
        ({ data }) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([new Uint8Array(data)], 'damaged-roster.xlsx'));
          const zone = document.querySelector('[data-testid="drop-zone"]');
          zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
          zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        },
        { data: [...bytes] },
      );
      await page.getByText(`无法检查：${message}`).waitFor({ timeout: 15000 });
      // The sample checks again after the failure.
      await page.getByLabel('选择文件…', { exact: true }).setInputFiles(SAMPLE);
      await page.getByText(/检查了 \d+ 行/).waitFor({ timeout: 30000 });
    });

    await check(`${what}: with last year's roster picked, the findings and renewal line are check --previous's`, async () => {
      const lastYear = path.join(path.dirname(SAMPLE), 'last-year-roster.xlsx');
      const result = spawnSync(
        process.execPath,
        [path.join(ROOT, 'bin', 'mutual-aid.js'), 'check', path.basename(SAMPLE), '--previous', path.basename(lastYear), '--json'],
        {
          cwd: path.dirname(SAMPLE),
          encoding: 'utf8',
        },
      );
      const withPrevious = JSON.parse(result.stdout);
      assert(withPrevious.summary.renewal, 'the command gave no renewal summary');
      // The sample was checked last (above); picking last year's roster checks it again.
      await page.getByLabel('选择上年花名册…', { exact: true }).setInputFiles(lastYear);
      await page.getByText(/^与上年比对（按人 × 计划）：续保 \d+/).waitFor({ timeout: 30000 });
      const renewal = withPrevious.summary.renewal;
      assert(await page.getByText(new RegExp(`续保 ${renewal.renewing}，新参保 ${renewal.newMembers}`)).isVisible(), 'renewal figures');
      equal(await listedGroups(page), expectedGroups(withPrevious.findings), 'findings listed with last year');
    });

    await check(`${what}: nothing was requested but the page itself, and the page's CSP refused nothing`, async () => {
      equal(
        [...new Set(requests)].filter((request) => request !== url),
        [],
        'requests other than the page',
      );
      equal(await page.evaluate(() => window.__CSP_VIOLATIONS__), [], 'CSP refusals');
    });

    await check(`${what}: no script error on the page`, async () => {
      equal(pageErrors, [], 'page errors');
    });
  } finally {
    await context.close();
  }
}

/** The command (lib/), built unless --no-build finds one: the page's findings are compared with its output. */
function buildCli() {
  if (process.argv.includes('--no-build') && fs.existsSync(path.join(ROOT, 'lib', 'cli', 'main.js'))) return;
  const cli = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.cli.json'], { cwd: ROOT, stdio: 'inherit' });
  if (cli.status !== 0) throw new Error('tsc -p tsconfig.cli.json failed');
}

/** Runs the checker page's tests in `browser` on the build in `dist`, reporting through `check`. */
async function runCheckerTests({ browser, dist, check, assert: runnerAssert, equal: runnerEqual }) {
  assert = runnerAssert;
  equal = runnerEqual;
  buildCli();
  const file = path.join(dist, 'checker.html');
  await check('the build has a self-contained checker.html (no separate script)', async () => {
    assert(fs.existsSync(file), `${file} is missing`);
    const html = fs.readFileSync(file, 'utf8');
    assert(!/<script[^>]+src=/i.test(html), 'checker.html loads a script file');
    assert(!fs.existsSync(path.join(dist, 'checker.js')) && !fs.existsSync(path.join(dist, 'checkerWorker.js')), 'checker scripts left in dist/');
  });
  const server = await serve(dist);
  try {
    await openedAs(browser, 'served on 127.0.0.1', `http://127.0.0.1:${server.address().port}/checker.html`, { check, screenshot: true });
  } finally {
    server.close();
  }
  await openedAs(browser, 'opened as file://', pathToFileURL(file).href, { check, screenshot: false });
  await check('a page opened as file:// may not start a worker from a file (why checker.html starts its worker from a Blob URL)', async () => {
    const dir = path.join(OUT, 'checker-probe');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'worker.js'), 'postMessage("up");');
    fs.writeFileSync(path.join(dir, 'probe.html'), '<!doctype html><title>probe</title>');
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(pathToFileURL(path.join(dir, 'probe.html')).href);
      const outcome = await page.evaluate(
        () =>
          new Promise((resolve) => {
            try {
              const worker = new Worker('worker.js');
              worker.onmessage = () => resolve('started');
              worker.onerror = () => resolve('failed to load');
            } catch (error) {
              resolve(error.name);
            }
          }),
      );
      equal(outcome, 'SecurityError', 'new Worker("worker.js") on a file:// page');
    } finally {
      await context.close();
    }
  });
}

module.exports = { runCheckerTests };
