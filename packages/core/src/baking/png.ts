/**
 * PNG chunk reading and writing, and Open Badges baking in PNG (`iTXt` chunk).
 *
 * Every length read from the file is checked against the bytes that remain before it is used,
 * and chunk data are returned as views into the input, so a hostile length can never make us
 * allocate or read past the end.
 */
import { ColError } from '../errors.js';
import { crc32Update } from './crc32.js';
import { checkSize } from './limits.js';
import { isBareUrl, latin1, utf8, utf8Strict } from './text.js';
import type { BakedBadge } from './types.js';

/** The 8 bytes every PNG file starts with. */
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

// Chunk types as big-endian 32-bit numbers: comparing numbers beats building strings per chunk.
const IHDR = 0x49484452;
const IDAT = 0x49444154;
const IEND = 0x49454e44;
const ITXT = 0x69545874;
const TEXT = 0x74455874;
const ZTXT = 0x7a545874;
const FDAT = 0x66644154; // APNG frame data: pixels, like IDAT

/**
 * PNG `iTXt` keyword of an OB 2.0 baked assertion (and of legacy `tEXt` URL badges).
 *
 * @example
 * ```ts
 * import { readPngChunks, PNG_KEYWORD_OB2 } from '@citiesoflearning/core';
 * PNG_KEYWORD_OB2; // 'openbadges'
 * ```
 */
export const PNG_KEYWORD_OB2 = 'openbadges';
/**
 * PNG `iTXt` keyword of an OB 3.0 baked credential.
 *
 * @example
 * ```ts
 * import { PNG_KEYWORD_OB3 } from '@citiesoflearning/core';
 * PNG_KEYWORD_OB3; // 'openbadgecredential'
 * ```
 */
export const PNG_KEYWORD_OB3 = 'openbadgecredential';
const KEYWORD_OB2 = utf8(PNG_KEYWORD_OB2);
const KEYWORD_OB3 = utf8(PNG_KEYWORD_OB3);

/**
 * One chunk of a PNG file, as {@link readPngChunks} returns it.
 *
 * @example
 * ```ts
 * import { readPngChunks, type PngChunk } from '@citiesoflearning/core';
 * const ihdr: PngChunk = readPngChunks(bytes)[0]!; // { type: 'IHDR', data: Uint8Array(13), offset: 8 }
 * ```
 */
export interface PngChunk {
  /** Four-letter chunk type, e.g. `IHDR`, `iTXt`. */
  type: string;
  /** The chunk's data: a view into the input (not a copy), so do not modify it. */
  data: Uint8Array;
  /** Byte offset of the chunk (its length field) in the file. */
  offset: number;
}

/**
 * Options for reading PNG chunks.
 *
 * @example
 * ```ts
 * import { readPngChunks, type ReadPngOptions } from '@citiesoflearning/core';
 * const options: ReadPngOptions = { maxBytes: 5_000_000, verifyAllCrcs: false };
 * readPngChunks(bytes, options);
 * ```
 */
export interface ReadPngOptions {
  /** Refuse larger input with `input-too-large` (default 50 MiB). */
  maxBytes?: number;
  /**
   * Verify the CRC of every chunk, pixel data included (default `true` for
   * {@link readPngChunks}; `unbake` skips only `IDAT`/`fdAT`, whose data it never reads).
   */
  verifyAllCrcs?: boolean;
}

function u32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

function writeU32(out: Uint8Array, at: number, value: number): void {
  out[at] = value >>> 24;
  out[at + 1] = (value >>> 16) & 0xff;
  out[at + 2] = (value >>> 8) & 0xff;
  out[at + 3] = value & 0xff;
}

function typeName(code: number): string {
  return String.fromCharCode(code >>> 24, (code >>> 16) & 0xff, (code >>> 8) & 0xff, code & 0xff);
}

function isLetter(byte: number): boolean {
  return (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
}

/**
 * Whether `bytes` start with the PNG signature.
 *
 * @example
 * ```ts
 * import { isPng } from '@citiesoflearning/core';
 * isPng(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])); // true
 * ```
 */
export function isPng(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  for (let i = 0; i < 8; i++) if (bytes[i] !== SIGNATURE[i]) return false;
  return true;
}

/** Called for each chunk: type code, data range, and the offset of the chunk itself. */
type Visit = (type: number, start: number, end: number, offset: number) => void;

/**
 * Walk the chunks of a PNG from the signature to `IEND`, validating structure and CRCs.
 * Bytes after `IEND` are ignored (some tools append junk; it is not part of the image).
 */
function walkPng(png: Uint8Array, options: ReadPngOptions, visit: Visit): void {
  checkSize(png.length, options.maxBytes);
  if (!isPng(png)) {
    const prefixOk = png.length < 8 && png.every((b, i) => b === SIGNATURE[i]);
    if (prefixOk && png.length > 0) throw new ColError('png-truncated', 'The PNG file is cut off before its first chunk.');
    throw new ColError('png-invalid', 'This is not a PNG file: its first 8 bytes are not the PNG signature.');
  }
  const all = options.verifyAllCrcs ?? true;
  const total = png.length;
  let pos = 8;
  let first = true;
  for (;;) {
    if (pos === total) {
      throw new ColError('png-missing-iend', 'The PNG file ends without its IEND chunk: it was probably cut off.', {
        details: { offset: pos },
      });
    }
    if (total - pos < 12) {
      throw new ColError('png-truncated', 'The PNG file is cut off in the middle of a chunk.', { details: { offset: pos } });
    }
    const length = u32(png, pos);
    const type = u32(png, pos + 4);
    if (!isLetter(type >>> 24) || !isLetter((type >>> 16) & 0xff) || !isLetter((type >>> 8) & 0xff) || !isLetter(type & 0xff)) {
      throw new ColError('png-invalid', 'The PNG file is damaged: a chunk has an invalid type name.', { details: { offset: pos } });
    }
    if (length > 0x7fffffff) {
      throw new ColError('png-invalid', 'The PNG file is damaged: a chunk declares an impossible length.', {
        details: { offset: pos, type: typeName(type) },
      });
    }
    // Compare with what remains *before* using the length for anything.
    if (length > total - pos - 12) {
      throw new ColError('png-truncated', 'The PNG file is cut off: a chunk is longer than the bytes left in the file.', {
        details: { offset: pos, type: typeName(type), length, remaining: total - pos - 12 },
      });
    }
    if (first && type !== IHDR) {
      throw new ColError('png-invalid', 'The PNG file is damaged: it does not start with an IHDR chunk.', { details: { offset: pos } });
    }
    first = false;
    const start = pos + 8;
    const end = start + length;
    if (all || (type !== IDAT && type !== FDAT)) {
      const expected = u32(png, end);
      if (crc32Update(0, png, pos + 4, end) !== expected) {
        throw new ColError(
          'png-crc-mismatch',
          `The PNG file is damaged: the checksum of its ${typeName(type)} chunk does not match its content.`,
          { details: { offset: pos, type: typeName(type) } },
        );
      }
    }
    visit(type, start, end, pos);
    pos = end + 4;
    if (type === IEND) return;
  }
}

/**
 * Read every chunk of a PNG file, from `IHDR` to `IEND`, verifying structure and (by default)
 * every CRC. Chunk data are views into `png`, not copies.
 *
 * @throws ColError `input-too-large`, `png-invalid`, `png-truncated`, `png-crc-mismatch`,
 *   `png-missing-iend`.
 * @example
 * ```ts
 * import { readPngChunks } from '@citiesoflearning/core';
 * const types = readPngChunks(bytes).map((chunk) => chunk.type); // ['IHDR', 'iTXt', 'IDAT', 'IEND']
 * ```
 */
export function readPngChunks(png: Uint8Array, options: ReadPngOptions = {}): PngChunk[] {
  const chunks: PngChunk[] = [];
  walkPng(png, options, (type, start, end, offset) => {
    chunks.push({ type: typeName(type), data: png.subarray(start, end), offset });
  });
  return chunks;
}

/**
 * Encode one PNG chunk: length, type, data, CRC-32 of type and data.
 *
 * @example
 * ```ts
 * import { encodePngChunk } from '@citiesoflearning/core';
 * const iend = encodePngChunk('IEND', new Uint8Array(0)); // 00 00 00 00 49 45 4e 44 ae 42 60 82
 * ```
 */
export function encodePngChunk(type: string, data: Uint8Array): Uint8Array {
  if (!/^[A-Za-z]{4}$/.test(type)) throw new ColError('option-invalid', 'A PNG chunk type is four ASCII letters.');
  if (data.length > 0x7fffffff) throw new ColError('input-too-large', 'A PNG chunk holds at most 2^31-1 bytes.');
  const out = new Uint8Array(data.length + 12);
  writeU32(out, 0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  writeU32(out, 8 + data.length, crc32Update(0, out, 4, 8 + data.length));
  return out;
}

/**
 * The data of an uncompressed `iTXt` chunk as baking requires:
 * `keyword 00 | flag 00 | method 00 | language "" 00 | translated keyword "" 00 | UTF-8 text`.
 *
 * @example
 * ```ts
 * import { encodePngChunk, iTxtData } from '@citiesoflearning/core';
 * const chunk = encodePngChunk('iTXt', iTxtData('openbadgecredential', credentialJson));
 * ```
 */
export function iTxtData(keyword: string, text: string): Uint8Array {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword)) throw new ColError('option-invalid', 'A PNG keyword is 1–79 printable Latin-1 characters.');
  const key = utf8(keyword);
  const body = utf8(text);
  const out = new Uint8Array(key.length + 5 + body.length);
  out.set(key, 0);
  // The five bytes after the keyword are already zero: NUL, flag 0, method 0, empty language NUL, empty translated keyword NUL.
  out.set(body, key.length + 5);
  return out;
}

/** Length of the keyword at the start of a text chunk's data, or -1 when it is not NUL-terminated within 79 bytes. */
function keywordLength(data: Uint8Array): number {
  const nul = data.subarray(0, 80).indexOf(0);
  return nul >= 1 ? nul : -1;
}

function keywordIs(data: Uint8Array, length: number, keyword: Uint8Array): boolean {
  if (length !== keyword.length) return false;
  for (let i = 0; i < length; i++) if (data[i] !== keyword[i]) return false;
  return true;
}

/** 2 or 3 when a text chunk's keyword is a badge keyword, else 0. */
function badgeKeyword(data: Uint8Array): 0 | 2 | 3 {
  const length = keywordLength(data);
  if (length < 0) return 0;
  if (keywordIs(data, length, KEYWORD_OB2)) return 2;
  if (keywordIs(data, length, KEYWORD_OB3)) return 3;
  return 0;
}

/** Parse the text of a badge `iTXt` chunk (keyword already matched). */
function readITxt(data: Uint8Array, version: 2 | 3): BakedBadge {
  let at = keywordLength(data) + 1;
  if (data.length - at < 2) throw new ColError('png-invalid', 'The badge chunk in this PNG is damaged (its header is cut short).');
  const flag = data[at]!;
  if (flag === 1) {
    throw new ColError(
      'png-badge-compressed',
      'The badge in this PNG is stored compressed, which the Open Badges baking rules do not allow; ask the issuer for a correctly baked copy or the credential file.',
    );
  }
  if (flag !== 0) throw new ColError('png-invalid', 'The badge chunk in this PNG is damaged (unknown compression flag).');
  at += 2; // flag and method (method is meaningless when the flag is 0)
  for (let field = 0; field < 2; field++) {
    const nul = data.indexOf(0, at);
    if (nul < 0) throw new ColError('png-invalid', 'The badge chunk in this PNG is damaged (a header field is not terminated).');
    at = nul + 1; // language tag, then translated keyword: read past them, their content is not used
  }
  const text = utf8Strict(data.subarray(at), 'badge-text-invalid', 'badge text in this PNG');
  return finish({ image: 'png', version, text, legacyUrl: false });
}

function finish(badge: BakedBadge): BakedBadge {
  if (badge.text.trim() === '') throw new ColError('badge-empty', 'This image has a badge marker but no badge inside it.');
  badge.legacyUrl = isBareUrl(badge.text);
  return badge;
}

/**
 * Find the badge baked into a PNG: the `iTXt` chunk with keyword `openbadges` (OB 2.0) or
 * `openbadgecredential` (OB 3.0), anywhere in the file, or else a legacy `tEXt` `openbadges`
 * chunk (usually a hosted-assertion URL). Returns `undefined` when there is none.
 *
 * CRCs are verified for every chunk except pixel data (`IDAT`, `fdAT`), whose content is never
 * read here; pass `verifyAllCrcs: true` to check those too.
 *
 * @throws ColError `input-too-large`, `png-invalid`, `png-truncated`, `png-crc-mismatch`,
 *   `png-missing-iend`, `png-badge-compressed` (an `iTXt`/`zTXt` badge stored compressed),
 *   `badge-duplicate` (two badges: ambiguous, so refused), `badge-text-invalid`, `badge-empty`.
 * @example
 * ```ts
 * import { unbakePng } from '@citiesoflearning/core';
 * const badge = unbakePng(pngBytes);
 * if (badge) console.log(badge.version, badge.text);
 * ```
 */
export function unbakePng(png: Uint8Array, options: ReadPngOptions = {}): BakedBadge | undefined {
  let found: { start: number; end: number; version: 2 | 3 } | undefined;
  let legacy: { start: number; end: number } | undefined;
  walkPng(png, { maxBytes: options.maxBytes, verifyAllCrcs: options.verifyAllCrcs ?? false }, (type, start, end) => {
    if (type !== ITXT && type !== TEXT && type !== ZTXT) return;
    const version = badgeKeyword(png.subarray(start, end));
    if (version === 0) return;
    if (type === ZTXT) {
      throw new ColError(
        'png-badge-compressed',
        'The badge in this PNG is stored compressed, which the Open Badges baking rules do not allow; ask the issuer for a correctly baked copy or the credential file.',
      );
    }
    if (type === ITXT) {
      if (found) throw new ColError('badge-duplicate', 'This PNG holds two badges, so it is unclear which one it carries.');
      found = { start, end, version };
    } else if (version === 2) {
      if (legacy) throw new ColError('badge-duplicate', 'This PNG holds two badges, so it is unclear which one it carries.');
      legacy = { start, end };
    }
  });
  // An iTXt badge supersedes a legacy tEXt one left behind by an older baker.
  if (found) return readITxt(png.subarray(found.start, found.end), found.version);
  if (legacy) {
    const data = png.subarray(legacy.start, legacy.end);
    return finish({ image: 'png', version: 2, text: latin1(data.subarray(keywordLength(data) + 1)), legacyUrl: false });
  }
  return undefined;
}

/**
 * Options for {@link bakePng}.
 *
 * @example
 * ```ts
 * const options: BakePngOptions = { onExisting: 'refuse' };
 * ```
 */
export interface BakePngOptions {
  /** What to do when the PNG already carries a badge (default `replace`). */
  onExisting?: 'replace' | 'refuse';
  /** Refuse larger input with `input-too-large` (default 50 MiB). */
  maxBytes?: number;
}

/**
 * Bake `text` into a PNG under `keyword`: one uncompressed `iTXt` chunk written right after
 * `IHDR`. Any badge already there (an `iTXt`, `tEXt` or `zTXt` with either badge keyword) is
 * removed first, or the call is refused with `already-baked`. Every other chunk is copied
 * byte for byte; anything after `IEND` is dropped. Every CRC is verified first, so a damaged
 * file is never passed on as a freshly baked badge.
 *
 * @example
 * ```ts
 * import { bakePng, PNG_KEYWORD_OB3 } from '@citiesoflearning/core';
 * const baked = bakePng(pngBytes, PNG_KEYWORD_OB3, JSON.stringify(credential));
 * ```
 */
export function bakePng(png: Uint8Array, keyword: string, text: string, options: BakePngOptions = {}): Uint8Array {
  const kept: Array<[number, number]> = [];
  let ihdrEnd = 0;
  let keptBytes = 0;
  let existing = false;
  walkPng(png, { maxBytes: options.maxBytes, verifyAllCrcs: true }, (type, start, end, offset) => {
    if ((type === ITXT || type === TEXT || type === ZTXT) && badgeKeyword(png.subarray(start, end)) !== 0) {
      existing = true;
      return;
    }
    if (type === IHDR && ihdrEnd === 0) ihdrEnd = end + 4;
    else {
      kept.push([offset, end + 4]);
      keptBytes += end + 4 - offset;
    }
  });
  if (existing && options.onExisting === 'refuse') {
    throw new ColError('already-baked', 'This image already carries a badge; it was left unchanged.');
  }
  const chunk = encodePngChunk('iTXt', iTxtData(keyword, text));
  const out = new Uint8Array(ihdrEnd + chunk.length + keptBytes);
  out.set(png.subarray(0, ihdrEnd), 0);
  out.set(chunk, ihdrEnd);
  let at = ihdrEnd + chunk.length;
  for (const [from, to] of kept) {
    out.set(png.subarray(from, to), at);
    at += to - from;
  }
  return out;
}
