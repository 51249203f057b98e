import { describe, it, expect, errorCode } from '@col/harness';
import { bake, unbake, imageType, sanitizeSvg, SVG_NAMESPACE_OB2, SVG_NAMESPACE_OB3 } from '@citiesoflearning/core';

const enc = new TextEncoder();
const dec = new TextDecoder();
const svg = (text: string): Uint8Array => enc.encode(text);
const str = (bytes: Uint8Array): string => dec.decode(bytes);


const IMAGE = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Badge artwork -->
<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">
  <title>Llwybr Dysgu ✓</title>
  <circle cx="50" cy="50" r="40" fill="#c00"/>
</svg>
`;

const ob3 = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:91e0d1a4-36b5-4e4c-a7a0-5a1f0b7c2d3e',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'https://cities.example/issuers/1', type: ['Profile'], name: 'Café & “Dinas”' },
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: { type: ['AchievementSubject'], achievement: { name: 'Tricky ]]> name <b>&amp;</b>' } },
};
const ob2 = {
  '@context': 'https://w3id.org/openbadges/v2',
  type: 'Assertion',
  id: 'https://cities.example/assertions/42?a=1&b=2',
  badge: 'https://cities.example/badges/7',
  verification: { type: 'hosted' },
  issuedOn: '2026-01-01T00:00:00Z',
};
const JWS2 = 'eyJhbGciOiJSUzI1NiJ9.eyJ0eXBlIjoiQXNzZXJ0aW9uIn0.c2lnbmF0dXJl'; // payload {"type":"Assertion"}
const JWS3 = 'eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2lnbmF0dXJl'; // payload {"vc":{}}

/** The text right after the root start tag. */
function afterRoot(text: string): string {
  const at = text.indexOf('<svg');
  return text.slice(text.indexOf('>', at) + 1);
}

describe('baking: SVG round trips', () => {
  it('detects SVG documents (BOM, XML declaration, comments, plain DOCTYPE)', () => {
    expect(imageType(svg(IMAGE))).to.equal('svg');
    expect(imageType(svg('\ufeff  <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg/>'))).to.equal('svg');
    expect(imageType(svg('<html><svg/></html>'))).to.equal(undefined);
    expect(imageType(svg('{"svg": true}'))).to.equal(undefined);
    expect(unbake(svg(IMAGE))).to.equal(undefined);
  });

  it('OB 2.0 hosted JSON: <openbadges:assertion verify="id"> with the JSON in CDATA, right after <svg>', () => {
    const baked = str(bake(svg(IMAGE), ob2));
    expect(baked).to.include(`xmlns:openbadges="${SVG_NAMESPACE_OB2}"`);
    expect(SVG_NAMESPACE_OB2).to.equal('http://openbadges.org');
    const json = JSON.stringify(ob2);
    expect(afterRoot(baked).startsWith(
      `<openbadges:assertion verify="https://cities.example/assertions/42?a=1&amp;b=2"><![CDATA[${json}]]></openbadges:assertion>`,
    )).to.equal(true);
    expect(unbake(svg(baked))).to.deep.equal({ image: 'svg', version: 2, text: json, legacyUrl: false });
    expect(baked).to.include('<title>Llwybr Dysgu ✓</title>'); // artwork untouched
  });

  it('OB 2.0 signed: the JWS in verify, element empty', () => {
    const baked = str(bake(svg(IMAGE), JWS2));
    expect(afterRoot(baked).startsWith(`<openbadges:assertion verify="${JWS2}"></openbadges:assertion>`)).to.equal(true);
    expect(unbake(svg(baked))).to.deep.equal({ image: 'svg', version: 2, text: JWS2, legacyUrl: false });
  });

  it('OB 3.0 embedded proof: <openbadges:credential> with no verify, JSON in CDATA split around "]]>"', () => {
    const baked = str(bake(svg(IMAGE), ob3));
    expect(baked).to.include(`xmlns:openbadges="${SVG_NAMESPACE_OB3}"`);
    const element = afterRoot(baked);
    expect(element.startsWith('<openbadges:credential><![CDATA[')).to.equal(true);
    expect(element).to.include('Tricky ]]]]><![CDATA[> name');
    const badge = unbake(svg(baked));
    expect(badge).to.deep.equal({ image: 'svg', version: 3, text: JSON.stringify(ob3), legacyUrl: false });
    expect(JSON.parse(badge!.text)).to.deep.equal(ob3);
  });

  it('OB 3.0 VC-JWT: verify="<jws>", element empty', () => {
    const baked = str(bake(svg(IMAGE), JWS3));
    expect(afterRoot(baked).startsWith(`<openbadges:credential verify="${JWS3}"></openbadges:credential>`)).to.equal(true);
    expect(unbake(svg(baked))!.version).to.equal(3);
  });

  it('a self-closing root <svg/> is opened to hold the badge', () => {
    const baked = str(bake(svg('<svg xmlns="http://www.w3.org/2000/svg"/>'), ob3));
    expect(baked.endsWith('</openbadges:credential></svg>')).to.equal(true);
    expect(unbake(svg(baked))!.version).to.equal(3);
  });

  it('re-baking replaces the old element (either version) and its namespace; refuse leaves it', () => {
    const v2 = bake(svg(IMAGE), ob2);
    const v3 = str(bake(v2, ob3));
    expect(v3.match(/<openbadges:/g)).to.have.length(1);
    expect(v3).not.to.include(SVG_NAMESPACE_OB2);
    expect(unbake(svg(v3))!.version).to.equal(3);
    expect(errorCode(() => bake(v2, ob3, { onExisting: 'refuse' }))).to.equal('already-baked');
    // An old element under another prefix, not right after <svg>, is found and replaced too.
    const odd = svg(`<svg xmlns="http://www.w3.org/2000/svg"><g><ob:assertion xmlns:ob="http://openbadges.org" verify="https://old.example/a"/></g></svg>`);
    const rebaked = str(bake(odd, JWS3));
    expect(rebaked).not.to.include('old.example');
    expect(rebaked).to.include('<g></g>');
    expect(errorCode(() => bake(odd, JWS3, { onExisting: 'refuse' }))).to.equal('already-baked');
  });
});

describe('baking: SVG sanitizing (badges are shown inline)', () => {
  const hostile = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)">
<script type="text/javascript">alert(2)</script>
<a href=" JaVa&#x09;Script:alert(3)"><rect ONCLICK='alert(4)' width="5"/></a>
<a xlink:href="&#106;avascript:alert(5)">x</a>
<a href="https://cities.example/">ok</a>
<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(6)"/></div></foreignObject>
<set attributeName="href" to="javascript:alert(7)"/>
<svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(8)</svg:script>
<set attributeName="onmouseover" to="alert(9)"/>
<g xmlns:x="javascript:only-a-name"><x:thing/></g>
<circle r="1"/>
</svg>`;

  it('bake strips scripts, event handlers, javascript: URLs and foreignObject, keeping the artwork', () => {
    const out = str(bake(svg(hostile), ob3));
    expect(out.replace('javascript:only-a-name', '')).not.to.match(/alert|script:|onload|onclick|onerror|onmouseover|foreignObject|<script/i);
    expect(out).to.include('<a href="https://cities.example/">ok</a>');
    expect(out).to.include('<rect width="5"/>');
    expect(out).to.include('<circle r="1"/>');
    expect(out).to.include('<g xmlns:x="javascript:only-a-name"><x:thing/></g>'); // a namespace name is not a URL to run
    expect(unbake(svg(out))!.version).to.equal(3);
  });

  it('sanitizeSvg cleans without baking and keeps an existing badge', () => {
    expect(str(sanitizeSvg(svg('<svg onload="alert(1)"><script>alert(2)</script></svg>')))).to.equal('<svg></svg>');
    const baked = bake(svg(IMAGE), ob2);
    expect(str(sanitizeSvg(baked))).to.equal(str(baked));
  });
});

describe('baking: reading tricky and malformed SVG', () => {
  it('accepts another prefix bound to the right namespace, single quotes and escaped text', () => {
    const doc = `<svg xmlns='http://www.w3.org/2000/svg' xmlns:ob='https://purl.imsglobal.org/ob/v3p0'>
      <ob:credential>{&quot;name&quot;:&quot;A &amp; B &#x263A; &#9731;&quot;}</ob:credential></svg>`;
    expect(unbake(svg(doc))).to.deep.equal({ image: 'svg', version: 3, text: '{"name":"A & B ☺ ☃"}', legacyUrl: false });
    const attr = `<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify='a&quot;b&apos;c&lt;&gt;&amp;&#65;'/></svg>`;
    expect(unbake(svg(attr))!.text).to.equal(`a"b'c<>&A`);
  });

  it('the element must be in the badge namespace: same prefix, other namespace is not a badge', () => {
    const doc = `<svg xmlns:openbadges="https://example.org/not-badges"><openbadges:credential>{}</openbadges:credential></svg>`;
    expect(unbake(svg(doc))).to.equal(undefined);
  });

  it('reads CDATA split around "]]>" by another baker, and a legacy hosted URL', () => {
    const doc = `<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion>
      <![CDATA[{"a":"x]]]]><![CDATA[>y"}]]>
    </openbadges:assertion></svg>`;
    expect(unbake(svg(doc))!.text).to.equal('{"a":"x]]>y"}');
    const legacy = `<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="https://b.example/a/1"></openbadges:assertion></svg>`;
    expect(unbake(svg(legacy))).to.deep.equal({ image: 'svg', version: 2, text: 'https://b.example/a/1', legacyUrl: true });
  });

  it('refuses entity declarations and custom entities (never expanded): svg-entities-forbidden', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion>&lol2;</openbadges:assertion></svg>`;
    expect(errorCode(() => unbake(svg(laughs)))).to.equal('svg-entities-forbidden');
    expect(errorCode(() => bake(svg(laughs), ob3))).to.equal('svg-entities-forbidden');
    const xxe = `<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion>&xxe;</openbadges:assertion></svg>`;
    expect(errorCode(() => unbake(svg(xxe)))).to.equal('svg-entities-forbidden');
    expect(errorCode(() => unbake(svg('<!ENTITY x "y"><svg/>')))).to.equal('svg-entities-forbidden');
    // A comment that merely mentions a DOCTYPE is harmless.
    expect(unbake(svg('<!-- <!DOCTYPE x [ <!ENTITY a "b"> ]> --><svg/>'))).to.equal(undefined);
  });

  it('no root <svg>, broken markup, bad UTF-8 → svg-invalid', () => {
    for (const doc of [
      '<html><body/></html>',
      '<svg><g></svg>',
      '<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion>{}',
      '<svg width=10/>',
      '<svg><![CDATA[ never closed </svg>',
      '<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion><b>{}</b></openbadges:assertion></svg>',
      '<svg/><svg/>',
    ]) {
      expect(errorCode(() => unbake(svg(doc))), doc).to.equal('svg-invalid');
    }
    expect(errorCode(() => unbake(new Uint8Array([0x3c, 0x73, 0x76, 0x67, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x73, 0x76, 0x67, 0x3e])))).to.equal('svg-invalid');
    expect(errorCode(() => bake(svg('<html/>'), ob3))).to.equal('svg-invalid');
  });

  it('two badge elements or an empty one are refused', () => {
    const two = `<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="https://a.example/1"/><openbadges:assertion verify="https://a.example/2"/></svg>`;
    expect(errorCode(() => unbake(svg(two)))).to.equal('badge-duplicate');
    expect(errorCode(() => unbake(svg('<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion/></svg>')))).to.equal('badge-empty');
  });

  it('stays fast on hostile shapes: deep nesting, many namespace declarations, a huge unclosed attribute', () => {
    const depth = 50_000;
    const cases = [
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">${'<g>'.repeat(depth)}${'</g>'.repeat(depth)}</svg>`,
      `<svg>${Array.from({ length: 20_000 }, (_, i) => `<g xmlns:p${i}="urn:x">`).join('')}${'</g>'.repeat(20_000)}</svg>`,
      `<svg><g a="${'x'.repeat(1_000_000)}`,
    ];
    // The guard is against quadratic work (minutes on these inputs), so it counts this process's
    // CPU time where it can (Node): wall time also counts other processes on a busy machine.
    const cpu = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process?.cpuUsage;
    const elapsedMs = cpu ? () => { const { user, system } = cpu(); return (user + system) / 1000; } : () => performance.now();
    for (const doc of cases) {
      const started = elapsedMs();
      errorCode(() => unbake(svg(doc)));
      errorCode(() => bake(svg(doc), ob3));
      expect(elapsedMs() - started, 'milliseconds (CPU time in Node)').to.be.below(2000);
    }
    expect(unbake(svg(cases[0]!))).to.equal(undefined);
  });

  it('oversized SVG → input-too-large', () => {
    expect(errorCode(() => unbake(svg(IMAGE), { maxBytes: 10 }))).to.equal('input-too-large');
  });
});

describe('baking: SVG sniffing lets bugs surface', () => {
  it('a caller passing a plain array instead of bytes gets the TypeError, not "not an SVG"', () => {
    // Before, every error inside the sniffer answered "not SVG", hiding the caller's mistake.
    const notBytes = [...svg('<svg xmlns="http://www.w3.org/2000/svg"/>')] as unknown as Uint8Array;
    expect(() => imageType(notBytes)).to.throw(TypeError);
  });

  it('malformed markup is still simply "not an SVG" (the scanner\'s own errors are answers)', () => {
    expect(imageType(svg('<svg attr=unquoted>'))).to.equal(undefined);
    expect(imageType(svg('<html><body/></html>'))).to.equal(undefined);
    expect(imageType(svg('<svg xmlns="http://www.w3.org/2000/svg"/>'))).to.equal('svg');
  });
});
