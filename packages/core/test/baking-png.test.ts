import { describe, it, expect, errorCode } from '@col/harness';
import { concat, hex, IDAT, IEND, IHDR, SIGNATURE, tinyPng } from './support/png.js';
import {
  bake,
  unbake,
  imageType,
  readPngChunks,
  encodePngChunk,
  crc32,
  DEFAULT_MAX_BYTES,
} from '@citiesoflearning/core';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Flip bits of one byte in place. */
function flip(bytes: Uint8Array, at: number, mask: number): void {
  bytes[at] = bytes[at]! ^ mask;
}

// 1×1, 8-bit greyscale. IDAT = zlib stored block of the one scanline [filter 0, pixel 0], Adler-32 0x00020001.

function textChunk(keyword: string, text: string): Uint8Array {
  return encodePngChunk('tEXt', concat(enc.encode(keyword), new Uint8Array([0]), enc.encode(text)));
}
function iTxtChunk(keyword: string, text: string, flag = 0): Uint8Array {
  return encodePngChunk('iTXt', concat(enc.encode(keyword), new Uint8Array([0, flag, 0, 0, 0]), enc.encode(text)));
}

const b64url = (text: string): string => {
  const bytes = enc.encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** A real ES256 compact JWS made with WebCrypto (Node and browsers), and a way to check it. */
async function signEs256(payload: object): Promise<{ jws: string; check(jws: string): Promise<boolean> }> {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const input = `${b64url(JSON.stringify({ alg: 'ES256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
  const sig = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, enc.encode(input)));
  let bin = '';
  for (const b of sig) bin += String.fromCharCode(b);
  const jws = `${input}.${btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
  return {
    jws,
    async check(candidate: string) {
      const [h, p, s] = candidate.split('.') as [string, string, string];
      const raw = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
      const bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0));
      return crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, keys.publicKey, bytes, enc.encode(`${h}.${p}`));
    },
  };
}

const ob3 = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:2b0f3a1e-4f6c-4c2e-9d7a-0c1f4a9e7b11',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'https://cities.example/issuers/1', type: ['Profile'], name: 'Cymru Dinas Dysgu' },
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: { type: ['AchievementSubject'], id: 'did:example:learner', achievement: { name: 'Llwybr — “Café” ✓' } },
};
const ob2 = {
  '@context': 'https://w3id.org/openbadges/v2',
  type: 'Assertion',
  id: 'https://cities.example/assertions/42',
  recipient: { type: 'email', hashed: true, identity: 'sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942', salt: 'deadsea' },
  badge: 'https://cities.example/badges/7',
  verification: { type: 'hosted' },
  issuedOn: '2026-01-01T00:00:00Z',
};

function badgeChunks(png: Uint8Array): string[] {
  return readPngChunks(png)
    .filter((c) => c.type === 'iTXt' || c.type === 'tEXt' || c.type === 'zTXt')
    .map((c) => `${c.type}:${dec.decode(c.data.subarray(0, c.data.indexOf(0)))}`);
}

describe('baking: CRC-32 and PNG chunks', () => {
  it('computes the standard CRC-32 check value and the well-known IEND chunk', () => {
    expect(crc32(enc.encode('123456789'))).to.equal(0xcbf43926);
    expect(crc32(new Uint8Array(0))).to.equal(0);
    // Every PNG ends with these 12 bytes; the CRC is fixed by the spec.
    expect([...IEND]).to.deep.equal([...hex('00000000 49454e44 ae426082')]);
  });

  it('reads the chunks of a hand-made 1×1 PNG and tells PNG from other files', () => {
    const png = tinyPng();
    expect(readPngChunks(png).map((c) => c.type)).to.deep.equal(['IHDR', 'IDAT', 'IEND']);
    expect([...readPngChunks(png)[0]!.data]).to.deep.equal([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    expect(imageType(png)).to.equal('png');
    expect(imageType(hex('ffd8ffe000104a464946'))).to.equal(undefined); // JPEG
    expect(imageType(new Uint8Array(0))).to.equal(undefined);
    expect(errorCode(() => unbake(hex('ffd8ffe000104a464946')))).to.equal('image-unsupported');
  });

  it('says nothing is baked in a plain PNG', () => {
    expect(unbake(tinyPng())).to.equal(undefined);
    expect(unbake(tinyPng(textChunk('Software', 'GIMP')))).to.equal(undefined);
  });
});

describe('baking: PNG round trips', () => {
  it('bakes an OB 3.0 credential object as one iTXt chunk right after IHDR, byte-exact', () => {
    const baked = bake(tinyPng(), ob3);
    const chunks = readPngChunks(baked);
    expect(chunks.map((c) => c.type)).to.deep.equal(['IHDR', 'iTXt', 'IDAT', 'IEND']);
    const json = JSON.stringify(ob3);
    expect([...chunks[1]!.data]).to.deep.equal([...concat(enc.encode('openbadgecredential'), new Uint8Array(5), enc.encode(json))]);
    expect(unbake(baked)).to.deep.equal({ image: 'png', version: 3, text: json, legacyUrl: false });
    expect(JSON.parse(unbake(baked)!.text)).to.deep.equal(ob3);
  });

  it('bakes OB 2.0 JSON text exactly as given (formatting kept) under keyword openbadges', () => {
    const text = JSON.stringify(ob2, null, 2);
    const baked = bake(tinyPng(), `\n${text}\n`);
    expect(badgeChunks(baked)).to.deep.equal(['iTXt:openbadges']);
    expect(unbake(baked)).to.deep.equal({ image: 'png', version: 2, text, legacyUrl: false });
  });

  it('infers OB 3.0 from a VC 1.1 context alone, and honours an explicit version', () => {
    const vc11 = { '@context': ['https://www.w3.org/2018/credentials/v1'], type: 'OpenBadgeCredential' };
    expect(unbake(bake(tinyPng(), vc11))!.version).to.equal(3);
    expect(unbake(bake(tinyPng(), ob3, { version: 2 }))!.version).to.equal(2);
    expect(unbake(bake(tinyPng(), ob2, { version: 3 }))!.version).to.equal(3);
  });

  it('round-trips real ES256 JWS badges (OB 3.0 VC-JWT, VC 1.1 `vc` claim, OB 2.0 signed) with the signature intact', async () => {
    const cases: Array<[object, 2 | 3]> = [
      [{ ...ob3, iss: ob3.issuer.id, jti: ob3.id }, 3],
      [{ iss: 'https://cities.example', vc: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiableCredential'] } }, 3],
      [{ ...ob2, verification: { type: 'signed', creator: 'https://cities.example/keys/1' } }, 2],
    ];
    for (const [payload, version] of cases) {
      const { jws, check } = await signEs256(payload);
      const badge = unbake(bake(tinyPng(), jws));
      expect(badge).to.deep.equal({ image: 'png', version, text: jws, legacyUrl: false });
      expect(await check(badge!.text)).to.equal(true);
    }
  });

  it('finds the badge anywhere in the file and ignores bytes after IEND', () => {
    const late = concat(SIGNATURE, IHDR, IDAT, iTxtChunk('openbadgecredential', '{"a":1}'), IEND, enc.encode('trailing junk'));
    expect(unbake(late)).to.deep.equal({ image: 'png', version: 3, text: '{"a":1}', legacyUrl: false });
    // Baking drops the junk and moves the badge next to IHDR.
    expect(readPngChunks(bake(late, ob2)).map((c) => c.type)).to.deep.equal(['IHDR', 'iTXt', 'IDAT', 'IEND']);
  });

  it('re-baking replaces every old badge chunk (either keyword, legacy tEXt too) with exactly one', () => {
    const v2 = bake(tinyPng(textChunk('openbadges', 'https://old.example/a/1')), ob2);
    expect(badgeChunks(v2)).to.deep.equal(['iTXt:openbadges']);
    const v3 = bake(v2, ob3);
    expect(badgeChunks(v3)).to.deep.equal(['iTXt:openbadgecredential']);
    expect(unbake(v3)!.version).to.equal(3);
    const other = tinyPng(textChunk('Software', 'Inkscape'), iTxtChunk('openbadges', '{}'), iTxtChunk('openbadgecredential', '{}'));
    expect(badgeChunks(bake(other, ob3))).to.deep.equal(['iTXt:openbadgecredential', 'tEXt:Software']);
  });

  it('refuses to re-bake with onExisting: refuse, leaving the image unchanged', () => {
    const baked = bake(tinyPng(), ob3);
    const copy = baked.slice();
    expect(errorCode(() => bake(baked, ob2, { onExisting: 'refuse' }))).to.equal('already-baked');
    expect([...baked]).to.deep.equal([...copy]);
    expect(errorCode(() => bake(tinyPng(textChunk('openbadges', 'https://x.example/a')), ob2, { onExisting: 'refuse' }))).to.equal('already-baked');
    expect(unbake(bake(tinyPng(), ob2, { onExisting: 'refuse' }))!.version).to.equal(2);
  });

  it('reads a legacy tEXt hosted-assertion URL as OB 2.0 with legacyUrl', () => {
    const url = 'https://badges.example.org/assertions/123';
    expect(unbake(tinyPng(textChunk('openbadges', url)))).to.deep.equal({ image: 'png', version: 2, text: url, legacyUrl: true });
    // An iTXt badge wins over a legacy leftover.
    expect(unbake(tinyPng(textChunk('openbadges', url), iTxtChunk('openbadges', '{"id":1}')))!.text).to.equal('{"id":1}');
  });
});

describe('baking: malformed PNGs give clear errors', () => {
  const baked = bake(tinyPng(), ob3);
  const itxtAt = 8 + IHDR.length; // offset of the iTXt chunk

  it('bad signature bytes → png-invalid (e.g. a text-mode transfer turned CRLF into LF)', () => {
    const broken = concat(hex('89504e470a1a0a'), baked.subarray(8));
    expect(errorCode(() => unbake(broken))).to.equal('png-invalid');
    expect(errorCode(() => readPngChunks(broken))).to.equal('png-invalid');
    expect(errorCode(() => bake(broken, ob3))).to.equal('png-invalid');
    expect(errorCode(() => unbake(baked.subarray(0, 5)))).to.equal('png-truncated');
  });

  it('truncated chunks → png-truncated, wherever the cut is', () => {
    expect(errorCode(() => unbake(baked.subarray(0, itxtAt + 30)))).to.equal('png-truncated');
    expect(errorCode(() => unbake(baked.subarray(0, itxtAt + 3)))).to.equal('png-truncated');
    expect(errorCode(() => unbake(baked.subarray(0, baked.length - 1)))).to.equal('png-truncated');
  });

  it('missing IEND → png-missing-iend', () => {
    expect(errorCode(() => unbake(baked.subarray(0, baked.length - IEND.length)))).to.equal('png-missing-iend');
  });

  it('a CRC mismatch in the badge chunk is reported, never accepted', () => {
    const tampered = baked.slice();
    flip(tampered, itxtAt + 40, 0x01); // one bit in the credential text
    expect(errorCode(() => unbake(tampered))).to.equal('png-crc-mismatch');
    const badCrc = baked.slice();
    flip(badCrc, itxtAt + 8 + readPngChunks(baked)[1]!.data.length, 0xff); // the stored CRC itself
    expect(errorCode(() => unbake(badCrc))).to.equal('png-crc-mismatch');
  });

  it('pixel-data CRCs: skipped by unbake (never read), checked with verifyAllCrcs, by readPngChunks and by bake', () => {
    const damaged = baked.slice();
    const idat = readPngChunks(baked)[2]!;
    flip(damaged, idat.offset + 8 + idat.data.length, 0xff);
    expect(unbake(damaged)!.version).to.equal(3);
    expect(errorCode(() => unbake(damaged, { verifyAllCrcs: true }))).to.equal('png-crc-mismatch');
    expect(errorCode(() => readPngChunks(damaged))).to.equal('png-crc-mismatch');
    expect(errorCode(() => bake(damaged, ob2))).to.equal('png-crc-mismatch');
  });

  it('absurd chunk lengths are rejected without allocating or reading past the end', () => {
    for (const [length, code] of [
      [0xfffffff0, 'png-invalid'],
      [0x7ffffff0, 'png-truncated'],
      [baked.length, 'png-truncated'],
    ] as const) {
      const bad = baked.slice();
      new DataView(bad.buffer).setUint32(itxtAt, length);
      const started = performance.now();
      expect(errorCode(() => unbake(bad))).to.equal(code);
      expect(performance.now() - started).to.be.below(200);
    }
  });

  it('structural damage: first chunk not IHDR, non-letter chunk type → png-invalid', () => {
    expect(errorCode(() => unbake(concat(SIGNATURE, IDAT, IHDR, IEND)))).to.equal('png-invalid');
    const badType = baked.slice();
    badType[itxtAt + 5] = 0x20;
    expect(errorCode(() => unbake(badType))).to.equal('png-invalid');
  });

  it('a compressed badge (iTXt flag 1, or zTXt) is refused with png-badge-compressed — the spec requires flag 0', () => {
    expect(errorCode(() => unbake(tinyPng(iTxtChunk('openbadgecredential', 'x\u009c', 1))))).to.equal('png-badge-compressed');
    const ztxt = encodePngChunk('zTXt', concat(enc.encode('openbadges'), new Uint8Array([0, 0]), hex('789c030000000001')));
    expect(errorCode(() => unbake(tinyPng(ztxt)))).to.equal('png-badge-compressed');
    // Other compressed text chunks are none of our business.
    expect(unbake(tinyPng(iTxtChunk('Comment', 'x', 1)))).to.equal(undefined);
  });

  it('ambiguous, empty or undecodable badges are refused', () => {
    expect(errorCode(() => unbake(tinyPng(iTxtChunk('openbadges', '{}'), iTxtChunk('openbadgecredential', '{}'))))).to.equal('badge-duplicate');
    expect(errorCode(() => unbake(tinyPng(iTxtChunk('openbadgecredential', ''))))).to.equal('badge-empty');
    const badUtf8 = encodePngChunk('iTXt', concat(enc.encode('openbadgecredential'), new Uint8Array([0, 0, 0, 0, 0, 0xc3, 0x28])));
    expect(errorCode(() => unbake(tinyPng(badUtf8)))).to.equal('badge-text-invalid');
    const cutHeader = encodePngChunk('iTXt', concat(enc.encode('openbadges'), new Uint8Array([0, 0])));
    expect(errorCode(() => unbake(tinyPng(cutHeader)))).to.equal('png-invalid');
  });

  it(`input over ${DEFAULT_MAX_BYTES / 1024 / 1024} MiB → input-too-large, at once`, () => {
    const huge = new Uint8Array(DEFAULT_MAX_BYTES + 1);
    huge.set(baked.subarray(0, 8));
    const started = performance.now();
    expect(errorCode(() => unbake(huge))).to.equal('input-too-large');
    expect(errorCode(() => bake(huge, ob3))).to.equal('input-too-large');
    expect(performance.now() - started).to.be.below(200);
    expect(errorCode(() => unbake(baked, { maxBytes: 100 }))).to.equal('input-too-large');
    expect(unbake(baked, { maxBytes: baked.length })!.version).to.equal(3);
  });

  it('bad credentials and options are refused with credential-invalid / option-invalid', () => {
    expect(errorCode(() => bake(tinyPng(), 'not a badge'))).to.equal('credential-invalid');
    expect(errorCode(() => bake(tinyPng(), '{"unterminated": '))).to.equal('credential-invalid');
    expect(errorCode(() => bake(tinyPng(), '[1,2]'))).to.equal('credential-invalid');
    expect(errorCode(() => bake(tinyPng(), 'eyJhbGciOiJub25lIn0.bm90IGpzb24.c2ln'))).to.equal('credential-invalid');
    expect(errorCode(() => bake(tinyPng(), ob3, { version: 4 as 3 }))).to.equal('option-invalid');
    expect(errorCode(() => bake(tinyPng(), ob3, { onExisting: 'merge' as 'refuse' }))).to.equal('option-invalid');
    expect(errorCode(() => bake(enc.encode('GIF89a'), ob3))).to.equal('image-unsupported');
  });
});
