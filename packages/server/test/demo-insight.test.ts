// The demo place (`npm start`) is worth opening in the impact and skills views: priorities with
// targets and areas, providers across three areas, a year of activity with small numbers
// withheld, insight published to anyone, and a demo learner whose twelve real badges verify
// (all but the one revoked on purpose).
import { describe, it, before, after, expect } from '@col/harness';
import { verify } from '@citiesoflearning/verify';
import { startTestServer, type TestServer } from './support/test-server.js';

describe('demo priorities, activity and learner', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ demo: true, now: () => new Date('2026-11-20T12:00:00Z') });
  });
  after(async () => s?.stop());

  it('has priorities with targets, one of them for an area', async () => {
    const { priorities } = (await s.call('GET', '/api/v1/priorities', { token: null })).json;
    expect(priorities.length).to.be.within(3, 5);
    expect(priorities.every((p: any) => p.target && p.alignments.length)).to.equal(true);
    expect(priorities.some((p: any) => p.area)).to.equal(true);
  });

  it('publishes insight: progress towards each target, hundreds of awards across months, areas and providers', async () => {
    const byPriority = await s.call('GET', '/api/v1/insight?by=priority', { token: null });
    expect([byPriority.status, byPriority.json.scope]).to.deep.equal([200, 'public']);
    for (const row of byPriority.json.rows) expect(row.target.progress.value, row.key).to.be.greaterThan(0);
    const byMonth = (await s.call('GET', '/api/v1/insight?by=month', { token: null })).json;
    expect(byMonth.rows.length).to.equal(12);
    expect(byMonth.totals.issued.value).to.be.greaterThan(500);
    expect(byMonth.rows.slice(0, 11).every((r: any) => r.cells.issued.value > 0)).to.equal(true);
    expect(byMonth.totals.pathwayCompletions.value).to.be.greaterThan(10);
    const byArea = (await s.call('GET', '/api/v1/insight?by=area', { token: null })).json;
    expect(byArea.rows.filter((r: any) => r.cells.issued.value > 0).length).to.be.within(2, 3);
    const byProvider = (await s.call('GET', '/api/v1/insight?by=provider', { token: null })).json;
    expect(byProvider.rows.length).to.equal(4);
    // Small numbers are in there, and withheld.
    const byAchievement = (await s.call('GET', '/api/v1/insight?by=achievement', { token: null })).json;
    const cells = byAchievement.rows.flatMap((r: any) => Object.values(r.cells)) as Array<{ value: number | null }>;
    expect(cells.some((c) => c.value === null)).to.equal(true);
  });

  it("serves the demo learner's twelve signed badges; all verify but the revoked one", async () => {
    const res = await s.call('GET', '/api/v1/demo/learner', { token: null });
    expect(res.status).to.equal(200);
    expect(res.headers.get('access-control-allow-origin')).to.equal('*');
    const { credentials } = res.json;
    expect(credentials.length).to.equal(12);
    // Anyone may ask, so the answer holds the badges only: not the learner's email or name.
    const learnerEmail = 'demo.learner@brightwater.example';
    expect(Object.keys(res.json)).to.deep.equal(['credentials']);
    expect(JSON.stringify(res.json)).to.not.contain(learnerEmail);
    const outcomes: string[] = [];
    for (const c of credentials) outcomes.push((await verify(c.jwt, { recipient: learnerEmail, allowPrivateNetwork: true })).outcome);
    expect(outcomes.filter((o) => o === 'verified').length).to.equal(11);
    expect(outcomes.filter((o) => o === 'failed').length).to.equal(1);
  });

  it('a server without the demo has no demo learner', async () => {
    const plain = await startTestServer();
    try {
      expect((await plain.call('GET', '/api/v1/demo/learner', { token: null })).status).to.equal(404);
    } finally {
      await plain.stop();
    }
  });
});
