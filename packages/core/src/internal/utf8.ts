/**
 * UTF-8 encoding and strict decoding by hand, so core needs no DOM or Node typings (TextEncoder
 * is in both runtimes, but its types come from lib DOM). Decoding rejects malformed bytes
 * instead of inserting U+FFFD, so a corrupted payload is reported rather than silently changed.
 */

/** Encode a string as UTF-8 (lone surrogates become U+FFFD, as TextEncoder does). */
export function utf8Encode(text: string): Uint8Array {
  const out = new Uint8Array(utf8Length(text));
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else code = 0xfffd;
    } else if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) out[at++] = code;
    else if (code < 0x800) {
      out[at++] = 0xc0 | (code >> 6);
      out[at++] = 0x80 | (code & 0x3f);
    } else if (code < 0x10000) {
      out[at++] = 0xe0 | (code >> 12);
      out[at++] = 0x80 | ((code >> 6) & 0x3f);
      out[at++] = 0x80 | (code & 0x3f);
    } else {
      out[at++] = 0xf0 | (code >> 18);
      out[at++] = 0x80 | ((code >> 12) & 0x3f);
      out[at++] = 0x80 | ((code >> 6) & 0x3f);
      out[at++] = 0x80 | (code & 0x3f);
    }
  }
  return out;
}

/**
 * Whether `text` takes more than `limit` bytes in UTF-8, scanning only when it could: each
 * UTF-16 unit is at least 1 and at most 3 bytes (a surrogate pair, 2 units, is 4).
 */
export function utf8Exceeds(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return utf8Length(text, limit) > limit;
}

/**
 * Number of bytes `text` takes in UTF-8. With `limit`, stops counting once past it (so a huge
 * string costs at most `limit` steps) and returns a value greater than `limit`.
 */
export function utf8Length(text: string, limit = Infinity): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
    if (bytes > limit) return bytes;
  }
  return bytes;
}

// The runtime's decoder, reached through a local interface (its types live in lib DOM). Every
// supported browser and Node has it; the hand-written decoder below is the fallback.
interface StrictDecoder {
  decode(input: Uint8Array): string;
}
type DecoderClass = new (label: string, options: { fatal: boolean }) => StrictDecoder;
let native: StrictDecoder | null | undefined;

function nativeDecoder(): StrictDecoder | null {
  if (native === undefined) {
    const Decoder = (globalThis as { TextDecoder?: DecoderClass }).TextDecoder;
    native = typeof Decoder === 'function' ? new Decoder('utf-8', { fatal: true }) : null;
  }
  return native;
}

/** Decode UTF-8 strictly; `undefined` when the bytes are not valid UTF-8. A leading BOM is dropped. */
export function utf8Decode(bytes: Uint8Array): string | undefined {
  const decoder = nativeDecoder();
  if (decoder) {
    // `fatal` makes malformed bytes throw instead of becoming U+FFFD; the BOM is dropped by default.
    try {
      return decoder.decode(bytes);
    } catch {
      return undefined;
    }
  }
  return utf8DecodeByHand(bytes);
}

/** {@link utf8Decode} without the runtime's decoder (exported for the tests that compare them). */
export function utf8DecodeByHand(bytes: Uint8Array): string | undefined {
  let i = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const parts: string[] = [];
  let units: number[] = [];
  const flush = () => {
    parts.push(String.fromCharCode(...units));
    units = [];
  };
  while (i < bytes.length) {
    const b0 = bytes[i]!;
    let code: number;
    let need: number;
    let min: number;
    if (b0 < 0x80) {
      code = b0;
      need = 0;
      min = 0;
    } else if (b0 >= 0xc2 && b0 <= 0xdf) {
      code = b0 & 0x1f;
      need = 1;
      min = 0x80;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      code = b0 & 0x0f;
      need = 2;
      min = 0x800;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      code = b0 & 0x07;
      need = 3;
      min = 0x10000;
    } else return undefined;
    for (let k = 1; k <= need; k++) {
      const b = bytes[i + k];
      if (b === undefined || (b & 0xc0) !== 0x80) return undefined;
      code = (code << 6) | (b & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
    i += need + 1;
    if (code >= 0x10000) {
      code -= 0x10000;
      units.push(0xd800 + (code >> 10), 0xdc00 + (code & 0x3ff));
    } else units.push(code);
    if (units.length >= 8192) flush();
  }
  flush();
  return parts.join('');
}
