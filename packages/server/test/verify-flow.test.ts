// The SDK's own full verifier accepts what the server issues: `verify()` offline, answered only
// from documents fetched from the running server (what `colearn verify --documents` does), for the
// Data Integrity JSON, the VC-JWT and the baked PNG; revocation turns it to failed. And a second
// server that accepts foreign credentials counts them towards its pathway after `verify()`.
import { describe, it, before, after, expect } from '@col/harness';
import { generateKeyPair, signCredentialJwt, verify } from '@citiesoflearning/verify';
import { startTestServer, type TestServer } from './support/test-server.js';
import { seedBasics } from './support/seed.js';

/** Every document a verifier may look up for this credential, fetched from the server. */
async function documentsFor(s: TestServer, credential: any): Promise<Record<string, unknown>> {
  const urls = new Set<string>([credential.issuer.id, `${s.url}/.well-known/jwks.json`, `${s.url}/.well-known/did.json`, credential.proof.verificationMethod.split('#')[0]]);
  for (const entry of credential.credentialStatus) urls.add(entry.statusListCredential);
  const documents: Record<string, unknown> = {};
  for (const url of urls) documents[url] = await (await fetch(url)).json();
  return documents;
}

describe('full verify() of server-issued credentials', () => {
  let s: TestServer;
  let award: any;
  const email = 'verify.me@example.org';

  before(async () => {
    s = await startTestServer();
    const b = await seedBasics(s, { uses: 5 });
    award = (await s.call('POST', '/api/v1/claims', { body: { achievement: b.achievementKey, code: b.codes[0], recipient: { email } }, token: null })).json;
  });
  after(async () => s?.stop());

  it('verifies the JSON, the JWT and the baked PNG offline from the server\'s documents, recipient included', async () => {
    const documents = await documentsFor(s, award.credential);
    const png = new Uint8Array(await (await fetch(award.links.png)).arrayBuffer());
    for (const [name, input] of [['json', award.credential], ['jwt', award.jwt], ['png', png]] as const) {
      const report = await verify(input, { documents, offline: true, recipient: email });
      expect(report.outcome, `${name}: ${JSON.stringify(report.checks, null, 1)}`).to.equal('verified');
      expect(report.checks.find((c) => c.id === 'recipient')?.outcome).to.equal('passed');
    }
    const wrong = await verify(award.credential, { documents, offline: true, recipient: 'someone.else@example.org' });
    expect(wrong.outcome).to.equal('failed');
  });

  it('verifies the OB 2.0 hosted assertion view of the same award (for older consumers)', async () => {
    const report = await verify(award.links.ob2, { recipient: email, allowPrivateNetwork: true });
    expect(report.format).to.equal('ob2-hosted');
    expect(report.outcome, JSON.stringify(report.checks, null, 1)).to.equal('verified');
  });

  it('reports failed once the credential is revoked (status list re-signed)', async () => {
    await s.call('POST', `/api/v1/credentials/${award.id.split('/').pop()}/revoke`, { body: { reason: 'Awarded by mistake' } });
    const report = await verify(award.credential, { documents: await documentsFor(s, award.credential), offline: true });
    expect(report.outcome).to.equal('failed');
    expect(report.checks.find((c) => c.id === 'status')?.outcome).to.equal('failed');
    const ob2 = await verify(award.links.ob2, { allowPrivateNetwork: true });
    expect(ob2.outcome).to.equal('failed');
  });
});

describe('expiring badges (validForDays)', () => {
  it('sets validUntil (and the JWT exp); verify() passes today and reports expired after it', async () => {
    const s = await startTestServer();
    try {
      await s.call('POST', '/api/v1/issuers', { body: { key: 'first-aid', name: 'First Aid Trust', url: 'https://firstaid.example' } });
      await s.call('POST', '/api/v1/achievements', { body: { key: 'first-aider', issuer: 'first-aid', name: 'First Aider', description: 'd', criteria: 'c', validForDays: 365 } });
      const award = (await s.call('POST', '/api/v1/claims', { body: { achievement: 'first-aider', recipient: { email: 'aid@example.org' } } })).json;
      const c = award.credential;
      expect(Date.parse(c.validUntil) - Date.parse(c.validFrom)).to.equal(365 * 86_400_000);
      const payload = JSON.parse(Buffer.from(award.jwt.split('.')[1], 'base64url').toString());
      expect(payload.exp).to.equal(Date.parse(c.validUntil) / 1000);
      const documents = await documentsFor(s, c);
      expect((await verify(c, { documents, offline: true })).outcome).to.equal('verified');
      const later = await verify(c, { documents, offline: true, now: new Date(Date.parse(c.validUntil) + 1000) });
      expect(later.outcome).to.equal('failed');
      expect(later.checks.find((x) => x.id === 'validity')?.code).to.equal('expired');
    } finally {
      await s.stop();
    }
  });
});

describe('milestones from another issuer\'s credentials (acceptForeignCredentials)', () => {
  let issuer: TestServer;
  let place: TestServer;
  let guarded: TestServer;
  before(async () => {
    issuer = await startTestServer({ logRequests: true });
    // The "other issuer" runs on loopback here, so this place opts in to private addresses.
    place = await startTestServer({ acceptForeignCredentials: true, allowPrivateIssuers: true });
    guarded = await startTestServer({ acceptForeignCredentials: true });
  });
  after(async () => {
    await issuer?.stop();
    await place?.stop();
    await guarded?.stop();
  });

  it('counts a credential verified with verify() from another server, and refuses it for someone else', async () => {
    const b = await seedBasics(issuer, { uses: 5 });
    const foreign = (await issuer.call('POST', '/api/v1/claims', { body: { achievement: b.achievementKey, code: b.codes[0], recipient: { email: 'traveller@example.org' } }, token: null })).json;
    await place.call('POST', '/api/v1/issuers', { body: { key: 'place', name: 'Place', url: 'https://place.example' } });
    const milestone = (await place.call('POST', '/api/v1/achievements', { body: { key: 'well-travelled', issuer: 'place', name: 'Well travelled', description: 'd', criteria: 'c' } })).json;
    await place.call('POST', '/api/v1/pathways', { body: { key: 'travel', issuer: 'place', name: 'Travel', root: { type: 'group', id: 'root', milestoneBadge: milestone.id, children: [{ type: 'badge', id: 'elsewhere', badge: { id: b.achievementId } }] } } });
    await place.call('POST', '/api/v1/pathways/travel/publish', { body: {} });
    const ok = await place.call('POST', '/api/v1/pathways/travel/milestones', { body: { recipient: { email: 'traveller@example.org' }, credentials: [foreign.jwt] }, token: null });
    expect(ok.json.rejected, JSON.stringify(ok.json.rejected)).to.deep.equal([]);
    expect(ok.json.awarded.map((a: any) => a.achievement)).to.deep.equal([milestone.id]);
    // Anyone can sign a foreign credential naming an email, so presenting one again proves
    // nothing about who is asking: the milestone now held in that name is not shown.
    const again = await place.call('POST', '/api/v1/pathways/travel/milestones', { body: { recipient: { email: 'traveller@example.org' }, credentials: [foreign.jwt] }, token: null });
    expect([again.status, again.json.awarded, again.json.satisfied]).to.deep.equal([200, [], true]);
    expect(again.text).to.not.contain(ok.json.awarded[0].id);
    const someoneElse = await place.call('POST', '/api/v1/pathways/travel/milestones', { body: { recipient: { email: 'impostor@example.org' }, credentials: [foreign.credential] }, token: null });
    expect(someoneElse.json.rejected.map((r: any) => r.code)).to.deep.equal(['recipient-mismatch']);
    expect(someoneElse.json.awarded).to.deep.equal([]);
  });

  it('a foreign credential never stands for one of this server\'s own badges (anyone can sign a did:key credential naming any achievement)', async () => {
    const b = await seedBasics(issuer, { uses: 5 });
    const genuine = (await issuer.call('POST', '/api/v1/claims', { body: { achievement: b.achievementKey, code: b.codes[0], recipient: { email: 'forger@example.org' } }, token: null })).json;
    await place.call('POST', '/api/v1/issuers', { body: { key: 'own-place', name: 'Place', url: 'https://place.example' } });
    const own = (await place.call('POST', '/api/v1/achievements', { body: { key: 'own-first-aid', issuer: 'own-place', name: 'First aid', description: 'd', criteria: 'c' } })).json;
    const milestone = (await place.call('POST', '/api/v1/achievements', { body: { key: 'own-milestone', issuer: 'own-place', name: 'Ready', description: 'd', criteria: 'c' } })).json;
    await place.call('POST', '/api/v1/pathways', { body: { key: 'own', issuer: 'own-place', name: 'Own', root: { type: 'group', id: 'root', milestoneBadge: milestone.id, children: [{ type: 'badge', id: 'first-aid', badge: { id: own.id } }] } } });
    await place.call('POST', '/api/v1/pathways/own/publish', { body: {} });
    // A self-made issuer (did:key) signs the learner's real credential over again, now saying it
    // is the place's own first-aid badge: the signature and the recipient are genuine.
    const keys = await generateKeyPair('Ed25519');
    const claims = JSON.parse(Buffer.from(genuine.jwt.split('.')[1], 'base64url').toString());
    const rename = (vc: any) => {
      vc.issuer = { ...vc.issuer, id: keys.did };
      vc.credentialSubject.achievement = { ...vc.credentialSubject.achievement, id: own.id, name: 'First aid' };
    };
    claims.iss = keys.did;
    if (claims.vc) rename(claims.vc);
    else rename(claims);
    const forged = await signCredentialJwt(claims, { privateJwk: keys.privateJwk, kid: keys.verificationMethod! });
    expect((await verify(forged, { recipient: 'forger@example.org', allowPrivateNetwork: true })).outcome, 'verify() alone cannot tell').to.equal('verified');
    const res = await place.call('POST', '/api/v1/pathways/own/milestones', { body: { recipient: { email: 'forger@example.org' }, credentials: [forged] }, token: null });
    expect(res.json.rejected.map((r: any) => r.code), JSON.stringify(res.json)).to.deep.equal(['issuer-unknown']);
    expect(res.json.awarded).to.deep.equal([]);
    expect(res.json.satisfied).to.equal(false);
  });

  it('by default refuses a presented credential whose issuer lives on a private address, without contacting it (no SSRF)', async () => {
    const b = await seedBasics(issuer, { uses: 5 });
    const foreign = (await issuer.call('POST', '/api/v1/claims', { body: { achievement: b.achievementKey, code: b.codes[0], recipient: { email: 'traveller@example.org' } }, token: null })).json;
    await guarded.call('POST', '/api/v1/issuers', { body: { key: 'place', name: 'Place', url: 'https://place.example' } });
    await guarded.call('POST', '/api/v1/pathways', { body: { key: 'travel', issuer: 'place', name: 'Travel', root: { type: 'group', id: 'root', children: [{ type: 'badge', id: 'elsewhere', badge: { id: b.achievementId } }] } } });
    await guarded.call('POST', '/api/v1/pathways/travel/publish', { body: {} });
    const lookups = () => issuer.logs.filter((line) => line.startsWith('GET ')).length;
    const before = lookups();
    const res = await guarded.call('POST', '/api/v1/pathways/travel/milestones', { body: { recipient: { email: 'traveller@example.org' }, credentials: [foreign.jwt] }, token: null });
    // Refused with the one public answer for "could not be confirmed" (see the next test).
    expect(res.json.rejected.map((r: any) => r.code)).to.deep.equal(['credential-unverifiable']);
    expect(res.json.awarded).to.deep.equal([]);
    expect(lookups(), 'the issuer was never contacted').to.equal(before);
  });

  it('gives one public answer whether the issuer was refused, unreachable or answered with something else (no port scanning)', async () => {
    const b = await seedBasics(issuer, { uses: 5 });
    const learner = 'scanner@example.org';
    const foreign = (await issuer.call('POST', '/api/v1/claims', { body: { achievement: b.achievementKey, code: b.codes[0], recipient: { email: learner } }, token: null })).json;
    // The same credential, its key said to live at an address that answers but is no key
    // document, and at a loopback port where nothing listens.
    const answersOtherThing = structuredClone(foreign.credential);
    answersOtherThing.proof.verificationMethod = `${issuer.url}/api/v1/health#key-1`;
    const closed = await startTestServer();
    const closedUrl = closed.url;
    await closed.stop();
    const nobodyHome = structuredClone(foreign.credential);
    nobodyHome.proof.verificationMethod = `${closedUrl}/api/v1/issuers/x#key-1`;
    for (const t of [place, guarded]) {
      await t.call('POST', '/api/v1/issuers', { body: { key: 'scan-place', name: 'Place', url: 'https://place.example' } });
      await t.call('POST', '/api/v1/pathways', { body: { key: 'scan', issuer: 'scan-place', name: 'Scan', root: { type: 'group', id: 'root', children: [{ type: 'badge', id: 'elsewhere', badge: { id: b.achievementId } }] } } });
      await t.call('POST', '/api/v1/pathways/scan/publish', { body: {} });
    }
    const present = (t: TestServer, credential: unknown) => t.call('POST', '/api/v1/pathways/scan/milestones', { body: { recipient: { email: learner }, credentials: [credential] }, token: null });
    const answers = [
      await present(guarded, foreign.credential), // refused: a private address
      await present(place, nobodyHome), // unreachable
      await present(place, answersOtherThing), // something answers, but not a key
    ];
    for (const res of answers) {
      expect(res.status).to.equal(200);
      expect(res.json.rejected).to.deep.equal([{ index: 0, code: 'credential-unverifiable', message: answers[0]!.json.rejected[0].message }]);
    }
    // A genuine one still counts where private issuers are allowed.
    expect((await present(place, foreign.credential)).json.rejected).to.deep.equal([]);
  });
});
