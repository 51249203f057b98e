// Pathways end to end: create, version, publish; a learner with no account presents
// credentials and gets each milestone badge once, however often they ask.
import { describe, it, before, after, expect } from '@col/harness';
import { multibaseToJwk, verifyDataIntegrityProof } from '@citiesoflearning/verify';
import { hashIdentity } from '@citiesoflearning/core';
import { ADMIN, startTestServer, type TestServer } from './support/test-server.js';

describe('pathways and milestones', () => {
  let s: TestServer;
  const ids: Record<string, string> = {};
  const codes: Record<string, string> = {};

  before(async () => {
    s = await startTestServer();
    await s.call('POST', '/api/v1/issuers', { body: { key: 'college', name: 'Brightwater College', url: 'https://college.example' } });
    for (const key of ['step-a', 'step-b', 'step-c', 'finished']) {
      const a = await s.call('POST', '/api/v1/achievements', { body: { key, issuer: 'college', name: `Step ${key}`, description: 'd', criteria: 'c' } });
      ids[key] = a.json.id;
      codes[key] = (await s.call('POST', `/api/v1/achievements/${key}/claim-codes`, { body: { uses: 50 } })).json.codes[0];
    }
    const root = {
      type: 'group', id: 'root', title: 'Two of three', min: 2, milestoneBadge: ids.finished,
      children: ['step-a', 'step-b', 'step-c'].map((k) => ({ type: 'badge', id: k, badge: { id: ids[k] } })),
    };
    const created = await s.call('POST', '/api/v1/pathways', { body: { key: 'two-of-three', issuer: 'college', name: 'Two of three', root } });
    expect(created.status).to.equal(201);
    expect(created.json).to.include({ version: '1', status: 'draft' });
    expect((await s.call('POST', '/api/v1/pathways/two-of-three/publish', { body: {} })).json.status).to.equal('published');
  });
  after(async () => s?.stop());

  const earn = async (key: string, email: string) => (await s.call('POST', '/api/v1/claims', { body: { achievement: key, code: codes[key], recipient: { email } }, token: null })).json;
  const present = (email: string, credentials: unknown[]) => s.call('POST', '/api/v1/pathways/two-of-three/milestones', { body: { recipient: { email }, credentials }, token: null });

  it('reports progress and next steps before the pathway is complete, awarding nothing', async () => {
    const a = await earn('step-a', 'maya@example.org');
    const res = await present('maya@example.org', [a.credential]);
    expect(res.status).to.equal(200);
    expect(res.json).to.include({ satisfied: false, progress: 0.5 });
    expect(res.json.awarded).to.deep.equal([]);
    expect(res.json.nextSteps.map((n: any) => n.node)).to.include.members(['step-b', 'step-c']);
  });

  it('issues the milestone badge once the learner presents enough, and only once however often they ask', async () => {
    const email = 'sam@example.org';
    const a = await earn('step-a', email);
    const b = await earn('step-b', email);
    const first = await present(email, [a.credential, b.jwt]);
    expect(first.json.satisfied).to.equal(true);
    expect(first.json.rejected).to.deep.equal([]);
    expect(first.json.awarded).to.have.length(1);
    const award = first.json.awarded[0];
    expect(award).to.include({ node: 'root', achievement: ids.finished, new: true });
    // It is a real, signed credential for the same learner.
    const [identifier] = award.credential.credentialSubject.identifier;
    expect(identifier.identityHash).to.equal(await hashIdentity(email, { salt: identifier.salt }));
    const profile = (await s.call('GET', '/api/v1/issuers/college')).json;
    expect((await verifyDataIntegrityProof(award.credential, award.credential.proof, multibaseToJwk(profile.verificationMethod.find((m: any) => m.id === award.credential.proof.verificationMethod).publicKeyMultibase))).ok).to.equal(true);
    // Asking again (sequentially and concurrently) never issues a second one.
    const again = await Promise.all([present(email, [a.credential, b.credential]), present(email, [a.credential, b.credential]), present(email, [b.jwt, a.jwt])]);
    for (const r of again) {
      expect(r.json.awarded.map((x: any) => [x.id, x.new])).to.deep.equal([[award.id, false]]);
    }
    // Presenting less later (one credential proves who they are): the milestone is never taken back.
    const later = await present(email, [a.credential]);
    expect(later.json.awarded.map((x: any) => x.id)).to.deep.equal([award.id]);
    expect(later.json.satisfied).to.equal(true);
  });

  it('rejects credentials that are someone else\'s, tampered, revoked or foreign — with reasons', async () => {
    const mine = await earn('step-a', 'lee@example.org');
    const theirs = await earn('step-b', 'not-lee@example.org');
    const revoked = await earn('step-c', 'lee@example.org');
    await s.call('POST', `/api/v1/credentials/${revoked.id.split('/').pop()}/revoke`, { body: { reason: 'error' } });
    const tampered = structuredClone(mine.credential);
    tampered.validFrom = '2020-01-01T00:00:00Z';
    const foreign = { ...mine.credential, id: 'https://elsewhere.example/credentials/1' };
    const res = await present('lee@example.org', [mine.credential, theirs.credential, revoked.credential, tampered, foreign, 'not a jwt']);
    expect(res.json.rejected.map((r: any) => [r.index, r.code])).to.deep.equal([
      [1, 'recipient-mismatch'],
      [2, 'credential-revoked'],
      [3, 'signature-invalid'],
      [4, 'issuer-unknown'],
      [5, 'credential-unreadable'],
    ]);
    expect(res.json.satisfied).to.equal(false);
    expect(res.json.awarded).to.deep.equal([]);
  });

  it('versions pathways: a new draft does not change the published one until it is published', async () => {
    const v2 = await s.call('POST', '/api/v1/pathways/two-of-three/versions', { body: { name: 'All three', root: { type: 'group', id: 'root', children: ['step-a', 'step-b', 'step-c'].map((k) => ({ type: 'badge', id: k, badge: { id: ids[k] } })) } } });
    expect(v2.json).to.include({ version: '2', status: 'draft' });
    expect((await s.call('GET', '/api/v1/pathways/two-of-three', { token: null })).json.version).to.equal('1');
    await s.call('POST', '/api/v1/pathways/two-of-three/publish', { body: { version: 2 } });
    expect((await s.call('GET', '/api/v1/pathways/two-of-three', { token: null })).json).to.include({ version: '2', name: 'All three' });
    expect((await s.call('GET', '/api/v1/pathways/two-of-three?version=1', { token: null })).json.version).to.equal('1');
    // A pathway can only award its own issuer's badges as milestones.
    await s.call('POST', '/api/v1/issuers', { body: { key: 'other', name: 'Other', url: 'https://other.example' } });
    const othersBadge = (await s.call('POST', '/api/v1/achievements', { body: { key: 'others-badge', issuer: 'other', name: 'Theirs', description: 'd', criteria: 'c' } })).json.id;
    const stolen = await s.call('POST', '/api/v1/pathways/two-of-three/versions', { body: { name: 'Steal', root: { type: 'group', id: 'root', milestoneBadge: othersBadge, children: [{ type: 'badge', id: 'a', badge: { id: ids['step-a'] } }] } } });
    expect(stolen.status).to.equal(403);
    const elsewhere = await s.call('POST', '/api/v1/pathways/two-of-three/versions', { body: { name: 'Far', root: { type: 'group', id: 'root', milestoneBadge: 'https://elsewhere.example/a', children: [{ type: 'badge', id: 'a', badge: { id: ids['step-a'] } }] } } });
    expect(elsewhere.status).to.equal(400);
    const invalid = await s.call('POST', '/api/v1/pathways/two-of-three/versions', { body: { name: 'Bad', root: { type: 'group', id: 'root', min: 9, children: [] } } });
    expect(invalid.status).to.equal(400);
    expect(invalid.json.code).to.equal('pathway-invalid');
  });
  it('a draft is shown to its issuer and the operator only; a bad ?version is a 400 whoever asks', async () => {
    const draft = await s.call('POST', '/api/v1/pathways/two-of-three/versions', { body: { name: 'Unpublished plan', root: { type: 'group', id: 'root', children: [{ type: 'badge', id: 'a', badge: { id: ids['step-a'] } }] } } });
    expect(draft.json.status).to.equal('draft');
    const version = draft.json.version as string;
    await s.call('POST', '/api/v1/issuers', { body: { key: 'rival-college', name: 'Rival', url: 'https://rival.example' } });
    const owner = (await s.call('POST', '/api/v1/issuers/college/api-keys', { body: {} })).json.key as string;
    const rival = (await s.call('POST', '/api/v1/issuers/rival-college/api-keys', { body: {} })).json.key as string;
    const read = (token: string | null, query = '') => s.call('GET', `/api/v1/pathways/two-of-three${query}`, { token });
    for (const token of [null, rival]) {
      expect((await read(token)).json.name, String(token)).to.not.equal('Unpublished plan');
      expect((await read(token, `?version=${version}`)).status, String(token)).to.equal(404);
    }
    for (const token of [owner, ADMIN]) {
      expect((await read(token)).json, token).to.include({ name: 'Unpublished plan', status: 'draft' });
      expect((await read(token, `?version=${version}`)).status, token).to.equal(200);
    }
    const wrongKey = await read('not-a-key-of-this-server');
    expect([wrongKey.status, wrongKey.json.code]).to.deep.equal([401, 'unauthorized']);
    const badVersion = await read('not-a-key-of-this-server', '?version=zero');
    expect([badVersion.status, badVersion.json.code]).to.deep.equal([400, 'invalid-request']);
  });
});
