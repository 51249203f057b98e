import { describe, it, expect } from '@col/harness';
import fc from 'fast-check';
import { concat, SIGNATURE, tinyPng } from './support/png.js';
import { bake, unbake, encodePngChunk, readPngChunks, isColError } from '@citiesoflearning/core';

const enc = new TextEncoder();
const dec = new TextDecoder();

const PNG = tinyPng();
const SVG = enc.encode('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect width="1" height="1"/></svg>');

/** Strings that stress the encodings: markup, CDATA ends, entities, any Unicode (lone surrogates too). */
const nasty = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(']]>', '<![CDATA[', ']]]]><![CDATA[>', '&amp;', '&lt;', '"\'', '</openbadges:credential>', '\u0000', '\ud800'),
);
const jsonText = fc
  .dictionary(nasty, fc.oneof(nasty, fc.jsonValue()), { minKeys: 0, maxKeys: 5 })
  .map((doc) => JSON.stringify(doc));
const b64url = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: 1, maxLength: 60 });
const jwsLike = fc.tuple(b64url, b64url, b64url).map((parts) => parts.join('.'));

/** Run `fn`; anything thrown must be a ColError, and no single call may take long. */
function onlyColErrors(fn: () => unknown): void {
  const started = performance.now();
  try {
    fn();
  } catch (error) {
    if (!isColError(error)) throw error;
  }
  const took = performance.now() - started;
  if (took > 1000) throw new Error(`took ${took} ms`);
}

describe('baking: properties', () => {
  it('bake → unbake returns exactly the baked JSON text (PNG and SVG, both versions)', () => {
    fc.assert(
      fc.property(jsonText, fc.constantFrom(2 as const, 3 as const), fc.boolean(), (text, version, usePng) => {
        const badge = unbake(bake(usePng ? PNG : SVG, text, { version }));
        expect(badge).to.deep.equal({ image: usePng ? 'png' : 'svg', version, text, legacyUrl: false });
      }),
      { numRuns: 150 },
    );
  });

  it('bake → unbake returns exactly the baked JWS-like string', () => {
    fc.assert(
      fc.property(jwsLike, fc.constantFrom(2 as const, 3 as const), fc.boolean(), (jws, version, usePng) => {
        const badge = unbake(bake(usePng ? PNG : SVG, jws, { version }));
        expect(badge).to.deep.equal({ image: usePng ? 'png' : 'svg', version, text: jws, legacyUrl: false });
      }),
      { numRuns: 150 },
    );
  });

  it('re-baking any number of times leaves exactly one badge, the last one', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(jsonText, fc.constantFrom(2 as const, 3 as const)), { minLength: 1, maxLength: 4 }), fc.boolean(), (bakes, usePng) => {
        let image = usePng ? PNG : SVG;
        for (const [text, version] of bakes) image = bake(image, text, { version });
        const [text, version] = bakes.at(-1)!;
        expect(unbake(image)).to.deep.include({ version, text });
        if (usePng) expect(readPngChunks(image).filter((c) => c.type === 'iTXt')).to.have.length(1);
        else expect(dec.decode(image).match(/<openbadges:(assertion|credential)[\s>]/g)).to.have.length(1);
      }),
      { numRuns: 60 },
    );
  });

  it('unbake throws nothing but ColError on arbitrary bytes (and PNG- or SVG-looking starts)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom(new Uint8Array(0), SIGNATURE, enc.encode('<svg>'), enc.encode('<?xml version="1.0"?>')),
        (bytes, prefix) => {
          onlyColErrors(() => unbake(concat(prefix, bytes)));
          onlyColErrors(() => bake(concat(prefix, bytes), '{"a":1}'));
        },
      ),
      { numRuns: 400 },
    );
  });

  const bakedPng = bake(PNG, '{"type":["VerifiableCredential"],"name":"Badge ✓"}');
  const itxt = readPngChunks(bakedPng)[1]!;

  it('unbake throws nothing but ColError on mutated or truncated baked PNGs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(bakedPng.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.nat(bakedPng.length),
        (edits, cut) => {
          const bytes = bakedPng.slice(0, cut === 0 ? bakedPng.length : cut);
          for (const [at, value] of edits) if (at < bytes.length) bytes[at] = value;
          onlyColErrors(() => unbake(bytes));
          onlyColErrors(() => unbake(bytes, { verifyAllCrcs: true }));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('unbake throws nothing but ColError when the badge chunk is mangled but its CRC is right', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(itxt.data.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.nat(itxt.data.length),
        (edits, cut) => {
          const data = itxt.data.slice(0, cut);
          for (const [at, value] of edits) if (at < data.length) data[at] = value;
          const rebuilt = concat(bakedPng.subarray(0, itxt.offset), encodePngChunk('iTXt', data), bakedPng.subarray(itxt.offset + 12 + itxt.data.length));
          onlyColErrors(() => unbake(rebuilt));
        },
      ),
      { numRuns: 400 },
    );
  });

  const bakedSvg = dec.decode(bake(SVG, '{"type":["VerifiableCredential"],"name":"x]]>y & <z>"}'));
  const markup = fc.string({ unit: fc.constantFrom('<', '>', '/', '!', '?', '[', ']', '-', '"', "'", '=', '&', ';', '#', ':', ' ', 'a', 'svg', 'openbadges', 'CDATA', 'DOCTYPE', 'ENTITY', 'xmlns'), maxLength: 12 });

  it('unbake and bake throw nothing but ColError on mutated or truncated baked SVGs', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(bakedSvg.length), fc.nat(4), markup), { maxLength: 4 }), fc.nat(bakedSvg.length), (edits, cut) => {
        let text = bakedSvg.slice(0, cut === 0 ? bakedSvg.length : cut);
        for (const [at, drop, insert] of edits) text = text.slice(0, at) + insert + text.slice(at + drop);
        onlyColErrors(() => unbake(enc.encode(text)));
        onlyColErrors(() => bake(enc.encode(text), '{"a":1}'));
      }),
      { numRuns: 400 },
    );
  });
});
