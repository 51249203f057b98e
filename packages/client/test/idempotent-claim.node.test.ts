// A claim whose response is lost (the server issued, then the connection dropped before the
// reply) is retried by the client with the same Idempotency-Key — and the real reference server
// answers with the first credential instead of issuing a second one.
import { describe, it, before, after, expect } from '@col/harness';
import { createClient, createObClient, keyOf } from '@citiesoflearning/client';
import { startTestServer } from './support/node-server.js';
import { droppingProxy, type DroppingProxy } from './support/dropping-proxy.js';
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
