import { describe, it, expect, listFixtures, readFixtureJson, rejectionCode } from '@col/harness';
import {
  createStatusListCredential,
  decodeStatusList,
  didKeyToJwk,
  encodeStatusList,
  generateKeyPair,
  getStatusBit,
  getStatusValue,
  MIN_STATUS_LIST_BITS,
  setStatusBit,
  signDataIntegrity,
  verifyDataIntegrityProof,
} from '@citiesoflearning/verify';


function setBits(bits: Uint8Array): number[] {
  const set: number[] = [];
  for (let i = 0; i < bits.length * 8; i++) if (getStatusBit(bits, i)) set.push(i);
  return set;
}

describe('status lists: bits', () => {
  it('bit 0 is the most significant bit of byte 0', () => {
    const bits = new Uint8Array(2);
    setStatusBit(bits, 0, true);
    expect(bits[0]).to.equal(0b1000_0000);
    setStatusBit(bits, 8, true);
    setStatusBit(bits, 15, true);
    expect(bits[1]).to.equal(0b1000_0001);
    expect(setBits(bits)).to.deep.equal([0, 8, 15]);
    setStatusBit(bits, 8, false);
    expect(setBits(bits)).to.deep.equal([0, 15]);
  });

  it('reads multi-bit entries (statusSize > 1), most significant bit first', async () => {
    const bits = new Uint8Array([0b0110_1100, 0b0000_0001]);
    expect(getStatusValue(bits, 0, 3)).to.equal(0b011);
    expect(getStatusValue(bits, 1, 3)).to.equal(0b011);
    expect(getStatusValue(bits, 7, 2)).to.equal(0b01);
    expect(getStatusValue(bits, 1)).to.equal(1);
    expect(getStatusValue(bits, 0, 16)).to.equal(0b0110_1100_0000_0001);
    expect(await rejectionCode(() => getStatusValue(bits, 5, 3))).to.equal('status-index-out-of-range');
    expect(await rejectionCode(() => getStatusValue(bits, 0, 0))).to.equal('status-list-invalid');
    expect(await rejectionCode(() => getStatusValue(bits, 0, 17))).to.equal('status-list-invalid');
  });

  it('refuses an index outside the list, negative or fractional', async () => {
    const bits = new Uint8Array(2);
    for (const index of [16, -1, 1.5, Number.NaN, 2 ** 60]) {
      expect(await rejectionCode(() => getStatusBit(bits, index))).to.equal('status-index-out-of-range');
      expect(await rejectionCode(() => setStatusBit(bits, index, true))).to.equal('status-index-out-of-range');
    }
  });
});

describe('status lists: encoding', () => {
  it('round-trips a 131,072-entry list through GZIP and base64url with the "u" prefix', async () => {
    const bits = new Uint8Array(MIN_STATUS_LIST_BITS / 8);
    for (const i of [0, 8, 4242, MIN_STATUS_LIST_BITS - 1]) setStatusBit(bits, i, true);
    const encoded = await encodeStatusList(bits);
    expect(encoded).to.match(/^uH4sI[A-Za-z0-9_-]+$/); // "H4sI" = the GZIP magic bytes 1f 8b 08
    expect(encoded.length).to.be.lessThan(300);
    const decoded = await decodeStatusList(encoded);
    expect(decoded).to.deep.equal(bits);
    expect(setBits(decoded)).to.deep.equal([0, 8, 4242, MIN_STATUS_LIST_BITS - 1]);
    // Lists from the StatusList2021 era have no multibase prefix.
    expect(await decodeStatusList(encoded.slice(1))).to.deep.equal(bits);
  });

  it('reads the DCC revocation list: index 8 is revoked, index 7 is not', async () => {
    const list = await readFixtureJson('dcc/statusLists/didkey-ed25519Signature2020/e5WK8CbZ1GjycuPombrj');
    const bits = await decodeStatusList(list.credentialSubject.encodedList);
    expect(bits.length).to.equal(12_500); // 100,000 entries
    expect(getStatusBit(bits, 8)).to.equal(true);
    expect(getStatusBit(bits, 7)).to.equal(false);
    expect(setBits(bits)).to.deep.equal([2, 6, 8]); // checked independently with Python's gzip
  });

  it('decodes every DCC status list, and their proofs verify except the tampered one', async () => {
    const files = (await listFixtures('dcc/statusLists')).map((f) => (f.startsWith('dcc/') ? f : `dcc/${f}`));
    expect(files.length).to.equal(5);
    for (const file of files) {
      const list = await readFixtureJson(file);
      if (file.endsWith('/tampered')) {
        // Its encodedList was edited by hand and is no longer valid base64url.
        expect(await rejectionCode(() => decodeStatusList(list.credentialSubject.encodedList))).to.equal('status-list-invalid');
      } else {
        expect(setBits(await decodeStatusList(list.credentialSubject.encodedList)), file).to.deep.equal([2, 6, 8]);
      }
      const check = await verifyDataIntegrityProof(list, list.proof, didKeyToJwk(list.proof.verificationMethod));
      expect(check.ok, file).to.equal(!file.endsWith('/tampered'));
    }
  });

  it('stops inflating a "zip bomb" at the limit (status-list-too-large)', async () => {
    const bomb = await encodeStatusList(new Uint8Array(20 * 1024 * 1024)); // 20 MiB of zeros → ~20 KB
    expect(bomb.length).to.be.lessThan(40_000);
    expect(await rejectionCode(() => decodeStatusList(bomb))).to.equal('status-list-too-large');
    const small = await encodeStatusList(new Uint8Array(100_000));
    expect(await rejectionCode(() => decodeStatusList(small, { maxBytes: 65_536 }))).to.equal('status-list-too-large');
    expect((await decodeStatusList(small, { maxBytes: 100_000 })).length).to.equal(100_000);
  });

  it('reports text that is not base64url or not GZIP as status-list-invalid', async () => {
    for (const bad of ['', 'u', 'u!!!!', 'uAAAAAAAA', 'u' + btoa('plain text, not gzip').replace(/=+$/, ''), 42 as never]) {
      expect(await rejectionCode(() => decodeStatusList(bad)), String(bad)).to.equal('status-list-invalid');
    }
  });
});

describe('status lists: the list credential', () => {
  it('builds a BitstringStatusListCredential that signs, verifies and decodes', async () => {
    const keys = await generateKeyPair();
    const bits = new Uint8Array(MIN_STATUS_LIST_BITS / 8);
    setStatusBit(bits, 8, true);
    const list = await createStatusListCredential({
      id: 'https://issuer.example/status/1', issuer: keys.did!, statusPurpose: 'revocation', bits, validFrom: '2025-01-01T00:00:00Z',
    });
    expect(list).to.deep.include({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'https://issuer.example/status/1',
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: keys.did,
      validFrom: '2025-01-01T00:00:00Z',
    });
    const signed = await signDataIntegrity(list, { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod! });
    expect(await verifyDataIntegrityProof(signed, signed.proof, keys.publicJwk)).to.deep.equal({ ok: true, cryptosuite: 'eddsa-rdfc-2022' });
    const subject = signed.credentialSubject as { type: string; statusPurpose: string; encodedList: string };
    expect(subject.type).to.equal('BitstringStatusList');
    expect(subject.statusPurpose).to.equal('revocation');
    expect(setBits(await decodeStatusList(subject.encodedList))).to.deep.equal([8]);
  });

  it('refuses a list without an id or with an unknown purpose', async () => {
    const bits = new Uint8Array(16);
    expect(await rejectionCode(() => createStatusListCredential({ id: '', issuer: 'did:example:x', statusPurpose: 'revocation', bits }))).to.equal('status-list-invalid');
    expect(await rejectionCode(() => createStatusListCredential({ id: 'https://x/1', issuer: 'did:example:x', statusPurpose: 'message' as never, bits }))).to.equal('status-list-invalid');
  });
});
