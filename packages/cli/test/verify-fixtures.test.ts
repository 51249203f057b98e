// `colearn verify` on every DCC fixture prints the documented outcome and exits with its code: the
// same table the verify package's suite holds its library results against.
import { describe, it, before, expect } from '@col/harness';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtures, repoRoot, runCol } from './support/run-col.js';

interface Expected {
  now: string;
  documents: Record<string, string>;
  files: Array<{ file: string; outcome: 'verified' | 'failed' | 'inconclusive'; codes: string[]; why: string }>;
}
const expected: Expected = JSON.parse(await readFile(join(repoRoot, 'packages/verify/test/data/dcc-expected.json'), 'utf8'));

// Unreadable input (nothing baked into the image, an empty file) is exit 2, as DESIGN.md says.
const PARSE_FAILURES = new Set(['image-no-badge', 'input-empty']);
const exitFor = (row: Expected['files'][number]) =>
  row.codes.some((c) => PARSE_FAILURES.has(c)) ? 2 : { verified: 0, failed: 1, inconclusive: 3 }[row.outcome];

/** Runs `task` over `items`, `limit` at a time (each spawns a process; the machine has 2 cores). */
async function eachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await task(items[next++]!);
  }));
}

describe('colearn verify on every DCC fixture', () => {
  let documentsFile = '';
  before(async () => {
    const documents: Record<string, unknown> = {};
    for (const [url, path] of Object.entries(expected.documents)) documents[url] = JSON.parse(await readFile(join(fixtures, path), 'utf8'));
    documentsFile = join(await mkdtemp(join(tmpdir(), 'col-fixtures-')), 'documents.json');
    await writeFile(documentsFile, JSON.stringify(documents));
  });

  it(`prints the documented outcome and exit code for all ${expected.files.length} files`, async () => {
    const wrong: string[] = [];
    await eachLimited(expected.files, 4, async (row) => {
      const file = join(fixtures, 'dcc/verifiableCredentials', row.file);
      const r = await runCol(['verify', file, '--offline', '--documents', documentsFile, '--now', expected.now, '--json']);
      let outcome = '(no JSON report)';
      try {
        outcome = JSON.parse(r.stdout).outcome;
      } catch {
        // recorded below as a mismatch
      }
      if (outcome !== row.outcome || r.code !== exitFor(row)) {
        wrong.push(`${row.file}: expected ${row.outcome}/exit ${exitFor(row)}, got ${outcome}/exit ${r.code} ${r.stderr.trim()}`);
      }
    });
    expect(wrong, wrong.join('\n')).to.deep.equal([]);
  });

  it('prints a readable checklist naming the failed check for a revoked credential', async () => {
    const revoked = expected.files.find((row) => row.outcome === 'failed' && row.codes.includes('revoked') && !row.codes.includes('expired'))!;
    const r = await runCol(['verify', join(fixtures, 'dcc/verifiableCredentials', revoked.file), '--offline', '--documents', documentsFile, '--now', expected.now]);
    expect(r.code).to.equal(1);
    expect(r.stdout).to.match(/^Not verified/);
    expect(r.stdout).to.match(/✗ status .*revoked/);
  });
});
