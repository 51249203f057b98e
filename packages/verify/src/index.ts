/**
 * `@citiesoflearning/verify` — verify any Open Badge (2.0 hosted/signed, 3.0 VC-JWT and Data
 * Integrity) and sign credentials, in the browser and in Node.
 *
 * The cryptographic primitives (keys, Data Integrity proofs, JOSE, pinned JSON-LD contexts,
 * status lists) are exported here; the verification flow (`verify()`) comes from `./verify`.
 *
 * @packageDocumentation
 */
export type {} from './error-codes.js';
export * from './keys/index.js';
export * from './contexts/index.js';
export * from './proofs/index.js';
export * from './jwt/index.js';
export * from './status-list/index.js';
export * from './verify/index.js';
