import { describe, it, expect, readRepoFile, readFixture, readFixtureJson, readFixtureText } from '@col/harness';
import { detect, isColError, bake, encodePngChunk, type Detection } from '@citiesoflearning/core';
import { base64urlEncode } from '../src/internal/base64url.js';
import { utf8Encode } from '../src/internal/utf8.js';

async function data(name: string): Promise<Record<string, unknown>> {
  return JSON.parse(new TextDecoder().decode(await readRepoFile(`packages/core/test/data/normalize/${name}`)));
}

/** An unsigned compact JWS (detect never verifies, so the signature part is arbitrary bytes). */
function jwsOf(payload: unknown, header: unknown = { alg: 'EdDSA', typ: 'JWT' }): string {
  const part = (value: unknown) => base64urlEncode(utf8Encode(JSON.stringify(value)));
  return `${part(header)}.${part(payload)}.${base64urlEncode(new Uint8Array(64).fill(7))}`;
}

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isColError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a ColError');
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('detect: URLs', () => {
  it('accepts http and https links, trimmed', () => {
    expect(detect('  https://badges.example.org/assertions/1001 \n')).to.deep.equal({
      kind: 'url',
      format: 'unknown',
      url: 'https://badges.example.org/assertions/1001',
    });
    expect(detect('http://localhost:8080/a').url).to.equal('http://localhost:8080/a');
  });

  it('refuses other schemes with a plain message', () => {
    for (const text of ['javascript:alert(1)', 'ftp://example.org/badge', 'file:///etc/passwd', 'data:text/html,hi']) {
      const error = errorOf(() => detect(text));
      expect(isColError(error, 'input-unrecognized'), text).to.equal(true);
      expect(error.message).to.match(/^This doesn't look like an Open Badge: /);
    }
  });
});

describe('detect: OB 2.0 JSON', () => {
  it('detects a hosted assertion from an object and from text', async () => {
    const assertion = await data('ob2-hosted-embedded.json');
    const fromObject = detect(assertion);
    expect(fromObject).to.include({ kind: 'json', version: 2, format: 'ob2-hosted' });
    expect(fromObject.json).to.equal(assertion);
    const fromText = detect(`\n\t${JSON.stringify(assertion, null, 2)}  `);
    expect(fromText).to.include({ kind: 'json', version: 2, format: 'ob2-hosted' });
    expect(fromText.json).to.deep.equal(assertion);
  });

  it('reads HostedBadge and SignedBadge verification types', async () => {
    expect(detect(await data('ob2-hosted-iri.json')).format).to.equal('ob2-hosted');
    expect(detect(await data('ob2-signed-assertion.json')).format).to.equal('ob2-signed');
  });

  it('knows an assertion by its type alone, or by its context alone', async () => {
    const assertion = await data('ob2-hosted-iri.json');
    const { '@context': _context, ...noContext } = assertion;
    expect(detect(noContext)).to.include({ version: 2, format: 'ob2-hosted' });
    const { type: _type, verification: _verification, ...contextOnly } = assertion;
    expect(detect(contextOnly)).to.include({ version: 2, format: 'unknown' });
  });

  it('explains that a BadgeClass or an issuer profile is not an awarded badge', () => {
    const badgeClass = { '@context': 'https://w3id.org/openbadges/v2', type: 'BadgeClass', id: 'x', name: 'X' };
    expect(errorOf(() => detect(badgeClass)).message).to.match(/BadgeClass/);
    expect(errorOf(() => detect({ type: 'Issuer', id: 'https://a.example' })).message).to.match(/issuer/);
  });
});

describe('detect: OB 3.0 JSON', () => {
  it('detects a Data Integrity credential (VC 2.0) from the DCC fixtures', async () => {
    const credential = await readFixtureJson('dcc/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-OBSpecExample.json');
    expect(detect(credential)).to.include({ kind: 'json', version: 3, format: 'ob3-data-integrity' });
    const text = await readFixtureText('dcc/verifiableCredentials/v1/bothSignatureTypes/didKey/legacy-noStatus-noExpiry.json');
    expect(detect(text)).to.include({ kind: 'json', version: 3, format: 'ob3-data-integrity' });
  });

  it('detects a credential without a proof as version 3, format unknown', async () => {
    const credential = await data('ob3-vc2-multilingual.json');
    expect(detect(credential)).to.include({ kind: 'json', version: 3, format: 'unknown' });
  });

  it('detects a Verifiable Credential without an OB type as version 3, so it can still be verified', async () => {
    const credential = await readFixtureJson('dcc/verifiableCredentials/v2/bothSignatureTypes/didkey/legacy-noStatus-noExpiry-nonOBWithOBContext.json');
    expect(detect(credential)).to.include({ kind: 'json', version: 3, format: 'ob3-data-integrity' });
  });
});

describe('detect: compact JWS', () => {
  it('detects an OB 3.0 VC-JWT whose payload is the credential', async () => {
    const payload = await data('ob3-jwt-payload.json');
    const jws = jwsOf(payload);
    const found = detect(` ${jws}\n`);
    expect(found).to.include({ kind: 'jws', version: 3, format: 'ob3-jwt', jws });
    expect(found.payload).to.deep.equal(payload);
  });

  it('detects a VC 1.1 JWT and returns the credential from the vc claim', async () => {
    const payload = await data('ob3-jwt-vc11.json');
    const found = detect(jwsOf(payload));
    expect(found).to.include({ kind: 'jws', version: 3, format: 'ob3-jwt' });
    expect(found.payload).to.deep.equal(payload.vc);
  });

  it('detects an OB 2.0 signed assertion', async () => {
    const assertion = await data('ob2-signed-assertion.json');
    const found = detect(jwsOf(assertion, { alg: 'RS256' }));
    expect(found).to.include({ kind: 'jws', version: 2, format: 'ob2-signed' });
    expect(found.payload).to.deep.equal(assertion);
  });

  it('accepts a JWS given as bytes or as a quoted JSON string', async () => {
    const jws = jwsOf(await data('ob3-jwt-payload.json'));
    expect(detect(utf8Encode(jws)).format).to.equal('ob3-jwt');
    expect(detect(utf8Encode(jws).buffer as ArrayBuffer).format).to.equal('ob3-jwt');
    expect(detect(JSON.stringify(jws)).format).to.equal('ob3-jwt');
  });

  it('reports bad base64url, a non-JSON payload and a detached payload as jws-malformed', () => {
    const header = base64urlEncode(utf8Encode('{"alg":"EdDSA"}'));
    expect(errorCode(() => detect(`${header}.eyJ!!!.sig`))).to.equal('jws-malformed');
    expect(errorCode(() => detect(`${header}.a.sig`))).to.equal('jws-malformed'); // length 1 mod 4
    expect(errorCode(() => detect(`${header}.${base64urlEncode(utf8Encode('not json'))}.sig`))).to.equal('jws-malformed');
    expect(errorCode(() => detect(`${header}.${base64urlEncode(utf8Encode('[1,2]'))}.sig`))).to.equal('jws-malformed');
    expect(errorCode(() => detect(`${header}.${base64urlEncode(new Uint8Array([0xff, 0xfe, 0x7b]))}.sig`))).to.equal('jws-malformed');
    expect(errorCode(() => detect(`${header}..sig`))).to.equal('jws-malformed');
    expect(errorCode(() => detect(`${base64urlEncode(utf8Encode('nope'))}.${header}.sig`))).to.equal('jws-malformed');
    expect(errorOf(() => detect(`${header}.eyJ!!!.sig`)).message).to.match(/damaged: its payload is not valid base64url/);
    expect(errorOf(() => detect(`${header}.${base64urlEncode(new Uint8Array([0xff, 0xfe, 0x7b]))}.sig`)).message).to.match(/damaged: its payload is not UTF-8 text/);
  });

  it('detects a VC 2.0 EnvelopedVerifiableCredential as the VC-JWT it carries', async () => {
    const payload = await data('ob3-jwt-payload.json');
    const jws = jwsOf(payload);
    const envelope = { '@context': 'https://www.w3.org/ns/credentials/v2', type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${jws}` };
    const found = detect(JSON.stringify(envelope));
    expect(found).to.include({ kind: 'json', version: 3, format: 'ob3-jwt', jws });
    expect(found.payload).to.deep.equal(payload);
    expect(found.json).to.deep.equal(envelope);
    expect(errorCode(() => detect({ ...envelope, id: 'data:text/plain,hello' }))).to.equal('input-unrecognized');
    expect(errorCode(() => detect({ ...envelope, id: 'data:application/vc+jwt,eyJhbGciOiJFZERTQSJ9.eyJ@.x' }))).to.equal('input-unrecognized');
  });

  it('refuses a well-formed JWS that carries something else', () => {
    expect(errorCode(() => detect(jwsOf({ hello: 'world' })))).to.equal('input-unrecognized');
  });
});

describe('detect: bad input', () => {
  it('refuses empty input of every kind', () => {
    for (const input of ['', '   \n\t', '\uFEFF', new Uint8Array(0), new ArrayBuffer(0)]) {
      const error = errorOf(() => detect(input));
      expect(isColError(error, 'input-unrecognized')).to.equal(true);
      expect(error.message).to.match(/empty/);
    }
    expect(errorCode(() => detect(null as unknown as object))).to.equal('input-unrecognized');
  });

  it('refuses garbage with a plain message', () => {
    for (const input of ['hello world', 'not a badge', '12345', 'a.b', '<html><body>hi</body></html>', '[1,2,3]', '{"a":1}', 'did:key:z6Mk']) {
      const error = errorOf(() => detect(input));
      expect(isColError(error, 'input-unrecognized'), input).to.equal(true);
      expect(error.message).to.match(/^This doesn't look like an Open Badge: /);
    }
    expect(errorCode(() => detect(new Uint8Array([0, 1, 2, 0xff, 0xfe])))).to.equal('input-unrecognized');
    expect(errorCode(() => detect([] as object))).to.equal('input-unrecognized');
    expect(errorCode(() => detect(new Uint16Array(4)))).to.equal('input-unrecognized');
  });

  it('reports broken JSON as json-invalid with a position', () => {
    const error = errorOf(() => detect('{"type": "Assertion", }'));
    expect(isColError(error, 'json-invalid')).to.equal(true);
    expect((error as { details?: Record<string, unknown> }).details).to.include({ line: 1, column: 23 });
  });

  it('refuses 50 MB strings and bytes quickly with input-too-large', () => {
    const huge = `{"a":"${'x'.repeat(50 * 1024 * 1024)}"}`;
    let started = Date.now();
    expect(errorCode(() => detect(huge))).to.equal('input-too-large');
    expect(Date.now() - started).to.be.lessThan(200);
    const bytes = new Uint8Array(50 * 1024 * 1024).fill(0x20);
    started = Date.now();
    expect(errorCode(() => detect(bytes))).to.equal('input-too-large');
    expect(Date.now() - started).to.be.lessThan(200);
    expect(errorCode(() => detect('{"a":"0123456789"}', { maxBytes: 10 }))).to.equal('input-too-large');
  });

  it('refuses deep nesting with json-too-deep', () => {
    expect(errorCode(() => detect(`{"a":${'['.repeat(50_000)}`))).to.equal('json-too-deep');
  });

  it('never lets a __proto__ key pollute anything', () => {
    const found: Detection = detect('{"__proto__": {"polluted": true}, "type": "Assertion", "verification": {"type": "hosted"}}');
    expect(found.format).to.equal('ob2-hosted');
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(Object.getPrototypeOf(found.json)).to.equal(Object.prototype);
  });
});

describe('detect: baked images', () => {
  const PNG = 'dcc/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-OBSpecExample.png';
  const SVG = 'dcc/verifiableCredentials/v1/dataIntegrityProof/didKey/mixedRegistry-validStatus-noExpiry.svg';
  const CREDENTIAL = 'dcc/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-OBSpecExample.json';

  it('finds an OB 3.0 credential baked into a PNG (bytes and ArrayBuffer)', async () => {
    const credential = await readFixtureJson(CREDENTIAL);
    const png = bake(await readFixture(PNG), credential);
    const found = detect(png);
    expect(found).to.include({ kind: 'png', image: 'png', version: 3, format: 'ob3-data-integrity' });
    expect(found.json).to.deep.equal(credential);
    const copy = png.slice().buffer as ArrayBuffer;
    expect(detect(copy)).to.include({ kind: 'png', format: 'ob3-data-integrity' });
  });

  it('finds an OB 2.0 signed JWS baked into a PNG', async () => {
    const jws = jwsOf(await data('ob2-signed-assertion.json'), { alg: 'RS256' });
    const found = detect(bake(await readFixture(PNG), jws, { version: 2 }));
    expect(found).to.include({ kind: 'png', image: 'png', version: 2, format: 'ob2-signed', jws });
    expect(found.payload).to.have.property('type', 'Assertion');
  });

  it('finds a VC-JWT baked into an SVG, given as bytes or as text', async () => {
    const jws = jwsOf(await data('ob3-jwt-payload.json'));
    const svg = bake(await readFixture(SVG), jws);
    expect(detect(svg)).to.include({ kind: 'svg', image: 'svg', version: 3, format: 'ob3-jwt', jws });
    const text = new TextDecoder().decode(svg);
    expect(detect(`\n  ${text}`)).to.include({ kind: 'svg', format: 'ob3-jwt', jws });
  });

  it('finds an OB 2.0 hosted assertion baked as JSON into an SVG', async () => {
    const assertion = await data('ob2-hosted-embedded.json');
    const found = detect(bake(await readFixture(SVG), assertion));
    expect(found).to.include({ kind: 'svg', version: 2, format: 'ob2-hosted' });
    expect(found.json).to.deep.equal(assertion);
  });

  it('reports the hosted URL of a legacy baked PNG', async () => {
    const png = await readFixture(PNG);
    const text = new Uint8Array([...utf8Encode('openbadges'), 0, ...utf8Encode('https://badges.example.org/assertions/1001')]);
    const legacy = new Uint8Array([...png.subarray(0, 33), ...encodePngChunk('tEXt', text), ...png.subarray(33)]);
    expect(detect(legacy)).to.deep.equal({
      kind: 'png',
      image: 'png',
      version: 2,
      format: 'unknown',
      bakedUrl: 'https://badges.example.org/assertions/1001',
    });
  });

  it('says so when an image carries no badge, and passes on image errors', async () => {
    const plain = await readFixture(PNG);
    const error = errorOf(() => detect(plain));
    expect(isColError(error, 'image-not-baked')).to.equal(true);
    expect(error.message).to.equal('This image has no badge baked into it.');
    expect(errorCode(() => detect('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'))).to.equal('image-not-baked');
    // A truncated PNG: the image reader's own code reaches the caller.
    const truncated = plain.subarray(0, 40);
    expect(errorCode(() => detect(truncated))).to.match(/^png-/);
  });

  it('refuses an image baked with something that is not a badge', async () => {
    const png = bake(await readFixture(PNG), '{"hello": "world"}', { version: 3 });
    const error = errorOf(() => detect(png));
    expect(isColError(error, 'input-unrecognized')).to.equal(true);
    expect(error.message).to.match(/^The image carries something that is not a badge/);
  });
});
