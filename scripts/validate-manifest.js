#!/usr/bin/env node
/**
 * npm run validate: offline checks of manifest.xml (scripts/manifest-checks.js).
 *
 *   npm run validate                       checks manifest.xml (and dist/ when it has been built)
 *   npm run validate -- dist/manifest.xml  checks another manifest, e.g. a production copy, whose
 *                                          URLs may be based elsewhere (ADDIN_BASE_URL)
 *
 * Microsoft's own validator (`npx office-addin-manifest validate manifest.xml`) posts the manifest
 * to a web service and so needs the network; run it too before publishing.
 */
'use strict';

const path = require('path');
const { runManifestChecks, formatResults } = require('./manifest-checks');

async function main() {
  const root = path.resolve(__dirname, '..');
  const arg = process.argv[2];
  const options = { root };
  if (arg) {
    options.manifest = path.resolve(arg);
    if (process.env.ADDIN_BASE_URL) options.baseUrl = process.env.ADDIN_BASE_URL.replace(/\/?$/, '/');
  }
  console.log(`Checking ${path.relative(process.cwd(), options.manifest || path.join(root, 'manifest.xml'))} offline.`);
  const results = await runManifestChecks(options);
  console.log(formatResults(results));
  console.log(
    '\nThese checks are offline. Microsoft\'s validator, "npx office-addin-manifest validate manifest.xml",\n' +
      'sends the manifest to a Microsoft web service and needs the network.',
  );
  process.exitCode = results.some((r) => r.status === 'fail') ? 1 : 0;
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exitCode = 1;
});
