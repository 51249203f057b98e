// Start-up failures an operator can fix print one plain sentence and exit 2, never a stack
// trace: the real `colearn serve` (the CLI's source, run as a child process) with a data
// directory it cannot use, a short admin key, a port already taken.
import { describe, it, expect } from '@col/harness';
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const cliSource = fileURLToPath(new URL('../../cli/src/bin.ts', import.meta.url));
const ADMIN = 'startup-admin-key-0123456789';

/** A user without root's right to write anywhere, so "read-only" means read-only (nobody). */
const asUnprivileged = () => (process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {});

/** Runs `colearn serve …` from source; resolves when it exits (a server that starts is stopped). */
function serve(args: string[], options: { env?: Record<string, string>; unprivileged?: boolean } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@citiesoflearning/source', cliSource, 'serve', '--host', '127.0.0.1', ...args], {
      cwd: repoRoot,
      env: { ...process.env, COL_ADMIN_KEY: ADMIN, HOME: tmpdir(), ...options.env },
      ...(options.unprivileged ? asUnprivileged() : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (/listening on/.test(stdout)) child.kill('SIGTERM'); // it started: not what these tests expect
    });
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Exit 2, nothing on stdout, one line on stderr that says `expected`, and no stack frames. */
function expectPlainFailure(result: { code: number | null; stdout: string; stderr: string }, expected: RegExp) {
  expect(result.code, result.stderr).to.equal(2);
  expect(result.stdout).to.equal('');
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).to.have.length(1);
  expect(lines[0]).to.match(expected);
  expect(result.stderr).to.not.match(/\n\s+at |Error:|node:internal/);
}

describe('colearn serve start-up failures', () => {
  it('a data directory it may not write: one sentence, exit 2', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'col-startup-'));
    try {
      const data = join(parent, 'data');
      await (await import('node:fs/promises')).mkdir(data);
      await chmod(parent, 0o755);
      await chmod(data, 0o555);
      expectPlainFailure(await serve(['--port', '0', '--data', data], { unprivileged: true }), new RegExp(`data directory ${data} cannot be used`));
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('a data directory that cannot exist (a file is in its path): one sentence, exit 2', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'col-startup-'));
    try {
      await writeFile(join(parent, 'plain-file'), 'x');
      expectPlainFailure(await serve(['--port', '0', '--data', join(parent, 'plain-file', 'data')]), /cannot be used: part of that path is a file/);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('a short COL_ADMIN_KEY: one sentence, exit 2', async () => {
    const data = await mkdtemp(join(tmpdir(), 'col-startup-'));
    try {
      expectPlainFailure(await serve(['--port', '0', '--data', data], { env: { COL_ADMIN_KEY: 'short' } }), /COL_ADMIN_KEY\) must be at least 16 characters/);
    } finally {
      await rm(data, { recursive: true, force: true });
    }
  });

  it('a port already in use: one sentence, exit 2', async () => {
    const data = await mkdtemp(join(tmpdir(), 'col-startup-'));
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as AddressInfo).port;
      expectPlainFailure(await serve(['--port', String(port), '--data', data]), new RegExp(`Port ${port} on 127.0.0.1 is already in use`));
    } finally {
      await new Promise((resolve) => taken.close(resolve));
      await rm(data, { recursive: true, force: true });
    }
  });
});

describe('colearn serve start-up failures (configuration)', () => {
  it('a malformed COL_SIGNING_KEY, key file or base URL: one sentence, exit 2', async () => {
    const data = await mkdtemp(join(tmpdir(), 'col-startup-'));
    try {
      expectPlainFailure(await serve(['--port', '0', '--data', data], { env: { COL_SIGNING_KEY: '{not json' } }), /COL_SIGNING_KEY/);
      expectPlainFailure(await serve(['--port', '0', '--data', data, '--base-url', 'not a url']), /base URL "not a url" is not a web address/);
      // A base URL that would sign a password or a query into every badge's ids and DIDs.
      expectPlainFailure(await serve(['--port', '0', '--data', data, '--base-url', 'https://ops:hunter2@badges.example.org']), /must not contain a user name or password/);
      // A damaged key file (a disk filled mid-write, a bad restore) is named, not a SyntaxError.
      await writeFile(join(data, 'signing-key.jwk.json'), '{"kty":"OKP","crv":"Ed', { mode: 0o600 });
      expectPlainFailure(await serve(['--port', '0', '--data', data]), /signing key file .*signing-key\.jwk\.json is damaged/);
    } finally {
      await rm(data, { recursive: true, force: true });
    }
  });
});
