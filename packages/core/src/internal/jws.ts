/**
 * Reading (never verifying) a compact JWS: split, base64url-decode, parse header and payload.
 * Verification is @citiesoflearning/verify's job; this only tells what the JWS claims to be.
 */
import { ColError } from '../errors.js';
import { parseJson, type ParseJsonOptions } from '../json.js';
import { base64urlDecode } from './base64url.js';
import { isRecord } from './guards.js';
import { utf8Decode } from './utf8.js';

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

/** Whether `text` has the shape of a compact JWS (three base64url parts). */
export function isCompactJws(text: string): boolean {
  return COMPACT_JWS.test(text);
}

/**
 * Whether `text` was probably meant as a compact JWS even if it is malformed: no spaces, two
 * dots, and a first part starting like base64url of `{"` (`eyJ`). Lets us say "this JWS is
 * broken" rather than "this is not a badge".
 */
export function looksLikeJwsAttempt(text: string): boolean {
  return text.startsWith('eyJ') && !/\s/.test(text) && text.split('.').length === 3;
}

/** A decoded, unverified compact JWS. */
export interface DecodedJws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

function malformed(what: string): ColError {
  return new ColError('jws-malformed', `This signed badge (JWS) is damaged: ${what}.`);
}

function decodePart(part: string, name: 'header' | 'payload', options: ParseJsonOptions): Record<string, unknown> {
  const bytes = base64urlDecode(part);
  if (!bytes) throw malformed(`its ${name} is not valid base64url`);
  const text = utf8Decode(bytes);
  if (text === undefined) throw malformed(`its ${name} is not UTF-8 text`);
  let value: unknown;
  try {
    value = parseJson(text, options);
  } catch (error) {
    if (error instanceof ColError && error.code === 'json-invalid') throw malformed(`its ${name} is not JSON`);
    throw error;
  }
  if (!isRecord(value)) throw malformed(`its ${name} is not a JSON object`);
  return value;
}

/** Decode a compact JWS without verifying it. Throws ColError `jws-malformed`. */
export function decodeCompactJws(jws: string, options: ParseJsonOptions = {}): DecodedJws {
  const parts = jws.split('.');
  if (parts.length !== 3) throw malformed('a compact JWS has exactly three parts separated by dots');
  const [headerPart, payloadPart] = parts as [string, string, string];
  if (payloadPart.length === 0) throw malformed('its payload is missing (detached payloads are not supported)');
  return { header: decodePart(headerPart, 'header', options), payload: decodePart(payloadPart, 'payload', options) };
}
