import { describe, it, expect } from '@col/harness';
import {
  BADGE_FORMATS,
  OB2_CONTEXT,
  OB3_CONTEXT,
  VC1_CONTEXT,
  VC2_CONTEXT,
  normalize,
  type Badge,
  type BadgeFormat,
  type Ob2Assertion,
  type Ob2RevocationList,
  type Ob2CryptographicKey,
  type Ob3CredentialV1,
  type Ob3CredentialV2,
  type OpenBadgeCredential,
  type VcJwtPayload,
  type VcJwtV1Payload,
  type CredentialStatus,
  type Proof,
} from '@citiesoflearning/core';

// These values are checked by the compiler (`tsc -p tsconfig.test.json`) as well as at run time.
const assertion = {
  '@context': OB2_CONTEXT,
  type: 'Assertion',
  id: 'https://badges.example.org/assertions/1',
  recipient: { type: 'email', hashed: false, identity: 'ann@example.org' },
  badge: {
    type: 'BadgeClass',
    id: 'https://badges.example.org/badges/1',
    name: 'Teamwork',
    description: 'Works well in a team.',
    image: { id: 'https://badges.example.org/badges/1.png', caption: 'Three hands' },
    criteria: { narrative: 'Nominated by peers.' },
    issuer: { type: 'Issuer', id: 'https://badges.example.org/issuer', name: 'Example', url: 'https://example.org', email: 'a@example.org' },
    alignment: [{ targetName: 'Teamwork', targetUrl: 'https://framework.example.org/teamwork' }],
    tags: ['teamwork'],
  },
  verification: { type: 'HostedBadge' },
  issuedOn: '2024-05-01T12:00:00Z',
} satisfies Ob2Assertion;

const credential: OpenBadgeCredential = {
  '@context': [VC2_CONTEXT, OB3_CONTEXT],
  id: 'urn:uuid:1',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'did:web:example.org', type: ['Profile'], name: [{ '@value': 'Enghraifft', '@language': 'cy' }, { '@value': 'Example', '@language': 'en' }] },
  validFrom: '2024-05-01T12:00:00Z',
  credentialSubject: {
    type: ['AchievementSubject'],
    identifier: [{ type: 'IdentityObject', identityType: 'emailAddress', hashed: false, identityHash: 'ann@example.org' }],
    achievement: {
      id: 'https://example.org/achievements/1',
      type: ['Achievement'],
      name: { en: 'Teamwork', cy: 'Gwaith tîm' },
      description: 'Works well in a team.',
      criteria: { narrative: 'Nominated by peers.' },
      achievementType: 'ext:CityChallenge',
    },
  },
  credentialStatus: {
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: '8',
    statusListCredential: 'https://example.org/status/1',
  },
  proof: {
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-rdfc-2022',
    verificationMethod: 'did:web:example.org#key-1',
    proofPurpose: 'assertionMethod',
    proofValue: 'z3FXQ',
  },
};

const { validFrom: _validFrom, ...undated } = credential as Ob3CredentialV2;
const legacy: Ob3CredentialV1 = {
  ...undated,
  '@context': [VC1_CONTEXT, OB3_CONTEXT],
  issuanceDate: '2024-05-01T12:00:00Z',
  expirationDate: '2030-05-01T12:00:00Z',
};

const jwtPayload: VcJwtPayload = { ...credential, iss: 'did:web:example.org', jti: 'urn:uuid:1', nbf: 1714564800 } as VcJwtPayload;
const jwtV1: VcJwtV1Payload = { iss: 'did:web:example.org', nbf: 1714564800, vc: { type: ['VerifiableCredential', 'OpenBadgeCredential'] } };
const statuses: CredentialStatus[] = [
  { type: '1EdTechRevocationList', id: 'https://example.org/revocations' },
  { type: 'StatusList2021Entry', id: 'https://example.org/s#1' },
];
const proofs: Proof[] = [
  { type: 'Ed25519Signature2020', created: '2024-05-01T12:00:00Z', verificationMethod: 'did:key:z6Mk#z6Mk', proofPurpose: 'assertionMethod', proofValue: 'z1' },
];
const key: Ob2CryptographicKey = { type: 'CryptographicKey', id: 'https://k.example/1', owner: 'https://i.example', publicKeyPem: '-----BEGIN PUBLIC KEY-----' };
const revocations: Ob2RevocationList = { type: 'RevocationList', id: 'https://i.example/r', revokedAssertions: ['urn:a', { uid: 'legacy-1' }] };

// @ts-expect-error — an OB 2.0 assertion must name its recipient
const missingRecipient: Ob2Assertion = { type: 'Assertion', id: 'x', badge: 'y', verification: { type: 'hosted' }, issuedOn: 'z' };
// @ts-expect-error — BadgeFormat is a closed set
const notAFormat: BadgeFormat = 'ob3-ldp';

describe('types', () => {
  it('exposes exactly the BadgeFormat strings of the verify report contract', () => {
    expect(BADGE_FORMATS).to.deep.equal(['ob2-hosted', 'ob2-signed', 'ob3-jwt', 'ob3-data-integrity', 'unknown']);
    expect(Object.isFrozen(BADGE_FORMATS)).to.equal(true);
  });

  it('exposes the context IRIs', () => {
    expect(OB2_CONTEXT).to.equal('https://w3id.org/openbadges/v2');
    expect(VC2_CONTEXT).to.equal('https://www.w3.org/ns/credentials/v2');
    expect(VC1_CONTEXT).to.equal('https://www.w3.org/2018/credentials/v1');
    expect(OB3_CONTEXT).to.equal('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json');
  });

  it('typed values are real badges that normalize', () => {
    const ob2: Badge = normalize(assertion);
    expect(ob2).to.deep.include({ version: 2, format: 'ob2-hosted', name: 'Teamwork' });
    const ob3: Badge = normalize(credential, { lang: 'cy' });
    expect(ob3).to.deep.include({ version: 3, format: 'ob3-data-integrity', name: 'Gwaith tîm', achievementType: 'ext:CityChallenge' });
    expect(ob3.issuer.name).to.equal('Enghraifft');
    const old: Badge = normalize(legacy);
    expect(old).to.deep.include({ validFrom: '2024-05-01T12:00:00Z', validUntil: '2030-05-01T12:00:00Z' });
    expect([jwtPayload.iss, jwtV1.nbf, statuses.length, proofs.length, key.owner, revocations.revokedAssertions.length]).to.deep.equal([
      'did:web:example.org',
      1714564800,
      2,
      1,
      'https://i.example',
      2,
    ]);
    expect([missingRecipient.type, notAFormat]).to.deep.equal(['Assertion', 'ob3-ldp']);
  });
});
