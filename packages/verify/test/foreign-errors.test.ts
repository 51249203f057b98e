// An error that is not a ColError is a bug — in the verifier, or in a `fetch` the caller passed
// — never a fact about the badge. verify() must let it surface as itself, not turn it into a
// verdict ("signature-invalid", "key-invalid", "input-unrecognized" or an inconclusive report)
// that would send the user looking for a fault in a genuine badge. Node and Chromium.
import { describe, it, before, expect } from '@col/harness';
import { isColError } from '@citiesoflearning/core';
import { generateKeyPair, signCredentialJwt, signDataIntegrity, verify, type KeyPair } from '@citiesoflearning/verify';

const DID_WEB = 'did:web:college.example:issuers:main';
const HTTPS_ISSUER = 'https://college.example/issuers/main';

/** A user's fetch wrapper with the classic bug: it forgets to return the response. */
const brokenFetch: typeof fetch = async () => undefined as unknown as Response;

function credential(issuer: string): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'urn:uuid:7d0b6a4e-2f1c-4e8a-9b3d-5c6e7f809a1b',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: ['Profile'], name: 'Example College' },
    validFrom: '2026-01-01T00:00:00Z',
    name: 'Teamwork',
    credentialSubject: {
      id: 'did:example:learner',
      type: ['AchievementSubject'],
      achievement: { id: 'https://college.example/a/1', type: ['Achievement'], name: 'Teamwork', criteria: { narrative: 'Worked in a team.' } },
    },
  };
}

/** The error `promise` rejects with; fails the test when it resolves (to a report). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  let report: unknown;
  try {
    report = await promise;
  } catch (error) {
    return error;
  }
  expect.fail(`expected the bug to surface, got a report: ${JSON.stringify(report)}`);
}

function expectForeign(error: unknown, message: RegExp): void {
  expect(isColError(error), String(error)).to.equal(false);
  expect(error).to.be.instanceOf(TypeError);
  expect((error as Error).message).to.match(message);
}

describe('verify() lets foreign errors surface', () => {
  let issuer: KeyPair;
  before(async () => {
    issuer = await generateKeyPair();
  });

  it('a broken fetch during did:web key lookup for a VC-JWT surfaces as a TypeError, not an inconclusive or failed report', async () => {
    const jwt = await signCredentialJwt(credential(DID_WEB), { privateJwk: issuer.privateJwk, kid: `${DID_WEB}#key-1` });
    expectForeign(await rejection(verify(jwt, { fetch: brokenFetch })), /undefined/);
  });

  it('a VC-JWT carrying its key in the header: the signature matches, then the broken fetch surfaces', async () => {
    const jwt = await signCredentialJwt(credential(DID_WEB), { privateJwk: issuer.privateJwk, includeJwk: true });
    expectForeign(await rejection(verify(jwt, { fetch: brokenFetch })), /undefined/);
  });

  it('an https issuer whose kid is a URL: the broken fetch of its Profile and JWKS surfaces', async () => {
    const jwt = await signCredentialJwt(credential(HTTPS_ISSUER), { privateJwk: issuer.privateJwk, kid: `${HTTPS_ISSUER}/keys/1` });
    expectForeign(await rejection(verify(jwt, { fetch: brokenFetch })), /undefined/);
  });

  it('a Data Integrity credential whose did:web key lookup meets the broken fetch surfaces it too', async () => {
    const signed = await signDataIntegrity(credential(DID_WEB), { privateJwk: issuer.privateJwk, verificationMethod: `${DID_WEB}#key-1`, cryptosuite: 'eddsa-jcs-2022' });
    expectForeign(await rejection(verify(signed, { fetch: brokenFetch })), /undefined/);
  });

  it("an input object whose getter throws surfaces that error, not 'input-unrecognized'", async () => {
    const input = {
      get type(): never {
        throw new TypeError('the caller\'s object is broken');
      },
    };
    expectForeign(await rejection(verify(input)), /caller's object is broken/);
  });

  it('the same credentials verify with a working lookup (so the only fault above is the fetch)', async () => {
    const jwt = await signCredentialJwt(credential(DID_WEB), { privateJwk: issuer.privateJwk, kid: `${DID_WEB}#key-1` });
    const documents = {
      'https://college.example/issuers/main/did.json': {
        '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
        id: DID_WEB,
        verificationMethod: [{ id: `${DID_WEB}#key-1`, type: 'Multikey', controller: DID_WEB, publicKeyMultibase: issuer.publicKeyMultibase }],
        assertionMethod: [`${DID_WEB}#key-1`],
      },
    };
    const report = await verify(jwt, { offline: true, documents });
    expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
  });
});
