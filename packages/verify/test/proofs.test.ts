import { describe, it, expect, before, rejectionCode } from '@col/harness';
import {
  addDataIntegrityProof,
  generateKeyPair,
  signDataIntegrity,
  verifyDataIntegrityProof,
  type KeyPair,
} from '@citiesoflearning/verify';
import { base58 } from '@scure/base';
import { withoutEd25519 } from './support/without-ed25519.js';

const OB3 = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:6d2a3c6e-7f57-4a8c-9b53-0c1a7e4bb7f1',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'https://issuer.example/profile', type: ['Profile'], name: 'Cardiff Library' },
  validFrom: '2025-03-01T09:00:00Z',
  name: 'Digital skills — level 1',
  credentialSubject: {
    id: 'did:example:learner-1',
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://issuer.example/achievements/digital-1',
      type: ['Achievement'],
      name: 'Digital skills — level 1',
      description: 'Uses email and search safely.',
      criteria: { narrative: 'Completed the six-week course.' },
    },
  },
};

const VC11 = {
  '@context': ['https://www.w3.org/2018/credentials/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:0b1f0a9e-2c5b-4b6e-8f6a-8a2b1b3c4d5e',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'https://issuer.example/profile', type: 'Profile', name: 'Cardiff Library' },
  issuanceDate: '2024-05-01T00:00:00Z',
  credentialSubject: OB3.credentialSubject,
};

let keys: KeyPair;


describe('Data Integrity: sign and verify round trips', () => {
  before(async () => {
    keys = await generateKeyPair();
  });

  for (const cryptosuite of ['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const) {
    it(`${cryptosuite}: an OB 3.0 credential signed by us verifies, and the input is not changed`, async () => {
      const input = structuredClone(OB3);
      const signed = await signDataIntegrity(input, { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod!, cryptosuite });
      expect(input).to.deep.equal(OB3);
      expect(signed.proof).to.include({ type: 'DataIntegrityProof', cryptosuite, proofPurpose: 'assertionMethod', verificationMethod: keys.verificationMethod });
      expect(signed.proof.proofValue).to.match(/^z[1-9A-HJ-NP-Za-km-z]{80,90}$/);
      expect(signed.proof.created).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(await verifyDataIntegrityProof(signed, signed.proof, keys.publicJwk)).to.deep.equal({ ok: true, cryptosuite });
      // Without the proof on the document, too.
      const { proof, ...bare } = signed;
      expect(await verifyDataIntegrityProof(bare, proof, keys.publicJwk)).to.deep.equal({ ok: true, cryptosuite });
    });

    it(`${cryptosuite}: changing any signed field fails with signature-invalid`, async () => {
      const signed = await signDataIntegrity(OB3, { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod!, cryptosuite });
      const changes: Array<(c: any) => void> = [
        (c) => (c.credentialSubject.achievement.name = 'Digital skills — level 9'),
        (c) => (c.validFrom = '2020-01-01T00:00:00Z'),
        (c) => (c.issuer.id = 'https://forger.example'),
        (c) => (c.proof.created = '2020-01-01T00:00:00Z'),
        (c) => (c.proof.verificationMethod = 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2'),
      ];
      for (const change of changes) {
        const copy = structuredClone(signed);
        change(copy);
        expect(await verifyDataIntegrityProof(copy, copy.proof, keys.publicJwk)).to.deep.include({ ok: false, code: 'signature-invalid' });
      }
    });
  }

  it('a VC 1.1 credential gets the Data Integrity context and verifies', async () => {
    const signed = await signDataIntegrity(VC11, { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod! });
    expect(signed['@context']).to.deep.equal([...VC11['@context'], 'https://w3id.org/security/data-integrity/v2']);
    expect(await verifyDataIntegrityProof(signed, signed.proof, keys.publicJwk)).to.deep.equal({ ok: true, cryptosuite: 'eddsa-rdfc-2022' });
  });

  it('Ed25519Signature2020 (legacy): adds its context to VC 1.1 and 2.0 credentials and verifies; tampering fails', async () => {
    for (const input of [VC11, OB3]) {
      const signed = await signDataIntegrity(input, { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod!, cryptosuite: 'Ed25519Signature2020' });
      expect(signed['@context']).to.deep.equal([...input['@context'], 'https://w3id.org/security/suites/ed25519-2020/v1']);
      expect(signed.proof).to.include({ type: 'Ed25519Signature2020', proofPurpose: 'assertionMethod' });
      expect(signed.proof).to.not.have.property('cryptosuite');
      expect(await verifyDataIntegrityProof(signed, signed.proof, keys.publicJwk)).to.deep.equal({ ok: true, cryptosuite: 'Ed25519Signature2020' });
      const changed = { ...signed, credentialSubject: { ...signed.credentialSubject, id: 'did:example:someone-else' } };
      expect(await verifyDataIntegrityProof(changed, signed.proof, keys.publicJwk)).to.deep.include({ ok: false, code: 'signature-invalid' });
    }
  });

  it('keeps the requested created date, proof purpose and id', async () => {
    const signed = await signDataIntegrity(OB3, {
      privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod!, created: '2025-03-01T09:00:00Z', proofPurpose: 'authentication', id: 'urn:uuid:proof-1',
    });
    expect(signed.proof).to.include({ created: '2025-03-01T09:00:00Z', proofPurpose: 'authentication', id: 'urn:uuid:proof-1' });
    expect((await verifyDataIntegrityProof(signed, signed.proof, keys.publicJwk)).ok).to.equal(true);
  });

  it('builds a proof set with addDataIntegrityProof; each proof verifies; signDataIntegrity refuses a signed document', async () => {
    const second = await generateKeyPair();
    const one = await signDataIntegrity(OB3, { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod! });
    expect(await rejectionCode(signDataIntegrity(one, { privateJwk: second.privateJwk, verificationMethod: second.verificationMethod! }))).to.equal('proof-exists');
    const both = await addDataIntegrityProof(one, { privateJwk: second.privateJwk, verificationMethod: second.verificationMethod!, cryptosuite: 'eddsa-jcs-2022' });
    expect(both.proof).to.have.length(2);
    expect(await verifyDataIntegrityProof(both, both.proof[0]!, keys.publicJwk)).to.deep.equal({ ok: true, cryptosuite: 'eddsa-rdfc-2022' });
    expect(await verifyDataIntegrityProof(both, both.proof[1]!, second.publicJwk)).to.deep.equal({ ok: true, cryptosuite: 'eddsa-jcs-2022' });
    expect((await verifyDataIntegrityProof(both, both.proof[1]!, keys.publicJwk)).ok).to.equal(false);
  });
});

describe('Data Integrity: bad proofs and bad input', () => {
  before(async () => {
    keys ??= await generateKeyPair();
  });

  it('a proof value that is not base58btc, not multibase, or not 64 bytes is proof-malformed', async () => {
    const signed = await signDataIntegrity(OB3, { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod! });
    for (const proofValue of ['u' + signed.proof.proofValue.slice(1), 'z0OIl' + signed.proof.proofValue.slice(5), 'z' + signed.proof.proofValue.slice(10), 42, undefined, 'z'.repeat(5000)]) {
      const check = await verifyDataIntegrityProof(signed, { ...signed.proof, proofValue }, keys.publicJwk);
      expect(check, String(proofValue).slice(0, 20)).to.deep.include({ ok: false, code: 'proof-malformed' });
    }
  });

  it('an unknown proof type or cryptosuite is proof-unsupported', async () => {
    const signed = await signDataIntegrity(OB3, { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod! });
    for (const change of [{ cryptosuite: 'ecdsa-rdfc-2019' }, { type: 'RsaSignature2018' }, { type: 'JsonWebSignature2020', cryptosuite: undefined }]) {
      expect(await verifyDataIntegrityProof(signed, { ...signed.proof, ...change }, keys.publicJwk)).to.deep.include({ ok: false, code: 'proof-unsupported' });
    }
    expect(await rejectionCode(signDataIntegrity(OB3, { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod!, cryptosuite: 'ecdsa-rdfc-2019' as never }))).to.equal('proof-unsupported');
  });

  it('a key that is not Ed25519 is key-unsupported, for signing and verifying', async () => {
    const p256 = await generateKeyPair('P-256');
    const signed = await signDataIntegrity(OB3, { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod! });
    expect(await verifyDataIntegrityProof(signed, signed.proof, p256.publicJwk)).to.deep.include({ ok: false, code: 'key-unsupported' });
    expect(await rejectionCode(signDataIntegrity(OB3, { privateJwk: p256.privateJwk, verificationMethod: 'https://x#k' }))).to.equal('key-unsupported');
    expect(await rejectionCode(signDataIntegrity(OB3, { privateJwk: keys.publicJwk, verificationMethod: 'https://x#k' }))).to.equal('key-unsupported');
  });

  it('a term the contexts do not define fails canonicalization (JSON-LD safe mode), both ways', async () => {
    const undefinedTerm = { ...VC11, '@context': [...VC11['@context'], 'https://w3id.org/security/data-integrity/v2'], notDefinedAnywhere: 'sneaky' };
    expect(await rejectionCode(signDataIntegrity(undefinedTerm, { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod! }))).to.equal('canonicalization-failed');
    const signed = await signDataIntegrity(VC11, { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod! });
    const check = await verifyDataIntegrityProof({ ...signed, notDefinedAnywhere: 'sneaky' }, signed.proof, keys.publicJwk);
    expect(check).to.deep.include({ ok: false, code: 'canonicalization-failed' });
  });

  it('a "poison" graph of interlinked identical blank nodes is refused, not computed for hours', async () => {
    const n = 20;
    const nodes = Array.from({ length: n }, (_, i) => ({
      '@id': `_:b${i}`,
      name: 'same',
      knows: Array.from({ length: n }, (_, j) => ({ '@id': `_:b${j}` })).filter((_, j) => j !== i),
    }));
    const poison = {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
      type: ['VerifiableCredential'],
      issuer: keys.did,
      credentialSubject: { id: 'did:example:learner', knows: nodes },
    };
    expect(await rejectionCode(signDataIntegrity(poison, { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod! }))).to.equal('canonicalization-failed');
    const fakeProof = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created: '2025-01-01T00:00:00Z', verificationMethod: keys.verificationMethod, proofPurpose: 'assertionMethod', proofValue: 'z' + base58.encode(new Uint8Array(64).fill(1)) };
    const check = await verifyDataIntegrityProof(poison, fakeProof, keys.publicJwk);
    expect(check).to.deep.include({ ok: false, code: 'canonicalization-failed' });
  });

  it('eddsa-jcs-2022: a proof @context that does not match the document is proof-malformed', async () => {
    const signed = await signDataIntegrity(OB3, { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod!, cryptosuite: 'eddsa-jcs-2022' });
    const moved = { ...signed, '@context': ['https://www.w3.org/ns/credentials/v2'] };
    expect(await verifyDataIntegrityProof(moved, signed.proof, keys.publicJwk)).to.deep.include({ ok: false, code: 'proof-malformed' });
  });

  it('non-objects are proof-malformed, never a crash', async () => {
    expect(await verifyDataIntegrityProof(null as never, {}, keys.publicJwk)).to.deep.include({ ok: false, code: 'proof-malformed' });
    expect(await verifyDataIntegrityProof(OB3, 'proof' as never, keys.publicJwk)).to.deep.include({ ok: false, code: 'proof-malformed' });
    expect(await rejectionCode(signDataIntegrity(OB3, { privateJwk: keys.privateJwk } as never))).to.equal('sign-options-invalid');
  });
});

describe('Data Integrity: an unknown remote @context is refused without any network access', () => {
  it('returns context-unknown and never calls fetch', async () => {
    keys ??= await generateKeyPair();
    const signed = await signDataIntegrity(OB3, { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod! });
    const hostile = { ...signed, '@context': [...OB3['@context'], 'https://attacker.example/redefine-everything.jsonld'] };
    const calls: unknown[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (...args: unknown[]) => {
      calls.push(args[0]);
      throw new Error('network access during verification');
    }) as typeof fetch;
    let check;
    let signError;
    try {
      check = await verifyDataIntegrityProof(hostile, signed.proof, keys.publicJwk);
      const { proof: _p, ...unsigned } = hostile;
      signError = await rejectionCode(signDataIntegrity(unsigned, { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod! }));
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(calls).to.deep.equal([]);
    expect(check).to.deep.include({ ok: false, code: 'context-unknown' });
    expect((check as { message: string }).message).to.contain('https://attacker.example/redefine-everything.jsonld');
    expect(signError).to.equal('context-unknown');
  });

  it('uses caller-supplied contexts when given (and still fetches nothing)', async () => {
    keys ??= await generateKeyPair();
    const url = 'https://contexts.example/badge-extras.jsonld';
    const contexts = { [url]: { '@context': { favouriteColour: 'https://contexts.example/vocab#favouriteColour' } } };
    const document = { ...VC11, '@context': [...VC11['@context'], url, 'https://w3id.org/security/data-integrity/v2'], favouriteColour: 'green' };
    const signed = await signDataIntegrity(document, { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod!, contexts });
    expect(await verifyDataIntegrityProof(signed, signed.proof, keys.publicJwk, { contexts })).to.deep.equal({ ok: true, cryptosuite: 'eddsa-rdfc-2022' });
    expect(await verifyDataIntegrityProof(signed, signed.proof, keys.publicJwk)).to.deep.include({ ok: false, code: 'context-unknown' });
  });
});

describe('Data Integrity: a browser without Ed25519 in WebCrypto', () => {
  it('reports crypto-unsupported (a plain "use another browser"), not a bad signature', async () => {
    // A key never imported before: imported verification keys are cached, and a browser without
    // Ed25519 never has one to cache.
    const keys = await generateKeyPair();
    const signed = await signDataIntegrity(OB3, { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod!, cryptosuite: 'eddsa-jcs-2022' });
    const real = globalThis.crypto.subtle.importKey;
    const check = await withoutEd25519(() => verifyDataIntegrityProof(signed, signed.proof, keys.publicJwk));
    expect(globalThis.crypto.subtle.importKey).to.equal(real);
    expect(check).to.deep.include({ ok: false, code: 'crypto-unsupported' });
    expect((check as { message: string }).message).to.match(/browser/);
    expect(await verifyDataIntegrityProof(signed, signed.proof, keys.publicJwk)).to.deep.equal({ ok: true, cryptosuite: 'eddsa-jcs-2022' });
  });
});
