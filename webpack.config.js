/**
 * Office build: one shared-runtime page (taskpane.html) that loads both the custom functions and
 * the task pane, the functions metadata (en-US and zh-CN), icons and the manifest.
 *
 *   npx webpack --mode production                 → dist/ for hosting (office.js from Microsoft's CDN)
 *   OFFICE_JS_LOCAL=1 npx webpack --mode production → same, but office.js (and the one file it loads
 *                                                    outside Office) copied into dist/ and loaded
 *                                                    from there (browser tests, offline)
 *   npx webpack serve --mode development          → https://localhost:3000 (see scripts/start.js)
 *   ADDIN_BASE_URL=https://host/path/ …           → dist/manifest.xml points there instead of
 *                                                    https://localhost:3000/
 *
 * Layout of dist/ (names in scripts/addin-files.js, checked against manifest.xml by the tests):
 *   taskpane.html  functions.js  taskpane.js  functions.json  zh-CN/functions.json
 *   checker.html   (the offline checker page: one file, its scripts inlined)
 *   manifest.xml   assets/icon-{16,32,64,80,128}.png  [office.js]
 */
'use strict';

const path = require('path');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const files = require('./scripts/addin-files');
const { LocalizeMetadataPlugin } = require('./scripts/localize-metadata');
const { InlineCheckerPlugin } = require('./scripts/inline-checker');

const OFFICE_JS_DIST = path.dirname(require.resolve('@microsoft/office-js/dist/office.js'));

function flag(value) {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** Base URL for dist/manifest.xml: ADDIN_BASE_URL, else the dev server. Must be https. */
function manifestBaseUrl() {
  const url = process.env.ADDIN_BASE_URL;
  if (!url) return files.devBaseUrl;
  if (!/^https:\/\//i.test(url)) throw new Error(`ADDIN_BASE_URL must be an https:// URL, got ${url}`);
  return url.endsWith('/') ? url : `${url}/`;
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || 'production';
  const dev = mode === 'development';
  const serving = Boolean(env.WEBPACK_SERVE);
  const officeJsLocal = flag(process.env.OFFICE_JS_LOCAL);
  const baseUrl = manifestBaseUrl();

  /** @type {import('webpack').Configuration} */
  const config = {
    mode,
    // No eval-based source maps: the page's Content-Security-Policy forbids eval.
    devtool: 'source-map',
    context: __dirname,
    entry: {
      functions: files.entries.functions,
      taskpane: files.entries.taskpane,
      checker: files.entries.checker,
      checkerWorker: files.entries.checkerWorker,
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              configFile: path.resolve(__dirname, 'tsconfig.json'),
              // Type-check only what the bundle contains (not tests or the CLI).
              onlyCompileBundledFiles: true,
              compilerOptions: {
                // ES modules let webpack drop unused code; ES2017 keeps the bundle readable by
                // the older webviews of Office on Windows (no ?. or ?? in the output).
                module: 'es2020',
                target: 'es2017',
                sourceMap: true,
              },
            },
          },
        },
        {
          // chinese-days says "type": "commonjs" but its "module" entry (dist/index.es.js) is an
          // ES module; let webpack detect the module kind instead of trusting package.json.
          test: /\.js$/,
          include: /[\\/]node_modules[\\/]chinese-days[\\/]/,
          type: 'javascript/auto',
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: files.output.functionsMetadata,
        input: files.entries.functions,
      }),
      new LocalizeMetadataPlugin({
        source: files.output.functionsMetadata,
        locales: Object.fromEntries(
          Object.entries(files.output.localizedMetadata).map(([locale, output]) => [
            locale,
            { table: path.resolve(__dirname, files.translations[locale]), output },
          ]),
        ),
      }),
      new HtmlWebpackPlugin({
        filename: files.output.taskpaneHtml,
        template: files.taskpaneTemplate,
        // Shared runtime: the one page runs the custom functions and the task pane.
        // functions first, so that the functions are associated before the task pane starts.
        chunks: ['functions', 'taskpane'],
        chunksSortMode: 'manual',
        scriptLoading: 'defer',
        templateParameters: {
          officeJsUrl: officeJsLocal ? files.output.localOfficeJs : files.officeJsCdn,
        },
      }),
      new InlineCheckerPlugin({
        template: path.resolve(__dirname, files.checkerTemplate),
        html: files.output.checkerHtml,
        pageScript: 'checker.js',
        workerScript: 'checkerWorker.js',
        workerGlobal: '__CHECKER_WORKER_SOURCE__',
      }),
      new CopyWebpackPlugin({
        patterns: [
          ...files.iconSizes.map((size) => ({ from: files.iconFile(size), to: files.iconFile(size) })),
          { from: files.supportSource, to: files.output.supportPage },
          {
            from: 'manifest.xml',
            to: files.output.manifest,
            transform(content) {
              return baseUrl === files.devBaseUrl ? content : content.toString().split(files.devBaseUrl).join(baseUrl);
            },
          },
          // Microsoft's files as shipped (not minified again). Outside Office, office.js also
          // loads o15apptofilemappingtable.js from its own folder before Office.onReady resolves.
          ...(officeJsLocal
            ? files.output.localOfficeJsFiles.map((f) => ({
                from: path.join(OFFICE_JS_DIST, f),
                to: f,
                info: { minimized: true },
              }))
            : []),
        ],
      }),
    ],
    performance: {
      // office.js is not bundled; the rules core is the largest part and is fine at this size.
      hints: false,
    },
  };

  if (serving) {
    const { getHttpsOptions } = require('./scripts/dev-certs');
    const https = await getHttpsOptions();
    config.devServer = {
      host: 'localhost',
      port: files.devServerPort,
      server: { type: 'https', options: { ca: https.ca, cert: https.cert, key: https.key } },
      // Excel on the web fetches functions.json from its own origin.
      headers: { 'Access-Control-Allow-Origin': '*' },
      // Serve the build only (not the project folder). No client script, no websocket: the
      // page's CSP allows no ws:// connection and no inline script. Reload by hand.
      static: false,
      hot: false,
      liveReload: false,
      client: false,
      webSocketServer: false,
      devMiddleware: { writeToDisk: false },
    };
  }

  return config;
};
