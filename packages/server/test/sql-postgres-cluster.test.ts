// The throwaway PostgreSQL cluster the PostgreSQL suites run on (tools/harness: startPostgres)
// is what those suites assume: a server of its own, not run as root, reachable on the loopback
// address only and by password, durable as a real one (the crash tests need fsync), keeping its
// data across a restart and leaving nothing behind when stopped; and without PostgreSQL's
// programs, a plain reason to skip rather than a failure.
import { describe, it, after, expect } from '@col/harness';
import { startPostgres } from '@col/harness/node';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { testPostgres } from './support/postgres.js';

const postgres = await testPostgres();

async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('the test PostgreSQL cluster', { skip: postgres.skip }, () => {
  after(() => postgres.stop());

  it('listens on 127.0.0.1 and its own socket only, runs unprivileged, and keeps durable settings', async () => {
    const cluster = postgres.cluster!;
    const [settings] = await query<Record<string, string>>(
      cluster.url,
      `SELECT current_setting('listen_addresses') AS listen, current_setting('unix_socket_directories') AS sockets,
              current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS commit,
              current_setting('full_page_writes') AS fpw, current_setting('data_directory') AS data`,
    );
    expect(settings).to.deep.equal({ listen: '127.0.0.1', sockets: cluster.socketDir, fsync: 'on', commit: 'on', fpw: 'on', data: join(cluster.socketDir, 'data') });
    expect(new URL(cluster.url).hostname).to.equal('127.0.0.1');
    // The server's process belongs to nobody when the suite runs as root (PostgreSQL refuses root).
    const pid = Number((await readFile(join(cluster.socketDir, 'data', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    const owner = (await stat(`/proc/${pid}`)).uid;
    expect(owner).to.equal(process.getuid?.() === 0 ? 65534 : process.getuid?.());
  });

  it('refuses a login without the password', async () => {
    const wrong = new URL(postgres.cluster!.url);
    wrong.password = 'guess';
    const error = await query(wrong.toString(), 'SELECT 1').then(() => undefined, (e: { code?: string }) => e.code);
    expect(error).to.equal('28P01');
  });

  it('keeps its data across a restart, on the same URL', async () => {
    const url = await postgres.freshDatabase();
    await query(url, "CREATE TABLE kept (a TEXT); INSERT INTO kept VALUES ('still here')");
    await postgres.cluster!.restart();
    expect(await query(url, 'SELECT a FROM kept')).to.deep.equal([{ a: 'still here' }]);
  });

  it('stop() removes the cluster and its files', async () => {
    const second = await startPostgres();
    if (second.skipped !== undefined) throw new Error(second.skipped);
    expect(existsSync(join(second.socketDir, 'data', 'PG_VERSION'))).to.equal(true);
    await second.stop();
    expect(existsSync(second.socketDir)).to.equal(false);
    const refused = await query(second.url, 'SELECT 1').then(() => undefined, (e: { code?: string }) => e.code);
    expect(refused).to.equal('ECONNREFUSED');
  });

  it('without PostgreSQL programs, gives the reason to skip instead of failing', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'col-no-postgres-'));
    const before = process.env.COL_POSTGRES_BIN;
    process.env.COL_POSTGRES_BIN = empty;
    try {
      expect(await startPostgres()).to.deep.equal({ skipped: 'skipped: PostgreSQL is not installed (apt-get install postgresql)' });
    } finally {
      if (before === undefined) delete process.env.COL_POSTGRES_BIN;
      else process.env.COL_POSTGRES_BIN = before;
      await rm(empty, { recursive: true });
    }
  });
});
