/**
 * Localized custom-function metadata, made at build time.
 *
 * custom-functions-metadata-plugin generates dist/functions.json (en-US) from the JSDoc of
 * src/functions/functions.ts. Excel shows a function's `name` and `description` and each
 * parameter's `name` and `description`, and all four may be localized; the `id` may not
 * (Microsoft, "Custom functions naming and localization"). Localization is one JSON metadata
 * file per language, chosen by a <bt:Override Locale="…"> of the metadata URL in manifest.xml.
 *
 * This module merges a translation table (src/functions/locales/<locale>.json) into the
 * generated metadata. `localizeMetadata` is pure and is used by the tests; `LocalizeMetadataPlugin`
 * runs it inside webpack and fails the build when a function or parameter has no translation.
 */
'use strict';

/**
 * A function name may use Unicode letters, digits, "_" and "."; it starts with a letter and has
 * at least three characters.
 */
const FUNCTION_NAME = /^\p{L}[\p{L}\p{N}_.]{2,}$/u;

function isNonEmptyString(value) {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * Compares a metadata object and a translation table.
 * @param {{functions: Array<{id: string, name: string, description?: string, parameters?: Array<{name: string}>}>}} metadata
 * @param {{functions?: Record<string, {name?: string, description?: string, parameters?: Record<string, {name?: string, description?: string}>}>}} table
 * @returns {{missing: string[], unknown: string[], invalid: string[]}}
 *   missing: functions/parameters (or their name/description) without a translation;
 *   unknown: translations of functions/parameters that the metadata does not have;
 *   invalid: translations that Excel would reject or that clash.
 */
function compareTranslations(metadata, table) {
  const missing = [];
  const unknown = [];
  const invalid = [];
  const entries = (table && table.functions) || {};
  const ids = new Set();
  const displayNames = new Map();

  for (const fn of metadata.functions || []) {
    ids.add(fn.id);
    const t = entries[fn.id];
    if (!t) {
      missing.push(`${fn.id}: no translation`);
      continue;
    }
    if (!isNonEmptyString(t.name)) missing.push(`${fn.id}: name`);
    else if (!FUNCTION_NAME.test(t.name)) {
      invalid.push(`${fn.id}: name "${t.name}" must start with a letter, be at least 3 characters and use only letters, digits, "_" or "."`);
    } else if (displayNames.has(t.name)) {
      invalid.push(`${fn.id}: name "${t.name}" is also the name of ${displayNames.get(t.name)}`);
    } else displayNames.set(t.name, fn.id);
    if (!isNonEmptyString(t.description)) missing.push(`${fn.id}: description`);

    const paramTable = t.parameters || {};
    const paramNames = new Set();
    const localParamNames = new Map();
    for (const p of fn.parameters || []) {
      paramNames.add(p.name);
      const tp = paramTable[p.name];
      if (!tp) {
        missing.push(`${fn.id}(${p.name}): no translation`);
        continue;
      }
      if (!isNonEmptyString(tp.name)) missing.push(`${fn.id}(${p.name}): name`);
      else if (localParamNames.has(tp.name)) {
        invalid.push(`${fn.id}(${p.name}): name "${tp.name}" is also the name of parameter ${localParamNames.get(tp.name)}`);
      } else localParamNames.set(tp.name, p.name);
      if (!isNonEmptyString(tp.description)) missing.push(`${fn.id}(${p.name}): description`);
    }
    for (const name of Object.keys(paramTable)) {
      if (!paramNames.has(name)) unknown.push(`${fn.id}(${name}): no such parameter`);
    }
  }
  for (const id of Object.keys(entries)) {
    if (!ids.has(id)) unknown.push(`${id}: no such function`);
  }
  return { missing, unknown, invalid };
}

/**
 * Returns a copy of `metadata` with the table's names and descriptions. Everything else (ids,
 * types, options, result, enums) is kept as generated. Untranslated items keep their English text.
 */
function applyTranslations(metadata, table) {
  const entries = (table && table.functions) || {};
  const copy = JSON.parse(JSON.stringify(metadata));
  for (const fn of copy.functions || []) {
    const t = entries[fn.id];
    if (!t) continue;
    if (isNonEmptyString(t.name)) fn.name = t.name;
    if (isNonEmptyString(t.description)) fn.description = t.description;
    for (const p of fn.parameters || []) {
      const tp = (t.parameters || {})[p.name];
      if (!tp) continue;
      if (isNonEmptyString(tp.name)) p.name = tp.name;
      if (isNonEmptyString(tp.description)) p.description = tp.description;
    }
  }
  return copy;
}

/**
 * Merges a table into the metadata.
 * @returns {{metadata: object, json: string, missing: string[], unknown: string[], invalid: string[]}}
 */
function localizeMetadata(metadata, table) {
  const report = compareTranslations(metadata, table);
  const localized = applyTranslations(metadata, table);
  return { ...report, metadata: localized, json: JSON.stringify(localized, null, 4) };
}

const PLUGIN_NAME = 'LocalizeMetadataPlugin';

/**
 * webpack plugin: after custom-functions-metadata-plugin has added `source` (functions.json) to
 * the compilation, emits one localized copy per locale.
 *
 *   new LocalizeMetadataPlugin({
 *     source: 'functions.json',
 *     locales: { 'zh-CN': { table: '/abs/path/zh-CN.json', output: 'zh-CN/functions.json' } },
 *   })
 *
 * A function or parameter without a translation, or an invalid translation, is a build error.
 * A translation of a function or parameter that the metadata does not have is a warning (the
 * tests make it an error), so that a half-written functions file can still be built.
 */
class LocalizeMetadataPlugin {
  constructor(options) {
    this.options = options;
  }

  apply(compiler) {
    const fs = require('fs');
    const { Compilation, WebpackError, sources } = compiler.webpack;
    const { source, locales } = this.options;

    compiler.hooks.thisCompilation.tap(PLUGIN_NAME, (compilation) => {
      compilation.hooks.processAssets.tap({ name: PLUGIN_NAME, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        for (const { table } of Object.values(locales)) compilation.fileDependencies.add(table);
        const asset = compilation.getAsset(source);
        if (!asset) {
          // The metadata plugin reports its own errors; only add one if nobody said anything.
          if (compilation.errors.length === 0) {
            compilation.errors.push(new WebpackError(`${PLUGIN_NAME}: ${source} was not generated`));
          }
          return;
        }
        let metadata;
        try {
          metadata = JSON.parse(asset.source.source().toString());
        } catch (err) {
          compilation.errors.push(new WebpackError(`${PLUGIN_NAME}: ${source} is not JSON: ${err.message}`));
          return;
        }
        for (const [locale, { table: tablePath, output }] of Object.entries(locales)) {
          let table;
          try {
            table = JSON.parse(fs.readFileSync(tablePath, 'utf8'));
          } catch (err) {
            compilation.errors.push(new WebpackError(`${PLUGIN_NAME}: cannot read ${tablePath}: ${err.message}`));
            continue;
          }
          const result = localizeMetadata(metadata, table);
          const problems = [...result.missing.map((m) => `missing ${m}`), ...result.invalid];
          if (problems.length > 0) {
            const err = new WebpackError(`${PLUGIN_NAME}: ${locale} translation of ${source} is incomplete (${tablePath}):\n  ` + problems.join('\n  '));
            err.file = tablePath;
            compilation.errors.push(err);
            continue;
          }
          if (result.unknown.length > 0) {
            const warn = new WebpackError(`${PLUGIN_NAME}: ${tablePath} translates what ${source} does not have:\n  ` + result.unknown.join('\n  '));
            warn.file = tablePath;
            compilation.warnings.push(warn);
          }
          compilation.emitAsset(output, new sources.RawSource(result.json));
        }
      });
    });
  }
}

module.exports = {
  FUNCTION_NAME,
  compareTranslations,
  applyTranslations,
  localizeMetadata,
  LocalizeMetadataPlugin,
};
