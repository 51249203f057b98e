/**
 * A fixed-window request counter per caller (a client address, or a keyed caller's bucket).
 * Refused requests do not count; a batch larger than the whole limit passes only into an empty
 * window. Two implementations: {@link MemoryRateLimiter} for one process (SQLite), and
 * `DatabaseRateLimiter` for several instances on one PostgreSQL database.
 *
 * @example
 * ```ts
 * const waitMs = await limiter.take('203.0.113.9'); // 0 while under the limit
 * if (waitMs > 0) throw new HttpError(429, 'rate-limited', '…', { 'Retry-After': String(Math.ceil(waitMs / 1000)) });
 * ```
 */
export interface RateLimiter {
  /**
   * Count `count` requests (or rows, for bulk calls) for `subject`; resolves to 0 when allowed,
   * else to the milliseconds until the window resets.
   */
  take(subject: string, count?: number): Promise<number>;
}

/**
 * A {@link RateLimiter} in memory: right for one process, with no write per request (a restart
 * forgets it; that is acceptable for abuse damping, not for quotas).
 *
 * @example
 * ```ts
 * const limiter = new MemoryRateLimiter(30, 60_000);
 * const waitMs = await limiter.take('203.0.113.9'); // 0 while under the limit
 * ```
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(subject: string, count = 1): Promise<number> {
    return Promise.resolve(this.takeNow(subject, count));
  }

  private takeNow(subject: string, count: number): number {
    const now = this.now();
    if (this.windows.size > 10_000) {
      for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
    }
    let w = this.windows.get(subject);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(subject, w);
    }
    if (w.count >= this.limit || (w.count > 0 && w.count + count > this.limit)) return Math.max(1, w.resetAt - now);
    w.count += count;
    return 0;
  }
}
