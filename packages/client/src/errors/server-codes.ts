// GENERATED from the reference server's OpenAPI document by scripts/generate-server-codes.ts.
// Do not edit: run the script (test/server-codes.node.test.ts fails while this is out of date).

/**
 * Every error code the Cities of Learning reference server sends (`ApiError.serverCode`).
 *
 * @example
 * ```ts
 * SERVER_ERROR_CODES.includes('code-used-up'); // true
 * ```
 */
export const SERVER_ERROR_CODES = [
  /** A resource with that key already exists. */
  'already-exists',
  /** The credential is already revoked (revocation is permanent). */
  'already-revoked',
  /** The request body is over the size limit. */
  'body-too-large',
  /** The claim code has expired. */
  'code-expired',
  /** The claim code is not valid for this badge. */
  'code-not-found',
  /** The claim code has no uses left. */
  'code-used-up',
  /** A presented credential could not be confirmed with its issuer (in a milestone result's `rejected`). */
  'credential-unverifiable',
  /** The database cannot be reached, or stayed too busy, for the moment; retry after Retry-After. */
  'database-unavailable',
  /** The key may not act on this issuer or resource. */
  'forbidden',
  /** A request with this Idempotency-Key is still running; retry after Retry-After. */
  'idempotency-in-progress',
  /** This Idempotency-Key was used with a different body. */
  'idempotency-key-reused',
  /** An uploaded SVG image is not well-formed. */
  'image-invalid',
  /** An image said to be SVG has no <svg> root in the SVG namespace. */
  'image-not-svg',
  /** The server failed; nothing was issued. */
  'internal-error',
  /** An email address is malformed. */
  'invalid-email',
  /** The body is not valid JSON. */
  'invalid-json',
  /** `limit` or `offset` is not a whole number in range, or `cursor` is not one the server handed out (see `field`). */
  'invalid-paging',
  /** A field is missing or malformed (see `field`). */
  'invalid-request',
  /** The issuer key signs new credentials and cannot be removed; add a new key first. */
  'key-in-use',
  /** The key type is not supported. */
  'key-unsupported',
  /** A milestone badge belongs to another issuer than the pathway's. */
  'milestone-badge-foreign',
  /** A milestone award for this learner is still being issued. */
  'milestone-pending',
  /** There is no such resource. */
  'not-found',
  /** The credential is not suspended. */
  'not-suspended',
  /** The pathway breaks a rule of the pathway model. */
  'pathway-invalid',
  /** A private key was sent where only a public key belongs. */
  'private-key-sent',
  /** Too many requests; wait for Retry-After. */
  'rate-limited',
  /** The issuer's status list has no free index. */
  'status-list-full',
  /** The claim ticket has expired. */
  'ticket-expired',
  /** The claim ticket is malformed, unsigned by a known key, or for another server. */
  'ticket-invalid',
  /** The claim ticket names another badge or learner. */
  'ticket-mismatch',
  /** The claim ticket was already redeemed. */
  'ticket-used',
  /** A milestone request presents more credentials than allowed. */
  'too-many-credentials',
  /** A bulk request has more rows than allowed. */
  'too-many-rows',
  /** No key, or a key the server does not know. */
  'unauthorized',
  /** The server is starting or shutting down. */
  'unavailable',
  /** The request has a field the server does not know (see `field`). */
  'unknown-field',
  /** An uploaded image carries scripts, handlers or other active content. */
  'unsafe-image',
  /** The body is not JSON. */
  'unsupported-media-type',
] as const;

/**
 * One of the reference server's error codes (finer than `ApiErrorCode`): switch on it for
 * what the server refused, e.g. `code-used-up` versus `code-expired`.
 *
 * @example
 * ```ts
 * if (isApiError(error) && error.serverCode === 'code-used-up') showMessage('This code has been used.');
 * ```
 */
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];
