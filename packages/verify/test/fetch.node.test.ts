// verify() against a real HTTP server on 127.0.0.1 serving a freshly signed badge world:
// hosted and signed OB 2.0, VC-JWT keys, controller documents, status lists, and the fetch rules
// (redirects, loops, timeouts, size limits, https-only off loopback, one fetch per run).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it, before, after, expect } from '@col/harness';
import { verify, type VerificationReport, type VerifyOptions } from '@citiesoflearning/verify';
import { buildWorld, LEARNER_EMAIL, NOW, type World } from './data/flow/world.js';

function check(report: VerificationReport, id: string) {
  return report.checks.find((c) => c.id === id);
}

describe('verify() over real HTTP on 127.0.0.1', () => {
  let server: Server;
  let world: World;
  let base: string;
  const hits: string[] = [];
  const stalled = new Set<import('node:http').ServerResponse>();
  let options: VerifyOptions;

  before(async () => {
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      hits.push(path);
      if (path === '/slow-headers') {
        stalled.add(res);
        return; // never answers
      }
      if (path === '/slow-body') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"a":');
        stalled.add(res);
        return; // never finishes
      }
      if (path === '/huge') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(3 * 1024 * 1024) });
        res.end(Buffer.alloc(3 * 1024 * 1024, 0x20));
        return;
      }
      if (path === '/huge-chunked') {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(256 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < 12 && res.write(chunk)) sent++;
          if (sent >= 12) res.end();
          else res.once('drain', pump);
        };
        res.on('error', () => undefined);
        pump();
        return;
      }
      if (path === '/to-insecure') {
        res.writeHead(302, { location: 'http://example.org/assertion' });
        res.end();
        return;
      }
      const route = world.routes.get(path);
      const send = () => {
        if (!route) {
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end('Not found');
          return;
        }
        res.writeHead(route.status ?? 200, route.headers ?? {});
        res.end(route.body ?? '');
      };
      if (route?.delayMs) setTimeout(send, route.delayMs).unref();
      else send();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    world = await buildWorld(base);
    // A loopback server: private addresses are refused by default, so opt in like `colearn verify` does.
    options = { documents: world.documents, now: NOW, allowPrivateNetwork: true };
  });

  after(async () => {
    for (const res of stalled) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('verifies a hosted OB 2.0 assertion from its URL, following a redirect', async () => {
    const direct = await verify(`${base}/ob2/assertions/1`, { ...options, recipient: LEARNER_EMAIL });
    expect(direct.outcome, JSON.stringify(direct.checks)).to.equal('verified');
    expect(direct.format).to.equal('ob2-hosted');
    expect(check(direct, 'recipient')?.outcome).to.equal('passed');
    const moved = await verify(`${base}/moved/1`, options);
    expect(moved.outcome, JSON.stringify(moved.checks)).to.equal('verified');
  });

  it('HTTP 410 Gone means revoked', async () => {
    const report = await verify(`${base}/ob2/assertions/gone`, options);
    expect(report.outcome).to.equal('failed');
    expect(check(report, 'status')).to.include({ outcome: 'failed', code: 'revoked' });
  });

  it('a hosted assertion, key or revocation list not served as JSON is not believed (issue 8.1)', async () => {
    // The same bytes as the genuine hosted assertion, served as a web page: not a badge.
    world.routes.set('/ob2/assertions/as-html', { body: JSON.stringify(world.ob2.assertion(`${base}/ob2/assertions/as-html`)), headers: { 'content-type': 'text/html' } });
    const page = await verify(`${base}/ob2/assertions/as-html`, options);
    expect(page.verified).to.equal(false);
    expect(check(page, 'parse')).to.include({ outcome: 'failed', code: 'input-unrecognized' });
    // The genuine revocation list and PEM key, served as text/plain: status and key cannot pass.
    const list = world.routes.get('/ob2/revocations')!;
    const key = world.routes.get('/ob2/key')!;
    try {
      world.routes.set('/ob2/revocations', { ...list, headers: { 'content-type': 'text/plain' } });
      world.routes.set('/ob2/key', { ...key, headers: { 'content-type': 'image/svg+xml' } });
      const report = await verify(world.ob2.ob2Signed, { ...options, documents: {} });
      expect(report.verified).to.equal(false);
      expect(check(report, 'key')?.outcome).to.not.equal('passed');
      world.routes.set('/ob2/key', key);
      const statusOnly = await verify(world.ob2.ob2Signed, { ...options, documents: {} });
      expect(check(statusOnly, 'status')).to.include({ outcome: 'inconclusive', code: 'status-list-invalid' });
      expect(check(statusOnly, 'status')!.message).to.contain('not served as JSON');
    } finally {
      world.routes.set('/ob2/revocations', list);
      world.routes.set('/ob2/key', key);
    }
  });

  it('verifies a signed OB 2.0 assertion with its PEM key and revocation list fetched over HTTP', async () => {
    const report = await verify(world.ob2.ob2Signed, options);
    expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
    const revoked = await verify(world.ob2.ob2SignedRevoked, options);
    expect(check(revoked, 'status')).to.include({ outcome: 'failed', code: 'revoked' });
  });

  it('verifies VC-JWTs with the issuer JWKS and a kid URL served over HTTP', async () => {
    for (const jws of [world.ob3.jwtWithJwk, world.ob3.jwtWithKid, world.ob3.jwtBareKid]) {
      const report = await verify(jws, options);
      expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
    }
  });

  it('verifies Data Integrity credentials with an https-style controller document and live status lists', async () => {
    expect((await verify(world.ob3.diHttpsController, options)).outcome).to.equal('verified');
    expect((await verify(world.ob3.diGood, options)).outcome).to.equal('verified');
    expect(check(await verify(world.ob3.diRevoked, options), 'status')?.code).to.equal('revoked');
  });

  it('fetches each status list once per verify() call', async () => {
    hits.length = 0;
    const report = await verify(world.ob3.diTwoEntries, options);
    expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
    expect(hits.filter((p) => p === '/status/revocation')).to.have.length(1);
  });

  it('redirect loops and long redirect chains are inconclusive', async () => {
    const loop = await verify(`${base}/redirect/a`, options);
    expect(loop.outcome).to.equal('inconclusive');
    expect(loop.checks[0]).to.include({ code: 'redirect-loop' });
    const chain = await verify(`${base}/hop/0`, options); // 8 redirects
    expect(chain.checks[0]).to.include({ code: 'too-many-redirects' });
    // Exactly 5 redirects are followed; /hop/8 serves a copy of assertion 1, which names another
    // address than the one it was fetched from, so it is not believed.
    const five = await verify(`${base}/hop/3`, options);
    expect(five.checks[0]).to.include({ id: 'parse', outcome: 'passed' });
    expect(five.checks.find((c) => c.id === 'proof')).to.include({ outcome: 'failed', code: 'hosted-mismatch' });
  });

  it('a redirect to plain http off loopback is refused and not followed', async () => {
    const report = await verify(`${base}/to-insecure`, options);
    expect(report.outcome).to.equal('inconclusive');
    expect(report.checks[0]).to.include({ code: 'insecure-url' });
  });

  it('a server that never answers, or never finishes, times out quickly', async () => {
    const started = Date.now();
    const headers = await verify(`${base}/slow-headers`, { ...options, timeoutMs: 300 });
    const body = await verify(`${base}/slow-body`, { ...options, timeoutMs: 300 });
    expect(Date.now() - started).to.be.lessThan(5000);
    expect(headers.checks[0]).to.include({ outcome: 'inconclusive', code: 'fetch-timeout' });
    expect(body.checks[0]).to.include({ outcome: 'inconclusive', code: 'fetch-timeout' });
  });

  it('oversized responses are cut off, with or without a Content-Length', async () => {
    const declared = await verify(`${base}/huge`, options);
    expect(declared.checks[0]).to.include({ outcome: 'inconclusive', code: 'response-too-large' });
    const chunked = await verify(`${base}/huge-chunked`, options);
    expect(chunked.checks[0]).to.include({ outcome: 'inconclusive', code: 'response-too-large' });
  });

  it('404 and a closed port are inconclusive, not failed', async () => {
    const missing = await verify(`${base}/nowhere`, options);
    expect(missing.checks[0]).to.include({ outcome: 'inconclusive', code: 'http-error' });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await verify(`http://127.0.0.1:${port}/x`, options);
    expect(refused.checks[0]).to.include({ outcome: 'inconclusive', code: 'fetch-failed' });
  });

  it('offline: no request at all', async () => {
    hits.length = 0;
    const report = await verify(`${base}/ob2/assertions/1`, { ...options, offline: true });
    expect(report.outcome).to.equal('inconclusive');
    expect(report.checks[0]).to.include({ code: 'offline' });
    expect(hits).to.deep.equal([]);
  });

  it('an aborted signal stops lookups', async () => {
    const controller = new AbortController();
    const pending = verify(`${base}/slow-headers`, { ...options, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const report = await pending;
    expect(report.checks[0]).to.include({ outcome: 'inconclusive', code: 'fetch-aborted' });
  });
});
