import { describe, it, expect, before, rejectionCode } from '@col/harness';
import {
  checkJwtClaims,
  credentialFromJwtPayload,
  decodeJws,
  generateKeyPair,
  signCredentialJwt,
  signOb2Assertion,
  verifyJws,
  type KeyPair,
} from '@citiesoflearning/verify';
import { fromBase64Url, toBase64Url, utf8 } from '../src/internal/bytes.js';

const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:2a5c7c32-8a0b-4d5e-9f4e-1c2b3a4d5e6f',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'https://issuer.example/profile', type: ['Profile'], name: 'Example Issuer' },
  validFrom: '2025-01-01T00:00:00Z',
  validUntil: '2030-01-01T00:00:00Z',
  name: 'Bike repair',
  credentialSubject: {
    id: 'did:example:learner',
    type: ['AchievementSubject'],
    achievement: { id: 'https://issuer.example/a/1', type: ['Achievement'], name: 'Bike repair', description: 'Fixes bikes', criteria: { narrative: 'Fixed one' } },
  },
};


const part = (value: unknown) => toBase64Url(utf8(JSON.stringify(value)));

async function rsaKeyPair(): Promise<{ privateJwk: JsonWebKey; publicJwk: JsonWebKey }> {
  const pair = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const strip = ({ key_ops: _o, ext: _e, alg: _a, ...rest }: JsonWebKey) => rest;
  return { privateJwk: strip(await crypto.subtle.exportKey('jwk', pair.privateKey)), publicJwk: strip(await crypto.subtle.exportKey('jwk', pair.publicKey)) };
}

let ed: KeyPair;
let p256: KeyPair;
let rsa: { privateJwk: JsonWebKey; publicJwk: JsonWebKey };

describe('jwt: VC-JWT signing and verification', () => {
  before(async () => {
    [ed, p256, rsa] = await Promise.all([generateKeyPair(), generateKeyPair('P-256'), rsaKeyPair()]);
  });

  it('signs with EdDSA: payload = credential + iss, jti, nbf, sub, exp; header alg, typ, kid', async () => {
    const jwt = await signCredentialJwt(credential, { privateJwk: ed.privateJwk, kid: ed.verificationMethod });
    const { header, payload } = await verifyJws(jwt, ed.publicJwk);
    expect(header).to.deep.equal({ alg: 'EdDSA', typ: 'JWT', kid: ed.verificationMethod });
    expect(payload).to.deep.include({
      iss: 'https://issuer.example/profile',
      jti: credential.id,
      nbf: Date.parse('2025-01-01T00:00:00Z') / 1000,
      sub: 'did:example:learner',
      exp: Date.parse('2030-01-01T00:00:00Z') / 1000,
      name: 'Bike repair',
    });
    expect(credentialFromJwtPayload(payload)).to.deep.equal(credential);
    expect(checkJwtClaims(credentialFromJwtPayload(payload), payload)).to.deep.equal([]);
  });

  it('puts only the PUBLIC key in the header when asked (and by default without kid)', async () => {
    const jwt = await signCredentialJwt(credential, { privateJwk: p256.privateJwk });
    const { header } = decodeJws(jwt);
    expect(header.alg).to.equal('ES256');
    expect(header.jwk).to.deep.equal(p256.publicJwk);
    expect(header.jwk).to.not.have.property('d');
    await verifyJws(jwt, p256.publicJwk);
  });

  it('round-trips RS256', async () => {
    const jwt = await signCredentialJwt(credential, { privateJwk: rsa.privateJwk, kid: 'https://issuer.example/keys/1' });
    expect(decodeJws(jwt).header.alg).to.equal('RS256');
    expect((await verifyJws(jwt, rsa.publicJwk)).payload.jti).to.equal(credential.id);
  });

  it('interoperates with jose: jose verifies our VC-JWT, we verify one made with jose SignJWT', async () => {
    const { SignJWT, importJWK, jwtVerify } = await import('jose');
    const ours = await signCredentialJwt(credential, { privateJwk: ed.privateJwk, kid: ed.verificationMethod });
    const { payload } = await jwtVerify(ours, await importJWK(ed.publicJwk as never, 'EdDSA'), { algorithms: ['EdDSA'], currentDate: new Date('2026-01-01T00:00:00Z') });
    expect(payload.iss).to.equal('https://issuer.example/profile');
    const theirs = await new SignJWT({ ...credential })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .setIssuer(credential.issuer.id)
      .setJti(credential.id)
      .setSubject(credential.credentialSubject.id)
      .setNotBefore(Date.parse(credential.validFrom) / 1000)
      .sign(await importJWK(p256.privateJwk as never, 'ES256'));
    const verified = await verifyJws(theirs, p256.publicJwk);
    expect(checkJwtClaims(credentialFromJwtPayload(verified.payload), verified.payload)).to.deep.equal([]);
  });

  it('refuses an algorithm that does not fit the key when signing', async () => {
    expect(await rejectionCode(signCredentialJwt(credential, { privateJwk: ed.privateJwk, alg: 'ES256' }))).to.equal('key-unsupported');
    expect(await rejectionCode(signCredentialJwt(credential, { privateJwk: ed.publicJwk }))).to.equal('key-unsupported');
  });

  it('a changed payload fails (signature-invalid)', async () => {
    const jwt = await signCredentialJwt(credential, { privateJwk: ed.privateJwk });
    const [h, , s] = jwt.split('.');
    const forged = `${h}.${part({ ...decodeJws(jwt).payload, name: 'Brain surgery' })}.${s}`;
    expect(await rejectionCode(verifyJws(forged, ed.publicJwk))).to.equal('signature-invalid');
  });

  it('another key of the same type fails (signature-invalid)', async () => {
    const other = await generateKeyPair();
    const jwt = await signCredentialJwt(credential, { privateJwk: ed.privateJwk });
    expect(await rejectionCode(verifyJws(jwt, other.publicJwk))).to.equal('signature-invalid');
  });
});

describe('jwt: attacks and bad input', () => {
  before(async () => {
    ed ??= await generateKeyPair();
    p256 ??= await generateKeyPair('P-256');
  });

  it('refuses alg "none" (an unsigned token)', async () => {
    const unsigned = `${part({ alg: 'none', typ: 'JWT' })}.${part(credential)}.`;
    expect(await rejectionCode(verifyJws(unsigned, ed.publicJwk))).to.equal('alg-forbidden');
  });

  it('refuses HS256 signed with the public key as the HMAC secret (key confusion)', async () => {
    for (const secret of [utf8(JSON.stringify(ed.publicJwk)), fromBase64Url(ed.publicJwk.x!)]) {
      const key = await crypto.subtle.importKey('raw', secret as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(credential)}`;
      const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8(input) as Uint8Array<ArrayBuffer>));
      expect(await rejectionCode(verifyJws(`${input}.${toBase64Url(mac)}`, ed.publicJwk))).to.equal('alg-forbidden');
    }
  });

  it('refuses an algorithm from another key family than the verification key', async () => {
    const jwt = await signCredentialJwt(credential, { privateJwk: p256.privateJwk });
    expect(await rejectionCode(verifyJws(jwt, ed.publicJwk))).to.equal('alg-forbidden');
  });

  it('honours a narrower allow-list, and cannot be widened to HS256', async () => {
    const jwt = await signCredentialJwt(credential, { privateJwk: ed.privateJwk });
    expect(await rejectionCode(verifyJws(jwt, ed.publicJwk, { algorithms: ['RS256'] }))).to.equal('alg-forbidden');
    const input = `${part({ alg: 'HS256' })}.${part(credential)}`;
    expect(await rejectionCode(verifyJws(`${input}.AAAA`, ed.publicJwk, { algorithms: ['HS256', 'EdDSA'] }))).to.equal('alg-forbidden');
  });

  it('refuses a jwk header that carries private key members', async () => {
    const jwt = await signCredentialJwt(credential, { privateJwk: ed.privateJwk, includeJwk: false });
    const [, payload] = jwt.split('.');
    // Re-sign with a header leaking the private key: the signature is valid, the token is still refused.
    const { CompactSign, importJWK } = await import('jose');
    const leaked = await new CompactSign(fromBase64Url(payload!) as Uint8Array<ArrayBuffer>)
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', jwk: ed.privateJwk as never })
      .sign(await importJWK(ed.privateJwk as never, 'EdDSA'));
    expect(await rejectionCode(verifyJws(leaked, ed.publicJwk))).to.equal('jws-malformed');
  });

  it('refuses an oversized token before parsing it', async () => {
    const huge = `${part({ alg: 'EdDSA' })}.${'A'.repeat(3 * 1024 * 1024)}.AAAA`;
    expect(await rejectionCode(verifyJws(huge, ed.publicJwk))).to.equal('jws-too-large');
    const jwt = await signCredentialJwt(credential, { privateJwk: ed.privateJwk });
    expect(await rejectionCode(verifyJws(jwt, ed.publicJwk, { maxLength: 100 }))).to.equal('jws-too-large');
  });

  it('reports malformed tokens plainly', async () => {
    for (const bad of ['', 'abc', 'a.b', 'a.b.c.d', '!!!.???.***', `${part('text')}.${part(credential)}.AAAA`]) {
      expect(await rejectionCode(verifyJws(bad, ed.publicJwk)), bad).to.equal('jws-malformed');
    }
    expect(await rejectionCode(verifyJws(42 as never, ed.publicJwk))).to.equal('jws-malformed');
  });

  it('a correctly signed token whose content is not JSON is jws-malformed (checked after the signature)', async () => {
    const { CompactSign, importJWK } = await import('jose');
    const signed = await new CompactSign(utf8('not json') as Uint8Array<ArrayBuffer>)
      .setProtectedHeader({ alg: 'EdDSA' })
      .sign(await importJWK(ed.privateJwk as never, 'EdDSA'));
    expect(await rejectionCode(verifyJws(signed, ed.publicJwk))).to.equal('jws-malformed');
    expect(await rejectionCode(verifyJws(`${part({ alg: 'EdDSA' })}.${toBase64Url(utf8('not json'))}.AAAA`, ed.publicJwk))).to.equal('signature-invalid');
  });

  it('reports a garbled signature part as signature-invalid or malformed, never a crash', async () => {
    const jwt = await signCredentialJwt(credential, { privateJwk: ed.privateJwk });
    const [h, p] = jwt.split('.');
    expect(['signature-invalid', 'jws-malformed']).to.include(await rejectionCode(verifyJws(`${h}.${p}.AAAA`, ed.publicJwk)));
    expect(['signature-invalid', 'jws-malformed']).to.include(await rejectionCode(verifyJws(`${h}.${p}.%%%`, ed.publicJwk)));
  });
});

describe('jwt: claims', () => {
  it('lists each claim that contradicts the credential', () => {
    const payload = { ...credential, iss: 'https://evil.example', jti: 'urn:other', nbf: 1, sub: 'did:example:someone-else', exp: 99 };
    const problems = checkJwtClaims(credential, payload);
    expect(problems.map((p) => p.claim).sort()).to.deep.equal(['exp', 'iss', 'jti', 'nbf', 'sub']);
    expect(problems[0]!.message).to.be.a('string').and.not.match(/undefined/);
  });

  it('accepts absent claims and string issuers', () => {
    expect(checkJwtClaims({ ...credential, issuer: 'https://issuer.example/profile' }, { iss: 'https://issuer.example/profile' })).to.deep.equal([]);
    expect(checkJwtClaims(credential, {})).to.deep.equal([]);
  });

  it('restores a VC 1.1-era vc claim from the JWT claims', () => {
    const payload = {
      iss: 'did:example:issuer', jti: 'urn:uuid:1', nbf: 1_700_000_000, exp: 1_800_000_000, sub: 'did:example:learner',
      vc: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiableCredential'], credentialSubject: { name: 'x' } },
    };
    const restored = credentialFromJwtPayload(payload);
    expect(restored).to.deep.include({ issuer: 'did:example:issuer', id: 'urn:uuid:1', issuanceDate: '2023-11-14T22:13:20Z', expirationDate: '2027-01-15T08:00:00Z' });
    expect(restored.credentialSubject).to.deep.equal({ name: 'x', id: 'did:example:learner' });
    expect(checkJwtClaims(restored, payload)).to.deep.equal([]);
  });
});

describe('jwt: OB 2.0 signed assertions', () => {
  const assertion = {
    '@context': 'https://w3id.org/openbadges/v2',
    type: 'Assertion',
    id: 'urn:uuid:3f2c',
    recipient: { type: 'email', hashed: false, identity: 'learner@example.org' },
    badge: 'https://issuer.example/badges/1',
    verification: { type: 'SignedBadge', creator: 'https://issuer.example/keys/1' },
    issuedOn: '2025-01-01T00:00:00Z',
  };

  it('signs RS256 with a header of only alg, and verifies', async () => {
    rsa ??= await rsaKeyPair();
    const jws = await signOb2Assertion(assertion, { privateJwk: rsa.privateJwk });
    const { header, payload } = await verifyJws(jws, rsa.publicJwk);
    expect(header).to.deep.equal({ alg: 'RS256' });
    expect(payload).to.deep.equal(assertion);
  });

  it('signs ES256 too, and refuses Ed25519 (not an OB 2.0 algorithm here)', async () => {
    p256 ??= await generateKeyPair('P-256');
    ed ??= await generateKeyPair();
    const jws = await signOb2Assertion(assertion, { privateJwk: p256.privateJwk, alg: 'ES256' });
    expect((await verifyJws(jws, p256.publicJwk)).header.alg).to.equal('ES256');
    expect(await rejectionCode(signOb2Assertion(assertion, { privateJwk: ed.privateJwk }))).to.equal('key-unsupported');
  });
});

describe('VC-JWT signing through the runtime signature backend', () => {
  it('makes exactly the bytes jose makes (Ed25519 is deterministic), so either path verifies the same', async () => {
    const { installSignatureBackend, signatureBackend } = await import('../src/internal/signature-backend.js');
    const { generateKeyPair, signCredentialJwt, verifyJws } = await import('@citiesoflearning/verify');
    const keys = await generateKeyPair();
    const credential = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: keys.did, name: 'Ünïcödé ✓', credentialSubject: { id: 'did:example:1' } };
    const backend = signatureBackend();
    // Node's entry installs node:crypto; browsers have none and both signatures come from jose.
    const { isBrowser } = await import('@col/harness');
    expect(backend === undefined).to.equal(isBrowser);
    const fast = await signCredentialJwt(credential, { privateJwk: keys.privateJwk, kid: keys.verificationMethod });
    installSignatureBackend(undefined);
    let plain: string;
    try {
      plain = await signCredentialJwt(credential, { privateJwk: keys.privateJwk, kid: keys.verificationMethod });
    } finally {
      installSignatureBackend(backend);
    }
    expect(fast).to.equal(plain);
    expect((await verifyJws(fast, keys.publicJwk)).payload.name).to.equal('Ünïcödé ✓');
  });
});

describe('JWS extensions', () => {
  it('a validly signed JWS that names a critical extension is refused (jws-malformed), never checked as if plain', async () => {
    const { CompactSign, importJWK } = await import('jose');
    const { generateKeyPair, verifyJws } = await import('@citiesoflearning/verify');
    const keys = await generateKeyPair();
    const key = await importJWK(keys.privateJwk as Parameters<typeof importJWK>[0], 'EdDSA');
    const payload = new TextEncoder().encode(JSON.stringify({ iss: keys.did }));
    // jose will not make such a token, so sign the parts directly.
    const part = (bytes: Uint8Array) => toBase64Url(bytes);
    const input = `${part(utf8(JSON.stringify({ alg: 'EdDSA', crit: ['exp-ext'], 'exp-ext': 1 })))}.${part(payload)}`;
    const signature = new Uint8Array(await crypto.subtle.sign('Ed25519', key as CryptoKey, new Uint8Array(utf8(input))));
    const withCrit = `${input}.${part(signature)}`;
    expect(await rejectionCode(verifyJws(withCrit, keys.publicJwk))).to.equal('jws-malformed');
    const plain = await new CompactSign(payload).setProtectedHeader({ alg: 'EdDSA' }).sign(key);
    expect((await verifyJws(plain, keys.publicJwk)).payload.iss).to.equal(keys.did);
  });
});
