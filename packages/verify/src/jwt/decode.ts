// Compact JWS parsing without verification.
import { ColError } from '@citiesoflearning/core';
import { fromBase64Url, fromUtf8, isObject } from '../internal/bytes.js';

/**
 * Default upper bound on a compact JWS, in characters (≈ bytes: the serialization is ASCII).
 *
 * @example
 * ```ts
 * if (text.length > DEFAULT_MAX_JWS_LENGTH) reject();
 * ```
 */
export const DEFAULT_MAX_JWS_LENGTH = 2 * 1024 * 1024;

/**
 * A decoded (not verified) compact JWS.
 *
 * @example
 * ```ts
 * const { header, payload }: DecodedJws = decodeJws(jws);
 * ```
 */
export interface DecodedJws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

function malformed(message: string, cause?: unknown): ColError {
  return new ColError('jws-malformed', message, cause === undefined ? {} : { cause });
}

/** @internal Parses one base64url JSON segment (header or payload) of a JWS. */
export function decodeJsonSegment(segment: string | Uint8Array, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(typeof segment === 'string' ? fromBase64Url(segment) : segment));
  } catch (cause) {
    throw malformed(`The signed badge's ${what} is not base64url-encoded JSON.`, cause);
  }
  if (!isObject(value)) throw malformed(`The signed badge's ${what} is not a JSON object.`);
  return value;
}

/** @internal Splits and size-checks a compact JWS. */
export function splitJws(jws: string, maxLength = DEFAULT_MAX_JWS_LENGTH): [string, string, string] {
  if (typeof jws !== 'string') throw malformed('A signed badge (compact JWS) must be text.');
  if (jws.length > maxLength) {
    throw new ColError('jws-too-large', `The signed badge is too large (${jws.length} characters; the limit is ${maxLength}).`);
  }
  const parts = jws.trim().split('.');
  if (parts.length !== 3 || parts.some((p, i) => i !== 2 && p.length === 0)) {
    throw malformed('This is not a compact JWS (expected three dot-separated parts).');
  }
  return parts as [string, string, string];
}

/**
 * Decodes a compact JWS (a VC-JWT or an OB 2.0 signed assertion) WITHOUT verifying it — to look
 * at `alg`, `kid` or the issuer before choosing a key. Never trust what it returns.
 *
 * @throws ColError `jws-malformed` (not three parts, not base64url JSON objects) or `jws-too-large`.
 * @example
 * ```ts
 * const { header, payload } = decodeJws(jws);
 * const kid = header.kid; // then resolve the key and call verifyJws
 * ```
 */
export function decodeJws(jws: string, options: { maxLength?: number } = {}): DecodedJws {
  const [header, payload] = splitJws(jws, options.maxLength);
  return { header: decodeJsonSegment(header, 'header'), payload: decodeJsonSegment(payload, 'content') };
}
