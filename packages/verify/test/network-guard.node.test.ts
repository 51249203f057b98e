// Issue 8.2: in Node, verify() judges the address a lookup really connects to. Only loopback
// traffic: 127.x, [::1], the IPv4-mapped spelling [::ffff:7f00:1], and a name that resolves to
// 127.0.0.1 (localhost). Other ranges are classified as a pure function in address.test.ts.
import { describe, it, before, after, expect } from '@col/harness';
import { guardedFetch, verify } from '@citiesoflearning/verify';
import { loopback, jsonRoute, type Loopback } from './support/loopback.js';

describe('network guard on resolved addresses (Node)', () => {
  let v4: Loopback;
  let dual: Loopback;
  before(async () => {
    v4 = await loopback('127.0.0.1');
    dual = await loopback('::');
    for (const s of [v4, dual]) {
      s.routes.set('/secret', jsonRoute({ id: 'internal', admin: true }));
      s.routes.set('/hop', { status: 302, headers: { location: `${v4.base}/secret` } });
    }
  });
  after(async () => {
    await v4.close();
    await dual.close();
  });

  it('verify() reaches none of 127.x, [::1], [::ffff:7f00:1] or [::ffff:127.0.0.1] by default', async () => {
    const urls = [`${v4.base}/secret`, `http://127.1.2.3:${v4.port}/secret`, `http://[::1]:${dual.port}/secret`, `http://[::ffff:7f00:1]:${dual.port}/secret`, `http://[::ffff:127.0.0.1]:${dual.port}/secret`];
    for (const url of urls) {
      const report = await verify(url);
      expect(report.outcome, url).to.equal('inconclusive');
      expect(report.checks[0], url).to.include({ id: 'parse', code: 'fetch-failed' });
    }
    expect(v4.hits).to.deep.equal([]);
    expect(dual.hits).to.deep.equal([]);
  });

  it('the Node fetch refuses at connect time: IP literals and a name that resolves to 127.0.0.1', async () => {
    // guardedFetch has no spelling check of its own: what stops these is the connect-time guard.
    for (const url of [`${v4.base}/secret`, `http://localhost:${v4.port}/secret`, `http://[::ffff:7f00:1]:${dual.port}/secret`, `http://[::1]:${dual.port}/secret`]) {
      let failure: unknown;
      try {
        await guardedFetch(url);
      } catch (error) {
        failure = error;
      }
      expect(failure, url).to.be.instanceOf(TypeError);
    }
    expect(v4.hits).to.deep.equal([]);
    expect(dual.hits).to.deep.equal([]);
  });

  it('does not follow redirects itself, so the verifier re-checks every hop', async () => {
    // Let the first hop through (as if it were public), then watch the redirect to 127.0.0.1 be
    // refused: the verifier follows redirects manually and checks each target.
    const firstHopOnly: typeof fetch = (input, init) => (String(input).endsWith('/hop') ? fetch(input, { ...init, redirect: 'manual' }) : guardedFetch(input, init));
    const report = await verify(`https://badges.example.org/hop`, {
      fetch: ((input: RequestInfo | URL, init?: RequestInit) => firstHopOnly(String(input).replace('https://badges.example.org', dual.base), init)) as typeof fetch,
    });
    expect(report.checks[0]).to.include({ id: 'parse', code: 'fetch-failed' });
    expect(dual.hits).to.deep.equal(['/hop']);
    expect(v4.hits).to.deep.equal([]);
    dual.hits.length = 0;
  });

  it('a refused address and an unreachable one give the same code and message (no port scanning)', async () => {
    const open = await verify(`http://127.0.0.1:${v4.port}/secret`);
    const closedServer = await loopback();
    const closedPort = closedServer.port;
    await closedServer.close();
    const closed = await verify(`http://127.0.0.1:${closedPort}/secret`);
    const strip = (m: string) => m.replaceAll(String(v4.port), 'PORT').replaceAll(String(closedPort), 'PORT');
    expect(open.checks[0]!.code).to.equal(closed.checks[0]!.code);
    expect(strip(open.checks[0]!.message)).to.equal(strip(closed.checks[0]!.message));
    // The same through the connect-time guard (a name, so the spelling check does not decide).
    const viaName = await verify(`http://localhost:${v4.port}/secret`, { fetch: guardedFetch });
    const viaNameClosed = await verify(`http://localhost:${closedPort}/secret`, { fetch: guardedFetch });
    expect(viaName.checks[0]!.code).to.equal('fetch-failed');
    expect(strip(viaName.checks[0]!.message)).to.equal(strip(viaNameClosed.checks[0]!.message));
    expect(v4.hits).to.deep.equal([]);
  });

  it('allowPrivateNetwork: true reaches loopback in every spelling (the CLI and local development)', async () => {
    for (const url of [`${v4.base}/secret`, `http://[::1]:${dual.port}/secret`, `http://[::ffff:7f00:1]:${dual.port}/secret`, `http://localhost:${v4.port}/secret`]) {
      const report = await verify(url, { allowPrivateNetwork: true });
      // It fetched the document (which is no badge), rather than refusing to.
      expect(report.checks[0], url).to.include({ id: 'parse', code: 'input-unrecognized' });
    }
    expect(v4.hits.length + dual.hits.length).to.equal(4);
  });
});
