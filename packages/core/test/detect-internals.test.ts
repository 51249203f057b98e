// The hand-written primitives detect and normalize stand on, held against the platform's own
// implementations (TextEncoder/TextDecoder exist in both test environments).
import { describe, it, expect } from '@col/harness';
import fc from 'fast-check';
import { base64urlDecode, base64urlDecodeText, base64urlEncode } from '../src/internal/base64url.js';
import { utf8Decode, utf8DecodeByHand, utf8Encode, utf8Exceeds, utf8Length } from '../src/internal/utf8.js';
import { pickText } from '../src/internal/text.js';
import { httpUrl } from '../src/internal/url.js';

const ascii = (text: string) => new TextEncoder().encode(text);

describe('base64url', () => {
  it('matches the RFC 4648 test vectors (unpadded)', () => {
    const vectors: Array<[string, string]> = [['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'], ['foob', 'Zm9vYg'], ['fooba', 'Zm9vYmE'], ['foobar', 'Zm9vYmFy']];
    for (const [plain, encoded] of vectors) {
      expect(base64urlEncode(ascii(plain))).to.equal(encoded);
      expect(base64urlDecode(encoded)).to.deep.equal(ascii(plain));
    }
    expect(base64urlEncode(new Uint8Array([0xfb, 0xff]))).to.equal('-_8');
  });

  it('round-trips arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(base64urlDecode(base64urlEncode(bytes))).to.deep.equal(bytes);
      }),
    );
  });

  it('refuses characters outside the alphabet, padding and impossible lengths', () => {
    for (const bad of ['Zm9v=', 'Zm+v', 'Zm/v', 'Z', 'Zm9vY', 'Zm 9v', 'Zé9v']) {
      expect(base64urlDecode(bad), bad).to.equal(undefined);
    }
  });
});

describe('base64url text (the fast path JWS parts take)', () => {
  // The reference: the hand-written decoder, then strict UTF-8 decoding.
  const reference = (text: string) => {
    const bytes = base64urlDecode(text);
    return bytes && utf8Decode(bytes);
  };

  it('decodes what base64urlDecode + strict UTF-8 decode, and refuses what they refuse', () => {
    const encodedText = fc.string({ unit: 'binary', maxLength: 200 }).map((t) => base64urlEncode(utf8Encode(t)));
    const encodedBytes = fc.uint8Array({ maxLength: 200 }).map(base64urlEncode); // often not UTF-8
    const junk = fc.string({ unit: fc.constantFrom('A', 'z', '0', '-', '_', '+', '/', '=', ' ', '\n', '.', 'é'), maxLength: 40 });
    fc.assert(
      fc.property(fc.oneof(encodedText, encodedBytes, junk), (text) => {
        expect(base64urlDecodeText(text), text).to.equal(reference(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses padding, spaces and the standard alphabet that atob alone would take, and drops a BOM', () => {
    for (const bad of ['Zm9v=', 'Zm9vYg==', 'Zm+v', 'Zm/v', 'Z', 'Zm 9v', ' Zm9v', 'Zm9v\n', 'Zé9v']) {
      expect(base64urlDecodeText(bad), bad).to.equal(undefined);
    }
    expect(base64urlDecodeText(base64urlEncode(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d])))).to.equal('{}');
    expect(base64urlDecodeText(base64urlEncode(new Uint8Array([0xc3, 0x28])))).to.equal(undefined); // not UTF-8
    expect(base64urlDecodeText(base64urlEncode(utf8Encode('{"name":"Bathodyn ŵ 😀"}')))).to.equal('{"name":"Bathodyn ŵ 😀"}');
  });
});

describe('utf8', () => {
  it('encodes like TextEncoder and measures the same length', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const expected = new TextEncoder().encode(text);
        expect(utf8Encode(text)).to.deep.equal(expected);
        expect(utf8Length(text)).to.equal(expected.length);
      }),
    );
    // Lone surrogates become U+FFFD, as TextEncoder does.
    expect(utf8Encode('a\uD800b')).to.deep.equal(new TextEncoder().encode('a\uD800b'));
  });

  it('says whether text is over a byte limit exactly as counting every byte would (the size check before parsing)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.nat(200), (text, limit) => {
        expect(utf8Exceeds(text, limit)).to.equal(new TextEncoder().encode(text).length > limit);
      }),
      { numRuns: 2000 },
    );
  });

  it('decodes like a fatal TextDecoder on arbitrary bytes', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.string({ unit: 'binary' }).map((s) => new TextEncoder().encode(s))), (bytes) => {
        let expected: string | undefined;
        try {
          expected = decoder.decode(bytes);
        } catch {
          expected = undefined;
        }
        // The runtime's decoder where there is one, and the fallback for runtimes without.
        expect(utf8Decode(bytes)).to.equal(expected);
        expect(utf8DecodeByHand(bytes)).to.equal(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses overlong forms, surrogates and truncated sequences', () => {
    for (const bad of [[0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80], [0xff]]) {
      expect(utf8Decode(new Uint8Array(bad)), JSON.stringify(bad)).to.equal(undefined);
      expect(utf8DecodeByHand(new Uint8Array(bad)), JSON.stringify(bad)).to.equal(undefined);
    }
  });
});

describe('pickText', () => {
  const map = { en: 'Teamwork', cy: 'Gwaith tîm', 'fr-CA': 'Travail' };
  it('prefers the exact tag, then the same primary language, then untagged, then English, then the first', () => {
    expect(pickText(map, ['cy'])).to.equal('Gwaith tîm');
    expect(pickText(map, ['fr'])).to.equal('Travail');
    expect(pickText(map, ['de'])).to.equal('Teamwork');
    expect(pickText([{ '@value': 'Deutsch', '@language': 'de' }, 'Default', { '@value': 'English', '@language': 'en' }], ['cy'])).to.equal('Default');
    expect(pickText([{ '@value': 'Deutsch', '@language': 'de' }, { '@value': 'Nederlands', '@language': 'nl' }], [])).to.equal('Deutsch');
    expect(pickText('plain', ['cy'])).to.equal('plain');
  });
  it('ignores junk and never throws', () => {
    for (const junk of [5, null, {}, [], [5, null], { '@value': 5 }, { notALanguage: 'x', 'also not': 'y' }, [[['deep']]]]) {
      expect(pickText(junk, ['en']), JSON.stringify(junk)).to.equal(undefined);
    }
  });
});

describe('httpUrl', () => {
  it('accepts only absolute http(s) URLs with a host', () => {
    expect(httpUrl('https://example.org/a b')).to.equal(undefined);
    expect(httpUrl('https://')).to.equal(undefined);
    expect(httpUrl('HTTPS://Example.org/x')).to.equal('https://example.org/x');
    expect(httpUrl('ftp://example.org')).to.equal(undefined);
  });
});
