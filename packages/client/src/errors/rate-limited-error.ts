import { ApiError, type ApiErrorInit } from './api-error.js';

/**
 * The server refused because too many requests came too fast (HTTP 429), and the client's
 * retries (which honour `Retry-After`) ran out or the wait was longer than `retry.maxRetryAfter`.
 *
 * @example
 * ```ts
 * import { RateLimitedError } from '@citiesoflearning/client';
 * try { await col.claims.create(claim); }
 * catch (error) {
 *   if (error instanceof RateLimitedError) tryAgainIn(error.retryAfter ?? 60);
 *   else throw error;
 * }
 * ```
 */
export class RateLimitedError extends ApiError {
  declare readonly code: 'rate-limited';
  /** Seconds the server asked us to wait (from `Retry-After`), when it said. */
  readonly retryAfter?: number;

  constructor(message: string, retryAfter: number | undefined, init: ApiErrorInit = {}) {
    super('rate-limited', message, init);
    if (retryAfter !== undefined) this.retryAfter = retryAfter;
  }
}

/**
 * Seconds to wait from a `Retry-After` header value (delta-seconds or an HTTP date), or
 * `undefined` when absent or unreadable. Never negative.
 *
 * @example
 * ```ts
 * parseRetryAfter('120'); // 120
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT'); // seconds from now until then
 * ```
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
