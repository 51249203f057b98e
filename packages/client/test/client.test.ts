// The client against the real reference server, in Node and in Chromium. Only what a browser
// may do cross-origin is here (read, claim with a code, milestones, verify); admin and provider
// flows are in admin.node.test.ts.
import { describe, it, before, after, expect, isBrowser } from '@col/harness';
import {
  createClaimTicket,
  createClient,
  createObClient,
  keyOf,
  verify,
  type Award,
  type Client,
} from '@citiesoflearning/client';
import { useServer, type TestServer } from './support/server.js';
import { failure } from './support/failure.js';

const email = () => `learner-${Math.random().toString(36).slice(2, 10)}@example.org`;


describe('client against the reference server', () => {
  let server: TestServer;
  let col: Client;
  const codeFor = (achievement: string) => {
    const found = server.claimCodes.find((c) => c.achievement === achievement);
    if (!found) throw new Error(`no demo claim code for ${achievement}: the runner must pass the demo codes in __COL_SERVER__.claimCodes`);
    return found.code;
  };

  before(async () => {
    server = await useServer();
    col = createClient({ baseUrl: server.url });
  });
  after(async () => {
    await server?.close();
  });

  it('lists achievements as an async iterator, with filters', async () => {
    const all: string[] = [];
    for await (const a of col.achievements.list()) all.push(a.key);
    expect(all).to.include.members(['digital-foundations', 'online-communicator', 'intro-to-coding']);
    expect(all.length).to.be.at.least(12);

    const communicating = await col.achievements.list({ skill: 'communicating' }).toArray();
    expect(communicating.map((a) => a.key)).to.deep.equal(['online-communicator']);
    const coding = await col.achievements.list({ tag: 'coding' }).toArray();
    expect(coding.map((a) => a.key).sort()).to.deep.equal(['build-a-website', 'creative-coder', 'intro-to-coding']);
    const byIssuer = await col.achievements.list({ issuer: 'harbour-youth-trust' }).toArray();
    expect(byIssuer.length).to.be.at.least(3);
    expect(byIssuer.every((a) => a.provider === 'harbour-youth-trust')).to.equal(true);
    expect(await col.achievements.list().toArray(2)).to.have.length(2);
  });

  it('gets an achievement by key or by id URL, and a missing one is not-found with the server message', async () => {
    const byKey = await col.achievements.get('intro-to-coding');
    expect(byKey.name).to.equal('Introduction to Coding');
    expect(byKey.creator?.name).to.equal('Eastgate Makerspace');
    const byId = await col.achievements.get(byKey.id);
    expect(byId.key).to.equal('intro-to-coding');
    const missing = await failure(col.achievements.get('no-such-badge'));
    expect([missing.code, missing.status, missing.serverCode]).to.deep.equal(['not-found', 404, 'not-found']);
    expect(missing.message).to.match(/No achievement/);
  });

  it('lists and gets issuers', async () => {
    const issuers = await col.issuers.list().toArray();
    expect(issuers.map((i) => i.name)).to.include('Brightwater Libraries');
    const library = await col.issuers.get('brightwater-libraries');
    expect(library.url).to.equal('https://libraries.brightwater.example');
  });

  let award: Award;
  it('claims a badge with a code and gets a signed credential with links', async () => {
    award = await col.claims.create({ achievement: 'digital-foundations', code: codeFor('digital-foundations'), recipient: { email: email() } });
    expect(award.id).to.match(/\/api\/v1\/credentials\/[\w-]+$/);
    expect(award.credential.proof).to.not.equal(undefined);
    expect(award.jwt.split('.')).to.have.length(3);
    expect(award.links.png).to.equal(`${award.id}/png`);
  });

  it('fetches the credential as JSON and as JWT, and the baked image URLs work', async () => {
    const credential = await col.credentials.get(award.id);
    expect(credential).to.deep.equal(award.credential);
    expect(await col.credentials.jwt(keyOf(award.id))).to.equal(award.jwt);
    expect(col.credentials.imageUrl(award.id, 'svg')).to.equal(award.links.svg);
    expect(col.credentials.links(award.id)).to.deep.equal(award.links);
    const png = await fetch(col.credentials.imageUrl(award.id, 'png'));
    expect(png.headers.get('content-type')).to.equal('image/png');
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect(Array.from(bytes.slice(1, 4), (b) => String.fromCharCode(b)).join('')).to.equal('PNG');
    const status = await col.credentials.status(award.id);
    expect([status.revoked, status.suspended]).to.deep.equal([false, false]);
  });

  it('the claimed credential verifies with the re-exported verify()', async () => {
    // The test server is on loopback, which verify() refuses unless told otherwise.
    const report = await verify(award.credential, { allowPrivateNetwork: true });
    expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
    expect(report.badge?.name).to.equal('Digital Foundations');
  });

  it('a wrong code is refused with a stable code and the server message', async () => {
    const error = await failure(col.claims.create({ achievement: 'digital-foundations', code: 'AAAA-BBBB-CCCC', recipient: { email: email() } }));
    expect([error.code, error.status, error.serverCode]).to.deep.equal(['not-found', 404, 'code-not-found']);
    expect(error.message).to.equal('This claim code is not valid for this badge. Check it and try again.');
  });

  it('an invalid email is a bad-request naming the field', async () => {
    const error = await failure(col.claims.create({ achievement: 'digital-foundations', code: codeFor('digital-foundations'), recipient: { email: 'not-an-email' } }));
    expect(error.code).to.equal('bad-request');
    expect(error.message).to.contain('recipient.email');
  });

  it('writing without a key is unauthorized', async () => {
    const error = await failure(col.claimCodes.create('intro-to-coding'));
    // In a browser the admin route also refuses CORS, which the browser reports as a network failure.
    expect(error.code).to.equal(isBrowser ? 'network' : 'unauthorized');
  });

  it('reads pathways and awards a milestone exactly once for the same learner', async () => {
    const pathways = await col.pathways.list().toArray();
    expect(pathways.map((p) => p.key).sort()).to.deep.equal(['creative-coder', 'digital-ready-brightwater']);
    const pathway = await col.pathways.get('digital-ready-brightwater');
    expect([pathway.status, pathway.version]).to.deep.equal(['published', '1']);

    const learner = email();
    const earned = [];
    for (const key of ['digital-foundations', 'online-communicator', 'information-handler', 'safe-online']) {
      earned.push(await col.claims.create({ achievement: key, code: codeFor(key), recipient: { email: learner } }));
    }
    const credentials = [earned[0]!.credential, ...earned.slice(1).map((a) => a.jwt)];
    const first = await col.pathways.milestones(pathway.key, { recipient: { email: learner }, credentials });
    expect(first.rejected, JSON.stringify(first.rejected)).to.deep.equal([]);
    expect([first.satisfied, first.progress]).to.deep.equal([true, 1]);
    expect(first.awarded.map((a) => [a.node, a.new])).to.deep.equal([['digital-ready', true]]);
    const again = await col.pathways.milestones(pathway.key, { recipient: { email: learner }, credentials });
    expect(again.awarded.map((a) => [a.id, a.new])).to.deep.equal([[first.awarded[0]!.id, false]]);
  });

  it('searches opportunities by text, skill, area, mode and dates, paging as it goes', async () => {
    const all = await col.opportunities.search({ pageSize: 3 }).toArray();
    expect(all.length).to.be.at.least(11);
    const pages = [];
    for await (const page of col.opportunities.search({ pageSize: 3 }).pages()) pages.push(page);
    expect(pages.length).to.equal(Math.ceil(all.length / 3));
    expect(pages[0]!.total).to.equal(all.length);
    expect(new Set(all.map((o) => o.key)).size).to.equal(all.length);

    const online = await col.opportunities.search({ mode: 'online' }).toArray();
    expect(online.length).to.be.at.least(2);
    expect(online.every((o) => o.mode === 'online')).to.equal(true);
    const coding = await col.opportunities.search({ skill: 'coding' }).toArray();
    expect(coding.map((o) => o.title)).to.include('Code Club (6 sessions)');
    const text = await col.opportunities.search({ q: 'Fix-it' }).toArray();
    expect(text.map((o) => o.title)).to.deep.equal(['Fix-it café: solve it with tech']);
    const harbour = await col.opportunities.search({ area: 'E05099001' }).toArray();
    expect(harbour.length).to.be.at.least(3);
    expect(harbour.every((o) => o.areaCode === 'E05099001')).to.equal(true);
    const soon = await col.opportunities.search({ from: new Date(), to: new Date(Date.now() + 6 * 86_400_000) }).toArray();
    expect(soon.length).to.be.at.least(1);
    expect(soon.length).to.be.below(all.length);
    expect(soon.every((o) => o.startsAt !== undefined && Date.parse(o.startsAt) <= Date.now() + 6 * 86_400_000)).to.equal(true);
    const one = await col.opportunities.get(all[0]!.key);
    expect(one.id).to.equal(all[0]!.id);
  });

  it('reads the Open Badges 3.0 discovery document', async () => {
    const host = createObClient({ baseUrl: server.url });
    expect(host.baseUrl).to.equal(`${server.url}/ims/ob/v3p0/`);
    const discovery = await host.discovery();
    expect(discovery.openapi).to.match(/^3\./);
    expect(discovery.oauth?.scopes).to.include('https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly');
  });

  it('an aborted call rejects with AbortError', async () => {
    const controller = new AbortController();
    controller.abort();
    let caught: unknown;
    try {
      await col.achievements.get('intro-to-coding', { signal: controller.signal });
    } catch (error) {
      caught = error;
    }
    expect((caught as DOMException).name).to.equal('AbortError');
  });

  if (isBrowser) {
    it('createClaimTicket refuses to run in a browser', async () => {
      let caught: unknown;
      try {
        await createClaimTicket({ privateJwk: { kty: 'OKP', crv: 'Ed25519', x: 'x', d: 'd' }, kid: 'k', audience: server.url, achievement: 'a', recipient: { email: 'a@example.org' } });
      } catch (error) {
        caught = error;
      }
      expect(caught).to.include({ code: 'server-side-only' });
    });
  }
});
