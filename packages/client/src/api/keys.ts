import { ColError } from '@citiesoflearning/core';

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
  const key = lastSegment(keyOrId);
  if (key === undefined || key === '' || key === '.' || key === '..') {
    throw new ColError('key-invalid', `"${keyOrId}" is not a key or an id URL.`);
  }
  return encodeURIComponent(key);
}

/** The last path or DID segment, decoded; undefined when the URL or its escapes are malformed. */
function lastSegment(keyOrId: string): string | undefined {
  let segments: string[];
  if (/^https?:\/\//i.test(keyOrId)) {
    if (!URL.canParse(keyOrId)) return undefined;
    segments = new URL(keyOrId).pathname.split('/').filter(Boolean);
  } else if (/^did:web:/i.test(keyOrId)) {
    segments = keyOrId.split('#')[0]!.split(':');
  } else {
    return keyOrId;
  }
  try {
    return decodeURIComponent(segments[segments.length - 1] ?? '');
  } catch {
    return undefined; // a malformed %-escape (URIError): not a key we could have handed out
  }
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
