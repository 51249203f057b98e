import { ColError } from '@citiesoflearning/core';
import type { Sql } from '../sql/sql.js';

/**
 * One take against a fixed-window counter: which counter, how much, and the limit it must fit.
 *
 * @example
 * ```ts
 * const take: RateLimitTake = { bucket: 'claims', subject: hashedAddress, count: 1, limit: 60, now: Date.now(), windowMs: 60_000 };
 * ```
 */
export interface RateLimitTake {
  /** Which limit (`claims`, `awards`, `shares`): one table holds them all. */
  bucket: string;
  /** The caller, already hashed: addresses are personal data and never stored in clear. */
  subject: string;
  /** Requests (or rows, for bulk calls) this take counts. */
  count: number;
  /** The most a window may count (a larger batch still passes into an empty window). */
  limit: number;
  /** The time of the take, in milliseconds since 1970. */
  now: number;
  /** How long a window lasts from its first take. */
  windowMs: number;
}

/**
 * Count a take against its counter in one statement, and say whether it was granted and when the
 * window ends. The upsert decides and counts under the row's lock, so concurrent takes from
 * several instances never both fit into the last slot, and there is no read-then-write to retry.
 * A refused take changes nothing; an expired window starts over with this take.
 *
 * @example
 * ```ts
 * const { granted, windowEnds } = await takeRateLimit(ctx.sql, { bucket: 'claims', subject, count: 1, limit: 60, now: Date.now(), windowMs: 60_000 });
 * ```
 */
export async function takeRateLimit(sql: Sql, take: RateLimitTake): Promise<{ granted: boolean; windowEnds: number }> {
  const { bucket, subject, count, limit, now, windowMs } = take;
  // Every SET expression reads the row as it was before this statement (both engines), so the
  // three CASEs take the same branch. `granted` keeps this statement's decision on the row for
  // RETURNING to read back: the statement's own outcome, not another instance's.
  const row = await sql.get<{ window_ends: number; granted: number }>(
    `INSERT INTO rate_limits (bucket, subject, window_ends, used, granted) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (bucket, subject) DO UPDATE SET
       granted = CASE
         WHEN rate_limits.window_ends <= ? THEN excluded.used
         WHEN rate_limits.used = 0 OR rate_limits.used + excluded.used <= ? THEN excluded.used
         ELSE 0 END,
       used = CASE
         WHEN rate_limits.window_ends <= ? THEN excluded.used
         WHEN rate_limits.used = 0 OR rate_limits.used + excluded.used <= ? THEN rate_limits.used + excluded.used
         ELSE rate_limits.used END,
       window_ends = CASE WHEN rate_limits.window_ends <= ? THEN excluded.window_ends ELSE rate_limits.window_ends END
     RETURNING window_ends, granted`,
    bucket,
    subject,
    now + windowMs,
    count,
    count,
    now,
    limit,
    now,
    limit,
    now,
  );
  // An upsert that updates always returns its row; no row means the statement did not run.
  if (row === undefined) throw new ColError('internal-error', 'The rate-limit counter returned no row.');
  return { granted: Number(row.granted) > 0, windowEnds: Number(row.window_ends) };
}

/**
 * Delete a bucket's expired windows (clutter only: a take on an expired window starts it over).
 *
 * @example
 * ```ts
 * await deleteExpiredRateLimits(ctx.sql, 'claims', Date.now());
 * ```
 */
export async function deleteExpiredRateLimits(sql: Sql, bucket: string, now: number): Promise<number> {
  return (await sql.run('DELETE FROM rate_limits WHERE bucket = ? AND window_ends <= ?', bucket, now)).changes;
}
