// `@citiesoflearning/verify/jwt`: the JOSE functions on their own entry (signing and checking
// compact JWS without the verification flow), the same functions as the main entry's.
// Node (with node:crypto, like the main Node entry) and Chromium (WebCrypto).
import { describe, it, expect, rejectionCode } from '@col/harness';
import * as verifyMain from '@citiesoflearning/verify';
import { decodeJws, signCredentialJwt, verifyJws } from '@citiesoflearning/verify/jwt';

describe('verify: the /jwt entry', () => {
  it('signs a VC-JWT and checks it with the issuer key; another key fails', async () => {
    const issuer = await verifyMain.generateKeyPair();
    const other = await verifyMain.generateKeyPair();
    const credential = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: issuer.did, credentialSubject: { id: 'did:example:ada' } };
    const jwt = await signCredentialJwt(credential, { privateJwk: issuer.privateJwk, kid: issuer.verificationMethod });
    expect(decodeJws(jwt).header).to.include({ alg: 'EdDSA', kid: issuer.verificationMethod });
    expect((await verifyJws(jwt, issuer.publicJwk)).payload).to.include({ iss: issuer.did });
    expect(await rejectionCode(verifyJws(jwt, other.publicJwk))).to.equal('signature-invalid');
  });

  it('is the main entry\'s JOSE API, not a copy', () => {
    expect(verifyJws).to.equal(verifyMain.verifyJws);
    expect(decodeJws).to.equal(verifyMain.decodeJws);
  });
});
