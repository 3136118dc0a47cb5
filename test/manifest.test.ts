/**
 * Offline checks of manifest.xml. The checks live in scripts/manifest-checks.js (also run by
 * `npm run validate`); this suite runs them on the real manifest, and on broken copies to show that
 * each check catches what it claims to.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CheckResult, runManifestChecks, webpackOutputs } from '../scripts/manifest-checks';
import addinFiles = require('../scripts/addin-files');

const ROOT = path.resolve(__dirname, '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const DIST = path.join(ROOT, 'dist');

function find(results: CheckResult[], titleStart: string): CheckResult {
  const r = results.find((x) => x.title.startsWith(titleStart));
  if (!r) throw new Error(`no check titled "${titleStart}…"; checks: ${results.map((x) => x.title).join(' | ')}`);
  return r;
}

function expectPass(results: CheckResult[], titleStart: string): void {
  const r = find(results, titleStart);
  expect({ title: r.title, status: r.status, details: r.status === 'pass' ? [] : r.details }).toEqual({
    title: r.title,
    status: 'pass',
    details: [],
  });
}

describe('manifest.xml (offline checks)', () => {
  let results: CheckResult[];

  beforeAll(async () => {
    // dist/ is compared when a build is there; otherwise those checks are skipped.
    results = await runManifestChecks({ root: ROOT });
  });

  it.each([
    'manifest.xml is well-formed XML',
    'root is an OfficeApp of type TaskPaneApp',
    'Id is a GUID',
    'Version has 1–4 numeric parts',
    'DefaultLocale is en-US',
    'DisplayName and Description have a zh-CN override',
    'Hosts: Workbook',
    'Requirements: SharedRuntime',
    'Permissions: ReadWriteDocument',
    'VersionOverrides: VersionOverridesV1_0',
    'every resid resolves',
    'every URL is https',
    'shared runtime:',
    'custom functions namespace is MUTUAL',
    'the build (webpack.config.js) emits the files the manifest names',
    'SupportUrl: the help page the build emits',
    'functions metadata: a zh-CN override',
    'ribbon and task pane strings have zh-CN overrides',
    'icons: PNG files',
  ])('%s', (title) => {
    expectPass(results, title);
  });

  it('has no failing check (including any added later)', () => {
    expect(results.filter((r) => r.status === 'fail')).toEqual([]);
  });

  it('compares with dist/ when it has been built', () => {
    const distChecks = results.filter((r) => r.title.startsWith('dist/'));
    expect(distChecks.length).toBeGreaterThanOrEqual(3);
    const built = fs.existsSync(path.join(DIST, addinFiles.output.functionsMetadata));
    for (const r of distChecks) expect([r.title, r.status]).toEqual([r.title, built ? 'pass' : 'skip']);
  });

  it('when dist/functions.json exists, it lists the custom functions', () => {
    const file = path.join(DIST, addinFiles.output.functionsMetadata);
    if (!fs.existsSync(file)) return; // not built: nothing to compare
    const meta = JSON.parse(fs.readFileSync(file, 'utf8')) as { functions: Array<{ id: string }> };
    expect(meta.functions.length).toBeGreaterThan(0);
    expect(meta.functions.map((f) => f.id)).toContain('PREMIUM');
  });
});

describe("webpack.config.js emits what the manifest's URLs name", () => {
  it('names the runtime page, the functions script, both metadata files and the icons', async () => {
    const out = await webpackOutputs(ROOT);
    expect(out.byRole.html).toEqual([expect.objectContaining({ filename: 'taskpane.html', chunks: ['functions', 'taskpane'] })]);
    expect(out.byRole.scripts).toEqual({ functions: 'functions.js', taskpane: 'taskpane.js' });
    expect(out.byRole.metadata).toBe('functions.json');
    expect(out.byRole.localizedMetadata).toEqual({ 'zh-CN': 'zh-CN/functions.json' });
    for (const size of addinFiles.iconSizes) expect(out.files.has(`assets/icon-${size}.png`)).toBe(true);
    expect(out.files.has('manifest.xml')).toBe(true);
    expect(out.files.has(addinFiles.output.supportPage)).toBe(true);
    expect(out.byRole.checkerHtml).toBe(addinFiles.output.checkerHtml);
    expect(out.files.has('checker.js')).toBe(false);
  });
});

describe('the checks catch broken manifests', () => {
  const original = fs.readFileSync(MANIFEST, 'utf8');
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-checks-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function checkEdited(edit: (xml: string) => string): Promise<CheckResult[]> {
    const edited = edit(original);
    expect(edited).not.toBe(original); // the edit applied
    const file = path.join(dir, `manifest-${Math.random().toString(36).slice(2)}.xml`);
    fs.writeFileSync(file, edited);
    return runManifestChecks({ root: ROOT, manifest: file, dist: false });
  }

  function expectFail(results: CheckResult[], titleStart: string, detail: RegExp): void {
    const r = find(results, titleStart);
    expect(r.status).toBe('fail');
    expect(r.details.join('\n')).toMatch(detail);
  }

  it('malformed XML', async () => {
    const r = await checkEdited((x) => x.replace('</Permissions>', '</Permission>'));
    expectFail(r, 'manifest.xml is well-formed XML', /mismatch|Permission/);
  });

  it('a resid with no resource, and a resource of the wrong kind', async () => {
    let r = await checkEdited((x) => x.replace('<Label resid="TaskpaneButton.Label"/>', '<Label resid="Nope.Label"/>'));
    expectFail(r, 'every resid resolves', /Nope\.Label.*no such resource/);
    r = await checkEdited((x) => x.replace('<Namespace resid="Functions.Namespace"/>', '<Namespace resid="Taskpane.Url"/>'));
    expectFail(r, 'every resid resolves', /needs a short resource, found url/);
  });

  it('an http URL', async () => {
    const r = await checkEdited((x) => x.replace('DefaultValue="https://localhost:3000/functions.js"', 'DefaultValue="http://localhost:3000/functions.js"'));
    expectFail(r, 'every URL is https', /functions\.js is not https/);
  });

  it('a metadata URL the build does not emit, and a missing zh-CN metadata override', async () => {
    let r = await checkEdited((x) => x.replace('https://localhost:3000/functions.json"', 'https://localhost:3000/public/functions.json"'));
    expectFail(r, 'the build (webpack.config.js) emits', /public\/functions\.json is not emitted/);
    r = await checkEdited((x) => x.replace('<bt:Override Locale="zh-CN" Value="https://localhost:3000/zh-CN/functions.json"/>', ''));
    expectFail(r, 'functions metadata: a zh-CN override', /no <bt:Override Locale="zh-CN">/);
    r = await checkEdited((x) => x.replace('Value="https://localhost:3000/zh-CN/functions.json"', 'Value="https://localhost:3000/functions-zh.json"'));
    expectFail(r, 'functions metadata: a zh-CN override', /want https:\/\/localhost:3000\/zh-CN\/functions\.json/);
  });

  it('an Id that is not a GUID, another namespace, another permission', async () => {
    let r = await checkEdited((x) => x.replace(/<Id>[^<]+<\/Id>/, '<Id>mutual-aid</Id>'));
    expectFail(r, 'Id is a GUID', /not a GUID/);
    r = await checkEdited((x) => x.replace('id="Functions.Namespace" DefaultValue="MUTUAL"', 'id="Functions.Namespace" DefaultValue="CONTOSO"'));
    expectFail(r, 'custom functions namespace is MUTUAL', /CONTOSO/);
    r = await checkEdited((x) => x.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>ReadDocument</Permissions>'));
    expectFail(r, 'Permissions: ReadWriteDocument', /ReadDocument/);
  });

  it('missing zh-CN overrides of DisplayName, Description and ribbon strings', async () => {
    let r = await checkEdited((x) => x.replace('<Override Locale="zh-CN" Value="互助保障"/>', ''));
    expectFail(r, 'DisplayName and Description have a zh-CN override', /DisplayName has no <Override Locale="zh-CN">/);
    r = await checkEdited((x) => x.replace(/(<Description DefaultValue="[^"]*">)\s*<Override[^>]*\/>/, '$1'));
    expectFail(r, 'DisplayName and Description have a zh-CN override', /Description has no <Override Locale="zh-CN">/);
    r = await checkEdited((x) => x.replace(/(<bt:String id="TaskpaneButton.Label" DefaultValue="Mutual Aid">)\s*<bt:Override[^>]*\/>/, '$1'));
    expectFail(r, 'ribbon and task pane strings have zh-CN overrides', /TaskpaneButton\.Label has no zh-CN override/);
  });

  it('a task pane that is not the shared runtime page', async () => {
    const r = await checkEdited((x) =>
      x.replace('<Page>\n              <SourceLocation resid="Taskpane.Url"/>', '<Page>\n              <SourceLocation resid="Functions.Script.Url"/>'),
    );
    expectFail(r, 'shared runtime:', /Page> must use resid="Taskpane.Url"/);
  });

  it('no SupportUrl, one elsewhere, one out of schema order', async () => {
    const line = '  <SupportUrl DefaultValue="https://localhost:3000/support.html"/>\n';
    let r = await checkEdited((x) => x.replace(line, ''));
    expectFail(r, 'SupportUrl:', /no <SupportUrl>/);
    r = await checkEdited((x) => x.replace('localhost:3000/support.html', 'localhost:3000/help.html'));
    expectFail(r, 'SupportUrl:', /want https:\/\/localhost:3000\/support\.html/);
    r = await checkEdited((x) => x.replace(line, '').replace('  <Requirements>', `${line}  <Requirements>`));
    expectFail(r, 'SupportUrl:', /after HighResolutionIconUrl and before Hosts/);
  });

  it('VersionOverrides 1.1 (valid for Outlook only)', async () => {
    const r = await checkEdited((x) => x.replace('xsi:type="VersionOverridesV1_0"', 'xsi:type="VersionOverridesV1_1"'));
    expectFail(r, 'VersionOverrides: VersionOverridesV1_0', /only VersionOverridesV1_0/);
  });
});
