/**
 * The part of `<col-badge-claim>` that talks to the API, loaded on the first claim only (the
 * button and dialog are all a course page pays up front). HTTP goes through
 * `@citiesoflearning/client`: it retries a lost response or a 5xx with the **same**
 * `Idempotency-Key`, and the element keeps that key across the learner's own retries too, so a
 * claim is never issued twice.
 */
import { createClient, isApiError, newIdempotencyKey, RateLimitedError, type Award, type ClaimInput } from '@citiesoflearning/client';
import { normalize } from '@citiesoflearning/core';
import { linkedInAddToProfileUrl } from '../internal/linkedin.js';

/**
 * Why a claim failed: a stable code (the server's own code when it sent one, e.g.
 * `code-used-up`, else the client's: `network`, `timeout`, `server-error`, …) and, for
 * `rate-limited`, how long to wait.
 *
 * @example
 * ```ts
 * const failure: ClaimFailure = { code: 'rate-limited', retryAfter: 30 };
 * ```
 */
export interface ClaimFailure {
  code: string;
  retryAfter?: number;
}

/**
 * Claim options the element passes through.
 *
 * @example
 * ```ts
 * const options: ClaimRequestOptions = { api: 'https://badges.example.org', idempotencyKey, timeout: 10_000 };
 * ```
 */
export interface ClaimRequestOptions {
  api: string;
  idempotencyKey: string;
  timeout?: number | undefined;
}

/** Server codes the element explains one by one; anything else falls back to the client's code. */
const KNOWN_SERVER_CODES = new Set([
  'code-not-found', 'code-used-up', 'code-expired', 'ticket-invalid', 'ticket-expired', 'ticket-used', 'ticket-mismatch', 'invalid-email', 'rate-limited',
]);

/**
 * Redeem a code or ticket. Resolves with the award, or rejects with a {@link ClaimFailure}.
 *
 * @example
 * ```ts
 * const award = await claim({ achievement: 'digital-foundations', code, recipient: { email } }, { api, idempotencyKey });
 * ```
 */
export async function claim(input: ClaimInput, options: ClaimRequestOptions): Promise<Award> {
  // Short waits (a 429 or 503 asking for a few seconds) are absorbed by the client's retries;
  // a longer one comes back at once so the learner is told how long, not left watching a spinner.
  const client = createClient({ baseUrl: options.api, retry: { limit: 2, maxRetryAfter: 5 }, ...(options.timeout ? { timeoutMs: options.timeout } : {}) });
  try {
    return await client.claims.create(input, { idempotencyKey: options.idempotencyKey });
  } catch (error) {
    throw toFailure(error);
  }
}

/**
 * The {@link ClaimFailure} for anything `claim` can throw.
 *
 * @example
 * ```ts
 * toFailure(new TypeError('x')); // { code: 'unknown' }
 * ```
 */
export function toFailure(error: unknown): ClaimFailure {
  if (!isApiError(error)) return { code: error instanceof TypeError ? 'no-api' : 'unknown' };
  if (error instanceof RateLimitedError) return { code: 'rate-limited', ...(error.retryAfter !== undefined ? { retryAfter: error.retryAfter } : {}) };
  if (error.serverCode && KNOWN_SERVER_CODES.has(error.serverCode)) return { code: error.serverCode };
  // A ticket signed by another provider is refused as plain `forbidden`: for the learner it is
  // the same as a ticket for someone else.
  if (error.code === 'forbidden') return { code: 'ticket-mismatch' };
  if (error.code === 'unauthorized') return { code: 'ticket-invalid' };
  return { code: error.code };
}

/**
 * The badge's name, to say in the dialog what is being claimed; `undefined` when the API
 * cannot say (the claim itself will then explain what is wrong).
 *
 * @example
 * ```ts
 * await achievementName('https://badges.example.org', 'digital-foundations'); // 'Digital Foundations'
 * ```
 */
export async function achievementName(api: string, achievement: string): Promise<string | undefined> {
  try {
    return (await createClient({ baseUrl: api, retry: 0, timeoutMs: 5_000 }).achievements.get(achievement)).name;
  } catch {
    return undefined;
  }
}

/**
 * A fresh key for one claim attempt (the client's generator).
 *
 * @example
 * ```ts
 * const key = newKey();
 * ```
 */
export const newKey = (): string => newIdempotencyKey();

/**
 * LinkedIn's "Add to profile" link for a freshly issued award (public facts only).
 *
 * @example
 * ```ts
 * const href = linkedInFor(award);
 * ```
 */
export function linkedInFor(award: Award): string | undefined {
  try {
    return linkedInAddToProfileUrl(normalize(award.credential as object), award.id);
  } catch {
    return undefined;
  }
}
