import { ColError } from '@citiesoflearning/core';
import type { ServerErrorCode } from './server-codes.js';

/**
 * Every stable `code` an {@link ApiError} can carry. Switch on these in programs; show
 * `message` to people.
 *
 * - `bad-request` (400, 422): the request was malformed or failed the server's validation.
 * - `unauthorized` (401): no key or token, or one the server does not know.
 * - `forbidden` (403): the key is known but may not do this (e.g. another provider's badge).
 * - `not-found` (404).
 * - `conflict` (409): e.g. a claim code that is used up or expired.
 * - `payload-too-large` (413, or a response bigger than the client's `maxBytes`).
 * - `rate-limited` (429): see {@link RateLimitedError.retryAfter}.
 * - `server-error` (5xx).
 * - `timeout`: no complete answer within the client's `timeoutMs`.
 * - `network`: the server could not be reached or dropped the connection.
 * - `invalid-response`: the server answered something the client cannot trust (wrong content
 *   type, malformed JSON, a missing or mistyped field).
 *
 * @example
 * ```ts
 * import type { ApiErrorCode } from '@citiesoflearning/client';
 * const retryable: ApiErrorCode[] = ['timeout', 'network', 'server-error', 'rate-limited'];
 * ```
 */
export type ApiErrorCode =
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'payload-too-large'
  | 'rate-limited'
  | 'server-error'
  | 'timeout'
  | 'network'
  | 'invalid-response';

/**
 * What an {@link ApiError} knows about the failed exchange (never personal data).
 *
 * @example
 * ```ts
 * const init: ApiErrorInit = { status: 404, serverCode: 'code-not-found', request: { method: 'POST', path: '/api/v1/claims' } };
 * throw new ApiError('not-found', 'This claim code is not valid for this badge.', init);
 * ```
 */
export interface ApiErrorInit {
  /** HTTP status, when the server answered. */
  status?: number;
  /**
   * The server's own error code (e.g. `code-used-up`), when it sent one: one of the reference
   * server's {@link ServerErrorCode}s, or whatever another Open Badges host sent.
   */
  serverCode?: ServerErrorCode | (string & {});
  /** Method and URL path of the request (no query string: it may hold search terms). */
  request?: { method: string; path: string };
  cause?: unknown;
  details?: Record<string, unknown>;
  /** The `Idempotency-Key` the failed write carried (see {@link ApiError.idempotencyKey}). */
  idempotencyKey?: string;
  /** The field at fault (see {@link ApiError.field}). */
  field?: string;
}

/**
 * The one error the client throws for anything that went wrong talking to an API. It is a
 * `ColError` (from `@citiesoflearning/core`), so `isColError(error)` is true for it; its `code`
 * is one of {@link ApiErrorCode} and its `message` is the server's own message when the server
 * sent one.
 *
 * A user's `AbortSignal` is not an error of the API: aborting rejects with the signal's
 * `reason` (an `AbortError` `DOMException` by default), as `fetch` does.
 *
 * @example
 * ```ts
 * import { ApiError } from '@citiesoflearning/client';
 * try {
 *   await col.claims.create({ achievement: 'intro-to-coding', code, recipient: { email } });
 * } catch (error) {
 *   if (error instanceof ApiError && error.code === 'conflict') showMessage(error.message);
 *   else throw error;
 * }
 * ```
 */
export class ApiError extends ColError {
  /** Stable code, see {@link ApiErrorCode}. */
  declare readonly code: ApiErrorCode;
  /** HTTP status, when the server answered. */
  readonly status?: number;
  /**
   * The server's own error code, when it sent one (finer than `code`): one of the reference
   * server's {@link ServerErrorCode}s (generated from its OpenAPI document), or whatever another
   * Open Badges host sent.
   */
  readonly serverCode?: ServerErrorCode | (string & {});
  /** Method and path of the request that failed. */
  readonly request?: { readonly method: string; readonly path: string };
  /**
   * For a claim or award (a write made safe to repeat): the `Idempotency-Key` it carried. When a
   * timeout or a dropped connection outlasts the client's retries, the server may still have
   * issued the credential; call again with `{ idempotencyKey: error.idempotencyKey }` (within
   * 24 hours) and you get that same credential back, never a second one.
   */
  readonly idempotencyKey?: string;
  /**
   * The field at fault, when one is: for a refused request, the request field the server named
   * (e.g. `recipient.nmae` for an unknown field, `recipients[3].email`); for `invalid-response`,
   * the path of the response field the client could not trust.
   */
  readonly field?: string;

  constructor(code: ApiErrorCode, message: string, init: ApiErrorInit = {}) {
    super(code, message, { cause: init.cause, details: init.details });
    // Keep `name` as ColError so `isColError` (which checks the name across bundles) matches.
    if (init.status !== undefined) this.status = init.status;
    if (init.serverCode !== undefined) this.serverCode = init.serverCode;
    if (init.request !== undefined) this.request = Object.freeze({ ...init.request });
    if (init.idempotencyKey !== undefined) this.idempotencyKey = init.idempotencyKey;
    if (init.field !== undefined) this.field = init.field;
  }
}
