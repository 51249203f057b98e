// A peer implementation accepts what the server issues: Digital Bazaar's @digitalbazaar/vc 7
// with the eddsa-rdfc-2022 cryptosuite verifies a claimed credential and the signed status list,
// resolving the issuer's key and its controller document (the issuer Profile) from the running
// server with a plain document loader (contexts from the pinned copies).
import { describe, it, before, after, expect } from '@col/harness';
import { createDocumentLoader } from '@citiesoflearning/verify';
import { startTestServer, type TestServer } from './support/test-server.js';
import { seedBasics } from './support/seed.js';

const load = (name: string): Promise<any> => import(name);

describe('interop: @digitalbazaar/vc verifies server-issued credentials', () => {
  let s: TestServer;
  let vc: any;
  let DataIntegrityProof: any;
  let rdfcSuite: any;
  const pinned = createDocumentLoader();

  before(async () => {
    vc = await load('@digitalbazaar/vc');
    ({ DataIntegrityProof } = await load('@digitalbazaar/data-integrity'));
    ({ cryptosuite: rdfcSuite } = await load('@digitalbazaar/eddsa-rdfc-2022-cryptosuite'));
    s = await startTestServer();
  });
  after(async () => s?.stop());

  /**
   * A plain document loader, as a wallet's: the server's URLs fetched over HTTP as they are
   * served (a `#fragment` is the node of that id in the fetched document, under the document's
   * own `@context`); the JSON-LD contexts from pinned copies. Nothing is added or removed, so the
   * peer stack judges the issuer Profile exactly as the server publishes it.
   */
  async function documentLoader(url: string) {
    if (url.startsWith(s.url)) {
      const [base, fragment] = url.split('#');
      const res = await fetch(base!, { headers: { accept: 'application/ld+json, application/json' } });
      if (!res.ok || !/^application\/(ld\+)?json/.test(res.headers.get('content-type') ?? '')) throw new Error(`not a JSON document: ${url}`);
      const document = await res.json();
      if (!fragment) return { contextUrl: null, documentUrl: url, document };
      const node = [...(document.verificationMethod ?? []), ...(document.assertionMethod ?? [])].find((m: any) => typeof m === 'object' && m.id === url);
      if (!node) throw new Error(`no node ${url} in ${base}`);
      return { contextUrl: null, documentUrl: url, document: { '@context': document['@context'], ...node } };
    }
    const remote = await pinned(url);
    return { ...remote, document: structuredClone(remote.document) };
  }

  it('verifies a claimed credential, and rejects it when tampered', async () => {
    const b = await seedBasics(s, { uses: 2 });
    const { json: award } = await s.call('POST', '/api/v1/claims', { body: { achievement: b.achievementKey, code: b.codes[0], recipient: { email: 'peer@example.org' } }, token: null });
    const suite = new DataIntegrityProof({ cryptosuite: rdfcSuite });
    const result = await vc.verifyCredential({ credential: structuredClone(award.credential), suite, documentLoader, checkStatus: async () => ({ verified: true }) });
    expect(result.verified, JSON.stringify(result.error ?? result.results, null, 1)?.slice(0, 2000)).to.equal(true);

    const tampered = structuredClone(award.credential);
    tampered.credentialSubject.identifier[0].identityHash = tampered.credentialSubject.identifier[0].identityHash.replace(/.$/, (c: string) => (c === '0' ? '1' : '0'));
    const bad = await vc.verifyCredential({ credential: tampered, suite, documentLoader, checkStatus: async () => ({ verified: true }) });
    expect(bad.verified).to.equal(false);
  });

  it('verifies the signed BitstringStatusListCredential after a revocation', async () => {
    const b = await seedBasics(s, { uses: 2 });
    const { json: award } = await s.call('POST', '/api/v1/claims', { body: { achievement: b.achievementKey, code: b.codes[0], recipient: { email: 'peer2@example.org' } }, token: null });
    await s.call('POST', `/api/v1/credentials/${award.id.split('/').pop()}/revoke`, { body: { reason: 'test' } });
    const list = await (await fetch(award.credential.credentialStatus[0].statusListCredential)).json();
    const suite = new DataIntegrityProof({ cryptosuite: rdfcSuite });
    const result = await vc.verifyCredential({ credential: list, suite, documentLoader });
    expect(result.verified, JSON.stringify(result.error ?? result.results, null, 1)?.slice(0, 2000)).to.equal(true);
  });
});
