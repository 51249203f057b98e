// The crypto primitives this flow builds on, owned by the keys/proofs/jwt/status-list modules.
// Imported in one place so the flow never reaches into their internals.
export { multibaseToJwk, didKeyToJwk, publicJwk } from '../keys/index.js';
export { verifyDataIntegrityProof } from '../proofs/index.js';
export { verifyJws, decodeJws, checkJwtClaims, credentialFromJwtPayload } from '../jwt/index.js';
export { decodeStatusList, getStatusBit } from '../status-list/index.js';
// Internal: verify() checks a VC-JWT it has already split and decoded.
export { checkJwsSignature } from '../jwt/verify.js';
export { splitJws } from '../jwt/decode.js';
