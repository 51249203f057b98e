// The size budgets `npm test` enforces (scripts/check-budgets.mjs): a build over budget fails with
// the figures a developer needs — what it weighs, what it may weigh, by how much it is over.
import { describe, it, expect } from '@col/harness';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const check = (args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'scripts/check-budgets.mjs'), ...args], { cwd: repoRoot, encoding: 'utf8' });

describe('size budgets', () => {
  it('fails a build over budget, naming the entry, its gzip size, the budget and the excess', () => {
    const r = check(['--budget', 'col-badge=2048']);
    expect(r.status, r.stderr).to.equal(1);
    const match = /✗ col-badge: [\d.]+ KB gzip up front \((\d+) B\) is OVER its budget of 2\.0 KB \(2048 B\) by (\d+) B/.exec(r.stderr);
    expect(match, r.stderr).to.not.equal(null);
    expect(Number(match![1]) - 2048).to.equal(Number(match![2]));
    expect(Number(match![1]), 'a real element is several KB').to.be.greaterThan(4096);
  });

  it('passes the same entry within a generous budget, and refuses a budget for an unknown entry', () => {
    const r = check(['--budget', 'col-badge=1000000']);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/✓ col-badge: [\d.]+ KB gzip up front \(\d+ B\), within its budget/);
    const bad = check(['--budget', 'col-nothing=1']);
    expect(bad.status).to.equal(2);
    expect(bad.stderr).to.contain('expected --budget NAME=BYTES');
  });
});
