// Key resolution rules seen through verify(): did:web URLs, standalone https keys, kid URLs the
// issuer lists, OB 2.0 legacy uid revocation. Node and Chromium.
import { describe, it, before, expect } from '@col/harness';
import { verify, didWebToUrl, signCredentialJwt, signDataIntegrity, signOb2Assertion, type VerifyOptions } from '@citiesoflearning/verify';
import { buildWorld, routesFetch, NOW, type World } from './data/flow/world.js';
import { JSON_TYPE } from './data/flow/world.js';

const BASE = 'https://issuer.example';

describe('didWebToUrl', () => {
  it('maps host, path and an encoded port', () => {
    expect(didWebToUrl('did:web:example.com')).to.equal('https://example.com/.well-known/did.json');
    expect(didWebToUrl('did:web:example.com:orgs:a')).to.equal('https://example.com/orgs/a/did.json');
    expect(didWebToUrl('did:web:localhost%3A8443:u:1#key-1')).to.equal('https://localhost:8443/u/1/did.json');
    expect(didWebToUrl('did:web:digitalcredentials.github.io:vc-test-fixtures:dids:legacy')).to.equal(
      'https://digitalcredentials.github.io/vc-test-fixtures/dids/legacy/did.json',
    );
  });
  it('refuses path tricks', () => {
    expect(() => didWebToUrl('did:web:example.com:..:x')).to.throw(/not valid/);
    expect(() => didWebToUrl('did:web:evil.example%2Fx')).to.throw(/not valid/);
  });
});

describe('key resolution through verify()', () => {
  let world: World;
  let options: VerifyOptions;
  before(async () => {
    world = await buildWorld(BASE);
    options = { fetch: routesFetch(world), documents: world.documents, now: NOW };
  });

  it('a standalone https key document controlled by the issuer and listed in its assertionMethod', async () => {
    const keyUrl = `${BASE}/keys/ed-standalone`;
    const issuerId = `${BASE}/issuer-2`;
    world.routes.set('/keys/ed-standalone', {
      headers: JSON_TYPE, body: JSON.stringify({ id: keyUrl, type: 'Multikey', controller: issuerId, publicKeyMultibase: world.keys.ed.publicKeyMultibase }),
    });
    world.routes.set('/issuer-2', { headers: JSON_TYPE, body: JSON.stringify({ id: issuerId, type: ['Profile'], name: 'Second', assertionMethod: [keyUrl] }) });
    const { proof: _p, ...unsigned } = world.ob3.diHttpsController;
    const signed = await signDataIntegrity({ ...unsigned, issuer: { id: issuerId, type: ['Profile'], name: 'Second' } }, {
      privateJwk: world.keys.ed.privateJwk,
      verificationMethod: keyUrl,
    });
    const report = await verify(signed, options);
    expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
    // The same key, no longer listed by the issuer: not the issuer's.
    world.routes.set('/issuer-2', { headers: JSON_TYPE, body: JSON.stringify({ id: issuerId, type: ['Profile'], name: 'Second', assertionMethod: [] }) });
    const unlisted = await verify(signed, options);
    expect(unlisted.checks.find((c) => c.id === 'key')).to.include({ outcome: 'failed', code: 'vm-not-assertion' });
  });

  it('a kid URL on another host counts when the issuer profile lists it', async () => {
    const kid = 'https://keys.example/p256.json';
    const issuerId = `${BASE}/issuer-3`;
    world.routes.set('/issuer-3', { headers: JSON_TYPE, body: JSON.stringify({ id: issuerId, type: ['Profile'], name: 'Third', assertionMethod: [kid] }) });
    const jws = await signCredentialJwt({ ...world.ob3.jwtCredential, issuer: { id: issuerId, type: ['Profile'], name: 'Third' } }, {
      privateJwk: world.keys.p256.privateJwk,
      kid,
    });
    const keyHost = { base: 'https://keys.example', routes: new Map([['/p256.json', { headers: JSON_TYPE, body: JSON.stringify(world.keys.p256.publicJwk) }]]) };
    const both: typeof fetch = (input, init) =>
      String(input).startsWith('https://keys.example') ? routesFetch(keyHost)(input, init) : routesFetch(world)(input, init);
    const report = await verify(jws, { ...options, fetch: both });
    expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
  });

  it('a jwk header counts when the issuer DID document lists the same key', async () => {
    const credential = { ...world.ob3.jwtCredential, issuer: { id: 'did:web:college.example:issuers:main', type: ['Profile'], name: 'Example College' } };
    const vouched = await signCredentialJwt(credential, { privateJwk: world.keys.ed.privateJwk });
    const report = await verify(vouched, options);
    expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
    const stranger = await signCredentialJwt(credential, { privateJwk: world.keys.stranger.privateJwk });
    expect((await verify(stranger, options)).checks.find((c) => c.id === 'key')).to.include({ outcome: 'failed', code: 'jwk-not-vouched' });
  });

  it('OB 2.0: a revocation list entry with a legacy uid revokes the matching assertion', async () => {
    const list = JSON.parse(world.routes.get('/ob2/revocations')!.body as string);
    world.routes.set('/ob2/revocations', { headers: JSON_TYPE, body: JSON.stringify({ ...list, revokedAssertions: [...list.revokedAssertions, { uid: 'legacy-42' }] }) });
    const jws = await signOb2Assertion({ ...world.ob2.signedAssertion('legacy'), uid: 'legacy-42' }, { privateJwk: world.keys.rsaPrivateJwk, alg: 'RS256' });
    const report = await verify(jws, options);
    expect(report.checks.find((c) => c.id === 'proof')?.outcome).to.equal('passed');
    expect(report.checks.find((c) => c.id === 'status')).to.include({ outcome: 'failed', code: 'revoked' });
  });

  it('OB 2.0: an unreachable revocation list is inconclusive', async () => {
    const report = await verify(world.ob2.ob2Signed, { ...options, fetch: routesFetch({ base: BASE, routes: new Map([...world.routes].filter(([p]) => p !== '/ob2/revocations')) }) });
    expect(report.outcome).to.equal('inconclusive');
    expect(report.checks.find((c) => c.id === 'status')).to.include({ outcome: 'inconclusive', code: 'status-unreachable' });
  });
});
