/**
 * Robustness: the command over the example roster cut short or with bytes damaged at random places.
 * Whatever the damage, it answers 0, 1 or 2 and never throws; on 2 it prints one line on stderr and
 * leaves no output file, and stdout is empty unless the file was checked and only its copy could not be
 * written (then the findings are printed all the same); the input is never written.
 */
import fc from 'fast-check';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { cleanupDirs, runCli, sha256, tmpDir } from './cliKit';

afterAll(cleanupDirs);

const SAMPLE = join(__dirname, '..', '..', 'examples', 'sample-roster.xlsx');
const original = readFileSync(SAMPLE);

type Damage = { kind: 'truncate'; at: number } | { kind: 'flip'; at: number; xor: number } | { kind: 'zero'; at: number; length: number };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.integer({ min: 0, max: original.length - 1 }) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.integer({ min: 0, max: original.length - 1 }), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('zero' as const), at: fc.integer({ min: 0, max: original.length - 1 }), length: fc.integer({ min: 1, max: 4096 }) }),
);

function damaged(d: Damage): Buffer {
  if (d.kind === 'truncate') return original.subarray(0, d.at);
  const bytes = Buffer.from(original);
  if (d.kind === 'flip') bytes[d.at] ^= d.xor;
  else bytes.fill(0, d.at, Math.min(bytes.length, d.at + d.length));
  return bytes;
}

test('damaged copies of the example roster: exit 0, 1 or 2, and nothing left behind on 2', async () => {
  const dir = tmpDir();
  let run = 0;
  await fc.assert(
    fc.asyncProperty(damage, async (d) => {
      run += 1;
      const input = join(dir, `damaged-${run}.xlsx`);
      writeFileSync(input, damaged(d));
      const before = sha256(input);
      const out = join(dir, `out-${run}`);
      const result = await runCli(['check', input, '--json', '--out', out]);
      expect([0, 1, 2]).toContain(result.status);
      expect(sha256(input)).toBe(before);
      if (result.status === 2) {
        // Read but not copyable (damage in a part the check does not read): the findings still come out.
        if (result.stdout !== '') expect(Array.isArray(JSON.parse(result.stdout).findings)).toBe(true);
        if (result.stdout !== '') expect(result.stderr).toMatch(/未写出任何批注副本/);
        expect(result.stderr).toMatch(/^mutual-aid: [^\n]+\n$/);
        // A file the check read but whose copy cannot be made: the findings are printed all the same.
        if (/无法写出批注副本/.test(result.stderr)) expect(Array.isArray(JSON.parse(result.stdout).findings)).toBe(true);
        else expect(result.stdout).toBe('');
        expect(
          readdirSync(dir)
            .filter((name) => name === `out-${run}`)
            .flatMap((name) => readdirSync(join(dir, name))),
        ).toEqual([]);
      } else {
        const report = JSON.parse(result.stdout);
        expect(Array.isArray(report.findings)).toBe(true);
        expect(readdirSync(out)).toEqual([`damaged-${run}.checked.xlsx`]);
      }
    }),
    { numRuns: Number(process.env.CORRUPT_RUNS ?? 40), seed: Number(process.env.CORRUPT_SEED ?? 20261130) },
  );
});

test('the example roster itself is read (the damage above is what makes the difference)', async () => {
  const dir = tmpDir();
  const input = join(dir, 'sample.xlsx');
  copyFileSync(SAMPLE, input);
  const result = await runCli(['check', input, '--json']);
  expect(result.status).toBe(1);
});
