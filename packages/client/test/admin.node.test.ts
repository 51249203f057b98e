// Server-side flows (admin and provider keys, claim tickets, revocation, pathway publishing, the
// OB 3.0 API with a key) against the real reference server. Node only: keys never go in a browser.
import { describe, it, before, after, expect } from '@col/harness';
import { generateKeyPair, exportJWK } from 'jose';
import {
  createClaimTicket,
  createClient,
  createObClient,
  keyOf,
  verify,
  type Client,
} from '@citiesoflearning/client';
import { startTestServer } from './support/node-server.js';
import type { TestServer } from './support/server.js';
import { failure } from './support/failure.js';


describe('server-side flows with admin and provider keys', () => {
  let server: TestServer;
  let admin: Client;
  let provider: Client;
  let providerKey: string;
  const pub = () => createClient({ baseUrl: server.url });

  before(async () => {
    server = await startTestServer();
    admin = createClient({ baseUrl: server.url, apiKey: server.adminKey });
    await admin.issuers.create({ key: 'riverside-scouts', name: 'Riverside Scouts', url: 'https://scouts.example.org', email: 'badges@scouts.example.org' });
    providerKey = (await admin.issuers.createApiKey('riverside-scouts', { label: 'test' })).key;
    provider = createClient({ baseUrl: server.url, apiKey: providerKey });
  });
  after(async () => {
    await server?.close();
  });

  it('refuses apiKey and token together', () => {
    expect(() => createClient({ baseUrl: server.url, apiKey: 'a', token: 'b' })).to.throw(/either apiKey or token/);
  });

  it('an admin creates an issuer; a wrong key is unauthorized; a duplicate key conflicts', async () => {
    const issuer = await admin.issuers.get('riverside-scouts');
    expect(issuer.id).to.equal(`${server.url}/api/v1/issuers/riverside-scouts`);
    expect(providerKey).to.match(/^colp_/);
    const wrong = await failure(createClient({ baseUrl: server.url, apiKey: 'colp_nope' }).issuers.create({ name: 'X', url: 'https://x.example' }));
    expect([wrong.code, wrong.status]).to.deep.equal(['unauthorized', 401]);
    const dup = await failure(admin.issuers.create({ key: 'riverside-scouts', name: 'Again', url: 'https://x.example' }));
    expect([dup.code, dup.serverCode]).to.deep.equal(['conflict', 'already-exists']);
  });

  it('a provider creates its own achievement and codes, but is forbidden from another issuer\'s', async () => {
    const achievement = await provider.achievements.create({
      key: 'knots', name: 'Knots', description: 'Tied six knots.', criteria: { narrative: 'Tie six knots in front of a leader.' },
      alignment: [{ targetName: 'Teamwork', targetUrl: 'https://example.org/skills/teamwork' }], tag: ['outdoors'],
    });
    expect([achievement.key, achievement.provider, achievement.creator?.name]).to.deep.equal(['knots', 'riverside-scouts', 'Riverside Scouts']);
    const { codes } = await provider.claimCodes.create(achievement.id, { count: 3, uses: 1, expiresAt: new Date(Date.now() + 86_400_000) });
    expect(codes).to.have.length(3);
    expect(new Set(codes).size).to.equal(3);
    const forbidden = await failure(provider.claimCodes.create('intro-to-coding'));
    expect([forbidden.code, forbidden.status]).to.deep.equal(['forbidden', 403]);
    expect(forbidden.message).to.match(/another issuer/);
    const bad = await failure(provider.achievements.create({ name: 'X', description: 'Y', criteria: 'Z', achievementType: 'Nonsense' }));
    expect(bad.code).to.equal('bad-request');
    expect(bad.message).to.contain('achievementType');
  });

  it('a single-use code issues once; the second claim is a conflict', async () => {
    const { codes } = await admin.claimCodes.create('knots', { uses: 1 });
    const award = await pub().claims.create({ achievement: 'knots', code: codes[0]!, recipient: { email: 'a@example.org' } });
    expect(award.credential.id).to.equal(award.id);
    const second = await failure(pub().claims.create({ achievement: 'knots', code: codes[0]!, recipient: { email: 'b@example.org' } }));
    expect([second.code, second.status, second.serverCode]).to.deep.equal(['conflict', 409, 'code-used-up']);
  });

  it('direct awards: a provider key awards its own badge with no code; never another issuer\'s; never without a key', async () => {
    const award = await provider.claims.create({ achievement: 'knots', recipient: { email: 'direct@example.org' } });
    expect((await verify(award.credential, { recipient: 'direct@example.org', allowPrivateNetwork: true })).outcome).to.equal('verified');
    const foreign = await failure(provider.claims.create({ achievement: 'intro-to-coding', recipient: { email: 'direct@example.org' } }));
    expect(foreign.code).to.equal('forbidden');
    const anonymous = await failure(pub().claims.create({ achievement: 'knots', recipient: { email: 'direct@example.org' } }));
    expect(anonymous.code).to.equal('bad-request');
  });

  it('an achievement with validForDays issues credentials that expire', async () => {
    const expiring = await provider.achievements.create({ key: 'first-aid', name: 'First aid', description: 'Basic first aid.', criteria: 'Course passed.', validForDays: 365 });
    expect(expiring.validForDays).to.equal(365);
    const award = await provider.claims.create({ achievement: expiring.key, recipient: { email: 'medic@example.org' } });
    const until = Date.parse(String(award.credential.validUntil));
    expect(until - Date.now()).to.be.within(364 * 86_400_000, 366 * 86_400_000);
  });

  it('revoke, suspend and unsuspend change the status the verifier sees', async () => {
    const { codes } = await admin.claimCodes.create('knots', { uses: 2 });
    const one = await pub().claims.create({ achievement: 'knots', code: codes[0]!, recipient: { email: 'c@example.org' } });
    const two = await pub().claims.create({ achievement: 'knots', code: codes[0]!, recipient: { email: 'd@example.org' } });

    const revoked = await provider.credentials.revoke(one.id, { reason: 'Awarded to the wrong learner.' });
    expect([revoked.revoked, revoked.revocationReason]).to.deep.equal([true, 'Awarded to the wrong learner.']);
    const again = await failure(provider.credentials.revoke(one.id, { reason: 'Twice.' }));
    expect([again.code, again.serverCode]).to.deep.equal(['conflict', 'already-revoked']);
    const report = await verify(await pub().credentials.get(one.id), { allowPrivateNetwork: true });
    expect(report.outcome).to.equal('failed');
    expect(report.checks.find((c) => c.id === 'status')?.outcome).to.equal('failed');

    const suspended = await admin.credentials.suspend(keyOf(two.id), { reason: 'Under review.' });
    expect(suspended.suspended).to.equal(true);
    expect((await pub().credentials.status(two.id)).suspensionReason).to.equal('Under review.');
    const lifted = await admin.credentials.unsuspend(two.id);
    expect(lifted.suspended).to.equal(false);
    expect((await verify(await pub().credentials.get(two.id), { allowPrivateNetwork: true })).outcome).to.equal('verified');
  });

  it('claim tickets: a provider backend signs one, the learner claims once, a replay is refused', async () => {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const privateJwk = await exportJWK(privateKey);
    let refused: unknown;
    try {
      await provider.issuers.registerTicketKey('riverside-scouts', { jwk: privateJwk });
    } catch (error) {
      refused = error;
    }
    // Refused by the client before anything is sent.
    expect(refused).to.include({ code: 'private-key-sent' });

    const registration = await provider.issuers.registerTicketKey('riverside-scouts', { jwk: await exportJWK(publicKey), kid: 'scouts-lms-1' });
    expect(registration).to.include({ kid: 'scouts-lms-1', alg: 'EdDSA', audience: `${server.url}/api/v1/claims` });

    const learner = 'Learner@Example.org ';
    const ticket = await createClaimTicket({
      privateJwk, kid: registration.kid, audience: registration.audience!, achievement: 'knots', recipient: { email: learner }, expiresIn: 120, issuer: 'riverside-scouts',
    });
    const payload = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(ticket.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))));
    expect(payload).to.have.keys(['achievement', 'email_sha256', 'aud', 'iat', 'exp', 'jti', 'iss']);
    expect(JSON.stringify(payload)).to.not.contain('example.org');

    const award = await pub().claims.create({ achievement: 'knots', ticket, recipient: { email: 'learner@example.org' } });
    expect((await verify(award.credential, { recipient: 'learner@example.org', allowPrivateNetwork: true })).outcome).to.equal('verified');
    const replay = await failure(pub().claims.create({ achievement: 'knots', ticket, recipient: { email: 'learner@example.org' } }));
    expect([replay.code, replay.serverCode]).to.deep.equal(['conflict', 'ticket-used']);

    const other = await createClaimTicket({ privateJwk, kid: registration.kid, audience: server.url, achievement: 'knots', recipient: { email: 'someone@example.org' } });
    const mismatch = await failure(pub().claims.create({ achievement: 'knots', ticket: other, recipient: { email: 'learner@example.org' } }));
    expect([mismatch.code, mismatch.serverCode]).to.deep.equal(['forbidden', 'ticket-mismatch']);

    let lifetime: unknown;
    try {
      await createClaimTicket({ privateJwk, kid: 'k', audience: server.url, achievement: 'knots', recipient: { email: 'x@example.org' }, expiresIn: 3600 });
    } catch (error) {
      lifetime = error;
    }
    expect(lifetime).to.include({ code: 'ticket-lifetime-invalid' });
  });

  it("rotates an issuer's signing key and removes the old one; a provider key may do neither", async () => {
    const before = (await (await fetch(`${server.url}/api/v1/issuers/riverside-scouts/did.json`)).json()).verificationMethod;
    expect(before).to.have.length(1);
    const added = await admin.issuers.rotateKey('riverside-scouts');
    expect(added.kid).to.match(/^z6Mk/);
    expect(added.id.endsWith(`#${added.kid}`)).to.equal(true);
    expect(Object.keys(added)).to.not.include('privateJwk');
    const forbidden = await failure(provider.issuers.rotateKey('riverside-scouts'));
    expect(forbidden.code).to.equal('forbidden');
    const current = await failure(admin.issuers.removeKey('riverside-scouts', added.kid));
    expect([current.code, current.serverCode]).to.deep.equal(['conflict', 'key-in-use']);
    const left = await admin.issuers.removeKey('riverside-scouts', before[0].publicKeyMultibase);
    expect(left.map((k) => k.kid)).to.deep.equal([added.kid]);
  });

  it('pathways: create a draft, add a version, publish, and award its milestone', async () => {
    const champion = await provider.achievements.create({ key: 'scout-champion', name: 'Scout Champion', description: 'Completed the scout pathway.', criteria: 'Pathway milestone.' });
    const knots = await provider.achievements.get('knots');
    const draft = await provider.pathways.create({
      key: 'scout-skills', name: 'Scout skills',
      root: { type: 'group', id: 'root', milestoneBadge: champion.id, children: [{ type: 'badge', id: 'knots', badge: { id: knots.id } }] },
    });
    expect([draft.status, draft.version]).to.deep.equal(['draft', '1']);
    const hidden = await failure(pub().pathways.get('scout-skills'));
    expect(hidden.code).to.equal('not-found');
    const v2 = await provider.pathways.createVersion('scout-skills', { name: 'Scout skills (2027)', root: draft.root });
    expect(v2.version).to.equal('2');
    const published = await provider.pathways.publish('scout-skills');
    expect([published.status, published.version]).to.deep.equal(['published', '2']);
    expect((await pub().pathways.get('scout-skills')).name).to.equal('Scout skills (2027)');
    expect((await provider.pathways.get('scout-skills', { version: 1 })).status).to.equal('draft');

    const { codes } = await admin.claimCodes.create('knots');
    const award = await pub().claims.create({ achievement: 'knots', code: codes[0]!, recipient: { email: 'e@example.org' } });
    const result = await pub().pathways.milestones('scout-skills', { recipient: { email: 'e@example.org' }, credentials: [award.jwt] });
    expect(result.satisfied).to.equal(true);
    expect(result.awarded.map((a) => [a.achievement, a.new])).to.deep.equal([[champion.id, true]]);
    const someoneElse = await pub().pathways.milestones('scout-skills', { recipient: { email: 'f@example.org' }, credentials: [award.jwt] });
    expect(someoneElse.awarded).to.deep.equal([]);
    expect(someoneElse.rejected.map((r) => r.index)).to.deep.equal([0]);
  });

  it('opportunities: a provider creates one and search finds it', async () => {
    const created = await provider.opportunities.create({
      title: 'Knot night', mode: 'in-person', areaCode: 'E06099001', startsAt: '2027-02-01T18:00:00Z', endsAt: '2027-02-01T20:00:00Z',
      skills: ['outdoors'], achievement: 'knots', bookingUrl: 'https://scouts.example.org/book',
    });
    expect(created.provider.key).to.equal('riverside-scouts');
    const found = await pub().opportunities.search({ provider: 'riverside-scouts', from: '2027-01-01T00:00:00Z', to: '2027-03-01T00:00:00Z' }).toArray();
    expect(found.map((o) => o.key)).to.deep.equal([created.key]);
    expect(await pub().opportunities.search({ provider: 'riverside-scouts', mode: 'online' }).toArray()).to.deep.equal([]);
  });

  it('the OB 3.0 API with a key: every credential through Link paging, since, and the profile', async () => {
    const host = createObClient({ baseUrl: server.url, token: server.adminKey, retry: 0 });
    const first = await host.credentials.page({ limit: 2 });
    expect(first.total).to.be.at.least(5);
    expect(first.links.next).to.contain('offset=2');
    const all = await host.credentials.list({ limit: 2 }).toArray();
    expect(all).to.have.length(first.total!);
    expect(new Set(all.map((e) => (e.format === 'json' ? e.credential.id : e.compactJws))).size).to.equal(all.length);
    const pages = [];
    for await (const page of host.credentials.list({ limit: 2 }).pages()) pages.push(page.entries.length);
    expect(pages.length).to.equal(Math.ceil(first.total! / 2));

    expect(await host.credentials.list({ since: new Date(Date.now() + 86_400_000) }).toArray()).to.deep.equal([]);

    const scoped = createObClient({ baseUrl: `${server.url}/ims/ob/v3p0`, token: providerKey });
    const mine = await scoped.credentials.list({ limit: 100 }).toArray();
    expect(mine.length).to.be.at.least(1);
    expect(mine.every((e) => e.format === 'json' && String((e.credential.issuer as { id: string }).id).endsWith('/riverside-scouts'))).to.equal(true);
    expect((await scoped.profile.get()).name).to.equal('Riverside Scouts');

    const noToken = await failure(createObClient({ baseUrl: server.url }).credentials.page());
    expect([noToken.code, noToken.status]).to.deep.equal(['unauthorized', 401]);
    expect(noToken.message).to.match(/API key/);
    const badPaging = await failure(host.credentials.page({ limit: 1000 }));
    expect([badPaging.code, badPaging.message]).to.deep.equal(['bad-request', '"limit" must be a whole number from 1 to 100.']);
  });
});
