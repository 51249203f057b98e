/**
 * Reading (never verifying) a compact JWS: split, base64url-decode, parse header and payload.
 * Verification is @citiesoflearning/verify's job; this only tells what the JWS claims to be.
 * This is the one decoder of the SDK: detect(), normalize() and verify's decodeJws() all read a
 * JWS through it, so each part gets parseJson's size and depth limits and prototype-key
 * stripping however it arrives.
 */
import { ColError } from './errors.js';
import { parseJson, type ParseJsonOptions } from './json.js';
import { base64urlDecode, base64urlDecodeText } from './internal/base64url.js';
import { isRecord } from './internal/guards.js';

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

/**
 * Whether `text` has the shape of a compact JWS (three base64url parts).
 *
 * @example
 * ```ts
 * isCompactJws('eyJhbGciOiJFZERTQSJ9.eyJ9.c2ln'); // true
 * ```
 */
export function isCompactJws(text: string): boolean {
  return COMPACT_JWS.test(text);
}

/**
 * Whether `text` was probably meant as a compact JWS even if it is malformed: no spaces, two
 * dots, and a first part starting like base64url of `{"` (`eyJ`). Lets us say "this JWS is
 * broken" rather than "this is not a badge".
 *
 * @example
 * ```ts
 * looksLikeJwsAttempt('eyJhbGciOiJFZERTQSJ9.!!!.sig'); // true
 * ```
 */
export function looksLikeJwsAttempt(text: string): boolean {
  return text.startsWith('eyJ') && !/\s/.test(text) && text.split('.').length === 3;
}

/**
 * A decoded, NOT verified, compact JWS: its protected header and its JSON payload.
 *
 * @example
 * ```ts
 * const { header, payload }: DecodedJws = decodeCompactJws(jws);
 * ```
 */
export interface DecodedJws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

function malformed(what: string, cause?: unknown): ColError {
  return new ColError('jws-malformed', `This signed badge (JWS) is damaged: ${what}.`, cause === undefined ? {} : { cause });
}

/**
 * Decode one base64url JSON part of a compact JWS (`'header'` or `'payload'`) with
 * {@link parseJson}'s limits. Lets a verifier read the small header, check the signature, and
 * only then parse a large payload.
 *
 * @throws ColError `jws-malformed` (not base64url, not UTF-8, not a JSON object), or
 *   `input-too-large` / `json-too-deep` from {@link parseJson}.
 * @example
 * ```ts
 * const header = decodeJwsPart(jws.split('.')[0]!, 'header');
 * if (header.alg === 'none') refuse();
 * ```
 */
export function decodeJwsPart(part: string, name: 'header' | 'payload', options: ParseJsonOptions = {}): Record<string, unknown> {
  const text = base64urlDecodeText(part);
  if (text === undefined) {
    // Only a failure decodes twice, to say which step went wrong.
    throw malformed(base64urlDecode(part) ? `its ${name} is not UTF-8 text` : `its ${name} is not valid base64url`);
  }
  let value: unknown;
  try {
    value = parseJson(text, options);
  } catch (error) {
    if (error instanceof ColError && error.code === 'json-invalid') throw malformed(`its ${name} is not JSON`, error);
    throw error;
  }
  if (!isRecord(value)) throw malformed(`its ${name} is not a JSON object`);
  return value;
}

/**
 * Split a compact JWS into its three parts, refusing anything but `header.payload.signature`
 * with a header and an attached payload.
 *
 * @throws ColError `jws-malformed`.
 * @example
 * ```ts
 * const [header, payload, signature] = splitCompactJws(jws);
 * ```
 */
export function splitCompactJws(jws: string): [string, string, string] {
  if (typeof jws !== 'string') throw malformed('a compact JWS is text');
  const parts = jws.split('.');
  if (parts.length !== 3) throw malformed('a compact JWS has exactly three parts separated by dots');
  const [headerPart, payloadPart] = parts as [string, string, string];
  if (headerPart.length === 0) throw malformed('its header is missing');
  if (payloadPart.length === 0) throw malformed('its payload is missing (detached payloads are not supported)');
  return parts as [string, string, string];
}

/**
 * Decode a compact JWS without verifying it — to see what it claims to be, or which key to
 * check it with. Each part is parsed with {@link parseJson} (`options` are its size and depth
 * limits; `__proto__`, `constructor` and `prototype` keys are dropped). Never trust what it
 * returns before the signature is checked.
 *
 * @throws ColError `jws-malformed`, or `input-too-large` / `json-too-deep` from {@link parseJson}.
 * @example
 * ```ts
 * import { decodeCompactJws } from '@citiesoflearning/core';
 * const { header, payload } = decodeCompactJws(jws);
 * console.log(header.kid, payload.iss);
 * ```
 */
export function decodeCompactJws(jws: string, options: ParseJsonOptions = {}): DecodedJws {
  const [headerPart, payloadPart] = splitCompactJws(jws);
  return { header: decodeJwsPart(headerPart, 'header', options), payload: decodeJwsPart(payloadPart, 'payload', options) };
}
