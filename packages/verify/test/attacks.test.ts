// Attacks on the verification flow. Each must end `failed` or `inconclusive` — never `verified`,
// never a crash or a hang — and must not fetch anything it should not. Node and Chromium.
import { describe, it, before, expect } from '@col/harness';
import { CompactSign } from 'jose';
import fc from 'fast-check';
import { verify, signCredentialJwt, signDataIntegrity, signOb2Assertion, jwkToDidKey, type VerificationReport, type VerifyOptions } from '@citiesoflearning/verify';
import { buildWorld, routesFetch, DID_WEB, DID_WEB_URL, NOW, OB3_CONTEXT, type World } from './data/flow/world.js';
import { JSON_TYPE } from './data/flow/world.js';

const BASE = 'https://issuer.example';
const b64u = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const enc = (v: unknown) => b64u(new TextEncoder().encode(JSON.stringify(v)));

function unsigned<T extends Record<string, unknown>>(doc: T, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { proof: _proof, ...rest } = doc;
  return { ...rest, ...extra };
}

function notVerified(report: VerificationReport, id: string, codes: string[]) {
  expect(report.outcome, JSON.stringify(report.checks)).to.be.oneOf(['failed', 'inconclusive']);
  expect(report.verified).to.equal(false);
  const c = report.checks.find((x) => x.id === id);
  expect(c, `no ${id} check in ${JSON.stringify(report.checks)}`).to.not.equal(undefined);
  expect(c!.outcome).to.be.oneOf(['failed', 'inconclusive']);
  expect(codes, JSON.stringify(c)).to.include(c!.code);
}

describe('attacks on verify()', () => {
  let world: World;
  let log: string[];
  let options: VerifyOptions;
  before(async () => {
    world = await buildWorld(BASE);
  });
  const fresh = () => {
    log = [];
    options = { fetch: routesFetch(world, log), documents: world.documents, now: NOW };
    return options;
  };

  it('alg "none" is refused before any lookup', async () => {
    const jws = `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ ...world.ob3.jwtCredential, iss: world.ids.httpsIssuerId })}.`;
    notVerified(await verify(jws, fresh()), 'proof', ['alg-forbidden']);
    expect(log).to.deep.equal([]);
  });

  it('HS256 "signed" with the public key is refused', async () => {
    const jwk = world.keys.p256.publicJwk;
    const header = enc({ alg: 'HS256', typ: 'JWT', jwk });
    const payload = enc(world.ob3.jwtCredential);
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(JSON.stringify(jwk)), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const sig = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${header}.${payload}`)));
    notVerified(await verify(`${header}.${payload}.${b64u(sig)}`, fresh()), 'proof', ['alg-forbidden']);
  });

  it('a jwk header carrying a private key is refused', async () => {
    const { privateJwk } = world.keys.p256;
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(world.ob3.jwtCredential)))
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', jwk: privateJwk as never })
      .sign(await crypto.subtle.importKey('jwk', privateJwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']));
    notVerified(await verify(jws, fresh()), 'key', ['jwk-private']);
  });

  it('a jwk header key the issuer does not vouch for is not trusted', async () => {
    const jws = await signCredentialJwt(world.ob3.jwtCredential, { privateJwk: world.keys.strangerP256.privateJwk });
    const report = await verify(jws, fresh());
    notVerified(report, 'key', ['jwk-not-vouched']);
  });

  it('a kid URL on another host is not followed', async () => {
    const jws = await signCredentialJwt(world.ob3.jwtCredential, { privateJwk: world.keys.strangerP256.privateJwk, kid: 'https://evil.example/key.json' });
    notVerified(await verify(jws, fresh()), 'key', ['kid-foreign']);
    expect(log).to.not.include('/key.json');
  });

  it('a did:key that is not the issuer cannot sign for a did:web issuer', async () => {
    const stranger = jwkToDidKey(world.keys.stranger.publicJwk);
    const forged = await signDataIntegrity(
      unsigned(world.ob3.diGood, { id: 'urn:uuid:99999999-0000-4000-8000-000000000001' }),
      { privateJwk: world.keys.stranger.privateJwk, verificationMethod: stranger.verificationMethod },
    );
    notVerified(await verify(forged, fresh()), 'key', ['key-not-issuers']);
  });

  it('a DID document whose id differs from the DID is rejected', async () => {
    const doc = { ...(world.documents[DID_WEB_URL] as object), id: 'did:web:evil.example' };
    const report = await verify(world.ob3.diGood, { ...fresh(), documents: { [DID_WEB_URL]: doc } });
    notVerified(report, 'key', ['did-document-mismatch']);
  });

  it('a key the DID document does not authorise for assertions is rejected', async () => {
    const doc = { ...(world.documents[DID_WEB_URL] as Record<string, unknown>), assertionMethod: [] };
    notVerified(await verify(world.ob3.diGood, { ...fresh(), documents: { [DID_WEB_URL]: doc } }), 'key', ['vm-not-assertion']);
  });

  it('a verification method controlled by someone else is rejected', async () => {
    const base = world.documents[DID_WEB_URL] as Record<string, unknown>;
    const vms = (base.verificationMethod as Array<Record<string, unknown>>).map((m) => ({ ...m, controller: 'did:web:evil.example' }));
    notVerified(await verify(world.ob3.diGood, { ...fresh(), documents: { [DID_WEB_URL]: { ...base, verificationMethod: vms } } }), 'key', ['key-not-issuers']);
  });

  it('an unknown (remote) @context is never fetched', async () => {
    const evil = { ...world.ob3.diGood, '@context': [...OB3_CONTEXT, 'https://issuer.example/evil-context.json'] };
    world.routes.set('/evil-context.json', { headers: JSON_TYPE, body: JSON.stringify({ '@context': { name: 'https://evil.example/name' } }) });
    notVerified(await verify(evil, fresh()), 'proof', ['context-unknown', 'signature-invalid']);
    expect(log).to.not.include('/evil-context.json');
  });

  it('a tampered credential fails its signature', async () => {
    const tampered = { ...world.ob3.diGood, name: 'Rocket Science' };
    notVerified(await verify(tampered, fresh()), 'proof', ['signature-invalid']);
    const subject = { ...(world.ob3.diGood.credentialSubject as object), achievement: { id: 'https://evil.example/phd', type: ['Achievement'], name: 'PhD', description: 'A doctorate.', criteria: { narrative: 'None.' } } };
    notVerified(await verify({ ...world.ob3.diGood, credentialSubject: subject }, fresh()), 'proof', ['signature-invalid']);
  });

  it('a tampered VC-JWT fails its signature', async () => {
    const [h, , s] = world.ob3.jwtWithJwk.split('.');
    const payload = enc({ ...world.ob3.jwtCredential, name: 'Rocket Science', iss: world.ids.httpsIssuerId, jti: world.ob3.jwtCredential.id, nbf: 1735689600 });
    notVerified(await verify(`${h}.${payload}.${s}`, fresh()), 'proof', ['signature-invalid']);
  });

  it('a tampered status list is not believed', async () => {
    notVerified(await verify(world.ob3.diTamperedList, fresh()), 'status', ['status-list-invalid']);
  });

  it('a status list signed by a stranger is not believed', async () => {
    const list = JSON.parse(world.routes.get('/status/revocation')!.body as string);
    const stranger = jwkToDidKey(world.keys.stranger.publicJwk);
    const forged = await signDataIntegrity(
      unsigned(list, { issuer: DID_WEB }),
      { privateJwk: world.keys.stranger.privateJwk, verificationMethod: stranger.verificationMethod },
    );
    const documents = { ...world.documents, [`${BASE}/status/revocation`]: forged };
    notVerified(await verify(world.ob3.diGood, { ...fresh(), documents }), 'status', ['status-list-invalid']);
  });

  it('expired and not-yet-valid credentials fail validity', async () => {
    const sign = (extra: Record<string, unknown>) =>
      signDataIntegrity(
        unsigned(world.ob3.diDidKey, extra),
        { privateJwk: world.keys.ed.privateJwk, verificationMethod: world.ids.edDid.verificationMethod },
      );
    notVerified(await verify(await sign({ validUntil: '2026-01-01T00:00:00Z' }), fresh()), 'validity', ['expired']);
    notVerified(await verify(await sign({ validFrom: '2027-01-01T00:00:00Z' }), fresh()), 'validity', ['not-yet-valid']);
    const jwtExpired = await signCredentialJwt({ ...world.ob3.jwtCredential, validUntil: '2026-01-01T00:00:00Z' }, { privateJwk: world.keys.p256.privateJwk });
    notVerified(await verify(jwtExpired, fresh()), 'validity', ['expired']);
  });

  it('oversized JSON and JWT inputs are refused without parsing', async () => {
    const big = JSON.stringify({ ...world.ob3.diGood, padding: 'x'.repeat(3 * 1024 * 1024) });
    notVerified(await verify(big, fresh()), 'parse', ['input-too-large']);
    const bigJws = `${enc({ alg: 'ES256' })}.${'A'.repeat(3 * 1024 * 1024)}.AAAA`;
    notVerified(await verify(bigJws, fresh()), 'parse', ['input-too-large']);
    notVerified(await verify(JSON.stringify(world.ob3.diGood), { ...fresh(), maxBytes: 1000 }), 'parse', ['input-too-large']);
  });

  it('a redirect loop ends inconclusive with a clear code', async () => {
    const report = await verify(`${BASE}/redirect/a`, fresh());
    expect(report.outcome).to.equal('inconclusive');
    expect(report.checks[0]).to.include({ id: 'parse', code: 'redirect-loop' });
  });

  it('more than 5 redirects end inconclusive', async () => {
    const report = await verify(`${BASE}/hop/0`, fresh());
    expect(report.outcome).to.equal('inconclusive');
    expect(report.checks[0]).to.include({ code: 'too-many-redirects' });
  });

  it('a slow server times out: inconclusive, quickly', async () => {
    world.routes.set('/slow', { delayMs: 20_000, body: '{}' });
    const started = Date.now();
    const report = await verify(`${BASE}/slow`, { ...fresh(), timeoutMs: 200 });
    expect(Date.now() - started).to.be.lessThan(5000);
    expect(report.outcome).to.equal('inconclusive');
    expect(report.checks[0]).to.include({ code: 'fetch-timeout' });
  });

  it('plain http:// off loopback is refused, for the input and for lookups', async () => {
    const report = await verify('http://issuer.example/ob2/assertions/1', fresh());
    expect(report.outcome).to.equal('inconclusive');
    expect(report.checks[0]).to.include({ code: 'insecure-url' });
    expect(log).to.deep.equal([]);
    const httpStatus = await signDataIntegrity(
      unsigned(world.ob3.diDidKey, {
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '1', statusListCredential: 'http://issuer.example/status/revocation' },
      }),
      { privateJwk: world.keys.ed.privateJwk, verificationMethod: world.ids.edDid.verificationMethod },
    );
    notVerified(await verify(httpStatus, fresh()), 'status', ['status-unreachable']);
    expect(log).to.deep.equal([]);
  });

  it('an invalid base58 proof value fails the proof', async () => {
    const proof = { ...(world.ob3.diGood.proof as object), proofValue: 'z0OIl0OIl' };
    notVerified(await verify({ ...world.ob3.diGood, proof }, fresh()), 'proof', ['proof-malformed']);
  });

  it('a truncated baked PNG fails parse', async () => {
    const png = world.images.bakedPng;
    for (const cut of [png.length - 1, png.length - 20, Math.floor(png.length / 2), 12]) {
      const report = await verify(png.slice(0, cut), fresh());
      expect(report.outcome).to.equal('failed');
      expect(report.checks[0]!.id).to.equal('parse');
      expect(report.checks[0]!.code).to.be.oneOf(['png-truncated', 'png-missing-iend', 'png-crc-mismatch']);
    }
  });

  it('OB 2.0: a key whose owner is another issuer is not trusted', async () => {
    world.routes.set('/ob2/evil-key', {
      headers: JSON_TYPE, body: JSON.stringify({ type: 'CryptographicKey', id: `${BASE}/ob2/evil-key`, owner: `${BASE}/ob2/other-issuer`, publicKeyPem: world.keys.rsaPem }),
    });
    const assertion = { ...world.ob2.signedAssertion('evil-1'), verification: { type: 'signed', creator: `${BASE}/ob2/evil-key` } };
    const jws = await signOb2Assertion(assertion, { privateJwk: world.keys.rsaPrivateJwk, alg: 'RS256' });
    notVerified(await verify(jws, fresh()), 'key', ['key-not-issuers']);
  });

  it('OB 2.0: a key that names the issuer as owner but is not listed by the hosted issuer is not trusted', async () => {
    world.routes.set('/ob2/unlisted-key', {
      headers: JSON_TYPE, body: JSON.stringify({ type: 'CryptographicKey', id: `${BASE}/ob2/unlisted-key`, owner: `${BASE}/ob2/issuer`, publicKeyPem: world.keys.rsaPem }),
    });
    const assertion = { ...world.ob2.signedAssertion('evil-2'), verification: { type: 'signed', creator: `${BASE}/ob2/unlisted-key` } };
    const jws = await signOb2Assertion(assertion, { privateJwk: world.keys.rsaPrivateJwk, alg: 'RS256' });
    notVerified(await verify(jws, fresh()), 'key', ['key-not-issuers']);
  });

  it('OB 2.0: a signature by another key fails, and an embedded issuer is not trusted for keys', async () => {
    const jws = await signOb2Assertion(world.ob2.signedAssertion('evil-3'), { privateJwk: world.keys.otherRsaPrivateJwk, alg: 'RS256' });
    notVerified(await verify(jws, fresh()), 'proof', ['signature-invalid']);
    const embedded = {
      ...world.ob2.signedAssertion('evil-4'),
      badge: { id: `${BASE}/evil-badge`, type: 'BadgeClass', name: 'X', description: 'X', image: `${BASE}/x.png`, criteria: {}, issuer: { id: 'https://evil.example/issuer', type: 'Issuer', name: 'Evil', url: 'https://evil.example', publicKey: `${BASE}/ob2/key` } },
    };
    const jws2 = await signOb2Assertion(embedded, { privateJwk: world.keys.rsaPrivateJwk, alg: 'RS256' });
    const report = await verify(jws2, fresh());
    expect(report.verified).to.equal(false);
  });

  it('OB 2.0 hosted: an assertion outside the issuer verification policy is rejected', async () => {
    world.routes.set('/ob2/strict-issuer', {
      headers: JSON_TYPE, body: JSON.stringify({ type: 'Issuer', id: `${BASE}/ob2/strict-issuer`, name: 'Strict', url: BASE, email: 'a@example.org', verification: { startsWith: `${BASE}/ob2/official/` } }),
    });
    world.routes.set('/ob2/strict-badge', {
      headers: JSON_TYPE, body: JSON.stringify({ type: 'BadgeClass', id: `${BASE}/ob2/strict-badge`, name: 'S', description: 'S', image: `${BASE}/s.png`, criteria: {}, issuer: `${BASE}/ob2/strict-issuer` }),
    });
    world.routes.set('/ob2/elsewhere/1', {
      headers: JSON_TYPE, body: JSON.stringify({ ...world.ob2.assertion(`${BASE}/ob2/elsewhere/1`), badge: `${BASE}/ob2/strict-badge` }),
    });
    notVerified(await verify(`${BASE}/ob2/elsewhere/1`, fresh()), 'key', ['hosted-origin-mismatch']);
  });

  it('OB 2.0 hosted: the copy at the id must say it is that assertion', async () => {
    world.routes.set('/ob2/impostor', { headers: JSON_TYPE, body: JSON.stringify(world.ob2.hosted) });
    notVerified(await verify(`${BASE}/ob2/impostor`, fresh()), 'proof', ['hosted-mismatch']);
  });

  it('random input of any shape never throws and never verifies', async () => {
    const opts = { offline: true, now: NOW };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.jsonValue(),
          fc.uint8Array({ maxLength: 200 }),
          fc.constantFrom([], new Date(), '{}', '[]', 'a.b.c', 'eyJhbGciOiJub25lIn0.e30.', 'https://', 'http://[::1'),
          fc.record({ '@context': fc.constant(OB3_CONTEXT), type: fc.constant(['VerifiableCredential', 'OpenBadgeCredential']), issuer: fc.jsonValue(), credentialSubject: fc.jsonValue(), proof: fc.jsonValue() }),
        ),
        async (input) => {
          const report = await verify(input as object, opts);
          expect(report.verified).to.equal(false);
          expect(['failed', 'inconclusive']).to.include(report.outcome);
        },
      ),
      { numRuns: 150 },
    );
  });
});
