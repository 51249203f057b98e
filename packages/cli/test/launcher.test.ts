// The command a user types: `npx colearn` must reach our CLI through the launcher npm links at
// install time, never fall through to another program of a similar name.
import { describe, it, expect } from '@col/harness';
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './support/run-col.js';

function run(file: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the colearn launcher', () => {
  it('is linked by npm as node_modules/.bin/colearn and prints the package version', async () => {
    const { version } = JSON.parse(await readFile(join(repoRoot, 'packages/cli/package.json'), 'utf8')) as { version: string };
    const r = await run(join(repoRoot, 'node_modules/.bin/colearn'), ['--version']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout.trim()).to.equal(version);
  });

  it('answers --help with the colearn usage, not another program', async () => {
    const r = await run(join(repoRoot, 'node_modules/.bin/colearn'), ['--help']);
    expect(r.code).to.equal(0);
    expect(r.stdout).to.match(/^colearn — Open Badges tools/);
    expect(r.stdout).to.contain('colearn verify <file|https-url|->');
  });

  it('before the first build, says to run the build (exit 2) instead of a stack trace', async () => {
    // A fresh clone right after `npm ci`: the launcher is there, dist/ is not.
    const clone = await mkdtemp(join(tmpdir(), 'col-launcher-'));
    try {
      await mkdir(join(clone, 'bin'));
      await copyFile(join(repoRoot, 'packages/cli/bin/colearn.js'), join(clone, 'bin/colearn.js'));
      const r = await run(process.execPath, [join(clone, 'bin/colearn.js'), '--version']);
      expect([r.code, r.stdout]).to.deep.equal([2, '']);
      expect(r.stderr).to.equal('colearn: the CLI is not built yet. Run "npm run build" in the repository first.\n');
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
  });
});
