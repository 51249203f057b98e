// A peer implementation accepts what the server issues: Digital Bazaar's @digitalbazaar/vc 7
// with the eddsa-rdfc-2022 cryptosuite verifies a claimed credential and the signed status list,
// resolving the issuer's key from the running server (contexts from the pinned copies).
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

  /** Contexts from pinned copies; the verification method from the issuer profile on the server. */
  async function documentLoader(url: string) {
    if (url.startsWith(s.url)) {
      const [base, fragment] = url.split('#');
      const profile = await (await fetch(base!)).json();
      const method = profile.verificationMethod.find((m: any) => m.id === url);
      if (!fragment || !method) throw new Error(`not a verification method: ${url}`);
      const { publicKeyJwk: _jwk, ...multikey } = method;
      return { contextUrl: null, documentUrl: url, document: { '@context': 'https://w3id.org/security/multikey/v1', ...multikey } };
    }
    const remote = await pinned(url);
    return { ...remote, document: structuredClone(remote.document) };
  }

  /** The issuer profile as the controller document: it lists the key under assertionMethod. */
  async function controllerOf(doc: any) {
    const issuerId = typeof doc.issuer === 'string' ? doc.issuer : doc.issuer.id;
    const profile = await (await fetch(issuerId)).json();
    return { '@context': 'https://w3id.org/security/multikey/v1', id: issuerId, assertionMethod: profile.assertionMethod };
  }

  it('verifies a claimed credential, and rejects it when tampered', async () => {
    const b = await seedBasics(s, { uses: 2 });
    const { json: award } = await s.call('POST', '/api/v1/claims', { body: { achievement: b.achievementKey, code: b.codes[0], recipient: { email: 'peer@example.org' } }, token: null });
    const suite = new DataIntegrityProof({ cryptosuite: rdfcSuite });
    const controller = await controllerOf(award.credential);
    const result = await vc.verifyCredential({ credential: structuredClone(award.credential), suite, documentLoader, controller, checkStatus: async () => ({ verified: true }) });
    expect(result.verified, JSON.stringify(result.error ?? result.results, null, 1)?.slice(0, 2000)).to.equal(true);

    const tampered = structuredClone(award.credential);
    tampered.credentialSubject.identifier[0].identityHash = tampered.credentialSubject.identifier[0].identityHash.replace(/.$/, (c: string) => (c === '0' ? '1' : '0'));
    const bad = await vc.verifyCredential({ credential: tampered, suite, documentLoader, controller, checkStatus: async () => ({ verified: true }) });
    expect(bad.verified).to.equal(false);
  });

  it('verifies the signed BitstringStatusListCredential after a revocation', async () => {
    const b = await seedBasics(s, { uses: 2 });
    const { json: award } = await s.call('POST', '/api/v1/claims', { body: { achievement: b.achievementKey, code: b.codes[0], recipient: { email: 'peer2@example.org' } }, token: null });
    await s.call('POST', `/api/v1/credentials/${award.id.split('/').pop()}/revoke`, { body: { reason: 'test' } });
    const list = await (await fetch(award.credential.credentialStatus[0].statusListCredential)).json();
    const suite = new DataIntegrityProof({ cryptosuite: rdfcSuite });
    const result = await vc.verifyCredential({ credential: list, suite, documentLoader, controller: await controllerOf(list) });
    expect(result.verified, JSON.stringify(result.error ?? result.results, null, 1)?.slice(0, 2000)).to.equal(true);
  });
});
