import { describe, it, expect } from '@col/harness';
import { generateKeyPair, signCredentialJwt, verify } from '@citiesoflearning/verify';

describe('verify() on a VC 2.0 EnvelopedVerifiableCredential', () => {
  it('verifies the VC-JWT it carries, and fails it when the JWT is tampered with', async () => {
    const keys = await generateKeyPair();
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: 'urn:uuid:6c1e0a9e-3f7a-4f2b-9a55-1d2e3f4a5b6c',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: keys.did!, type: ['Profile'], name: 'Brightwater Libraries' },
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: {
        type: ['AchievementSubject'],
        id: 'did:example:learner',
        achievement: { id: 'https://example.org/a/2', type: ['Achievement'], name: 'Information Handler', description: 'Finds and checks information online.', criteria: { narrative: 'Completed the workshop.' } },
      },
    };
    const jwt = await signCredentialJwt(credential, { privateJwk: keys.privateJwk, kid: keys.verificationMethod! });
    const envelope = (token: string) => ({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${token}` });

    const report = await verify(envelope(jwt), { offline: true });
    expect(report).to.include({ outcome: 'verified', format: 'ob3-jwt' });
    expect(report.badge?.name).to.equal('Information Handler');

    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const forged = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))));
    forged.credentialSubject.achievement.name = 'Something else';
    const forgedPayload = btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(forged)))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const tampered = await verify(envelope(`${header}.${forgedPayload}.${signature}`), { offline: true });
    expect(tampered.outcome).to.equal('failed');
    expect(tampered.checks.find((c) => c.id === 'proof')?.outcome).to.equal('failed');
  });
});
