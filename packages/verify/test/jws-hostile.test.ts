// Hostile compact JWS headers and payloads, through the public verify() and verifyJws(): every
// JWS goes through core's one hardened decoder (size and depth limits, prototype keys dropped),
// so each ends in a clear parse or proof verdict — never a crash, a hang or a polluted prototype.
// Node and Chromium.
import { describe, it, before, expect, rejectionCode } from '@col/harness';
import { generateKeyPair, signCredentialJwt, verify, verifyJws, type KeyPair, type VerificationReport } from '@citiesoflearning/verify';

const utf8 = (text: string) => new TextEncoder().encode(text);
function b64u(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 8192) binary += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
const part = (json: string) => b64u(utf8(json));

let issuer: KeyPair;

function credential(): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'urn:uuid:0c9e3f0a-58d1-4a4e-9a7e-2b1d3c4e5f60',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer.did, type: ['Profile'], name: 'Cities of Learning' },
    validFrom: '2026-01-01T00:00:00Z',
    name: 'Digital Maker',
    credentialSubject: {
      id: 'did:example:learner',
      type: ['AchievementSubject'],
      achievement: { id: 'https://cities.example/a/1', type: ['Achievement'], name: 'Digital Maker', criteria: { narrative: 'Made things.' } },
    },
  };
}

/** A VC-JWT over exactly these header and payload JSON texts, signed by the issuer's real key. */
async function signText(headerJson: string, payloadJson: string): Promise<string> {
  const input = `${part(headerJson)}.${part(payloadJson)}`;
  const cryptoKey = (await crypto.subtle.importKey('jwk', issuer.privateJwk, { name: 'Ed25519' }, false, ['sign'])) as CryptoKey;
  const signature = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, cryptoKey, utf8(input)));
  return `${input}.${b64u(signature)}`;
}

function parseVerdict(report: VerificationReport): { outcome: string; code: string } {
  expect(report.verified, JSON.stringify(report.checks)).to.equal(false);
  const parse = report.checks.find((c) => c.id === 'parse');
  expect(parse, JSON.stringify(report.checks)).to.not.equal(undefined);
  return { outcome: parse!.outcome, code: parse!.code };
}

describe('verify() on hostile compact JWS input', () => {
  before(async () => {
    issuer = await generateKeyPair();
  });

  it('a genuine VC-JWT from the same key verifies (the control for every case below)', async () => {
    const jwt = await signCredentialJwt(credential(), { privateJwk: issuer.privateJwk, kid: issuer.verificationMethod });
    const report = await verify(jwt, { offline: true });
    expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
  });

  it('a payload nested 10 000 deep is refused as json-too-deep before it is parsed', async () => {
    const deep = `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const jwt = await signText(JSON.stringify({ alg: 'EdDSA', kid: issuer.verificationMethod }), deep);
    expect(parseVerdict(await verify(jwt, { offline: true }))).to.deep.equal({ outcome: 'failed', code: 'json-too-deep' });
  });

  it('a header nested 10 000 deep is refused the same way', async () => {
    const deepHeader = `{"alg":"EdDSA","x":${'{"y":'.repeat(10_000)}1${'}'.repeat(10_000)}}`;
    const jwt = await signText(deepHeader, JSON.stringify(credential()));
    expect(parseVerdict(await verify(jwt, { offline: true }))).to.deep.equal({ outcome: 'failed', code: 'json-too-deep' });
  });

  it('verifyJws() applies the same depth limit to a payload it parses after the signature', async () => {
    const deep = `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const jwt = await signText(JSON.stringify({ alg: 'EdDSA' }), deep);
    expect(await rejectionCode(verifyJws(jwt, issuer.publicJwk))).to.equal('json-too-deep');
  });

  it('__proto__, constructor and prototype keys are dropped: the prototype stays clean and the badge still verifies', async () => {
    const payload = JSON.stringify(credential()).replace(
      /^\{/,
      '{"__proto__":{"polluted":"payload"},"constructor":{"prototype":{"polluted":"ctor"}},',
    );
    const header = `{"__proto__":{"polluted":"header"},"alg":"EdDSA","typ":"JWT","kid":${JSON.stringify(issuer.verificationMethod)}}`;
    const report = await verify(await signText(header, payload), { offline: true });
    // The signature covers the bytes as sent, so the badge is genuine; the dangerous keys are
    // simply not read.
    expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
    expect(report.badge?.name).to.equal('Digital Maker');
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).to.equal(false);
  });

  it('a huge header or payload segment is refused as input-too-large, under the default and a smaller maxBytes', async () => {
    const hugeHeader = `${part(JSON.stringify({ alg: 'EdDSA', pad: 'x'.repeat(6 * 1024 * 1024) }))}.${part('{}')}.AAAA`;
    expect(parseVerdict(await verify(hugeHeader, { offline: true }))).to.deep.equal({ outcome: 'failed', code: 'input-too-large' });
    const jwt = await signText(JSON.stringify({ alg: 'EdDSA', kid: issuer.verificationMethod }), JSON.stringify({ ...credential(), pad: 'x'.repeat(200_000) }));
    expect(parseVerdict(await verify(jwt, { offline: true, maxBytes: 100_000 }))).to.deep.equal({ outcome: 'failed', code: 'input-too-large' });
  });

  it('bad base64url, non-UTF-8 bytes and non-object JSON in a part are jws-malformed', async () => {
    const payload = part(JSON.stringify(credential()));
    const cases = {
      'a character outside base64url': `eyJhbGciOiJFZERTQSJ9!.${payload}.AAAA`,
      'an impossible base64url length': `${part('{"alg":"EdDSA"}')}.${payload}A.AAAA`,
      'a header that is not UTF-8': `${b64u(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]))}.${payload}.AAAA`,
      'a header that is a JSON array': `${part('["EdDSA"]')}.${payload}.AAAA`,
      'a header that is not JSON': `${part('{alg: EdDSA}')}.${payload}.AAAA`,
    };
    for (const [what, jws] of Object.entries(cases)) {
      const verdict = parseVerdict(await verify(jws, { offline: true }));
      expect(verdict, what).to.deep.equal({ outcome: 'failed', code: 'jws-malformed' });
    }
  });
});
