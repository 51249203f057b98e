// One name per idea across the SDK: durations are `…Ms` and size limits `maxBytes`, as in
// verify(). The client's new names work against real misbehaving servers on loopback; the old
// names (`timeout`, `maxResponseBytes`) still work for one release, and the new name wins when
// both are given. Node only (it runs HTTP servers).
import { describe, it, after, expect } from '@col/harness';
import { createClient, createObClient } from '@citiesoflearning/client';
import { faultServers } from './support/fault-server.js';
import { failure } from './support/failure.js';

describe('client option names', () => {
  const serve = faultServers(after);
  const silent = () => serve(() => {
    /* never answers */
  });
  const big = () => serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(4 * 1024 * 1024) });
    res.write('{"padding": "'); // and never the rest: reading it all would hang
  });

  it('timeoutMs bounds a call to a server that never answers', async () => {
    const col = createClient({ baseUrl: (await silent()).url, timeoutMs: 300, retry: 0 });
    const started = Date.now();
    const error = await failure(col.achievements.get('digital-1'));
    expect(error.code).to.equal('timeout');
    expect(error.message).to.contain('300 ms');
    expect(Date.now() - started).to.be.within(250, 3_000);
  });

  it('a per-call timeoutMs overrides the client\'s, and the deprecated per-call timeout still works', async () => {
    const col = createClient({ baseUrl: (await silent()).url, timeoutMs: 60_000, retry: 0 });
    expect((await failure(col.achievements.get('a', { timeoutMs: 300 }))).message).to.contain('300 ms');
    expect((await failure(col.achievements.get('a', { timeout: 400 }))).message).to.contain('400 ms');
    // Lists take it too.
    expect((await failure(col.achievements.list({ timeoutMs: 300 })[Symbol.asyncIterator]().next())).message).to.contain('300 ms');
  });

  it('the new name wins over the deprecated one when both are given', async () => {
    const col = createClient({ baseUrl: (await silent()).url, timeoutMs: 300, timeout: 60_000, retry: 0 });
    expect((await failure(col.achievements.get('a'))).message).to.contain('300 ms');
  });

  it('maxBytes refuses a larger answer before reading it; deprecated maxResponseBytes still does', async () => {
    const server = await big();
    const col = createClient({ baseUrl: server.url, maxBytes: 1024 * 1024, timeoutMs: 5_000 });
    const error = await failure(col.achievements.get('a'));
    expect(error.code).to.equal('payload-too-large');
    expect(error.details).to.deep.equal({ limit: 1024 * 1024 });
    const old = createClient({ baseUrl: server.url, maxResponseBytes: 512 * 1024, timeoutMs: 5_000 });
    expect((await failure(old.achievements.get('a'))).details).to.deep.equal({ limit: 512 * 1024 });
    const both = createClient({ baseUrl: server.url, maxBytes: 1024 * 1024, maxResponseBytes: 8 * 1024 * 1024, timeoutMs: 5_000 });
    expect((await failure(both.achievements.get('a'))).details).to.deep.equal({ limit: 1024 * 1024 });
  });

  it('the Open Badges client takes the same names', async () => {
    const ob = createObClient({ baseUrl: (await silent()).url, timeoutMs: 300, retry: 0 });
    expect((await failure(ob.credentials.page({ timeoutMs: 300 }))).code).to.equal('timeout');
  });
});
