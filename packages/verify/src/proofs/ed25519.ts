// Raw Ed25519 signing and verification through WebCrypto (Node ≥ 20 and current browsers).
import { ColError } from '@citiesoflearning/core';
import { asBuffer, subtle, unsupportedCryptoError } from '../internal/bytes.js';
import { signatureBackend } from '../internal/signature-backend.js';
import { BoundedCache } from '../internal/bounded-cache.js';
import { isRecord } from '../internal/guards.js';

function assertEd25519(jwk: JsonWebKey, needPrivate: boolean): void {
  if (!isRecord(jwk) || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new ColError('key-unsupported', 'This proof type needs an Ed25519 key (JWK kty "OKP", crv "Ed25519").');
  }
  if (needPrivate && typeof jwk.d !== 'string') {
    throw new ColError('key-unsupported', 'Signing needs the private key (the JWK has no "d").');
  }
}

async function importKey(jwk: JsonWebKey, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  const material: JsonWebKey = usage === 'sign'
    ? { kty: 'OKP', crv: 'Ed25519', x: jwk.x!, d: jwk.d! }
    : { kty: 'OKP', crv: 'Ed25519', x: jwk.x! };
  try {
    return await subtle().importKey('jwk', material, { name: 'Ed25519' }, false, [usage]);
  } catch (cause) {
    throw unsupportedCryptoError(cause, 'Ed25519') ?? new ColError('key-unsupported', 'The Ed25519 key could not be read (bad "x" or "d").', { cause });
  }
}

/** Ed25519 signature (64 bytes) of `message`. */
export async function ed25519Sign(privateJwk: JsonWebKey, message: Uint8Array): Promise<Uint8Array> {
  assertEd25519(privateJwk, true);
  const fast = signatureBackend()?.signEd25519(privateJwk, message);
  if (fast) return fast;
  const key = await importKey(privateJwk, 'sign');
  return new Uint8Array(await subtle().sign({ name: 'Ed25519' }, key, asBuffer(message)));
}

// Importing a key costs about as much as verifying with it, and a verifier sees the same few
// issuer keys again and again: keep the last few public keys (never private ones) imported.
const verifyKeys = new BoundedCache<string, Promise<CryptoKey>>(64);

function cachedVerifyKey(publicJwk: JsonWebKey): Promise<CryptoKey> {
  const x = publicJwk.x!;
  let key = verifyKeys.get(x);
  if (!key) {
    key = verifyKeys.set(x, importKey(publicJwk, 'verify'));
    key.catch(() => verifyKeys.delete(x)); // a failed import is not remembered
  }
  return key;
}

/** Whether `signature` is a valid Ed25519 signature of `message` under `publicJwk`. */
export async function ed25519Verify(publicJwk: JsonWebKey, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  assertEd25519(publicJwk, false);
  const fast = signatureBackend()?.verify('EdDSA', publicJwk, message, signature);
  if (fast !== undefined) return fast;
  const key = await cachedVerifyKey(publicJwk);
  return subtle().verify({ name: 'Ed25519' }, key, asBuffer(signature), asBuffer(message));
}
