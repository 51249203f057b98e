// The SQLite backend of the Sql seam, on better-sqlite3. better-sqlite3 is synchronous and the
// server holds one connection, so "a transaction" is a stretch of time on that connection: while
// one is open (its work awaiting between statements), every other statement and transaction on
// the database waits for it, or it would run inside it and be rolled back with it. When none is
// open a statement runs at once, as before the seam; it only returns a promise.
import Database from 'better-sqlite3';
import { ColError } from '@citiesoflearning/core';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { MIGRATIONS, SCHEMA_VERSION } from '../db.js';
import { privateDirectory, privateFiles } from '../private-files.js';
import type { Sql, SqlDatabase, SqlRunResult, SqlTransactionOptions, SqlValue } from './sql.js';
import { BACKSTOP_CHECKPOINT_PAGES, WalCheckpointer } from './sqlite-checkpointer.js';

// Every request runs its statements by SQL text; compiling the same text again on every call is
// wasted event-loop time, so each text is compiled once. Bounded, because a few queries (the
// credential search) are built from the filters a caller sends.
const MAX_CACHED_STATEMENTS = 512;

/**
 * How long a statement or transaction waits for an open transaction before giving up. Real work
 * holds one for milliseconds; one still open after this is stuck — typically its work awaits a
 * statement sent on the database rather than on its `tx`, which waits for the transaction to end:
 * a hang, turned into an error that rolls it back.
 */
const DEFAULT_WAIT_MS = 30_000;

/**
 * Options for {@link openSqlite}.
 *
 * @example
 * ```ts
 * const database = await openSqlite(':memory:', { waitMs: 5_000 });
 * ```
 */
export interface SqliteOptions {
  /** Milliseconds a statement waits for an open transaction before failing with `database-unavailable` (default 30 s). */
  waitMs?: number;
  /** Milliseconds after a write before the write-ahead log is checkpointed on a worker thread (default 1 s). */
  checkpointDelayMs?: number;
}

/**
 * Open (creating when needed) the server's SQLite database in `dataDir` (or in memory for
 * `':memory:'`): private files, write-ahead log (checkpointed on a worker thread, off the event
 * loop), fully synced commits, foreign keys, a busy timeout, and every pending migration
 * applied. Refuses (`database-too-new`) a database written by a newer build.
 *
 * @example
 * ```ts
 * const database = await openSqlite('/var/lib/col');
 * const row = await database.get<{ n: number }>('SELECT count(*) AS n FROM issuers');
 * await database.close();
 * ```
 */
export async function openSqlite(dataDir: string, options: SqliteOptions = {}): Promise<SqlDatabase> {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    privateDirectory(dataDir);
    file = join(dataDir, 'col.sqlite');
    privateFiles([file], { create: true });
  }
  const db = new Database(file);
  try {
    const journal = db.pragma('journal_mode = WAL', { simple: true });
    // SQLite gives its -wal and -shm files the database file's mode; tighten any left by older builds.
    if (file !== ':memory:') privateFiles([`${file}-wal`, `${file}-shm`]);
    // NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the last
    // commits); FULL makes an acknowledged claim survive power loss too, at a small cost.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    const writeAheadLog = !db.memory && journal === 'wal';
    let checkpointer: WalCheckpointer | undefined;
    if (writeAheadLog) {
      checkpointer = new WalCheckpointer(file, options.checkpointDelayMs);
      db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
    }
    return new SqliteDatabase(new Connection(db, file, writeAheadLog, options.waitMs ?? DEFAULT_WAIT_MS, checkpointer));
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Apply every migration newer than `user_version`, each in its own transaction. */
function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new ColError('database-too-new', `This database was written by a newer server (schema ${current}); upgrade the server.`);
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

/** The connection, its statement cache and its write-ahead-log flushes, shared by every scope. */
class Connection {
  readonly #statements = new Map<string, Database.Statement>();
  /** The flush under way, and the one that starts after it (every caller since it began waits for that one). */
  #flushing: Promise<void> | undefined;
  #nextFlush: Promise<void> | undefined;
  /**
   * The write-ahead log, opened once for every flush (opening and closing it per flush cost the
   * event loop about as much as the sync itself). SQLite keeps the log file in place while a
   * connection is open (it is reused from the start, never replaced), so this handle stays on
   * the live log until {@link closeLog} runs before the connection closes.
   */
  #log: Promise<FileHandle> | undefined;
  closed = false;
  /** Settles when the connection has closed (set when closing starts). */
  closing: Promise<void> | undefined;

  constructor(
    readonly db: Database.Database,
    readonly file: string,
    readonly writeAheadLog: boolean,
    readonly waitMs: number,
    /** Checkpoints the write-ahead log off the event loop (file databases in WAL mode). */
    readonly checkpointer: WalCheckpointer | undefined,
  ) {}

  statement(text: string): Database.Statement {
    let statement = this.#statements.get(text);
    if (statement === undefined) {
      statement = this.db.prepare(text);
      if (this.#statements.size >= MAX_CACHED_STATEMENTS) this.#statements.clear();
      this.#statements.set(text, statement);
    }
    return statement;
  }

  /**
   * Resolve once everything committed so far is on disk: an fdatasync of the write-ahead log
   * that starts after this call, on libuv's thread pool rather than the event loop, where every
   * health check and read would wait for the disk. Callers waiting together share one flush.
   */
  flush(): Promise<void> {
    // Without a write-ahead log, 'flush-later' commits were fully synced: nothing is pending.
    if (!this.writeAheadLog) return Promise.resolve();
    // Closing folds the log into the database file and syncs it: once closed, all is on disk.
    if (this.closed) return this.closing ?? Promise.resolve();
    if (this.#nextFlush) return this.#nextFlush;
    if (!this.#flushing) return this.#startFlush();
    // The flush under way may have started before this caller's commit: wait for the next one.
    const next = this.#flushing
      .catch(() => undefined)
      .then(() => {
        this.#nextFlush = undefined;
        return this.#startFlush();
      });
    this.#nextFlush = next;
    return next;
  }

  #startFlush(): Promise<void> {
    const running = this.#syncLog().finally(() => {
      if (this.#flushing === running) this.#flushing = undefined;
    });
    this.#flushing = running;
    return running;
  }

  async #syncLog(): Promise<void> {
    const log = (this.#log ??= open(`${this.file}-wal`, 'r'));
    try {
      await (await log).datasync();
    } catch (error) {
      // Open it afresh next time rather than keep a handle that failed.
      if (this.#log === log) this.#log = undefined;
      void log.then((handle) => handle.close()).catch(() => undefined);
      throw error;
    }
  }

  /** Close the log's handle (after any flush under way), before the connection removes the file. */
  async closeLog(): Promise<void> {
    const log = this.#log;
    this.#log = undefined;
    const handle = await log?.catch(() => undefined);
    await handle?.close();
  }
}

/**
 * One place statements run: the whole database (depth 0) or an open transaction or savepoint
 * inside it. While a scope has a transaction of its own open, its other callers wait.
 */
class Scope implements Sql {
  readonly dialect = 'sqlite' as const;
  /** Settles when the transaction opened on this scope ends; `undefined` when none is open. */
  #child: Promise<void> | undefined;
  /** Set when this scope's own transaction has ended: a leftover call must not run outside it. */
  #ended = false;

  constructor(
    protected readonly connection: Connection,
    readonly depth: number,
  ) {}

  async get<T = Record<string, unknown>>(text: string, ...params: SqlValue[]): Promise<T | undefined> {
    while (this.#mustWait()) await this.#turn();
    return this.connection.statement(text).get(...params) as T | undefined;
  }

  async all<T = Record<string, unknown>>(text: string, ...params: SqlValue[]): Promise<T[]> {
    while (this.#mustWait()) await this.#turn();
    return this.connection.statement(text).all(...params) as T[];
  }

  async run(text: string, ...params: SqlValue[]): Promise<SqlRunResult> {
    while (this.#mustWait()) await this.#turn();
    const { changes } = this.connection.statement(text).run(...params);
    // Outside a transaction the statement committed by itself; inside one, COMMIT reports it.
    if (this.depth === 0) this.connection.checkpointer?.wrote();
    return { changes };
  }

  async transaction<T>(work: (tx: Sql) => Promise<T>, options: SqlTransactionOptions = {}): Promise<T> {
    while (this.#mustWait()) await this.#turn();
    let release!: () => void;
    this.#child = new Promise((resolve) => (release = resolve));
    const inner = new Scope(this.connection, this.depth + 1);
    try {
      return this.depth === 0 ? await this.#topLevel(inner, work, options) : await this.#savepoint(inner, work);
    } finally {
      inner.#ended = true;
      this.#child = undefined;
      release();
    }
  }

  /** Settles when the open transaction ends, or fails once the caller has waited too long. */
  #turn(): Promise<void> {
    const child = this.#child!;
    let timer: NodeJS.Timeout | undefined;
    const tooLong = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new ColError('database-unavailable', `A database transaction stayed open for over ${this.connection.waitMs / 1000} s, so this statement gave up waiting for it (a transaction whose work sends a statement outside its own handle waits for itself).`));
      }, this.connection.waitMs);
    });
    return Promise.race([child, tooLong]).finally(() => clearTimeout(timer));
  }

  // Each caller checks again, in the same tick as it then runs, whether a transaction is open:
  // a woken waiter may find that another got in first, and then waits for that one.
  #mustWait(): boolean {
    this.#usable();
    return this.#child !== undefined;
  }

  /** Close the connection once no transaction is open (closing under one would lose it). */
  protected async closeWhenIdle(): Promise<void> {
    if (this.connection.closed) return this.connection.closing;
    // Its thread's connection closes first, so that closing the last one folds the log into the
    // database file and removes it, as SQLite does.
    await this.connection.checkpointer?.close();
    if (this.connection.closed) return this.connection.closing; // another close() got there first
    while (this.#mustWait()) await this.#turn();
    this.connection.closed = true;
    const { connection } = this;
    connection.closing = (async () => {
      // A log handle that will not close must not keep the database open.
      await connection.closeLog().catch(() => undefined);
      connection.db.close();
    })();
    await connection.closing;
  }

  #usable(): void {
    if (this.connection.closed) throw new ColError('database-closed', 'The database is closed: the server is shutting down.');
    if (this.#ended) throw new ColError('transaction-finished', 'A statement was sent on a transaction that has already ended (a bug: an unawaited call).');
  }

  async #topLevel<T>(inner: Scope, work: (tx: Sql) => Promise<T>, options: SqlTransactionOptions): Promise<T> {
    const { db } = this.connection;
    // A commit that does not wait for the disk (synchronous = NORMAL for this one commit): whole
    // in the write-ahead log, so safe from a process crash, and made durable by a later flush().
    // SQLite refuses to change the level inside a transaction, so it is set around it.
    const later = options.durability === 'flush-later' && this.connection.writeAheadLog;
    // Cached statements: db.pragma() would compile the statement again on every claim.
    if (later) this.connection.statement('PRAGMA synchronous = NORMAL').run();
    try {
      this.connection.statement('BEGIN IMMEDIATE').run();
      try {
        const result = await work(inner);
        this.connection.statement('COMMIT').run();
        this.connection.checkpointer?.wrote();
        return result;
      } catch (error) {
        // SQLite may already have rolled back by itself (a full disk, an I/O error).
        if (db.inTransaction) this.connection.statement('ROLLBACK').run();
        throw error;
      }
    } finally {
      if (later && db.open) this.connection.statement('PRAGMA synchronous = FULL').run();
    }
  }

  async #savepoint<T>(inner: Scope, work: (tx: Sql) => Promise<T>): Promise<T> {
    const name = `nested_${inner.depth}`;
    this.connection.statement(`SAVEPOINT ${name}`).run();
    try {
      const result = await work(inner);
      this.connection.statement(`RELEASE ${name}`).run();
      return result;
    } catch (error) {
      if (this.connection.db.inTransaction) {
        this.connection.statement(`ROLLBACK TO ${name}`).run();
        this.connection.statement(`RELEASE ${name}`).run();
      }
      throw error;
    }
  }
}

/** The whole database: a scope that can also flush and close. */
class SqliteDatabase extends Scope implements SqlDatabase {
  readonly description: string;

  constructor(connection: Connection) {
    super(connection, 0);
    this.description = connection.file === ':memory:' ? 'SQLite in memory' : `SQLite ${connection.file}`;
  }

  flush(): Promise<void> {
    return this.connection.flush();
  }

  close(): Promise<void> {
    return this.closeWhenIdle();
  }
}
