// Fixture credentials for the components' suites, read through the harness (the runner serves
// the repository's fixtures/), plus hostile inputs built in the test.
import { readFixture, readFixtureJson } from '@col/harness';

/** DCC's OB 3.0 credential signed with Ed25519Signature2020 + eddsa-rdfc-2022 by a did:key. */
export const DCC_OB3 = 'dcc/verifiableCredentials/v1/dataIntegrityProof/didKey/legacy-noStatus-noExpiry.json';
/** The same kind of credential, expired. */
export const DCC_EXPIRED = 'dcc/verifiableCredentials/v1/dataIntegrityProof/didKey/oidf-noStatus-expired.json';
/** A baked PNG holding a DCC credential. */
export const DCC_PNG = 'dcc/verifiableCredentials/v1/dataIntegrityProof/didKey/legacy-noStatus-noExpiry.png';

export const fixtureJson = (path: string): Promise<Record<string, unknown>> => readFixtureJson(path) as Promise<Record<string, unknown>>;
export const fixtureBytes = (path: string): Promise<Uint8Array> => readFixture(path);

/** An unsigned OB 3.0 credential with whatever an attacker wants in it (display tests only). */
export function hostileCredential(overrides: { name?: string; description?: string; image?: unknown; issuerName?: string; criteriaUrl?: string; issuerUrl?: string } = {}): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'https://issuer.example/credentials/1',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: 'https://issuer.example', type: ['Profile'], name: overrides.issuerName ?? 'Example Issuer', ...(overrides.issuerUrl ? { url: overrides.issuerUrl } : {}) },
    validFrom: '2026-03-14T09:00:00Z',
    credentialSubject: {
      id: 'did:example:learner',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://issuer.example/achievements/1',
        type: ['Achievement'],
        name: overrides.name ?? 'Test Badge',
        description: overrides.description ?? 'A badge made up for a test.',
        criteria: overrides.criteriaUrl ? { id: overrides.criteriaUrl } : { narrative: 'Did the thing.' },
        ...(overrides.image !== undefined ? { image: overrides.image } : {}),
        alignment: [{ type: ['Alignment'], targetName: 'Teamwork', targetUrl: 'https://skills.example/teamwork' }],
      },
    },
  };
}
