/**
 * An expected API failure: an HTTP status, a stable kebab-case `code` for programs and a plain
 * `message` for people. The app turns it into `{ "code", "message" }` JSON; nothing else (no
 * stack, no SQL, no personal data) ever reaches a client.
 *
 * @example
 * ```ts
 * throw new ApiError(409, 'code-used-up', 'This claim code has already been used.');
 * ```
 */
export class ApiError extends Error {
  /** HTTP status to answer with. */
  readonly status: number;
  /** Stable identifier of what went wrong, e.g. `code-expired`. */
  readonly code: string;
  /** Extra headers for the response (e.g. `Retry-After`). */
  readonly headers: Record<string, string>;
  /** The request field at fault (e.g. `recipient.nmae`), sent as `field` so programs need not parse the message. */
  readonly field?: string;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.headers = headers;
    if (field !== undefined) this.field = field;
  }
}

/**
 * Shorthand for a 400 `invalid-request` error naming the field at fault.
 *
 * @example
 * ```ts
 * if (typeof body.name !== 'string') throw badRequest('"name" must be a string.');
 * ```
 */
export function badRequest(message: string, code = 'invalid-request'): ApiError {
  return new ApiError(400, code, message);
}

/**
 * Shorthand for a 404 `not-found` error.
 *
 * @example
 * ```ts
 * if (!row) throw notFound('achievement');
 * ```
 */
export function notFound(what: string): ApiError {
  return new ApiError(404, 'not-found', `No ${what} with that key exists here.`);
}
