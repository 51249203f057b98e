// `colearn serve --database postgres://…` (or COL_DATABASE_URL) as an operator runs it: the real
// binary against a throwaway PostgreSQL cluster. The start-up log names the database but never
// its password; a second instance shares the first's admin and signing keys without printing the
// admin key again; a malformed URL, a wrong password or a database that is not there ends the
// command with one plain line and exit code 2, in bounded time, never a stack trace.
import { describe, it, after, expect } from '@col/harness';
import { startPostgres } from '@col/harness/node';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { runCol } from './support/run-col.js';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const started = await startPostgres();
const cluster = started.skipped === undefined ? started : undefined;

const children: ChildProcess[] = [];

/** Starts `colearn serve`, resolving once it prints `listening on <url>`, with what it printed. */
async function startServe(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], { env: { ...process.env, COL_ADMIN_KEY: '', COL_DATABASE_URL: '', ...env } });
  children.push(child);
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening on" within 60 s; stderr: ${stderr}`)), 60_000);
    child.stdout.on('data', (d) => {
      stdout += d;
      const match = /^listening on (\S+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`colearn serve exited ${code}: ${stderr}`)));
  });
  return { child, url, output: () => stdout + stderr, stderr: () => stderr };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('colearn serve on PostgreSQL', { skip: started.skipped ?? false }, () => {
  after(async () => {
    for (const child of children) child.kill('SIGTERM');
    await cluster?.stop();
  });

  it('--database names the backend in its start-up log but never the password; a second instance (COL_DATABASE_URL) shares the keys and does not print the admin key', async () => {
    const first = await startServe(['--database', cluster!.url]);
    const port = new URL(cluster!.url).port;
    expect(first.stderr()).to.contain(`database: PostgreSQL 127.0.0.1:${port}/postgres`);
    expect(first.output()).to.not.contain(cluster!.password);
    const printed = /admin key \(generated; set COL_ADMIN_KEY to choose one\): (\S+)/.exec(first.stderr());
    expect(printed, 'the first instance prints the key it generated').to.not.equal(null);

    const second = await startServe([], { COL_DATABASE_URL: cluster!.url });
    expect(second.output()).to.not.contain(cluster!.password);
    expect(second.stderr()).to.contain('signing key from database');
    expect(second.stderr(), 'only the instance that made the admin key shows it').to.not.contain('admin key');
    // The key the first printed works on the second, and both publish the same signing key.
    const created = await fetch(new URL('/api/v1/issuers', second.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${printed![1]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'shared', name: 'Shared', url: 'https://shared.example' }),
    });
    expect(created.status).to.equal(201);
    // (Each instance names keys by its own address here, so compare the keys themselves.)
    const jwks = async (base: string) => ((await (await fetch(new URL('/.well-known/jwks.json', base))).json()) as { keys: Array<{ x: string }> }).keys.map((k) => k.x).sort();
    const published = await jwks(first.url);
    expect(published.length).to.be.greaterThan(0);
    expect(await jwks(second.url)).to.deep.equal(published);
  });

  it('a URL that is not postgres:// ends with one line and exit code 2', async () => {
    const run = await runCol(['serve', '--port', '0', '--database', 'mysql://root:hunter2@127.0.0.1/col']);
    expect(run.code).to.equal(2);
    expect(run.stderr.trim().split('\n')).to.deep.equal(['colearn serve: The database URL must be a postgres:// URL (this one starts with mysql:); give one like postgres://user:password@host:5432/database.']);
    expect(run.stdout + run.stderr).to.not.contain('hunter2');
  });

  it('an empty --database is a usage error, not a silent fall-back to SQLite', async () => {
    const run = await runCol(['serve', '--port', '0', '--database', '']);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.contain('--database needs a postgres:// URL');
  });

  it('a database that nothing answers for ends with one line naming it (not its password) and exit code 2, within seconds', async () => {
    const port = await closedPort();
    const began = Date.now();
    const run = await runCol(['serve', '--port', '0'], { env: { COL_DATABASE_URL: `postgres://colearn:s3cret-pw@127.0.0.1:${port}/col` } });
    expect(run.code).to.equal(2);
    expect(run.stderr.trim().split('\n')).to.deep.equal([`colearn serve: PostgreSQL 127.0.0.1:${port}/col cannot be reached: nothing answers there, or it is not accepting connections yet.`]);
    expect(run.stdout + run.stderr).to.not.contain('s3cret-pw');
    expect(Date.now() - began).to.be.below(20_000);
  });

  it('a wrong password ends with one line and exit code 2, without echoing the password', async () => {
    const wrong = new URL(cluster!.url);
    wrong.password = 'not-the-password';
    const run = await runCol(['serve', '--port', '0', '--database', wrong.toString()]);
    expect(run.code).to.equal(2);
    expect(run.stderr.trim().split('\n')).to.deep.equal([`colearn serve: PostgreSQL 127.0.0.1:${wrong.port}/postgres refused the user name or password in the database URL.`]);
    expect(run.stdout + run.stderr).to.not.contain('not-the-password');
  });
});
