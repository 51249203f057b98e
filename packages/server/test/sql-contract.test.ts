// One contract for both backends of the Sql seam: the same tests, word for word, on SQLite
// (openSqlite, in memory) and on PostgreSQL (openPostgres, a migrated database in this file's
// throwaway cluster). What the store relies on whichever engine it runs on: commits return the
// work's value, a throw undoes everything and a nested throw only its savepoint, interleaved
// transactions neither see nor undo each other's writes, a read-then-write race takes each use
// once, writes report what they changed, RETURNING gives the row back, values come back with the
// same types, and text sorts byte by byte. What only one engine does (SQLite's single connection
// and WAL flush, PostgreSQL's pool, retries and outages) stays in sql-sqlite / sql-postgres.
import { describe, it, after, expect, rejectionCode } from '@col/harness';
import { openSqlite } from '../src/sql/sqlite.js';
import { openPostgres } from '../src/sql/postgres.js';
import type { Sql, SqlDatabase } from '../src/sql/sql.js';
import { testPostgres } from './support/postgres.js';

const postgres = await testPostgres();
after(() => postgres.stop());

const engines: Array<{ name: string; skip: string | false; open(): Promise<SqlDatabase> }> = [
  { name: 'SQLite', skip: false, open: () => openSqlite(':memory:') },
  { name: 'PostgreSQL', skip: postgres.skip, open: async () => openPostgres(await postgres.migratedDatabase()) },
];

/** A promise and the function that settles it, to hold a transaction open at a chosen point. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const metaKeys = async (sql: Sql) => (await sql.all<{ key: string }>('SELECT key FROM meta ORDER BY key')).map((r) => r.key);

/** Let every pending callback run: long enough for a statement that is not held back to finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

for (const engine of engines) {
  describe(`the Sql contract on ${engine.name}`, { skip: engine.skip }, () => {
    /** A migrated database for one test, closed even when the test fails. */
    async function withDatabase(test: (database: SqlDatabase) => Promise<void>): Promise<void> {
      const database = await engine.open();
      try {
        await test(database);
      } finally {
        await database.close();
      }
    }

    it('commits a transaction’s writes and returns what its work returns', () =>
      withDatabase(async (database) => {
        const result = await database.transaction(async (tx) => {
          await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'a', '1');
          return (await tx.get<{ n: number }>('SELECT count(*) AS n FROM meta WHERE key = ?', 'a'))!.n;
        });
        expect(result).to.equal(1);
        expect(await metaKeys(database)).to.include('a');
      }));

    it('rolls back every write of a transaction whose work throws, rethrows that error, and stays usable', () =>
      withDatabase(async (database) => {
        const before = await metaKeys(database);
        const failure = new RangeError('work failed');
        const caught = await database
          .transaction(async (tx) => {
            await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'a', '1');
            await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'b', '2');
            throw failure;
          })
          .catch((error: unknown) => error);
        expect(caught).to.equal(failure);
        expect(await metaKeys(database)).to.deep.equal(before);
        await database.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'c', '3');
        expect(await metaKeys(database)).to.deep.equal([...before, 'c'].sort());
      }));

    it('rolls back only the savepoint of a nested transaction that throws', () =>
      withDatabase(async (database) => {
        await database.transaction(async (tx) => {
          await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'outer', '1');
          const inner = await tx
            .transaction(async (nested) => {
              await nested.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'inner', '2');
              expect(await metaKeys(nested)).to.include.members(['inner', 'outer']);
              throw new RangeError('nested failed');
            })
            .catch((error: Error) => error.message);
          expect(inner).to.equal('nested failed');
          await tx.transaction(async (nested) => void (await nested.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'kept', '3')));
        });
        const keys = await metaKeys(database);
        expect(keys).to.include.members(['kept', 'outer']);
        expect(keys).to.not.include('inner');
      }));

    it('interleaved transactions neither see nor roll back each other’s writes', () =>
      withDatabase(async (database) => {
        const held = gate();
        const seenBySecond: boolean[] = [];
        const first = database
          .transaction(async (tx) => {
            await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'first', '1');
            await held.opened;
            throw new RangeError('first fails');
          })
          .catch(() => 'rolled back');
        await settle();
        // SQLite runs the second after the first; PostgreSQL runs it beside it. Either way it
        // never sees the first's uncommitted row, and the first's rollback leaves its own.
        const second = database.transaction(async (tx) => {
          seenBySecond.push((await metaKeys(tx)).includes('first'));
          await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'second', '2');
          return 'committed';
        });
        await settle();
        held.open();
        expect(await Promise.all([first, second])).to.deep.equal(['rolled back', 'committed']);
        expect(seenBySecond.every((seen) => !seen), 'saw the other’s uncommitted row').to.equal(true);
        const keys = await metaKeys(database);
        expect(keys).to.include('second');
        expect(keys).to.not.include('first');
      }));

    it('takes each use of a read-then-write counter exactly once when many transactions race for it', () =>
      withDatabase(async (database) => {
        await database.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'uses', '5');
        const attempts = Array.from({ length: 24 }, () =>
          database.transaction(async (tx) => {
            const row = await tx.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', 'uses');
            await settle(); // other transactions would interleave here if nothing held them back
            if (Number(row!.value) === 0) return false;
            await tx.run('UPDATE meta SET value = ? WHERE key = ?', String(Number(row!.value) - 1), 'uses');
            return true;
          }),
        );
        expect((await Promise.all(attempts)).filter(Boolean).length).to.equal(5);
        expect(await database.get('SELECT value FROM meta WHERE key = ?', 'uses')).to.deep.equal({ value: '0' });
      }));

    it('counts a conditional decrement raced by many statements exactly once per use', () =>
      withDatabase(async (database) => {
        await database.run('CREATE TABLE contract_codes (code TEXT PRIMARY KEY, uses_left INTEGER NOT NULL)');
        await database.run('INSERT INTO contract_codes (code, uses_left) VALUES (?, ?)', 'c', 7);
        const takes = await Promise.all(
          Array.from({ length: 30 }, () => database.run('UPDATE contract_codes SET uses_left = uses_left - 1 WHERE code = ? AND uses_left > 0', 'c')),
        );
        expect(takes.filter((r) => r.changes === 1).length).to.equal(7);
        expect(await database.get('SELECT uses_left FROM contract_codes')).to.deep.equal({ uses_left: 0 });
      }));

    it('read-committed transactions whose writes are guarded statements take each use exactly once under a race', () =>
      withDatabase(async (database) => {
        await database.run('CREATE TABLE contract_codes (code TEXT PRIMARY KEY, uses_left INTEGER NOT NULL)');
        await database.run('CREATE TABLE contract_taken (code TEXT NOT NULL, taker INTEGER NOT NULL, UNIQUE (code, taker))');
        await database.run('INSERT INTO contract_codes (code, uses_left) VALUES (?, ?)', 'c', 6);
        const takes = await Promise.all(
          Array.from({ length: 24 }, (_, taker) =>
            database.transaction(
              async (tx) => {
                const row = await tx.get<{ uses_left: number }>('UPDATE contract_codes SET uses_left = uses_left - 1 WHERE code = ? AND uses_left > 0 RETURNING uses_left', 'c');
                if (!row) return false;
                await settle(); // other transactions interleave here on PostgreSQL, and wait for the row
                // Each taker twice: the second insert is the guarded no-op a retried request would be.
                await tx.run('INSERT INTO contract_taken (code, taker) VALUES (?, ?) ON CONFLICT DO NOTHING', 'c', taker);
                await tx.run('INSERT INTO contract_taken (code, taker) VALUES (?, ?) ON CONFLICT DO NOTHING', 'c', taker);
                return true;
              },
              { isolation: 'read-committed' },
            ),
          ),
        );
        expect(takes.filter(Boolean).length).to.equal(6);
        expect(await database.get('SELECT uses_left FROM contract_codes')).to.deep.equal({ uses_left: 0 });
        expect(await database.get('SELECT count(*) AS n FROM contract_taken')).to.deep.equal({ n: 6 });
      }));

    it('run() reports how many rows changed; ON CONFLICT DO NOTHING and a missed WHERE change none', () =>
      withDatabase(async (database) => {
        await database.run('CREATE TABLE contract_codes (code TEXT PRIMARY KEY, uses_left INTEGER NOT NULL)');
        expect(await database.run("INSERT INTO contract_codes VALUES ('a', 1), ('b', 0), ('c', 2)")).to.deep.equal({ changes: 3 });
        expect(await database.run('INSERT INTO contract_codes VALUES (?, ?) ON CONFLICT DO NOTHING', 'a', 9)).to.deep.equal({ changes: 0 });
        expect(await database.run('UPDATE contract_codes SET uses_left = uses_left - 1 WHERE uses_left > 0')).to.deep.equal({ changes: 2 });
        expect(await database.run('DELETE FROM contract_codes WHERE code = ?', 'zzz')).to.deep.equal({ changes: 0 });
        expect(await database.all('SELECT code, uses_left FROM contract_codes ORDER BY code')).to.deep.equal([
          { code: 'a', uses_left: 0 },
          { code: 'b', uses_left: 0 },
          { code: 'c', uses_left: 1 },
        ]);
      }));

    it('RETURNING gives the written rows back through get() and all(), and counts through run()', () =>
      withDatabase(async (database) => {
        expect(await database.get('INSERT INTO meta (key, value) VALUES (?, ?) RETURNING key, value', 'r1', 'one')).to.deep.equal({ key: 'r1', value: 'one' });
        await database.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'r2', 'two');
        expect(await database.all("UPDATE meta SET value = upper(value) WHERE key IN ('r1', 'r2') RETURNING key, value").then((rows) => rows.sort((a: any, b: any) => (a.key < b.key ? -1 : 1)))).to.deep.equal([
          { key: 'r1', value: 'ONE' },
          { key: 'r2', value: 'TWO' },
        ]);
        expect(await database.run("DELETE FROM meta WHERE key IN ('r1', 'r2') RETURNING key")).to.deep.equal({ changes: 2 });
        expect(await database.get('SELECT key FROM meta WHERE key = ?', 'r1')).to.equal(undefined);
      }));

    it('values round-trip with the same types: text, integers and counts as numbers, doubles, bytes as Buffers, NULL, comparisons as 1/0', () =>
      withDatabase(async (database) => {
        // BIGINT, DOUBLE PRECISION and BYTEA are PostgreSQL's names; SQLite reads them as
        // INTEGER, REAL and (for a Buffer) a blob, so one definition serves both.
        await database.run('CREATE TABLE contract_values (s TEXT, i INTEGER, b BIGINT, d DOUBLE PRECISION, bytes BYTEA, n TEXT)');
        const big = 2 ** 40 + 7;
        const insert = 'INSERT INTO contract_values (s, i, b, d, bytes, n) VALUES (?, ?, ?, ?, ?, ?)';
        await database.run(insert, 'Caerdydd – “ŵ” ✓', -42, big, 0.1 + 0.2, Buffer.from([0, 1, 254, 255]), null);
        await database.run(insert, '', 7, 10 ** 15, -1.5e300, new Uint8Array([9, 8]), 'x');
        const rows = await database.all<Record<string, unknown>>('SELECT * FROM contract_values ORDER BY i');
        expect(rows[0]).to.deep.equal({ s: 'Caerdydd – “ŵ” ✓', i: -42, b: big, d: 0.1 + 0.2, bytes: Buffer.from([0, 1, 254, 255]), n: null });
        expect(rows[1]).to.deep.equal({ s: '', i: 7, b: 10 ** 15, d: -1.5e300, bytes: Buffer.from([9, 8]), n: 'x' });
        expect(Buffer.isBuffer(rows[0]!.bytes)).to.equal(true);
        const totals = await database.get('SELECT count(*) AS n, sum(i) AS sum_i, sum(b) AS sum_b, max(i) > 0 AS positive, min(i) > 0 AS all_positive FROM contract_values');
        expect(totals).to.deep.equal({ n: 2, sum_i: -35, sum_b: big + 10 ** 15, positive: 1, all_positive: 0 });
        expect(await database.get('SELECT count(*) AS n FROM contract_values WHERE n IS NULL')).to.deep.equal({ n: 1 });
      }));

    it('sorts and compares stored text byte by byte: capitals before underscore before small letters, no case folding', () =>
      withDatabase(async (database) => {
        for (const key of ['b', 'B', '_x', 'a', 'Ä']) await database.run('INSERT INTO meta (key, value) VALUES (?, ?)', `sort:${key}`, key);
        const sorted = await database.all<{ value: string }>("SELECT value FROM meta WHERE key LIKE 'sort:%' ORDER BY key");
        expect(sorted.map((r) => r.value)).to.deep.equal(['B', '_x', 'a', 'b', 'Ä']);
        expect(await database.get("SELECT count(*) AS n FROM meta WHERE key = 'sort:A'")).to.deep.equal({ n: 0 });
        expect(await database.get("SELECT count(*) AS n FROM meta WHERE key > 'sort:Z' AND key LIKE 'sort:%'")).to.deep.equal({ n: 4 });
      }));

    it('refuses a statement sent on a transaction that has already ended, and writes nothing', () =>
      withDatabase(async (database) => {
        let leaked: Sql | undefined;
        await database.transaction(async (tx) => void (leaked = tx));
        expect(await rejectionCode(leaked!.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'late', '1'))).to.equal('transaction-finished');
        expect(await metaKeys(database)).to.not.include('late');
      }));

    it("a 'flush-later' commit is there after flush(), also when flushes overlap", () =>
      withDatabase(async (database) => {
        await database.transaction(async (tx) => void (await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'later', '1')), { durability: 'flush-later' });
        await Promise.all([database.flush(), database.flush()]);
        expect(await database.get('SELECT value FROM meta WHERE key = ?', 'later')).to.deep.equal({ value: '1' });
      }));
  });
}
