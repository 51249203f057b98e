// Interoperability with Digital Bazaar's reference implementation (@digitalbazaar/vc 7 with the
// eddsa-rdfc-2022 and eddsa-jcs-2022 cryptosuites): what we sign, they verify, and the reverse.
// Both sides use the same pinned contexts; did:key documents are built locally. No network.
// Node-only: the Digital Bazaar packages are Node-first and are only dev dependencies.
import { describe, it, expect, before } from '@col/harness';
import {
  createDocumentLoader,
  didKeyToJwk,
  generateKeyPair,
  signDataIntegrity,
  verifyDataIntegrityProof,
  type KeyPair,
} from '@citiesoflearning/verify';

// Non-literal specifiers: these dev-only packages ship no typings.
const load = (name: string): Promise<any> => import(name);

const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:1f7c2a4e-94a1-4bd2-8d7e-3f7f0e0c1a22',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Coding club — first project',
  validFrom: '2025-02-01T00:00:00Z',
  credentialSubject: {
    id: 'did:example:learner-7',
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://issuer.example/achievements/coding-1',
      type: ['Achievement'],
      name: 'Coding club — first project',
      description: 'Built and shared a first web page.',
      criteria: { narrative: 'Published a page with HTML and CSS.' },
    },
  },
};

let vc: any;
let DataIntegrityProof: any;
let Ed25519Multikey: any;
let rdfcSuite: any;
let jcs: any;
const pinned = createDocumentLoader();

/** Pinned contexts plus did:key documents built from the key itself (what a did:key resolver does). */
async function documentLoader(url: string) {
  if (url.startsWith('did:key:')) {
    const [did, fragment] = url.split('#');
    const key = did!.slice('did:key:'.length);
    const method = { id: `${did}#${key}`, type: 'Multikey', controller: did, publicKeyMultibase: key };
    const document = fragment
      ? { '@context': 'https://w3id.org/security/multikey/v1', ...method }
      : {
          '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
          id: did,
          verificationMethod: [method],
          assertionMethod: [method.id],
        };
    return { contextUrl: null, documentUrl: url, document };
  }
  const remote = await pinned(url);
  // Hand Digital Bazaar a private copy: our pinned contexts are frozen.
  return { ...remote, document: structuredClone(remote.document) };
}

describe('interop with @digitalbazaar/vc (Node)', () => {
  let ours: KeyPair;
  before(async () => {
    vc = await load('@digitalbazaar/vc');
    ({ DataIntegrityProof } = await load('@digitalbazaar/data-integrity'));
    Ed25519Multikey = await load('@digitalbazaar/ed25519-multikey');
    ({ cryptosuite: rdfcSuite } = await load('@digitalbazaar/eddsa-rdfc-2022-cryptosuite'));
    jcs = await load('@digitalbazaar/eddsa-jcs-2022-cryptosuite');
    ours = await generateKeyPair();
  });

  const issuer = () => ({ id: ours.did!, type: ['Profile'], name: 'Interop Issuer' });

  it('eddsa-rdfc-2022: a credential we sign verifies with Digital Bazaar', async () => {
    const signed = await signDataIntegrity({ ...credential, issuer: issuer() }, { privateJwk: ours.privateJwk, verificationMethod: ours.verificationMethod! });
    const result = await vc.verifyCredential({ credential: signed, suite: new DataIntegrityProof({ cryptosuite: rdfcSuite }), documentLoader });
    expect(result.error, String(result.error?.errors?.[0] ?? result.error)).to.equal(undefined);
    expect(result.verified).to.equal(true);
    // …and a changed copy does not.
    const changed = { ...signed, name: 'Something else' };
    const bad = await vc.verifyCredential({ credential: changed, suite: new DataIntegrityProof({ cryptosuite: rdfcSuite }), documentLoader });
    expect(bad.verified).to.equal(false);
  });

  it('eddsa-rdfc-2022: a credential Digital Bazaar signs verifies with ours', async () => {
    const keyPair = await Ed25519Multikey.generate({ controller: 'did:key:placeholder' });
    const did = `did:key:${keyPair.publicKeyMultibase}`;
    keyPair.controller = did;
    keyPair.id = `${did}#${keyPair.publicKeyMultibase}`;
    const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: rdfcSuite });
    const signed = await vc.issue({ credential: { ...credential, issuer: { id: did, type: ['Profile'] } }, suite, documentLoader });
    expect(signed.proof.cryptosuite).to.equal('eddsa-rdfc-2022');
    expect(await verifyDataIntegrityProof(signed, signed.proof, didKeyToJwk(signed.proof.verificationMethod))).to.deep.equal({ ok: true, cryptosuite: 'eddsa-rdfc-2022' });
    const changed = { ...signed, name: 'Something else' };
    expect((await verifyDataIntegrityProof(changed, signed.proof, didKeyToJwk(signed.proof.verificationMethod))).ok).to.equal(false);
  });

  it('eddsa-rdfc-2022: the same key signs the same bytes on both sides (our JWK in their signer)', async () => {
    const keyPair = await Ed25519Multikey.fromJwk({ jwk: ours.privateJwk, secretKey: true, id: ours.verificationMethod, controller: ours.did });
    const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: rdfcSuite, date: '2025-02-01T00:00:00Z' });
    const theirs = await vc.issue({ credential: { ...credential, issuer: issuer() }, suite, documentLoader });
    const mine = await signDataIntegrity({ ...credential, issuer: issuer() }, { privateJwk: ours.privateJwk, verificationMethod: ours.verificationMethod!, created: theirs.proof.created });
    expect(mine.proof.proofValue).to.equal(theirs.proof.proofValue);
  });

  it('eddsa-jcs-2022: both directions', async () => {
    // Ours → theirs.
    const signed = await signDataIntegrity({ ...credential, issuer: issuer() }, { privateJwk: ours.privateJwk, verificationMethod: ours.verificationMethod!, cryptosuite: 'eddsa-jcs-2022' });
    const verifySuite = new DataIntegrityProof({ cryptosuite: jcs.createVerifyCryptosuite() });
    const result = await vc.verifyCredential({ credential: signed, suite: verifySuite, documentLoader });
    expect(result.error, String(result.error?.errors?.[0] ?? result.error)).to.equal(undefined);
    expect(result.verified).to.equal(true);
    // Theirs → ours.
    const keyPair = await Ed25519Multikey.fromJwk({ jwk: ours.privateJwk, secretKey: true, id: ours.verificationMethod, controller: ours.did });
    const signSuite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: jcs.createSignCryptosuite() });
    const theirs = await vc.issue({ credential: { ...credential, issuer: issuer() }, suite: signSuite, documentLoader });
    expect(theirs.proof.cryptosuite).to.equal('eddsa-jcs-2022');
    expect(await verifyDataIntegrityProof(theirs, theirs.proof, ours.publicJwk)).to.deep.equal({ ok: true, cryptosuite: 'eddsa-jcs-2022' });
  });
});
