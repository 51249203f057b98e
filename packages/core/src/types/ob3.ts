/**
 * Open Badges 3.0 (1EdTech, 1.2 Dec 2024) as W3C Verifiable Credentials, VC 2.0 and legacy VC
 * 1.1 forms, as they appear on the wire. Readers of untrusted data should still check fields at
 * run time (use {@link normalize}).
 */
import type { DateTime, Iri, MultilingualText, OneOrMany } from './common.js';

/**
 * Context IRIs seen on OB 3.0 credentials.
 *
 * @example
 * ```ts
 * const credential = { '@context': [VC2_CONTEXT, OB3_CONTEXT], type: ['VerifiableCredential', 'OpenBadgeCredential'] };
 * ```
 */
export const VC2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
/**
 * The VC Data Model 1.1 context (legacy OB 3.0 credentials; must still verify and display).
 *
 * @example
 * ```ts
 * const isLegacy = credential['@context'][0] === VC1_CONTEXT;
 * ```
 */
export const VC1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';
/**
 * The current OB 3.0 context.
 *
 * @example
 * ```ts
 * const context = [VC2_CONTEXT, OB3_CONTEXT];
 * ```
 */
export const OB3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/**
 * A JSON-LD `@context` value.
 *
 * @example
 * ```ts
 * const context: JsonLdContext = [VC2_CONTEXT, OB3_CONTEXT];
 * ```
 */
export type JsonLdContext = OneOrMany<string | Record<string, unknown>>;

/**
 * An image: `{ id, type: "Image", caption? }`. `caption` is the alt text.
 *
 * @example
 * ```ts
 * const image: Ob3Image = { id: 'https://example.org/badge.png', type: 'Image', caption: 'A green shield' };
 * ```
 */
export interface Ob3Image {
  id: Iri;
  type: 'Image' | (string & {});
  caption?: MultilingualText;
}

/**
 * Identifies the recipient when the subject has no `id`. With `hashed: true`, `identityHash`
 * is `sha256$<hex>` of the identity followed by `salt`.
 *
 * @example
 * ```ts
 * const identifier: Ob3IdentityObject = {
 *   type: 'IdentityObject', identityType: 'emailAddress', hashed: true, salt: 'Kosher',
 *   identityHash: 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399',
 * };
 * ```
 */
export interface Ob3IdentityObject {
  type: 'IdentityObject' | (string & {});
  hashed: boolean;
  identityHash: string;
  identityType:
    | 'emailAddress'
    | 'name'
    | 'phoneNumber'
    | 'sourcedId'
    | 'studentId'
    | 'systemId'
    | 'nationalIdentityNumber'
    | 'ext:'
    | (string & {});
  salt?: string;
}

/**
 * A person or organisation: the issuer of a credential, an achievement's creator, …
 *
 * @example
 * ```ts
 * const issuer: Ob3Profile = { id: 'did:web:example.org', type: ['Profile'], name: 'Example', url: 'https://example.org' };
 * ```
 */
export interface Ob3Profile {
  id: Iri;
  type: OneOrMany<'Profile' | (string & {})>;
  name?: MultilingualText;
  url?: Iri;
  email?: string;
  phone?: string;
  description?: MultilingualText;
  image?: Iri | Ob3Image;
  otherIdentifier?: Array<{ type: 'IdentifierEntry' | (string & {}); identifier: string; identifierType: string }>;
  parentOrg?: Ob3Profile;
  [extension: string]: unknown;
}

/**
 * An alignment of an achievement to a framework, standard or competency.
 *
 * @example
 * ```ts
 * const alignment: Ob3Alignment = {
 *   type: ['Alignment'], targetName: 'Teamwork', targetUrl: 'https://example.org/skills/teamwork',
 *   targetType: 'CFItem',
 * };
 * ```
 */
export interface Ob3Alignment {
  type: OneOrMany<'Alignment' | (string & {})>;
  targetName: MultilingualText;
  targetUrl: Iri;
  targetDescription?: MultilingualText;
  targetFramework?: MultilingualText;
  targetCode?: string;
  targetType?: 'ceasn:Competency' | 'ceterms:Credential' | 'CFItem' | 'CFRubric' | 'CFRubricCriterion' | 'CFRubricCriterionLevel' | 'CTDL' | (string & {});
}

/**
 * Criteria for earning an achievement: a URL (`id`) and/or a narrative (Markdown).
 *
 * @example
 * ```ts
 * const criteria: Ob3Criteria = { narrative: 'Nominated by peers.' };
 * ```
 */
export interface Ob3Criteria {
  id?: Iri;
  type?: string;
  narrative?: MultilingualText;
}

/**
 * Evidence supporting a credential.
 *
 * @example
 * ```ts
 * const evidence: Ob3Evidence = { type: ['Evidence'], id: 'https://example.org/work/1', name: 'Portfolio' };
 * ```
 */
export interface Ob3Evidence {
  id?: Iri;
  type: OneOrMany<'Evidence' | (string & {})>;
  narrative?: MultilingualText;
  name?: MultilingualText;
  description?: MultilingualText;
  genre?: string;
  audience?: string;
}

/**
 * A level of a rubric in a {@link Ob3ResultDescription}.
 *
 * @example
 * ```ts
 * const level: Ob3RubricCriterionLevel = { id: 'urn:uuid:l1', type: ['RubricCriterionLevel'], name: 'Merit' };
 * ```
 */
export interface Ob3RubricCriterionLevel {
  id: Iri;
  type: OneOrMany<'RubricCriterionLevel' | (string & {})>;
  name: MultilingualText;
  description?: MultilingualText;
  level?: string;
  points?: string;
  alignment?: Ob3Alignment[];
}

/**
 * Describes a possible result of an achievement (a grade scale, a rubric, a pass/fail status).
 *
 * @example
 * ```ts
 * const grade: Ob3ResultDescription = {
 *   id: 'urn:uuid:grade', type: ['ResultDescription'], name: 'Final grade', resultType: 'LetterGrade',
 *   allowedValue: ['A', 'B', 'C'],
 * };
 * ```
 */
export interface Ob3ResultDescription {
  id: Iri;
  type: OneOrMany<'ResultDescription' | (string & {})>;
  name: MultilingualText;
  resultType:
    | 'GradePointAverage'
    | 'LetterGrade'
    | 'Percent'
    | 'PerformanceLevel'
    | 'PredictedScore'
    | 'RawScore'
    | 'Result'
    | 'RubricCriterion'
    | 'RubricCriterionLevel'
    | 'RubricScore'
    | 'ScaledScore'
    | 'Status'
    | (string & {});
  allowedValue?: string[];
  requiredLevel?: Iri;
  requiredValue?: string;
  rubricCriterionLevel?: Ob3RubricCriterionLevel[];
  valueMax?: string;
  valueMin?: string;
  alignment?: Ob3Alignment[];
}

/**
 * The recipient's result for an achievement, described by a {@link Ob3ResultDescription}.
 *
 * @example
 * ```ts
 * const result: Ob3Result = { type: ['Result'], resultDescription: 'urn:uuid:grade', value: 'A' };
 * ```
 */
export interface Ob3Result {
  type: OneOrMany<'Result' | (string & {})>;
  resultDescription?: Iri;
  value?: string;
  status?: 'Completed' | 'Enrolled' | 'Failed' | 'InProgress' | 'OnHold' | 'Provisional' | 'Withdrew' | (string & {});
  achievedLevel?: Iri;
  alignment?: Ob3Alignment[];
}

/**
 * What was achieved: the OB 3.0 counterpart of an OB 2.0 BadgeClass.
 *
 * @example
 * ```ts
 * const achievement: Ob3Achievement = {
 *   id: 'https://example.org/achievements/teamwork', type: ['Achievement'], name: 'Teamwork',
 *   description: 'Works well in a team.', criteria: { narrative: 'Nominated by peers.' },
 *   achievementType: 'Badge', tag: ['teamwork'],
 * };
 * ```
 */
export interface Ob3Achievement {
  id: Iri;
  type: OneOrMany<'Achievement' | (string & {})>;
  name: MultilingualText;
  description: MultilingualText;
  criteria: Ob3Criteria;
  image?: Iri | Ob3Image;
  achievementType?:
    | 'Achievement'
    | 'ApprenticeshipCertificate'
    | 'Assessment'
    | 'Assignment'
    | 'AssociateDegree'
    | 'Award'
    | 'Badge'
    | 'BachelorDegree'
    | 'Certificate'
    | 'CertificateOfCompletion'
    | 'Certification'
    | 'CommunityService'
    | 'Competency'
    | 'Course'
    | 'CoCurricular'
    | 'Degree'
    | 'Diploma'
    | 'DoctoralDegree'
    | 'Fieldwork'
    | 'GeneralEducationDevelopment'
    | 'JourneymanCertificate'
    | 'LearningProgram'
    | 'License'
    | 'Membership'
    | 'ProfessionalDoctorate'
    | 'QualityAssuranceCredential'
    | 'MasterCertificate'
    | 'MasterDegree'
    | 'MicroCredential'
    | 'ResearchDoctorate'
    | 'SecondarySchoolDiploma'
    | `ext:${string}`
    | (string & {});
  alignment?: Ob3Alignment[];
  creator?: Ob3Profile;
  creditsAvailable?: number;
  fieldOfStudy?: MultilingualText;
  humanCode?: string;
  inLanguage?: string;
  specialization?: MultilingualText;
  tag?: OneOrMany<string>;
  resultDescription?: Ob3ResultDescription[];
  version?: string;
  [extension: string]: unknown;
}

/**
 * The subject of an OB 3.0 credential: who achieved what. Either `id` or at least one
 * `identifier` must be present.
 *
 * @example
 * ```ts
 * const subject: Ob3AchievementSubject = {
 *   type: ['AchievementSubject'], id: 'did:example:learner',
 *   achievement: { id: 'https://example.org/a/1', type: ['Achievement'], name: 'Teamwork', description: '…', criteria: {} },
 * };
 * ```
 */
export interface Ob3AchievementSubject {
  id?: Iri;
  type: OneOrMany<'AchievementSubject' | (string & {})>;
  achievement: Ob3Achievement;
  identifier?: OneOrMany<Ob3IdentityObject>;
  activityStartDate?: DateTime;
  activityEndDate?: DateTime;
  awardedDate?: DateTime;
  creditsEarned?: number;
  licenseNumber?: string;
  result?: Ob3Result[];
  role?: string;
  term?: string;
  name?: MultilingualText;
  [extension: string]: unknown;
}

/**
 * Revocation by a 1EdTech revocation list (`extensions.json` context).
 *
 * @example
 * ```ts
 * const status: Ob3RevocationListStatus = { type: '1EdTechRevocationList', id: 'https://example.org/revocations' };
 * ```
 */
export interface Ob3RevocationListStatus {
  type: '1EdTechRevocationList';
  id: Iri;
}

/**
 * Revocation or suspension by a bit in a W3C Bitstring Status List.
 *
 * @example
 * ```ts
 * const status: BitstringStatusListEntry = {
 *   id: 'https://example.org/status/3#94567', type: 'BitstringStatusListEntry', statusPurpose: 'revocation',
 *   statusListIndex: '94567', statusListCredential: 'https://example.org/status/3',
 * };
 * ```
 */
export interface BitstringStatusListEntry {
  id?: Iri;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation' | 'suspension' | (string & {});
  statusListIndex: string;
  statusListCredential: Iri;
}

/**
 * A credential status entry: the two kinds verify checks, or anything else (reported as
 * inconclusive).
 *
 * @example
 * ```ts
 * function isBitstring(status: CredentialStatus): status is BitstringStatusListEntry {
 *   return status.type === 'BitstringStatusListEntry';
 * }
 * ```
 */
export type CredentialStatus =
  | BitstringStatusListEntry
  | Ob3RevocationListStatus
  | { type: string; id?: Iri; [extension: string]: unknown };

/**
 * A W3C Data Integrity proof (`eddsa-rdfc-2022`, `eddsa-jcs-2022`).
 *
 * @example
 * ```ts
 * const proof: DataIntegrityProof = {
 *   type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created: '2024-05-01T12:00:00Z',
 *   verificationMethod: 'did:key:z6Mk…#z6Mk…', proofPurpose: 'assertionMethod', proofValue: 'z…',
 * };
 * ```
 */
export interface DataIntegrityProof {
  '@context'?: JsonLdContext;
  type: 'DataIntegrityProof';
  cryptosuite: 'eddsa-rdfc-2022' | 'eddsa-jcs-2022' | (string & {});
  created?: DateTime;
  expires?: DateTime;
  verificationMethod: Iri;
  proofPurpose: 'assertionMethod' | (string & {});
  proofValue: string;
  challenge?: string;
  domain?: OneOrMany<string>;
  nonce?: string;
  previousProof?: OneOrMany<string>;
  id?: Iri;
}

/**
 * The legacy Ed25519Signature2020 proof.
 *
 * @example
 * ```ts
 * const proof: Ed25519Signature2020Proof = {
 *   type: 'Ed25519Signature2020', created: '2024-05-01T12:00:00Z',
 *   verificationMethod: 'did:key:z6Mk…#z6Mk…', proofPurpose: 'assertionMethod', proofValue: 'z…',
 * };
 * ```
 */
export interface Ed25519Signature2020Proof {
  '@context'?: JsonLdContext;
  type: 'Ed25519Signature2020';
  created: DateTime;
  verificationMethod: Iri;
  proofPurpose: 'assertionMethod' | (string & {});
  proofValue: string;
}

/**
 * Any embedded proof.
 *
 * @example
 * ```ts
 * const proofs: Proof[] = Array.isArray(credential.proof) ? credential.proof : [credential.proof];
 * ```
 */
export type Proof = DataIntegrityProof | Ed25519Signature2020Proof | { type: string; [extension: string]: unknown };

/**
 * A credential schema reference (e.g. `1EdTechJsonSchemaValidator2019`).
 *
 * @example
 * ```ts
 * const schema: CredentialSchema = { id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json', type: '1EdTechJsonSchemaValidator2019' };
 * ```
 */
export interface CredentialSchema {
  id: Iri;
  type: string;
}

/** Fields common to the VC 2.0 and VC 1.1 forms of an OB 3.0 credential. */
interface Ob3CredentialBase {
  '@context': JsonLdContext;
  id: Iri;
  type: OneOrMany<'VerifiableCredential' | 'OpenBadgeCredential' | 'AchievementCredential' | (string & {})>;
  issuer: Iri | Ob3Profile;
  credentialSubject: Ob3AchievementSubject;
  name?: MultilingualText;
  description?: MultilingualText;
  image?: Iri | Ob3Image;
  awardedDate?: DateTime;
  evidence?: OneOrMany<Ob3Evidence>;
  credentialStatus?: OneOrMany<CredentialStatus>;
  credentialSchema?: OneOrMany<CredentialSchema>;
  termsOfUse?: OneOrMany<{ type: string; [extension: string]: unknown }>;
  refreshService?: { id: Iri; type: string };
  endorsement?: unknown[];
  endorsementJwt?: string[];
  proof?: OneOrMany<Proof>;
  [extension: string]: unknown;
}

/**
 * An OB 3.0 credential in the current VC 2.0 form (`validFrom`/`validUntil`).
 *
 * @example
 * ```ts
 * const credential: Ob3CredentialV2 = {
 *   '@context': [VC2_CONTEXT, OB3_CONTEXT], id: 'urn:uuid:1',
 *   type: ['VerifiableCredential', 'OpenBadgeCredential'], issuer: 'did:web:example.org',
 *   validFrom: '2024-05-01T12:00:00Z', credentialSubject: subject,
 * };
 * ```
 */
export interface Ob3CredentialV2 extends Ob3CredentialBase {
  validFrom: DateTime;
  validUntil?: DateTime;
}

/**
 * An OB 3.0 credential in the legacy VC 1.1 form (`issuanceDate`/`expirationDate`).
 *
 * @example
 * ```ts
 * const legacy: Ob3CredentialV1 = { ...credential, '@context': [VC1_CONTEXT, OB3_CONTEXT], issuanceDate: '2024-05-01T12:00:00Z' };
 * ```
 */
export interface Ob3CredentialV1 extends Ob3CredentialBase {
  issuanceDate: DateTime;
  expirationDate?: DateTime;
}

/**
 * An OB 3.0 OpenBadgeCredential (a.k.a. AchievementCredential), VC 2.0 or VC 1.1 form.
 *
 * @example
 * ```ts
 * const until = 'validUntil' in credential ? credential.validUntil : credential.expirationDate;
 * ```
 */
export type OpenBadgeCredential = Ob3CredentialV2 | Ob3CredentialV1;

/**
 * Same as {@link OpenBadgeCredential}: the spec uses both names for one type.
 *
 * @example
 * ```ts
 * const credential: AchievementCredential = received as AchievementCredential;
 * ```
 */
export type AchievementCredential = OpenBadgeCredential;

/**
 * Registered JWT claims a VC-JWT carries alongside the credential.
 *
 * @example
 * ```ts
 * const claims: JwtClaims = { iss: 'did:web:example.org', jti: 'urn:uuid:1', nbf: 1714564800 };
 * ```
 */
export interface JwtClaims {
  /** The issuer id. */
  iss?: string;
  /** The credential id. */
  jti?: string;
  /** validFrom (or issuanceDate), seconds since the epoch. */
  nbf?: number;
  /** The subject id. */
  sub?: string;
  /** validUntil (or expirationDate), seconds since the epoch. */
  exp?: number;
  iat?: number;
  aud?: OneOrMany<string>;
}

/**
 * The payload of an OB 3.0 VC-JWT (OB 3.0 final): the credential itself plus registered claims.
 *
 * @example
 * ```ts
 * const payload: VcJwtPayload = { ...credential, iss: 'did:web:example.org', jti: credential.id, nbf: 1714564800 };
 * ```
 */
export type VcJwtPayload = OpenBadgeCredential & JwtClaims;

/**
 * The payload of a VC 1.1-era JWT: the credential sits in the `vc` claim (and may leave out
 * what the registered claims already say).
 *
 * @example
 * ```ts
 * const payload: VcJwtV1Payload = { iss: 'did:web:example.org', nbf: 1714564800, vc: { ...credential } };
 * ```
 */
export interface VcJwtV1Payload extends JwtClaims {
  vc: Partial<OpenBadgeCredential> & Record<string, unknown>;
  [extension: string]: unknown;
}

/**
 * The protected header of a VC-JWT. Only `alg`, `kid`/`jwk` and `typ` are meaningful.
 *
 * @example
 * ```ts
 * const header: VcJwtHeader = { alg: 'EdDSA', kid: 'did:web:example.org#key-1', typ: 'JWT' };
 * ```
 */
export interface VcJwtHeader {
  alg: string;
  kid?: string;
  jwk?: Record<string, unknown>;
  typ?: 'JWT' | 'vc+jwt' | (string & {});
  [extension: string]: unknown;
}
