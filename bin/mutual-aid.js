#!/usr/bin/env node
// The `mutual-aid` command: runs the compiled CLI in lib/ (built by `npm run build`, or `npx tsc -p tsconfig.cli.json`).
'use strict';
const path = require('path');
const fs = require('fs');

const entry = path.join(__dirname, '..', 'lib', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('mutual-aid: 尚未编译,请先运行 npm run build(或 npx tsc -p tsconfig.cli.json)\n');
  process.exit(2);
}
require(entry).main();
