// The browser's own XML parser is an independent judge of what we write into SVG: the baked
// document must be well-formed, the badge element must sit in the right namespace right after
// <svg>, and nothing scriptable may survive sanitizing. (Core itself never uses the DOM.)
import { describe, it, expect } from '@col/harness';
import { bake, unbake, SVG_NAMESPACE_OB2, SVG_NAMESPACE_OB3 } from '@citiesoflearning/core';

const enc = new TextEncoder();
const dec = new TextDecoder();
const parse = (bytes: Uint8Array): Document => {
  const doc = new DOMParser().parseFromString(dec.decode(bytes), 'image/svg+xml');
  expect(doc.getElementsByTagName('parsererror'), 'well-formed').to.have.length(0);
  return doc;
};

const HOSTILE = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)" width="10" height="10">
<script>alert(2)</script><a href="javascript:alert(3)"><rect onclick="alert(4)" width="5" height="5"/></a>
<a xlink:href="&#x6A;avascript:alert(5)"><circle r="1"/></a>
<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(6)"/></div></foreignObject>
<set attributeName="href" to="javascript:alert(7)"/><animate attributeName="href" values="https://a.example;javascript:alert(8)"/>
</svg>`;

describe('baking: SVG output judged by the browser XML parser', () => {
  it('OB 3.0 JSON with "]]>" parses to the exact JSON in the right element and namespace', () => {
    const credential = { type: ['VerifiableCredential'], name: 'x]]>y <b>&amp;</b> ✓' };
    const doc = parse(bake(enc.encode(HOSTILE), credential));
    const first = doc.documentElement.firstElementChild!;
    expect(first.namespaceURI).to.equal(SVG_NAMESPACE_OB3);
    expect(first.localName).to.equal('credential');
    expect(first.hasAttribute('verify')).to.equal(false);
    expect(first.textContent).to.equal(JSON.stringify(credential));
  });

  it('OB 2.0 JWS sits in verify on an empty assertion element', () => {
    const jws = 'eyJhbGciOiJSUzI1NiJ9.eyJ0eXBlIjoiQXNzZXJ0aW9uIn0.c2ln';
    const doc = parse(bake(enc.encode(HOSTILE), jws));
    const first = doc.documentElement.firstElementChild!;
    expect([first.namespaceURI, first.localName, first.getAttribute('verify'), first.textContent]).to.deep.equal([SVG_NAMESPACE_OB2, 'assertion', jws, '']);
  });

  it('nothing scriptable survives: no script/foreignObject, no on* attribute, no javascript: value', () => {
    const baked = bake(enc.encode(HOSTILE), { type: 'Assertion' });
    const doc = parse(baked);
    expect(doc.getElementsByTagNameNS('*', 'script')).to.have.length(0);
    expect(doc.getElementsByTagNameNS('*', 'foreignObject')).to.have.length(0);
    for (const el of Array.from(doc.getElementsByTagName('*'))) {
      for (const attr of Array.from(el.attributes)) {
        expect(attr.name.toLowerCase().startsWith('on'), `${el.localName} ${attr.name}`).to.equal(false);
        expect(attr.value.toLowerCase().replace(/\s/g, ''), `${el.localName} ${attr.name}`).not.to.include('javascript:');
      }
    }
    expect(doc.getElementsByTagName('rect')).to.have.length(1);
    expect(unbake(baked)!.version).to.equal(2);
  });
});
