/**
 * The short key of a resource from its key, its id URL (the last path segment) or, for an issuer,
 * its did:web DID (the last `:` segment, e.g. `did:web:badges.example.org:api:v1:issuers:museum`),
 * ready to put in a path. Lets every method accept any form.
 *
 * @example
 * ```ts
 * import { keyOf } from '@citiesoflearning/client';
 * keyOf('https://badges.example.org/api/v1/achievements/digital-1'); // 'digital-1'
 * keyOf('did:web:badges.example.org:api:v1:issuers:museum'); // 'museum'
 * keyOf('digital-1'); // 'digital-1'
 * ```
 */
export function keyOf(keyOrId: string): string {
  let key = keyOrId;
  if (/^https?:\/\//i.test(keyOrId)) {
    const segments = new URL(keyOrId).pathname.split('/').filter(Boolean);
    key = decodeURIComponent(segments[segments.length - 1] ?? '');
  } else if (/^did:web:/i.test(keyOrId)) {
    const segments = keyOrId.split('#')[0]!.split(':');
    key = decodeURIComponent(segments[segments.length - 1] ?? '');
  }
  if (key === '' || key === '.' || key === '..') throw new TypeError(`"${keyOrId}" is not a key or an id URL.`);
  return encodeURIComponent(key);
}

/**
 * A fresh random idempotency key (128 bits, base64url). Uses `getRandomValues`, which — unlike
 * `randomUUID` — also exists on pages not served over https.
 *
 * @example
 * ```ts
 * import { newIdempotencyKey } from '@citiesoflearning/client';
 * const key = newIdempotencyKey(); // keep it with the pending claim, reuse it on retry
 * ```
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
