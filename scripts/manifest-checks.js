/**
 * Offline checks of manifest.xml, shared by `npm run validate` (scripts/validate-manifest.js) and
 * the jest suite (test/manifest.test.ts).
 *
 * `office-addin-manifest validate` posts the manifest to a Microsoft web service, so it needs the
 * network; these checks need none. They cover what this add-in depends on: the XML parses, every
 * resid resolves to a resource of the right kind, every URL is https and names a file that the
 * webpack build emits (names read from webpack.config.js itself), the shared runtime is wired the
 * same everywhere, the namespace, permissions, requirement sets, and the zh-CN overrides.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { DOMParser } = require('@xmldom/xmldom');
const addinFiles = require('./addin-files');

const NS = {
  app: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  ov: 'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ZH = 'zh-CN';
const LIMITS = { short: 125, long: 250, url: 2048 };

/** Which resource kind a resid on a given element must name. */
const RESID_KIND = {
  SourceLocation: 'url',
  Runtime: 'url',
  FunctionFile: 'url',
  LearnMoreUrl: 'url',
  Namespace: 'short',
  Label: 'short',
  Title: 'short',
  Description: 'long',
  Image: 'image',
};

// ---------------------------------------------------------------------------------------------
// Small DOM helpers

function elements(node, ns, localName) {
  return Array.from(node.getElementsByTagNameNS(ns, localName));
}

function children(node, ns, localName) {
  return Array.from(node.childNodes || []).filter((c) => c.nodeType === 1 && c.namespaceURI === ns && (!localName || c.localName === localName));
}

function allElements(node) {
  const out = [];
  const walk = (n) => {
    for (const c of Array.from(n.childNodes || [])) {
      if (c.nodeType === 1) {
        out.push(c);
        walk(c);
      }
    }
  };
  walk(node);
  return out;
}

function xsiType(el) {
  return el.getAttributeNS(NS.xsi, 'type');
}

function text(el) {
  return el ? String(el.textContent || '').trim() : '';
}

function where(el) {
  return el.lineNumber ? ` (line ${el.lineNumber})` : '';
}

/** The overrides of a base-manifest setting (DisplayName …) or of a resource (bt:String …). */
function overrides(el) {
  const ns = el.namespaceURI === NS.bt ? NS.bt : NS.app;
  return children(el, ns, 'Override').map((o) => ({ locale: o.getAttribute('Locale'), value: o.getAttribute('Value') }));
}

/** Width and height of a PNG file, or null when it is not a PNG. */
function pngSize(file) {
  const buf = fs.readFileSync(file);
  const signature = '89504e470d0a1a0a';
  if (buf.length < 24 || buf.subarray(0, 8).toString('hex') !== signature) return null;
  if (buf.subarray(12, 16).toString('ascii') !== 'IHDR') return null;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

function versionAtLeast(actual, wanted) {
  const a = String(actual).split('.').map(Number);
  const w = String(wanted).split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, w.length); i++) {
    const x = a[i] || 0;
    const y = w[i] || 0;
    if (x !== y) return x > y;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// What the build emits, read from webpack.config.js

/**
 * Names of the files that `webpack --mode production` writes to dist/, derived from the webpack
 * configuration object (entries × output.filename and the plugins' output options).
 * @returns {Promise<{files: Set<string>, byRole: Record<string, any>}>}
 */
async function webpackOutputs(root) {
  const configPath = path.join(root, 'webpack.config.js');
  delete require.cache[require.resolve(configPath)];
  const exported = require(configPath);
  const config = typeof exported === 'function' ? await exported({ WEBPACK_BUILD: true }, { mode: 'production' }) : exported;
  const outFiles = new Set();
  const byRole = { scripts: {}, html: [], metadata: null, localizedMetadata: {}, copied: [] };

  const filename = (config.output && config.output.filename) || '[name].js';
  for (const name of Object.keys(config.entry || {})) {
    const f = filename.replace('[name]', name);
    outFiles.add(f);
    byRole.scripts[name] = f;
  }
  for (const plugin of config.plugins || []) {
    const kind = plugin && plugin.constructor && plugin.constructor.name;
    if (kind === 'CustomFunctionsMetadataPlugin') {
      outFiles.add(plugin.options.output);
      byRole.metadata = plugin.options.output;
    } else if (kind === 'LocalizeMetadataPlugin') {
      for (const [locale, { output }] of Object.entries(plugin.options.locales)) {
        outFiles.add(output);
        byRole.localizedMetadata[locale] = output;
      }
    } else if (kind === 'InlineCheckerPlugin') {
      // The offline checker page: its two scripts are written into the HTML, not emitted on their own.
      const { html, pageScript, workerScript } = plugin.options;
      for (const [name, f] of Object.entries(byRole.scripts)) {
        if (f === pageScript || f === workerScript) {
          outFiles.delete(f);
          delete byRole.scripts[name];
        }
      }
      outFiles.add(html);
      byRole.checkerHtml = html;
    } else if (kind === 'HtmlWebpackPlugin') {
      const o = plugin.userOptions || plugin.options || {};
      outFiles.add(o.filename);
      byRole.html.push({ filename: o.filename, chunks: o.chunks });
    } else if (kind === 'CopyPlugin' || kind === 'CopyWebpackPlugin') {
      for (const p of plugin.patterns || []) {
        if (typeof p.to === 'string') {
          outFiles.add(p.to);
          byRole.copied.push(p.to);
        }
      }
    }
  }
  return { files: outFiles, byRole };
}

// ---------------------------------------------------------------------------------------------
// Checks

/**
 * Runs every check. Each result: { title, status: 'pass' | 'fail' | 'skip', details: string[] }.
 * @param {{root?: string, manifest?: string, dist?: string|false, baseUrl?: string}} [options]
 *   manifest: path of the manifest (default manifest.xml); dist: the build folder to compare with
 *   (default dist/, skipped when absent; false to skip); baseUrl: the base every URL must start with
 *   (default https://localhost:3000/ for the source manifest).
 */
async function runManifestChecks(options = {}) {
  const root = options.root || path.resolve(__dirname, '..');
  const manifestPath = options.manifest || path.join(root, 'manifest.xml');
  const distDir = options.dist === false ? null : options.dist || path.join(root, 'dist');
  const expectedBase = options.baseUrl || addinFiles.devBaseUrl;
  const results = [];
  const check = (title, fn) => {
    try {
      const out = fn();
      if (out && out.skip) results.push({ title, status: 'skip', details: [out.skip] });
      else {
        const problems = (out && out.problems) || [];
        const notes = (out && out.notes) || [];
        results.push({ title, status: problems.length ? 'fail' : 'pass', details: problems.length ? problems : notes });
      }
    } catch (err) {
      results.push({ title, status: 'fail', details: [String((err && err.stack) || err)] });
    }
  };

  // 1. Parse.
  let doc = null;
  const parseErrors = [];
  check('manifest.xml is well-formed XML', () => {
    const xml = fs.readFileSync(manifestPath, 'utf8');
    try {
      doc = new DOMParser({
        onError: (level, msg) => {
          if (level !== 'warning') parseErrors.push(`${level}: ${msg}`);
        },
      }).parseFromString(xml, 'text/xml');
    } catch (err) {
      parseErrors.push(String(err.message || err));
      doc = null;
    }
    return { problems: parseErrors, notes: [path.relative(root, manifestPath) || manifestPath] };
  });
  if (!doc || parseErrors.length) return results;

  const app = doc.documentElement;
  const first = (ns, name, parent = app) => children(parent, ns, name)[0] || null;

  check('root is an OfficeApp of type TaskPaneApp (schema 1.1)', () => {
    const problems = [];
    if (app.localName !== 'OfficeApp' || app.namespaceURI !== NS.app) {
      problems.push(`root element is {${app.namespaceURI}}${app.localName}`);
    }
    if (xsiType(app) !== 'TaskPaneApp') problems.push(`xsi:type is "${xsiType(app)}", want TaskPaneApp`);
    return { problems };
  });

  check('Id is a GUID', () => {
    const id = text(first(NS.app, 'Id'));
    return GUID.test(id) ? { notes: [id] } : { problems: [`Id "${id}" is not a GUID`] };
  });

  check('Version has 1–4 numeric parts and matches package.json', () => {
    const version = text(first(NS.app, 'Version'));
    const problems = [];
    if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(version)) problems.push(`Version "${version}" is not n.n.n.n`);
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
      const want = String(pkg.version).split('-')[0];
      if (!`${version}.`.startsWith(`${want}.`)) problems.push(`Version ${version} does not start with package.json version ${want}`);
    } catch {
      /* no package.json next to the manifest: nothing to compare */
    }
    return { problems, notes: [version] };
  });

  check('DefaultLocale is en-US', () => {
    const locale = text(first(NS.app, 'DefaultLocale'));
    return locale === 'en-US' ? {} : { problems: [`DefaultLocale is "${locale}"`] };
  });

  check('DisplayName and Description have a zh-CN override', () => {
    const problems = [];
    const notes = [];
    for (const [name, limit] of [
      ['DisplayName', LIMITS.short],
      ['Description', LIMITS.long],
    ]) {
      const el = first(NS.app, name);
      if (!el) {
        problems.push(`no ${name}`);
        continue;
      }
      const def = el.getAttribute('DefaultValue');
      if (!def) problems.push(`${name} has no DefaultValue`);
      const ov = overrides(el);
      const zh = ov.find((o) => o.locale === ZH);
      if (!zh || !zh.value) problems.push(`${name} has no <Override Locale="${ZH}">`);
      else notes.push(`${name} zh-CN: ${zh.value}`);
      for (const v of [def, ...ov.map((o) => o.value)]) {
        if (v && [...v].length > limit) problems.push(`${name} "${v.slice(0, 40)}…" is longer than ${limit} characters`);
      }
    }
    return { problems, notes };
  });

  check('Hosts: Workbook (Excel) only', () => {
    const hosts = children(first(NS.app, 'Hosts') || app, NS.app, 'Host').map((h) => h.getAttribute('Name'));
    return hosts.length === 1 && hosts[0] === 'Workbook' ? {} : { problems: [`Hosts: ${hosts.join(', ') || 'none'}`] };
  });

  check('Requirements: SharedRuntime ≥ 1.1 and CustomFunctionsRuntime ≥ 1.1', () => {
    const sets = elements(first(NS.app, 'Requirements') || app, NS.app, 'Set');
    const setsEl = elements(app, NS.app, 'Sets')[0];
    const defaultMin = setsEl ? setsEl.getAttribute('DefaultMinVersion') || '1.1' : '1.1';
    const found = Object.fromEntries(sets.map((s) => [s.getAttribute('Name'), s.getAttribute('MinVersion') || defaultMin]));
    const problems = [];
    for (const [name, min] of [
      ['SharedRuntime', '1.1'],
      ['CustomFunctionsRuntime', '1.1'],
    ]) {
      if (!found[name]) problems.push(`no <Set Name="${name}">`);
      else if (!versionAtLeast(found[name], min)) problems.push(`${name} ${found[name]} < ${min}`);
    }
    return { problems, notes: Object.entries(found).map(([n, v]) => `${n} ${v}`) };
  });

  check('Permissions: ReadWriteDocument', () => {
    const p = text(first(NS.app, 'Permissions'));
    return p === 'ReadWriteDocument' ? {} : { problems: [`Permissions is "${p}"`] };
  });

  // Resources.
  const vo = first(NS.ov, 'VersionOverrides');
  const resources = new Map(); // id -> {kind, el, value, overrides}
  const duplicateIds = [];
  if (vo) {
    const res = elements(vo, NS.ov, 'Resources')[0];
    const groups = [
      ['Images', 'Image', 'image'],
      ['Urls', 'Url', 'url'],
      ['ShortStrings', 'String', 'short'],
      ['LongStrings', 'String', 'long'],
    ];
    for (const [groupName, itemName, kind] of groups) {
      for (const group of res ? children(res, NS.bt, groupName) : []) {
        for (const item of children(group, NS.bt, itemName)) {
          const id = item.getAttribute('id');
          if (resources.has(id)) duplicateIds.push(id);
          resources.set(id, { kind, el: item, value: item.getAttribute('DefaultValue'), overrides: overrides(item) });
        }
      }
    }
  }
  const urlOf = (resid) => (resources.get(resid) || {}).value;

  check('VersionOverrides: VersionOverridesV1_0 in the task-pane namespace', () => {
    if (!vo) return { problems: ['no <VersionOverrides xmlns="' + NS.ov + '">'] };
    return xsiType(vo) === 'VersionOverridesV1_0' ? {} : { problems: [`xsi:type is "${xsiType(vo)}": a TaskPaneApp supports only VersionOverridesV1_0`] };
  });
  if (!vo) return results;

  check('every resid resolves to a resource of the right kind', () => {
    const problems = [];
    const used = new Set();
    let count = 0;
    for (const el of allElements(vo)) {
      const resid = el.getAttribute('resid');
      if (!resid) continue;
      count++;
      used.add(resid);
      const r = resources.get(resid);
      const want = RESID_KIND[el.localName];
      if (!r) problems.push(`<${el.nodeName} resid="${resid}">${where(el)}: no such resource`);
      else if (want && r.kind !== want) {
        problems.push(`<${el.nodeName} resid="${resid}">${where(el)}: needs a ${want} resource, found ${r.kind}`);
      }
    }
    for (const id of duplicateIds) problems.push(`resource id "${id}" is defined twice`);
    for (const id of resources.keys()) if (!used.has(id)) problems.push(`resource "${id}" is never used`);
    for (const [id, r] of resources) {
      if (!r.value) problems.push(`resource "${id}" has no DefaultValue`);
      const limit = r.kind === 'short' ? LIMITS.short : r.kind === 'long' ? LIMITS.long : LIMITS.url;
      for (const v of [r.value, ...r.overrides.map((o) => o.value)]) {
        if (v && [...v].length > limit) problems.push(`resource "${id}" has a value longer than ${limit} characters`);
      }
    }
    return { problems, notes: [`${count} resid references, ${resources.size} resources`] };
  });

  check('every URL is https', () => {
    const problems = [];
    let count = 0;
    for (const el of [app, ...allElements(app)]) {
      for (const attr of Array.from(el.attributes || [])) {
        if (attr.name === 'xmlns' || attr.name.startsWith('xmlns:')) continue;
        if (!/^[a-z][a-z0-9+.-]*:/i.test(attr.value) || !/\/\//.test(attr.value)) continue;
        count++;
        let url;
        try {
          url = new URL(attr.value);
        } catch {
          problems.push(`${el.nodeName}@${attr.name}${where(el)}: "${attr.value}" is not a URL`);
          continue;
        }
        if (url.protocol !== 'https:') problems.push(`${el.nodeName}@${attr.name}${where(el)}: ${attr.value} is not https`);
      }
    }
    for (const d of elements(app, NS.app, 'AppDomain')) {
      count++;
      if (!/^https:\/\//i.test(text(d))) problems.push(`AppDomain ${text(d)} is not https`);
    }
    return { problems, notes: [`${count} URLs`] };
  });

  // Shared runtime wiring.
  const host = elements(vo, NS.ov, 'Host').find((h) => xsiType(h) === 'Workbook');
  check('shared runtime: one long-lived Runtime, used by the functions page, function file and task pane', () => {
    if (!host) return { problems: ['no <Host xsi:type="Workbook"> in VersionOverrides'] };
    const problems = [];
    const runtimes = elements(host, NS.ov, 'Runtime');
    if (runtimes.length !== 1) return { problems: [`${runtimes.length} <Runtime> elements, want 1`] };
    const rt = runtimes[0];
    const resid = rt.getAttribute('resid');
    if (rt.getAttribute('lifetime') !== 'long') problems.push('Runtime lifetime is not "long"');
    const firstChild = children(host, NS.ov)[0];
    if (!firstChild || firstChild.localName !== 'Runtimes') problems.push('<Runtimes> must be the first child of <Host>');
    const cf = elements(host, NS.ov, 'ExtensionPoint').find((e) => xsiType(e) === 'CustomFunctions');
    const page = cf && elements(cf, NS.ov, 'Page')[0];
    const pageLoc = page && elements(page, NS.ov, 'SourceLocation')[0];
    if (!pageLoc || pageLoc.getAttribute('resid') !== resid) problems.push(`CustomFunctions <Page> must use resid="${resid}"`);
    for (const ff of elements(host, NS.ov, 'FunctionFile')) {
      if (ff.getAttribute('resid') !== resid) problems.push(`<FunctionFile> must use resid="${resid}"`);
    }
    const actions = elements(host, NS.ov, 'Action').filter((a) => xsiType(a) === 'ShowTaskpane');
    if (actions.length === 0) problems.push('no ShowTaskpane action');
    const paneIds = new Set();
    for (const a of actions) {
      const loc = elements(a, NS.ov, 'SourceLocation')[0];
      if (!loc || loc.getAttribute('resid') !== resid) problems.push(`ShowTaskpane must use resid="${resid}"`);
      const tid = text(elements(a, NS.ov, 'TaskpaneId')[0]);
      if (!tid) problems.push('ShowTaskpane has no <TaskpaneId> (without one it is a second task pane)');
      paneIds.add(tid);
    }
    if (paneIds.size > 1) problems.push(`more than one TaskpaneId (${[...paneIds].join(', ')}): the shared runtime supports one task pane`);
    const defaultSource = elements(first(NS.app, 'DefaultSettings') || app, NS.app, 'SourceLocation')[0];
    if (!defaultSource || defaultSource.getAttribute('DefaultValue') !== urlOf(resid)) {
      problems.push(`DefaultSettings/SourceLocation must be the runtime page ${urlOf(resid)}`);
    }
    return { problems, notes: [`runtime page ${urlOf(resid)}`] };
  });

  const customFunctions = host && elements(host, NS.ov, 'ExtensionPoint').find((e) => xsiType(e) === 'CustomFunctions');
  const cfResid = (name) => {
    const el = customFunctions && elements(customFunctions, NS.ov, name)[0];
    if (!el) return null;
    if (name === 'Namespace') return el.getAttribute('resid');
    const loc = elements(el, NS.ov, 'SourceLocation')[0];
    return loc ? loc.getAttribute('resid') : null;
  };

  check(`custom functions namespace is ${addinFiles.namespace}`, () => {
    if (!customFunctions) return { problems: ['no <ExtensionPoint xsi:type="CustomFunctions">'] };
    const problems = [];
    for (const name of ['Script', 'Page', 'Metadata', 'Namespace']) if (!cfResid(name)) problems.push(`no ${name}`);
    const ns = urlOf(cfResid('Namespace'));
    if (ns !== addinFiles.namespace) problems.push(`namespace is "${ns}"`);
    const r = resources.get(cfResid('Namespace'));
    if (r && r.overrides.length) problems.push('the namespace must not be localized');
    return { problems };
  });

  // Files: what webpack.config.js says the build emits.
  let outputs = null;
  let outputsError = null;
  try {
    outputs = await webpackOutputs(root);
  } catch (err) {
    outputsError = err;
  }

  /** Manifest URL → path relative to the base URL, or null when it is elsewhere. */
  const base = (() => {
    const pageUrl = urlOf(cfResid('Page'));
    const html = outputs && outputs.byRole.html[0] && outputs.byRole.html[0].filename;
    if (pageUrl && html && pageUrl.endsWith(`/${html}`)) return pageUrl.slice(0, -html.length);
    return expectedBase;
  })();
  const rel = (url) => (url && url.startsWith(base) ? decodeURI(url.slice(base.length).split(/[?#]/)[0]) : null);

  const manifestUrls = [];
  for (const [id, r] of resources) {
    if (r.kind === 'url' || r.kind === 'image') {
      manifestUrls.push({ where: `resource ${id}`, url: r.value });
      for (const o of r.overrides) manifestUrls.push({ where: `resource ${id} (${o.locale})`, url: o.value });
    }
  }
  for (const name of ['IconUrl', 'HighResolutionIconUrl', 'SupportUrl']) {
    const el = first(NS.app, name);
    if (el) manifestUrls.push({ where: name, url: el.getAttribute('DefaultValue') });
  }
  const ds = elements(first(NS.app, 'DefaultSettings') || app, NS.app, 'SourceLocation')[0];
  if (ds) manifestUrls.push({ where: 'DefaultSettings/SourceLocation', url: ds.getAttribute('DefaultValue') });

  check('the build (webpack.config.js) emits the files the manifest names', () => {
    if (!outputs) return { problems: [`cannot load webpack.config.js: ${outputsError && outputsError.message}`] };
    const problems = [];
    if (base !== expectedBase) problems.push(`URLs are based at ${base}, want ${expectedBase}`);
    for (const { where: w, url } of manifestUrls) {
      const p = rel(url);
      if (p === null) problems.push(`${w}: ${url} is not under ${base}`);
      else if (!outputs.files.has(p)) problems.push(`${w}: ${p} is not emitted by the build`);
    }
    const want = [
      ['Page', outputs.byRole.html[0] && outputs.byRole.html[0].filename],
      ['Script', outputs.byRole.scripts.functions],
      ['Metadata', outputs.byRole.metadata],
    ];
    for (const [name, file] of want) {
      const url = urlOf(cfResid(name));
      if (!file) problems.push(`webpack.config.js emits no file for the functions ${name}`);
      else if (rel(url) !== file) problems.push(`functions ${name} is ${url}, want ${base}${file}`);
    }
    const html = outputs.byRole.html[0];
    if (!html || !html.chunks || !html.chunks.includes('functions') || !html.chunks.includes('taskpane')) {
      problems.push('the runtime page must load both the functions and the taskpane chunks');
    }
    return { problems, notes: [`${manifestUrls.length} URLs under ${base}; the build emits ${[...outputs.files].sort().join(', ')}`] };
  });

  check('SupportUrl: the help page the build emits (AppSource requires a SupportUrl)', () => {
    const el = first(NS.app, 'SupportUrl');
    if (!el) return { problems: ['no <SupportUrl>'] };
    const url = el.getAttribute('DefaultValue') || '';
    const page = addinFiles.output.supportPage;
    const problems = [];
    if (!/^https:\/\//i.test(url)) problems.push(`SupportUrl ${url} is not https`);
    if (rel(url) !== page) problems.push(`SupportUrl is ${url}, want ${base}${page}`);
    if (outputs && !outputs.files.has(page)) problems.push(`webpack.config.js does not emit ${page}`);
    // Schema order: SupportUrl follows the icons and comes before AppDomains and Hosts.
    const order = Array.from(app.childNodes)
      .filter((n) => n.nodeType === 1)
      .map((n) => n.localName);
    const at = order.indexOf('SupportUrl');
    if (at < order.indexOf('HighResolutionIconUrl') || (order.includes('Hosts') && at > order.indexOf('Hosts'))) {
      problems.push('SupportUrl must come after HighResolutionIconUrl and before Hosts');
    }
    return { problems, notes: [url] };
  });

  check('functions metadata: a zh-CN override points at the localized JSON', () => {
    const r = resources.get(cfResid('Metadata'));
    if (!r) return { problems: ['no metadata URL resource'] };
    const problems = [];
    const localized = outputs ? outputs.byRole.localizedMetadata : addinFiles.output.localizedMetadata;
    if (!localized[ZH]) problems.push(`the build makes no ${ZH} metadata`);
    for (const [locale, file] of Object.entries(localized)) {
      const o = r.overrides.find((x) => x.locale === locale);
      if (!o) problems.push(`no <bt:Override Locale="${locale}"> on ${cfResid('Metadata')}`);
      else if (rel(o.value) !== file) problems.push(`${locale} metadata is ${o.value}, want ${base}${file}`);
    }
    for (const o of r.overrides) if (!localized[o.locale]) problems.push(`override for ${o.locale}, which the build does not make`);
    return { problems, notes: r.overrides.map((o) => `${o.locale}: ${o.value}`) };
  });

  check('ribbon and task pane strings have zh-CN overrides', () => {
    const problems = [];
    const notes = [];
    for (const [id, r] of resources) {
      if (r.kind !== 'short' && r.kind !== 'long') continue;
      if (id === cfResid('Namespace')) continue;
      const zh = r.overrides.find((o) => o.locale === ZH);
      if (!zh || !zh.value) problems.push(`${id} has no ${ZH} override`);
      else notes.push(`${id}: ${zh.value}`);
    }
    return { problems, notes };
  });

  check('icons: PNG files of the declared sizes', () => {
    const problems = [];
    const sizeOfUrl = (url) => {
      const p = rel(url);
      if (!p) return null;
      const file = path.join(root, p);
      if (!fs.existsSync(file)) {
        problems.push(`${p} does not exist in the project`);
        return null;
      }
      const s = pngSize(file);
      if (!s) problems.push(`${p} is not a PNG`);
      else if (s.width !== s.height) problems.push(`${p} is not square`);
      return s && s.width;
    };
    for (const el of elements(vo, NS.bt, 'Image').filter((i) => i.getAttribute('resid'))) {
      const size = Number(el.getAttribute('size'));
      const got = sizeOfUrl(urlOf(el.getAttribute('resid')));
      if (got && got !== size) problems.push(`${el.getAttribute('resid')} is ${got} px, used as size ${size}`);
    }
    for (const [name, size] of [
      ['IconUrl', 32],
      ['HighResolutionIconUrl', 64],
    ]) {
      const el = first(NS.app, name);
      if (!el) continue;
      const got = sizeOfUrl(el.getAttribute('DefaultValue'));
      if (got && got !== size) problems.push(`${name} is ${got} px, want ${size}`);
    }
    return { problems };
  });

  // The build output, when there is one.
  const distReady = distDir && fs.existsSync(path.join(distDir, addinFiles.output.functionsMetadata));
  const skipDist = { skip: `no build in ${distDir ? path.relative(root, distDir) || distDir : 'dist'}: run npx webpack --mode production` };

  check('dist/: every file the manifest names was built', () => {
    if (!distReady) return skipDist;
    const problems = [];
    for (const { where: w, url } of manifestUrls) {
      const p = rel(url);
      if (p && !fs.existsSync(path.join(distDir, p))) problems.push(`${w}: dist/${p} is missing`);
    }
    return { problems };
  });

  check('dist/functions.json lists the functions, and each localized copy lists the same ones', () => {
    if (!distReady) return skipDist;
    const problems = [];
    const read = (f) => JSON.parse(fs.readFileSync(path.join(distDir, f), 'utf8'));
    const meta = read(addinFiles.output.functionsMetadata);
    const ids = (meta.functions || []).map((f) => f.id);
    if (ids.length === 0) problems.push('no functions');
    for (const f of meta.functions || []) if (!f.id || !f.name) problems.push(`a function without id or name: ${JSON.stringify(f).slice(0, 80)}`);
    const localized = outputs ? outputs.byRole.localizedMetadata : addinFiles.output.localizedMetadata;
    for (const [locale, file] of Object.entries(localized)) {
      if (!fs.existsSync(path.join(distDir, file))) {
        problems.push(`dist/${file} (${locale}) is missing`);
        continue;
      }
      const lids = (read(file).functions || []).map((f) => f.id);
      if (lids.join() !== ids.join()) problems.push(`dist/${file} lists ${lids.join(', ')}, dist/functions.json ${ids.join(', ')}`);
    }
    return { problems, notes: [`${ids.length} functions: ${ids.join(', ')}`] };
  });

  check('dist/taskpane.html loads office.js, then the functions and the task pane, under a CSP', () => {
    if (!distReady) return skipDist;
    const problems = [];
    const htmlName = (outputs && outputs.byRole.html[0] && outputs.byRole.html[0].filename) || addinFiles.output.taskpaneHtml;
    const html = fs.readFileSync(path.join(distDir, htmlName), 'utf8');
    // The production page is minified: attribute values may be unquoted.
    const attr = (name) => `\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`;
    const value = (m) => m[1] ?? m[2] ?? m[3];
    const scripts = [...html.matchAll(new RegExp(`<script\\b[^>]*${attr('src')}`, 'gi'))].map(value);
    const office = scripts.findIndex((s) => s === addinFiles.officeJsCdn || s === addinFiles.output.localOfficeJs);
    const fn = scripts.indexOf(addinFiles.output.functionsScript);
    const tp = scripts.indexOf(addinFiles.output.taskpaneScript);
    if (office < 0) problems.push('office.js is not loaded');
    if (fn < 0 || tp < 0) problems.push(`scripts are ${scripts.join(', ')}: want functions.js and taskpane.js`);
    else if (!(office < fn && fn < tp)) problems.push(`script order is ${scripts.join(', ')}`);
    if (/<script\b(?![^>]*\bsrc\s*=)[^>]*>/i.test(html)) problems.push('an inline <script>');
    const csp = [...html.matchAll(new RegExp(`<meta\\b[^>]*${attr('content')}`, 'gi'))]
      .filter((m) => /\bhttp-equiv\s*=\s*["']?Content-Security-Policy/i.test(m[0]))
      .map(value)[0];
    if (!csp) problems.push('no Content-Security-Policy meta tag');
    else {
      const directives = Object.fromEntries(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .filter((d) => d[0])
          .map(([k, ...v]) => [k, v]),
      );
      const scriptSrc = directives['script-src'] || directives['default-src'] || [];
      const allowed = new Set(["'self'", new URL(addinFiles.officeJsCdn).origin]);
      const extra = scriptSrc.filter((v) => !allowed.has(v));
      if (extra.length) problems.push(`CSP script-src allows ${extra.join(' ')}`);
      if (!(directives['object-src'] || []).includes("'none'")) problems.push("CSP lacks object-src 'none'");
      const connect = directives['connect-src'] || directives['default-src'] || [];
      if (connect.join(' ') !== "'self'") problems.push(`CSP connect-src is "${connect.join(' ')}", want 'self'`);
    }
    return { problems, notes: [`scripts: ${scripts.join(', ')}`] };
  });

  return results;
}

/** One line per check, for people. */
function formatResults(results) {
  const mark = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' };
  const lines = [];
  for (const r of results) {
    lines.push(`${mark[r.status]}  ${r.title}`);
    for (const d of r.details || []) lines.push(`        ${d}`);
  }
  const count = (s) => results.filter((r) => r.status === s).length;
  lines.push(`Manifest checks — ${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped`);
  return lines.join('\n');
}

module.exports = { runManifestChecks, webpackOutputs, formatResults, pngSize, NS };
