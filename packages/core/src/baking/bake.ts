/**
 * The public face of baking: detect the image type, then bake or unbake with the PNG or SVG
 * implementation.
 */
import { ColError } from '../errors.js';
import { prepareCredential } from './credential.js';
import { checkSize } from './limits.js';
import { PNG_KEYWORD_OB2, PNG_KEYWORD_OB3, bakePng, isPng, unbakePng } from './png.js';
import { bakeSvg, isSvg, unbakeSvg } from './svg.js';
import type { BakedBadge, ImageType } from './types.js';

/**
 * What kind of image `bytes` are: `'png'` (PNG signature), `'svg'` (text whose root element is
 * `<svg>`), or `undefined`.
 *
 * @example
 * ```ts
 * import { imageType } from '@citiesoflearning/core';
 * imageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"></svg>')); // 'svg'
 * ```
 */
export function imageType(bytes: Uint8Array): ImageType | undefined {
  if (isPng(bytes)) return 'png';
  if (isSvg(bytes)) return 'svg';
  return undefined;
}

/**
 * Options for {@link unbake}.
 *
 * @example
 * ```ts
 * import { unbake, type UnbakeOptions } from '@citiesoflearning/core';
 * const options: UnbakeOptions = { maxBytes: 10 * 1024 * 1024, verifyAllCrcs: true };
 * unbake(bytes, options);
 * ```
 */
export interface UnbakeOptions {
  /** Refuse larger images with `input-too-large` (default 50 MiB). */
  maxBytes?: number;
  /** PNG only: also verify the CRCs of pixel data chunks (default `false`: they are never read). */
  verifyAllCrcs?: boolean;
}

/** Whether the bytes look like a PNG whose signature was damaged (e.g. by a text-mode transfer). */
function looksLikeBrokenPng(bytes: Uint8Array): boolean {
  return bytes[0] === 0x89 || (bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47);
}

/** Whether the first non-blank character is `<` (after an optional UTF-8 BOM): text meant as XML. */
function looksLikeXml(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09) i++;
  return bytes[i] === 0x3c;
}

/**
 * Read the Open Badge baked into a PNG or SVG image. Returns `undefined` when the image is fine
 * but carries no badge.
 *
 * - PNG: the `iTXt` chunk `openbadges` (2.0) or `openbadgecredential` (3.0), anywhere in the
 *   file; else a legacy `tEXt` `openbadges` chunk (`legacyUrl: true` when it holds a URL).
 * - SVG: `<openbadges:assertion>` (2.0) or `<openbadges:credential>` (3.0).
 *
 * `text` is exactly what was baked (JSON, compact JWS or URL); pass it on to the verifier.
 *
 * @throws ColError for anything that is not a readable badge image: `input-too-large`,
 *   `image-unsupported` (neither PNG nor markup), `png-invalid`, `png-truncated`,
 *   `png-crc-mismatch`, `png-missing-iend`, `png-badge-compressed`, `svg-invalid`,
 *   `svg-entities-forbidden`, `badge-duplicate`, `badge-text-invalid`, `badge-empty`.
 * @example
 * ```ts
 * import { unbake } from '@citiesoflearning/core';
 * const badge = unbake(new Uint8Array(await file.arrayBuffer()));
 * if (!badge) show('This image does not contain a badge.');
 * else if (badge.legacyUrl) fetchAssertion(badge.text);
 * else verify(badge.text);
 * ```
 */
export function unbake(image: Uint8Array, options: UnbakeOptions = {}): BakedBadge | undefined {
  checkSize(image.length, options.maxBytes);
  if (isPng(image) || looksLikeBrokenPng(image)) return unbakePng(image, options);
  // Markup that is not recognisably SVG still goes to the SVG reader, which says why (`svg-invalid`, …).
  if (looksLikeXml(image)) return unbakeSvg(image, options);
  throw new ColError('image-unsupported', 'This file is not a PNG or SVG image, so it cannot hold a baked badge.');
}

/**
 * Options for {@link bake}.
 *
 * @example
 * ```ts
 * import { bake, type BakeOptions } from '@citiesoflearning/core';
 * const options: BakeOptions = { version: 3, onExisting: 'refuse' };
 * bake(bytes, credentialJson, options);
 * ```
 */
export interface BakeOptions {
  /** Open Badges version; inferred from the credential when absent. */
  version?: 2 | 3;
  /** When the image already carries a badge: `replace` it (default) or `refuse` (`already-baked`). */
  onExisting?: 'replace' | 'refuse';
  /** Refuse larger images with `input-too-large` (default 50 MiB). */
  maxBytes?: number;
}

/**
 * Bake a credential into a PNG or SVG image and return the new image (the input is not changed).
 *
 * `credential` is an OB 2.0 assertion or OB 3.0 credential (object or JSON text), or a compact
 * JWS. String input is trimmed and otherwise embedded exactly as given (signatures and
 * formatting survive); objects are written with `JSON.stringify`. Without `version`, it is OB 3.0
 * when the JSON (or the JWS payload) is a W3C Verifiable Credential by `type` or `@context`, or
 * the JWS payload has a `vc` claim; else OB 2.0.
 *
 * PNG: one uncompressed `iTXt` chunk (`openbadges` / `openbadgecredential`) right after `IHDR`.
 * SVG: the badge element right after `<svg …>`, and the SVG is sanitized (scripts, event
 * handlers, `javascript:` URLs and `<foreignObject>` removed).
 *
 * @throws ColError `credential-invalid`, `image-unsupported`, `already-baked` (with
 *   `onExisting: 'refuse'`), `option-invalid`, and the image errors listed for {@link unbake}.
 * @example
 * ```ts
 * import { bake, unbake } from '@citiesoflearning/core';
 * const baked = bake(pngBytes, credential);            // OB 3.0 credential object
 * unbake(baked)?.version;                              // 3
 * bake(baked, otherCredential, { onExisting: 'refuse' }); // throws ColError 'already-baked'
 * ```
 */
export function bake(image: Uint8Array, credential: string | object, options: BakeOptions = {}): Uint8Array {
  if (options.onExisting !== undefined && options.onExisting !== 'replace' && options.onExisting !== 'refuse') {
    throw new ColError('option-invalid', "onExisting must be 'replace' or 'refuse'.");
  }
  checkSize(image.length, options.maxBytes);
  const type = isPng(image) ? 'png' : looksLikeXml(image) ? 'svg' : undefined;
  if (type === undefined) {
    if (looksLikeBrokenPng(image)) throw new ColError('png-invalid', 'This is not a PNG file: its first 8 bytes are not the PNG signature.');
    throw new ColError('image-unsupported', 'Badges can be baked into PNG or SVG images only.');
  }
  const prepared = prepareCredential(credential, options.version);
  if (type === 'png') {
    const keyword = prepared.version === 2 ? PNG_KEYWORD_OB2 : PNG_KEYWORD_OB3;
    return bakePng(image, keyword, prepared.text, options);
  }
  return bakeSvg(image, prepared, options);
}
