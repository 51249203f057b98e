// The PostgreSQL backend of the Sql seam (sql.ts), over a node-postgres pool: what several
// server instances behind a load balancer share (issue #16). Statements arrive in the store's
// portable form (`?` placeholders) and leave numbered; values come back as SQLite gives them
// (integers and counts as numbers, booleans as 1/0, bytes as Buffers, timestamps as text), so a
// store function reads the same on both engines.
import { ColError } from '@citiesoflearning/core';
import pg from 'pg';
import { parse as parseConnectionString } from 'pg-connection-string';
import { numberPlaceholders } from './placeholders.js';
import { asDatabaseError, databaseUnavailable, isConnectionFault, isRetryableConflict } from './postgres-errors.js';
import { MIGRATION_LOCK_TIMEOUT_MS, migratePostgres } from './postgres-migrations.js';
import type { Sql, SqlDatabase, SqlRunResult, SqlTransactionOptions, SqlValue } from './sql.js';

/**
 * How {@link openPostgres} sizes and bounds its pool. Every field has a default fit for one
 * server instance; the URL's own parameters (`application_name`, `statement_timeout`, `sslmode`,
 * …) are honoured too.
 *
 * @example
 * ```ts
 * const options: PostgresOptions = { maxConnections: 20, statementTimeoutMs: 10_000 };
 * ```
 */
export interface PostgresOptions {
  /** Connections in the pool. Default: the URL's `pool_max` parameter, else 10. */
  maxConnections?: number;
  /** How long to wait for a connection (a new one, or a free one from a busy pool) before `database-unavailable`. Default 5 s. */
  connectTimeoutMs?: number;
  /** The server cancels any statement running longer (SQLSTATE 57014). Default 30 s. */
  statementTimeoutMs?: number;
  /** An idle connection is closed after this long. Default 30 s. */
  idleTimeoutMs?: number;
  /** How many times a transaction runs before a run of serialization failures is reported. Default 20 (with the pauses, at most about 5 s of retrying). */
  transactionAttempts?: number;
  /** Apply pending migrations while opening (under the migration lock). Default `true`. */
  migrate?: boolean;
  /** How long to wait for another instance's migration lock before `database-migration-locked`. Default 5 minutes. */
  migrationLockTimeoutMs?: number;
}

/**
 * A PostgreSQL {@link SqlDatabase}, with one more door: {@link PostgresDatabase.session} holds
 * a single connection for work that needs one (a session-level advisory lock).
 *
 * @example
 * ```ts
 * const database: PostgresDatabase = await openPostgres(process.env.COL_DATABASE_URL!);
 * console.log(database.description); // PostgreSQL db.internal:5432/col
 * ```
 */
export interface PostgresDatabase extends SqlDatabase {
  readonly dialect: 'postgres';
  /**
   * Run `work` on one connection of the pool, outside any transaction, and give the connection
   * back. Statements on the handle run on that connection, in order; its `transaction` begins
   * and ends there too.
   */
  session<T>(work: (session: Sql) => Promise<T>): Promise<T>;
}

const DEFAULTS = { maxConnections: 10, connectTimeoutMs: 5_000, statementTimeoutMs: 30_000, idleTimeoutMs: 30_000, transactionAttempts: 20 };

// A transaction left open by a stuck request would hold its locks (and block vacuum) forever.
const IDLE_IN_TRANSACTION_MS = 60_000;

/**
 * Open a pool on the PostgreSQL database at `url` (`postgres://user:password@host:5432/db`),
 * check that it answers, and bring its schema up to date under the migration lock (see
 * postgres-migrations.ts).
 *
 * Fails with a ColError an operator can act on: `database-url-invalid` (not a postgres:// URL,
 * a login refused, no such database), `database-unavailable` (nothing answers),
 * `database-too-new` (the schema was written by a newer server), or `database-migration-locked`
 * (another connection held the migration lock too long: an instance stuck migrating).
 *
 * @example
 * ```ts
 * const database = await openPostgres('postgres://col:secret@127.0.0.1:5432/col');
 * const row = await database.get<{ n: number }>('SELECT count(*) AS n FROM issuers');
 * await database.close();
 * ```
 */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<PostgresDatabase> {
  checkOptions(options);
  const target = describeTarget(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? target.poolMax ?? DEFAULTS.maxConnections,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
    idleTimeoutMillis: options.idleTimeoutMs ?? DEFAULTS.idleTimeoutMs,
    statement_timeout: options.statementTimeoutMs ?? DEFAULTS.statementTimeoutMs,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
    application_name: 'colearn',
    // Probe a quiet connection after 10 s, so one whose peer vanished (no reset ever came) is found.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    types: { getTypeParser: typeParser as typeof pg.types.getTypeParser },
  });
  // An idle connection that the database drops (a restart, a failover) is reported here; the
  // pool has already discarded it and opens a new one on demand. Without a listener Node would
  // treat the event as an uncaught error and end the process.
  pool.on('error', () => {});
  const database = new PostgresPool(pool, target.description, options.transactionAttempts ?? DEFAULTS.transactionAttempts);
  try {
    await database.get('SELECT 1').catch((error: unknown) => {
      throw openingError(error, target.description);
    });
    if (options.migrate ?? true) {
      const lockTimeoutMs = options.migrationLockTimeoutMs ?? MIGRATION_LOCK_TIMEOUT_MS;
      await database.session((session) => migratePostgres(session, { lockTimeoutMs }));
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  return database;
}

/** Each numeric option a whole number in its range: a pool of 0 or a negative timeout would fail later, obscurely. */
function checkOptions(options: PostgresOptions): void {
  const ranges: [keyof PostgresOptions, number, number][] = [
    ['maxConnections', 1, 1000],
    ['connectTimeoutMs', 1, 600_000],
    ['statementTimeoutMs', 1, 86_400_000],
    ['idleTimeoutMs', 1, 86_400_000],
    ['transactionAttempts', 1, 1000],
    ['migrationLockTimeoutMs', 1, 86_400_000],
  ];
  for (const [name, min, max] of ranges) {
    const value = options[name];
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= min && (value as number) <= max)) {
      throw new ColError('option-invalid', `${name} must be a whole number from ${min} to ${max}.`);
    }
  }
}

/**
 * Where `url` points, for people (no user name, no password), and its pool size if it gives one.
 * Read with node-postgres's own parser, so the description names what the pool really connects
 * to (a `host` parameter for a unix socket, `postgres://user@/db`, a percent-encoded socket path).
 */
function describeTarget(url: string): { description: string; poolMax?: number } {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  if (scheme === undefined || !/^postgres(ql)?$/i.test(scheme)) {
    const given = scheme === undefined ? 'is not a URL' : `starts with ${scheme}:`;
    throw new ColError('database-url-invalid', `The database URL must be a postgres:// URL (this one ${given}); give one like postgres://user:password@host:5432/database.`);
  }
  let parsed: ReturnType<typeof parseConnectionString>;
  try {
    parsed = parseConnectionString(url);
  } catch {
    throw new ColError('database-url-invalid', 'The database URL cannot be read; give one like postgres://user:password@host:5432/database.');
  }
  const host = parsed.host || 'localhost';
  const database = parsed.database || parsed.user || 'postgres';
  const description = `PostgreSQL ${host.startsWith('/') ? host : `${host}:${parsed.port || '5432'}`}/${database}`;
  if (parsed.pool_max === undefined) return { description };
  const size = Number(parsed.pool_max);
  if (!Number.isInteger(size) || size < 1 || size > 1000) {
    throw new ColError('database-url-invalid', "The database URL's pool_max must be a whole number from 1 to 1000.");
  }
  return { description, poolMax: size };
}

/** What to tell an operator when the first statement fails. */
function openingError(error: unknown, description: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === '28P01' || code === '28000') {
    return new ColError('database-url-invalid', `${description} refused the user name or password in the database URL.`, { cause: error });
  }
  if (code === '3D000') return new ColError('database-url-invalid', `${description} has no such database; create it first.`, { cause: error });
  if (code === 'database-unavailable' || isConnectionFault(error)) {
    return databaseUnavailable((error as { cause?: unknown }).cause ?? error, `${description} cannot be reached: nothing answers there, or it is not accepting connections yet.`);
  }
  return error;
}

// OIDs of the types whose text the pool reads its own way (pg_type.oid).
const OID = { bool: 16, int8: 20, numeric: 1700, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;

/**
 * How this pool reads each type: its own table, not node-postgres's global one, so no other
 * user of `pg` in the process is changed.
 */
function typeParser(oid: number, format?: string): (text: string) => unknown {
  if (format === 'binary') return pg.types.getTypeParser(oid, 'binary');
  switch (oid) {
    case OID.int8: // bigint columns and every count(*)
    case OID.numeric: // sum() of bigints
      return readNumber;
    case OID.bool: // SQLite has no booleans: a comparison there is 1 or 0
      return (text) => (text === 't' ? 1 : 0);
    case OID.date:
    case OID.timestamp:
    case OID.timestamptz:
      return (text) => text; // the store keeps ISO text; a computed date stays text too
    default:
      return pg.types.getTypeParser(oid, 'text');
  }
}

/** A number, or a bigint when the integer is too large for a number to hold exactly. */
function readNumber(text: string): number | bigint {
  const value = Number(text);
  if (Number.isSafeInteger(value) || !/^-?\d+$/.test(text)) return value;
  return BigInt(text);
}

/** Anything statements can run on: the pool, or one connection of it. */
interface Runner {
  query(text: string, values: unknown[]): Promise<pg.QueryResult>;
}

/** Run one portable statement: number its placeholders, run it, report a lost database as such. */
async function execute(runner: Runner, text: string, params: SqlValue[]): Promise<pg.QueryResult> {
  const numbered = numberPlaceholders(text);
  if (numbered.count !== params.length) {
    throw new ColError('sql-parameters-mismatch', `A statement has ${numbered.count} placeholder(s) but was given ${params.length} value(s).`);
  }
  try {
    const result = await runner.query(numbered.text, params);
    // Text with several statements and no values (a migration) answers with one result each: the last one speaks for them.
    return Array.isArray(result) ? (result.at(-1) as pg.QueryResult) : result;
  } catch (error) {
    throw asDatabaseError(error);
  }
}

/** The statement methods every handle shares; subclasses say where statements run and what a transaction is. */
abstract class Statements implements Sql {
  readonly dialect = 'postgres' as const;
  protected abstract runner(): Runner;
  abstract transaction<T>(work: (tx: Sql) => Promise<T>, options?: SqlTransactionOptions): Promise<T>;

  async get<T = Record<string, unknown>>(text: string, ...params: SqlValue[]): Promise<T | undefined> {
    return (await execute(this.runner(), text, params)).rows[0] as T | undefined;
  }

  async all<T = Record<string, unknown>>(text: string, ...params: SqlValue[]): Promise<T[]> {
    return (await execute(this.runner(), text, params)).rows as T[];
  }

  async run(text: string, ...params: SqlValue[]): Promise<SqlRunResult> {
    return { changes: (await execute(this.runner(), text, params)).rowCount ?? 0 };
  }
}

/** The whole database: each statement on whichever pooled connection is free. */
class PostgresPool extends Statements implements PostgresDatabase {
  constructor(
    private readonly pool: pg.Pool,
    readonly description: string,
    private readonly attempts: number,
  ) {
    super();
  }

  protected runner(): Runner {
    return this.pool;
  }

  async transaction<T>(work: (tx: Sql) => Promise<T>, options: SqlTransactionOptions = {}): Promise<T> {
    return this.withConnection((client) => runTransaction(client, work, this.attempts, options.isolation ?? 'serializable'));
  }

  async session<T>(work: (session: Sql) => Promise<T>): Promise<T> {
    return this.withConnection((client) => work(new Session(client, this.attempts)));
  }

  /** PostgreSQL's commits are durable when they return: nothing waits for a later flush. */
  async flush(): Promise<void> {}

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** `work` on one pooled connection; a connection that failed is closed rather than reused. */
  private async withConnection<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw asDatabaseError(error);
    }
    let broken = false;
    // The pool listens for a connection's loss only while the connection is idle. Checked out,
    // it may be lost between two statements (the database restarts while `work` awaits something
    // else); unheard, that event would end the process. Heard, it marks the connection broken,
    // and the next statement on it fails as database-unavailable.
    const lost = (): void => {
      broken = true;
    };
    client.on('error', lost);
    try {
      return await work(client);
    } catch (error) {
      broken ||= isConnectionFault(error) || isConnectionFault((error as { cause?: unknown } | null)?.cause);
      throw error;
    } finally {
      client.off('error', lost);
      client.release(broken);
    }
  }
}

/** One connection outside a transaction (see {@link PostgresDatabase.session}). */
class Session extends Statements {
  constructor(
    private readonly client: pg.PoolClient,
    private readonly attempts: number,
  ) {
    super();
  }

  protected runner(): Runner {
    return this.client;
  }

  transaction<T>(work: (tx: Sql) => Promise<T>, options: SqlTransactionOptions = {}): Promise<T> {
    return runTransaction(this.client, work, this.attempts, options.isolation ?? 'serializable');
  }
}

/** An open transaction: its statements run on its connection, only while it is open. */
class Transaction extends Statements {
  private open = true;
  private savepoints = 0;

  constructor(private readonly client: pg.PoolClient) {
    super();
  }

  /** After COMMIT or ROLLBACK the connection goes back to the pool: a late statement must not run on someone else's. */
  end(): void {
    this.open = false;
  }

  protected runner(): Runner {
    if (!this.open) throw new ColError('transaction-finished', 'A statement was sent through a transaction that has already ended.');
    return this.client;
  }

  /**
   * A transaction inside a transaction is a savepoint: its work is undone alone when it throws.
   * It runs at the outer transaction's isolation (PostgreSQL cannot change it midway).
   */
  async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    const name = `col_savepoint_${++this.savepoints}`;
    await this.run(`SAVEPOINT ${name}`);
    let result: T;
    try {
      result = await work(this);
    } catch (error) {
      // After a serialization failure or a lost connection this fails too; the first error is the one to report.
      await this.run(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => {});
      throw error;
    }
    await this.run(`RELEASE SAVEPOINT ${name}`);
    return result;
  }
}

type Isolation = NonNullable<SqlTransactionOptions['isolation']>;

const BEGIN: Record<Isolation, string> = {
  serializable: 'BEGIN ISOLATION LEVEL SERIALIZABLE',
  'read-committed': 'BEGIN ISOLATION LEVEL READ COMMITTED',
};

/**
 * `work` in a transaction on `client` at `isolation`, run again from the start when PostgreSQL
 * reports a conflict worth retrying (each time after a random pause, so the transactions that
 * collided do not collide again in step), at most `attempts` times: a serialization failure
 * (SERIALIZABLE only) or a deadlock (either level). READ COMMITTED never aborts for a
 * serialization failure; should one come anyway (a statement of `work` asking for more), it is
 * reported, not hidden by retries.
 */
async function runTransaction<T>(client: pg.PoolClient, work: (tx: Sql) => Promise<T>, attempts: number, isolation: Isolation): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const tx = new Transaction(client);
    try {
      await execute(client, BEGIN[isolation], []);
      const result = await work(tx);
      tx.end();
      // A serializable transaction can also fail here, at COMMIT: caught and retried below.
      await execute(client, 'COMMIT', []);
      return result;
    } catch (error) {
      tx.end();
      if (isConnectionFault(error) || isConnectionFault((error as { cause?: unknown } | null)?.cause)) throw error;
      await client.query('ROLLBACK').catch(() => {});
      if (!isRetryableConflict(error, isolation)) throw error;
      if (attempt >= attempts) {
        throw databaseUnavailable(error, `The database could not complete this change: ${attempts} attempts in a row conflicted with other changes. Try again shortly.`);
      }
      await pause(backoffMs(attempt));
    }
  }
}

/** "Full jitter" exponential backoff: a random pause below a ceiling that doubles per attempt (5 ms … 320 ms). */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(320, 5 * 2 ** (attempt - 1));
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
