// Milestones never leak another learner's badges: only a caller who proves they are the learner
// (a presented credential that verifies for the email, or a claim ticket from the pathway's
// provider naming them) sees what is held in that name; anyone else gets exactly the answer an
// unknown email gets. And one request presents a bounded number of credentials.
import { describe, it, before, after, expect } from '@col/harness';
import { generateKeyPair, signCredentialJwt } from '@citiesoflearning/verify';
import { createHash } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { startTestServer, type TestServer } from './support/test-server.js';
import { seedBasics } from './support/seed.js';

describe('milestones: held awards only for the learner', () => {
  let s: TestServer;
  const ids: Record<string, string> = {};
  const codes: Record<string, string> = {};
  const victim = 'victim.learner@example.org';
  let earned: any[] = [];
  let milestone: any;
  let ticketKey: JsonWebKey;

  before(async () => {
    s = await startTestServer();
    for (const issuer of ['college', 'rival']) await s.call('POST', '/api/v1/issuers', { body: { key: issuer, name: issuer, url: `https://${issuer}.example` } });
    for (const key of ['part-a', 'part-b', 'whole']) {
      ids[key] = (await s.call('POST', '/api/v1/achievements', { body: { key, issuer: 'college', name: `Part ${key}`, description: 'd', criteria: 'c' } })).json.id;
      codes[key] = (await s.call('POST', `/api/v1/achievements/${key}/claim-codes`, { body: { uses: 50 } })).json.codes[0];
    }
    const root = { type: 'group', id: 'root', milestoneBadge: ids.whole, children: ['part-a', 'part-b'].map((k) => ({ type: 'badge', id: k, badge: { id: ids[k] } })) };
    await s.call('POST', '/api/v1/pathways', { body: { key: 'whole-thing', issuer: 'college', name: 'Whole', root } });
    await s.call('POST', '/api/v1/pathways/whole-thing/publish', { body: {} });
    for (const key of ['part-a', 'part-b']) earned.push((await s.call('POST', '/api/v1/claims', { body: { achievement: key, code: codes[key], recipient: { email: victim } }, token: null })).json);
    const first = await present(victim, earned.map((e) => e.jwt));
    milestone = first.json.awarded[0];
    expect(milestone).to.include({ node: 'root', new: true });
    const keys = await generateKeyPair('Ed25519');
    ticketKey = keys.privateJwk;
    await s.call('POST', '/api/v1/issuers/college/ticket-keys', { body: { jwk: keys.publicJwk, kid: 'college-lms' } });
    const rivalKeys = await generateKeyPair('Ed25519');
    await s.call('POST', '/api/v1/issuers/rival/ticket-keys', { body: { jwk: rivalKeys.publicJwk, kid: 'rival-lms' } });
    rivalTicketKey = rivalKeys.privateJwk;
  });
  after(async () => s?.stop());
  let rivalTicketKey: JsonWebKey;

  const present = (email: string, credentials: unknown[], extra: Record<string, unknown> = {}) =>
    s.call('POST', '/api/v1/pathways/whole-thing/milestones', { body: { recipient: { email }, credentials, ...extra }, token: null });
  const ticket = (claims: Record<string, unknown>, key = ticketKey, kid = 'college-lms') => {
    const now = Math.floor(Date.now() / 1000);
    return signCredentialJwt({ aud: `${s.url}/api/v1/claims`, exp: now + 300, iat: now, jti: `t-${Math.random().toString(36).slice(2)}`, ...claims }, { privateJwk: key, kid });
  };
  /** The answer without the instant it was computed at. */
  const shape = (json: any) => ({ ...json, asOf: undefined });

  it('someone asking with only the victim\'s email gets what an unknown email gets: no credential, JWT or link', async () => {
    const asVictim = await present(victim, []);
    const asNobody = await present('nobody.known@example.org', []);
    expect(asVictim.status).to.equal(asNobody.status);
    expect(shape(asVictim.json)).to.deep.equal(shape(asNobody.json));
    expect(asVictim.json.awarded).to.deep.equal([]);
    for (const secret of [milestone.id, milestone.jwt, milestone.credential.id, earned[0].id]) expect(asVictim.text).to.not.contain(secret);
  });

  it('presenting one\'s own credential under the victim\'s email proves nothing either', async () => {
    const mine = (await s.call('POST', '/api/v1/claims', { body: { achievement: 'part-a', code: codes['part-a'], recipient: { email: 'attacker@example.org' } }, token: null })).json;
    const asVictim = await present(victim, [mine.credential]);
    const asNobody = await present('nobody.known@example.org', [mine.credential]);
    expect(asVictim.json.rejected.map((r: any) => r.code)).to.deep.equal(['recipient-mismatch']);
    expect(shape(asVictim.json)).to.deep.equal(shape(asNobody.json));
    expect(asVictim.text).to.not.contain(milestone.id);
  });

  it('another provider awarding the victim a badge of its own and presenting it proves nothing about who is asking', async () => {
    // The rival holds a provider key on this shared server; it awards one of its badges to the
    // victim's email (as any provider may) and presents that credential on the college's pathway.
    const rivalKey = (await s.call('POST', '/api/v1/issuers/rival/api-keys', { body: { label: 'rival lms' } })).json.key;
    await s.call('POST', '/api/v1/achievements', { body: { key: 'rival-badge', issuer: 'rival', name: 'Rival badge', description: 'd', criteria: 'c' }, token: rivalKey });
    const code = (await s.call('POST', '/api/v1/achievements/rival-badge/claim-codes', { body: { uses: 2 }, token: rivalKey })).json.codes[0];
    const minted = (await s.call('POST', '/api/v1/claims', { body: { achievement: 'rival-badge', code, recipient: { email: victim } }, token: rivalKey })).json;
    expect(minted.credential, JSON.stringify(minted)).to.be.an('object');
    const asVictim = await present(victim, [minted.credential]);
    const asNobody = await present('nobody.known@example.org', []);
    expect(asVictim.status).to.equal(200);
    expect(asVictim.json.awarded).to.deep.equal([]);
    for (const secret of [milestone.id, milestone.jwt, milestone.credential.id]) expect(asVictim.text).to.not.contain(secret);
    expect({ ...shape(asVictim.json), rejected: undefined }).to.deep.equal({ ...shape(asNobody.json), rejected: undefined });
  });

  it('the learner presenting one of their credentials gets their held milestone back', async () => {
    const res = await present(victim, [earned[0].credential]);
    expect(res.json.awarded.map((a: any) => [a.id, a.new])).to.deep.equal([[milestone.id, false]]);
    expect(res.json.awarded[0].jwt).to.equal(milestone.jwt);
  });

  it('a claim ticket from the pathway\'s provider naming the learner (by email or its hash) proves who they are', async () => {
    const byEmail = await present(victim, [], { ticket: await ticket({ email: victim }) });
    expect(byEmail.json.awarded.map((a: any) => a.id)).to.deep.equal([milestone.id]);
    const byHash = await present(victim, [], { ticket: await ticket({ aud: `${s.url}/api/v1/pathways/whole-thing/milestones`, email_sha256: createHash('sha256').update(victim).digest('hex') }) });
    expect(byHash.json.awarded.map((a: any) => a.id)).to.deep.equal([milestone.id]);
  });

  it('refuses a ticket for someone else, from another provider, forged, or expired — and shows nothing', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[string, Promise<string> | string, number, string]> = [
      ['for another learner', ticket({ email: 'attacker@example.org' }), 403, 'ticket-mismatch'],
      ['from another provider', ticket({ email: victim }, rivalTicketKey, 'rival-lms'), 403, 'forbidden'],
      ['forged (unregistered key, registered kid)', (async () => ticket({ email: victim }, (await generateKeyPair('Ed25519')).privateJwk))(), 401, 'ticket-invalid'],
      ['expired', ticket({ email: victim, exp: now - 600 }), 409, 'ticket-expired'],
      ['for another server', ticket({ email: victim, aud: 'https://elsewhere.example/api/v1/claims' }), 401, 'ticket-invalid'],
      ['not a JWS', 'not-a-ticket', 401, 'ticket-invalid'],
    ];
    for (const [name, t, status, code] of cases) {
      const res = await present(victim, [], { ticket: await t });
      expect([res.status, res.json.code], name).to.deep.equal([status, code]);
      expect(res.text, name).to.not.contain(milestone.id);
    }
    expect((await present(victim, [], { ticket: 42 })).json.code).to.equal('invalid-request');
  });

  it('caps the credentials one request may present: 400 too-many-credentials above 50', async () => {
    const res = await present(victim, Array.from({ length: 51 }, () => earned[0].jwt));
    expect([res.status, res.json.code]).to.deep.equal([400, 'too-many-credentials']);
    expect(res.json.message).to.contain('50');
    expect((await present(victim, Array.from({ length: 50 }, () => earned[0].jwt))).status).to.equal(200);
  });
});

describe('milestones: bounded work for foreign credentials', () => {
  it('one request spends at most its time budget on lookups, however many credentials point at a host that never answers', async () => {
    // A tarpit: accepts connections, never answers.
    const sockets: Socket[] = [];
    let connections = 0;
    const tarpit = createServer((socket) => {
      connections++;
      sockets.push(socket);
    });
    await new Promise<void>((resolve) => tarpit.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(tarpit.address() as AddressInfo).port}`;
    const issuer = await startTestServer();
    const place = await startTestServer({ acceptForeignCredentials: true, allowPrivateIssuers: true, foreignCheckBudgetMs: 1500 });
    try {
      const b = await seedBasics(issuer, { uses: 5 });
      const genuine = (await issuer.call('POST', '/api/v1/claims', { body: { achievement: b.achievementKey, code: b.codes[0], recipient: { email: 'slow@example.org' } }, token: null })).json;
      // The same credential, re-signed in the name of an issuer living at the tarpit.
      const payload = JSON.parse(Buffer.from(genuine.jwt.split('.')[1], 'base64url').toString());
      payload.iss = `${origin}/issuer`;
      if (payload.vc?.issuer) payload.vc.issuer = { ...payload.vc.issuer, id: `${origin}/issuer` };
      if (payload.issuer) payload.issuer = { ...payload.issuer, id: `${origin}/issuer` };
      const slow = await signCredentialJwt(payload, { privateJwk: (await generateKeyPair('Ed25519')).privateJwk, kid: `${origin}/issuer#key-1` });
      await place.call('POST', '/api/v1/issuers', { body: { key: 'p', name: 'P', url: 'https://p.example' } });
      await place.call('POST', '/api/v1/pathways', { body: { key: 'slow', issuer: 'p', name: 'Slow', root: { type: 'group', id: 'root', children: [{ type: 'badge', id: 'x', badge: { id: b.achievementId } }] } } });
      await place.call('POST', '/api/v1/pathways/slow/publish', { body: {} });
      const started = Date.now();
      const res = await place.call('POST', '/api/v1/pathways/slow/milestones', { body: { recipient: { email: 'slow@example.org' }, credentials: Array.from({ length: 12 }, () => slow) }, token: null });
      const took = Date.now() - started;
      expect(res.status).to.equal(200);
      expect(new Set(res.json.rejected.map((r: any) => r.code))).to.deep.equal(new Set(['credential-unverifiable']));
      expect(res.json.rejected).to.have.length(12);
      // 12 credentials × a 5 s lookup timeout would be a minute; the budget is 1.5 s.
      expect(took, `took ${took} ms`).to.be.below(4000);
      expect(connections, 'lookups run a few at a time').to.be.at.most(8);
    } finally {
      for (const socket of sockets) socket.destroy();
      tarpit.close();
      await issuer.stop();
      await place.stop();
    }
  });
});
