/**
 * `@citiesoflearning/verify` for Node (the `node` export condition): everything the browser
 * entry has, with a `verify()` whose network guard judges resolved addresses at connect time,
 * and `guardedFetch` for callers who want the same guard for their own lookups.
 *
 * @packageDocumentation
 */
export * from './index.js';
import { installSignatureBackend } from './internal/signature-backend.js';
import { nodeCryptoBackend } from './internal/node-crypto.js';

// Signatures on the calling thread with node:crypto instead of through WebCrypto's thread pool.
installSignatureBackend(nodeCryptoBackend);
// An explicit export wins over the same name from `export *`.
export { verify } from './verify/verify.node.js';
export { guardedFetch, guardedLookup } from './verify/net/guarded-fetch.js';
