// Bitstring Status List encoding (W3C VC Bitstring Status List v1.0): the list is a bitstring,
// GZIP-compressed, base64url-encoded without padding, with a multibase "u" prefix. Bit 0 is the
// most significant bit of byte 0.
import { ColError } from '@citiesoflearning/core';
import { fromBase64Url, toBase64Url } from '../internal/bytes.js';

/**
 * Default cap on a decompressed list: 16 MiB = 134 million entries, far beyond any real list.
 *
 * @example
 * ```ts
 * await decodeStatusList(encodedList, { maxBytes: DEFAULT_MAX_STATUS_LIST_BYTES / 4 });
 * ```
 */
export const DEFAULT_MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024;
/**
 * The minimum list size the spec asks issuers to use (131,072 entries), for herd privacy.
 *
 * @example
 * ```ts
 * const bits = new Uint8Array(MIN_STATUS_LIST_BITS / 8);
 * ```
 */
export const MIN_STATUS_LIST_BITS = 131_072;

async function readAll(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        // Stop inflating at once: a few KB of GZIP can expand to gigabytes (a "zip bomb").
        await reader.cancel().catch(() => undefined);
        throw new ColError('status-list-too-large', `The status list expands to more than ${maxBytes} bytes; it is refused.`);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/**
 * Encodes a status bitstring as an `encodedList`: `u` + base64url(no padding)(GZIP(bits)), using
 * the platform's `CompressionStream`.
 *
 * @example
 * ```ts
 * const bits = new Uint8Array(MIN_STATUS_LIST_BITS / 8);
 * setStatusBit(bits, 8, true);
 * const encodedList = await encodeStatusList(bits); // 'uH4sI…'
 * ```
 */
export async function encodeStatusList(bits: Uint8Array): Promise<string> {
  if (!(bits instanceof Uint8Array)) throw new ColError('status-list-invalid', 'A status list is a byte array.');
  const compressed = streamOf(bits).pipeThrough(new CompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  return 'u' + toBase64Url(await readAll(compressed, Number.MAX_SAFE_INTEGER));
}

/**
 * Decodes an `encodedList` back to the bitstring. Accepts the multibase `u` prefix (current spec)
 * or bare base64url (StatusList2021-era lists). Decompression stops at `maxBytes`.
 *
 * @throws ColError `status-list-invalid` (not base64url, not GZIP) or `status-list-too-large`.
 * @example
 * ```ts
 * const bits = await decodeStatusList(listCredential.credentialSubject.encodedList);
 * getStatusBit(bits, 8); // true when entry 8 is set (e.g. revoked)
 * ```
 */
export async function decodeStatusList(encodedList: string, options: { maxBytes?: number } = {}): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_STATUS_LIST_BYTES;
  if (typeof encodedList !== 'string' || encodedList.length === 0) {
    throw new ColError('status-list-invalid', 'The status list has no encoded list.');
  }
  // Base64 inflates by 4/3 and GZIP never shrinks its input below ~0.1%: a longer text cannot be honest.
  if (encodedList.length > maxBytes * 2 + 1024) {
    throw new ColError('status-list-too-large', 'The encoded status list is too large; it is refused.');
  }
  const body = encodedList.startsWith('u') ? encodedList.slice(1) : encodedList;
  let compressed: Uint8Array;
  try {
    compressed = fromBase64Url(body);
  } catch (cause) {
    throw new ColError('status-list-invalid', 'The status list is not base64url text.', { cause });
  }
  try {
    const inflated = streamOf(compressed).pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
    return await readAll(inflated, maxBytes);
  } catch (cause) {
    if (cause instanceof ColError) throw cause;
    throw new ColError('status-list-invalid', 'The status list is not valid GZIP data.', { cause });
  }
}

function checkIndex(bits: Uint8Array, index: number): void {
  if (!Number.isSafeInteger(index) || index < 0 || index >= bits.length * 8) {
    throw new ColError('status-index-out-of-range', `Status index ${String(index)} is outside the list (0–${bits.length * 8 - 1}).`);
  }
}

/**
 * Reads entry `index` of a status bitstring (bit 0 = most significant bit of byte 0).
 *
 * @throws ColError `status-index-out-of-range`.
 * @example
 * ```ts
 * getStatusBit(new Uint8Array([0b1000_0000]), 0); // true
 * ```
 */
export function getStatusBit(bits: Uint8Array, index: number): boolean {
  checkIndex(bits, index);
  return ((bits[index >> 3]! >> (7 - (index & 7))) & 1) === 1;
}

/**
 * Sets or clears entry `index` of a status bitstring in place (bit 0 = MSB of byte 0).
 *
 * @throws ColError `status-index-out-of-range`.
 * @example
 * ```ts
 * const bits = new Uint8Array(16384);
 * setStatusBit(bits, 8, true); // bits[1] === 0b1000_0000
 * ```
 */
export function setStatusBit(bits: Uint8Array, index: number, value: boolean): void {
  checkIndex(bits, index);
  const mask = 1 << (7 - (index & 7));
  if (value) bits[index >> 3]! |= mask;
  else bits[index >> 3]! &= ~mask;
}


/**
 * Reads a multi-bit status entry (Bitstring Status List `statusSize` > 1, e.g. for `message`
 * purposes): entry `index` occupies bits `index × statusSize` … `+ statusSize − 1`, most
 * significant first. With `statusSize` 1 it equals `getStatusBit` as 0 or 1.
 *
 * @throws ColError `status-index-out-of-range`, or `status-list-invalid` for a size outside 1–16.
 * @example
 * ```ts
 * getStatusValue(new Uint8Array([0b0110_0000]), 0, 3); // 0b011 = 3
 * ```
 */
export function getStatusValue(bits: Uint8Array, index: number, statusSize = 1): number {
  if (!Number.isSafeInteger(statusSize) || statusSize < 1 || statusSize > 16) {
    throw new ColError('status-list-invalid', `The status size ${String(statusSize)} is not supported (1 to 16 bits).`);
  }
  if (!Number.isSafeInteger(index) || index < 0 || (index + 1) * statusSize > bits.length * 8) {
    throw new ColError('status-index-out-of-range', `Status index ${String(index)} is outside the list.`);
  }
  let value = 0;
  for (let i = 0; i < statusSize; i++) value = (value << 1) | (getStatusBit(bits, index * statusSize + i) ? 1 : 0);
  return value;
}
