// verify() end to end over a world of real, freshly signed badges. Lookups are answered by an
// in-memory fetch over the world's routes (plus `documents` for the did:web document), so this
// file runs unchanged in Node and Chromium. The Node-only suite serves the same world over real
// HTTP on 127.0.0.1 (fetch.node.test.ts).
import { describe, it, before, expect } from '@col/harness';
import { verify, summarize, type VerificationReport, type VerifyOptions } from '@citiesoflearning/verify';
import { buildWorld, routesFetch, LEARNER_EMAIL, NOW, type World } from './data/flow/world.js';

const BASE = 'https://issuer.example';

function check(report: VerificationReport, id: string) {
  return report.checks.find((c) => c.id === id);
}

describe('verify() over a world of freshly signed badges', () => {
  let world: World;
  let options: VerifyOptions;
  before(async () => {
    world = await buildWorld(BASE);
    options = { fetch: routesFetch(world), documents: world.documents, now: NOW };
  });

  describe('OB 3.0 Data Integrity', () => {
    it('verifies a did:web credential with a live, unrevoked status list entry', async () => {
      const report = await verify(world.ob3.diGood, options);
      expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
      expect(report.verified).to.equal(true);
      expect(report.format).to.equal('ob3-data-integrity');
      expect(report.checks.map((c) => `${c.id}:${c.outcome}`)).to.deep.equal([
        'parse:passed', 'schema:passed', 'proof:passed', 'key:passed', 'validity:passed', 'status:passed',
      ]);
      expect(report.badge).to.deep.equal({
        name: 'Teamwork',
        issuer: { id: 'did:web:college.example:issuers:main', name: 'Example College' },
        issuedOn: '2025-01-01T00:00:00Z',
      });
      expect(summarize(report)).to.match(/^Verified/);
    });

    it('accepts the same credential as JSON text and as UTF-8 bytes', async () => {
      const text = JSON.stringify(world.ob3.diGood);
      expect((await verify(text, options)).outcome).to.equal('verified');
      expect((await verify(new TextEncoder().encode(text), options)).outcome).to.equal('verified');
      expect((await verify(new TextEncoder().encode(text).buffer as ArrayBuffer, options)).outcome).to.equal('verified');
    });

    it('reports a revoked credential as revoked, in plain words', async () => {
      const report = await verify(world.ob3.diRevoked, options);
      expect(report.outcome).to.equal('failed');
      expect(check(report, 'status')).to.deep.include({ outcome: 'failed', code: 'revoked', message: 'This badge has been revoked by its issuer.' });
      expect(summarize(report)).to.equal('Not verified: This badge has been revoked by its issuer.');
    });

    it('reports a suspended credential', async () => {
      const report = await verify(world.ob3.diSuspended, options);
      expect(check(report, 'status')).to.include({ outcome: 'failed', code: 'suspended' });
    });

    it('fetches a status list once per run, even for two entries on the same list', async () => {
      const log: string[] = [];
      const report = await verify(world.ob3.diTwoEntries, { ...options, fetch: routesFetch(world, log) });
      expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
      expect(log.filter((p) => p === '/status/revocation')).to.have.length(1);
    });

    it('verifies eddsa-jcs-2022 and did:key credentials', async () => {
      expect((await verify(world.ob3.diJcs, options)).outcome).to.equal('verified');
      const didKey = await verify(world.ob3.diDidKey, { now: NOW, offline: true });
      expect(didKey.outcome).to.equal('verified');
    });

    it('verifies an https issuer whose profile is its controller document', async () => {
      const report = await verify(world.ob3.diHttpsController, options);
      expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
      expect(check(report, 'key')?.code).to.equal('key-issuer-bound');
    });

    it('checks a 1EdTechRevocationList', async () => {
      const report = await verify(world.ob3.revokedByList, options);
      expect(check(report, 'status')).to.include({ outcome: 'failed', code: 'revoked' });
    });

    it('matches the recipient by hashed email identifier, and checks the trust list', async () => {
      const ok = await verify(world.ob3.diGood, { ...options, recipient: LEARNER_EMAIL, trustedIssuers: ['did:web:college.example:issuers:main'] });
      expect(ok.outcome).to.equal('verified');
      expect(check(ok, 'recipient')?.outcome).to.equal('passed');
      expect(check(ok, 'trust')?.outcome).to.equal('passed');
      const wrong = await verify(world.ob3.diGood, { ...options, recipient: 'someone.else@example.org' });
      expect(check(wrong, 'recipient')).to.include({ outcome: 'failed', code: 'recipient-mismatch' });
      const untrusted = await verify(world.ob3.diGood, { ...options, trustedIssuers: ['https://other.example/issuer'] });
      expect(untrusted.outcome).to.equal('failed');
      expect(check(untrusted, 'trust')?.code).to.equal('issuer-unknown');
    });

    it('offline with no status list copy: inconclusive with a message that says why', async () => {
      const report = await verify(world.ob3.diGood, { documents: world.documents, offline: true, now: NOW });
      expect(report.outcome).to.equal('inconclusive');
      expect(check(report, 'status')).to.include({ outcome: 'inconclusive', code: 'status-unreachable' });
      expect(check(report, 'status')?.message).to.match(/^We couldn't reach the issuer's revocation list/);
    });

    it('documents answer lookups before the network', async () => {
      const documents = { ...world.documents, [`${BASE}/status/revocation`]: world.routes.get('/status/revocation')!.body as string };
      const report = await verify(world.ob3.diGood, { documents, offline: true, now: NOW });
      expect(report.outcome).to.equal('verified');
    });
  });

  describe('OB 3.0 VC-JWT', () => {
    it('verifies a jwk-header JWT the issuer vouches for in its JWKS', async () => {
      const report = await verify(world.ob3.jwtWithJwk, options);
      expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
      expect(report.format).to.equal('ob3-jwt');
      expect(report.badge?.issuer?.name).to.equal('Example Academy');
    });

    it('verifies a kid URL on the issuer origin, a bare kid from the JWKS, and a did:key kid', async () => {
      for (const jws of [world.ob3.jwtWithKid, world.ob3.jwtBareKid, world.ob3.jwtDidKey]) {
        const report = await verify(jws, options);
        expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
      }
    });
  });

  describe('OB 2.0', () => {
    it('verifies a hosted assertion from its URL', async () => {
      const report = await verify(`${BASE}/ob2/assertions/1`, options);
      expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
      expect(report.format).to.equal('ob2-hosted');
      expect(report.badge).to.deep.include({ name: 'Welding Basics', issuedOn: '2025-01-01T00:00:00Z' });
      expect(report.badge?.issuer).to.deep.equal({ id: `${BASE}/ob2/issuer`, name: 'Example Guild' });
    });

    it('verifies a hosted assertion given as JSON by trusting only the hosted copy', async () => {
      const report = await verify(world.ob2.hosted, { ...options, recipient: LEARNER_EMAIL });
      expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
      const forged = { ...world.ob2.hosted, issuedOn: '2020-01-01T00:00:00Z' };
      const bad = await verify(forged, options);
      expect(check(bad, 'proof')).to.include({ outcome: 'failed', code: 'hosted-mismatch' });
    });

    it('HTTP 410 and revoked: true both mean revoked', async () => {
      const gone = await verify(`${BASE}/ob2/assertions/gone`, options);
      expect(gone.outcome).to.equal('failed');
      expect(check(gone, 'status')).to.include({ outcome: 'failed', code: 'revoked' });
      const revoked = await verify(`${BASE}/ob2/assertions/revoked`, options);
      expect(check(revoked, 'status')?.code).to.equal('revoked');
      expect(check(revoked, 'status')?.message).to.contain('Issued in error');
    });

    it('an expired hosted assertion fails validity', async () => {
      const report = await verify(`${BASE}/ob2/assertions/expired`, options);
      expect(check(report, 'validity')).to.include({ outcome: 'failed', code: 'expired' });
    });

    it('verifies a signed assertion (RS256, PEM key linked both ways) and checks the revocation list', async () => {
      const report = await verify(world.ob2.ob2Signed, { ...options, recipient: LEARNER_EMAIL });
      expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
      expect(report.format).to.equal('ob2-signed');
      const revoked = await verify(world.ob2.ob2SignedRevoked, options);
      expect(check(revoked, 'status')).to.include({ outcome: 'failed', code: 'revoked' });
      expect(check(revoked, 'status')?.message).to.contain('Cheating');
    });
  });

  describe('baked images', () => {
    it('verifies a credential baked into a PNG and a VC-JWT baked into an SVG', async () => {
      const png = await verify(world.images.bakedPng, options);
      expect(png.outcome, JSON.stringify(png.checks)).to.equal('verified');
      expect(check(png, 'parse')?.message).to.contain('PNG');
      const svg = await verify(world.images.bakedSvg, options);
      expect(svg.outcome, JSON.stringify(svg.checks)).to.equal('verified');
      expect(svg.format).to.equal('ob3-jwt');
    });

    it('an image with nothing baked in fails parse', async () => {
      const report = await verify(world.images.png1x1, options);
      expect(report.format).to.equal('unknown');
      expect(check(report, 'parse')).to.include({ outcome: 'failed', code: 'image-no-badge' });
    });
  });

  describe('unreadable input never throws', () => {
    const cases: Array<[string, unknown, string]> = [
      ['empty string', '', 'input-empty'],
      ['whitespace', '   \n', 'input-empty'],
      ['random text', 'hello there', 'input-unrecognized'],
      ['broken JSON', '{"@context": [', 'json-invalid'],
      ['a number', 42, 'input-unrecognized'],
      ['null', null, 'input-unrecognized'],
      ['empty bytes', new Uint8Array(0), 'input-empty'],
      ['an unrelated JSON object', { hello: 'world' }, 'input-unrecognized'],
    ];
    for (const [name, input, code] of cases) {
      it(`${name} → parse failed (${code})`, async () => {
        const report = await verify(input as string, options);
        expect(report.outcome).to.equal('failed');
        expect(report.verified).to.equal(false);
        expect(report.checks[0]).to.include({ id: 'parse', outcome: 'failed', code });
        expect(report.checks[0]!.message).to.be.a('string').with.length.greaterThan(10);
      });
    }

    it('an unreadable `now` option is reported, not thrown', async () => {
      const report = await verify(world.ob3.diGood, { ...options, now: 'yesterday-ish' });
      expect(report.checks[0]).to.include({ id: 'parse', code: 'option-invalid' });
    });
  });
});
