// What a failure from PostgreSQL (or from the way to it) means for the caller: a transaction to
// run again, a database that is away for a while (the server answers 503 with Retry-After and
// the pool reconnects when it is back), or anything else (a bug or a constraint), rethrown as is.
import { ColError } from '@citiesoflearning/core';

/** Node's socket errors that mean "no database here right now". */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ENOENT']);

/**
 * SQLSTATEs for a server going away or not taking connections: admin shutdown, crash shutdown,
 * cannot connect now (starting up, recovering), too many connections.
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

// node-postgres reports a lost or never-made connection as a plain Error with only a message.
const LOST_CONNECTION = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed|Cannot use a pool after calling end)/;

/**
 * Whether PostgreSQL rejected a transaction only because of concurrent ones, so running it again
 * from the start is right: a deadlock (40P01) at either isolation level, and a serialization
 * failure (40001) in a SERIALIZABLE transaction. A READ COMMITTED transaction is not expected to
 * get 40001 at all, so there it is reported rather than retried.
 *
 * @example
 * ```ts
 * if (isRetryableConflict(error, 'serializable') && attempt < maxAttempts) continue; // run the work again
 * ```
 */
export function isRetryableConflict(error: unknown, isolation: 'serializable' | 'read-committed' = 'serializable'): boolean {
  const code = sqlState(error);
  return code === '40P01' || (code === '40001' && isolation === 'serializable');
}

/**
 * Whether `error` means the database cannot be reached or is not serving (refused, reset,
 * shut down, starting, a connection timeout): worth a retry later, not a bug.
 *
 * @example
 * ```ts
 * if (isConnectionFault(error)) throw databaseUnavailable(error);
 * ```
 */
export function isConnectionFault(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08')) return true;
  }
  return LOST_CONNECTION.test(error.message);
}

/**
 * The `database-unavailable` ColError for a connection fault, keeping the driver's error as its
 * cause (for the log) and out of its message (which a client may see).
 *
 * @example
 * ```ts
 * try { await pool.query('SELECT 1'); } catch (error) { throw isConnectionFault(error) ? databaseUnavailable(error) : error; }
 * ```
 */
export function databaseUnavailable(cause: unknown, message = 'The database cannot be reached right now; try again shortly.'): ColError {
  return new ColError('database-unavailable', message, { cause });
}

/**
 * `error` as the caller should see it: a connection fault becomes `database-unavailable`;
 * anything else (a constraint, a syntax error: a bug to log) is returned as it is.
 *
 * @example
 * ```ts
 * try { return await pool.query(text, params); } catch (error) { throw asDatabaseError(error); }
 * ```
 */
export function asDatabaseError(error: unknown): unknown {
  return isConnectionFault(error) ? databaseUnavailable(error) : error;
}

/** The SQLSTATE PostgreSQL sent with `error`, if any. */
function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
