// Request limits an attacker would probe: an oversized body however it is sent (413, never a
// 500), and paging parameters (one validation for every paged route).
import { describe, it, before, after, expect } from '@col/harness';
import { startTestServer, type TestServer } from './helpers.js';

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

  it('answers an oversized declared body with 413 and the server stays up', async () => {
    const big = await s.call('POST', '/api/v1/claims', { body: { padding: 'x'.repeat(300 * 1024) }, token: null });
    expect([big.status, big.json.code]).to.deep.equal([413, 'body-too-large']);
    expect((await s.call('GET', '/api/v1/health', { token: null })).status).to.equal(200);
  });
});
