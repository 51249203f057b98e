export type { KeyPair, KeyType } from './types.js';
export { generateKeyPair } from './generate.js';
export { ed25519SeedToJwk, privateMultibaseToJwk } from './import.js';
export { publicJwkToPem } from './pem.js';
export {
  multibaseToJwk,
  jwkToMultibase,
  didKeyToJwk,
  jwkToDidKey,
  multibaseToRawEd25519,
  rawEd25519ToMultibase,
} from './multikey.js';
export { publicJwk, hasPrivateMembers, algorithmForJwk, keyFitsAlgorithm } from './jwk.js';
export type { SignatureAlgorithm } from './jwk.js';
