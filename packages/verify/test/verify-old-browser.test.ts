import { describe, it, expect } from '@col/harness';
import { generateKeyPair, signDataIntegrity, verify } from '@citiesoflearning/verify';
import { withoutEd25519 } from './support/without-ed25519.js';

const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:2f6a2a6e-6a6e-4d4e-9a3e-0c1a2b3c4d5e',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Safe online',
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: {
    type: ['AchievementSubject'],
    id: 'did:example:learner',
    achievement: { id: 'https://example.org/a/1', type: ['Achievement'], name: 'Safe online', description: 'Stays safe online.', criteria: { narrative: 'Completed the course.' } },
  },
};

describe('verify() in a browser without Ed25519', () => {
  it('says "could not check" (inconclusive), never "not genuine", and tells the user what to do', async () => {
    const keys = await generateKeyPair();
    const issued = await signDataIntegrity(
      { ...credential, issuer: { id: keys.did!, type: ['Profile'], name: 'Brightwater College' } },
      { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod!, cryptosuite: 'eddsa-jcs-2022' },
    );
    const report = await withoutEd25519(() => verify(issued, { offline: true }));
    expect(report.outcome).to.equal('inconclusive');
    const proof = report.checks.find((c) => c.id === 'proof')!;
    expect(proof).to.include({ outcome: 'inconclusive', code: 'crypto-unsupported' });
    expect(proof.message).to.match(/browser/);
    expect((await verify(issued, { offline: true })).outcome).to.equal('verified');
  });
});
