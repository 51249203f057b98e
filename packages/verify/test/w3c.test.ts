// W3C vc-di-eddsa test vectors: every intermediate value (canonical forms, hashes, combined hash,
// signature) is reproduced, and the signed examples verify with the vector key.
import { describe, it, expect, readFixtureJson, readFixtureText } from '@col/harness';
import {
  addDataIntegrityProof,
  didKeyToJwk,
  multibaseToJwk,
  privateMultibaseToJwk,
  signDataIntegrity,
  verifyDataIntegrityProof,
} from '@citiesoflearning/verify';
import { jcs, rdfc } from '../src/proofs/canonicalize.js';
import { sha256, toHex, utf8 } from '../src/internal/bytes.js';

const DIR = 'w3c-vc-di-eddsa/TestVectors';
const text = async (path: string) => (await readFixtureText(`${DIR}/${path}`)).trim();
const json = (path: string) => readFixtureJson<Record<string, any>>(`${DIR}/${path}`);
const hex = async (s: string) => toHex(await sha256(utf8(s)));

interface Suite {
  name: 'eddsa-rdfc-2022' | 'eddsa-jcs-2022' | 'Ed25519Signature2020';
  folder: string;
  suffix: string;
  signed: string;
  unsigned: string;
}

const SUITES: Suite[] = [
  { name: 'eddsa-rdfc-2022', folder: 'eddsa-rdfc-2022', suffix: 'DataInt', signed: 'signedDataInt.json', unsigned: 'unsigned.json' },
  { name: 'eddsa-jcs-2022', folder: 'eddsa-jcs-2022', suffix: 'JCS', signed: 'signedJCS.json', unsigned: 'unsigned.json' },
  { name: 'Ed25519Signature2020', folder: 'Ed25519Signature2020', suffix: 'EdSig', signed: 'signedEdSig.json', unsigned: 'unsigned.json' },
];

for (const suite of SUITES) {
  describe(`W3C vectors: ${suite.name}`, () => {
    it('reproduces the canonical document, proof configuration and their hashes', async () => {
      const signed = await json(`${suite.folder}/${suite.signed}`);
      const { proof: _proof, ...document } = signed;
      const config = await json(`${suite.folder}/proofConfig${suite.suffix}.json`);
      const canonical = suite.name === 'eddsa-jcs-2022' ? jcs(document) : await rdfc(document);
      const canonicalProof = suite.name === 'eddsa-jcs-2022' ? jcs(config) : await rdfc(config);
      expect(canonical.trim()).to.equal(await text(`${suite.folder}/canonDoc${suite.suffix}.txt`));
      expect(canonicalProof.trim()).to.equal(await text(`${suite.folder}/proofCanon${suite.suffix}.txt`));
      const docHash = await hex(canonical);
      const proofHash = await hex(canonicalProof);
      expect(docHash).to.equal(await text(`${suite.folder}/docHash${suite.suffix}.txt`));
      expect(proofHash).to.equal(await text(`${suite.folder}/proofHash${suite.suffix}.txt`));
      expect(proofHash + docHash).to.equal(await text(`${suite.folder}/combinedHash${suite.suffix}.txt`));
    });

    it('verifies the signed example with the vector key', async () => {
      const signed = await json(`${suite.folder}/${suite.signed}`);
      const key = didKeyToJwk(signed.proof.verificationMethod);
      expect(await verifyDataIntegrityProof(signed, signed.proof, key)).to.deep.equal({ ok: true, cryptosuite: suite.name });
      expect(signed.proof.proofValue).to.equal(await text(`${suite.folder}/sigBTC58${suite.suffix}.txt`));
    });

    it('rejects the example once one field is changed (signature-invalid)', async () => {
      const signed = await json(`${suite.folder}/${suite.signed}`);
      const key = didKeyToJwk(signed.proof.verificationMethod);
      const tampered: Record<string, any> = { ...signed, credentialSubject: { ...signed.credentialSubject, alumniOf: 'The School of Forgeries' } };
      const check = await verifyDataIntegrityProof(tampered, tampered.proof, key);
      expect(check.ok).to.equal(false);
      expect(check.ok === false && check.code).to.equal('signature-invalid');
    });

    it('rejects the example with another key (signature-invalid)', async () => {
      const signed = await json(`${suite.folder}/${suite.signed}`);
      const other = multibaseToJwk('z6MktgKTsu1QhX6QPbyqG6geXdw6FQCZBPq7uQpieWbiQiG7');
      const check = await verifyDataIntegrityProof(signed, signed.proof, other);
      expect(check.ok === false && check.code).to.equal('signature-invalid');
    });

    if (suite.unsigned) {
      it('signing the unsigned example (the legacy suite adds its context) with the vector private key gives the vector signature byte for byte', async () => {
        const keyPair = await json('keyPair.json');
        const privateJwk = await privateMultibaseToJwk(keyPair.privateKeyMultibase);
        expect(privateJwk.x).to.equal(multibaseToJwk(keyPair.publicKeyMultibase).x);
        const unsigned = await json(suite.unsigned);
        const signed = await signDataIntegrity(unsigned, {
          privateJwk,
          verificationMethod: `did:key:${keyPair.publicKeyMultibase}#${keyPair.publicKeyMultibase}`,
          cryptosuite: suite.name,
          created: '2023-02-24T23:36:38Z',
        });
        expect(signed.proof.proofValue).to.equal(await text(`${suite.folder}/sigBTC58${suite.suffix}.txt`));
        expect(signed).to.deep.equal(await json(`${suite.folder}/${suite.signed}`));
      });
    }
  });
}

describe('W3C vectors: proof sets and chains', () => {
  it('verifies every proof of a proof set, each with its own key', async () => {
    for (const file of ['signedProofSet1.json', 'signedProofSet2.json']) {
      const signed = await json(`proof-set-chain/${file}`);
      const proofs = Array.isArray(signed.proof) ? signed.proof : [signed.proof];
      for (const proof of proofs) {
        const check = await verifyDataIntegrityProof(signed, proof, didKeyToJwk(proof.verificationMethod));
        expect(check, `${file} ${proof.verificationMethod}`).to.deep.equal({ ok: true, cryptosuite: 'eddsa-rdfc-2022' });
      }
    }
  });

  it('verifies a proof chain (previousProof) including the earlier proofs it names', async () => {
    for (const file of ['signedProofChain1.json', 'signedProofChain2.json']) {
      const signed = await json(`proof-set-chain/${file}`);
      const proofs = Array.isArray(signed.proof) ? signed.proof : [signed.proof];
      expect(proofs.some((p: any) => p.previousProof)).to.equal(file === 'signedProofChain2.json' || proofs.length > 1);
      for (const proof of proofs) {
        const check = await verifyDataIntegrityProof(signed, proof, didKeyToJwk(proof.verificationMethod));
        expect(check, `${file} ${proof.id ?? proof.verificationMethod}`).to.deep.equal({ ok: true, cryptosuite: 'eddsa-rdfc-2022' });
      }
    }
  });

  it('a chained proof whose previous proof was removed is malformed', async () => {
    const signed = await json('proof-set-chain/signedProofChain2.json');
    const chained = signed.proof.find((p: any) => typeof p.previousProof === 'string');
    const withoutPrevious = { ...signed, proof: signed.proof.filter((p: any) => p.id !== chained.previousProof) };
    const check = await verifyDataIntegrityProof(withoutPrevious, chained, didKeyToJwk(chained.verificationMethod));
    expect(check.ok === false && check.code).to.equal('proof-malformed');
  });

  it('reproduces the vector proof set by adding proofs with the vector keys', async () => {
    const keys = await json('proof-set-chain/multiKeyPairs.json');
    const expected = await json('proof-set-chain/signedProofSet2.json');
    let document: object = await json('proof-set-chain/unsigned.json');
    const expectedProofs = Array.isArray(expected.proof) ? expected.proof : [expected.proof];
    for (const [i, proof] of expectedProofs.entries()) {
      const pair = keys[`keyPair${i + 1}`];
      document = await addDataIntegrityProof(document, {
        privateJwk: await privateMultibaseToJwk(pair.privateKeyMultibase),
        verificationMethod: proof.verificationMethod,
        created: proof.created,
        ...(proof.id ? { id: proof.id } : {}),
      });
    }
    expect(document).to.deep.equal(expected);
  });
});
