// A claim whose response is lost (the server issued, then the connection dropped before the
// reply) is retried by the client with the same Idempotency-Key — and the real reference server
// answers with the first credential instead of issuing a second one.
import { describe, it, before, after, expect } from '@col/harness';
import { createClient, createObClient, keyOf } from '@citiesoflearning/client';
import { startTestServer } from './support/node-server.js';
import { droppingProxy, type DroppingProxy } from './support/dropping-proxy.js';
import { failure } from './support/failure.js';
import type { TestServer } from './support/server.js';

describe('claims survive a dropped response without issuing twice', () => {
  let server: TestServer;
  let proxy: DroppingProxy;
  before(async () => {
    server = await startTestServer();
    // Drop the reply to the first claim only.
    let dropped = false;
    proxy = await droppingProxy(server.url, (req) => {
      if (dropped || req.method !== 'POST' || req.url !== '/api/v1/claims') return false;
      dropped = true;
      return true;
    });
  });
  after(async () => {
    await proxy?.close();
    await server?.close();
  });

  it('retries once with the same key, gets the same credential, and the code keeps its other use', async () => {
    const admin = createClient({ baseUrl: server.url, apiKey: server.adminKey });
    const ob = createObClient({ baseUrl: server.url, token: server.adminKey });
    const issuedBefore = (await ob.credentials.page({ limit: 1 })).total;
    const { codes } = await admin.claimCodes.create('intro-to-coding', { count: 1, uses: 2 });
    const code = codes[0]!;

    const learner = createClient({ baseUrl: proxy.url });
    const award = await learner.claims.create({ achievement: 'intro-to-coding', code, recipient: { email: 'ada@example.org' } });

    const claims = proxy.upstream.filter((r) => r.path === '/api/v1/claims');
    expect(claims.map((r) => [r.status, r.dropped])).to.deep.equal([[201, true], [201, false]]);
    expect(claims[0]!.idempotencyKey).to.be.a('string');
    expect(claims[1]!.idempotencyKey).to.equal(claims[0]!.idempotencyKey);
    // The credential the client got is the one issued by the first (lost) attempt.
    expect(JSON.parse(claims[0]!.body).id).to.equal(award.id);
    expect((await admin.credentials.get(award.id)).id).to.equal(award.id);

    // Exactly one credential was issued…
    expect((await ob.credentials.page({ limit: 1 })).total).to.equal((issuedBefore ?? 0) + 1);
    // …and the two-use code has exactly one use left.
    const second = await learner.claims.create({ achievement: 'intro-to-coding', code, recipient: { email: 'grace@example.org' } });
    expect(keyOf(second.id)).to.not.equal(keyOf(award.id));
    let third: unknown;
    try {
      await learner.claims.create({ achievement: 'intro-to-coding', code, recipient: { email: 'alan@example.org' } });
    } catch (error) {
      third = error;
    }
    expect(third).to.include({ code: 'conflict', serverCode: 'code-used-up', status: 409 });
  });

  it('two concurrent attempts with one key: the second waits out "in progress" and gets the same credential', async () => {
    const admin = createClient({ baseUrl: server.url, apiKey: server.adminKey });
    const { codes } = await admin.claimCodes.create('intro-to-coding', { count: 1, uses: 5 });
    const learner = createClient({ baseUrl: server.url });
    const claim = { achievement: 'intro-to-coding', code: codes[0]!, recipient: { email: 'kat@example.org' } };
    const [a, b] = await Promise.all([
      learner.claims.create(claim, { idempotencyKey: 'tab-1-claim-1' }),
      learner.claims.create(claim, { idempotencyKey: 'tab-1-claim-1' }),
    ]);
    expect(a.id).to.equal(b.id);
    // Only one of the five uses went: four more claims succeed, the fifth fails.
    for (let i = 0; i < 4; i++) await learner.claims.create({ ...claim, recipient: { email: `kat${i}@example.org` } });
    let sixth: unknown;
    try {
      await learner.claims.create({ ...claim, recipient: { email: 'kat9@example.org' } });
    } catch (error) {
      sixth = error;
    }
    expect(sixth).to.include({ code: 'conflict', serverCode: 'code-used-up' });
  });
});

describe('claims survive timeouts, and a claim whose answers are all lost is recovered with its key', () => {
  let server: TestServer;
  const proxies: DroppingProxy[] = [];
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    for (const p of proxies) await p.close();
    await server?.close();
  });
  const claimsThrough = (p: DroppingProxy) => p.upstream.filter((r) => r.path === '/api/v1/claims');

  it('a claim answered after the client gave up (timeout) is retried with the same key and returns that credential', async () => {
    const admin = createClient({ baseUrl: server.url, apiKey: server.adminKey });
    const { codes } = await admin.claimCodes.create('intro-to-coding', { count: 1, uses: 1 });
    let held = false;
    const proxy = await droppingProxy(server.url, (req) => {
      if (held || req.url !== '/api/v1/claims') return false;
      held = true;
      return { holdMs: 2_500 };
    });
    proxies.push(proxy);
    const learner = createClient({ baseUrl: proxy.url, timeout: 1_000 });
    // A single-use code: a second issue would answer code-used-up, so success proves the replay.
    const award = await learner.claims.create({ achievement: 'intro-to-coding', code: codes[0]!, recipient: { email: 'slow@example.org' } });
    const claims = claimsThrough(proxy);
    expect(claims.map((r) => r.status)).to.deep.equal([201, 201]);
    expect(claims[1]!.idempotencyKey).to.equal(claims[0]!.idempotencyKey);
    expect(JSON.parse(claims[0]!.body).id).to.equal(award.id);
  });

  it('when every answer is lost, the error carries the key, and calling again with it returns the original credential', async () => {
    const admin = createClient({ baseUrl: server.url, apiKey: server.adminKey });
    const ob = createObClient({ baseUrl: server.url, token: server.adminKey });
    const { codes } = await admin.claimCodes.create('intro-to-coding', { count: 1, uses: 1 });
    const proxy = await droppingProxy(server.url, (req) => req.url === '/api/v1/claims');
    proxies.push(proxy);
    const before = (await ob.credentials.page({ limit: 1 })).total ?? 0;
    const claim = { achievement: 'intro-to-coding', code: codes[0]!, recipient: { email: 'lost@example.org' } } as const;

    const lost = await failure(createClient({ baseUrl: proxy.url, retry: 2 }).claims.create(claim));
    expect(lost.code).to.equal('network');
    expect(lost.idempotencyKey).to.be.a('string');
    const attempts = claimsThrough(proxy);
    expect(attempts.map((r) => [r.status, r.idempotencyKey])).to.deep.equal([[201, lost.idempotencyKey], [201, lost.idempotencyKey], [201, lost.idempotencyKey]]);

    // Later (the network is back), the same claim with the key from the error: the first credential.
    const recovered = await createClient({ baseUrl: server.url }).claims.create(claim, { idempotencyKey: lost.idempotencyKey! });
    expect(recovered.id).to.equal(JSON.parse(attempts[0]!.body).id);
    expect((await ob.credentials.page({ limit: 1 })).total).to.equal(before + 1);
  });

  it('a timeout that outlasts the retries carries the key too', async () => {
    const admin = createClient({ baseUrl: server.url, apiKey: server.adminKey });
    const { codes } = await admin.claimCodes.create('intro-to-coding', { count: 1, uses: 1 });
    const proxy = await droppingProxy(server.url, (req) => (req.url === '/api/v1/claims' ? { holdMs: 1_500 } : false));
    proxies.push(proxy);
    const claim = { achievement: 'intro-to-coding', code: codes[0]!, recipient: { email: 'late@example.org' } } as const;
    const late = await failure(createClient({ baseUrl: proxy.url, timeout: 300, retry: 1 }).claims.create(claim));
    expect([late.code, typeof late.idempotencyKey]).to.deep.equal(['timeout', 'string']);
    const recovered = await createClient({ baseUrl: server.url }).claims.create(claim, { idempotencyKey: late.idempotencyKey! });
    expect(recovered.id).to.equal(JSON.parse(claimsThrough(proxy)[0]!.body).id);
  });

  it('a refusal is an answer, not a lost response: it is not retried (and still names the key)', async () => {
    const proxy = await droppingProxy(server.url, () => false);
    proxies.push(proxy);
    const refused = await failure(createClient({ baseUrl: proxy.url }).claims.create({ achievement: 'intro-to-coding', code: 'AAAA-BBBB-CCCC', recipient: { email: 'x@example.org' } }));
    expect([refused.status, refused.serverCode]).to.deep.equal([404, 'code-not-found']);
    expect(claimsThrough(proxy)).to.have.length(1);
    expect(refused.idempotencyKey).to.be.a('string');
  });
});
