// Achievement images uploaded as SVG: parsed with core's strict scanner, refused when they are
// not really SVG or carry a DOCTYPE or anything active, and stored only in a form that runs no
// script and loads nothing from anywhere — one test per trick an attacker would try.
import { describe, it, before, after, expect } from '@col/harness';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRawDatabase, startTestServer, type TestServer } from './support/test-server.js';

const SVG = 'xmlns="http://www.w3.org/2000/svg"';
const dataUri = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

describe('SVG achievement images', () => {
  let s: TestServer;
  let n = 0;
  before(async () => {
    s = await startTestServer();
    await s.call('POST', '/api/v1/issuers', { body: { key: 'artist', name: 'Artist', url: 'https://artist.example' } });
  });
  after(async () => s?.stop());

  const upload = (image: string) => s.call('POST', '/api/v1/achievements', { body: { key: `img-${++n}`, issuer: 'artist', name: 'Pictured', description: 'd', criteria: 'c', image } });
  const stored = async (key: string) => {
    const res = await fetch(new URL(`/api/v1/achievements/${key}/image`, s.url));
    return { type: res.headers.get('content-type'), text: await res.text() };
  };
  const refused = async (image: string, code: string, what: string) => {
    const res = await upload(image);
    expect([res.status, res.json.code], `${what}: ${res.text}`).to.deep.equal([400, code]);
    // Nothing was stored under that key.
    expect((await s.call('GET', `/api/v1/achievements/img-${n}`, { token: null })).status, what).to.equal(404);
  };

  it('refuses a script under any namespace prefix', async () => {
    await refused(dataUri(`<svg ${SVG}><s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script></svg>`), 'unsafe-image', 'prefixed script');
    await refused(dataUri(`<svg ${SVG}><SCRIPT>alert(1)</SCRIPT></svg>`), 'unsafe-image', 'upper-case script');
    await refused(dataUri(`<svg ${SVG}><h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>`), 'unsafe-image', 'XHTML script');
    await refused(dataUri(`<svg ${SVG}><g><x:foreignObject xmlns:x="http://www.w3.org/2000/svg"><div xmlns="http://www.w3.org/1999/xhtml">hi</div></x:foreignObject></g></svg>`), 'unsafe-image', 'foreignObject');
    await refused(dataUri(`<svg ${SVG}><set attributeName="xlink:href" to="javascript:alert(1)"/></svg>`), 'unsafe-image', 'animated href');
    await refused(dataUri(`<svg ${SVG}><a xlink:href=" jav&#x09;ascript:alert(1)" xmlns:xlink="http://www.w3.org/1999/xlink"><circle r="3"/></a></svg>`), 'unsafe-image', 'entity-disguised javascript: URL');
    await refused(dataUri(`<svg ${SVG}><rect x:onclick="alert(1)" xmlns:x="urn:x" width="1" height="1"/></svg>`), 'unsafe-image', 'prefixed handler');
    await refused(dataUri(`<?xml-stylesheet type="text/xsl" href="https://evil.example/x.xsl"?><svg ${SVG}/>`), 'unsafe-image', 'xml-stylesheet');
  });

  it('refuses a DOCTYPE, with or without entities (so no entity-expanded script gets in)', async () => {
    await refused(dataUri(`<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;alert(1)&#60;/script&#62;">]><svg ${SVG}>&x;</svg>`), 'unsafe-image', 'entity-expanded script');
    await refused(dataUri(`<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg ${SVG}/>`), 'unsafe-image', 'plain DOCTYPE');
    await refused(dataUri(`<svg ${SVG}><text>&xxe;</text></svg>`), 'unsafe-image', 'undeclared entity');
  });

  it('refuses what is not an SVG image, such as a JWK with "<svg >" in it', async () => {
    const jwk = JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', note: '<svg >' });
    await refused(`data:image/svg+xml,${encodeURIComponent(jwk)}`, 'image-not-svg', 'JWK');
    await refused(dataUri(`<html><svg ${SVG}/></html>`), 'image-not-svg', 'html root');
    await refused(dataUri('<svg><circle r="1"/></svg>'), 'image-not-svg', 'no SVG namespace');
    await refused(dataUri(`hello <svg ${SVG}/>`), 'image-not-svg', 'text before the root');
    await refused(dataUri(`<svg ${SVG}/><svg ${SVG}/>`), 'image-invalid', 'two roots');
    await refused(dataUri(`<svg ${SVG}><g></svg>`), 'image-invalid', 'unbalanced');
  });

  it('handles data: tricks in the upload itself: broken %-escapes are a 400, a charset parameter is fine', async () => {
    await refused('data:image/svg+xml,%E0%A4%A', 'invalid-request', 'broken escapes');
    const res = await upload(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(`<svg ${SVG}><circle r="5"/></svg>`)}`);
    expect(res.status, res.text).to.equal(201);
    await refused(dataUri(`<svg ${SVG}><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="><circle r="3"/></a></svg>`), 'unsafe-image', 'HTML data: link');
  });

  it('stores uploads without external references: href, xlink:href, url() in style and attributes, @import, xml:base, SVG data: images', async () => {
    const hostile = `<svg ${SVG} xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
      <style>@import url(https://evil.example/a.css);</style>
      <style>.ok { fill: #123456 }</style>
      <use href="https://evil.example/s.svg#x"/>
      <image xlink:href="//evil.example/track.png" width="1" height="1"/>
      <image href="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=" width="1" height="1"/>
      <rect style="fill: url(https://evil.example/p.svg#g)" width="1" height="1"/>
      <rect fill="url( 'https://evil.example/q.svg#g' )" width="1" height="1"/>
      <rect style="background: u\\72l(https://evil.example/esc)" width="1" height="1"/>
      <g xml:base="https://evil.example/"><use href="#local"/></g>
      <circle id="local" class="ok" r="4" fill="url(#grad)"/>
      <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
    </svg>`;
    const res = await upload(dataUri(hostile));
    expect(res.status, res.text).to.equal(201);
    const image = await stored(`img-${n}`);
    expect(image.type).to.equal('image/svg+xml');
    expect(image.text).to.not.contain('evil.example');
    expect(image.text).to.not.contain('data:image/svg+xml');
    expect(image.text).to.not.contain('@import');
    // What was harmless is still there.
    for (const kept of ['.ok { fill: #123456 }', 'href="#local"', 'fill="url(#grad)"', 'data:image/png;base64,iVBORw0KGgo=', 'viewBox="0 0 10 10"']) expect(image.text).to.contain(kept);
  });

  it('stores a plain SVG as it was', async () => {
    const plain = `<?xml version="1.0" encoding="UTF-8"?><svg ${SVG} viewBox="0 0 8 8"><title>Star</title><path d="M4 0L5 3H8L5.5 5L6.5 8L4 6L1.5 8L2.5 5L0 3H3Z" fill="#c90"/></svg>`;
    const res = await upload(dataUri(plain));
    expect(res.status, res.text).to.equal(201);
    expect((await stored(`img-${n}`)).text).to.equal(plain);
  });
});

describe('SVG images stored by an older version', () => {
  it('are checked again at start-up: hostile ones dropped, external references removed', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'col-images-'));
    try {
      const first = await startTestServer({ dataDir });
      await first.call('POST', '/api/v1/issuers', { body: { key: 'old', name: 'Old', url: 'https://old.example' } });
      for (const key of ['hostile', 'leaky']) await first.call('POST', '/api/v1/achievements', { body: { key, issuer: 'old', name: key, description: 'd', criteria: 'c', image: dataUri(`<svg ${SVG}><circle r="1"/></svg>`) } });
      await first.stop();
      // What the old regex let through.
      const db = await openRawDatabase(dataDir);
      const put = 'UPDATE achievements SET image = ? WHERE key = ?';
      await db.run(put, Buffer.from(`<svg ${SVG}><s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script></svg>`), 'hostile');
      await db.run(put, Buffer.from(`<svg ${SVG}><image href="https://evil.example/t.png"/><circle r="1"/></svg>`), 'leaky');
      await db.close();
      const again = await startTestServer({ dataDir });
      try {
        const hostile = await (await fetch(new URL('/api/v1/achievements/hostile/image', again.url))).text();
        expect(hostile).to.not.contain('script');
        expect(hostile).to.contain('<title'); // the generated medallion
        const leaky = await (await fetch(new URL('/api/v1/achievements/leaky/image', again.url))).text();
        expect(leaky).to.equal(`<svg ${SVG}><image/><circle r="1"/></svg>`);
      } finally {
        await again.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
