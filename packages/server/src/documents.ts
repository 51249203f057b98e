// Builders for every JSON document the server publishes. Pure functions of stored rows, so a
// document never drifts between the route that serves it and the credential that embeds it.
import type { ServerKey } from './keys.js';
import type { Urls } from './context.js';

/**
 * VC 2.0 + OB 3.0 contexts, in the order OB 3.0 requires.
 *
 * @example
 * ```ts
 * const credential = { '@context': OB3_CONTEXT, type: ['VerifiableCredential', 'OpenBadgeCredential'] };
 * ```
 */
export const OB3_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];
/**
 * OB 2.0 context.
 *
 * @example
 * ```ts
 * const assertion = { '@context': OB2_CONTEXT, type: 'Assertion' };
 * ```
 */
export const OB2_CONTEXT = 'https://w3id.org/openbadges/v2';

/**
 * A stored issuer.
 *
 * @example
 * ```ts
 * const row = ctx.db.prepare('SELECT * FROM issuers WHERE key = ?').get(key) as IssuerRow;
 * ```
 */
export interface IssuerRow {
  key: string;
  name: string;
  url: string;
  email: string | null;
  description: string | null;
  image: string | null;
  created_at: string;
}

/**
 * What an achievement stores as JSON (`data` column).
 *
 * @example
 * ```ts
 * const data = JSON.parse(row.data) as AchievementData;
 * ```
 */
export interface AchievementData {
  name: string;
  description: string;
  criteria: { narrative?: string; id?: string };
  achievementType: string;
  alignment: Array<{ targetName: string; targetUrl: string; targetFramework?: string; targetCode?: string; targetDescription?: string }>;
  tag: string[];
  place?: { areaCode?: string; name?: string };
  inLanguage?: string;
  imageCaption?: string;
  /** External image URL when the creator gave one instead of bytes. */
  imageUrl?: string;
  /** Credentials for it expire this many days after issue (`validUntil`); none when absent. */
  validForDays?: number;
}

/**
 * A stored achievement.
 *
 * @example
 * ```ts
 * const { achievement }: { achievement: AchievementRow } = loadAchievement(ctx, key);
 * ```
 */
export interface AchievementRow {
  key: string;
  issuer_key: string;
  data: string;
  image_type: string | null;
  created_at: string;
}

/**
 * The OB 3.0 issuer Profile, doubling as a controller document: it lists the key that signs its
 * credentials (`verificationMethod` + `assertionMethod`), so verifiers can tie the key to the
 * issuer without trusting anything inside the credential.
 *
 * @example
 * ```ts
 * const profile = issuerProfile(urls(baseUrl), key, issuerRow);
 * ```
 */
export function issuerProfile(u: Urls, key: ServerKey, row: IssuerRow, opts: { context?: boolean } = {}): Record<string, unknown> {
  const id = u.issuer(row.key);
  const profile: Record<string, unknown> = {
    ...(opts.context === false ? {} : { '@context': OB3_CONTEXT }),
    id,
    type: ['Profile'],
    name: row.name,
    url: row.url,
    ...(row.email ? { email: row.email } : {}),
    ...(row.description ? { description: row.description } : {}),
    ...(row.image ? { image: { id: row.image, type: 'Image' } } : {}),
  };
  if (opts.context === false) return profile;
  return {
    ...profile,
    otherIdentifier: [{ type: 'IdentifierEntry', identifier: u.did, identifierType: 'identifier' }],
    verificationMethod: [verificationMethod(u.issuerKeyId(row.key), id, key)],
    assertionMethod: [u.issuerKeyId(row.key)],
  };
}

/**
 * A Multikey verification method with its JWK alongside (for JOSE verifiers).
 *
 * @example
 * ```ts
 * verificationMethod('https://x.org/api/v1/issuers/a#key-1', 'https://x.org/api/v1/issuers/a', key);
 * ```
 */
export function verificationMethod(id: string, controller: string, key: ServerKey): Record<string, unknown> {
  return {
    id,
    type: 'Multikey',
    controller,
    publicKeyMultibase: key.publicKeyMultibase,
    publicKeyJwk: { ...key.publicJwk, kid: id, alg: 'EdDSA' },
  };
}

/**
 * The issuer as the short Profile embedded in credentials.
 *
 * @example
 * ```ts
 * credential.issuer = embeddedIssuer(urls(baseUrl), issuerRow);
 * ```
 */
export function embeddedIssuer(u: Urls, row: IssuerRow): Record<string, unknown> {
  return issuerProfile(u, {} as ServerKey, row, { context: false });
}

/**
 * The OB 3.0 Achievement, as served at its id and embedded in credentials.
 *
 * @example
 * ```ts
 * const achievement = achievementDocument(u, row, issuer, { embedded: true });
 * ```
 */
export function achievementDocument(u: Urls, row: AchievementRow, issuer: IssuerRow, opts: { embedded?: boolean } = {}): Record<string, unknown> {
  const data = JSON.parse(row.data) as AchievementData;
  const imageId = data.imageUrl ?? u.achievementImage(row.key);
  const doc: Record<string, unknown> = {
    ...(opts.embedded ? {} : { '@context': OB3_CONTEXT }),
    id: u.achievement(row.key),
    type: ['Achievement'],
    name: data.name,
    description: data.description,
    criteria: data.criteria,
    image: { id: imageId, type: 'Image', caption: data.imageCaption ?? data.name },
    achievementType: data.achievementType,
    creator: embeddedIssuer(u, issuer),
    ...(data.alignment.length ? { alignment: data.alignment.map((a) => ({ type: ['Alignment'], ...a })) } : {}),
    ...(data.tag.length ? { tag: data.tag } : {}),
    ...(data.inLanguage ? { inLanguage: data.inLanguage } : {}),
  };
  if (opts.embedded) return doc;
  // API-only fields (not JSON-LD terms, never signed): the short key, owner and place.
  return { ...doc, key: row.key, provider: row.issuer_key, ...(data.place ? { place: data.place } : {}), ...(data.validForDays ? { validForDays: data.validForDays } : {}) };
}

/**
 * The server's did:web document: the same key, for verifiers that prefer DIDs.
 *
 * @example
 * ```ts
 * const doc = didDocument(urls('https://x.org'), key); // id: 'did:web:x.org'
 * ```
 */
export function didDocument(u: Urls, key: ServerKey): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: u.did,
    verificationMethod: [{ id: u.didKey, type: 'Multikey', controller: u.did, publicKeyMultibase: key.publicKeyMultibase }],
    assertionMethod: [u.didKey],
    authentication: [u.didKey],
  };
}

/**
 * The server's JWKS: one entry per key id it signs JWTs with.
 *
 * @example
 * ```ts
 * const set = jwks(urls(baseUrl), key, ['brightwater-libraries']);
 * ```
 */
export function jwks(u: Urls, key: ServerKey, issuerKeys: string[]): Record<string, unknown> {
  const base = { ...key.publicJwk, alg: 'EdDSA', use: 'sig' };
  return { keys: [{ ...base, kid: u.didKey }, ...issuerKeys.map((k) => ({ ...base, kid: u.issuerKeyId(k) }))] };
}

/**
 * OB 2.0 Issuer profile (for the hosted assertion view).
 *
 * @example
 * ```ts
 * const issuer = ob2Issuer(urls(baseUrl), issuerRow); // type: 'Issuer'
 * ```
 */
export function ob2Issuer(u: Urls, row: IssuerRow): Record<string, unknown> {
  return {
    '@context': OB2_CONTEXT,
    id: u.issuerOb2(row.key),
    type: 'Issuer',
    name: row.name,
    url: row.url,
    // OB 2.0 requires an email; we never invent one: create issuers with an email for OB 2.0 use.
    ...(row.email ? { email: row.email } : {}),
    ...(row.description ? { description: row.description } : {}),
    ...(row.image ? { image: row.image } : {}),
  };
}

/**
 * OB 2.0 BadgeClass (for the hosted assertion view).
 *
 * @example
 * ```ts
 * const badgeClass = ob2BadgeClass(urls(baseUrl), achievementRow); // type: 'BadgeClass'
 * ```
 */
export function ob2BadgeClass(u: Urls, row: AchievementRow): Record<string, unknown> {
  const data = JSON.parse(row.data) as AchievementData;
  return {
    '@context': OB2_CONTEXT,
    id: u.achievementOb2(row.key),
    type: 'BadgeClass',
    name: data.name,
    description: data.description,
    image: data.imageUrl ?? u.achievementImage(row.key),
    criteria: { ...(data.criteria.id ? { id: data.criteria.id } : {}), narrative: data.criteria.narrative ?? data.description },
    issuer: u.issuerOb2(row.issuer_key),
    ...(data.alignment.length ? { alignment: data.alignment } : {}),
    ...(data.tag.length ? { tags: data.tag } : {}),
  };
}
