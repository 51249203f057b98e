/**
 * CRC-32 (ISO 3309 / ITU-T V.42, the one PNG uses: reflected polynomial 0xEDB88320), written
 * by hand so core stays dependency-free. "Slicing by 8": eight 256-entry tables let the loop
 * consume 8 bytes per step, several times faster than the classic byte-at-a-time table loop,
 * which matters when a caller verifies every chunk of a multi-megabyte PNG.
 */

let tables: Uint32Array[] | undefined;

/** Built on first use (not at import time) so bundles that never bake pay nothing. */
function crcTables(): Uint32Array[] {
  if (tables) return tables;
  const t0 = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t0[n] = c >>> 0;
  }
  const all = [t0];
  for (let s = 1; s < 8; s++) {
    const prev = all[s - 1]!;
    const next = new Uint32Array(256);
    for (let n = 0; n < 256; n++) next[n] = (t0[prev[n]! & 0xff]! ^ (prev[n]! >>> 8)) >>> 0;
    all.push(next);
  }
  tables = all;
  return all;
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
  const [t0, t1, t2, t3, t4, t5, t6, t7] = crcTables() as [
    Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array,
  ];
  let c = ~crc >>> 0;
  let i = Math.max(0, start);
  const stop = Math.min(end, bytes.length);
  const fast = stop - 8;
  while (i <= fast) {
    const a = (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) ^ c;
    c =
      t7[a & 0xff]! ^
      t6[(a >>> 8) & 0xff]! ^
      t5[(a >>> 16) & 0xff]! ^
      t4[a >>> 24]! ^
      t3[bytes[i + 4]!]! ^
      t2[bytes[i + 5]!]! ^
      t1[bytes[i + 6]!]! ^
      t0[bytes[i + 7]!]!;
    i += 8;
  }
  while (i < stop) c = t0[(c ^ bytes[i++]!) & 0xff]! ^ (c >>> 8);
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
