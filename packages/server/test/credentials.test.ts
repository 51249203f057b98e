// Issued credentials are real: proofs verify with the verify package's primitives against keys
// fetched from the server's own documents, status bits flip on revoke/suspend in a re-signed
// list, the JWT and baked images carry the same award, and no email is stored or logged.
import { describe, it, before, after, expect } from '@col/harness';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashIdentity, unbake } from '@citiesoflearning/core';
import { decodeStatusList, getStatusBit, multibaseToJwk, verifyDataIntegrityProof, verifyJws, generateKeyPair } from '@citiesoflearning/verify';
import { startTestServer, storedSigningKey, ADMIN, TEST_BACKEND, type TestServer } from './support/test-server.js';
import { seedBasics } from './support/seed.js';

async function proofVerifies(s: TestServer, doc: any): Promise<{ ok: boolean; code?: string }> {
  // The key must come from the issuer's own profile, which must list it under assertionMethod.
  const issuerId = typeof doc.issuer === 'string' ? doc.issuer : doc.issuer.id;
  const profile = (await s.call('GET', new URL(issuerId).pathname, { token: null })).json;
  const vm = profile.verificationMethod.find((m: any) => m.id === doc.proof.verificationMethod);
  expect(vm, 'the proof key is listed by the issuer').to.not.equal(undefined);
  expect(vm.controller).to.equal(issuerId);
  expect(profile.assertionMethod).to.include(doc.proof.verificationMethod);
  const check = await verifyDataIntegrityProof(doc, doc.proof, multibaseToJwk(vm.publicKeyMultibase));
  return check.ok ? { ok: true } : { ok: false, code: check.code };
}

async function statusBit(s: TestServer, credential: any, purpose: string): Promise<boolean> {
  const entry = credential.credentialStatus.find((e: any) => e.statusPurpose === purpose);
  const list = (await s.call('GET', new URL(entry.statusListCredential).pathname, { token: null })).json;
  expect((await proofVerifies(s, list)).ok, 'status list proof').to.equal(true);
  expect(list.credentialSubject.statusPurpose).to.equal(purpose);
  return getStatusBit(await decodeStatusList(list.credentialSubject.encodedList), Number(entry.statusListIndex));
}

describe('issued credentials', () => {
  let s: TestServer;
  let basics: Awaited<ReturnType<typeof seedBasics>>;
  let award: any;
  const email = 'Ada.Lovelace@Example.org';

  before(async () => {
    s = await startTestServer();
    basics = await seedBasics(s, { uses: 5 });
    const res = await s.call('POST', '/api/v1/claims', { body: { achievement: basics.achievementKey, code: basics.codes[0], recipient: { email } }, token: null });
    expect(res.status, res.text).to.equal(201);
    award = res.json;
  });
  after(async () => s?.stop());

  it('carries an eddsa-rdfc-2022 proof that verifies with the key the issuer profile lists, and fails when tampered', async () => {
    const c = award.credential;
    expect(c.type).to.deep.equal(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(c.proof).to.include({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' });
    expect(await proofVerifies(s, c)).to.deep.equal({ ok: true });
    const tampered = structuredClone(c);
    tampered.credentialSubject.achievement.name = 'Something grander';
    expect((await proofVerifies(s, tampered)).ok).to.equal(false);
    // The copy served at the credential's id is the same signed document.
    const served = (await s.call('GET', new URL(c.id).pathname, { token: null })).json;
    expect(served).to.deep.equal(c);
  });

  it('names the learner only by a salted hash of the normalized email', async () => {
    const [identifier] = award.credential.credentialSubject.identifier;
    expect(identifier).to.include({ type: 'IdentityObject', hashed: true, identityType: 'emailAddress' });
    expect(identifier.salt).to.match(/^[0-9a-f]{32}$/);
    expect(identifier.identityHash).to.equal(await hashIdentity('ada.lovelace@example.org', { salt: identifier.salt }));
    expect(JSON.stringify(award)).to.not.match(/lovelace/i);
  });

  it("issues the same award as a VC-JWT whose key is the issuer's own, listed in its profile and not in the server-wide JWKS", async () => {
    const header = JSON.parse(Buffer.from(award.jwt.split('.')[0], 'base64url').toString());
    expect(header.alg).to.equal('EdDSA');
    expect(header.kid).to.equal(award.credential.proof.verificationMethod);
    const profile = (await s.call('GET', new URL(award.credential.issuer.id).pathname, { token: null })).json;
    expect(profile.assertionMethod).to.include(header.kid);
    const method = profile.verificationMethod.find((m: any) => m.id === header.kid);
    // The origin's JWKS vouches for keys on behalf of every issuer here: an issuer's own key must
    // not be in it, or one provider's key would pass for another's.
    const jwks = (await s.call('GET', '/.well-known/jwks.json', { token: null })).json;
    const key = multibaseToJwk(method.publicKeyMultibase);
    expect(jwks.keys.map((k: any) => k.x)).to.not.include(key.x);
    const { payload } = await verifyJws(award.jwt, key);
    expect(payload.jti).to.equal(award.id);
    expect(payload.iss).to.equal(award.credential.issuer.id);
    const { proof, ...unsigned } = award.credential;
    expect(payload.credentialSubject).to.deep.equal(unsigned.credentialSubject);
    const served = await s.call('GET', new URL(award.links.jwt).pathname, { token: null });
    expect(served.text).to.equal(award.jwt);
    const negotiated = await fetch(award.id, { headers: { accept: 'application/vc+jwt' } });
    expect(await negotiated.text()).to.equal(award.jwt);
  });

  it('serves the did:web document with the same key', async () => {
    const did = (await s.call('GET', '/.well-known/did.json', { token: null })).json;
    const port = new URL(s.url).port;
    expect(did.id).to.equal(`did:web:127.0.0.1%3A${port}`);
    const profile = (await s.call('GET', new URL(award.credential.issuer.id).pathname, { token: null })).json;
    expect(did.verificationMethod[0].publicKeyMultibase).to.equal(profile.verificationMethod[0].publicKeyMultibase);
  });

  it('bakes the signed credential into PNG and SVG downloads', async () => {
    for (const kind of ['png', 'svg'] as const) {
      const res = await fetch(award.links[kind]);
      expect(res.headers.get('content-type')).to.equal(kind === 'png' ? 'image/png' : 'image/svg+xml');
      const baked = unbake(new Uint8Array(await res.arrayBuffer()));
      expect(baked?.version).to.equal(3);
      expect(JSON.parse(baked!.text)).to.deep.equal(award.credential);
    }
  });

  it('revocation and suspension flip bits in re-signed status lists, with reasons', async () => {
    expect(await statusBit(s, award.credential, 'revocation')).to.equal(false);
    expect(await statusBit(s, award.credential, 'suspension')).to.equal(false);
    const key = award.id.split('/').pop();
    const suspended = await s.call('POST', `/api/v1/credentials/${key}/suspend`, { body: { reason: 'Checking attendance records' } });
    expect(suspended.json).to.include({ suspended: true, suspensionReason: 'Checking attendance records', revoked: false });
    expect(await statusBit(s, award.credential, 'suspension')).to.equal(true);
    await s.call('POST', `/api/v1/credentials/${key}/unsuspend`, { body: {} });
    expect(await statusBit(s, award.credential, 'suspension')).to.equal(false);
    const revoked = await s.call('POST', `/api/v1/credentials/${key}/revoke`, { body: { reason: 'Issued to the wrong learner' } });
    expect(revoked.status).to.equal(200);
    expect(revoked.json).to.include({ revoked: true, revocationReason: 'Issued to the wrong learner' });
    expect(await statusBit(s, award.credential, 'revocation')).to.equal(true);
    const ob2 = await s.call('GET', `/api/v1/credentials/${key}/ob2`, { token: null });
    expect(ob2.status).to.equal(410);
    expect(ob2.json).to.include({ revoked: true, revocationReason: 'Issued to the wrong learner' });
    // Another credential of the same issuer is untouched.
    const other = await s.call('POST', '/api/v1/claims', { body: { achievement: basics.achievementKey, code: basics.codes[0], recipient: { email: 'b@example.org' } }, token: null });
    expect(await statusBit(s, other.json.credential, 'revocation')).to.equal(false);
  });

  it('stores and logs no email address, and keeps the signing key private (0600)', async () => {
    const db = await s.openDatabase();
    const dump = JSON.stringify(await db.all('SELECT * FROM credentials')) + JSON.stringify(await db.all('SELECT * FROM idempotency'));
    await db.close();
    expect(dump.toLowerCase()).to.not.contain('lovelace');
    expect(s.logs.join('\n').toLowerCase()).to.not.contain('lovelace');
    expect(s.logs.join('\n')).to.not.contain(ADMIN);
    const keyFile = join(s.dataDir, 'signing-key.jwk.json');
    if (TEST_BACKEND === 'sqlite') {
      expect(statSync(keyFile).mode & 0o777).to.equal(0o600);
    } else {
      // On PostgreSQL the key is shared through the database: no copy of it lies in a folder.
      expect(existsSync(keyFile), 'no key file beside a PostgreSQL server').to.equal(false);
    }
    expect(await storedSigningKey(s.dataDir)).to.have.property('d');
    expect(JSON.stringify((await s.call('GET', '/.well-known/jwks.json')).json)).to.not.contain('"d"');
  });
});

describe('configuration', () => {
  it('signs with COL_SIGNING_KEY when given, and stores emails only when the operator opts in', async () => {
    const keys = await generateKeyPair('Ed25519');
    const s = await startTestServer({ env: { COL_SIGNING_KEY: JSON.stringify(keys.privateJwk) }, storeEmails: true });
    try {
      const did = (await s.call('GET', '/.well-known/did.json')).json;
      expect(did.verificationMethod[0].publicKeyMultibase).to.equal(keys.publicKeyMultibase);
      const b = await seedBasics(s);
      await s.call('POST', '/api/v1/claims', { body: { achievement: b.achievementKey, code: b.codes[0], recipient: { email: 'kept@example.org' } }, token: null });
      const db = await s.openDatabase();
      expect(await db.get('SELECT recipient_email FROM credentials')).to.deep.equal({ recipient_email: 'kept@example.org' });
      await db.close();
    } finally {
      await s.stop();
    }
  });

  it('makes a data directory that does not exist yet, private, for the key it generates (on PostgreSQL it needs none: the key is in the database)', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'col-new-data-'));
    try {
      const dataDir = join(parent, 'not', 'yet');
      const s = await startTestServer({ dataDir });
      try {
        expect((await s.call('GET', '/.well-known/did.json')).status).to.equal(200);
        if (TEST_BACKEND === 'sqlite') {
          expect(statSync(dataDir).mode & 0o777).to.equal(0o700);
          expect(statSync(join(dataDir, 'signing-key.jwk.json')).mode & 0o777).to.equal(0o600);
        } else {
          expect(existsSync(join(dataDir, 'signing-key.jwk.json')), 'nothing secret written to a folder').to.equal(false);
          expect(await storedSigningKey(dataDir)).to.have.property('d');
        }
      } finally {
        await s.stop();
      }
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('keeps the same signing key across restarts of the same data directory', async () => {
    const first = await startTestServer();
    const did1 = (await first.call('GET', '/.well-known/did.json')).json;
    await first.close();
    const second = await startTestServer({ dataDir: first.dataDir });
    try {
      const did2 = (await second.call('GET', '/.well-known/did.json')).json;
      expect(did2.verificationMethod[0].publicKeyMultibase).to.equal(did1.verificationMethod[0].publicKeyMultibase);
    } finally {
      await second.stop();
    }
  });
});
