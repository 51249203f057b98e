// `demo: true` seeds a believable place once, prints usable claim codes, serves examples/, and
// every demo credential verifies.
import { describe, it, before, after, expect } from '@col/harness';
import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verify } from '@citiesoflearning/verify';
import { startTestServer, type TestServer } from './support/test-server.js';

describe('demo mode', () => {
  let s: TestServer;
  let examples: string;
  before(async () => {
    examples = await mkdtemp(join(tmpdir(), 'col-examples-'));
    await mkdir(join(examples, 'claim'));
    await writeFile(join(examples, 'claim', 'index.html'), '<!doctype html><title>Claim</title>');
    await symlink('loop.html', join(examples, 'loop.html')); // a broken deployment: a link to itself
    s = await startTestServer({ demo: true, examplesDir: examples });
  });
  after(async () => s?.stop());

  it('seeds providers, a dozen aligned achievements, two published pathways and dated, coded opportunities', async () => {
    expect((await s.call('GET', '/api/v1/issuers', { token: null })).json.issuers.length).to.be.at.least(3);
    const achievements = (await s.call('GET', '/api/v1/achievements', { token: null })).json.achievements;
    expect(achievements.length).to.equal(12);
    const frameworks = new Set(achievements.flatMap((a: any) => (a.alignment ?? []).map((x: any) => x.targetFramework)));
    expect([...frameworks].some((f) => /Essential Digital Skills/.test(String(f)))).to.equal(true);
    expect([...frameworks].some((f) => /RSA Badge Standard/.test(String(f)))).to.equal(true);
    const levels = new Set(achievements.flatMap((a: any) => (a.alignment ?? []).filter((x: any) => /RSA/.test(x.targetFramework)).map((x: any) => x.targetCode)));
    expect([...levels].sort()).to.deep.equal(['demonstrate', 'engage', 'lead', 'participate']);
    expect((await s.call('GET', '/api/v1/pathways', { token: null })).json.pathways.length).to.equal(2);
    const opps = (await s.call('GET', '/api/v1/opportunities?limit=100', { token: null })).json;
    expect(opps.total).to.be.at.least(8);
    expect(opps.opportunities.every((o: any) => o.startsAt)).to.equal(true);
    const harbour = (await s.call('GET', '/api/v1/opportunities?area=E05099001', { token: null })).json;
    expect(harbour.total).to.be.greaterThan(0);
    expect(harbour.opportunities.every((o: any) => o.areaCode === 'E05099001')).to.equal(true);
    const online = (await s.call('GET', '/api/v1/opportunities?mode=online&skill=coding', { token: null })).json;
    expect(online.opportunities.map((o: any) => o.title)).to.deep.equal(['Build and publish your first website']);
    const text = (await s.call('GET', '/api/v1/opportunities?q=code%20club', { token: null })).json;
    expect(text.opportunities[0].title).to.match(/Code Club/);
  });

  it('filters achievements by skill, tag and text on the server, case-insensitively', async () => {
    const keys = async (query: string) =>
      (await s.call('GET', `/api/v1/achievements${query}`, { token: null })).json.achievements.map((a: any) => a.key).sort();
    expect(await keys('?skill=Communicating')).to.deep.equal(['online-communicator']);
    expect(await keys('?skill=lead')).to.not.be.empty; // an RSA level's targetCode
    expect(await keys('?tag=CODING')).to.deep.equal(['build-a-website', 'creative-coder', 'intro-to-coding']);
    expect(await keys('?q=website')).to.include('build-a-website');
    expect(await keys('?tag=coding&q=website')).to.deep.equal(['build-a-website', 'creative-coder']); // both mention websites
    expect(await keys('?tag=milestone&q=website')).to.deep.equal(['creative-coder']);
    expect(await keys('?skill=no-such-skill')).to.deep.equal([]);
  });

  it('returns claim codes that work, and the credential verifies; a demo learner can complete a pathway', async () => {
    expect(s.demo!.claimCodes.length).to.equal(10);
    const email = 'demo.learner@example.org';
    const claim = async (achievement: string) =>
      (await s.call('POST', '/api/v1/claims', { body: { achievement, code: s.demo!.claimCodes.find((c) => c.achievement === achievement)!.code, recipient: { email } }, token: null })).json;
    const foundations = await claim('digital-foundations');
    const report = await verify(foundations.credential, { recipient: email, allowPrivateNetwork: true }); // the demo server is on loopback
    expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
    const earned = [foundations, await claim('online-communicator'), await claim('safe-online'), await claim('information-handler')];
    const progress = await s.call('POST', '/api/v1/pathways/digital-ready-brightwater/milestones', { body: { recipient: { email }, credentials: earned.map((e) => e.jwt) }, token: null });
    expect(progress.json.satisfied).to.equal(true);
    expect(progress.json.awarded.map((a: any) => a.achievement.split('/').pop())).to.deep.equal(['digital-ready']);
  });

  it('serves examples/ statically and refuses paths outside it', async () => {
    const page = await fetch(new URL('/examples/claim/', s.url));
    expect(page.status).to.equal(200);
    expect(page.headers.get('content-type')).to.match(/text\/html/);
    const escape = await fetch(new URL('/examples/..%2f..%2fetc%2fpasswd', s.url));
    expect(escape.status).to.equal(404);
    for (const missing of ['/examples/nothing.html', '/examples/claim/index.html/more', `/examples/${'x'.repeat(300)}.html`]) {
      expect((await fetch(new URL(missing, s.url))).status, missing).to.equal(404);
    }
  });

  it('answers a broken deployment (a link loop) with 500 and a log line, not a page that seems missing', async () => {
    const logged = s.logs.length;
    const broken = await fetch(new URL('/examples/loop.html', s.url));
    expect(broken.status).to.equal(500);
    expect((await broken.json()).code).to.equal('internal-error');
    expect(s.logs.slice(logged).some((line) => /ELOOP/.test(line))).to.equal(true);
  });

  it('does not re-seed on restart and reports the same codes', async () => {
    const codes = s.demo!.claimCodes;
    await s.close();
    s = await startTestServer({ demo: true, dataDir: s.dataDir, examplesDir: examples });
    expect(s.demo!.claimCodes).to.deep.equal(codes);
    expect((await s.call('GET', '/api/v1/achievements', { token: null })).json.achievements.length).to.equal(12);
  });
});
