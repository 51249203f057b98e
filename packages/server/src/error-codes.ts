// Every `code` the server can put in an error body, with what it means. The OpenAPI document
// lists them as the enum of `Error.code`; the client's `ServerErrorCode` union is generated from
// that document (scripts/generate-server-codes.ts), and a test scans this package's sources so
// a new code cannot be thrown without being listed here.

/**
 * The server's error codes and their meaning.
 *
 * @example
 * ```ts
 * SERVER_ERROR_CODES['code-used-up']; // 'The claim code has no uses left.'
 * ```
 */
export const SERVER_ERROR_CODES = {
  'already-exists': 'A resource with that key already exists.',
  'already-revoked': 'The credential is already revoked (revocation is permanent).',
  'body-too-large': 'The request body is over the size limit.',
  'code-expired': 'The claim code has expired.',
  'code-not-found': 'The claim code is not valid for this badge.',
  'code-used-up': 'The claim code has no uses left.',
  'credential-unverifiable': 'A presented credential could not be confirmed with its issuer (in a milestone result\'s `rejected`).',
  'database-unavailable': 'The database cannot be reached, or stayed too busy, for the moment; retry after Retry-After.',
  forbidden: 'The key may not act on this issuer or resource.',
  'idempotency-in-progress': 'A request with this Idempotency-Key is still running; retry after Retry-After.',
  'idempotency-key-reused': 'This Idempotency-Key was used with a different body.',
  'image-invalid': 'An uploaded SVG image is not well-formed.',
  'image-not-svg': 'An image said to be SVG has no <svg> root in the SVG namespace.',
  'internal-error': 'The server failed; nothing was issued.',
  'invalid-email': 'An email address is malformed.',
  'invalid-json': 'The body is not valid JSON.',
  'invalid-paging': '`limit` or `offset` is not a whole number in range, or `cursor` is not one the server handed out (see `field`).',
  'invalid-request': 'A field is missing or malformed (see `field`).',
  'key-in-use': 'The issuer key signs new credentials and cannot be removed; add a new key first.',
  'key-unsupported': 'The key type is not supported.',
  'milestone-badge-foreign': "A milestone badge belongs to another issuer than the pathway's.",
  'milestone-pending': 'A milestone award for this learner is still being issued.',
  'not-found': 'There is no such resource.',
  'not-suspended': 'The credential is not suspended.',
  'pathway-invalid': 'The pathway breaks a rule of the pathway model.',
  'private-key-sent': 'A private key was sent where only a public key belongs.',
  'rate-limited': 'Too many requests; wait for Retry-After.',
  'status-list-full': "The issuer's status list has no free index.",
  'ticket-expired': 'The claim ticket has expired.',
  'ticket-invalid': 'The claim ticket is malformed, unsigned by a known key, or for another server.',
  'ticket-mismatch': 'The claim ticket names another badge or learner.',
  'ticket-used': 'The claim ticket was already redeemed.',
  'too-many-credentials': 'A milestone request presents more credentials than allowed.',
  'too-many-rows': 'A bulk request has more rows than allowed.',
  unauthorized: 'No key, or a key the server does not know.',
  unavailable: 'The server is starting or shutting down.',
  'unknown-field': 'The request has a field the server does not know (see `field`).',
  'unsafe-image': 'An uploaded image carries scripts, handlers or other active content.',
  'unsupported-media-type': 'The body is not JSON.',
} as const satisfies Record<string, string>;

/**
 * One of the server's error codes.
 *
 * @example
 * ```ts
 * const code: ServerErrorCode = 'code-used-up';
 * ```
 */
export type ServerErrorCode = keyof typeof SERVER_ERROR_CODES;
