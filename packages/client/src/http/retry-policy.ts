import { HTTPError, type RetryOptions as KyRetryOptions } from 'ky';
import { parseRetryAfter } from '../errors/rate-limited-error.js';

// What is safe to repeat. GET and HEAD always; a POST or PUT only when it carries an
// Idempotency-Key, because then the server answers a repeat with the first result.

const TRANSIENT = [408, 429, 500, 502, 503, 504];

function shouldRetry(idempotent: boolean, maxRetryAfter: number) {
  return ({ error }: { error: Error }): boolean | undefined => {
    // Network failures: ky's default (retry) for reads. An idempotent write is retried by the
    // transport itself, which also covers what ky never retries (timeouts, a body cut short).
    if (!(error instanceof HTTPError)) return idempotent ? false : undefined;
    const after = parseRetryAfter(error.response.headers.get('retry-after'));
    // A wait longer than the caller accepts is their decision, not ours.
    if (after !== undefined && after > maxRetryAfter) return false;
    // 409 + Retry-After on an idempotent request means "your first attempt is still being
    // processed" (`idempotency-in-progress`): waiting and asking again is safe. Any other 409
    // is an answer.
    if (error.response.status === 409) return idempotent && after !== undefined ? undefined : false;
    return undefined;
  };
}

/** ky retry options for safe requests (the client's default). */
export function safeRetry(limit: number, maxRetryAfter: number): KyRetryOptions {
  return {
    limit,
    methods: ['get', 'head'],
    statusCodes: TRANSIENT,
    afterStatusCodes: [429, 503],
    backoffLimit: 10_000,
    shouldRetry: shouldRetry(false, maxRetryAfter),
  };
}

/** ky retry options for a write that carries an Idempotency-Key. */
export function idempotentRetry(limit: number, maxRetryAfter: number): KyRetryOptions {
  return {
    limit,
    methods: ['get', 'head', 'post', 'put'],
    statusCodes: [...TRANSIENT, 409],
    afterStatusCodes: [429, 503, 409],
    backoffLimit: 10_000,
    shouldRetry: shouldRetry(true, maxRetryAfter),
  };
}
