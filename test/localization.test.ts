/**
 * zh-CN localisation of the custom-function metadata. The metadata is generated here from
 * src/functions/functions.ts with the same generator the webpack plugin uses, and compared with the
 * translation table src/functions/locales/zh-CN.json through the same code the build uses
 * (scripts/localize-metadata.js).
 */
import * as fs from 'fs';
import * as path from 'path';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import { compareTranslations, FUNCTION_NAME, localizeMetadata, Metadata, TranslationTable } from '../scripts/localize-metadata';
import addinFiles = require('../scripts/addin-files');

const ROOT = path.resolve(__dirname, '..');
const FUNCTIONS = path.join(ROOT, addinFiles.functionsSource);
const TABLE = path.join(ROOT, addinFiles.translations['zh-CN']);

/** The functions the add-in documents (MUTUAL.*). */
const DOCUMENTED = ['PREMIUM', 'PAYOUT', 'PAYOUTNOTE', 'MAXSHARES', 'COVERSTART', 'CONFLICT', 'DISEASE', 'IDCHECK', 'CLAIMDUE', 'PLANS'];

describe('zh-CN translation of the generated function metadata', () => {
  let errors: string[] = [];
  let metadata: Metadata = { functions: [] };
  const table = JSON.parse(fs.readFileSync(TABLE, 'utf8')) as TranslationTable;

  beforeAll(async () => {
    const result = await generateCustomFunctionsMetadata(FUNCTIONS, false);
    errors = result.errors;
    if (result.metadataJson) metadata = JSON.parse(result.metadataJson) as Metadata;
  });

  it('the metadata generator accepts src/functions/functions.ts', () => {
    expect(errors).toEqual([]);
    expect(metadata.functions.length).toBeGreaterThan(0);
  });

  it('declares the documented functions', () => {
    expect(metadata.functions.map((f) => f.id)).toEqual(expect.arrayContaining(DOCUMENTED));
  });

  it('every function has a zh-CN name and description, and so does every parameter', () => {
    expect(compareTranslations(metadata, table).missing).toEqual([]);
  });

  it('no translation names a function or parameter that does not exist', () => {
    expect(compareTranslations(metadata, table).unknown).toEqual([]);
  });

  it('every zh-CN name is one Excel accepts and none is used twice', () => {
    expect(compareTranslations(metadata, table).invalid).toEqual([]);
    for (const fn of metadata.functions) {
      const name = table.functions?.[fn.id]?.name ?? '';
      expect([fn.id, FUNCTION_NAME.test(name)]).toEqual([fn.id, true]);
    }
  });

  it('the localized metadata differs only in names and descriptions', () => {
    const { metadata: zh } = localizeMetadata(metadata, table);
    const strip = (m: Metadata) =>
      m.functions.map((f) => ({
        ...f,
        name: undefined,
        description: undefined,
        parameters: (f.parameters ?? []).map((p) => ({ ...p, name: undefined, description: undefined })),
      }));
    expect(strip(zh)).toEqual(strip(metadata));
    expect(Object.keys(zh).sort()).toEqual(Object.keys(metadata).sort());
    const premium = zh.functions.find((f) => f.id === 'PREMIUM');
    expect(premium?.name).toBe('保障费');
    expect(premium?.parameters?.map((p) => p.name).slice(0, 2)).toEqual(['计划', '份数']);
  });
});

describe('compareTranslations', () => {
  const metadata: Metadata = {
    functions: [
      {
        id: 'PAYOUT',
        name: 'PAYOUT',
        description: 'Payout',
        parameters: [
          { name: 'plan', description: 'Plan' },
          { name: 'shares', description: 'Shares' },
        ],
      },
      { id: 'PLANS', name: 'PLANS', description: 'Plans', parameters: [] },
    ],
  };
  const full: TranslationTable = {
    functions: {
      PAYOUT: {
        name: '给付金额',
        description: '给付',
        parameters: { plan: { name: '计划', description: '计划' }, shares: { name: '份数', description: '份数' } },
      },
      PLANS: { name: '计划目录', description: '目录', parameters: {} },
    },
  };
  const clone = (): TranslationTable => JSON.parse(JSON.stringify(full)) as TranslationTable;

  it('accepts a complete table', () => {
    expect(compareTranslations(metadata, full)).toEqual({ missing: [], unknown: [], invalid: [] });
  });

  it('reports a function, a parameter or a description without translation', () => {
    const t = clone();
    delete t.functions!.PLANS;
    delete t.functions!.PAYOUT.parameters!.shares;
    t.functions!.PAYOUT.description = ' ';
    expect(compareTranslations(metadata, t).missing).toEqual(['PAYOUT: description', 'PAYOUT(shares): no translation', 'PLANS: no translation']);
  });

  it('reports translations of functions and parameters that do not exist', () => {
    const t = clone();
    t.functions!.CLAIM = { name: '理赔金额', description: 'x' };
    t.functions!.PAYOUT.parameters!.years = { name: '年数', description: 'x' };
    expect(compareTranslations(metadata, t).unknown).toEqual(['PAYOUT(years): no such parameter', 'CLAIM: no such function']);
  });

  it('rejects names Excel would not accept, and clashing names', () => {
    const t = clone();
    t.functions!.PAYOUT.name = '给付'; // two characters: a function name needs at least three
    expect(compareTranslations(metadata, t).invalid).toHaveLength(1);
    const u = clone();
    u.functions!.PLANS.name = '给付金额';
    u.functions!.PAYOUT.parameters!.shares.name = '计划';
    expect(compareTranslations(metadata, u).invalid).toEqual([
      'PAYOUT(shares): name "计划" is also the name of parameter plan',
      'PLANS: name "给付金额" is also the name of PAYOUT',
    ]);
  });

  it('FUNCTION_NAME follows the naming rules', () => {
    for (const ok of ['保障费', '身份证校验', 'PREMIUM', 'MY_FN.2', '计划A']) expect([ok, FUNCTION_NAME.test(ok)]).toEqual([ok, true]);
    for (const bad of ['给付', '1ABC', '_ABC', '保障 费', '保障-费', '']) expect([bad, FUNCTION_NAME.test(bad)]).toEqual([bad, false]);
  });
});
