// Safety over real HTTP: exactly-once codes under 200 concurrent redemptions, idempotent
// retries, provider scoping, CORS, body and rate limits, expiry, and JSON errors only.
import { describe, it, before, after, expect } from '@col/harness';
import { startTestServer, type TestServer } from './support/test-server.js';
import { seedBasics } from './support/seed.js';

const claim = (s: TestServer, body: unknown, headers: Record<string, string> = {}) => s.call('POST', '/api/v1/claims', { body, token: null, headers });

describe('claim safety', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(async () => s?.stop());

  it('a uses:1 code issues exactly once under 200 concurrent redemptions', async () => {
    const { achievementKey, codes } = await seedBasics(s, { uses: 1 });
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => claim(s, { achievement: achievementKey, code: codes[0], recipient: { email: `learner${i}@example.org` } })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((x) => x === 201).length).to.equal(1);
    expect(statuses.filter((x) => x === 409).length).to.equal(199);
    for (const r of results.filter((x) => x.status === 409)) expect(r.json).to.deep.equal({ code: 'code-used-up', message: r.json.message });
    const list = await s.call('GET', '/ims/ob/v3p0/credentials?limit=100');
    expect(list.json.credential.filter((c: any) => c.credentialSubject.achievement.id.endsWith(`/${achievementKey}`)).length).to.equal(1);
  });

  it('a uses:3 code issues exactly three times under 60 concurrent redemptions', async () => {
    const { achievementKey, codes } = await seedBasics(s, { uses: 3 });
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => claim(s, { achievement: achievementKey, code: codes[0], recipient: { email: `m${i}@example.org` } })));
    expect(results.filter((r) => r.status === 201).length).to.equal(3);
  });

  it('retries with the same Idempotency-Key and body get the same 201 and never a second credential, even concurrently', async () => {
    const { achievementKey, codes } = await seedBasics(s, { uses: 10 });
    const body = { achievement: achievementKey, code: codes[0], recipient: { email: 'retry@example.org' } };
    const first = await claim(s, body, { 'idempotency-key': 'order-42' });
    expect(first.status).to.equal(201);
    const again = await claim(s, body, { 'idempotency-key': 'order-42' });
    expect(again.status).to.equal(201);
    expect(again.json).to.deep.equal(first.json);
    expect(again.headers.get('idempotent-replayed')).to.equal('true');
    // Concurrent retries of a new key: one issues, the rest replay or are told to retry; never two credentials.
    const burst = await Promise.all(Array.from({ length: 20 }, () => claim(s, body, { 'idempotency-key': 'order-43' })));
    const ok = burst.filter((r) => r.status === 201);
    expect(new Set(ok.map((r) => r.json.id)).size).to.equal(1);
    for (const r of burst.filter((x) => x.status !== 201)) expect(r.json.code).to.equal('idempotency-in-progress');
    const later = await claim(s, body, { 'idempotency-key': 'order-43' });
    expect(later.json.id).to.equal(ok[0]!.json.id);
    const list = await s.call('GET', '/ims/ob/v3p0/credentials?limit=100');
    expect(list.json.credential.filter((c: any) => c.credentialSubject.achievement.id.endsWith(`/${achievementKey}`)).length).to.equal(2);
  });

  it('refuses an expired code with 409 code-expired', async () => {
    let clock = Date.parse('2030-01-01T00:00:00Z');
    const t = await startTestServer({ now: () => new Date(clock) });
    try {
      const { achievementKey } = await seedBasics(t);
      const codes = await t.call('POST', `/api/v1/achievements/${achievementKey}/claim-codes`, { body: { uses: 5, expiresAt: '2030-01-02T00:00:00Z' } });
      expect((await claim(t, { achievement: achievementKey, code: codes.json.codes[0], recipient: { email: 'early@example.org' } })).status).to.equal(201);
      clock = Date.parse('2030-01-03T00:00:00Z');
      const late = await claim(t, { achievement: achievementKey, code: codes.json.codes[0].toLowerCase().replace(/-/g, ' '), recipient: { email: 'late@example.org' } });
      expect(late.status).to.equal(409);
      expect(late.json.code).to.equal('code-expired');
    } finally {
      await t.stop();
    }
  });

  it('a provider key can never issue, code or revoke another issuer\'s badges', async () => {
    const mine = await seedBasics(s, { issuer: 'provider-a' });
    const theirs = await seedBasics(s, { issuer: 'provider-b' });
    const keyA = (await s.call('POST', '/api/v1/issuers/provider-a/api-keys', { body: {} })).json.key;
    const create = await s.call('POST', '/api/v1/achievements', { body: { issuer: 'provider-b', name: 'Sneaky', description: 'd', criteria: 'c' }, token: keyA });
    expect(create.status).to.equal(403);
    expect((await s.call('POST', `/api/v1/achievements/${theirs.achievementKey}/claim-codes`, { body: {}, token: keyA })).status).to.equal(403);
    const theirAward = await claim(s, { achievement: theirs.achievementKey, code: theirs.codes[0], recipient: { email: 'x@example.org' } });
    const key = theirAward.json.id.split('/').pop();
    expect((await s.call('POST', `/api/v1/credentials/${key}/revoke`, { body: { reason: 'x' }, token: keyA })).status).to.equal(403);
    expect((await s.call('POST', '/api/v1/issuers', { body: { name: 'New', url: 'https://n.example' }, token: keyA })).status).to.equal(403);
    // …but can manage its own.
    expect((await s.call('POST', `/api/v1/achievements/${mine.achievementKey}/claim-codes`, { body: {}, token: keyA })).status).to.equal(201);
    const own = await s.call('POST', '/api/v1/achievements', { body: { name: 'Mine', description: 'd', criteria: 'c' }, token: keyA });
    expect(own.status).to.equal(201);
    expect(own.json.provider).to.equal('provider-a');
  });

  it('CORS is open for public read and claim, closed for admin endpoints', async () => {
    const pre = (path: string, method: string) => fetch(new URL(path, s.url), { method: 'OPTIONS', headers: { origin: 'https://course.example', 'access-control-request-method': method, 'access-control-request-headers': 'content-type,idempotency-key' } });
    const claimPre = await pre('/api/v1/claims', 'POST');
    expect(claimPre.headers.get('access-control-allow-origin')).to.equal('*');
    expect(claimPre.headers.get('access-control-allow-headers')).to.match(/idempotency-key/i);
    expect((await pre('/api/v1/pathways/x/milestones', 'POST')).headers.get('access-control-allow-origin')).to.equal('*');
    for (const [path, method] of [['/api/v1/achievements', 'POST'], ['/api/v1/credentials/x/revoke', 'POST'], ['/api/v1/issuers', 'POST'], ['/ims/ob/v3p0/credentials', 'GET']] as const) {
      expect((await pre(path, method)).headers.get('access-control-allow-origin'), `${method} ${path}`).to.equal(null);
    }
    const read = await fetch(new URL('/api/v1/achievements', s.url), { headers: { origin: 'https://course.example' } });
    expect(read.headers.get('access-control-allow-origin')).to.equal('*');
    const adminPost = await s.call('POST', '/api/v1/issuers', { body: { name: 'C', url: 'https://c.example' }, headers: { origin: 'https://evil.example' } });
    expect(adminPost.headers.get('access-control-allow-origin')).to.equal(null);
  });

  it('answers an oversized body with a 413 JSON error, and bad JSON with 400, never a stack trace', async () => {
    const big = await claim(s, { achievement: 'x', code: 'y', recipient: { email: 'a@b.org' }, padding: 'x'.repeat(2 * 1024 * 1024) });
    expect(big.status).to.equal(413);
    expect(big.json.code).to.equal('body-too-large');
    const bad = await s.call('POST', '/api/v1/claims', { body: '{"achievement":', token: null });
    expect(bad.status).to.equal(400);
    expect(bad.json).to.deep.equal({ code: 'invalid-json', message: bad.json.message });
    const missing = await s.call('GET', '/nowhere');
    expect(missing.status).to.equal(404);
    expect(Object.keys(missing.json).sort()).to.deep.equal(['code', 'message']);
    for (const r of [big, bad, missing]) expect(r.text).to.not.match(/at .*\.(ts|js):\d+/);
  });

  it('rate-limits claims per client address with 429 and Retry-After', async () => {
    const t = await startTestServer({ claimsPerMinute: 5 });
    try {
      const { achievementKey, codes } = await seedBasics(t, { uses: 100 });
      const results = [];
      for (let i = 0; i < 7; i++) results.push(await claim(t, { achievement: achievementKey, code: codes[0], recipient: { email: `r${i}@example.org` } }));
      expect(results.slice(0, 5).map((r) => r.status)).to.deep.equal([201, 201, 201, 201, 201]);
      expect(results[5]!.status).to.equal(429);
      expect(results[5]!.json.code).to.equal('rate-limited');
      expect(Number(results[5]!.headers.get('retry-after'))).to.be.greaterThan(0);
      // Reads are not limited.
      expect((await t.call('GET', '/api/v1/achievements', { token: null })).status).to.equal(200);
    } finally {
      await t.stop();
    }
  });

  it('behind a trusted proxy, limits per forwarded client; untrusted, the header is ignored', async () => {
    const proxied = await startTestServer({ claimsPerMinute: 2, trustProxy: true });
    const direct = await startTestServer({ claimsPerMinute: 2 });
    try {
      for (const [t, expected] of [[proxied, [201, 201, 201, 201]], [direct, [201, 201, 429, 429]]] as const) {
        const { achievementKey, codes } = await seedBasics(t, { uses: 100 });
        const statuses = [];
        for (const client of ['198.51.100.1', '198.51.100.1', '198.51.100.2', '198.51.100.2']) {
          statuses.push((await t.call('POST', '/api/v1/claims', { body: { achievement: achievementKey, code: codes[0], recipient: { email: 'p@example.org' } }, token: null, headers: { 'x-forwarded-for': `203.0.113.9, ${client}` } })).status);
        }
        expect(statuses).to.deep.equal(expected);
      }
    } finally {
      await proxied.stop();
      await direct.stop();
    }
  });

  it('request logs name route patterns, never keys, codes or emails', async () => {
    const t = await startTestServer({ logRequests: true });
    try {
      const { achievementKey, codes } = await seedBasics(t, { uses: 2 });
      const award = await t.call('POST', '/api/v1/claims', { body: { achievement: achievementKey, code: codes[0], recipient: { email: 'logged.person@example.org' } }, token: null });
      await t.call('GET', new URL(award.json.id).pathname + '?email=leak@example.org', { token: null });
      const text = t.logs.join('\n');
      expect(text).to.match(/POST \/api\/v1\/claims 201 \d+ms/);
      expect(text).to.match(/GET \/api\/v1\/credentials\/:key 200 \d+ms/);
      for (const secret of ['logged.person', 'leak@', codes[0]!, award.json.id.split('/').pop(), achievementKey]) expect(text).to.not.contain(secret);
    } finally {
      await t.stop();
    }
  });

  it('never puts an email into a URL or a log line', async () => {
    const { achievementKey, codes } = await seedBasics(s, { uses: 2 });
    const r = await claim(s, { achievement: achievementKey, code: codes[0], recipient: { email: 'private.person@example.org' } });
    expect(JSON.stringify(r.json.links)).to.not.contain('private');
    expect(r.headers.get('location')).to.not.contain('private');
    expect(s.logs.join('\n')).to.not.contain('private.person');
  });
});
