// JWK helpers: public/private separation and the mapping between key types and algorithms.
import { ColError } from '@citiesoflearning/core';
import { isRecord } from '../internal/guards.js';


// Members that only private (or secret) keys carry: RFC 7517/7518.
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;
// WebCrypto export metadata that would stop a public key from being imported for verification.
const EXPORT_METADATA = ['key_ops', 'ext'] as const;

/**
 * JOSE signature algorithms the SDK signs and verifies with.
 *
 * @example
 * ```ts
 * const alg: SignatureAlgorithm = algorithmForJwk(publicJwk); // 'EdDSA' for Ed25519
 * ```
 */
export type SignatureAlgorithm = 'EdDSA' | 'ES256' | 'RS256';

/**
 * Whether a JWK carries private (or symmetric secret) material.
 *
 * @example
 * ```ts
 * hasPrivateMembers({ kty: 'OKP', crv: 'Ed25519', x: '…', d: '…' }); // true
 * ```
 */
export function hasPrivateMembers(jwk: object): boolean {
  return PRIVATE_MEMBERS.some((member) => member in jwk);
}

/**
 * A copy of a JWK with every private member (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`, `k`) and
 * WebCrypto export metadata (`key_ops`, `ext`) removed: the form that is safe to publish.
 *
 * @throws ColError `key-unsupported` for symmetric (`oct`) keys, which have no public part.
 * @example
 * ```ts
 * const { privateJwk } = await generateKeyPair();
 * const jwk = publicJwk(privateJwk); // { kty: 'OKP', crv: 'Ed25519', x: '…' }
 * ```
 */
export function publicJwk(jwk: JsonWebKey): JsonWebKey {
  if (!isRecord(jwk) || typeof jwk.kty !== 'string') {
    throw new ColError('key-unsupported', 'This is not a JSON Web Key (it has no "kty").');
  }
  if (jwk.kty === 'oct') {
    throw new ColError('key-unsupported', 'A shared-secret (oct) key has no public part and cannot sign credentials.');
  }
  const copy: Record<string, unknown> = { ...jwk };
  for (const member of [...PRIVATE_MEMBERS, ...EXPORT_METADATA]) delete copy[member];
  return copy as JsonWebKey;
}

/**
 * The one signature algorithm a key is used with: Ed25519 → `EdDSA`, P-256 → `ES256`,
 * RSA → `RS256`.
 *
 * @throws ColError `key-unsupported` for any other key.
 * @example
 * ```ts
 * algorithmForJwk({ kty: 'EC', crv: 'P-256', x: '…', y: '…' }); // 'ES256'
 * ```
 */
export function algorithmForJwk(jwk: JsonWebKey): SignatureAlgorithm {
  if (isRecord(jwk)) {
    if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA';
    if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256';
    if (jwk.kty === 'RSA') return 'RS256';
  }
  throw new ColError('key-unsupported', 'Unsupported key: use Ed25519, P-256 or RSA.');
}

/**
 * Whether a JWS algorithm fits a key's type (so the algorithm is never chosen from the key, and
 * a key is never used with an algorithm of another family).
 *
 * @example
 * ```ts
 * keyFitsAlgorithm({ kty: 'RSA', n: '…', e: 'AQAB' }, 'ES256'); // false
 * ```
 */
export function keyFitsAlgorithm(jwk: JsonWebKey, alg: string): boolean {
  try {
    return algorithmForJwk(jwk) === alg;
  } catch {
    return false;
  }
}
