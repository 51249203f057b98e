/**
 * Everything an issuer needs to sign, in one import: key generation and the three signature
 * formats. (The same functions are exported from the package root.)
 *
 * @example
 * ```ts
 * import { generateKeyPair, signDataIntegrity } from '@citiesoflearning/verify';
 * ```
 * @packageDocumentation
 */
export { generateKeyPair, publicJwk, publicJwkToPem, jwkToMultibase, jwkToDidKey } from './keys/index.js';
export { signDataIntegrity, addDataIntegrityProof } from './proofs/index.js';
export { signCredentialJwt, signOb2Assertion } from './jwt/index.js';
export { createStatusListCredential, encodeStatusList, setStatusBit } from './status-list/index.js';
