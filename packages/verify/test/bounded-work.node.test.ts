// Issue 8.4: one verify() call does bounded work, whatever the badge asks for. Each limit is shown
// against a real loopback server that counts requests or answers slowly: without the limit these
// tests would wait for minutes or watch the request count fan out.
import { describe, it, before, after, expect } from '@col/harness';
import {
  generateKeyPair,
  signCredentialJwt,
  signDataIntegrity,
  verify,
  DEFAULT_MAX_DOCUMENTS,
  DEFAULT_MAX_STATUS_ENTRIES,
  type KeyPair,
  type VerificationReport,
} from '@citiesoflearning/verify';
import { loopback, jsonRoute, type Loopback } from './support/loopback.js';

const NOW = '2026-06-01T00:00:00Z';
const OB3_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];
const check = (report: VerificationReport, id: string) => report.checks.find((c) => c.id === id);

describe('bounded work per verify() call', () => {
  let server: Loopback;
  let key: KeyPair;
  const entry = (path: string, index = 1) => ({
    id: `${server.base}${path}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(index),
    statusListCredential: `${server.base}${path}`,
  });
  const credential = (credentialStatus: unknown[]) => ({
    '@context': OB3_CONTEXT,
    id: `urn:uuid:${crypto.randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: key.did!, type: ['Profile'], name: 'Key Issuer' },
    name: 'Welding',
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: {
      type: ['AchievementSubject'],
      id: 'did:example:learner',
      achievement: { id: 'https://example.org/a/welding', type: ['Achievement'], name: 'Welding', description: 'Welds.', criteria: { narrative: 'Welded.' } },
    },
    credentialStatus,
  });
  const signed = (entries: unknown[]) => signDataIntegrity(credential(entries), { privateJwk: key.privateJwk, verificationMethod: key.verificationMethod! });
  const local = { now: NOW, allowPrivateNetwork: true };

  before(async () => {
    server = await loopback();
    key = await generateKeyPair('Ed25519');
    // Every list answers slowly; every hop redirects a few times before a 404.
    server.routes.set('/slow/*', { ...jsonRoute({}), delayMs: 3000 });
    for (let i = 0; i < 4; i++) server.routes.set(`/chain/${i}/*`, (path) => {
      const n = Number(path.split('/').pop());
      return n < 5 ? { status: 302, headers: { location: `/chain/${i}/${n + 1}` } } : { status: 404 };
    });
  });
  after(() => server.close());

  it('an overall time budget: three slow lists end at budgetMs, not at 3 × 3 s', async () => {
    const badge = await signed([entry('/slow/a'), entry('/slow/b'), entry('/slow/c')]);
    const started = Date.now();
    const report = await verify(badge, { ...local, budgetMs: 800 });
    const took = Date.now() - started;
    expect(took).to.be.below(2500);
    expect(report.outcome).to.equal('inconclusive');
    expect(check(report, 'status')).to.include({ outcome: 'inconclusive', code: 'status-unreachable' });
    expect(check(report, 'status')!.message).to.contain('took longer than the time allowed');
    expect(check(report, 'proof')?.outcome).to.equal('passed');
  });

  it('a cap on documents per call: redirect chains on four lists stop at maxDocuments (default 16)', async () => {
    const badge = await signed([0, 1, 2, 3].map((i) => entry(`/chain/${i}/0`)));
    server.hits.length = 0;
    const report = await verify(badge, local);
    // Uncapped: 4 lists × 6 requests = 24.
    expect(server.hits.length).to.equal(DEFAULT_MAX_DOCUMENTS);
    expect(report.outcome).to.equal('inconclusive');
    server.hits.length = 0;
    await verify(badge, { ...local, maxDocuments: 3 });
    expect(server.hits.length).to.equal(3);
  });

  it('a cap on credentialStatus entries: 100 entries are not fetched at all', async () => {
    const badge = await signed(Array.from({ length: 100 }, (_, i) => entry(`/fan/${i}`)));
    server.hits.length = 0;
    const report = await verify(badge, local);
    expect(server.hits).to.deep.equal([]);
    expect(check(report, 'status')).to.include({ outcome: 'inconclusive', code: 'status-too-many' });
    expect(check(report, 'status')!.message).to.contain(`at most ${DEFAULT_MAX_STATUS_ENTRIES}`);
    // At the cap, entries are checked.
    const four = await signed([0, 1, 2, 3].map((i) => entry(`/fan/${i}`)));
    await verify(four, local);
    expect(server.hits).to.have.length(4);
  });

  it('no status lookups once the signature has failed', async () => {
    const badge = await signed([entry('/status/one')]);
    server.hits.length = 0;
    const tampered = { ...badge, name: 'Brain surgery' };
    const report = await verify(tampered, local);
    expect(check(report, 'proof')).to.include({ outcome: 'failed', code: 'signature-invalid' });
    expect(check(report, 'status')).to.include({ outcome: 'skipped', code: 'not-checked' });
    expect(server.hits).to.deep.equal([]);
  });

  it('no key discovery for a VC-JWT whose carried key does not match its signature', async () => {
    const stranger = await generateKeyPair('Ed25519');
    const issuer = `${server.base}/issuers/x`;
    server.routes.set('/issuers/x', jsonRoute({ id: issuer, type: ['Profile'], name: 'X' }));
    const jws = await signCredentialJwt({ ...credential([entry('/status/two')]), issuer: { id: issuer, type: ['Profile'], name: 'X' } }, { privateJwk: key.privateJwk, includeJwk: true });
    // Swap the carried key for another one: the signature no longer matches the header's key.
    const [h, p, s] = jws.split('.');
    const header = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(h!.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))));
    const swapped = btoa(JSON.stringify({ ...header, jwk: stranger.publicJwk })).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    server.hits.length = 0;
    const report = await verify(`${swapped}.${p}.${s}`, local);
    expect(check(report, 'proof')).to.include({ outcome: 'failed', code: 'signature-invalid' });
    expect(check(report, 'key')?.outcome).to.equal('skipped');
    expect(server.hits).to.deep.equal([]);
  });
});
