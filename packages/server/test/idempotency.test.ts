// Idempotency keys belong to the caller who used them: authentication comes before any replay,
// so an anonymous (or wrongly keyed) request with someone's key and body never gets their
// credential back, and two callers may use the same key without colliding.
import { describe, it, before, after, expect } from '@col/harness';
import { startTestServer, type TestServer } from './support/test-server.js';
import { seedBasics } from './support/seed.js';

describe('idempotency keys are per caller', () => {
  let s: TestServer;
  let achievementKey: string;
  let providerKey: string;
  before(async () => {
    s = await startTestServer();
    ({ achievementKey } = await seedBasics(s, { issuer: 'idem-issuer' }));
    providerKey = (await s.call('POST', '/api/v1/issuers/idem-issuer/api-keys', { body: {} })).json.key;
  });
  after(async () => s?.stop());

  it('an anonymous request with the admin\'s key and body gets no replay of the admin\'s credential', async () => {
    const body = { achievement: achievementKey, recipient: { email: 'direct.award@example.org' } };
    const original = await s.call('POST', '/api/v1/claims', { body, headers: { 'idempotency-key': 'lms-sync-1' } });
    expect(original.status).to.equal(201);
    const stranger = await s.call('POST', '/api/v1/claims', { body, token: null, headers: { 'idempotency-key': 'lms-sync-1' } });
    expect(stranger.status).to.equal(400);
    expect(stranger.text).to.not.contain(original.json.id);
    expect(stranger.headers.get('idempotent-replayed')).to.equal(null);
  });

  it('a wrong bearer key is refused (401) before any replay', async () => {
    const body = { achievement: achievementKey, recipient: { email: 'direct.award2@example.org' } };
    const original = await s.call('POST', '/api/v1/claims', { body, headers: { 'idempotency-key': 'lms-sync-2' } });
    expect(original.status).to.equal(201);
    const forged = await s.call('POST', '/api/v1/claims', { body, token: 'not-a-real-key-0123456789', headers: { 'idempotency-key': 'lms-sync-2' } });
    expect([forged.status, forged.json.code]).to.deep.equal([401, 'unauthorized']);
  });

  it('another caller replaying the same key and body gets its own answer, not the first caller\'s credential', async () => {
    const body = { achievement: achievementKey, recipient: { email: 'shared.key@example.org' } };
    const byAdmin = await s.call('POST', '/api/v1/claims', { body, headers: { 'idempotency-key': 'order-1' } });
    const byProvider = await s.call('POST', '/api/v1/claims', { body, token: providerKey, headers: { 'idempotency-key': 'order-1' } });
    expect([byAdmin.status, byProvider.status]).to.deep.equal([201, 201]);
    expect(byProvider.json.id).to.not.equal(byAdmin.json.id);
    expect(byProvider.headers.get('idempotent-replayed')).to.equal(null);
    // Each caller's own retry still replays its own credential.
    const retry = await s.call('POST', '/api/v1/claims', { body, token: providerKey, headers: { 'idempotency-key': 'order-1' } });
    expect([retry.json.id, retry.headers.get('idempotent-replayed')]).to.deep.equal([byProvider.json.id, 'true']);
  });

  it('two callers may use the same key for different requests', async () => {
    const a = await s.call('POST', '/api/v1/claims', { body: { achievement: achievementKey, recipient: { email: 'one@example.org' } }, headers: { 'idempotency-key': 'batch-7' } });
    const b = await s.call('POST', '/api/v1/claims', { body: { achievement: achievementKey, recipient: { email: 'two@example.org' } }, token: providerKey, headers: { 'idempotency-key': 'batch-7' } });
    expect([a.status, b.status]).to.deep.equal([201, 201]);
  });
});

describe('a claim is replayed for a day', () => {
  // The server's clock, moved forward by the test: a learner's client that lost the answer may
  // come back with the key from its error much later (the client README promises 24 hours).
  const clock = { offsetMs: 0 };
  let s: TestServer;
  let achievementKey: string;
  let codes: string[];
  before(async () => {
    s = await startTestServer({ now: () => new Date(Date.now() + clock.offsetMs) });
    ({ achievementKey, codes } = await seedBasics(s, { issuer: 'idem-day', count: 2, uses: 1 }));
  });
  after(async () => s?.stop());
  const hours = (n: number) => n * 3600_000;

  it('23 hours later the same key still returns the first credential, not code-used-up; after a day it is forgotten', async () => {
    const body = { achievement: achievementKey, code: codes[0], recipient: { email: 'came.back.later@example.org' } };
    const headers = { 'idempotency-key': 'learner-attempt-1' };
    const first = await s.call('POST', '/api/v1/claims', { body, token: null, headers });
    expect(first.status, first.text).to.equal(201);

    clock.offsetMs = hours(23);
    // Another learner's claim arrives in between: new keys are when old records are dropped.
    const other = await s.call('POST', '/api/v1/claims', { body: { achievement: achievementKey, code: codes[1], recipient: { email: 'other@example.org' } }, token: null, headers: { 'idempotency-key': 'learner-attempt-2' } });
    expect(other.status, other.text).to.equal(201);
    const later = await s.call('POST', '/api/v1/claims', { body, token: null, headers });
    expect([later.status, later.json.id, later.headers.get('idempotent-replayed')]).to.deep.equal([201, first.json.id, 'true']);

    clock.offsetMs = hours(48);
    await s.call('POST', '/api/v1/claims', { body: { achievement: achievementKey, code: 'AAAA-BBBB-CCCC', recipient: { email: 'x@example.org' } }, token: null, headers: { 'idempotency-key': 'learner-attempt-3' } });
    // Two days on, the key is a new request: the single-use code was spent by the first claim.
    const tooLate = await s.call('POST', '/api/v1/claims', { body, token: null, headers });
    expect([tooLate.status, tooLate.json.code]).to.deep.equal([409, 'code-used-up']);
  });
});
