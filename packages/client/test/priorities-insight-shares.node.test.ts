// client.priorities, client.insight and client.shares against the real reference server (demo
// place, insight published): typed results, the server's errors as ApiErrors with their codes,
// and a shared skills summary round trip.
import { describe, it, before, after, expect } from '@col/harness';
import { createClient, type Client, type SkillsSummary } from '@citiesoflearning/client';
import { startTestServer } from './support/node-server.js';
import type { TestServer } from './support/server.js';
import { failure } from './support/failure.js';

describe('priorities, insight and shares', () => {
  let server: TestServer;
  let admin: Client;
  let anyone: Client;
  before(async () => {
    server = await startTestServer();
    admin = createClient({ baseUrl: server.url, apiKey: server.adminKey });
    anyone = createClient({ baseUrl: server.url });
  });
  after(async () => server?.close());

  it('priorities: the admin creates, updates and removes; anyone lists and gets', async () => {
    const created = await admin.priorities.create({
      key: 'client-test-priority',
      name: 'Digital Foundations for every resident',
      alignments: [{ targetName: 'Foundation skills', targetCode: 'EDS-FOUNDATION' }],
      area: 'E06099001',
      target: { value: 500, measure: 'credentials', by: '2027-07-31' },
    });
    expect(created.key).to.equal('client-test-priority');
    expect(created.target).to.deep.equal({ value: 500, measure: 'credentials', by: '2027-07-31' });
    expect((await anyone.priorities.list()).map((p) => p.key)).to.include('client-test-priority');
    expect((await anyone.priorities.get(`${server.url}/api/v1/priorities/client-test-priority`)).name).to.equal('Digital Foundations for every resident');
    const updated = await admin.priorities.update('client-test-priority', { target: null, description: 'For everyone.' });
    expect(updated.target).to.equal(undefined);
    expect(updated.description).to.equal('For everyone.');
    const refused = await failure(anyone.priorities.create({ name: 'Nope', alignments: [{ targetName: 'x', targetCode: 'x' }] }));
    expect([refused.status, refused.code]).to.deep.equal([401, 'unauthorized']);
    const invalid = await failure(admin.priorities.create({ name: 'Bad', alignments: [] }));
    expect([invalid.status, invalid.serverCode, invalid.field]).to.deep.equal([400, 'invalid-request', 'alignments']);
    await admin.priorities.remove('client-test-priority');
    expect((await failure(anyone.priorities.get('client-test-priority'))).code).to.equal('not-found');
  });

  it('insight: typed tables for anyone (published demo place) and the admin; CSV; bad queries are ApiErrors', async () => {
    const open = await anyone.insight.get({ by: 'provider' });
    expect(open.scope).to.equal('public');
    expect(open.measures).to.include('issued');
    expect(open.rows.length).to.be.greaterThan(0);
    for (const row of open.rows) for (const c of Object.values(row.cells)) expect(c.value === null || c.value === 0 || c.value >= open.threshold).to.equal(true);
    const place = await admin.insight.get({ by: 'month', threshold: 20 });
    expect([place.scope, place.threshold, place.rows.length]).to.deep.equal(['place', 20, 12]);
    const csv = await admin.insight.csv({ by: 'month' });
    expect(csv.split('\r\n')[0]).to.equal('key,label,issued,claimed,revoked,pathwayStarts,pathwayCompletions,opportunities,suppressed');
    const moved = await admin.issuers.update('harbour-youth-trust', { area: 'E05099003' });
    expect(moved.area).to.equal('E05099003');
    expect((await admin.issuers.update('harbour-youth-trust', { area: null })).area).to.equal(undefined);
    expect((await failure(anyone.issuers.update('harbour-youth-trust', { area: 'E05099003' }))).status).to.equal(401);
    const bad = await failure(admin.insight.get({ by: 'month', threshold: 3 }));
    expect([bad.status, bad.serverCode, bad.field]).to.deep.equal([400, 'invalid-request', 'threshold']);
  });

  it('shares: create, get by id or link, remove with the delete token only', async () => {
    const credential = (await anyone.claims.create({ achievement: server.claimCodes[0]!.achievement, code: server.claimCodes[0]!.code, recipient: { email: 'sharer@example.org' } }));
    const summary: SkillsSummary = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation', 'ColSkillsSummary'],
      verifiableCredential: [credential.credential, { '@context': 'https://www.w3.org/ns/credentials/v2', type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${credential.jwt}` }],
    };
    // Even a client holding the admin key shares without it.
    const shared = await admin.shares.create(summary);
    expect(shared.url).to.equal(`${server.url}/api/v1/shares/${shared.id}`);
    expect(await anyone.shares.get(shared.url)).to.deep.equal(summary);
    const wrong = await failure(anyone.shares.remove(shared.id, 'not-the-token'));
    expect([wrong.status, wrong.code]).to.deep.equal([404, 'not-found']);
    await anyone.shares.remove(shared.url, shared.deleteToken);
    expect((await failure(anyone.shares.get(shared.id))).code).to.equal('not-found');
    const tooMany = await failure(anyone.shares.create({ ...summary, verifiableCredential: Array.from({ length: 51 }, () => summary.verifiableCredential[1]!) }));
    expect([tooMany.status, tooMany.serverCode]).to.deep.equal([400, 'too-many-credentials']);
    let thrown: unknown;
    await anyone.shares.get('../../admin').catch((error: unknown) => (thrown = error));
    expect(thrown).to.be.instanceOf(TypeError);
  });
});
