/**
 * CRC-32 (ISO 3309 / ITU-T V.42, the one PNG uses: reflected polynomial 0xEDB88320), written
 * by hand so core stays dependency-free. "Slicing by 8": eight 256-entry tables let the loop
 * consume 8 bytes per step, several times faster than the classic byte-at-a-time table loop,
 * which matters when a caller verifies every chunk of a multi-megabyte PNG.
 */

let table: Int32Array | undefined;

/**
 * The eight 256-entry tables, flat in one Int32Array (table k at offset 256·k): one typed
 * array and int32 arithmetic keep the hot loop free of bounds juggling and number boxing.
 * Built on first use (not at import time) so bundles that never bake pay nothing.
 */
function crcTable(): Int32Array {
  if (table) return table;
  const t = new Int32Array(2048);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let i = 256; i < 2048; i++) {
    const prev = t[i - 256]!;
    t[i] = t[prev & 0xff]! ^ (prev >>> 8);
  }
  table = t;
  return t;
}

/**
 * Continue a CRC-32 over `bytes[start, end)`. Pass the previous result as `crc` to checksum data
 * that arrives in pieces (start with 0).
 *
 * @example
 * ```ts
 * import { crc32Update } from '@citiesoflearning/core';
 * const type = new TextEncoder().encode('IEND');
 * crc32Update(0, type, 0, type.length).toString(16); // 'ae426082'
 * ```
 */
export function crc32Update(crc: number, bytes: Uint8Array, start = 0, end = bytes.length): number {
  const t = crcTable();
  let c = ~crc;
  let i = Math.max(0, start);
  const stop = Math.min(end, bytes.length);
  const fast = stop - 8;
  while (i <= fast) {
    const a = (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) ^ c;
    c =
      t[1792 + (a & 0xff)]! ^
      t[1536 + ((a >>> 8) & 0xff)]! ^
      t[1280 + ((a >>> 16) & 0xff)]! ^
      t[1024 + (a >>> 24)]! ^
      t[768 + bytes[i + 4]!]! ^
      t[512 + bytes[i + 5]!]! ^
      t[256 + bytes[i + 6]!]! ^
      t[bytes[i + 7]!]!;
    i += 8;
  }
  while (i < stop) c = t[(c ^ bytes[i++]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * The CRC-32 of `bytes` as an unsigned 32-bit number — the checksum every PNG chunk ends with
 * (computed over the chunk type and data).
 *
 * @example
 * ```ts
 * import { crc32 } from '@citiesoflearning/core';
 * crc32(new TextEncoder().encode('123456789')).toString(16); // 'cbf43926' (the standard check value)
 * ```
 */
export function crc32(bytes: Uint8Array): number {
  return crc32Update(0, bytes, 0, bytes.length);
}
