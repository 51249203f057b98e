// Interop: what we bake must read back with independent implementations (npm's
// png-chunks-extract + png-chunk-itxt; the rival of bench/core-unbake.bench.mjs), and what they
// write must read back with ours. Node only: those libraries use Buffer and node:zlib.
import { describe, it, expect } from '@col/harness';
// @ts-expect-error -- png-chunks-extract publishes no type declarations; it is only an independent reader here.
import extractChunks from 'png-chunks-extract';
import itxt from 'png-chunk-itxt';
import { bake, unbake, encodePngChunk, readPngChunks } from '@citiesoflearning/core';
import { deflateSync } from 'node:zlib';
import { concat, hex } from './support/png.js';

const PNG = concat(
  hex('89504e470d0a1a0a'),
  encodePngChunk('IHDR', hex('00000002 00000002 08 02 00 00 00')),
  encodePngChunk('IDAT', new Uint8Array(deflateSync(new Uint8Array(2 * (1 + 2 * 3)).fill(7)))),
  encodePngChunk('IEND', new Uint8Array(0)),
);
const credential = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential', 'OpenBadgeCredential'], name: 'Gwobr ✓ ]]>' };

describe('baking: interop with independent PNG libraries', () => {
  it('png-chunks-extract verifies our CRCs and png-chunk-itxt decodes our iTXt exactly', () => {
    const baked = bake(PNG, credential);
    const chunks = extractChunks(baked) as Array<{ name: string; data: Uint8Array }>;
    expect(chunks.map((c) => c.name)).to.deep.equal(['IHDR', 'iTXt', 'IDAT', 'IEND']);
    const decoded = itxt.decodeSync(Buffer.from(chunks[1]!.data));
    expect(decoded).to.deep.include({
      keyword: 'openbadgecredential',
      compressionFlag: false,
      compressionMethod: 0,
      languageTag: '',
      translatedKeyword: '',
      text: JSON.stringify(credential),
    });
  });

  it('reads a badge chunk written by png-chunk-itxt, and refuses its compressed form', () => {
    const write = (compressionFlag: boolean): Uint8Array => {
      const data = itxt.encodeSync({ keyword: 'openbadges', compressionFlag, compressionMethod: 0, languageTag: 'cy', translatedKeyword: 'bathodyn', text: '{"type":"Assertion"}' });
      const chunks = readPngChunks(PNG);
      return concat(hex('89504e470d0a1a0a'), ...chunks.map((c) => encodePngChunk(c.type, c.data)).flatMap((c, i) => (i === 0 ? [c, encodePngChunk('iTXt', new Uint8Array(data))] : [c])));
    };
    expect(unbake(write(false))).to.deep.equal({ image: 'png', version: 2, text: '{"type":"Assertion"}', legacyUrl: false });
    expect(() => unbake(write(true))).to.throw().with.property('code', 'png-badge-compressed');
  });
});
