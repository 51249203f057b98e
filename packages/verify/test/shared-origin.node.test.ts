// Issue 8.1, the exploit as it was found: on a shared server, provider A uploads an "image" whose
// bytes are a JWK, then signs a badge in provider B's name with `kid` = the image's URL. The old
// verifier trusted any key document on the issuer's origin and parsed any body starting with `{`,
// so the forgery verified. A key counts only if the issuer lists it. Real HTTP on 127.0.0.1.
import { describe, it, before, after, expect } from '@col/harness';
import { generateKeyPair, signCredentialJwt, signDataIntegrity, verify, type KeyPair, type VerificationReport } from '@citiesoflearning/verify';
import { loopback, jsonRoute, type Loopback } from './support/loopback.js';

const NOW = '2026-06-01T00:00:00Z';
const OB3_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];
const check = (report: VerificationReport, id: string) => report.checks.find((c) => c.id === id);

describe('a shared server: provider A cannot sign in provider B\'s name', () => {
  let server: Loopback;
  let a: KeyPair;
  let b: KeyPair;
  let issuerB: string;
  const options = () => ({ now: NOW, allowPrivateNetwork: true });
  const credential = (id: string) => ({
    '@context': OB3_CONTEXT,
    id: `urn:uuid:${id}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuerB, type: ['Profile'], name: 'Provider B' },
    name: 'Forklift licence',
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: {
      type: ['AchievementSubject'],
      id: 'did:example:learner',
      achievement: { id: `${server.base}/achievements/forklift`, type: ['Achievement'], name: 'Forklift licence', description: 'Drives a forklift safely.', criteria: { narrative: 'Passed the test.' } },
    },
  });

  before(async () => {
    server = await loopback();
    a = await generateKeyPair('Ed25519');
    b = await generateKeyPair('Ed25519');
    issuerB = `${server.base}/issuers/b`;
    // B's Profile is a controller document listing B's one key for assertions.
    server.routes.set('/issuers/b', jsonRoute({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/security/multikey/v1'],
      id: issuerB, type: ['Profile'], name: 'Provider B',
      verificationMethod: [{ id: `${issuerB}#key-1`, type: 'Multikey', controller: issuerB, publicKeyMultibase: b.publicKeyMultibase }],
      assertionMethod: [`${issuerB}#key-1`],
    }));
    server.routes.set('/issuers/a', jsonRoute({
      id: `${server.base}/issuers/a`, type: ['Profile'], name: 'Provider A',
      verificationMethod: [{ id: `${server.base}/issuers/a#key-1`, type: 'Multikey', controller: `${server.base}/issuers/a`, publicKeyMultibase: a.publicKeyMultibase }],
      assertionMethod: [`${server.base}/issuers/a#key-1`],
    }));
    // A's uploads: a JWK dressed as an SVG, the same served as JSON, and a Multikey method naming B.
    server.routes.set('/uploads/a/avatar.svg', { body: JSON.stringify({ ...a.publicJwk, note: '<svg >' }), headers: { 'content-type': 'image/svg+xml' } });
    server.routes.set('/uploads/a/key.json', jsonRoute(a.publicJwk, 'application/json'));
    server.routes.set('/uploads/a/method.json', jsonRoute({ id: `${server.base}/uploads/a/method.json`, type: 'Multikey', controller: issuerB, publicKeyMultibase: a.publicKeyMultibase }));
  });
  after(() => server.close());

  it('B\'s own badge verifies (the rule does not lock out the real issuer)', async () => {
    const jws = await signCredentialJwt(credential('00000000-0000-4000-8000-00000000000b'), { privateJwk: b.privateJwk, kid: `${issuerB}#key-1` });
    const report = await verify(jws, options());
    expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
    const di = await signDataIntegrity(credential('00000000-0000-4000-8000-00000000001b'), { privateJwk: b.privateJwk, verificationMethod: `${issuerB}#key-1` });
    expect((await verify(di, options())).outcome).to.equal('verified');
  });

  it('VC-JWT with kid = an uploaded "image" holding a JWK: not verified, the key is not B\'s', async () => {
    const jws = await signCredentialJwt(credential('00000000-0000-4000-8000-000000000001'), { privateJwk: a.privateJwk, kid: `${server.base}/uploads/a/avatar.svg` });
    const report = await verify(jws, options());
    expect(report.verified).to.equal(false);
    expect(report.outcome).to.equal('failed');
    expect(check(report, 'key')).to.include({ outcome: 'failed', code: 'key-not-issuers' });
    expect(check(report, 'proof')?.outcome).to.not.equal('passed');
  });

  it('VC-JWT with kid = an upload served as application/json: still not B\'s key', async () => {
    const jws = await signCredentialJwt(credential('00000000-0000-4000-8000-000000000002'), { privateJwk: a.privateJwk, kid: `${server.base}/uploads/a/key.json` });
    const report = await verify(jws, options());
    expect(report.outcome).to.equal('failed');
    expect(check(report, 'key')).to.include({ outcome: 'failed', code: 'key-not-issuers' });
  });

  it('VC-JWT with kid = A\'s own listed key, in B\'s name: not B\'s key', async () => {
    const jws = await signCredentialJwt(credential('00000000-0000-4000-8000-000000000003'), { privateJwk: a.privateJwk, kid: `${server.base}/issuers/a#key-1` });
    const report = await verify(jws, options());
    expect(report.outcome).to.equal('failed');
    expect(check(report, 'key')).to.include({ outcome: 'failed', code: 'key-not-issuers' });
  });

  it('VC-JWT carrying A\'s key in a jwk header: B does not vouch for it', async () => {
    const jws = await signCredentialJwt(credential('00000000-0000-4000-8000-000000000004'), { privateJwk: a.privateJwk, includeJwk: true });
    const report = await verify(jws, options());
    expect(report.outcome).to.equal('failed');
    expect(check(report, 'key')).to.include({ outcome: 'failed', code: 'jwk-not-vouched' });
  });

  it('Data Integrity with an uploaded method that claims B as controller: B never listed it', async () => {
    const di = await signDataIntegrity(credential('00000000-0000-4000-8000-000000000005'), { privateJwk: a.privateJwk, verificationMethod: `${server.base}/uploads/a/method.json` });
    const report = await verify(di, options());
    expect(report.outcome).to.equal('failed');
    expect(check(report, 'key')).to.include({ outcome: 'failed', code: 'vm-not-assertion' });
    expect(check(report, 'proof')?.outcome).to.not.equal('passed');
  });

  it('B\'s Profile served as text/html is not believed: nothing is verified from it', async () => {
    const saved = server.routes.get('/issuers/b')!;
    server.routes.set('/issuers/b', { ...(saved as { body: string }), headers: { 'content-type': 'text/html' } });
    try {
      const jws = await signCredentialJwt(credential('00000000-0000-4000-8000-000000000006'), { privateJwk: b.privateJwk, kid: `${issuerB}#key-1` });
      const report = await verify(jws, options());
      expect(report.verified).to.equal(false);
      expect(check(report, 'key')?.outcome).to.be.oneOf(['failed', 'inconclusive']);
    } finally {
      server.routes.set('/issuers/b', saved);
    }
  });
});
