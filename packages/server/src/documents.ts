// Builders for every JSON document the server publishes. Pure functions of stored rows, so a
// document never drifts between the route that serves it and the credential that embeds it.
import type { ServerKey } from './keys.js';
import type { Urls } from './context.js';
import type { PublishedIssuerKey } from './issuer-keys.js';

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
 * const row: IssuerRow | undefined = await findIssuer(ctx.sql, key);
 * ```
 */
export interface IssuerRow {
  key: string;
  name: string;
  url: string;
  email: string | null;
  description: string | null;
  image: string | null;
  /** The area the issuer works in (an ONS-style code), for insight by area; schema v5. */
  area_code?: string | null;
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
 * const { achievement }: { achievement: AchievementRow } = await loadAchievement(ctx.sql, key);
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
 * The JSON-LD context of a controller document's Multikey verification methods.
 *
 * @example
 * ```ts
 * const didDoc = { '@context': ['https://www.w3.org/ns/did/v1', MULTIKEY_CONTEXT] };
 * ```
 */
export const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';
/**
 * The DID v1 context: DID documents, and the terms of controller documents.
 *
 * @example
 * ```ts
 * const didDoc = { '@context': [DID_CONTEXT, MULTIKEY_CONTEXT] };
 * ```
 */
export const DID_CONTEXT = 'https://www.w3.org/ns/did/v1';

/**
 * Who an issuer is in the credentials it issues now. Over https the issuer is a did:web DID
 * (`did:web:host:api:v1:issuers:<key>`), which wallets such as DCC's resolve; over plain http
 * (local demos) did:web cannot resolve — the DID method only ever fetches over https — so the
 * issuer is its Profile URL, which lists the same keys as a controller document.
 *
 * @example
 * ```ts
 * const who = issuerIdentity(urls('https://badges.example.org'), 'museum');
 * who.id; // 'did:web:badges.example.org:api:v1:issuers:museum'
 * ```
 */
export interface IssuerIdentity {
  /** The `issuer.id` of new credentials and of the status lists they point to. */
  id: string;
  didWeb: boolean;
  /** The verification method id of one of the issuer's keys. */
  methodId(kid: string): string;
  /** The status list new credentials point to. */
  statusList(purpose: string): string;
}

/**
 * The issuer identity used for new credentials, chosen by the base URL's scheme.
 *
 * @example
 * ```ts
 * issuerIdentity(urls('http://127.0.0.1:8080'), 'museum').id; // 'http://127.0.0.1:8080/api/v1/issuers/museum'
 * ```
 */
export function issuerIdentity(u: Urls, issuerKey: string): IssuerIdentity {
  const didWeb = u.api.startsWith('https:');
  const id = didWeb ? u.issuerDid(issuerKey) : u.issuer(issuerKey);
  return {
    id,
    didWeb,
    methodId: (kid) => `${id}#${kid}`,
    statusList: (purpose) => (didWeb ? u.issuerDidStatusList(issuerKey, purpose) : u.statusList(issuerKey, purpose)),
  };
}

/**
 * The OB 3.0 issuer Profile, doubling as a controller document (multikey context,
 * `verificationMethod`, `assertionMethod`): it lists the server-wide key (`#key-1`) that signed
 * credentials issued before per-issuer keys — so they keep verifying — and, when the issuer is
 * named by this Profile URL (plain http), the issuer's own keys too. Over https the issuer's keys
 * are in its DID document, which `otherIdentifier` names.
 *
 * @example
 * ```ts
 * const profile = issuerProfile(urls(baseUrl), serverKey, issuerRow, await listedIssuerKeys(ctx.sql, issuerRow.key));
 * ```
 */
export function issuerProfile(u: Urls, key: ServerKey, row: IssuerRow, issuerKeys: PublishedIssuerKey[]): Record<string, unknown> {
  const id = u.issuer(row.key);
  const who = issuerIdentity(u, row.key);
  // Bare Multikey methods (no publicKeyJwk beside them: the multikey context does not define it,
  // so JSON-LD verifiers in safe mode refuse the method); JOSE verifiers have the JWKS.
  const methods = [multikeyMethod(u.issuerKeyId(row.key), id, key.publicKeyMultibase)];
  if (!who.didWeb) for (const k of issuerKeys) methods.push(multikeyMethod(who.methodId(k.kid), id, k.publicKeyMultibase));
  return {
    // The DID context defines `verificationMethod`/`assertionMethod` for JSON-LD processors (Digital
    // Bazaar's verifiers expand the controller document in safe mode, which refuses undefined terms).
    '@context': [...OB3_CONTEXT, MULTIKEY_CONTEXT, DID_CONTEXT],
    ...profileFields(id, row),
    ...(who.didWeb ? { otherIdentifier: [{ type: 'IdentifierEntry', identifier: who.id, identifierType: 'identifier' }] } : {}),
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
}

function profileFields(id: string, row: IssuerRow): Record<string, unknown> {
  return {
    id,
    type: ['Profile'],
    name: row.name,
    url: row.url,
    ...(row.email ? { email: row.email } : {}),
    ...(row.description ? { description: row.description } : {}),
    ...(row.image ? { image: { id: row.image, type: 'Image' } } : {}),
  };
}

/**
 * A Multikey verification method: the key in one form only, as the controller-document spec asks.
 *
 * @example
 * ```ts
 * multikeyMethod('did:web:x.org:api:v1:issuers:a#z6Mk…', 'did:web:x.org:api:v1:issuers:a', 'z6Mk…');
 * ```
 */
export function multikeyMethod(id: string, controller: string, publicKeyMultibase: string): Record<string, unknown> & { id: string } {
  return { id, type: 'Multikey', controller, publicKeyMultibase };
}

/**
 * The issuer as the short Profile embedded in credentials: its current identity (the DID over
 * https) with the Profile's name, url, email, description and image.
 *
 * @example
 * ```ts
 * credential.issuer = embeddedIssuer(urls(baseUrl), issuerRow);
 * ```
 */
export function embeddedIssuer(u: Urls, row: IssuerRow): Record<string, unknown> {
  return profileFields(issuerIdentity(u, row.key).id, row);
}

/**
 * The issuer's did:web DID document: its published keys as Multikey verification methods, each
 * authorised for `assertionMethod`, and `alsoKnownAs` linking the https Profile.
 *
 * @example
 * ```ts
 * const doc = issuerDidDocument(u, row, await listedIssuerKeys(ctx.sql, row.key));
 * doc.id; // 'did:web:x.org:api:v1:issuers:museum'
 * ```
 */
export function issuerDidDocument(u: Urls, row: IssuerRow, issuerKeys: PublishedIssuerKey[]): Record<string, unknown> {
  const did = u.issuerDid(row.key);
  const methods = issuerKeys.map((k) => multikeyMethod(`${did}#${k.kid}`, did, k.publicKeyMultibase));
  return {
    '@context': [DID_CONTEXT, MULTIKEY_CONTEXT],
    id: did,
    alsoKnownAs: [u.issuer(row.key)],
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
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
    '@context': [DID_CONTEXT, MULTIKEY_CONTEXT],
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
