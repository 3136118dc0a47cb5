/**
 * The names of everything the Office build emits and the manifest points at, in one place.
 * webpack.config.js builds these files; scripts/manifest-checks.js checks that manifest.xml asks
 * for exactly these; so a rename in one place cannot silently break the other.
 */
'use strict';

const DEV_SERVER_PORT = Number(process.env.npm_package_config_dev_server_port) || 3000;

module.exports = {
  devServerPort: DEV_SERVER_PORT,
  /** Base URL written in manifest.xml (the dev server). */
  devBaseUrl: `https://localhost:${DEV_SERVER_PORT}/`,
  /** Custom functions namespace (manifest Functions.Namespace). */
  namespace: 'MUTUAL',

  entries: {
    functions: './src/functions/functions.ts',
    taskpane: './src/taskpane/index.tsx',
    /** The offline checker page and its worker (inlined into checker.html, see scripts/inline-checker.js). */
    checker: './src/checker/index.tsx',
    checkerWorker: './src/checker/worker.entry.ts',
  },
  /** Input of the metadata generator (JSDoc @customfunction). */
  functionsSource: 'src/functions/functions.ts',
  taskpaneTemplate: 'src/taskpane/taskpane.html',
  checkerTemplate: 'src/checker/checker.html',
  supportSource: 'src/support/support.html',

  /** Files in dist/, relative to dist/ (and to the base URL). */
  output: {
    taskpaneHtml: 'taskpane.html',
    functionsScript: 'functions.js',
    taskpaneScript: 'taskpane.js',
    functionsMetadata: 'functions.json',
    manifest: 'manifest.xml',
    /** The offline checker page for clerks whose Excel cannot load the add-in: one self-contained file. */
    checkerHtml: 'checker.html',
    /** The manifest's SupportUrl: a static help page (versions, where to turn). */
    supportPage: 'support.html',
    /** Localized copies of functions.json, by locale. */
    localizedMetadata: { 'zh-CN': 'zh-CN/functions.json' },
    /** Local copy of office.js, only in OFFICE_JS_LOCAL=1 builds (browser tests). */
    localOfficeJs: 'office.js',
    /** Files copied from @microsoft/office-js/dist/ in OFFICE_JS_LOCAL=1 builds. */
    localOfficeJsFiles: ['office.js', 'o15apptofilemappingtable.js'],
  },

  /** Translation tables of the function metadata, by locale (relative to the project root). */
  translations: { 'zh-CN': 'src/functions/locales/zh-CN.json' },

  /** PNG icons, committed under assets/ and copied to dist/assets/. */
  iconSizes: [16, 32, 64, 80, 128],
  iconFile: (size) => `assets/icon-${size}.png`,

  officeJsCdn: 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
};
