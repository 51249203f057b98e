// Importing Ed25519 private keys given as a 32-byte seed or as a Multikey `privateKeyMultibase`
// (`z3u2…`: multicodec ed25519-priv 0x8026), as found in test vectors and other wallets' exports.
import { ColError } from '@citiesoflearning/core';
import { base58 } from '@scure/base';
import { asBuffer, concatBytes, subtle } from '../internal/bytes.js';

// DER prefix of a PKCS #8 Ed25519 private key (RFC 8410): the 32-byte seed follows.
const PKCS8_ED25519_PREFIX = new Uint8Array([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);
const ED25519_PRIVATE_MULTICODEC = [0x80, 0x26] as const;

/**
 * The private JWK (`{ kty, crv, x, d }`) of an Ed25519 key given by its 32-byte seed; the public
 * part is derived by WebCrypto.
 *
 * @throws ColError `key-unsupported` when the seed is not 32 bytes.
 * @example
 * ```ts
 * const privateJwk = await ed25519SeedToJwk(seedBytes);
 * ```
 */
export async function ed25519SeedToJwk(seed: Uint8Array): Promise<JsonWebKey> {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) {
    throw new ColError('key-unsupported', 'An Ed25519 private key seed has exactly 32 bytes.');
  }
  const key = await subtle().importKey('pkcs8', asBuffer(concatBytes(PKCS8_ED25519_PREFIX, seed)), { name: 'Ed25519' }, true, ['sign']);
  const jwk = await subtle().exportKey('jwk', key);
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x!, d: jwk.d! };
}

/**
 * The private JWK of an Ed25519 Multikey `privateKeyMultibase` (`z3u2…`).
 *
 * @throws ColError `key-multibase-invalid` for bad base58, another prefix or a wrong length.
 * @example
 * ```ts
 * const privateJwk = await privateMultibaseToJwk('z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq');
 * ```
 */
export async function privateMultibaseToJwk(privateKeyMultibase: string): Promise<JsonWebKey> {
  if (typeof privateKeyMultibase !== 'string' || !privateKeyMultibase.startsWith('z') || privateKeyMultibase.length > 128) {
    throw new ColError('key-multibase-invalid', 'The private key is not a base58btc Multikey value ("z…").');
  }
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(privateKeyMultibase.slice(1));
  } catch (cause) {
    throw new ColError('key-multibase-invalid', 'The private key is not valid base58btc text.', { cause });
  }
  if (bytes[0] !== ED25519_PRIVATE_MULTICODEC[0] || bytes[1] !== ED25519_PRIVATE_MULTICODEC[1] || bytes.length !== 34) {
    throw new ColError('key-multibase-invalid', 'The private key is not an Ed25519 Multikey (prefix 0x8026, 32 bytes).');
  }
  return ed25519SeedToJwk(bytes.slice(2));
}
