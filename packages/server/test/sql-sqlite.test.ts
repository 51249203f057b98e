// The SQLite backend of the Sql seam (src/sql/sqlite.ts) on its own: one better-sqlite3
// connection behind an asynchronous handle. What the server's correctness rests on: a
// transaction's work awaits between statements, yet no other request's statement runs inside it
// (and is rolled back with it); a 'flush-later' commit is on disk after flush(); a closed
// database says so. What both engines must do alike (commit, rollback, savepoints, races,
// RETURNING, types) is sql-contract.test.ts, run on SQLite and PostgreSQL.
import { describe, it, expect, rejectionCode } from '@col/harness';
import Database from 'better-sqlite3';
import { copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../src/sql/sqlite.js';
import { SCHEMA_VERSION } from '../src/db.js';
import type { Sql } from '../src/sql/sql.js';

/** A promise and the function that settles it, to hold a transaction open at a chosen point. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const metaKeys = async (sql: Sql) => (await sql.all<{ key: string }>('SELECT key FROM meta ORDER BY key')).map((r) => r.key);

/** Let every pending callback run: long enough for a statement that is not held back to finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('SQLite backend (openSqlite)', () => {
  it('opens a private, migrated database in a data directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'col-sql-'));
    try {
      const database = await openSqlite(dir);
      expect(database.dialect).to.equal('sqlite');
      expect(database.description).to.equal(`SQLite ${join(dir, 'col.sqlite')}`);
      expect(await database.get('PRAGMA user_version')).to.deep.equal({ user_version: SCHEMA_VERSION });
      expect(await database.get('PRAGMA journal_mode')).to.deep.equal({ journal_mode: 'wal' });
      expect(await database.get('PRAGMA foreign_keys')).to.deep.equal({ foreign_keys: 1 });
      await database.close();
      expect((await stat(dir)).mode & 0o777).to.equal(0o700);
      expect((await stat(join(dir, 'col.sqlite'))).mode & 0o777).to.equal(0o600);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a database written by a newer build, and leaves it as it was', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'col-sql-'));
    try {
      await (await openSqlite(dir)).close();
      const raw = new Database(join(dir, 'col.sqlite'));
      raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      raw.close();
      expect(await rejectionCode(openSqlite(dir))).to.equal('database-too-new');
      const again = new Database(join(dir, 'col.sqlite'));
      expect(again.pragma('user_version', { simple: true })).to.equal(SCHEMA_VERSION + 1);
      again.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('makes a statement from outside wait for an open transaction, so it is neither inside it nor rolled back with it', async () => {
    const database = await openSqlite(':memory:');
    const held = gate();
    const transaction = database
      .transaction(async (tx) => {
        await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'in-transaction', '1');
        await held.opened;
        throw new RangeError('roll back');
      })
      .catch((error: Error) => error.message);
    await settle();
    let outsideDone = false;
    const outside = database.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'outside', '2').then(() => (outsideDone = true));
    const read = database.all<{ key: string }>('SELECT key FROM meta');
    await settle();
    expect(outsideDone, 'ran while the transaction was open').to.equal(false);
    held.open();
    expect(await transaction).to.equal('roll back');
    await outside;
    // The read, queued after the write, sees it and not the rolled-back row.
    expect((await read).map((r) => r.key)).to.deep.equal(['outside']);
    expect(await metaKeys(database)).to.deep.equal(['outside']);
    await database.close();
  });

  it('runs interleaved transactions one after the other: neither sees nor rolls back the other’s writes', async () => {
    const database = await openSqlite(':memory:');
    const held = gate();
    const seenBySecond: string[][] = [];
    const first = database
      .transaction(async (tx) => {
        await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'first', '1');
        await held.opened;
        throw new RangeError('first fails');
      })
      .catch(() => 'rolled back');
    const second = database.transaction(async (tx) => {
      seenBySecond.push(await metaKeys(tx));
      await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'second', '2');
      seenBySecond.push(await metaKeys(tx));
      return 'committed';
    });
    await settle();
    expect(seenBySecond, 'the second ran inside the first').to.deep.equal([]);
    held.open();
    expect(await Promise.all([first, second])).to.deep.equal(['rolled back', 'committed']);
    expect(seenBySecond).to.deep.equal([[], ['second']]);
    expect(await metaKeys(database)).to.deep.equal(['second']);
    await database.close();
  });

  it("commits a 'flush-later' transaction without the full sync, and flush() puts it on disk", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'col-sql-'));
    try {
      const database = await openSqlite(dir);
      const level = await database.transaction(
        async (tx) => {
          await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'later', '1');
          return (await tx.get<{ synchronous: number }>('PRAGMA synchronous'))!.synchronous;
        },
        { durability: 'flush-later' },
      );
      expect(level, 'NORMAL inside the transaction').to.equal(1);
      expect(await database.get('PRAGMA synchronous'), 'FULL again after it').to.deep.equal({ synchronous: 2 });
      await Promise.all([database.flush(), database.flush()]);
      // Another connection (as after a restart) reads the committed row.
      const other = new Database(join(dir, 'col.sqlite'), { readonly: true });
      expect(other.prepare('SELECT value FROM meta WHERE key = ?').get('later')).to.deep.equal({ value: '1' });
      other.close();
      await database.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("keeps full syncs for 'flush-later' in memory, where there is no log to flush", async () => {
    const database = await openSqlite(':memory:');
    await database.transaction(async (tx) => void (await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'a', '1')), { durability: 'flush-later' });
    await database.flush();
    expect(await metaKeys(database)).to.deep.equal(['a']);
    await database.close();
  });

  it('answers a clear error once closed, and after waiting for an open transaction to finish', async () => {
    const database = await openSqlite(':memory:');
    const held = gate();
    const transaction = database.transaction(async (tx) => {
      await held.opened;
      await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'a', '1');
      return 'committed';
    });
    await settle();
    const closed = database.close();
    held.open();
    expect(await transaction).to.equal('committed');
    await closed;
    expect(await rejectionCode(database.get('SELECT 1'))).to.equal('database-closed');
    expect(await rejectionCode(database.transaction(async () => 1))).to.equal('database-closed');
    await database.close(); // a second close is harmless
  });

  it('turns a transaction that waits for itself (a statement sent outside its tx) into a clear error and a rollback, not a hang', async () => {
    const database = await openSqlite(':memory:', { waitMs: 50 });
    const started = performance.now();
    const outcome = await rejectionCode(
      database.transaction(async (tx) => {
        await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'inside', '1');
        await database.get('SELECT count(*) AS n FROM meta'); // the bug: not on tx
      }),
    );
    expect(outcome).to.equal('database-unavailable');
    expect(performance.now() - started).to.be.below(2_000);
    expect(await metaKeys(database)).to.deep.equal([]);
    await database.close();
  });

  it('flushes asked for before, during and after a close all succeed, two closes both finish, and the commit is in the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'col-sql-'));
    try {
      const database = await openSqlite(dir);
      await database.transaction(async (tx) => tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'acknowledged', '1'), { durability: 'flush-later' });
      const settled = [database.flush(), database.flush(), database.close(), database.close(), database.flush()];
      await Promise.all(settled);
      await database.flush();
      const raw = new Database(join(dir, 'col.sqlite'), { readonly: true });
      expect(raw.prepare('SELECT value FROM meta WHERE key = ?').get('acknowledged')).to.deep.equal({ value: '1' });
      raw.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('checkpoints the write-ahead log on its own thread: committed rows reach the database file and the log stops growing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'col-sql-'));
    const copy = await mkdtemp(join(tmpdir(), 'col-sql-copy-'));
    try {
      const database = await openSqlite(dir, { checkpointDelayMs: 10 });
      const file = join(dir, 'col.sqlite');
      const walSize = async () => (await stat(`${file}-wal`).catch(() => ({ size: 0 }))).size;
      // 12 batches of 64 rows of 16 KB: about 12 MB through the log, in batches well under the
      // backstop (10 000 pages, 40 MB) at which the server's own connection would checkpoint.
      const blob = 'x'.repeat(16 * 1024);
      let largestLog = 0;
      for (let batch = 0; batch < 12; batch++) {
        await database.transaction(async (tx) => {
          for (let i = 0; i < 64; i++) await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', `row-${batch}-${i}`, blob);
        });
        largestLog = Math.max(largestLog, await walSize());
        // Give the checkpointer its moment (bounded: a stuck one fails the assertions below).
        for (let wait = 0; wait < 100 && (await walSize()) > 0 && !(await checkpointedInFile(file, copy, `row-${batch}-63`)); wait++) await new Promise((r) => setTimeout(r, 20));
      }
      // Without the checkpointer the log would hold all ~12 MB; with it, about one batch (~1 MB).
      expect(largestLog, 'largest write-ahead log, bytes').to.be.below(4 * 1024 * 1024);
      expect(await checkpointedInFile(file, copy, 'row-11-63'), 'the last row is in the database file itself').to.equal(true);
      await database.close();
      expect(existsSync(`${file}-wal`), 'closing folds the log into the database file and removes it').to.equal(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(copy, { recursive: true, force: true });
    }
  });
});

/** Whether `key` is in the database file alone (a copy of it without its write-ahead log). */
async function checkpointedInFile(file: string, scratch: string, key: string): Promise<boolean> {
  const alone = join(scratch, 'alone.sqlite');
  await rm(`${alone}-wal`, { force: true });
  await rm(`${alone}-shm`, { force: true });
  await copyFile(file, alone);
  const db = new Database(alone, { readonly: true });
  try {
    return db.prepare('SELECT 1 FROM meta WHERE key = ?').get(key) !== undefined;
  } catch {
    return false; // a copy taken mid-checkpoint can be inconsistent; ask again
  } finally {
    db.close();
  }
}
