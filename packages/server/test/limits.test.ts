// Request limits an attacker would probe: an oversized body however it is sent (413, never a
// 500), and paging parameters (one validation for every paged route).
import { describe, it, before, after, expect } from '@col/harness';
import { startTestServer, type TestServer } from './support/test-server.js';
import { connect } from 'node:net';

/** POST a body as a chunked stream (no Content-Length), the way a proxy or a streaming client sends it. */
async function postChunked(url: string, bytes: number): Promise<{ status: number; json: any }> {
  const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

describe('request body limits', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ bodyLimit: 256 * 1024 });
  });
  after(async () => s?.stop());

  it('answers an oversized chunked body with 413 body-too-large, not a 500', async () => {
    const res = await postChunked(new URL('/api/v1/claims', s.url).href, 512 * 1024);
    expect(res.status).to.equal(413);
    expect(res.json).to.deep.equal({ code: 'body-too-large', message: res.json.message });
  });

  it('still reads a chunked body that fits', async () => {
    // 64 KiB of "x" is not JSON: the handler saw the whole body and judged it.
    const res = await postChunked(new URL('/api/v1/claims', s.url).href, 64 * 1024);
    expect([res.status, res.json.code]).to.deep.equal([400, 'invalid-json']);
  });

  it('reads a Welsh name whose letters are split between chunks intact', async () => {
    // "ŷ" is two bytes in UTF-8; the body arrives in chunks cut between them.
    const body = new TextEncoder().encode(JSON.stringify({ key: 'llyr', name: 'Canolfan Llŷr', url: 'https://llyr.example' }));
    const cut = body.indexOf(0xc5) + 1;
    const parts = [body.slice(0, cut), body.slice(cut)];
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = parts.shift();
        if (!next) return controller.close();
        await new Promise((r) => setTimeout(r, 20));
        controller.enqueue(next);
      },
    });
    const res = await fetch(new URL('/api/v1/issuers', s.url), { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.adminKey}` }, body: stream, duplex: 'half' } as RequestInit);
    expect(res.status, await res.clone().text()).to.equal(201);
    expect((await s.call('GET', '/api/v1/issuers/llyr', { token: null })).json.name).to.equal('Canolfan Llŷr');
  });

  it('a client that goes away halfway through its body leaves the server answering', async () => {
    const { hostname, port } = new URL(s.url);
    const socket = connect(Number(port), hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`POST /api/v1/claims HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"achievement":"`);
    await new Promise((r) => setTimeout(r, 50));
    socket.destroy();
    await new Promise((r) => setTimeout(r, 50));
    expect((await s.call('GET', '/api/v1/health', { token: null })).status).to.equal(200);
    expect((await s.call('POST', '/api/v1/claims', { body: { nothing: true }, token: null })).status, 'a whole body is still read').to.equal(400);
  });

  it('answers an oversized declared body with 413 and the server stays up', async () => {
    const big = await s.call('POST', '/api/v1/claims', { body: { padding: 'x'.repeat(300 * 1024) }, token: null });
    expect([big.status, big.json.code]).to.deep.equal([413, 'body-too-large']);
    expect((await s.call('GET', '/api/v1/health', { token: null })).status).to.equal(200);
  });
});

describe('paging parameters', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
    await s.call('POST', '/api/v1/issuers', { body: { key: 'club', name: 'Club', url: 'https://club.example' } });
    for (let i = 0; i < 3; i++) await s.call('POST', '/api/v1/opportunities', { body: { provider: 'club', title: `Session ${i}`, mode: 'online' } });
  });
  after(async () => s?.stop());

  const bad = ['-1', '0', '101', '1000000', '99999999999999999999', 'abc', '1e2', '2.5', '', ' 5', '0x10'];

  it('refuses every out-of-range or non-numeric limit with the same 400 on every paged route', async () => {
    for (const limit of bad) {
      const opp = await s.call('GET', `/api/v1/opportunities?limit=${encodeURIComponent(limit)}`, { token: null });
      expect([opp.status, opp.json.code], `opportunities limit=${limit}`).to.deep.equal([400, 'invalid-paging']);
      expect(opp.json.message).to.equal('"limit" must be a whole number from 1 to 100.');
      // The OB 3.0 API answers in its own required envelope, with the same rule and words.
      const ob3 = await s.call('GET', `/ims/ob/v3p0/credentials?limit=${encodeURIComponent(limit)}`);
      expect(ob3.status, `ob3 limit=${limit}`).to.equal(400);
      expect(ob3.json.imsx_description).to.equal(opp.json.message);
    }
  });

  it('refuses a negative or non-numeric offset the same way', async () => {
    for (const offset of ['-1', 'x', '1.5', '9999999999']) {
      const opp = await s.call('GET', `/api/v1/opportunities?offset=${offset}`, { token: null });
      expect([opp.status, opp.json.code], `offset=${offset}`).to.deep.equal([400, 'invalid-paging']);
      const ob3 = await s.call('GET', `/ims/ob/v3p0/credentials?offset=${offset}`);
      expect(ob3.json.imsx_description).to.equal(opp.json.message);
    }
  });

  it('pages within range as before', async () => {
    const page = await s.call('GET', '/api/v1/opportunities?limit=2&offset=1', { token: null });
    expect([page.status, page.json.opportunities.length, page.json.limit, page.json.offset, page.json.total]).to.deep.equal([200, 2, 2, 1, 3]);
    expect((await s.call('GET', '/api/v1/opportunities', { token: null })).json.limit).to.equal(20);
  });
});
