import type { NextStep, NodeProgress, NodeState, OpenBadgeCredential, Pathway } from '@citiesoflearning/core';

/**
 * An image reference as the API returns it.
 *
 * @example
 * ```ts
 * const img: Image = { id: 'https://badges.example.org/api/v1/achievements/digital-1/image', type: 'Image', caption: 'Digital skills level 1' };
 * ```
 */
export interface Image {
  id: string;
  type?: string;
  caption?: string;
}

/**
 * An issuer (an OB 3.0 Profile) as the API returns it.
 *
 * @example
 * ```ts
 * const issuer: Issuer = await col.issuers.get('city-library');
 * console.log(issuer.name, issuer.url);
 * ```
 */
export interface Issuer {
  /** `https://…/api/v1/issuers/{key}`. */
  id: string;
  /** Short key: the last segment of `id` (on issuers from `issuers.get`/`list`/`create`; not on the copy embedded in an achievement). */
  key?: string;
  name: string;
  type?: string[];
  url?: string;
  email?: string;
  description?: string;
  image?: Image;
  /** The area it works in (ONS-style code), when the place recorded one. */
  area?: string;
  [extension: string]: unknown;
}

/**
 * A skill or standard an achievement is aligned to.
 *
 * @example
 * ```ts
 * const a: Alignment = { targetName: 'Communicating', targetUrl: 'https://example.org/eds/communicating', targetFramework: 'Essential Digital Skills' };
 * ```
 */
export interface Alignment {
  targetName: string;
  targetUrl: string;
  targetFramework?: string;
  targetCode?: string;
  targetDescription?: string;
  type?: string[];
}

/**
 * An achievement (badge class) as the API returns it: the OB 3.0 Achievement plus the API's
 * `key`, `provider` and `place`.
 *
 * @example
 * ```ts
 * const a: Achievement = await col.achievements.get('digital-1');
 * console.log(a.name, a.alignment?.map((x) => x.targetName));
 * ```
 */
export interface Achievement {
  /** `https://…/api/v1/achievements/{key}`. */
  id: string;
  /** Short key: the last segment of `id`. */
  key: string;
  name: string;
  type?: string[];
  description?: string;
  criteria?: { narrative?: string; id?: string };
  image?: Image;
  achievementType?: string;
  creator?: Issuer;
  alignment?: Alignment[];
  tag?: string[];
  inLanguage?: string;
  /** Key of the issuer that owns it. */
  provider?: string;
  /** Credentials for it expire (`validUntil`) this many days after issue. */
  validForDays?: number;
  place?: { areaCode?: string; name?: string };
  [extension: string]: unknown;
}

/**
 * Links to every form of an issued credential.
 *
 * @example
 * ```ts
 * const { links } = await col.claims.create(claim);
 * img.src = links.png;
 * ```
 */
export interface AwardLinks {
  json: string;
  jwt: string;
  png: string;
  svg: string;
  /** The OB 2.0 hosted-assertion view, for older consumers. */
  ob2?: string;
}

/**
 * What a successful claim returns: the signed credential in both forms and its links.
 *
 * @example
 * ```ts
 * const award: Award = await col.claims.create({ achievement: 'digital-1', code, recipient: { email } });
 * console.log(award.id, award.links.png);
 * ```
 */
export interface Award {
  /** The credential's id URL (its last segment is the credential key). */
  id: string;
  /** The OpenBadgeCredential with its Data Integrity proof. */
  credential: OpenBadgeCredential;
  /** The same award as a VC-JWT (compact JWS). */
  jwt: string;
  links: AwardLinks;
}

/**
 * Who a badge is for: an email address (the server stores it only salted and hashed) or a DID
 * as `id`.
 *
 * @example
 * ```ts
 * const byEmail: Recipient = { email: 'learner@example.org' };
 * const byDid: Recipient = { id: 'did:key:z6Mk…' };
 * // Direct awards (the issuer's API key) may name the learner; the name is shown on the badge, in clear.
 * const named: Recipient = { email: 'learner@example.org', name: 'Ada Lovelace' };
 * ```
 */
export type Recipient = { email: string; name?: string } | { id: string; name?: string };

/**
 * An issued credential's public status.
 *
 * @example
 * ```ts
 * const s: CredentialStatus = await col.credentials.revoke(key, { reason: 'Issued by mistake' });
 * s.revoked; // true
 * ```
 */
export interface CredentialStatus {
  id: string;
  issuedOn: string;
  revoked: boolean;
  revokedAt?: string;
  revocationReason?: string;
  suspended: boolean;
  suspendedAt?: string;
  suspensionReason?: string;
}

/**
 * A learning opportunity (a course, workshop, volunteering slot …) as the API returns it.
 *
 * @example
 * ```ts
 * for await (const o of col.opportunities.search({ skill: 'Communicating', mode: 'online' })) {
 *   console.log(o.title, o.startsAt, o.bookingUrl);
 * }
 * ```
 */
export interface Opportunity {
  id: string;
  key: string;
  title: string;
  description?: string;
  provider: { id: string; key: string; name: string };
  /** Id URL of the badge it awards, if any. */
  achievement?: string;
  skills: string[];
  mode: OpportunityMode;
  /** ONS area code, e.g. `E06000023`. */
  areaCode?: string;
  location?: { latitude: number; longitude: number };
  startsAt?: string;
  endsAt?: string;
  bookingUrl?: string;
  [extension: string]: unknown;
}

/**
 * How an opportunity is delivered.
 *
 * @example
 * ```ts
 * const mode: OpportunityMode = 'online';
 * ```
 */
export type OpportunityMode = 'in-person' | 'online' | 'blended';

/**
 * A pathway version as the API returns it: the pathway model plus its key and publication state.
 *
 * @example
 * ```ts
 * const p: PathwayVersion = await col.pathways.get('digital-champion');
 * console.log(p.name, p.version, p.status);
 * ```
 */
export interface PathwayVersion extends Pathway {
  key: string;
  status: 'draft' | 'published';
  createdAt: string;
  publishedAt?: string;
}

/**
 * A milestone badge awarded (now or earlier) for a satisfied pathway node.
 *
 * @example
 * ```ts
 * const fresh = result.awarded.filter((a: MilestoneAwarded) => a.new);
 * ```
 */
export interface MilestoneAwarded extends Award {
  /** The pathway node satisfied. */
  node: string;
  /** Achievement id of the milestone badge. */
  achievement: string;
  /** `true` if issued by this request, `false` if the learner already had it. */
  new: boolean;
}

/**
 * What presenting credentials to a pathway returns: the learner's progress and any milestone
 * badges awarded.
 *
 * @example
 * ```ts
 * const result: MilestoneResult = await col.pathways.milestones('digital-champion', { recipient: { email }, credentials });
 * console.log(`${Math.round(result.progress * 100)}%`, result.awarded.length, result.rejected.length);
 * ```
 */
export interface MilestoneResult {
  pathway: { id: string; version: string };
  asOf: string;
  satisfied: boolean;
  progress: number;
  state: NodeState;
  completedAt?: string;
  /** Per node id — the same shape as `evaluatePathway()` from `@citiesoflearning/core` returns. */
  nodes: Record<string, NodeProgress>;
  nextSteps: NextStep[];
  awarded: MilestoneAwarded[];
  /** Presented credentials that did not count, by index, with the reason. */
  rejected: Array<{ index: number; code: string; message: string }>;
}
