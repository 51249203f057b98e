/**
 * The one seam between the store and a database engine. The store's functions are written once,
 * in SQL both SQLite and PostgreSQL accept (`?` placeholders, `INSERT … ON CONFLICT DO NOTHING`,
 * `RETURNING`); each backend (`sqlite.ts`, `postgres.ts`) implements this interface. Where the two
 * dialects cannot share a statement, a store function branches on {@link Sql.dialect}.
 */

/**
 * A value a statement can bind or return: text, numbers, bytes or NULL. Integers come back as
 * JavaScript numbers on both backends (every counter the server keeps fits in 2^53).
 *
 * @example
 * ```ts
 * const params: SqlValue[] = ['reading-club', 3, null];
 * ```
 */
export type SqlValue = string | number | bigint | Buffer | Uint8Array | null;

/**
 * What a write reports: how many rows it changed.
 *
 * @example
 * ```ts
 * const { changes }: SqlRunResult = await sql.run('UPDATE claim_codes SET uses_left = uses_left - 1 WHERE code = ? AND uses_left > 0', hash);
 * ```
 */
export interface SqlRunResult {
  changes: number;
}

/**
 * How a transaction's commit reaches the disk, and how it is isolated from others.
 *
 * @example
 * ```ts
 * await sql.transaction(reserve, { durability: 'flush-later' });
 * await sql.flush();
 * // A hot path whose writes are each one guarded statement:
 * const taken = await sql.transaction(
 *   async (tx) => (await tx.run('UPDATE claim_codes SET uses_left = uses_left - 1 WHERE code = ? AND uses_left > 0', hash)).changes === 1,
 *   { isolation: 'read-committed' },
 * );
 * ```
 */
export interface SqlTransactionOptions {
  /**
   * `'commit'` (the default): durable when the promise resolves. `'flush-later'`: safe from a
   * process crash but durable only after a later {@link SqlDatabase.flush} or a fully synced commit — for
   * writes nobody is told about before that flush (SQLite's write-ahead log; PostgreSQL commits
   * are always durable, so there it is the same as `'commit'`).
   */
  durability?: 'commit' | 'flush-later';
  /**
   * How much the transaction sees of others running beside it, on PostgreSQL (SQLite ignores it:
   * it runs one write transaction at a time, which is serializable whatever is asked).
   *
   * `'serializable'` (the default): the outcome is as if the transactions ran one after another;
   * PostgreSQL may abort one (40001) and `work` runs again. Safe for any read-then-write, but
   * concurrent transactions that write the same rows, or read what others insert, abort each
   * other, and under a burst they spend most of their time running again.
   *
   * `'read-committed'`: each statement sees what was committed when it started. A write waits
   * for a concurrent writer of the same row, then re-checks its `WHERE` against the row as that
   * writer left it, so a single guarded statement (`UPDATE … WHERE uses_left > 0`, `INSERT … ON
   * CONFLICT DO NOTHING`, an upsert that adds one) is exact under any concurrency and never
   * aborted. A read followed by a write that depends on it is NOT protected: make it one
   * statement, or read the row with a lock first (`SELECT … FOR UPDATE`, a `// dialect:` branch,
   * as SQLite has no such clause). Take row locks in one order everywhere, so two transactions
   * cannot wait for each other; a deadlock (40P01) still runs `work` again.
   *
   * A transaction inside a transaction (a savepoint) runs at the level of the outermost one.
   */
  isolation?: 'serializable' | 'read-committed';
}

/**
 * An asynchronous SQL handle: the whole database, or one open transaction inside it.
 *
 * Transactions are serializable on both backends unless asked otherwise: SQLite has one writer,
 * PostgreSQL runs them at `SERIALIZABLE` and runs `work` again when the database reports a
 * serialization failure or a deadlock. Hot paths made of single guarded statements may ask for
 * `{ isolation: 'read-committed' }` (see {@link SqlTransactionOptions.isolation}). Either way
 * `work` must only touch the database (no signing, no network, no counters in memory) and may
 * run more than once. A transaction inside a transaction is a savepoint.
 *
 * @example
 * ```ts
 * const taken = await sql.transaction(async (tx) => {
 *   const row = await tx.get<{ uses_left: number }>('SELECT uses_left FROM claim_codes WHERE code = ?', hash);
 *   if (!row || row.uses_left === 0) return false;
 *   return (await tx.run('UPDATE claim_codes SET uses_left = uses_left - 1 WHERE code = ? AND uses_left > 0', hash)).changes === 1;
 * });
 * ```
 */
export interface Sql {
  /** Which engine runs the statements, for the few store functions that cannot share one. */
  readonly dialect: 'sqlite' | 'postgres';
  /** The first row, or `undefined`. */
  get<T = Record<string, unknown>>(text: string, ...params: SqlValue[]): Promise<T | undefined>;
  /** Every row. */
  all<T = Record<string, unknown>>(text: string, ...params: SqlValue[]): Promise<T[]>;
  /** A write; how many rows changed. */
  run(text: string, ...params: SqlValue[]): Promise<SqlRunResult>;
  /** Run `work` atomically (see above). */
  transaction<T>(work: (tx: Sql) => Promise<T>, options?: SqlTransactionOptions): Promise<T>;
}

/**
 * A database the server owns: an {@link Sql} handle that can also flush and close.
 *
 * @example
 * ```ts
 * const database: SqlDatabase = await openSqlite(':memory:');
 * await database.close();
 * ```
 */
export interface SqlDatabase extends Sql {
  /** A short description for the start-up banner and logs, never a password: `SQLite /var/lib/col/col.sqlite`, `PostgreSQL db.internal:5432/col`. */
  readonly description: string;
  /** Make every `'flush-later'` commit so far durable (a no-op where commits always are). */
  flush(): Promise<void>;
  /** Finish what is running and release the database. */
  close(): Promise<void>;
}
