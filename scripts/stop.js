#!/usr/bin/env node
/**
 * npm stop
 *
 * Windows / macOS: office-addin-debugging stop (stops its dev server, removes the sideloaded add-in).
 * Everywhere: stops the dev server that `npm start` served itself (recorded in
 * node_modules/.cache/mutual-aid/dev-server.json), and nothing else.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const STATE_FILE = path.join(ROOT, 'node_modules', '.cache', 'mutual-aid', 'dev-server.json');

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** On Linux, make sure the pid is still our start script and not a recycled number. */
function isOurServer(pid) {
  const cmdline = `/proc/${pid}/cmdline`;
  if (!fs.existsSync('/proc/self/cmdline')) return true; // no /proc: trust the state file
  try {
    return fs.readFileSync(cmdline, 'utf8').includes(path.join('scripts', 'start.js'));
  } catch {
    return false;
  }
}

async function stopOwnServer() {
  let state;
  try {
    state = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
  } catch {
    console.log('没有由 npm start 启动的开发服务器在运行。 No dev server started by npm start is running.');
    return;
  }
  const pid = Number(state.pid);
  if (!pid || !alive(pid) || !isOurServer(pid)) {
    fs.rmSync(STATE_FILE, { force: true });
    console.log(`开发服务器 (pid ${pid}) 已不在运行。 The dev server (pid ${pid}) is no longer running.`);
    return;
  }
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 15000 && alive(pid); waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (alive(pid)) {
    console.log(`开发服务器 (pid ${pid}) 未在 15 秒内退出。 The dev server (pid ${pid}) did not exit within 15 s.`);
    process.exitCode = 1;
    return;
  }
  fs.rmSync(STATE_FILE, { force: true });
  console.log(`已停止开发服务器 (pid ${pid})。 Stopped the dev server (pid ${pid}) at ${state.url}.`);
}

async function main() {
  if (process.platform === 'win32' || process.platform === 'darwin') {
    let cli = null;
    try {
      cli = require.resolve('office-addin-debugging/cli.js', { paths: [ROOT] });
    } catch {
      /* not installed */
    }
    if (cli) {
      const r = spawnSync(process.execPath, [cli, 'stop', MANIFEST, 'desktop'], { cwd: ROOT, stdio: 'inherit' });
      if (r.status !== 0) process.exitCode = r.status || 1;
    }
  }
  await stopOwnServer();
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
