// The PostgreSQL backend of the Sql seam against a real PostgreSQL (a throwaway cluster from the
// harness): values come back as the store expects them on SQLite, writes report what they
// changed, transactions commit, roll back, nest and survive conflicts, a race across two pools
// has exactly one winner per use, instances starting together migrate once, and a database that
// goes away gives `database-unavailable` quickly and then serves again when it is back.
import { describe, it, after, expect, rejectionCode, thrownError } from '@col/harness';
import pg from 'pg';
import { openPostgres, type PostgresDatabase } from '../src/sql/postgres.js';
import { MIGRATION_LOCK, POSTGRES_SCHEMA_VERSION } from '../src/sql/postgres-migrations.js';
import type { Sql } from '../src/sql/sql.js';
import { testPostgres, withDatabase } from './support/postgres.js';

const postgres = await testPostgres();

/** Every database a test opens, closed after the file even when the test failed. */
const opened: PostgresDatabase[] = [];
async function open(url: string, options: Parameters<typeof openPostgres>[1] = {}): Promise<PostgresDatabase> {
  const database = await openPostgres(url, options);
  opened.push(database);
  return database;
}

/**
 * `test` on a fresh database of the cluster, closed after it even when it fails: a pool's
 * connections would otherwise stay open till the file ends, and the cluster has only so many.
 */
async function briefly(test: (db: PostgresDatabase) => Promise<void>): Promise<void> {
  const db = await openPostgres(await postgres.freshDatabase(), { migrate: false });
  try {
    await test(db);
  } finally {
    await db.close();
  }
}

/** A promise and the function that settles it, to make two transactions meet. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('PostgreSQL backend', { skip: postgres.skip }, () => {
  after(async () => {
    await Promise.all(opened.map((database) => database.close().catch(() => {})));
    await postgres.stop();
  });

  describe('statements', () => {
    it('numbers ? placeholders but leaves a ? inside a literal or a comment as text', async () => {
      const db = await open(await postgres.freshDatabase(), { migrate: false });
      const row = await db.get<{ a: string; b: string; c: string }>("SELECT ?::text AS a, 'why?' AS b, /* ? */ ?::text AS c -- ?\n", 'first', 'second');
      expect(row).to.deep.equal({ a: 'first', b: 'why?', c: 'second' });
    });

    it('a statement given more or fewer values than it has placeholders is refused before it runs', async () => {
      const db = await open(await postgres.freshDatabase(), { migrate: false });
      await db.run('CREATE TABLE t (a TEXT)');
      expect(await rejectionCode(db.run('INSERT INTO t (a) VALUES (?)'))).to.equal('sql-parameters-mismatch');
      expect(await rejectionCode(db.run('INSERT INTO t (a) VALUES (?)', 'x', 'y'))).to.equal('sql-parameters-mismatch');
      expect(await db.all('SELECT * FROM t')).to.deep.equal([]);
    });

    it('values round-trip as SQLite gives them: text, integers and counts as numbers, doubles, bytes as Buffers, NULL, booleans as 1/0', async () => {
      const db = await open(await postgres.freshDatabase(), { migrate: false });
      await db.run('CREATE TABLE v (s TEXT, i INTEGER, b BIGINT, d DOUBLE PRECISION, bytes BYTEA, n TEXT)');
      const big = 2 ** 40 + 7;
      await db.run('INSERT INTO v (s, i, b, d, bytes, n) VALUES (?, ?, ?, ?, ?, ?)', 'Caerdydd – “ŵ” ✓', -42, big, 0.1 + 0.2, Buffer.from([0, 1, 254, 255]), null);
      await db.run('INSERT INTO v (s, i, b, d, bytes, n) VALUES (?, ?, ?, ?, ?, ?)', '', 7, 10n ** 15n, -1.5e300, new Uint8Array([9, 8]), 'x');
      const rows = await db.all<Record<string, unknown>>('SELECT * FROM v ORDER BY i');
      expect(rows[0]).to.deep.equal({ s: 'Caerdydd – “ŵ” ✓', i: -42, b: big, d: 0.1 + 0.2, bytes: Buffer.from([0, 1, 254, 255]), n: null });
      expect(rows[1]).to.deep.equal({ s: '', i: 7, b: 10 ** 15, d: -1.5e300, bytes: Buffer.from([9, 8]), n: 'x' });
      expect(Buffer.isBuffer(rows[0]!.bytes)).to.equal(true);
      const totals = await db.get('SELECT count(*) AS n, sum(i) AS sum_i, sum(b) AS sum_b, max(i) > 0 AS positive, min(i) > 0 AS all_positive FROM v');
      expect(totals).to.deep.equal({ n: 2, sum_i: -35, sum_b: big + 10 ** 15, positive: 1, all_positive: 0 });
      // Beyond 2^53 a number would silently lose digits: such a value comes back as a bigint.
      expect(await db.get('SELECT (?::bigint * 1000) AS huge', 2 ** 53)).to.deep.equal({ huge: 2n ** 53n * 1000n });
      // Timestamps the database computes stay ISO-like text, as the store keeps its own.
      expect(typeof (await db.get<{ t: unknown }>("SELECT TIMESTAMP '2026-01-02 03:04:05' AS t"))!.t).to.equal('string');
    });

    it("changes the pool's own type parsers, not node-postgres's global ones", async () => {
      await open(await postgres.freshDatabase(), { migrate: false });
      expect(pg.types.getTypeParser(20, 'text')('12')).to.equal('12');
      const client = new pg.Client(postgres.cluster!.url);
      await client.connect();
      try {
        expect((await client.query('SELECT count(*) AS n FROM pg_database WHERE false')).rows[0].n).to.equal('0');
      } finally {
        await client.end();
      }
    });

    it('run() reports how many rows changed; ON CONFLICT DO NOTHING and a missed WHERE change none', async () => {
      const db = await open(await postgres.freshDatabase(), { migrate: false });
      await db.run('CREATE TABLE codes (code TEXT PRIMARY KEY, uses_left INTEGER NOT NULL)');
      expect(await db.run("INSERT INTO codes VALUES ('a', 1), ('b', 0), ('c', 2)")).to.deep.equal({ changes: 3 });
      expect(await db.run('INSERT INTO codes VALUES (?, ?) ON CONFLICT DO NOTHING', 'a', 9)).to.deep.equal({ changes: 0 });
      expect(await db.run('UPDATE codes SET uses_left = uses_left - 1 WHERE uses_left > 0')).to.deep.equal({ changes: 2 });
      expect(await db.run('DELETE FROM codes WHERE code = ?', 'zzz')).to.deep.equal({ changes: 0 });
      expect(await db.all('SELECT code, uses_left FROM codes ORDER BY code')).to.deep.equal([
        { code: 'a', uses_left: 0 },
        { code: 'b', uses_left: 0 },
        { code: 'c', uses_left: 1 },
      ]);
    });

    it('RETURNING gives the written row back through get(), and counts through run()', async () => {
      const db = await open(await postgres.freshDatabase(), { migrate: false });
      await db.run('CREATE TABLE items (id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name TEXT NOT NULL)');
      expect(await db.get('INSERT INTO items (name) VALUES (?) RETURNING id, name', 'first')).to.deep.equal({ id: 1, name: 'first' });
      expect(await db.get('INSERT INTO items (name) VALUES (?) RETURNING id', 'second')).to.deep.equal({ id: 2 });
      expect(await db.run('UPDATE items SET name = upper(name) RETURNING id')).to.deep.equal({ changes: 2 });
      expect(await db.get('SELECT name FROM items WHERE id = ?', 2)).to.deep.equal({ name: 'SECOND' });
    });

    it('a failing statement (a duplicate key) is reported as the database said, not as the database being away', async () => {
      const db = await open(await postgres.freshDatabase(), { migrate: false });
      await db.run('CREATE TABLE keys (k TEXT PRIMARY KEY)');
      await db.run('INSERT INTO keys VALUES (?)', 'one');
      const error = (await db.run('INSERT INTO keys VALUES (?)', 'one').then(() => undefined, (e: unknown) => e)) as { code?: string } | undefined;
      expect(error?.code).to.equal('23505');
    });
  });

  describe('transactions', () => {
    it('commit makes every write visible; a throw undoes every write and reaches the caller', async () => {
      const db = await open(await postgres.freshDatabase(), { migrate: false });
      await db.run('CREATE TABLE t (a TEXT)');
      expect(await db.transaction(async (tx) => {
        await tx.run('INSERT INTO t VALUES (?)', 'kept-1');
        await tx.run('INSERT INTO t VALUES (?)', 'kept-2');
        return 'done';
      })).to.equal('done');
      const failure = new Error('the work failed');
      const thrown = await db.transaction(async (tx) => {
        await tx.run('INSERT INTO t VALUES (?)', 'undone');
        throw failure;
      }).then(() => undefined, (e: unknown) => e);
      expect(thrown).to.equal(failure);
      expect(await db.all('SELECT a FROM t ORDER BY a')).to.deep.equal([{ a: 'kept-1' }, { a: 'kept-2' }]);
      // The connection went back to the pool clean: the next transaction starts fresh.
      await db.transaction((tx) => tx.run('INSERT INTO t VALUES (?)', 'after'));
      expect((await db.get('SELECT count(*) AS n FROM t'))!.n).to.equal(3);
    });

    it('runs at SERIALIZABLE', async () => {
      const db = await open(await postgres.freshDatabase(), { migrate: false });
      expect(await db.transaction((tx) => tx.get('SHOW transaction_isolation'))).to.deep.equal({ transaction_isolation: 'serializable' });
    });

    it('runs at READ COMMITTED when asked, and a savepoint inside keeps the outer level', () =>
      briefly(async (db) => {
      const levels = await db.transaction(
        async (tx) => [(await tx.get('SHOW transaction_isolation'))!, (await tx.transaction((inner) => inner.get('SHOW transaction_isolation')))!],
        { isolation: 'read-committed' },
      );
      expect(levels).to.deep.equal([{ transaction_isolation: 'read committed' }, { transaction_isolation: 'read committed' }]);
      expect(await db.transaction((tx) => tx.get('SHOW transaction_isolation'), { isolation: 'serializable' })).to.deep.equal({ transaction_isolation: 'serializable' });
    }));

    it('a READ COMMITTED transaction sees what another committed meanwhile; a SERIALIZABLE one keeps its snapshot', () =>
      briefly(async (db) => {
      await db.run('CREATE TABLE t (a TEXT)');
      const seen = (isolation: 'serializable' | 'read-committed') =>
        db.transaction(
          async (tx) => {
            const before = (await tx.get<{ n: number }>('SELECT count(*) AS n FROM t'))!.n;
            await db.run('INSERT INTO t VALUES (?)', isolation); // committed on another connection
            const after = (await tx.get<{ n: number }>('SELECT count(*) AS n FROM t'))!.n;
            return after - before;
          },
          { isolation },
        );
      expect(await seen('read-committed')).to.equal(1);
      expect(await seen('serializable')).to.equal(0);
    }));

    it('a guarded decrement in READ COMMITTED transactions that hold it open is exact and never runs again', () =>
      briefly(async (db) => {
      await db.run('CREATE TABLE codes (code TEXT PRIMARY KEY, uses_left INTEGER NOT NULL)');
      await db.run('INSERT INTO codes VALUES (?, ?)', 'c', 5);
      let runs = 0;
      const take = () =>
        db.transaction(
          async (tx) => {
            runs += 1;
            const taken = (await tx.run('UPDATE codes SET uses_left = uses_left - 1 WHERE code = ? AND uses_left > 0', 'c')).changes === 1;
            // Hold the row lock a moment, so the other takers really wait for it and re-check.
            await new Promise((resolve) => setTimeout(resolve, 5));
            return taken;
          },
          { isolation: 'read-committed' },
        );
      const results = await Promise.all(Array.from({ length: 30 }, take));
      expect(results.filter(Boolean)).to.have.length(5);
      expect(runs).to.equal(30);
      expect(await db.get('SELECT uses_left FROM codes')).to.deep.equal({ uses_left: 0 });
    }));

    it('a READ COMMITTED deadlock is retried: both transactions land', () =>
      briefly(async (db) => {
      await db.run('CREATE TABLE acc (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)');
      await db.run('INSERT INTO acc VALUES (1, 0), (2, 0)');
      const firstDone = [gate(), gate()];
      let runs = 0;
      const crossed = (first: number, second: number, me: number) =>
        db.transaction(
          async (tx) => {
            runs += 1;
            await tx.run('UPDATE acc SET n = n + 1 WHERE id = ?', first);
            firstDone[me]!.open();
            await firstDone[1 - me]!.opened;
            await tx.run('UPDATE acc SET n = n + 1 WHERE id = ?', second);
          },
          { isolation: 'read-committed' },
        );
      await Promise.all([crossed(1, 2, 0), crossed(2, 1, 1)]);
      expect(await db.all('SELECT id, n FROM acc ORDER BY id')).to.deep.equal([{ id: 1, n: 2 }, { id: 2, n: 2 }]);
      expect(runs).to.equal(3); // the deadlock's victim ran once more
    }));

    it('a serialization failure in a transaction begun READ COMMITTED is reported, not retried', () =>
      briefly(async (db) => {
      await db.run('CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)');
      await db.run('INSERT INTO counter VALUES (1, 0)');
      const bothRead = [gate(), gate()];
      let runs = 0;
      const increment = (me: number) =>
        db.transaction(
          async (tx) => {
            runs += 1;
            // The work raises its own level (the only way a READ COMMITTED transaction meets 40001).
            await tx.run('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
            const { value } = (await tx.get<{ value: number }>('SELECT value FROM counter WHERE id = 1'))!;
            bothRead[me]!.open();
            await bothRead[1 - me]!.opened;
            await tx.run('UPDATE counter SET value = ? WHERE id = 1', value + 1);
          },
          { isolation: 'read-committed' },
        );
      const outcomes = await Promise.allSettled([increment(0), increment(1)]);
      const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(failed).to.have.length(1);
      expect((failed[0]!.reason as { code?: string }).code).to.equal('40001');
      expect(runs).to.equal(2);
      expect(await db.get('SELECT value FROM counter WHERE id = 1')).to.deep.equal({ value: 1 });
    }));

    it('a transaction inside a transaction is a savepoint: its failure undoes only its own writes', async () => {
      const db = await open(await postgres.freshDatabase(), { migrate: false });
      await db.run('CREATE TABLE t (a TEXT)');
      await db.transaction(async (tx) => {
        await tx.run('INSERT INTO t VALUES (?)', 'outer');
        await tx.transaction(async (inner) => {
          await inner.run('INSERT INTO t VALUES (?)', 'inner-undone');
          throw new Error('inner failed');
        }).catch(() => {});
        // Even a failed statement inside the savepoint leaves the outer transaction usable.
        await tx.transaction((inner) => inner.run('INSERT INTO missing_table VALUES (1)')).catch(() => {});
        await tx.transaction((inner) => inner.run('INSERT INTO t VALUES (?)', 'inner-kept'));
        await tx.run('INSERT INTO t VALUES (?)', 'outer-after');
      });
      expect(await db.all('SELECT a FROM t ORDER BY a')).to.deep.equal([{ a: 'inner-kept' }, { a: 'outer' }, { a: 'outer-after' }]);
    });

    it('a handle kept past the end of its transaction cannot run statements on a connection someone else now has', async () => {
      const db = await open(await postgres.freshDatabase(), { migrate: false });
      let leaked: Sql | undefined;
      await db.transaction(async (tx) => {
        leaked = tx;
      });
      expect(await rejectionCode(leaked!.get('SELECT 1'))).to.equal('transaction-finished');
    });

    it('two transactions that read then write the same row both land: the one that conflicts runs again', async () => {
      const db = await open(await postgres.freshDatabase(), { migrate: false });
      await db.run('CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)');
      await db.run('INSERT INTO counter VALUES (1, 0)');
      const bothRead = [gate(), gate()];
      let runs = 0;
      const increment = (me: number) =>
        db.transaction(async (tx) => {
          runs += 1;
          const { value } = (await tx.get<{ value: number }>('SELECT value FROM counter WHERE id = 1'))!;
          // Each first run waits until the other has read too, so the two really overlap.
          bothRead[me]!.open();
          await bothRead[1 - me]!.opened;
          await tx.run('UPDATE counter SET value = ? WHERE id = 1', value + 1);
          return value + 1;
        });
      const results = await Promise.all([increment(0), increment(1)]);
      expect(results.sort()).to.deep.equal([1, 2]);
      expect(await db.get('SELECT value FROM counter WHERE id = 1')).to.deep.equal({ value: 2 });
      expect(runs).to.be.greaterThan(2); // a serialization failure happened and was retried
    });

    it('a deadlock is retried like a serialization failure: both transactions land', async () => {
      const db = await open(await postgres.freshDatabase(), { migrate: false });
      await db.run('CREATE TABLE acc (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)');
      await db.run('INSERT INTO acc VALUES (1, 0), (2, 0)');
      const firstDone = [gate(), gate()];
      const crossed = (first: number, second: number, me: number) =>
        db.transaction(async (tx) => {
          await tx.run('UPDATE acc SET n = n + 1 WHERE id = ?', first);
          firstDone[me]!.open();
          await firstDone[1 - me]!.opened;
          await tx.run('UPDATE acc SET n = n + 1 WHERE id = ?', second);
        });
      await Promise.all([crossed(1, 2, 0), crossed(2, 1, 1)]);
      expect(await db.all('SELECT id, n FROM acc ORDER BY id')).to.deep.equal([{ id: 1, n: 2 }, { id: 2, n: 2 }]);
    });

    it('conflicts beyond the allowed attempts give database-unavailable, and that transaction changed nothing', async () => {
      const db = await open(await postgres.freshDatabase(), { migrate: false, transactionAttempts: 1 });
      await db.run('CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)');
      await db.run('INSERT INTO counter VALUES (1, 0)');
      const bothRead = [gate(), gate()];
      const increment = (me: number) =>
        db.transaction(async (tx) => {
          const { value } = (await tx.get<{ value: number }>('SELECT value FROM counter WHERE id = 1'))!;
          bothRead[me]!.open();
          await bothRead[1 - me]!.opened;
          await tx.run('UPDATE counter SET value = ? WHERE id = 1', value + 1);
        });
      const outcomes = await Promise.allSettled([increment(0), increment(1)]);
      const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(failed).to.have.length(1);
      expect((failed[0]!.reason as { code?: string }).code).to.equal('database-unavailable');
      expect((failed[0]!.reason as Error).message).to.match(/conflicted with other changes/);
      expect(await db.get('SELECT value FROM counter WHERE id = 1')).to.deep.equal({ value: 1 });
    });
  });

  describe('races across two instances', () => {
    it('100 conditional decrements of a 37-use code from two pools: exactly 37 succeed, none is lost or counted twice', async () => {
      const url = await postgres.freshDatabase();
      const [a, b] = await Promise.all([open(url), open(url)]);
      await a.run("INSERT INTO issuers (key, name, url, created_at) VALUES ('i', 'Issuer', 'https://i.example', '2026-01-01T00:00:00Z')");
      await a.run("INSERT INTO achievements (key, issuer_key, data, created_at) VALUES ('ach', 'i', '{}', '2026-01-01T00:00:00Z')");
      await a.run("INSERT INTO claim_codes (code, achievement_key, uses_total, uses_left, created_at) VALUES ('code', 'ach', 37, 37, '2026-01-01T00:00:00Z')");
      const claims = Array.from({ length: 100 }, (_, i) =>
        (i % 2 ? a : b).run('UPDATE claim_codes SET uses_left = uses_left - 1 WHERE code = ? AND uses_left > 0', 'code'),
      );
      const changes = (await Promise.all(claims)).map((r) => r.changes);
      expect(changes.filter((c) => c === 1)).to.have.length(37);
      expect(changes.filter((c) => c === 0)).to.have.length(63);
      expect(await b.get('SELECT uses_left FROM claim_codes WHERE code = ?', 'code')).to.deep.equal({ uses_left: 0 });
    });

    it('40 read-then-write transactions on a 15-use code from two pools: exactly 15 take a use', async () => {
      const url = await postgres.freshDatabase();
      const [a, b] = await Promise.all([open(url, { transactionAttempts: 40 }), open(url, { transactionAttempts: 40 })]);
      await a.run("INSERT INTO issuers (key, name, url, created_at) VALUES ('i', 'Issuer', 'https://i.example', '2026-01-01T00:00:00Z')");
      await a.run("INSERT INTO achievements (key, issuer_key, data, created_at) VALUES ('ach', 'i', '{}', '2026-01-01T00:00:00Z')");
      await a.run("INSERT INTO claim_codes (code, achievement_key, uses_total, uses_left, created_at) VALUES ('code', 'ach', 15, 15, '2026-01-01T00:00:00Z')");
      const take = (db: PostgresDatabase) =>
        db.transaction(async (tx) => {
          const row = await tx.get<{ uses_left: number }>('SELECT uses_left FROM claim_codes WHERE code = ?', 'code');
          if (!row || row.uses_left === 0) return false;
          await tx.run('UPDATE claim_codes SET uses_left = ? WHERE code = ?', row.uses_left - 1, 'code');
          return true;
        });
      const taken = await Promise.all(Array.from({ length: 40 }, (_, i) => take(i % 2 ? a : b)));
      expect(taken.filter(Boolean)).to.have.length(15);
      expect(await a.get('SELECT uses_left FROM claim_codes WHERE code = ?', 'code')).to.deep.equal({ uses_left: 0 });
    });
  });

  describe('the insight counters under a burst', () => {
    it('200 credentials of one badge issued at once from two instances all land and are all counted (the shared counter row is retried, not lost)', async () => {
      const url = await postgres.freshDatabase();
      const [a, b] = await Promise.all([open(url), open(url)]);
      await a.run("INSERT INTO issuers (key, name, url, created_at) VALUES ('i', 'Issuer', 'https://i.example', '2026-01-01T00:00:00Z')");
      await a.run("INSERT INTO achievements (key, issuer_key, data, created_at) VALUES ('ach', 'i', '{}', '2026-01-01T00:00:00Z')");
      const issue = (db: PostgresDatabase, i: number) =>
        db.transaction((tx) =>
          tx.run(
            "INSERT INTO credentials (key, achievement_key, issuer_key, state, source, revocation_index, suspension_index, issued_at) VALUES (?, 'ach', 'i', 'issued', ?, ?, ?, '2026-05-01T12:00:00Z')",
            `c${i}`, i % 4 ? 'code' : 'api', i, i,
          ),
        );
      const outcomes = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => issue(i % 2 ? a : b, i)));
      expect(outcomes.filter((o) => o.status === 'rejected')).to.deep.equal([]);
      expect(await b.get('SELECT count(*) AS n FROM credentials')).to.deep.equal({ n: 200 });
      expect(await b.all('SELECT month, issued, claimed, revoked FROM insight_monthly')).to.deep.equal([{ month: '2026-05', issued: 200, claimed: 150, revoked: 0 }]);
    });
  });

  describe('migrations', () => {
    it('two instances starting together on an empty database: one migrates, the other waits and finds it done', async () => {
      const url = await postgres.freshDatabase();
      const [a, b] = await Promise.all([open(url), open(url)]);
      expect(await a.all('SELECT version FROM schema_version ORDER BY version')).to.deep.equal(
        Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })),
      );
      expect(await b.get("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'insight_monthly'")).to.deep.equal({ n: 1 });
      // Opening again later finds nothing to do.
      const c = await open(url);
      expect((await c.get('SELECT count(*) AS n FROM schema_version'))!.n).to.equal(POSTGRES_SCHEMA_VERSION);
    });

    it('refuses a database whose schema is newer than this build knows (database-too-new), and leaves the lock free', async () => {
      const url = await postgres.freshDatabase();
      const first = await open(url);
      await first.run("INSERT INTO schema_version (version, applied_at) VALUES (?, '2030-01-01T00:00:00Z')", POSTGRES_SCHEMA_VERSION + 1);
      const refused = await thrownErrorOf(openPostgres(url));
      expect(refused.code).to.equal('database-too-new');
      expect(refused.message).to.include(`schema ${POSTGRES_SCHEMA_VERSION + 1}`);
      await first.run('DELETE FROM schema_version WHERE version > ?', POSTGRES_SCHEMA_VERSION);
      // Had the refused instance kept the migration lock, this would wait forever.
      await open(url, { connectTimeoutMs: 2_000, statementTimeoutMs: 5_000 });
    });

    it('an instance stuck holding the migration lock stops the next start with database-migration-locked, not forever; once it is gone the start succeeds', async () => {
      const url = await postgres.freshDatabase();
      // A wedged instance: a session that took the lock and never lets it go.
      const wedged = new pg.Client({ connectionString: url });
      await wedged.connect();
      try {
        await wedged.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
        const started = Date.now();
        const refused = await thrownErrorOf(openPostgres(url, { migrationLockTimeoutMs: 700 }));
        expect(refused.code).to.equal('database-migration-locked');
        expect(refused.message).to.match(/held the schema migration lock for over 1 s/);
        expect(refused.message).to.include('pg_terminate_backend');
        expect(Date.now() - started).to.be.within(650, 10_000);
        // Nothing was migrated, and the refused start left no connection behind.
        expect((await wedged.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'schema_version'")).rows[0].n).to.equal(0);
        expect((await wedged.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'colearn'")).rows[0].n).to.equal(0);
      } finally {
        await wedged.end();
      }
      const started = await open(url, { migrationLockTimeoutMs: 700 });
      expect((await started.get<{ n: number }>('SELECT count(*) AS n FROM schema_version'))!.n).to.equal(POSTGRES_SCHEMA_VERSION);
      // The lock wait is bounded for taking the lock only: the connection's lock_timeout is back to none.
      expect(await started.session((session) => session.get('SHOW lock_timeout'))).to.deep.equal({ lock_timeout: '0' });
    });
  });

  describe('a database that goes away', () => {
    it('while it is down, statements and transactions fail fast with database-unavailable; when it is back they succeed', async () => {
      const url = await postgres.freshDatabase();
      const db = await open(url, { connectTimeoutMs: 2_000 });
      await db.run('CREATE TABLE t (a TEXT)');
      // Warm the pool, and leave a statement running when the database stops.
      await Promise.all(Array.from({ length: 4 }, () => db.get('SELECT 1')));
      const running = db.get('SELECT pg_sleep(30)').then(() => 'finished', (e: { code?: string }) => e.code);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await postgres.cluster!.restart({
        whileDown: async () => {
          const started = Date.now();
          expect(await rejectionCode(db.get('SELECT 1'))).to.equal('database-unavailable');
          expect(await rejectionCode(db.run('INSERT INTO t VALUES (?)', 'lost'))).to.equal('database-unavailable');
          expect(await rejectionCode(db.transaction((tx) => tx.run('INSERT INTO t VALUES (?)', 'lost')))).to.equal('database-unavailable');
          expect(Date.now() - started).to.be.lessThan(10_000);
        },
      });
      expect(await running).to.equal('database-unavailable');
      // The pool dropped its dead connections and opens new ones.
      await db.run('INSERT INTO t VALUES (?)', 'after');
      await db.transaction((tx) => tx.run('INSERT INTO t VALUES (?)', 'after-tx'));
      expect(await db.all('SELECT a FROM t ORDER BY a')).to.deep.equal([{ a: 'after' }, { a: 'after-tx' }]);
    });
  });

  describe('a database that goes away mid-transaction', () => {
    it('a transaction holding its connection when the database stops fails with database-unavailable, writes nothing, and the process lives on', async () => {
      const db = await open(await postgres.freshDatabase(), { migrate: false, connectTimeoutMs: 2_000 });
      await db.run('CREATE TABLE t (a TEXT)');
      const inside = gate();
      const resume = gate();
      const interrupted = db.transaction(async (tx) => {
        await tx.run('INSERT INTO t VALUES (?)', 'first half');
        inside.open();
        await resume.opened; // the database stops here, between two statements
        await tx.run('INSERT INTO t VALUES (?)', 'second half');
      });
      await inside.opened;
      await postgres.cluster!.restart({
        whileDown: async () => {
          // Give the connection's loss time to arrive as an event while nothing is asking it anything.
          await new Promise((resolve) => setTimeout(resolve, 300));
          resume.open();
          expect(await rejectionCode(interrupted)).to.equal('database-unavailable');
        },
      });
      expect(await db.all('SELECT a FROM t')).to.deep.equal([]);
      await db.transaction((tx) => tx.run('INSERT INTO t VALUES (?)', 'whole'));
      expect(await db.all('SELECT a FROM t')).to.deep.equal([{ a: 'whole' }]);
    });
  });

  describe('the pool', () => {
    it('names itself colearn and bounds statements; migrating on a connection leaves its timeout as it was', async () => {
      // One connection: the one that migrated (with no statement timeout) is the one asked here.
      const db = await open(await postgres.freshDatabase(), { maxConnections: 1 });
      expect(await db.get("SELECT current_setting('application_name') AS app, current_setting('statement_timeout') AS statement, current_setting('idle_in_transaction_session_timeout') AS idle")).to.deep.equal({
        app: 'colearn',
        statement: '30s',
        idle: '1min',
      });
      const unlocked = await db.get<{ held: number }>("SELECT count(*) AS held FROM pg_locks WHERE locktype = 'advisory'");
      expect(unlocked).to.deep.equal({ held: 0 });
    });

    it('a statement over the statement timeout is cancelled by the database (57014), not reported as the database being away', async () => {
      const db = await open(await postgres.freshDatabase(), { migrate: false, statementTimeoutMs: 200 });
      const started = Date.now();
      const error = (await db.get('SELECT pg_sleep(5)').then(() => undefined, (e: unknown) => e)) as { code?: string } | undefined;
      expect(error?.code).to.equal('57014');
      expect(Date.now() - started).to.be.lessThan(3_000);
      expect(await db.get('SELECT 1 AS one')).to.deep.equal({ one: 1 });
    });

    it("holds no more connections than the URL's pool_max", async () => {
      const url = `${await postgres.freshDatabase()}?pool_max=2`;
      const db = await open(url, { migrate: false });
      const database = new URL(url).pathname.slice(1);
      let most = 0;
      await Promise.all(
        Array.from({ length: 6 }, async () => {
          const row = await db.get<{ n: number }>("SELECT count(*) AS n, pg_sleep(0.2) IS NULL AS slept FROM pg_stat_activity WHERE datname = ? AND application_name = 'colearn'", database);
          most = Math.max(most, row!.n);
        }),
      );
      expect(most).to.equal(2);
    });

    it('a caller that waits longer than the connect timeout for a busy pool gets database-unavailable, and the pool serves again after', async () => {
      const db = await open(await postgres.freshDatabase(), { migrate: false, maxConnections: 1, connectTimeoutMs: 300 });
      const release = gate();
      const holding = db.transaction(async (tx) => {
        await tx.get('SELECT 1');
        await release.opened;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = Date.now();
      expect(await rejectionCode(db.get('SELECT 1'))).to.equal('database-unavailable');
      expect(Date.now() - started).to.be.lessThan(2_000);
      release.open();
      await holding;
      expect(await db.get('SELECT 1 AS one')).to.deep.equal({ one: 1 });
    });

    it('reaches the database over its unix socket too, and says so in its description', async () => {
      const url = new URL(await postgres.freshDatabase());
      const socketUrl = `postgres://${url.username}:${url.password}@/${url.pathname.slice(1)}?host=${encodeURIComponent(postgres.cluster!.socketDir)}&port=${url.port}`;
      const db = await open(socketUrl, { migrate: false });
      expect(await db.get("SELECT inet_server_addr() IS NULL AS over_socket")).to.deep.equal({ over_socket: 1 });
      expect(db.description).to.equal(`PostgreSQL ${postgres.cluster!.socketDir}/${url.pathname.slice(1)}`);
    });
  });

  describe('opening', () => {
    it('describes the database without the user name or password', async () => {
      const url = await postgres.freshDatabase();
      const db = await open(url);
      const { port, pathname } = new URL(url);
      expect(db.description).to.equal(`PostgreSQL 127.0.0.1:${port}/${pathname.slice(1)}`);
      expect(db.description).not.to.include(postgres.cluster!.password);
      expect(db.description).not.to.include('colearn');
    });

    it('a URL that is not a postgres:// URL, or a bad pool_max, is database-url-invalid', async () => {
      expect(await rejectionCode(openPostgres('not a url'))).to.equal('database-url-invalid');
      expect(await rejectionCode(openPostgres('mysql://u:p@127.0.0.1/db'))).to.equal('database-url-invalid');
      expect(await rejectionCode(openPostgres(`${postgres.cluster!.url}?pool_max=0`))).to.equal('database-url-invalid');
      expect(await rejectionCode(openPostgres(`${postgres.cluster!.url}?pool_max=lots`))).to.equal('database-url-invalid');
    });

    it('an option out of range is option-invalid, before any connection is made', async () => {
      const url = postgres.cluster!.url;
      for (const options of [{ maxConnections: 0 }, { connectTimeoutMs: -1 }, { statementTimeoutMs: 1.5 }, { idleTimeoutMs: Number.NaN }, { transactionAttempts: 0 }, { migrationLockTimeoutMs: 0 }]) {
        const error = await thrownErrorOf(openPostgres(url, options));
        expect(error.code, JSON.stringify(options)).to.equal('option-invalid');
        expect(error.message).to.include(Object.keys(options)[0]!);
      }
    });

    it('a wrong password or an unknown database is database-url-invalid, and the message never shows the password', async () => {
      const wrong = new URL(postgres.cluster!.url);
      wrong.password = 'not-the-password-0123';
      const refused = await thrownErrorOf(openPostgres(wrong.toString()));
      expect(refused.code).to.equal('database-url-invalid');
      expect(refused.message).to.match(/refused the user name or password/);
      expect(refused.message).not.to.include('not-the-password-0123');
      const missing = await thrownErrorOf(openPostgres(withDatabase(postgres.cluster!.url, 'no_such_database')));
      expect(missing.code).to.equal('database-url-invalid');
      expect(missing.message).to.match(/no such database/);
      expect(missing.message).not.to.include(postgres.cluster!.password);
    });

    it('nothing listening at the address is database-unavailable, quickly', async () => {
      const nowhere = new URL(postgres.cluster!.url);
      nowhere.port = '1'; // nothing listens on port 1 of the loopback address
      const started = Date.now();
      const error = await thrownErrorOf(openPostgres(nowhere.toString(), { connectTimeoutMs: 2_000 }));
      expect(error.code).to.equal('database-unavailable');
      expect(error.message).to.include('127.0.0.1:1/postgres');
      expect(Date.now() - started).to.be.lessThan(5_000);
    });
  });
});

/** The ColError a promise rejects with (to check its message too); fails when it resolves. */
async function thrownErrorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return thrownError(() => {
      throw error;
    });
  }
  throw new Error('expected a ColError, but it succeeded');
}
