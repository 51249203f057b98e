// Compact JWS parsing without verification: core's one hardened decoder (depth limit,
// prototype-key stripping), behind the length limit a verifier applies before reading anything.
import { ColError, decodeCompactJws, decodeJwsPart, splitCompactJws, type DecodedJws } from '@citiesoflearning/core';

export type { DecodedJws };

/**
 * Default upper bound on a compact JWS, in characters (≈ bytes: the serialization is ASCII).
 *
 * @example
 * ```ts
 * if (text.length > DEFAULT_MAX_JWS_LENGTH) reject();
 * ```
 */
export const DEFAULT_MAX_JWS_LENGTH = 2 * 1024 * 1024;

/** @internal Parses one base64url JSON part (header or payload) of a JWS with core's limits. */
export function decodeJsonSegment(segment: string, what: 'header' | 'payload', maxLength = DEFAULT_MAX_JWS_LENGTH): Record<string, unknown> {
  return decodeJwsPart(segment, what, { maxBytes: maxLength });
}

/** @internal Size-checks, then splits a compact JWS. */
export function splitJws(jws: string, maxLength = DEFAULT_MAX_JWS_LENGTH): [string, string, string] {
  if (typeof jws !== 'string') throw new ColError('jws-malformed', 'A signed badge (compact JWS) must be text.');
  if (jws.length > maxLength) {
    throw new ColError('jws-too-large', `The signed badge is too large (${jws.length} characters; the limit is ${maxLength}).`);
  }
  return splitCompactJws(jws.trim());
}

/**
 * Decodes a compact JWS (a VC-JWT or an OB 2.0 signed assertion) WITHOUT verifying it — to look
 * at `alg`, `kid` or the issuer before choosing a key. Never trust what it returns. The parts
 * are read by core's {@link decodeCompactJws} (JSON depth limit, `__proto__`-style keys dropped).
 *
 * @throws ColError `jws-malformed` (not three parts, not base64url JSON objects), `jws-too-large`,
 *   or `json-too-deep`.
 * @example
 * ```ts
 * const { header, payload } = decodeJws(jws);
 * const kid = header.kid; // then resolve the key and call verifyJws
 * ```
 */
export function decodeJws(jws: string, options: { maxLength?: number } = {}): DecodedJws {
  const maxLength = options.maxLength ?? DEFAULT_MAX_JWS_LENGTH;
  splitJws(jws, maxLength);
  return decodeCompactJws(jws.trim(), { maxBytes: maxLength });
}
