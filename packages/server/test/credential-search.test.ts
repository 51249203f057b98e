// Finding credentials again (POST /api/v1/credentials/search) on a real server: status per entry,
// the recipient matched against salted hashes, `since` covering revocations, cursor paging, and
// provider keys kept to their own issuer.
import { describe, it, before, after, expect } from '@col/harness';
import { ADMIN, startTestServer, type TestServer } from './support/test-server.js';
import { seedBasics } from './support/seed.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('POST /api/v1/credentials/search', () => {
  let s: TestServer;
  let offset = 0;
  let a: string;
  let b: string;
  let provider: string;
  const ids: Record<string, string> = {};
  const search = async (body: unknown, token: string | null = ADMIN) => s.call('POST', '/api/v1/credentials/search', { body, token });

  before(async () => {
    // A clock we can move forward to see a credential expire.
    s = await startTestServer({ now: () => new Date(Date.now() + offset), logRequests: true });
    a = (await seedBasics(s, { issuer: 'library' })).achievementKey;
    b = (await seedBasics(s, { issuer: 'college' })).achievementKey;
    provider = (await s.call('POST', '/api/v1/issuers/library/api-keys', { body: {} })).json.key;
    const award = async (achievement: string, recipients: unknown[]) => (await s.call('POST', '/api/v1/awards', { body: { achievement, recipients } })).json.results;
    const [ada, ada2, bob, cy, dee] = await award(a, [
      { email: 'ada@example.org' }, { email: 'ADA@example.org ' }, { email: 'bob@example.org' },
      { email: 'cy@example.org', validUntil: new Date(Date.now() + 3_600_000).toISOString() }, { email: 'dee@example.org' },
    ]);
    const [adaB] = await award(b, [{ email: 'ada@example.org' }]);
    Object.assign(ids, { ada: ada.id, ada2: ada2.id, bob: bob.id, cy: cy.id, dee: dee.id, adaB: adaB.id });
    await s.call('POST', `${new URL(dee.id).pathname}/suspend`, { body: { reason: 'Under review' } });
  });
  after(async () => s?.stop());

  it('lists every credential with its status, and matches a recipient email against the salted hashes', async () => {
    const all = await search({});
    expect(all.status, all.text).to.equal(200);
    expect(all.json.credentials.map((e: any) => e.id)).to.have.members(Object.values(ids));
    const dee = all.json.credentials.find((e: any) => e.id === ids.dee);
    expect([dee.status, dee.suspensionReason]).to.deep.equal(['suspended', 'Under review']);
    expect(dee.credential.id).to.equal(ids.dee);

    const ada = await search({ recipient: 'Ada@Example.org' });
    expect(ada.json.credentials.map((e: any) => e.id)).to.have.members([ids.ada, ids.ada2, ids.adaB]);
    const adaOnA = await search({ recipient: 'ada@example.org', achievement: a });
    expect(adaOnA.json.credentials.map((e: any) => e.id)).to.have.members([ids.ada, ids.ada2]);
    expect((await search({ recipient: 'nobody@example.org' })).json.credentials).to.deep.equal([]);
    // The address went in a body: it is in no log line.
    expect(s.logs.join('\n')).to.not.match(/ada@example|nobody@example/i);
  });

  it('filters by status, including expiry as time passes', async () => {
    expect((await search({ status: 'suspended' })).json.credentials.map((e: any) => e.id)).to.deep.equal([ids.dee]);
    expect((await search({ status: 'expired' })).json.credentials).to.deep.equal([]);
    offset = 2 * 3_600_000;
    try {
      const expired = await search({ status: ['expired', 'suspended'] });
      expect(expired.json.credentials.map((e: any) => [e.id, e.status])).to.have.deep.members([[ids.cy, 'expired'], [ids.dee, 'suspended']]);
    } finally {
      offset = 0;
    }
  });

  it('since returns credentials whose status changed (a revocation), not only new ones', async () => {
    await sleep(1_100); // stored times have whole seconds
    const mark = new Date().toISOString();
    expect((await search({ since: mark })).json.credentials).to.deep.equal([]);
    await s.call('POST', `${new URL(ids.bob!).pathname}/revoke`, { body: { reason: 'Issued by mistake' } });
    const changed = await search({ since: mark });
    expect(changed.json.credentials.map((e: any) => [e.id, e.status, e.revocationReason])).to.deep.equal([[ids.bob, 'revoked', 'Issued by mistake']]);
    expect(Date.parse(changed.json.credentials[0].updatedAt)).to.be.at.least(Date.parse(mark) - 1000);
  });

  it('pages with a cursor: every credential once, in order of last change', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await search({ limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.json.credentials.length).to.be.at.most(2);
      seen.push(...page.json.credentials.map((e: any) => e.id));
      cursor = page.json.next;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).to.have.length(6);
    expect(new Set(seen).size).to.equal(6);
    expect(seen.at(-1)).to.equal(ids.bob); // revoked last
  });

  it("a provider key sees only its own issuer's credentials", async () => {
    const mine = await search({}, provider);
    expect(mine.json.credentials.map((e: any) => e.id)).to.not.include(ids.adaB);
    expect(mine.json.credentials).to.have.length(5);
    const theirs = await search({ issuer: 'college' }, provider);
    expect([theirs.status, theirs.json.code]).to.deep.equal([403, 'forbidden']);
  });

  it('refuses bad filters with the field named, and callers without a key', async () => {
    const cases: Array<[unknown, string]> = [
      [{ recipeint: 'x@example.org' }, 'recipeint'], [{ status: 'gone' }, 'status'], [{ since: 'last week' }, 'since'],
      [{ cursor: 'not-a-cursor' }, 'cursor'], [{ limit: 1000 }, 'limit'], [{ recipient: 'not an email' }, 'recipient'],
    ];
    for (const [body, field] of cases) {
      const res = await search(body);
      expect([res.status, res.json.field], res.text).to.deep.equal([400, field]);
    }
    expect((await search({}, null)).status).to.equal(401);
  });
});
