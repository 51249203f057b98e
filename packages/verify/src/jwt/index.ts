export { signCredentialJwt, signOb2Assertion } from './sign.js';
export type { SignCredentialJwtOptions } from './sign.js';
export { verifyJws, ALLOWED_JWS_ALGORITHMS } from './verify.js';
export type { VerifyJwsOptions } from './verify.js';
export { decodeJws, DEFAULT_MAX_JWS_LENGTH } from './decode.js';
export type { DecodedJws } from './decode.js';
export { checkJwtClaims, jwtClaimsForCredential, credentialFromJwtPayload } from './claims.js';
export type { CredentialJwtClaims } from './claims.js';
