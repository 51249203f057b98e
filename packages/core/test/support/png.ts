// Small hand-made PNGs for the baking suites (same bytes in Node and the browser).
import { encodePngChunk } from '@citiesoflearning/core';

/** The bytes of one or more arrays, joined. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Bytes from hex text (spaces ignored), e.g. `hex('8950 4e47')`. */
export const hex = (s: string): Uint8Array => new Uint8Array((s.replace(/\s+/g, '').match(/../g) ?? []).map((b) => parseInt(b, 16)));

/** The 8-byte PNG signature. */
export const SIGNATURE = hex('89504e470d0a1a0a');
export const IHDR = encodePngChunk('IHDR', hex('00000001 00000001 08 00 00 00 00'));
export const IDAT = encodePngChunk('IDAT', hex('7801 01 0200 fdff 0000 00020001'));
export const IEND = encodePngChunk('IEND', new Uint8Array(0));

/** A valid 1×1 greyscale PNG, with `middle` chunks placed between IHDR and IDAT. */
export const tinyPng = (...middle: Uint8Array[]): Uint8Array => concat(SIGNATURE, IHDR, ...middle, IDAT, IEND);
