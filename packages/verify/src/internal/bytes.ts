// Small byte helpers shared by the crypto modules. Everything here works the same in Node and in
// browsers (no Buffer), because the same code ships to both.
import { ColError } from '@citiesoflearning/core';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Strict UTF-8 decoding: invalid sequences throw instead of turning into U+FFFD. */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding (RFC 4648 §5, as JOSE uses it). */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64URL[n >> 18]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]! + B64URL[n & 63]!;
  }
  if (i < bytes.length) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += B64URL[n >> 18]! + B64URL[(n >> 12) & 63]! + (i + 1 < bytes.length ? B64URL[(n >> 6) & 63]! : '');
  }
  return out;
}

const B64URL_VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64URL_VALUES[B64URL.charCodeAt(i)] = i;

/**
 * Decodes base64url with or without padding; throws on any character outside the alphabet, a
 * length no encoder makes, or leftover bits that are not zero (one byte string, one encoding).
 * A table loop: every VC-JWT is decoded through here, and a generic radix decoder was a tenth
 * of verify()'s time.
 */
export function fromBase64Url(text: string): Uint8Array {
  let end = text.length;
  if (text.endsWith('==')) end -= 2;
  else if (text.endsWith('=')) end -= 1;
  if (end % 4 === 1 || (end !== text.length && (end + (text.length - end)) % 4 !== 0)) throw new TypeError('not base64url');
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? B64URL_VALUES[code]! : -1;
    if (value < 0) throw new TypeError('not base64url');
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (buffer >> bits) & 0xff;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) throw new TypeError('not base64url (non-zero padding bits)');
  return out;
}

/** Concatenates byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * SHA-256, computed synchronously (@noble/hashes). A proof hashes two small canonical texts;
 * WebCrypto's digest would make each an asynchronous round trip (a thread-pool hop in Node),
 * which costs far more than hashing a few kilobytes.
 */
export function sha256(bytes: Uint8Array): Uint8Array {
  return nobleSha256(bytes);
}

/** The platform's WebCrypto `subtle` (Node ≥ 20 and every current browser). */
export function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('WebCrypto (globalThis.crypto.subtle) is not available in this environment');
  return s;
}

/** Narrows a byte array to the `BufferSource` WebCrypto's typings want (no copy). */
export function asBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}

/**
 * The error to show when the platform's WebCrypto lacks an algorithm (Ed25519 arrived in
 * Chrome 137, Firefox 129, Safari 17 and Node 20): a clear "use another browser", not a failure
 * of the credential. Returns undefined for any other error.
 */
export function unsupportedCryptoError(cause: unknown, algorithm: string): ColError | undefined {
  if (typeof cause === 'object' && cause !== null && (cause as { name?: unknown }).name === 'NotSupportedError') {
    return new ColError(
      'crypto-unsupported',
      `This browser cannot check ${algorithm} signatures. Please use an up-to-date browser (Chrome 137+, Firefox 129+, Safari 17+) or verify on a server.`,
      { cause },
    );
  }
  return undefined;
}
