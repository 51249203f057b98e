import { describe, it, expect, rejectionCode } from '@col/harness';
import { createDocumentLoader, isPinnedContext, loadContext, pinnedContextUrls, pinnedDocumentLoader } from '@citiesoflearning/verify';

const REQUIRED = [
  'https://www.w3.org/2018/credentials/v1',
  'https://www.w3.org/ns/credentials/v2',
  'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
  'https://w3id.org/security/data-integrity/v1',
  'https://w3id.org/security/data-integrity/v2',
  'https://w3id.org/security/suites/ed25519-2020/v1',
  'https://w3id.org/security/multikey/v1',
  'https://www.w3.org/ns/did/v1',
  'https://www.w3.org/ns/credentials/status/v1',
  'https://www.w3.org/ns/credentials/examples/v2',
];


describe('contexts: pinned copies', () => {
  it('answers every context Open Badges 2.0/3.0 credentials and their proofs use, without the network', async () => {
    const calls: unknown[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (input: unknown) => {
      calls.push(input);
      throw new Error('no network');
    }) as typeof fetch;
    try {
      for (const url of REQUIRED) {
        expect(isPinnedContext(url), url).to.equal(true);
        expect(pinnedContextUrls).to.include(url);
        const document = await loadContext(url);
        expect(document['@context'], url).to.be.an('object');
      }
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(calls).to.deep.equal([]);
  });

  it('OB 3.0.3 defines OpenBadgeCredential; the VC 2.0 context defines BitstringStatusListEntry', async () => {
    const ob = (await loadContext('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'))['@context'] as Record<string, unknown>;
    expect(ob).to.have.property('OpenBadgeCredential');
    const vc2 = (await loadContext('https://www.w3.org/ns/credentials/v2'))['@context'] as Record<string, unknown>;
    expect(vc2).to.have.property('BitstringStatusListEntry');
  });

  it('refuses an unknown URL with context-unknown (and a plain message naming it)', async () => {
    expect(isPinnedContext('https://attacker.example/ctx.jsonld')).to.equal(false);
    expect(await rejectionCode(loadContext('https://attacker.example/ctx.jsonld'))).to.equal('context-unknown');
    expect(await rejectionCode(loadContext('http://www.w3.org/ns/credentials/v2'))).to.equal('context-unknown'); // http, not https
    const error = await loadContext('https://attacker.example/ctx.jsonld').catch((e) => e);
    expect(error.message).to.contain('https://attacker.example/ctx.jsonld');
  });

  it('hands out read-only contexts, so a caller cannot poison them for the next verification', async () => {
    const document = (await loadContext('https://www.w3.org/ns/credentials/v2')) as Record<string, any>;
    expect(Object.isFrozen(document)).to.equal(true);
    expect(Object.isFrozen(document['@context'])).to.equal(true);
    expect(() => {
      document['@context'].VerifiableCredential = 'https://evil.example';
    }).to.throw();
  });

  it('gives jsonld.js-shaped documents, with caller documents taking precedence', async () => {
    const remote = await pinnedDocumentLoader('https://w3id.org/security/data-integrity/v2');
    expect(remote.documentUrl).to.equal('https://w3id.org/security/data-integrity/v2');
    expect(remote.contextUrl).to.equal(null);
    const extra = { '@context': { colour: 'https://x.example/#colour' } };
    const loader = createDocumentLoader({ 'https://x.example/ctx': extra });
    expect((await loader('https://x.example/ctx')).document).to.equal(extra);
    expect(await rejectionCode(loader('https://y.example/ctx'))).to.equal('context-unknown');
  });
});
