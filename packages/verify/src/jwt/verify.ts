// Compact JWS verification with a fixed algorithm allow-list (RS256, ES256, EdDSA).
import { ColError, isColError } from '@citiesoflearning/core';
import { compactVerify, errors, importJWK } from 'jose';
import { unsupportedCryptoError } from '../internal/bytes.js';
import { hasPrivateMembers, keyFitsAlgorithm, publicJwk as toPublicJwk } from '../keys/jwk.js';
import { decodeJsonSegment, DEFAULT_MAX_JWS_LENGTH, splitJws, type DecodedJws } from './decode.js';

/**
 * The only algorithms ever accepted. `none` and every HMAC algorithm are always refused.
 *
 * @example
 * ```ts
 * ALLOWED_JWS_ALGORITHMS.includes('HS256'); // false
 * ```
 */
export const ALLOWED_JWS_ALGORITHMS: readonly string[] = Object.freeze(['RS256', 'ES256', 'EdDSA']);

/**
 * Options for {@link verifyJws}.
 *
 * @example
 * ```ts
 * await verifyJws(jws, key, { algorithms: ['RS256'], maxLength: 256 * 1024 } satisfies VerifyJwsOptions);
 * ```
 */
export interface VerifyJwsOptions {
  /** Narrow the allow-list further (it can never be widened beyond RS256, ES256, EdDSA). */
  algorithms?: string[];
  /** Maximum JWS length in characters; default 2 MiB. */
  maxLength?: number;
}

/**
 * Verifies a compact JWS (VC-JWT or OB 2.0 signed assertion) with a known public key and returns
 * its header and JSON payload.
 *
 * The algorithm comes from the header but must be on the allow-list (RS256, ES256, EdDSA with
 * Ed25519) AND fit the key's type — it is never picked from the key, and `none` and HMAC (`HS*`)
 * are always refused. A `jwk` header that contains private key members is refused. Whether the
 * key belongs to the issuer is the caller's check.
 *
 * @throws ColError `jws-malformed`, `jws-too-large`, `alg-forbidden`, `signature-invalid`.
 * @example
 * ```ts
 * const { payload } = await verifyJws(jws, issuerPublicJwk);
 * const problems = checkJwtClaims(credentialFromJwtPayload(payload), payload);
 * ```
 */
export async function verifyJws(jws: string, publicJwk: JsonWebKey, options: VerifyJwsOptions = {}): Promise<DecodedJws> {
  // Only the (small) header is read before the signature is checked; the payload is parsed once, after.
  const [headerPart] = splitJws(jws, options.maxLength ?? DEFAULT_MAX_JWS_LENGTH);
  const header = decodeJsonSegment(headerPart, 'header');
  const alg = header.alg;
  const allowed = ALLOWED_JWS_ALGORITHMS.filter((a) => !options.algorithms || options.algorithms.includes(a));
  if (typeof alg !== 'string' || !allowed.includes(alg)) {
    throw new ColError('alg-forbidden', `The signature algorithm "${String(alg)}" is not accepted (accepted: ${allowed.join(', ')}).`, {
      details: { alg: typeof alg === 'string' ? alg : null },
    });
  }
  if (header.jwk !== undefined && (typeof header.jwk !== 'object' || header.jwk === null || hasPrivateMembers(header.jwk))) {
    throw new ColError('jws-malformed', 'The signed badge\'s header carries a private key (or an invalid "jwk"); it is refused.');
  }
  if (!keyFitsAlgorithm(publicJwk, alg)) {
    throw new ColError('alg-forbidden', `The signature algorithm "${alg}" does not fit the issuer's key type.`, { details: { alg } });
  }
  let key: CryptoKey | Uint8Array;
  try {
    key = await importJWK(toPublicJwk(publicJwk) as Parameters<typeof importJWK>[0], alg);
  } catch (cause) {
    if (isColError(cause)) throw cause;
    throw unsupportedCryptoError(cause, alg) ?? new ColError('key-unsupported', 'The issuer\'s key could not be read.', { cause });
  }
  let verifiedPayload: Uint8Array;
  try {
    ({ payload: verifiedPayload } = await compactVerify(jws.trim(), key, { algorithms: [alg] }));
  } catch (cause) {
    if (cause instanceof errors.JWSSignatureVerificationFailed) {
      throw new ColError('signature-invalid', 'The signature does not match: the badge was changed after signing, or signed with another key.', { cause });
    }
    throw new ColError('jws-malformed', 'The signed badge could not be checked (its signature part is malformed or uses unsupported features).', { cause });
  }
  return { header, payload: decodeJsonSegment(verifiedPayload, 'content') };
}
