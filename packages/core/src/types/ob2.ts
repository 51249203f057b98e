/**
 * Open Badges 2.0 (1EdTech, 2018) JSON-LD vocabulary, as it appears on the wire. Fields the
 * spec requires are required here; readers of untrusted data should still check them at run time
 * (use {@link normalize}).
 */
import type { DateTime, Iri, OneOrMany } from './common.js';

/**
 * The Open Badges 2.0 JSON-LD context IRI.
 *
 * @example
 * ```ts
 * const assertion = { '@context': OB2_CONTEXT, type: 'Assertion' };
 * ```
 */
export const OB2_CONTEXT = 'https://w3id.org/openbadges/v2';

/**
 * How an assertion's recipient is identified (`recipient`). With `hashed: true`, `identity` is
 * `sha256$<hex>` (or legacy `md5$<hex>`) of the identity followed by `salt`.
 *
 * @example
 * ```ts
 * const recipient: Ob2IdentityObject = {
 *   type: 'email', hashed: true, salt: 'deadsea',
 *   identity: 'sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942',
 * };
 * ```
 */
export interface Ob2IdentityObject {
  type: 'email' | 'url' | 'telephone' | 'id' | (string & {});
  hashed: boolean;
  identity: string;
  salt?: string;
}

/**
 * Alias of {@link Ob2IdentityObject}: the OB 2.0 `recipient` object.
 *
 * @example
 * ```ts
 * const recipient: Ob2Recipient = { type: 'email', hashed: false, identity: 'ann@example.org' };
 * ```
 */
export type Ob2Recipient = Ob2IdentityObject;

/**
 * An image: an IRI/data URI, or an Image object.
 *
 * @example
 * ```ts
 * const image: Ob2Image = { id: 'https://example.org/badge.png', caption: 'A green shield' };
 * ```
 */
export interface Ob2ImageObject {
  type?: 'schema:ImageObject' | 'ImageObject' | (string & {});
  id: Iri;
  caption?: string;
  author?: Iri;
}

/**
 * An OB 2.0 image value: an IRI or data URI, or an {@link Ob2ImageObject}.
 *
 * @example
 * ```ts
 * const image: Ob2Image = 'data:image/png;base64,iVBORw0KGgo…';
 * ```
 */
export type Ob2Image = Iri | Ob2ImageObject;

/**
 * How an assertion is verified: hosted at its `id`, or signed as a JWS.
 *
 * @example
 * ```ts
 * const hosted: Ob2VerificationObject = { type: 'HostedBadge' };
 * const signed: Ob2VerificationObject = { type: 'SignedBadge', creator: 'https://example.org/key-1' };
 * ```
 */
export interface Ob2VerificationObject {
  type: 'hosted' | 'HostedBadge' | 'signed' | 'SignedBadge' | (string & {});
  /** Signed badges: the IRI of the CryptographicKey. */
  creator?: Iri;
  /** Issuer policy: URL prefixes hosted assertions must start with. */
  startsWith?: OneOrMany<string>;
  /** Issuer policy: origins hosted assertions may be served from. */
  allowedOrigins?: OneOrMany<string>;
  verificationProperty?: string;
}

/**
 * Criteria for earning a badge: a URL and/or a narrative (Markdown).
 *
 * @example
 * ```ts
 * const criteria: Ob2Criteria = { narrative: 'Attend all six sessions.' };
 * ```
 */
export interface Ob2Criteria {
  type?: 'Criteria' | (string & {});
  id?: Iri;
  narrative?: string;
}

/**
 * An alignment of a badge to an external framework, standard or competency.
 *
 * @example
 * ```ts
 * const alignment: Ob2Alignment = { targetName: 'Teamwork', targetUrl: 'https://example.org/skills/teamwork' };
 * ```
 */
export interface Ob2Alignment {
  type?: 'AlignmentObject' | (string & {});
  targetName: string;
  targetUrl: Iri;
  targetDescription?: string;
  targetFramework?: string;
  targetCode?: string;
}

/**
 * Evidence supporting an assertion.
 *
 * @example
 * ```ts
 * const evidence: Ob2Evidence = { id: 'https://example.org/portfolio/42', narrative: 'Built a bench.' };
 * ```
 */
export interface Ob2Evidence {
  type?: OneOrMany<'Evidence' | (string & {})>;
  id?: Iri;
  narrative?: string;
  name?: string;
  description?: string;
  genre?: string;
  audience?: string;
}

/**
 * A public key (PEM) an issuer signs assertions with. `owner` must be the issuer id and the
 * issuer's `publicKey` must list this key's id (two-way link).
 *
 * @example
 * ```ts
 * const key: Ob2CryptographicKey = {
 *   type: 'CryptographicKey', id: 'https://example.org/key-1',
 *   owner: 'https://example.org/issuer', publicKeyPem: '-----BEGIN PUBLIC KEY-----…',
 * };
 * ```
 */
export interface Ob2CryptographicKey {
  '@context'?: OneOrMany<string | Record<string, unknown>>;
  type: 'CryptographicKey' | (string & {});
  id: Iri;
  owner: Iri;
  publicKeyPem: string;
}

/**
 * One revoked assertion in a {@link Ob2RevocationList}: an id, or an object with `id` (or the
 * legacy `uid`) and an optional reason.
 *
 * @example
 * ```ts
 * const item: Ob2RevokedAssertion = { id: 'urn:uuid:…', revocationReason: 'Issued in error' };
 * ```
 */
export type Ob2RevokedAssertion = Iri | { id?: Iri; uid?: string; revocationReason?: string };

/**
 * An issuer's list of revoked signed assertions.
 *
 * @example
 * ```ts
 * const list: Ob2RevocationList = {
 *   type: 'RevocationList', id: 'https://example.org/revoked', issuer: 'https://example.org/issuer',
 *   revokedAssertions: ['urn:uuid:1', { id: 'urn:uuid:2', revocationReason: 'Cheating' }],
 * };
 * ```
 */
export interface Ob2RevocationList {
  '@context'?: OneOrMany<string | Record<string, unknown>>;
  type: 'RevocationList' | (string & {});
  id: Iri;
  issuer?: Iri;
  revokedAssertions: Ob2RevokedAssertion[];
}

/**
 * An issuer (or other profile): required as issuer are `id`, `type`, `name`, `url`, `email`.
 *
 * @example
 * ```ts
 * const issuer: Ob2Profile = {
 *   '@context': OB2_CONTEXT, type: 'Issuer', id: 'https://example.org/issuer',
 *   name: 'Cardiff City of Learning', url: 'https://example.org', email: 'badges@example.org',
 * };
 * ```
 */
export interface Ob2Profile {
  '@context'?: OneOrMany<string | Record<string, unknown>>;
  type: OneOrMany<'Issuer' | 'Profile' | (string & {})>;
  id: Iri;
  name: string;
  url?: Iri;
  email?: string;
  telephone?: string;
  description?: string;
  image?: Ob2Image;
  /** IRIs of (or embedded) keys the issuer signs with. */
  publicKey?: OneOrMany<Iri | Ob2CryptographicKey>;
  /** Hosted-verification policy. */
  verification?: Ob2VerificationObject;
  revocationList?: Iri;
}

/**
 * Alias of {@link Ob2Profile} used as an assertion's issuer.
 *
 * @example
 * ```ts
 * const issuer: Ob2Issuer = { type: 'Issuer', id: 'https://example.org/i', name: 'Example' };
 * ```
 */
export type Ob2Issuer = Ob2Profile;

/**
 * What a badge is: name, description, image, criteria and issuer.
 *
 * @example
 * ```ts
 * const badge: Ob2BadgeClass = {
 *   '@context': OB2_CONTEXT, type: 'BadgeClass', id: 'https://example.org/badges/teamwork',
 *   name: 'Teamwork', description: 'Works well in a team.', image: 'https://example.org/teamwork.png',
 *   criteria: { narrative: 'Nominated by peers.' }, issuer: 'https://example.org/issuer',
 * };
 * ```
 */
export interface Ob2BadgeClass {
  '@context'?: OneOrMany<string | Record<string, unknown>>;
  type: OneOrMany<'BadgeClass' | (string & {})>;
  id: Iri;
  name: string;
  description: string;
  image: Ob2Image;
  criteria: Iri | Ob2Criteria;
  issuer: Iri | Ob2Profile;
  alignment?: OneOrMany<Ob2Alignment>;
  tags?: OneOrMany<string>;
}

/**
 * An awarded badge: who earned which BadgeClass, when, and how to verify it.
 *
 * @example
 * ```ts
 * const assertion: Ob2Assertion = {
 *   '@context': OB2_CONTEXT, type: 'Assertion', id: 'https://example.org/assertions/1',
 *   recipient: { type: 'email', hashed: false, identity: 'ann@example.org' },
 *   badge: 'https://example.org/badges/teamwork',
 *   verification: { type: 'HostedBadge' }, issuedOn: '2024-05-01T12:00:00Z',
 * };
 * ```
 */
export interface Ob2Assertion {
  '@context'?: OneOrMany<string | Record<string, unknown>>;
  type: OneOrMany<'Assertion' | (string & {})>;
  id: Iri;
  recipient: Ob2IdentityObject;
  badge: Iri | Ob2BadgeClass;
  verification: Ob2VerificationObject;
  /** ISO 8601 (legacy OB 1.x assertions used a Unix timestamp). */
  issuedOn: DateTime | number;
  image?: Ob2Image;
  evidence?: OneOrMany<Iri | Ob2Evidence>;
  narrative?: string;
  expires?: DateTime | number;
  revoked?: boolean;
  revocationReason?: string;
}
