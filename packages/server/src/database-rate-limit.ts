import { createHmac } from 'node:crypto';
import type { ServerContext } from './context.js';
import { MemoryRateLimiter, type RateLimiter } from './rate-limit.js';
import type { Sql } from './sql/sql.js';
import { deleteExpiredRateLimits, takeRateLimit } from './store/rate-limits.js';

/** Takes between two sweeps of a bucket's expired windows. */
const TAKES_PER_SWEEP = 1000;

/**
 * A {@link RateLimiter} kept in the database, so that several server instances on one
 * PostgreSQL database share one budget per caller: a caller over the limit on one instance is
 * over it on every instance. Each take is one atomic upsert (`takeRateLimit`), so there is no
 * read-then-write to race and nothing to retry. Subjects are stored as keyed hashes (HMAC with
 * the server's pepper, which every instance reads from the database): client addresses are
 * personal data and never reach the database in clear.
 *
 * Windows are timed by each instance's own clock; instances a few seconds apart open or close a
 * window a few seconds early or late, which abuse damping tolerates.
 *
 * @example
 * ```ts
 * const limiter = new DatabaseRateLimiter(ctx.sql, { bucket: 'claims', limit: 30, windowMs: 60_000, pepper: ctx.pepper });
 * const waitMs = await limiter.take('203.0.113.9'); // 0 while under the limit
 * ```
 */
export class DatabaseRateLimiter implements RateLimiter {
  private readonly sql: Sql;
  private readonly bucket: string;
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly pepper: Buffer;
  private readonly now: () => number;
  private takesSinceSweep = 0;

  constructor(sql: Sql, options: { bucket: string; limit: number; windowMs: number; pepper: Buffer; now?: () => number }) {
    this.sql = sql;
    this.bucket = options.bucket;
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.pepper = options.pepper;
    this.now = options.now ?? Date.now;
  }

  async take(subject: string, count = 1): Promise<number> {
    const now = this.now();
    const { granted, windowEnds } = await takeRateLimit(this.sql, {
      bucket: this.bucket,
      subject: this.subjectHash(subject),
      count,
      limit: this.limit,
      now,
      windowMs: this.windowMs,
    });
    await this.sweepNowAndThen(now);
    return granted ? 0 : Math.max(1, windowEnds - now);
  }

  private subjectHash(subject: string): string {
    return createHmac('sha256', this.pepper).update(`rate-limit:${this.bucket}:${subject}`).digest('base64url');
  }

  // Expired windows are only clutter (a take starts them over anyway): clear them now and then
  // rather than on every request.
  private async sweepNowAndThen(now: number): Promise<void> {
    if (++this.takesSinceSweep < TAKES_PER_SWEEP) return;
    this.takesSinceSweep = 0;
    await deleteExpiredRateLimits(this.sql, this.bucket, now);
  }
}

/**
 * The rate limiter for one of the server's budgets: in memory on SQLite (one process, so no
 * write per request), in the database on PostgreSQL (several instances share the budget).
 *
 * @example
 * ```ts
 * const claimLimiter = rateLimiterFor(ctx, 'claims', ctx.claimRateLimit);
 * ```
 */
export function rateLimiterFor(ctx: ServerContext, bucket: string, budget: { limit: number; windowMs: number }): RateLimiter {
  if (ctx.sql.dialect === 'sqlite') return new MemoryRateLimiter(budget.limit, budget.windowMs);
  return new DatabaseRateLimiter(ctx.sql, { bucket, limit: budget.limit, windowMs: budget.windowMs, pepper: ctx.pepper });
}
