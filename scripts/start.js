#!/usr/bin/env node
/**
 * npm start
 *
 * Windows / macOS: office-addin-debugging starts the dev server and sideloads manifest.xml into
 * Excel desktop (opening examples/sample-roster.xlsx when it exists), as Microsoft's templates do.
 *
 * Linux, or when office-addin-debugging is missing or fails, or with --web (MUTUAL_AID_WEB=1):
 * serves the add-in itself on https://localhost:3000 (webpack-dev-server, development build in
 * memory, the office-addin-dev-certs certificate) and prints how to sideload manifest.xml into
 * Excel on the web, in Chinese and English. It serves until Ctrl+C, SIGTERM or `npm stop`.
 */
'use strict';

const fs = require('fs');
const net = require('net');
const path = require('path');
const { spawnSync } = require('child_process');
const files = require('./addin-files');
const { trustHint, CA, CERT } = require('./dev-certs');

const ROOT = path.resolve(__dirname, '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const SAMPLE = path.join(ROOT, 'examples', 'sample-roster.xlsx');
const STATE_DIR = path.join(ROOT, 'node_modules', '.cache', 'mutual-aid');
const STATE_FILE = path.join(STATE_DIR, 'dev-server.json');
const PAGE_URL = `${files.devBaseUrl}${files.output.taskpaneHtml}`;

function officeAddinDebuggingCli() {
  try {
    return require.resolve('office-addin-debugging/cli.js', { paths: [ROOT] });
  } catch {
    return null;
  }
}

/** Sideloads into Excel desktop. Returns true when office-addin-debugging succeeded. */
function startDesktop() {
  const cli = officeAddinDebuggingCli();
  if (!cli) {
    console.log('office-addin-debugging is not installed (npm install): serving for Excel on the web instead.');
    return false;
  }
  const args = [cli, 'start', MANIFEST, 'desktop', '--app', 'excel', '--dev-server', 'npm run dev-server', '--dev-server-port', String(files.devServerPort)];
  if (fs.existsSync(SAMPLE)) args.push('--document', SAMPLE);
  console.log(
    `> office-addin-debugging ${args
      .slice(1)
      .map((a) => (/\s/.test(a) ? JSON.stringify(a) : a))
      .join(' ')}`,
  );
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status === 0) {
    console.log('\nExcel 桌面版已加载"互助保障"加载项;运行 npm stop 停止并卸载。');
    console.log('The add-in is sideloaded into Excel desktop; run npm stop to stop the server and remove it.');
    return true;
  }
  console.log(`\noffice-addin-debugging failed (${r.error ? r.error.message : `exit ${r.status}`}): serving for Excel on the web instead.`);
  return false;
}

function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: 'localhost', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

function instructions(reason) {
  const rule = '─'.repeat(72);
  return [
    rule,
    '互助保障 Excel 加载项开发服务器已启动 / Mutual Aid add-in dev server is running',
    `  ${PAGE_URL}`,
    `  清单 Manifest:       ${MANIFEST}`,
    `  证书 Certificate:    ${CERT}   (CA: ${CA})`,
    `  (${reason})`,
    '',
    '在网页版 Excel 中旁加载本加载项:',
    `  1. 让浏览器信任开发证书:在同一台电脑的浏览器中打开 ${PAGE_URL} ,`,
    '     如提示"您的连接不是私密连接",请把上面的 ca.crt 导入为受信任的根证书颁发机构(见下方英文说明)。',
    '  2. 打开 https://www.office.com ,新建或打开一个 Excel 工作簿。',
    '  3. 选择"开始"→"加载项"→"更多设置"(旧版界面为"插入"→"Office 加载项"),',
    '     再选择"上传我的加载项",浏览到上面的 manifest.xml,选择"上传"。',
    '     如浏览器询问是否允许访问本地网络上的设备,请选择允许。',
    '  4. "开始"选项卡上会出现"互助保障"按钮;在单元格中输入 =MUTUAL. 即可看到自定义函数。',
    '',
    'Sideload the add-in into Excel on the web:',
    `  1. Make your browser trust the dev certificate: open ${PAGE_URL} in a browser on this`,
    '     computer; if it warns about the connection, import the ca.crt above as a trusted authority.',
    '  2. Open https://www.office.com and create or open an Excel workbook.',
    '  3. Home → Add-ins → More Settings (older UI: Insert → Office Add-ins), then Upload My Add-in,',
    '     browse to the manifest.xml above and choose Upload. If the browser asks whether the page may',
    '     access devices on your local network, allow it.',
    '  4. A "Mutual Aid" (互助保障) button appears on the Home tab; type =MUTUAL. in a cell to see the',
    '     custom functions.',
    '',
    trustHint()
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
    '',
    '源代码修改后会自动重新构建,请手动刷新任务窗格。 Sources rebuild on change; reload the pane by hand.',
    '按 Ctrl+C 或运行 npm stop 停止服务器。       Press Ctrl+C or run npm stop to stop the server.',
    rule,
  ].join('\n');
}

async function startWeb(reason) {
  if (await portInUse(files.devServerPort)) {
    let who = 'another program';
    try {
      const state = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
      who = `an earlier npm start (pid ${state.pid})`;
    } catch {
      /* not ours */
    }
    console.error(`端口 ${files.devServerPort} 已被占用(${who})。请先运行 npm stop 或关闭占用该端口的程序。`);
    console.error(`Port ${files.devServerPort} is already in use by ${who}. Run npm stop, or close that program, and try again.`);
    process.exitCode = 1;
    return;
  }

  const webpack = require('webpack');
  const WebpackDevServer = require('webpack-dev-server');
  let config;
  try {
    config = await require(path.join(ROOT, 'webpack.config.js'))({ WEBPACK_SERVE: true }, { mode: 'development' });
  } catch (err) {
    console.error('无法准备 HTTPS 开发证书,服务器未启动。 The HTTPS dev certificate could not be prepared; nothing is served.');
    console.error(String((err && err.message) || err));
    process.exitCode = 1;
    return;
  }

  config.stats = 'errors-warnings';
  const compiler = webpack(config);
  const server = new WebpackDevServer({ ...config.devServer, setupExitSignals: false }, compiler);

  // webpack prints errors and warnings only (config.stats); the instructions follow its output.
  let firstBuild = true;
  compiler.hooks.done.tap('mutual-aid-start', (stats) => {
    setImmediate(() => {
      if (stats.hasErrors()) {
        console.error(`\n构建失败,见上方错误 Build failed, see the errors above; fix the sources and it rebuilds.`);
      } else {
        console.log(`\n构建完成 Build done: ${PAGE_URL}`);
      }
      if (firstBuild) {
        firstBuild = false;
        console.log(instructions(reason));
      }
    });
  });

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: 正在停止开发服务器 / stopping the dev server…`);
    try {
      await server.stop();
      await new Promise((resolve) => compiler.close(() => resolve()));
    } catch (err) {
      console.error(String((err && err.message) || err));
    }
    try {
      const state = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
      if (state.pid === process.pid) fs.rmSync(STATE_FILE, { force: true });
    } catch {
      /* already gone */
    }
    console.log('已停止 Stopped.');
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(signal));

  try {
    await server.start();
  } catch (err) {
    console.error(`开发服务器无法启动 The dev server could not start: ${(err && err.message) || err}`);
    process.exit(1);
  }
  fs.mkdirSync(STATE_DIR, { recursive: true });
  fs.writeFileSync(STATE_FILE, JSON.stringify({ pid: process.pid, port: files.devServerPort, url: PAGE_URL, started: new Date().toISOString() }, null, 2));
}

async function main() {
  const forceWeb = process.argv.includes('--web') || /^(1|true|yes)$/i.test(process.env.MUTUAL_AID_WEB || '');
  const desktopPlatform = process.platform === 'win32' || process.platform === 'darwin';
  if (desktopPlatform && !forceWeb && startDesktop()) return;
  const reason = forceWeb
    ? 'web mode requested'
    : desktopPlatform
      ? 'Excel desktop sideloading was not possible'
      : `${process.platform}: Excel desktop does not run here, so use Excel on the web`;
  await startWeb(reason);
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
