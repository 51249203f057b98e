// Compact JWS verification with a fixed algorithm allow-list (RS256, ES256, EdDSA).
import { ColError, isColError } from '@citiesoflearning/core';
import { importJWK } from 'jose';
import { asBuffer, fromBase64Url, subtle, unsupportedCryptoError, utf8 } from '../internal/bytes.js';
import { BoundedCache } from '../internal/bounded-cache.js';
import { signatureBackend } from '../internal/signature-backend.js';
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
  const maxLength = options.maxLength ?? DEFAULT_MAX_JWS_LENGTH;
  const parts = splitJws(jws, maxLength);
  const header = decodeJsonSegment(parts[0], 'header', maxLength);
  await checkJwsSignature(parts, header, publicJwk, options.algorithms);
  return { header, payload: decodeJsonSegment(parts[1], 'payload', maxLength) };
}

/**
 * @internal The signature check of {@link verifyJws} on a JWS the caller has already split and
 * whose header it has already decoded (verify() decodes a VC-JWT once, not three times).
 *
 * @throws ColError `jws-malformed`, `alg-forbidden`, `signature-invalid`, `key-unsupported`,
 *   `crypto-unsupported`.
 * @example
 * ```ts
 * const parts = splitJws(jws);
 * await checkJwsSignature(parts, decodeJsonSegment(parts[0], 'header'), issuerJwk);
 * ```
 */
export async function checkJwsSignature(parts: readonly [string, string, string], header: Record<string, unknown>, publicJwk: JsonWebKey, algorithms?: string[]): Promise<void> {
  const alg = header.alg;
  const allowed = ALLOWED_JWS_ALGORITHMS.filter((a) => !algorithms || algorithms.includes(a));
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
  // JWS extensions: this verifier understands none, and RFC 7515 §4.1.11 says a header naming
  // a critical one it does not understand must be refused; an unencoded payload (RFC 7797,
  // `b64: false`) is not a credential format.
  if (header.crit !== undefined || (header.b64 !== undefined && header.b64 !== true)) {
    throw jwsMalformed(new Error('unsupported JWS extension'));
  }
  let signature: Uint8Array;
  try {
    signature = fromBase64Url(parts[2]);
  } catch (cause) {
    throw jwsMalformed(cause);
  }
  const signingInput = utf8(`${parts[0]}.${parts[1]}`);
  let valid = signatureBackend()?.verify(alg as 'EdDSA' | 'ES256' | 'RS256', toPublicJwk(publicJwk), signingInput, signature);
  if (valid === undefined) {
    const key = await importPublicKey(publicJwk, alg);
    try {
      valid = await subtle().verify(VERIFY_PARAMS[alg]!, key, asBuffer(signature), asBuffer(signingInput));
    } catch (cause) {
      throw unsupportedCryptoError(cause, alg) ?? jwsMalformed(cause);
    }
  }
  if (!valid) throw signatureInvalid();
}

// WebCrypto parameters of each allowed JWS algorithm (RFC 7518 §3).
const VERIFY_PARAMS: Readonly<Record<string, AlgorithmIdentifier | EcdsaParams>> = {
  EdDSA: { name: 'Ed25519' },
  ES256: { name: 'ECDSA', hash: 'SHA-256' },
  RS256: { name: 'RSASSA-PKCS1-v1_5' },
};

function signatureInvalid(): ColError {
  return new ColError('signature-invalid', 'The signature does not match: the badge was changed after signing, or signed with another key.');
}
function jwsMalformed(cause: unknown): ColError {
  return new ColError('jws-malformed', 'The signed badge could not be checked (its signature part is malformed or uses unsupported features).', { cause });
}

// Imported public keys by algorithm and key material: an issuer's key is imported once, not
// on every credential. Bounded, so distinct keys from an attacker cannot grow it without end.
const importedKeys = new BoundedCache<string, CryptoKey>(128);

async function importPublicKey(publicJwk: JsonWebKey, alg: string): Promise<CryptoKey> {
  const jwk = toPublicJwk(publicJwk);
  const id = JSON.stringify([alg, jwk.kty, jwk.crv, jwk.x, jwk.y, jwk.n, jwk.e]);
  const cached = importedKeys.get(id);
  if (cached) return cached;
  try {
    return importedKeys.set(id, (await importJWK(jwk as Parameters<typeof importJWK>[0], alg)) as CryptoKey);
  } catch (cause) {
    if (isColError(cause)) throw cause;
    throw unsupportedCryptoError(cause, alg) ?? new ColError('key-unsupported', 'The issuer\'s key could not be read.', { cause });
  }
}
