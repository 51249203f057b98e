// Fault tests: small real HTTP servers on 127.0.0.1 that misbehave on purpose. Each asserts what
// an integrator would see: a stable error code, a plain message, no hang, no second attempt
// where a retry would be unsafe.
import { describe, it, after, expect } from '@col/harness';
import { InvalidResponseError, RateLimitedError, createClient } from '@citiesoflearning/client';
import { closedPortUrl, faultServers, sendJson } from './support/fault-server.js';
import { failure } from './support/failure.js';

const ACHIEVEMENT = {
  id: 'http://127.0.0.1/api/v1/achievements/digital-1',
  key: 'digital-1',
  type: ['Achievement'],
  name: 'Digital Foundations',
  description: 'Turned on a device.',
};


describe('client faults', () => {
  const serve = faultServers(after);

  it('server down: a network error, after the safe retries', async () => {
    const col = createClient({ baseUrl: await closedPortUrl(), retry: { limit: 1 } });
    const started = Date.now();
    const error = await failure(col.achievements.get('digital-1'));
    expect(error.code).to.equal('network');
    expect(error.message).to.match(/could not be reached/);
    expect(error.status).to.equal(undefined);
    expect(Date.now() - started).to.be.below(5_000);
  });

  it('slow server: a timeout error close to the timeout, not a hang', async () => {
    const server = await serve(() => {
      /* never answers */
    });
    const col = createClient({ baseUrl: server.url, timeout: 300, retry: 0 });
    const started = Date.now();
    const error = await failure(col.achievements.get('digital-1'));
    expect(error.code).to.equal('timeout');
    expect(Date.now() - started).to.be.within(250, 3_000);
  });

  it('a body that stalls after the headers also times out', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id": "http://127.0.0.1/api/v1/achievements/x", ');
      // …and nothing more.
    });
    const col = createClient({ baseUrl: server.url, timeout: 300, retry: 0 });
    const error = await failure(col.achievements.get('x'));
    expect(error.code).to.equal('timeout');
    expect(error.message).to.match(/did not finish/);
  });

  it('a body that stalls short of its Content-Length also times out', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"id": "http://127.0.0.1/api/v1/achievements/x", ');
    });
    const col = createClient({ baseUrl: server.url, timeout: 300, retry: 0 });
    const started = Date.now();
    const error = await failure(col.achievements.get('x'));
    expect(error.code).to.equal('timeout');
    expect(Date.now() - started).to.be.below(3_000);
  });

  it('500 then success: a GET is retried and succeeds', async () => {
    const server = await serve((_req, res, n) => {
      if (n === 1) sendJson(res, 500, { code: 'internal-error', message: 'Something went wrong.' });
      else sendJson(res, 200, ACHIEVEMENT);
    });
    const col = createClient({ baseUrl: server.url, retry: { limit: 2 } });
    const achievement = await col.achievements.get('digital-1');
    expect(achievement.name).to.equal('Digital Foundations');
    expect(server.requests.map((r) => r.method)).to.deep.equal(['GET', 'GET']);
  });

  it('500 on a plain write: never retried, server-error with the server message', async () => {
    const server = await serve((_req, res) => sendJson(res, 500, { code: 'internal-error', message: 'Something went wrong; nothing was issued.' }));
    const col = createClient({ baseUrl: server.url, apiKey: 'k', retry: { limit: 3 } });
    const error = await failure(col.achievements.create({ name: 'X', description: 'Y', criteria: 'Z' }));
    expect(error.code).to.equal('server-error');
    expect(error.status).to.equal(500);
    expect(error.serverCode).to.equal('internal-error');
    expect(error.message).to.equal('Something went wrong; nothing was issued.');
    expect(server.requests).to.have.length(1);
  });

  it('a claim POST is retried after a 503, with the same Idempotency-Key', async () => {
    const server = await serve((req, res, n) => {
      if (n === 1) sendJson(res, 503, { code: 'unavailable', message: 'Starting.' }, { 'retry-after': '0' });
      else sendJson(res, 502, { code: 'bad-gateway', message: 'Proxy trouble.' });
    });
    const col = createClient({ baseUrl: server.url, retry: { limit: 2 } });
    const error = await failure(col.claims.create({ achievement: 'a', code: 'K7QM-W3RT-9XHP', recipient: { email: 'l@example.org' } }));
    expect(error.code).to.equal('server-error');
    expect(server.requests).to.have.length(3);
    const keys = server.requests.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).to.match(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(keys).size).to.equal(1);
    expect(new Set(server.requests.map((r) => r.body)).size).to.equal(1);
  });

  it('two separate claims get different Idempotency-Keys; a caller-chosen key is used as given', async () => {
    const server = await serve((_req, res) => sendJson(res, 409, { code: 'code-used-up', message: 'This claim code has already been used.' }));
    const col = createClient({ baseUrl: server.url });
    const claim = { achievement: 'a', code: 'K7QM-W3RT-9XHP', recipient: { email: 'l@example.org' } } as const;
    const first = await failure(col.claims.create(claim));
    await failure(col.claims.create(claim));
    await failure(col.claims.create(claim, { idempotencyKey: 'my-own-key-123' }));
    // 409 without Retry-After is an answer, not a reason to retry.
    expect(server.requests).to.have.length(3);
    expect(first.code).to.equal('conflict');
    expect(first.serverCode).to.equal('code-used-up');
    expect(first.message).to.equal('This claim code has already been used.');
    const [a, b, c] = server.requests.map((r) => r.headers['idempotency-key']);
    expect(a).to.not.equal(b);
    expect(c).to.equal('my-own-key-123');
  });

  it('409 "still in progress" with Retry-After on a claim is waited out and retried', async () => {
    const server = await serve((_req, res, n) => {
      if (n === 1) sendJson(res, 409, { code: 'idempotency-in-progress', message: 'Still processing.' }, { 'retry-after': '1' });
      else sendJson(res, 201, { code: 'x' });
    });
    const col = createClient({ baseUrl: server.url });
    const started = Date.now();
    const error = await failure(col.claims.create({ achievement: 'a', code: 'c', recipient: { email: 'l@example.org' } }));
    // The second answer is a 201 of the wrong shape: proof that the retry happened and was checked.
    expect(error.code).to.equal('invalid-response');
    expect(Date.now() - started).to.be.at.least(900);
    expect(server.requests).to.have.length(2);
  });

  it('429 with Retry-After: waits that long, then succeeds', async () => {
    const server = await serve((_req, res, n) => {
      if (n === 1) sendJson(res, 429, { code: 'rate-limited', message: 'Slow down.' }, { 'retry-after': '1' });
      else sendJson(res, 200, ACHIEVEMENT);
    });
    const col = createClient({ baseUrl: server.url });
    const started = Date.now();
    await col.achievements.get('digital-1');
    expect(Date.now() - started).to.be.at.least(900);
    expect(server.requests).to.have.length(2);
  });

  it('429 with a Retry-After longer than maxRetryAfter: fails at once with retryAfter', async () => {
    const server = await serve((_req, res) => sendJson(res, 429, { code: 'rate-limited', message: 'Too many claims from this address.' }, { 'retry-after': '3600' }));
    const col = createClient({ baseUrl: server.url, retry: { limit: 3, maxRetryAfter: 30 } });
    const started = Date.now();
    const error = await failure(col.achievements.get('digital-1'));
    expect(error).to.be.instanceOf(RateLimitedError);
    expect(error.code).to.equal('rate-limited');
    expect((error as RateLimitedError).retryAfter).to.equal(3600);
    expect(error.message).to.match(/Too many claims from this address\. Try again in 3600 seconds\./);
    expect(Date.now() - started).to.be.below(1_000);
    expect(server.requests).to.have.length(1);
  });

  it('malformed JSON: invalid-response', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id": "http://x/a", "name": ');
    });
    const error = await failure(createClient({ baseUrl: server.url }).achievements.get('a'));
    expect(error).to.be.instanceOf(InvalidResponseError);
    expect(error.code).to.equal('invalid-response');
    expect(error.message).to.match(/malformed JSON/);
  });

  it('wrong content type (an HTML error page from a proxy): invalid-response naming the type', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Welcome to nginx</title>');
    });
    const error = await failure(createClient({ baseUrl: server.url }).achievements.get('a'));
    expect(error.code).to.equal('invalid-response');
    expect(error.message).to.contain('"text/html"');
  });

  it('a missing or mistyped field: invalid-response naming the field', async () => {
    const server = await serve((req, res) => {
      if (req.url?.includes('missing')) sendJson(res, 200, { ...ACHIEVEMENT, name: undefined });
      else sendJson(res, 200, { ...ACHIEVEMENT, alignment: [{ targetName: 'Communicating', targetUrl: 42 }] });
    });
    const col = createClient({ baseUrl: server.url });
    const missing = (await failure(col.achievements.get('missing'))) as InvalidResponseError;
    expect(missing.field).to.equal('name');
    expect(missing.message).to.contain('name should be present but is missing');
    const mistyped = (await failure(col.achievements.get('mistyped'))) as InvalidResponseError;
    expect(mistyped.field).to.equal('alignment[0].targetUrl');
    expect(mistyped.message).to.contain('alignment[0].targetUrl should be an absolute URL but is a number');
  });

  it('huge response with Content-Length: refused before reading', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) });
      res.write('{"padding": "');
      // Keep the socket open: a client that tried to read it all would hang here.
    });
    const col = createClient({ baseUrl: server.url, maxResponseBytes: 1024 * 1024, timeout: 5_000 });
    const error = await failure(col.achievements.get('a'));
    expect(error.code).to.equal('payload-too-large');
    expect(error.details).to.deep.equal({ limit: 1024 * 1024 });
  });

  it('huge streamed response without Content-Length: cut off at the limit', async () => {
    let written = 0;
    const server = await serve(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"padding": "');
      const chunk = 'x'.repeat(64 * 1024);
      // Stream up to 64 MB; stop when the client hangs up.
      while (written < 64 * 1024 * 1024 && !res.destroyed) {
        if (!res.write(chunk)) {
          await new Promise<void>((resolve) => {
            const done = () => {
              res.off('drain', done).off('close', done);
              resolve();
            };
            res.on('drain', done).on('close', done);
          });
        }
        written += chunk.length;
      }
      res.end('"}');
    });
    const col = createClient({ baseUrl: server.url, maxResponseBytes: 256 * 1024, timeout: 10_000 });
    const error = await failure(col.achievements.get('a'));
    expect(error.code).to.equal('payload-too-large');
    expect(error.message).to.contain('262144 bytes');
    // The client stopped reading long before the server finished writing.
    expect(written).to.be.below(32 * 1024 * 1024);
  });

  it('abort mid-request: rejects with the AbortSignal reason, promptly, without retrying', async () => {
    const server = await serve(() => {
      /* never answers */
    });
    const col = createClient({ baseUrl: server.url, timeout: 10_000 });
    const controller = new AbortController();
    const pending = col.achievements.get('a', { signal: controller.signal });
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const started = Date.now();
    controller.abort();
    let caught: unknown;
    try {
      await pending;
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(DOMException);
    expect((caught as DOMException).name).to.equal('AbortError');
    expect(Date.now() - started).to.be.below(1_000);
    expect(server.requests).to.have.length(1);
  });

  it('a client-wide signal aborts every call, including a wait for Retry-After', async () => {
    const server = await serve((_req, res) => sendJson(res, 503, { code: 'unavailable', message: 'Later.' }, { 'retry-after': '30' }));
    const controller = new AbortController();
    const col = createClient({ baseUrl: server.url, signal: controller.signal });
    const pending = col.achievements.get('a');
    setTimeout(() => controller.abort(new Error('user left the page')), 200);
    let caught: unknown;
    try {
      await pending;
    } catch (error) {
      caught = error;
    }
    expect(String(caught)).to.contain('user left the page');
  });

  it('error statuses map to stable codes and keep the server message', async () => {
    const cases: Array<[number, string]> = [
      [400, 'bad-request'], [401, 'unauthorized'], [403, 'forbidden'], [404, 'not-found'], [409, 'conflict'], [413, 'payload-too-large'], [422, 'bad-request'],
    ];
    const server = await serve((req, res) => {
      const status = Number(req.url?.split('/').pop());
      sendJson(res, status, { code: `server-${status}`, message: `Server says ${status}.` });
    });
    const col = createClient({ baseUrl: server.url });
    for (const [status, code] of cases) {
      const error = await failure(col.achievements.get(String(status)));
      expect([error.status, error.code, error.serverCode, error.message]).to.deep.equal([status, code, `server-${status}`, `Server says ${status}.`]);
      expect(error.request).to.deep.equal({ method: 'GET', path: `/api/v1/achievements/${status}` });
    }
  });

  it('an error body that is not JSON still gives a plain message', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad Gateway</html>');
    });
    const error = await failure(createClient({ baseUrl: server.url, retry: 0 }).achievements.get('a'));
    expect(error.code).to.equal('server-error');
    expect(error.message).to.equal('The server had a problem. Try again later. (HTTP 502)');
  });

  it('never follows a paging link to another origin with the credentials', async () => {
    const other = await serve((_req, res) => sendJson(res, 200, { credential: [] }));
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', link: `<${other.url}/ims/ob/v3p0/credentials?offset=1>; rel="next"` });
      res.end(JSON.stringify({ credential: [{ '@context': [], id: 'urn:x', type: ['VerifiableCredential'], issuer: 'urn:i', credentialSubject: {} }] }));
    });
    const { createObClient } = await import('@citiesoflearning/client');
    const host = createObClient({ baseUrl: server.url, token: 'secret-token' });
    const error = await failure(host.credentials.list().toArray());
    expect(error.code).to.equal('invalid-response');
    expect(other.requests).to.have.length(0);
  });

  it('sends the API key as a bearer token, and never on discovery', async () => {
    const server = await serve((req, res) => {
      if (req.url?.endsWith('/discovery')) sendJson(res, 200, { openapi: '3.0.1', info: { title: 'x' } });
      else sendJson(res, 200, ACHIEVEMENT);
    });
    await createClient({ baseUrl: server.url, apiKey: 'colp_secret' }).achievements.get('a');
    const { createObClient } = await import('@citiesoflearning/client');
    await createObClient({ baseUrl: server.url, token: 'tok' }).discovery();
    expect(server.requests[0]?.headers.authorization).to.equal('Bearer colp_secret');
    expect(server.requests[1]?.headers.authorization).to.equal(undefined);
  });
});
