import { describe, it, expect, errorCode } from '@col/harness';
import {
  didKeyToJwk,
  ed25519SeedToJwk,
  generateKeyPair,
  hasPrivateMembers,
  jwkToDidKey,
  jwkToMultibase,
  multibaseToJwk,
  privateMultibaseToJwk,
  publicJwk,
  publicJwkToPem,
  signOb2Assertion,
  verifyJws,
} from '@citiesoflearning/verify';
import { exportJWK, importSPKI } from 'jose';
import { isColError } from '@citiesoflearning/core';
import { base58 } from '@scure/base';

const VECTOR_MULTIBASE = 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';
const VECTOR_PRIVATE = 'z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq';


describe('keys: generateKeyPair', () => {
  it('makes an Ed25519 pair with its Multikey and did:key forms by default', async () => {
    const keys = await generateKeyPair();
    expect(keys.type).to.equal('Ed25519');
    expect(keys.publicJwk).to.deep.equal({ kty: 'OKP', crv: 'Ed25519', x: keys.privateJwk.x });
    expect(keys.privateJwk.d).to.be.a('string');
    expect(keys.publicKeyMultibase).to.match(/^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/);
    expect(keys.did).to.equal(`did:key:${keys.publicKeyMultibase}`);
    expect(keys.verificationMethod).to.equal(`${keys.did}#${keys.publicKeyMultibase}`);
    expect(didKeyToJwk(keys.verificationMethod!)).to.deep.equal(keys.publicJwk);
  });

  it('makes a P-256 pair (no did:key)', async () => {
    const keys = await generateKeyPair('P-256');
    expect(keys.publicJwk).to.include({ kty: 'EC', crv: 'P-256' });
    expect(keys.publicJwk).to.not.have.property('d');
    expect(keys.privateJwk.d).to.be.a('string');
    expect(keys.did).to.equal(undefined);
  });

  it('makes an RSA 2048 pair for RS256 (OB 2.0 signed badges)', async () => {
    const keys = await generateKeyPair('RSA');
    expect(keys.publicJwk).to.include({ kty: 'RSA', e: 'AQAB' });
    expect(keys.publicJwk).to.have.keys('kty', 'n', 'e');
    expect(keys.publicJwk.n!.length).to.equal(342); // 2048 bits in base64url
    const jws = await signOb2Assertion({ type: 'Assertion', id: 'urn:uuid:1' }, { privateJwk: keys.privateJwk });
    expect((await verifyJws(jws, keys.publicJwk)).header).to.deep.equal({ alg: 'RS256' });
  });

  it('makes a different key each time', async () => {
    const [a, b] = await Promise.all([generateKeyPair(), generateKeyPair()]);
    expect(a.publicJwk.x).to.not.equal(b.publicJwk.x);
  });

  it('refuses an unknown key type', async () => {
    const error = await generateKeyPair('secp256k1' as never).then(() => null, (e) => e);
    expect(isColError(error, 'key-unsupported')).to.equal(true);
  });
});

describe('keys: Multikey and did:key', () => {
  it('round-trips a Multikey through a JWK', () => {
    const jwk = multibaseToJwk(VECTOR_MULTIBASE);
    expect(jwk.kty).to.equal('OKP');
    expect(jwk.crv).to.equal('Ed25519');
    expect(jwkToMultibase(jwk)).to.equal(VECTOR_MULTIBASE);
    expect(jwkToDidKey(jwk).verificationMethod).to.equal(`did:key:${VECTOR_MULTIBASE}#${VECTOR_MULTIBASE}`);
  });

  it('derives the vector public key from the vector private key', async () => {
    const privateJwk = await privateMultibaseToJwk(VECTOR_PRIVATE);
    expect(jwkToMultibase(privateJwk)).to.equal(VECTOR_MULTIBASE);
    expect(await ed25519SeedToJwk(new Uint8Array(32).fill(1))).to.have.keys('kty', 'crv', 'x', 'd');
  });

  it('accepts a bare did:key and a did:key verification method', () => {
    expect(didKeyToJwk(`did:key:${VECTOR_MULTIBASE}`)).to.deep.equal(multibaseToJwk(VECTOR_MULTIBASE));
    expect(didKeyToJwk(`did:key:${VECTOR_MULTIBASE}#${VECTOR_MULTIBASE}`)).to.deep.equal(multibaseToJwk(VECTOR_MULTIBASE));
  });

  it('refuses a did:key whose fragment names another key, and other DID methods', () => {
    expect(errorCode(() => didKeyToJwk(`did:key:${VECTOR_MULTIBASE}#z6MktgKTsu1QhX6QPbyqG6geXdw6FQCZBPq7uQpieWbiQiG7`))).to.equal('did-key-invalid');
    expect(errorCode(() => didKeyToJwk('did:web:example.com'))).to.equal('did-key-invalid');
  });

  it('refuses invalid base58 (0, O, I, l are not in the alphabet)', () => {
    expect(errorCode(() => multibaseToJwk('z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbT0O'))).to.equal('key-multibase-invalid');
  });

  it('refuses another multibase prefix (base64url "u…", base32 "b…")', () => {
    expect(errorCode(() => multibaseToJwk('u7QGKIHa9tO6fGJy1Dz2PQQy0MU6jzWAVABu5SmcA3uU4'))).to.equal('key-multibase-invalid');
    expect(errorCode(() => multibaseToJwk('b6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2'))).to.equal('key-multibase-invalid');
  });

  it('refuses another key type (X25519 z6LS…, secp256k1 zQ3s…)', () => {
    expect(errorCode(() => multibaseToJwk('z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc'))).to.equal('key-multibase-invalid');
    expect(errorCode(() => multibaseToJwk('zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme'))).to.equal('key-multibase-invalid');
  });

  it('refuses a well-formed base58 value whose multicodec prefix is not Ed25519 (0xec01 = X25519)', () => {
    const x25519 = 'z' + base58.encode(new Uint8Array([0xec, 0x01, ...new Uint8Array(32).fill(9)]));
    const ed25519 = 'z' + base58.encode(new Uint8Array([0xed, 0x01, ...new Uint8Array(32).fill(9)]));
    expect(errorCode(() => multibaseToJwk(x25519))).to.equal('key-multibase-invalid');
    expect(multibaseToJwk(ed25519).crv).to.equal('Ed25519');
  });

  it('refuses a wrong length, an empty value and absurdly long input', () => {
    expect(errorCode(() => multibaseToJwk(VECTOR_MULTIBASE.slice(0, -3)))).to.equal('key-multibase-invalid');
    expect(errorCode(() => multibaseToJwk('z'))).to.equal('key-multibase-invalid');
    expect(errorCode(() => multibaseToJwk('z' + '6'.repeat(10_000)))).to.equal('key-multibase-invalid');
    expect(errorCode(() => multibaseToJwk(42 as never))).to.equal('key-multibase-invalid');
  });

  it('refuses a non-Ed25519 JWK for the Multikey form', async () => {
    const { publicJwk: p256 } = await generateKeyPair('P-256');
    expect(errorCode(() => jwkToMultibase(p256))).to.equal('key-unsupported');
  });
});

describe('keys: PEM', () => {
  for (const [type, alg] of [['RSA', 'RS256'], ['P-256', 'ES256'], ['Ed25519', 'EdDSA']] as const) {
    it(`${type}: the PEM names the same public key (read back with jose importSPKI)`, async () => {
      const keys = await generateKeyPair(type);
      const pem = await publicJwkToPem(keys.privateJwk);
      expect(pem).to.match(/^-----BEGIN PUBLIC KEY-----\n([A-Za-z0-9+/=]{1,64}\n)+-----END PUBLIC KEY-----\n$/);
      const back = await exportJWK(await importSPKI(pem, alg, { extractable: true }));
      expect({ ...back, alg: undefined }).to.deep.include(publicJwk(keys.publicJwk));
      expect(back).to.not.have.property('d');
    });
  }

  it('refuses a key it cannot read', async () => {
    const error = await publicJwkToPem({ kty: 'OKP', crv: 'Ed25519', x: 'not-a-key' }).catch((e) => e);
    expect(isColError(error, 'key-unsupported')).to.equal(true);
  });
});

describe('keys: publicJwk', () => {
  it('strips private members and WebCrypto export metadata', async () => {
    const { privateJwk } = await generateKeyPair('P-256');
    const pub = publicJwk({ ...privateJwk, key_ops: ['sign'], ext: true, kid: 'k1' } as JsonWebKey);
    expect(pub).to.deep.equal({ kty: 'EC', crv: 'P-256', x: privateJwk.x, y: privateJwk.y, kid: 'k1' });
    expect(hasPrivateMembers(pub)).to.equal(false);
    expect(hasPrivateMembers(privateJwk)).to.equal(true);
  });

  it('strips RSA private members', () => {
    const rsa = { kty: 'RSA', n: 'AQAB', e: 'AQAB', d: 'x', p: 'x', q: 'x', dp: 'x', dq: 'x', qi: 'x' };
    expect(publicJwk(rsa)).to.deep.equal({ kty: 'RSA', n: 'AQAB', e: 'AQAB' });
  });

  it('refuses a shared-secret key and a non-key', () => {
    expect(errorCode(() => publicJwk({ kty: 'oct', k: 'c2VjcmV0' }))).to.equal('key-unsupported');
    expect(errorCode(() => publicJwk({} as JsonWebKey))).to.equal('key-unsupported');
  });
});
