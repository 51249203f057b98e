// Signing: OB 3.0 VC-JWT and OB 2.0 signed assertions (compact JWS).
import { ColError } from '@citiesoflearning/core';
import { CompactSign, importJWK } from 'jose';
import { toBase64Url, utf8 } from '../internal/bytes.js';
import { signatureBackend } from '../internal/signature-backend.js';
import { algorithmForJwk, publicJwk, type SignatureAlgorithm } from '../keys/jwk.js';
import { jwtClaimsForCredential } from './claims.js';
import { isRecord } from '../internal/guards.js';

/**
 * Options for {@link signCredentialJwt}.
 *
 * @example
 * ```ts
 * const options: SignCredentialJwtOptions = { privateJwk, kid: 'https://issuer.example/keys/1', includeJwk: true };
 * ```
 */
export interface SignCredentialJwtOptions {
  /** The issuer's private JWK (Ed25519, P-256 or RSA ≥ 2048 bits). */
  privateJwk: JsonWebKey;
  /** Key id for the header, e.g. a DID URL or the URL of the issuer's JWKS key. */
  kid?: string;
  /** Default: the key's algorithm (Ed25519 → EdDSA, P-256 → ES256, RSA → RS256). */
  alg?: SignatureAlgorithm;
  /** Put the PUBLIC key in the header as `jwk`. Default: true when no `kid` is given. */
  includeJwk?: boolean;
}

async function compactSign(payload: object, header: Record<string, unknown>, privateJwk: JsonWebKey, alg: SignatureAlgorithm): Promise<string> {
  if (typeof privateJwk !== 'object' || privateJwk === null || typeof privateJwk.d !== 'string') {
    throw new ColError('key-unsupported', 'Signing needs the private key (a JWK with "d").');
  }
  if (alg === 'EdDSA' && privateJwk.crv === 'Ed25519') {
    // The same bytes jose's CompactSign makes (Ed25519 is deterministic), without importing
    // the key into WebCrypto for one signature.
    const signingInput = `${toBase64Url(utf8(JSON.stringify({ alg, ...header })))}.${toBase64Url(utf8(JSON.stringify(payload)))}`;
    const signature = signatureBackend()?.signEd25519(privateJwk, utf8(signingInput));
    if (signature) return `${signingInput}.${toBase64Url(signature)}`;
  }
  let key: CryptoKey | Uint8Array;
  try {
    key = await importJWK(privateJwk as Parameters<typeof importJWK>[0], alg);
  } catch (cause) {
    throw new ColError('key-unsupported', 'The private key could not be read for this algorithm.', { cause });
  }
  try {
    return await new CompactSign(utf8(JSON.stringify(payload))).setProtectedHeader({ alg, ...header }).sign(key);
  } catch (cause) {
    throw new ColError('key-unsupported', `The key cannot sign with ${alg} (RSA keys need at least 2048 bits).`, { cause });
  }
}

function chooseAlgorithm(privateJwk: JsonWebKey, alg: SignatureAlgorithm | undefined, allowed: readonly SignatureAlgorithm[]): SignatureAlgorithm {
  const fitting = algorithmForJwk(privateJwk);
  const chosen = alg ?? fitting;
  if (chosen !== fitting || !allowed.includes(chosen)) {
    throw new ColError('key-unsupported', `A ${String(privateJwk.kty)} key cannot sign with "${String(chosen)}" here (allowed: ${allowed.join(', ')}).`);
  }
  return chosen;
}

/**
 * Signs an Open Badges 3.0 credential as a VC-JWT (compact JWS). The payload is the credential
 * itself plus `iss` (issuer id), `jti` (id), `nbf` (validFrom), `sub` (credentialSubject.id) and
 * `exp` (validUntil) when those fields exist; the header has `alg`, `typ: 'JWT'`, `kid` and/or
 * `jwk` (public members only).
 *
 * @throws ColError `key-unsupported`, `credential-invalid`.
 * @example
 * ```ts
 * const keys = await generateKeyPair();
 * const jwt = await signCredentialJwt(credential, { privateJwk: keys.privateJwk, kid: keys.verificationMethod });
 * ```
 */
export async function signCredentialJwt(credential: object, options: SignCredentialJwtOptions): Promise<string> {
  if (!isRecord(credential)) throw new ColError('credential-invalid', 'Only a JSON object credential can be signed.');
  const alg = chooseAlgorithm(options.privateJwk, options.alg, ['EdDSA', 'ES256', 'RS256']);
  const header: Record<string, unknown> = { typ: 'JWT' };
  if (options.kid !== undefined) header.kid = options.kid;
  if (options.includeJwk ?? options.kid === undefined) header.jwk = publicJwk(options.privateJwk);
  const payload = { ...credential, ...jwtClaimsForCredential(credential) };
  return compactSign(payload, header, options.privateJwk, alg);
}

/**
 * Signs an Open Badges 2.0 assertion as a compact JWS (`verification.type: 'signed'`): the payload
 * is the assertion JSON, the header only `alg`. RS256 is what OB 2.0 recommends; ES256 is also
 * accepted. The assertion's `verification.creator` should name the public key's URL.
 *
 * @throws ColError `key-unsupported` (e.g. an Ed25519 key), `credential-invalid`.
 * @example
 * ```ts
 * const jws = await signOb2Assertion(assertion, { privateJwk: rsaPrivateJwk }); // RS256
 * ```
 */
export async function signOb2Assertion(assertion: object, options: { privateJwk: JsonWebKey; alg?: 'RS256' | 'ES256' }): Promise<string> {
  if (!isRecord(assertion)) throw new ColError('credential-invalid', 'Only a JSON object assertion can be signed.');
  const alg = chooseAlgorithm(options.privateJwk, options.alg, ['RS256', 'ES256']);
  return compactSign(assertion, {}, options.privateJwk, alg);
}
