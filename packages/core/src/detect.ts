import { DEFAULT_MAX_IMAGE_BYTES, unbake } from './baking/index.js';
import { ColError } from './errors.js';
import { isRecord, hasString, many, own } from './internal/guards.js';
import { decodeCompactJws, isCompactJws, looksLikeJwsAttempt, type DecodedJws } from './jws.js';
import { httpUrl } from './internal/url.js';
import { utf8Decode, utf8Encode, utf8Exceeds } from './internal/utf8.js';
import { tooLarge } from './internal/size.js';
import { DEFAULT_MAX_JSON_BYTES, DEFAULT_MAX_JSON_DEPTH, parseJson } from './json.js';
import type { BadgeFormat } from './types/common.js';
import { OB2_CONTEXT } from './types/ob2.js';

/**
 * What an input physically is.
 *
 * @example
 * ```ts
 * const kind: InputKind = detect(file).kind; // 'png'
 * ```
 */
export type InputKind = 'url' | 'json' | 'jws' | 'png' | 'svg';

/**
 * What {@link detect} found in an input. Nothing here is verified.
 *
 * @example
 * ```ts
 * const d: Detection = detect(' https://example.org/assertions/1 ');
 * // { kind: 'url', format: 'unknown', url: 'https://example.org/assertions/1' }
 * ```
 */
export interface Detection {
  /** What the input physically is. */
  kind: InputKind;
  /** Open Badges version, when known. */
  version?: 2 | 3;
  /** Verification format when knowable from the input alone (`unknown` for a bare URL). */
  format: BadgeFormat;
  /** For kind `url` (only http and https are accepted). */
  url?: string;
  /**
   * The parsed object (kind `json`, or the JSON baked into an image). For a VC 2.0
   * `EnvelopedVerifiableCredential` this is the envelope, and `jws`/`payload` hold the VC-JWT
   * it carries.
   */
  json?: Record<string, unknown>;
  /** The compact JWS (kind `jws`, or the JWS baked into an image). */
  jws?: string;
  /** The decoded (NOT verified) JWS payload; for VC 1.1 JWTs, the credential from the `vc` claim. */
  payload?: Record<string, unknown>;
  /**
   * The decoded (NOT verified) JWS as it is: header and whole payload (a VC 1.1 JWT's `vc`
   * claim and registered claims included). Set whenever `jws` is, so nobody decodes it twice.
   */
  decoded?: DecodedJws;
  /** Set when the input was a baked image. */
  image?: 'png' | 'svg';
  /** A hosted-assertion URL baked into a legacy image. */
  bakedUrl?: string;
}

/**
 * Limits for {@link detect}.
 *
 * @example
 * ```ts
 * detect(upload, { maxImageBytes: 5 * 1024 * 1024 });
 * ```
 */
export interface DetectOptions {
  /** Largest accepted text or JSON, in bytes. Default 5 MB (see {@link DEFAULT_MAX_JSON_BYTES}). */
  maxBytes?: number;
  /** Largest accepted PNG or SVG image, in bytes. Default: {@link unbake}'s limit (50 MiB). */
  maxImageBytes?: number;
  /** Deepest accepted JSON nesting. Default 100. */
  maxDepth?: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

interface Limits {
  maxBytes: number;
  maxImageBytes: number;
  maxDepth: number;
}

function unrecognized(why: string): ColError {
  return new ColError('input-unrecognized', `This doesn't look like an Open Badge: ${why}.`);
}

/**
 * Work out what a badge input is, without verifying anything and without any network: a
 * hosted-assertion URL, OB 2.0 or OB 3.0 JSON, a compact JWS (OB 2.0 signed or OB 3.0 VC-JWT),
 * or a baked PNG/SVG (whose embedded JSON, JWS or URL is detected in turn).
 *
 * OB 3.0 is recognised by `type` containing `VerifiableCredential`; a credential without
 * `OpenBadgeCredential`/`AchievementCredential` (e.g. an EndorsementCredential) is still
 * reported as version 3 so it can be verified — check its `type` if only badges are wanted.
 * `ob3-data-integrity` means an embedded `proof` is present; without one the format is `unknown`.
 * A VC 2.0 `EnvelopedVerifiableCredential` (`id: "data:application/vc+jwt,<jws>"`) is detected as
 * the VC-JWT it carries.
 *
 * Strings may have surrounding whitespace; JSON is parsed with {@link parseJson} (size and depth
 * limits, no prototype pollution). Throws {@link ColError}: `input-unrecognized`,
 * `input-too-large`, `json-invalid`, `json-too-deep`, `jws-malformed`, `image-not-baked`, or
 * an image error from {@link unbake}.
 *
 * @example
 * ```ts
 * import { detect } from '@citiesoflearning/core';
 * const d = detect(pasted);
 * if (d.kind === 'url') await fetchAndVerify(d.url);
 * else if (d.format === 'ob3-jwt') console.log(d.payload?.name);
 * ```
 */
export function detect(input: string | Uint8Array | ArrayBuffer | object, options: DetectOptions = {}): Detection {
  const limits: Limits = {
    maxBytes: options.maxBytes ?? DEFAULT_MAX_JSON_BYTES,
    maxImageBytes: options.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES,
    maxDepth: options.maxDepth ?? DEFAULT_MAX_JSON_DEPTH,
  };
  if (typeof input === 'string') return detectText(input, limits);
  if (input instanceof Uint8Array) return detectBytes(input, limits);
  if (input instanceof ArrayBuffer) return detectBytes(new Uint8Array(input), limits);
  if (ArrayBuffer.isView(input)) return unrecognized_('binary data of an unsupported kind');
  if (Array.isArray(input)) return unrecognized_('this is a list, not one badge');
  if (isRecord(input)) return { kind: 'json', ...classifyObject(input, limits) };
  return unrecognized_(input === null || input === undefined ? 'the input is empty' : `a ${typeof input} is not a badge`);
}

function unrecognized_(why: string): never {
  throw unrecognized(why);
}

function detectBytes(bytes: Uint8Array, limits: Limits): Detection {
  if (bytes.length === 0) return unrecognized_('the input is empty');
  // A damaged signature still goes to the PNG reader, which says what is wrong with it.
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b) || bytes[0] === 0x89 || (bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)) {
    if (bytes.length > limits.maxImageBytes) throw tooLarge(limits.maxImageBytes);
    return detectImage(bytes, limits);
  }
  // Markup may be an SVG image (image limit); anything else is JSON, JWS or a URL (text limit).
  const limit = startsWithMarkup(bytes) ? limits.maxImageBytes : limits.maxBytes;
  if (bytes.length > limit) throw tooLarge(limit);
  const text = utf8Decode(bytes);
  if (text === undefined) return unrecognized_('this is binary data, but not a PNG image');
  return detectText(text, limits, bytes);
}

/** Whether the first non-blank byte (within the first KB, after a BOM) is '<'. */
function startsWithMarkup(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const end = Math.min(bytes.length, 1024);
  while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x3c;
}

function detectText(raw: string, limits: Limits, bytes?: Uint8Array): Detection {
  // Refuse absurd strings before copying them (trim); each UTF-16 unit is at least one byte.
  if (raw.length > Math.max(limits.maxBytes, limits.maxImageBytes)) throw tooLarge(limits.maxBytes);
  const text = raw.replace(/^\uFEFF/, '').trim();
  if (text.length === 0) return unrecognized_('the input is empty');
  if (text.startsWith('<')) {
    if (!/<svg[\s>/]/i.test(text)) return unrecognized_('this is markup, but not an SVG image');
    const image = bytes ?? utf8Encode(raw);
    if (image.length > limits.maxImageBytes) throw tooLarge(limits.maxImageBytes);
    return detectImage(image, limits);
  }
  // Everything else is JSON, a JWS or a URL: none of them may be larger than maxBytes.
  if (utf8Exceeds(text, limits.maxBytes)) throw tooLarge(limits.maxBytes);
  return detectPayloadText(text, limits, true);
}

/** JSON, JWS or URL text (from the input or baked into an image). */
function detectPayloadText(text: string, limits: Limits, unquote: boolean): Detection {
  const first = text[0];
  if (first === '{' || first === '[' || first === '"') {
    const value = parseJson(text, limits);
    // A JSON string holding a JWS or URL (e.g. copied from an API response): look inside once.
    if (unquote && typeof value === 'string') return detectPayloadText(value.trim(), limits, false);
    if (Array.isArray(value)) return unrecognized_('this is a list, not one badge');
    if (!isRecord(value)) return unrecognized_('this JSON is not an object');
    return { kind: 'json', ...classifyObject(value, limits) };
  }
  // A compact JWS has no ':' so it is never a link: asked first, it skips the link tests.
  if (isCompactJws(text)) return detectJws(text, limits);
  const url = httpUrl(text);
  if (url !== undefined) return { kind: 'url', format: 'unknown', url };
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/\s/.test(text)) {
    return unrecognized_('only http and https links can point to a badge');
  }
  if (looksLikeJwsAttempt(text)) return detectJws(text, limits);
  return unrecognized_('it is not a link, JSON, a signed badge (JWS) or a baked image');
}

function detectJws(jws: string, limits: Limits): Detection {
  const decoded = decodeCompactJws(jws, limits);
  const { payload } = decoded;
  const vc = own(payload, 'vc');
  if (isRecord(vc)) return { kind: 'jws', version: 3, format: 'ob3-jwt', jws, payload: vc, decoded };
  if (hasString(own(payload, 'type'), 'VerifiableCredential')) {
    return { kind: 'jws', version: 3, format: 'ob3-jwt', jws, payload, decoded };
  }
  if (isOb2Assertion(payload)) return { kind: 'jws', version: 2, format: 'ob2-signed', jws, payload, decoded };
  return unrecognized_('this is a signed JWS, but what it carries is not a badge');
}

function isOb2Assertion(value: Record<string, unknown>): boolean {
  const type = own(value, 'type');
  if (hasString(type, 'Assertion')) return true;
  // A v2 context on something that is not a BadgeClass or Profile is treated as an assertion.
  return hasString(own(value, '@context'), OB2_CONTEXT) && !many(type).some((t) => t === 'BadgeClass' || t === 'Issuer' || t === 'Profile');
}

const ENVELOPED_JWT = /^data:application\/vc\+(?:ld\+)?jwt,([A-Za-z0-9_.-]+)$/;

function classifyObject(json: Record<string, unknown>, limits: Limits): Omit<Detection, 'kind'> {
  const type = own(json, 'type');
  if (hasString(type, 'EnvelopedVerifiableCredential')) {
    // VC 2.0 wraps a VC-JWT as `{ type: "EnvelopedVerifiableCredential", id: "data:application/vc+jwt,<jws>" }`.
    const id = own(json, 'id');
    const jws = typeof id === 'string' ? ENVELOPED_JWT.exec(id)?.[1] : undefined;
    if (!jws) return unrecognized_('this enveloped credential does not carry a VC-JWT in its id');
    const { kind: _kind, ...inner } = detectJws(jws, limits);
    return { ...inner, json };
  }
  if (hasString(type, 'VerifiableCredential')) {
    // A W3C credential without an OB type (an endorsement, a status-list test credential, an
    // older DCC credential) is still detected as version 3 so it can be verified; verify's schema
    // check and normalize report what is missing for it to be an Open Badge.
    const proof = own(json, 'proof');
    const hasProof = many(proof).some(isRecord);
    return { version: 3, format: hasProof ? 'ob3-data-integrity' : 'unknown', json };
  }
  if (isOb2Assertion(json)) {
    const verification = own(json, 'verification');
    const kind = isRecord(verification) ? own(verification, 'type') : undefined;
    const format: BadgeFormat =
      kind === 'hosted' || kind === 'HostedBadge' ? 'ob2-hosted' : kind === 'signed' || kind === 'SignedBadge' ? 'ob2-signed' : 'unknown';
    return { version: 2, format, json };
  }
  if (hasString(type, 'BadgeClass')) return unrecognized_('this describes a badge (a BadgeClass), not a badge awarded to someone');
  if (hasString(type, 'Issuer') || hasString(type, 'Profile')) return unrecognized_('this describes an issuer, not a badge');
  if (hasString(type, 'Achievement')) return unrecognized_('this describes an achievement, not a credential awarded to someone');
  return unrecognized_('this JSON is neither an Open Badges 2.0 assertion nor an Open Badges 3.0 credential');
}

function detectImage(bytes: Uint8Array, limits: Limits): Detection {
  const baked = unbake(bytes, { maxBytes: limits.maxImageBytes });
  if (!baked) throw new ColError('image-not-baked', 'This image has no badge baked into it.');
  const text = baked.text.trim();
  const found: Detection = { kind: baked.image, image: baked.image, version: baked.version, format: 'unknown' };
  const url = httpUrl(text);
  if (baked.legacyUrl || url !== undefined) {
    if (url === undefined) return unrecognized_('the image carries a link that is not http or https');
    return { ...found, bakedUrl: url };
  }
  let inner: Detection;
  try {
    inner = detectPayloadText(text, limits, false);
  } catch (error) {
    if (error instanceof ColError && error.code === 'input-unrecognized') {
      throw new ColError('input-unrecognized', `The image carries something that is not a badge. ${error.message}`, { cause: error });
    }
    throw error;
  }
  const { kind: _kind, ...rest } = inner;
  return { ...found, ...rest, kind: baked.image, image: baked.image };
}
