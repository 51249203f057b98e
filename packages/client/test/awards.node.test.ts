// Bulk awards through the client against the real reference server: a thousand rows from one
// provider key in one call (split into requests, with progress) issue without a 429; running the
// same sync again issues nothing and reports every row as a duplicate of the original.
import { describe, it, before, after, expect } from '@col/harness';
import { createClient, createObClient, type AwardsProgress } from '@citiesoflearning/client';
import { startTestServer } from './support/node-server.js';
import { droppingProxy, type DroppingProxy } from './support/dropping-proxy.js';
import { failure } from './support/failure.js';
import type { TestServer } from './support/server.js';

describe('awards.create (bulk awards for LMS and CRM syncs)', () => {
  let server: TestServer;
  let providerKey: string;
  const proxies: DroppingProxy[] = [];
  before(async () => {
    server = await startTestServer();
    const admin = createClient({ baseUrl: server.url, apiKey: server.adminKey });
    ({ key: providerKey } = await admin.issuers.createApiKey('eastgate-makerspace', { label: 'LMS sync' }));
  });
  after(async () => {
    for (const p of proxies) await p.close();
    await server?.close();
  });
  const total = async () => (await createObClient({ baseUrl: server.url, token: server.adminKey }).credentials.page({ limit: 1 })).total ?? 0;

  it('a thousand rows from one key issue without a 429, and the same sync again issues nothing', async () => {
    const provider = createClient({ baseUrl: server.url, apiKey: providerKey, timeout: 120_000 });
    const recipients = Array.from({ length: 1000 }, (_, i) => ({ email: `learner${i}@example.org`, externalId: `enrolment-${i}` }));
    const before = await total();
    const progress: AwardsProgress[] = [];
    const first = await provider.awards.create({ achievement: 'intro-to-coding', recipients }, { onProgress: (p) => progress.push(p) });
    expect(first.summary).to.deep.equal({ issued: 1000, duplicate: 0, invalid: 0, failed: 0 });
    expect(first.results.map((r) => r.externalId)).to.deep.equal(recipients.map((r) => r.externalId));
    expect(progress.map((p) => p.done)).to.deep.equal([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(progress.every((p) => p.total === 1000)).to.equal(true);
    expect(await total()).to.equal(before + 1000);

    const again = await provider.awards.create({ achievement: 'intro-to-coding', recipients }, { batchSize: 1000 });
    expect(again.summary).to.deep.equal({ issued: 0, duplicate: 1000, invalid: 0, failed: 0 });
    expect(again.results.map((r) => r.id)).to.deep.equal(first.results.map((r) => r.id));
    expect(await total()).to.equal(before + 1000);
  });

  it('numbers bad rows within the whole list, across batches, and issues the good ones', async () => {
    const provider = createClient({ baseUrl: server.url, apiKey: providerKey });
    const recipients = [
      { email: 'a@example.org' }, { email: 'b@example.org' }, { email: 'c@example.org' },
      { email: 'd@example.org' }, { email: 'not an email' }, { email: 'f@example.org', validUntil: '2001-01-01T00:00:00Z' },
      { email: 'g@example.org', name: 'Grace', narrative: 'Mentored two newcomers.', evidence: [{ id: 'https://lms.example/work/7' }] },
    ];
    const { results, summary } = await provider.awards.create({ achievement: 'intro-to-coding', recipients }, { batchSize: 3 });
    expect(results.map((r) => r.status)).to.deep.equal(['issued', 'issued', 'issued', 'issued', 'invalid', 'invalid', 'issued']);
    expect([results[4]!.error?.field, results[5]!.error?.field]).to.deep.equal(['recipients[4].email', 'recipients[5].validUntil']);
    expect(results[4]!.error?.message).to.contain('recipients[4].email');
    expect(summary).to.deep.equal({ issued: 5, duplicate: 0, invalid: 2, failed: 0 });
    expect(results[6]!.credential?.credentialSubject).to.deep.include({ narrative: 'Mentored two newcomers.' });
  });

  it('a batch whose answer is lost is retried with its key and issued once', async () => {
    let dropped = false;
    const proxy = await droppingProxy(server.url, (req) => {
      if (dropped || req.url !== '/api/v1/awards') return false;
      dropped = true;
      return true;
    });
    proxies.push(proxy);
    const before = await total();
    // No externalIds: only the Idempotency-Key stands between a retry and a second credential.
    const recipients = [{ email: 'once1@example.org' }, { email: 'once2@example.org' }];
    const { summary } = await createClient({ baseUrl: proxy.url, apiKey: providerKey }).awards.create({ achievement: 'intro-to-coding', recipients });
    expect(summary.issued).to.equal(2);
    const sent = proxy.upstream.filter((r) => r.path === '/api/v1/awards');
    expect(sent.map((r) => r.dropped)).to.deep.equal([true, false]);
    expect(sent[1]!.idempotencyKey).to.equal(sent[0]!.idempotencyKey);
    expect(await total()).to.equal(before + 2);
  });

  it('when every answer to a request is lost, calling again with the error\'s key replays what was done and sends the rest', async () => {
    // Every answer to the request starting at row 2 is lost: the server issued those rows, the
    // client never heard. No externalIds: only the keys stand between a second call and duplicates.
    const proxy = await droppingProxy(server.url, (req) => req.url === '/api/v1/awards' && String(req.headers['idempotency-key']).endsWith(':2'));
    proxies.push(proxy);
    const before = await total();
    const input = { achievement: 'intro-to-coding', recipients: ['r0', 'r1', 'r2', 'r3', 'r4'].map((n) => ({ email: `${n}.lost@example.org` })) };
    const lost = await failure(createClient({ baseUrl: proxy.url, apiKey: providerKey, retry: 1 }).awards.create(input, { batchSize: 2 }));
    expect([lost.code, lost.details?.failedAt, (lost.details?.completed as unknown[]).length]).to.deep.equal(['network', 2, 2]);
    const sent = proxy.upstream.filter((r) => r.path === '/api/v1/awards');
    expect(sent.map((r) => [r.idempotencyKey, r.dropped])).to.deep.equal([[`${lost.idempotencyKey}:0`, false], [`${lost.idempotencyKey}:2`, true], [`${lost.idempotencyKey}:2`, true]]);
    expect(await total()).to.equal(before + 4);

    // The network is back: the same call with the key from the error.
    const again = await createClient({ baseUrl: server.url, apiKey: providerKey }).awards.create(input, { batchSize: 2, idempotencyKey: lost.idempotencyKey! });
    expect(again.summary).to.deep.equal({ issued: 5, duplicate: 0, invalid: 0, failed: 0 });
    const issuedUnheard = (JSON.parse(sent[1]!.body) as { results: Array<{ id: string }> }).results.map((r) => r.id);
    expect(again.results.map((r) => r.id).slice(0, 4)).to.deep.equal([...(lost.details?.completed as Array<{ id: string }>).map((r) => r.id), ...issuedUnheard]);
    expect(await total()).to.equal(before + 5);
    // A key the server would refuse is refused before anything is sent.
    for (const idempotencyKey of ['', 'has space', 'x'.repeat(181)]) {
      const refused = await createClient({ baseUrl: server.url, apiKey: providerKey }).awards.create(input, { idempotencyKey }).catch((e: unknown) => e);
      expect(refused, JSON.stringify(idempotencyKey)).to.be.instanceOf(TypeError);
    }
    expect(await total()).to.equal(before + 5);
  });

  it('a field the server does not know is refused, and the error names it in `field`', async () => {
    const col = createClient({ baseUrl: server.url });
    // A typo that TypeScript would catch, made from plain JavaScript.
    const claim = { achievement: 'intro-to-coding', code: server.claimCodes[0]!.code, recipient: { email: 'typo@example.org', nmae: 'Typo' } } as unknown as Parameters<typeof col.claims.create>[0];
    const error = await failure(col.claims.create(claim));
    expect([error.code, error.serverCode, error.field]).to.deep.equal(['bad-request', 'unknown-field', 'recipient.nmae']);
  });

  it('a request refused as a whole throws, with the rows done before it and the index it stopped at', async () => {
    const other = createClient({ baseUrl: server.url, apiKey: (await createClient({ baseUrl: server.url, apiKey: server.adminKey }).issuers.createApiKey('brightwater-libraries')).key });
    const error = await failure(other.awards.create({ achievement: 'intro-to-coding', recipients: [{ email: 'x@example.org' }] }));
    expect([error.code, error.status, error.details?.failedAt]).to.deep.equal(['forbidden', 403, 0]);
    expect(error.details?.completed).to.deep.equal([]);
    expect(error.idempotencyKey).to.be.a('string');
    const badSize = await other.awards.create({ achievement: 'intro-to-coding', recipients: [{ email: 'x@example.org' }] }, { batchSize: 0 }).catch((e: unknown) => e);
    expect(badSize).to.be.instanceOf(TypeError);
  });
});
