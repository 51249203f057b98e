// Key generation through WebCrypto, so the same call works in Node and in browsers.
import { ColError } from '@citiesoflearning/core';
import { subtle, unsupportedCryptoError } from '../internal/bytes.js';
import { publicJwk } from './jwk.js';
import { jwkToDidKey } from './multikey.js';
import type { KeyPair, KeyType } from './types.js';

/**
 * Generates a new signing key pair with WebCrypto. Ed25519 (the default) is what Open Badges 3.0
 * Data Integrity proofs (`eddsa-rdfc-2022`) and VC-JWT `EdDSA` use; P-256 suits `ES256` JWTs;
 * RSA (2048 bits) suits `RS256`, the algorithm Open Badges 2.0 signed assertions expect.
 * For Ed25519 the result also carries the Multikey and did:key forms.
 *
 * @example
 * ```ts
 * const keys = await generateKeyPair();
 * const signed = await signDataIntegrity(credential, {
 *   privateJwk: keys.privateJwk,
 *   verificationMethod: keys.verificationMethod!,
 * });
 * ```
 */
export async function generateKeyPair(type: KeyType = 'Ed25519'): Promise<KeyPair> {
  let algorithm: EcKeyGenParams | RsaHashedKeyGenParams | { name: 'Ed25519' };
  if (type === 'Ed25519') algorithm = { name: 'Ed25519' };
  else if (type === 'P-256') algorithm = { name: 'ECDSA', namedCurve: 'P-256' };
  else if (type === 'RSA') {
    algorithm = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
  } else throw new ColError('key-unsupported', `Unsupported key type "${String(type)}": use "Ed25519", "P-256" or "RSA".`);

  let pair: CryptoKeyPair;
  try {
    pair = (await subtle().generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  } catch (cause) {
    throw unsupportedCryptoError(cause, type) ?? cause;
  }
  const exported = await subtle().exportKey('jwk', pair.privateKey);
  const privateJwk: JsonWebKey = { ...exported };
  delete privateJwk.key_ops;
  delete privateJwk.ext;
  // WebCrypto export adds an `alg` ("Ed25519", "RS256"); the algorithm is chosen from the key type instead.
  delete privateJwk.alg;
  const result: KeyPair = { type, publicJwk: publicJwk(privateJwk), privateJwk };
  if (type === 'Ed25519') Object.assign(result, jwkToDidKey(result.publicJwk));
  return result;
}
