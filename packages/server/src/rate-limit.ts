/**
 * A fixed-window request counter per client address, in memory (a restart forgets it; that is
 * acceptable for abuse damping, not for quotas).
 *
 * @example
 * ```ts
 * const limiter = new RateLimiter(30, 60_000);
 * const waitMs = limiter.take('203.0.113.9'); // 0 while under the limit
 * ```
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Count `count` requests (or rows, for bulk calls); returns 0 when allowed, else milliseconds
   * until the window resets. A batch larger than the whole limit passes only into an empty window.
   */
  take(address: string, count = 1): number {
    const now = this.now();
    if (this.windows.size > 10_000) {
      for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
    }
    let w = this.windows.get(address);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(address, w);
    }
    if (w.count >= this.limit || (w.count > 0 && w.count + count > this.limit)) return Math.max(1, w.resetAt - now);
    w.count += count;
    return 0;
  }
}
