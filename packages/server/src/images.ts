// Default badge artwork, drawn here so every achievement has an image to bake into: an SVG
// medallion with the badge's initials, and a matching PNG rendered pixel by pixel (no native
// image library needed).
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

const PALETTE: Array<[number, number, number]> = [
  [0x1f, 0x6f, 0xb2], [0x0f, 0x8a, 0x6b], [0x9b, 0x3d, 0x8f], [0xc4, 0x5a, 0x12], [0x2e, 0x4a, 0x9e], [0x8a, 0x6d, 0x0b],
];

function colourFor(seed: string): [number, number, number] {
  return PALETTE[createHash('sha256').update(seed).digest()[0]! % PALETTE.length]!;
}

const hex = ([r, g, b]: [number, number, number]) => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;

function initials(name: string): string {
  const words = name.replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean);
  return (words.length > 1 ? words.slice(0, 2).map((w) => w[0]) : [words[0]?.slice(0, 2) ?? '?']).join('').toUpperCase();
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * An accessible SVG medallion for a badge: coloured disc, ring, initials, and a `<title>`.
 *
 * @example
 * ```ts
 * const svg = badgeSvg('digital-1', 'Digital Foundations');
 * ```
 */
export function badgeSvg(seed: string, name: string): string {
  const colour = hex(colourFor(seed));
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256" width="256" height="256" role="img" aria-labelledby="t"><title id="t">${escapeXml(name)}</title><circle cx="128" cy="128" r="120" fill="${colour}"/><circle cx="128" cy="128" r="100" fill="none" stroke="#ffffff" stroke-width="8" opacity="0.85"/><text x="128" y="150" text-anchor="middle" font-family="Verdana, sans-serif" font-size="64" font-weight="bold" fill="#ffffff">${escapeXml(initials(name))}</text></svg>`;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * A 256×256 RGBA PNG medallion in the badge's colour (disc + ring, anti-aliased edges).
 *
 * @example
 * ```ts
 * const png = badgePng('digital-1'); // Uint8Array starting 89 50 4E 47
 * ```
 */
export function badgePng(seed: string, size = 256): Uint8Array {
  const [r, g, b] = colourFor(seed);
  const raw = Buffer.alloc((size * 4 + 1) * size);
  const centre = size / 2;
  const outer = size * 0.47;
  const ringOuter = size * 0.41;
  const ringInner = size * 0.37;
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - centre, y + 0.5 - centre);
      const alpha = Math.max(0, Math.min(1, outer - d + 0.5));
      const ring = Math.max(0, Math.min(1, Math.min(ringOuter - d, d - ringInner) + 0.5)) * 0.85;
      const at = row + 1 + x * 4;
      raw[at] = Math.round(r + (255 - r) * ring);
      raw[at + 1] = Math.round(g + (255 - g) * ring);
      raw[at + 2] = Math.round(b + (255 - b) * ring);
      raw[at + 3] = Math.round(alpha * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return new Uint8Array(
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())]),
  );
}
