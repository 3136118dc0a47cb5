/**
 * src/workbook must run unchanged in Node and in a browser Web Worker: everything it imports,
 * followed file by file, is its own code, the pure rules core, or fflate; no Node built-in (fs,
 * path, zlib, stream, Buffer…), no src/cli, no exceljs.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

const ROOT = resolve(__dirname, '..', '..');

function sourceOf(fromFile: string, specifier: string): string | null {
  const base = resolve(dirname(fromFile), specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) if (existsSync(candidate)) return candidate;
  return null;
}

/** Every import of every file reachable from `entry`, as [file, specifier]. */
function importGraph(entries: string[]): { file: string; specifier: string }[] {
  const seen = new Set<string>();
  const found: { file: string; specifier: string }[] = [];
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'|require\('([^']+)'\)|import\('([^']+)'\)/g)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      found.push({ file: relative(ROOT, file), specifier });
      if (specifier.startsWith('.')) {
        const next = sourceOf(file, specifier);
        if (next) queue.push(next);
      }
    }
  }
  return found;
}

test('src/workbook imports only its own code, src/rules and fflate', () => {
  const dir = join(ROOT, 'src', 'workbook');
  const entries: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(folder, entry.name));
      else if (entry.name.endsWith('.ts')) entries.push(join(folder, entry.name));
    }
  };
  walk(dir);
  const imports = importGraph(entries);
  expect(imports.length).toBeGreaterThan(10);
  const offending = imports.filter(({ file, specifier }) => {
    if (specifier === 'fflate') return false;
    if (!specifier.startsWith('.')) return true;
    const target = relative(ROOT, resolve(ROOT, dirname(file), specifier));
    return !(target.startsWith('src/workbook') || target.startsWith('src/rules'));
  });
  expect(offending).toEqual([]);
  // Nor does any of it reach for Node's globals.
  for (const file of new Set(imports.map(({ file }) => file)))
    expect(readFileSync(join(ROOT, file), 'utf8')).not.toMatch(/\bBuffer\.|\bprocess\.|\b__dirname\b/);
});
