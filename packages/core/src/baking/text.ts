/**
 * Text helpers for baking. TextEncoder/TextDecoder exist in every browser and in Node, but their
 * *types* come from lib DOM; reaching them through a small local interface keeps this module
 * compiling even if core's tsconfig drops DOM.
 */
import { ColError } from '../errors.js';

interface Utf8Decoder {
  decode(input: Uint8Array): string;
}
interface Codecs {
  TextDecoder: new (label: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => Utf8Decoder;
  TextEncoder: new () => { encode(input: string): Uint8Array };
}
const codecs = globalThis as unknown as Codecs;

let strict: Utf8Decoder | undefined;
let encoder: { encode(input: string): Uint8Array } | undefined;

/** Encode as UTF-8. */
export function utf8(text: string): Uint8Array {
  encoder ??= new codecs.TextEncoder();
  return encoder.encode(text);
}

/**
 * Decode UTF-8, refusing malformed bytes (so a corrupted payload is reported, never silently
 * turned into U+FFFD). `code` names the error for the caller's context.
 */
export function utf8Strict(bytes: Uint8Array, code: string, what: string): string {
  strict ??= new codecs.TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return strict.decode(bytes);
  } catch (cause) {
    throw new ColError(code, `The ${what} is not valid UTF-8 text, so it cannot be read.`, { cause });
  }
}

/** Decode ISO-8859-1 (what PNG `tEXt` chunks hold). */
export function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
  }
  return out;
}

/** Whether the baked text is a bare http(s) URL (a hosted assertion to fetch), not the badge itself. */
export function isBareUrl(text: string): boolean {
  return /^https?:\/\/[^\s"'<>{}]+$/i.test(text);
}

let loose: Utf8Decoder | undefined;

/** Decode UTF-8, replacing malformed bytes (for sniffing only, never for content). */
export function utf8Loose(bytes: Uint8Array): string {
  loose ??= new codecs.TextDecoder('utf-8');
  return loose.decode(bytes);
}
