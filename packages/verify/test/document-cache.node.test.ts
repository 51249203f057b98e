// A document cache shared across verify() calls, against a real HTTP server on 127.0.0.1: many
// badges from one issuer fetch its documents once per TTL; expired entries, errors and oversized
// bodies are fetched again; the verifier's own rules still apply to everything cached.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it, before, after, expect } from '@col/harness';
import { createDocumentCache, verify, type VerifyOptions } from '@citiesoflearning/verify';
import { buildWorld, NOW, type World } from './data/flow/world.js';

describe('verify() with a shared document cache', () => {
  let server: Server;
  let world: World;
  let base: string;
  const hits: string[] = [];
  let options: VerifyOptions;
  let failNext = 0;

  before(async () => {
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      hits.push(path);
      if (path === '/big') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ padding: 'x'.repeat(4096) }));
        return;
      }
      const route = world.routes.get(path);
      if (!route || (failNext > 0 && failNext--)) {
        res.writeHead(route ? 503 : 404, { 'content-type': 'text/plain' });
        res.end('no');
        return;
      }
      res.writeHead(route.status ?? 200, route.headers ?? {});
      res.end(route.body ?? '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    world = await buildWorld(base);
    // The test server is on loopback: these calls opt in, as colearn verify does.
    options = { documents: world.documents, now: NOW, allowPrivateNetwork: true };
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const fetched = () => hits.filter((p) => p !== '/big');

  it('twenty badges from one issuer: its documents are fetched once, not twenty times, and every report is the same', async () => {
    hits.length = 0;
    const uncached = await verify(world.ob3.diGood, options);
    const perCall = fetched().length;
    expect(perCall).to.be.greaterThan(0);

    hits.length = 0;
    const cache = createDocumentCache({ ttlMs: 60_000 });
    const reports = await Promise.all(Array.from({ length: 20 }, () => verify(world.ob3.diGood, { ...options, cache })));
    for (const report of reports) expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
    expect(reports.map((r) => JSON.stringify(r.checks))).to.deep.equal(Array(20).fill(JSON.stringify(uncached.checks)));
    // Concurrent first calls may race for the same document; later ones never fetch.
    const afterBurst = fetched().length;
    for (let i = 0; i < 5; i++) expect((await verify(world.ob3.diGood, { ...options, cache })).outcome).to.equal('verified');
    expect(fetched().length).to.equal(afterBurst);
    expect(afterBurst).to.be.lessThan(20 * perCall);
    expect(cache.size).to.be.greaterThan(0);
  });

  it('fetches again once the TTL has passed (a revocation is seen within the TTL)', async () => {
    let clock = 0;
    const cache = createDocumentCache({ ttlMs: 1_000, now: () => clock });
    await verify(world.ob3.diGood, { ...options, cache });
    hits.length = 0;
    await verify(world.ob3.diGood, { ...options, cache });
    expect(fetched()).to.deep.equal([]);
    clock = 1_001;
    await verify(world.ob3.diGood, { ...options, cache });
    expect(fetched().length).to.be.greaterThan(0);
  });

  it('takes the SDK\'s clock type, a function giving a Date (epoch milliseconds are the deprecated form)', async () => {
    let clock = new Date('2026-06-01T00:00:00Z');
    const cache = createDocumentCache({ ttlMs: 1_000, now: () => clock });
    await verify(world.ob3.diGood, { ...options, cache });
    hits.length = 0;
    await verify(world.ob3.diGood, { ...options, cache });
    expect(fetched()).to.deep.equal([]);
    clock = new Date(clock.getTime() + 1_001);
    await verify(world.ob3.diGood, { ...options, cache });
    expect(fetched().length).to.be.greaterThan(0);
  });

  it('does not remember failures, and keeps bodies over maxBytes out of the cache', async () => {
    const cache = createDocumentCache({ ttlMs: 60_000, maxBytes: 1024 });
    failNext = 1;
    hits.length = 0;
    const failed = await verify(world.ob3.diGood, { ...options, cache });
    expect(failed.outcome).to.not.equal('verified');
    const recovered = await verify(world.ob3.diGood, { ...options, cache });
    expect(recovered.outcome, JSON.stringify(recovered.checks)).to.equal('verified');

    // A large body is read whole by the verifier all the same, just not kept.
    const wrapped = cache.wrap((input, init) => fetch(input, init));
    const size = cache.size;
    const body = await (await wrapped(`${base}/big`)).json();
    expect((body as { padding: string }).padding).to.have.length(4096);
    expect(cache.size).to.equal(size);
    cache.clear();
    expect(cache.size).to.equal(0);
  });

  it('answers fetched through one fetch are never handed to a call using another (guarded vs unguarded)', async () => {
    const cache = createDocumentCache();
    const calls = { guarded: 0, plain: 0 };
    const guarded: typeof fetch = (input, init) => (calls.guarded++, fetch(input, init));
    const plain: typeof fetch = (input, init) => (calls.plain++, fetch(input, init));
    await cache.wrap(plain)(`${base}/big`);
    await cache.wrap(plain)(`${base}/big`);
    await cache.wrap(guarded)(`${base}/big`);
    expect(calls).to.deep.equal({ plain: 1, guarded: 1 });
  });

  it('the verifier rules still apply: a cache never lets through an address the call refuses', async () => {
    const cache = createDocumentCache();
    await verify(world.ob3.diGood, { ...options, cache });
    const refused = await verify(world.ob3.diGood, { ...options, cache, allowPrivateNetwork: false });
    expect(refused.outcome).to.equal('inconclusive');
  });
});
