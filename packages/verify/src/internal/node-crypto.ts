// node:crypto implementation of the signature seam (Node entry only; see signature-backend.ts).
import { createPrivateKey, createPublicKey, sign, verify, type JsonWebKeyInput, type KeyObject } from 'node:crypto';
import { BoundedCache } from './bounded-cache.js';
import type { SignatureBackend } from './signature-backend.js';

// Parsed public keys by their material, so an issuer's key is read once. Private keys are
// never cached: the signing pool holds them only while it signs.
const publicKeys = new BoundedCache<string, KeyObject | null>(128);

function publicKey(jwk: JsonWebKey): KeyObject | undefined {
  const id = JSON.stringify([jwk.kty, jwk.crv, jwk.x, jwk.y, jwk.n, jwk.e]);
  const cached = publicKeys.get(id);
  if (cached !== undefined) return cached ?? undefined;
  let key: KeyObject | null;
  try {
    const { kty, crv, x, y, n, e } = jwk;
    key = createPublicKey({ key: { kty, crv, x, y, n, e }, format: 'jwk' } as JsonWebKeyInput);
  } catch {
    key = null; // WebCrypto will say what is wrong with it
  }
  return publicKeys.set(id, key) ?? undefined;
}

/**
 * Signature checks and Ed25519 signing with node:crypto, on the calling thread.
 *
 * @example
 * ```ts
 * installSignatureBackend(nodeCryptoBackend);
 * ```
 */
export const nodeCryptoBackend: SignatureBackend = {
  verify(alg, publicJwk, data, signature) {
    const key = publicKey(publicJwk);
    if (!key) return undefined;
    try {
      if (alg === 'EdDSA') return key.asymmetricKeyType === 'ed25519' ? verify(null, data, key, signature) : false;
      if (alg === 'ES256') return key.asymmetricKeyType === 'ec' ? verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature) : false;
      if (alg === 'RS256') return key.asymmetricKeyType === 'rsa' ? verify('sha256', data, key, signature) : false;
    } catch {
      return undefined;
    }
    return undefined;
  },
  signEd25519(privateJwk, data) {
    try {
      const key = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: privateJwk.x, d: privateJwk.d }, format: 'jwk' } as JsonWebKeyInput);
      return new Uint8Array(sign(null, data, key));
    } catch {
      return undefined;
    }
  },
};
