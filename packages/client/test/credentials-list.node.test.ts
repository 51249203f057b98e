// credentials.list() against the real server: an incremental sync sees new credentials and
// revocations, finds a learner's badges by email (matched on the server, sent in a body), and
// resumes from a stored cursor.
import { describe, it, before, after, expect } from '@col/harness';
import { createClient, type CredentialEntry } from '@citiesoflearning/client';
import { startTestServer } from './support/node-server.js';
import { droppingProxy } from './support/dropping-proxy.js';
import type { TestServer } from './support/server.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('credentials.list', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => server?.close());

  it('finds a learner by email, sees revocations through since, and resumes from a cursor', async () => {
    const provider = createClient({ baseUrl: server.url, apiKey: (await createClient({ baseUrl: server.url, apiKey: server.adminKey }).issuers.createApiKey('eastgate-makerspace')).key });
    const { results } = await provider.awards.create({
      achievement: 'intro-to-coding',
      recipients: [{ email: 'sync-a@example.org' }, { email: 'sync-b@example.org' }, { email: 'Sync-A@example.org' }],
    });
    const [a1, b, a2] = results.map((r) => r.id!);

    const mine = await provider.credentials.list({ recipient: 'sync-a@example.org' }).toArray();
    expect(mine.map((e) => e.id)).to.have.members([a1, a2]);
    expect(mine.every((e) => e.status === 'active' && e.credential.id === e.id)).to.equal(true);

    // Page through with limit 1 and keep the last cursor, as a sync job would.
    let cursor: string | undefined;
    const seen: CredentialEntry[] = [];
    for await (const page of provider.credentials.list({ achievement: 'intro-to-coding', limit: 1 }).pages()) {
      seen.push(...page.credentials);
      if (page.next) cursor = page.next;
    }
    expect(seen.map((e) => e.id)).to.include.members([a1, b, a2]);

    await sleep(1_100); // the server stores whole seconds
    const lastSync = new Date();
    await provider.credentials.revoke(b!, { reason: 'Enrolment cancelled' });
    const changes = await provider.credentials.list({ since: lastSync }).toArray();
    expect(changes.map((e) => [e.id, e.status, e.revocationReason])).to.deep.equal([[b, 'revoked', 'Enrolment cancelled']]);
    // Resuming the same query from the stored cursor yields only what changed after it: the
    // revocation. (The same query, as a sync job resumes it: the demo server issues other badges
    // of this provider at start-up, possibly in the same second as these.)
    expect((await provider.credentials.list({ achievement: 'intro-to-coding', cursor: cursor! }).toArray()).map((e) => e.id)).to.deep.equal([b]);
    expect((await provider.credentials.list({ status: 'revoked', achievement: 'intro-to-coding' }).toArray()).map((e) => e.id)).to.deep.equal([b]);
  });

  it('a search whose answer is lost is asked again (it only reads), and still finds the credentials', async () => {
    const admin = createClient({ baseUrl: server.url, apiKey: server.adminKey });
    await admin.claims.create({ achievement: 'intro-to-coding', recipient: { email: 'lost-search@example.org' } });
    let dropped = false;
    const proxy = await droppingProxy(server.url, (req) => {
      if (dropped || req.url !== '/api/v1/credentials/search') return false;
      dropped = true;
      return true;
    });
    try {
      const found = await createClient({ baseUrl: proxy.url, apiKey: server.adminKey }).credentials.list({ recipient: 'lost-search@example.org' }).toArray();
      expect(found).to.have.length(1);
      expect(proxy.upstream.filter((r) => r.path === '/api/v1/credentials/search').map((r) => [r.status, r.dropped])).to.deep.equal([[200, true], [200, false]]);
    } finally {
      await proxy.close();
    }
  });
});
