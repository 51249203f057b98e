// PEM (SPKI) form of public keys: Open Badges 2.0 CryptographicKey documents publish `publicKeyPem`.
import { ColError } from '@citiesoflearning/core';
import { base64 } from '@scure/base';
import { subtle } from '../internal/bytes.js';
import { algorithmForJwk, publicJwk } from './jwk.js';

const IMPORT_PARAMS = {
  EdDSA: { name: 'Ed25519' },
  ES256: { name: 'ECDSA', namedCurve: 'P-256' },
  RS256: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
} as const;

/**
 * The `-----BEGIN PUBLIC KEY-----` (SPKI) PEM text of a public key (Ed25519, P-256 or RSA), e.g.
 * for an Open Badges 2.0 `CryptographicKey.publicKeyPem`. Private members are ignored.
 *
 * @throws ColError `key-unsupported`.
 * @example
 * ```ts
 * const keys = await generateKeyPair('RSA');
 * const key = { '@context': 'https://w3id.org/openbadges/v2', type: 'CryptographicKey', id: keyUrl, owner: issuerUrl,
 *   publicKeyPem: await publicJwkToPem(keys.publicJwk) };
 * ```
 */
export async function publicJwkToPem(jwk: JsonWebKey): Promise<string> {
  const alg = algorithmForJwk(jwk);
  let der: ArrayBuffer;
  try {
    const key = await subtle().importKey('jwk', publicJwk(jwk), IMPORT_PARAMS[alg], true, ['verify']);
    der = await subtle().exportKey('spki', key);
  } catch (cause) {
    throw new ColError('key-unsupported', 'The public key could not be read.', { cause });
  }
  const lines = base64.encode(new Uint8Array(der)).match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}
