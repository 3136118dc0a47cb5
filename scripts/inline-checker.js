/**
 * Makes dist/checker.html one self-contained file: the page's script and its worker's script are
 * written into the HTML (the worker as a string the page starts from a Blob URL), and the
 * Content-Security-Policy allows exactly that script by its SHA-256 hash. One file works from an
 * intranet server and opened as file:// (where a page may not load a worker from a file), and a
 * county office can hand it out as it is.
 */
'use strict';

const crypto = require('crypto');
const fs = require('fs');

const NAME = 'InlineCheckerPlugin';

/** Text that would end or confuse an HTML script element, written as an escape JavaScript reads the same (in strings, regexes and comments). */
function scriptSafe(code) {
  return code.replace(/<(\/script|!--)/gi, '\\x3c$1');
}

function withoutSourceMapComment(code) {
  return code.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '');
}

/** The page's HTML from the template, the two bundles' code and the global that carries the worker's code. */
function inlinePage(template, pageCode, workerCode, workerGlobal) {
  const worker = JSON.stringify(withoutSourceMapComment(workerCode)).replace(/</g, '\\u003c');
  const script = `var ${workerGlobal}=${worker};\n${scriptSafe(withoutSourceMapComment(pageCode))}`;
  const hash = crypto.createHash('sha256').update(script, 'utf8').digest('base64');
  if (!template.includes('%SCRIPT_HASH%') || !template.includes('<!--SCRIPT-->')) throw new Error(`${NAME}: template lacks %SCRIPT_HASH% or <!--SCRIPT-->`);
  return template.replace('%SCRIPT_HASH%', `sha256-${hash}`).replace('<!--SCRIPT-->', () => `<script>${script}</script>`);
}

class InlineCheckerPlugin {
  /** @param {{ template: string, html: string, pageScript: string, workerScript: string, workerGlobal: string }} options */
  constructor(options) {
    this.options = options;
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    const { template, html, pageScript, workerScript, workerGlobal } = this.options;
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.fileDependencies.add(template);
      // After minifying and source maps (DEV_TOOLING), before hashes and reports.
      compilation.hooks.processAssets.tap({ name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE }, () => {
        const page = compilation.getAsset(pageScript);
        const worker = compilation.getAsset(workerScript);
        if (!page || !worker) {
          compilation.errors.push(new Error(`${NAME}: ${pageScript} or ${workerScript} was not built`));
          return;
        }
        const text = inlinePage(fs.readFileSync(template, 'utf8'), page.source.source().toString(), worker.source.source().toString(), workerGlobal);
        // Marked minimized: a minifier rewriting the inlined script would no longer match its hash.
        compilation.emitAsset(html, new sources.RawSource(text), { minimized: true });
        for (const name of [pageScript, workerScript, `${pageScript}.map`, `${workerScript}.map`]) {
          if (compilation.getAsset(name)) compilation.deleteAsset(name);
        }
      });
    });
  }
}

module.exports = { InlineCheckerPlugin, inlinePage, scriptSafe };
