// Multikey / did:key encodings of Ed25519 public keys: `z` + base58btc(0xed 0x01 ‖ 32-byte key).
import { ColError } from '@citiesoflearning/core';
import { base58 } from '@scure/base';
import { fromBase64Url, toBase64Url } from '../internal/bytes.js';
import { BoundedCache } from '../internal/bounded-cache.js';
import { isRecord } from '../internal/guards.js';

const ED25519_MULTICODEC = [0xed, 0x01] as const;
const ED25519_KEY_LENGTH = 32;
// A z6Mk… string is 48 characters; anything far longer is not a key and is not decoded.
const MAX_MULTIBASE_LENGTH = 128;

function invalid(message: string, cause?: unknown): ColError {
  return new ColError('key-multibase-invalid', message, cause === undefined ? {} : { cause });
}

/**
 * Raw 32-byte Ed25519 public key from a Multikey `publicKeyMultibase` (`z6Mk…`).
 *
 * @throws ColError `key-multibase-invalid` when the value is not base58btc, does not carry the
 *   Ed25519 multicodec prefix, or does not hold exactly 32 key bytes.
 * @example
 * ```ts
 * const raw = multibaseToRawEd25519('z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2'); // 32 bytes
 * ```
 */
export function multibaseToRawEd25519(publicKeyMultibase: string): Uint8Array {
  if (typeof publicKeyMultibase !== 'string' || publicKeyMultibase.length > MAX_MULTIBASE_LENGTH) {
    throw invalid('The key is not a Multikey value (expected a short text starting with "z6Mk").');
  }
  if (!publicKeyMultibase.startsWith('z')) {
    throw invalid('The key uses an unsupported multibase encoding (only base58btc, "z…", is accepted).');
  }
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(publicKeyMultibase.slice(1));
  } catch (cause) {
    throw invalid('The key is not valid base58btc text.', cause);
  }
  if (bytes[0] !== ED25519_MULTICODEC[0] || bytes[1] !== ED25519_MULTICODEC[1]) {
    throw invalid('The key is not an Ed25519 Multikey (its type prefix is not 0xed01).');
  }
  if (bytes.length !== ED25519_MULTICODEC.length + ED25519_KEY_LENGTH) {
    throw invalid(`The Ed25519 key has the wrong length (${bytes.length - 2} bytes instead of 32).`);
  }
  return bytes.slice(ED25519_MULTICODEC.length);
}

/**
 * Multikey `z6Mk…` form of a raw 32-byte Ed25519 public key.
 *
 * @example
 * ```ts
 * rawEd25519ToMultibase(new Uint8Array(32)); // 'z6Mk…'
 * ```
 */
export function rawEd25519ToMultibase(raw: Uint8Array): string {
  if (!(raw instanceof Uint8Array) || raw.length !== ED25519_KEY_LENGTH) {
    throw invalid('An Ed25519 public key has exactly 32 bytes.');
  }
  const prefixed = new Uint8Array(2 + ED25519_KEY_LENGTH);
  prefixed.set(ED25519_MULTICODEC, 0);
  prefixed.set(raw, 2);
  return 'z' + base58.encode(prefixed);
}

/**
 * Converts an Ed25519 Multikey `publicKeyMultibase` (`z6Mk…`) to a public JWK
 * (`{ kty: 'OKP', crv: 'Ed25519', x }`).
 *
 * @throws ColError `key-multibase-invalid` for bad base58, another key type's prefix, or a wrong length.
 * @example
 * ```ts
 * const jwk = multibaseToJwk('z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2');
 * // { kty: 'OKP', crv: 'Ed25519', x: '…' }
 * ```
 */
export function multibaseToJwk(publicKeyMultibase: string): JsonWebKey {
  // The same issuer's did:key comes back on every credential: base58-decode it once.
  const x = decodedKeys.get(publicKeyMultibase) ?? decodedKeys.set(publicKeyMultibase, toBase64Url(multibaseToRawEd25519(publicKeyMultibase)));
  return { kty: 'OKP', crv: 'Ed25519', x };
}
// Multikey value → JWK `x`; only valid keys are stored (a bad one throws before `set`).
const decodedKeys = new BoundedCache<string, string>(256);

/**
 * Converts an Ed25519 JWK (public or private — only `x` is used) to its Multikey form `z6Mk…`.
 *
 * @throws ColError `key-unsupported` when the JWK is not an Ed25519 OKP key.
 * @example
 * ```ts
 * const { publicJwk } = await generateKeyPair();
 * const multibase = jwkToMultibase(publicJwk); // 'z6Mk…'
 * ```
 */
export function jwkToMultibase(jwk: JsonWebKey): string {
  if (!isRecord(jwk) || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new ColError('key-unsupported', 'Only Ed25519 keys (JWK kty "OKP", crv "Ed25519") have a Multikey form here.');
  }
  let raw: Uint8Array;
  try {
    raw = fromBase64Url(jwk.x);
  } catch (cause) {
    throw new ColError('key-unsupported', 'The JWK "x" member is not base64url.', { cause });
  }
  return rawEd25519ToMultibase(raw);
}

/**
 * The public JWK named by a `did:key` DID or verification method (`did:key:z6Mk…` or
 * `did:key:z6Mk…#z6Mk…`). Only Ed25519 did:keys are supported.
 *
 * @throws ColError `did-key-invalid` when it is not a did:key, or the fragment names another key;
 *   `key-multibase-invalid` when the key part is not an Ed25519 Multikey.
 * @example
 * ```ts
 * const jwk = didKeyToJwk('did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2');
 * ```
 */
export function didKeyToJwk(didOrVerificationMethod: string): JsonWebKey {
  if (typeof didOrVerificationMethod !== 'string' || !didOrVerificationMethod.startsWith('did:key:')) {
    throw new ColError('did-key-invalid', 'This is not a did:key identifier.');
  }
  const [did, fragment, ...rest] = didOrVerificationMethod.split('#');
  const key = did!.slice('did:key:'.length);
  if (rest.length > 0 || (fragment !== undefined && fragment !== key)) {
    throw new ColError('did-key-invalid', 'The did:key verification method does not name the key of its own DID.');
  }
  return multibaseToJwk(key);
}

/**
 * `did:key` DID and verification-method id for an Ed25519 public key.
 *
 * @example
 * ```ts
 * const { did, verificationMethod } = jwkToDidKey(publicJwk);
 * // did:key:z6Mk…, did:key:z6Mk…#z6Mk…
 * ```
 */
export function jwkToDidKey(jwk: JsonWebKey): { did: string; verificationMethod: string; publicKeyMultibase: string } {
  const publicKeyMultibase = jwkToMultibase(jwk);
  const did = `did:key:${publicKeyMultibase}`;
  return { did, verificationMethod: `${did}#${publicKeyMultibase}`, publicKeyMultibase };
}
