import { ColError } from '@citiesoflearning/core';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * An expected API failure: a `ColError` (`instanceof ColError` and `isColError` both hold) with
 * the HTTP status to answer with, a stable kebab-case `code` for programs and a plain `message`
 * for people. The app turns it into `{ "code", "message" }` JSON; nothing else
 * (no stack, no SQL, no personal data) ever reaches a client. The status is typed as one Hono
 * can send a body with, so responses need no casts.
 *
 * @example
 * ```ts
 * throw new HttpError(409, 'code-used-up', 'This claim code has already been used.');
 * ```
 */
export class HttpError extends ColError {
  /** HTTP status to answer with. */
  readonly status: ContentfulStatusCode;
  /** Extra headers for the response (e.g. `Retry-After`). */
  readonly headers: Record<string, string>;
  /** The request field at fault (e.g. `recipient.nmae`), sent as `field` so programs need not parse the message. */
  readonly field?: string;

  constructor(status: ContentfulStatusCode, code: string, message: string, headers: Record<string, string> = {}, field?: string) {
    super(code, message);
    this.name = 'HttpError';
    this.status = status;
    this.headers = headers;
    if (field !== undefined) this.field = field;
  }
}

/**
 * The former name of {@link HttpError}, kept so existing imports still work.
 *
 * @deprecated Use {@link HttpError}.
 * @example
 * ```ts
 * throw new ApiError(404, 'not-found', 'No achievement with that key exists here.');
 * ```
 */
export const ApiError = HttpError;
/**
 * The former name of {@link HttpError}.
 *
 * @deprecated Use {@link HttpError}.
 * @example
 * ```ts
 * const e: ApiError = notFound('issuer');
 * ```
 */
export type ApiError = HttpError;

/**
 * Shorthand for a 400 `invalid-request` error naming the field at fault.
 *
 * @example
 * ```ts
 * if (typeof body.name !== 'string') throw badRequest('"name" must be a string.');
 * ```
 */
export function badRequest(message: string, code = 'invalid-request'): HttpError {
  return new HttpError(400, code, message);
}

/**
 * Shorthand for a 404 `not-found` error.
 *
 * @example
 * ```ts
 * if (!row) throw notFound('achievement');
 * ```
 */
export function notFound(what: string): HttpError {
  return new HttpError(404, 'not-found', `No ${what} with that key exists here.`);
}
