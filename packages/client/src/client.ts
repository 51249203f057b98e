import { createTransport, type TransportOptions } from './http/transport.js';
import { achievementsResource, type AchievementsResource } from './api/achievements.js';
import { awardsResource, type AwardsResource } from './api/awards.js';
import { claimCodesResource, type ClaimCodesResource } from './api/claim-codes.js';
import { claimsResource, type ClaimsResource } from './api/claims.js';
import { credentialsResource, type CredentialsResource } from './api/credentials.js';
import { issuersResource, type IssuersResource } from './api/issuers.js';
import { opportunitiesResource, type OpportunitiesResource } from './api/opportunities.js';
import { pathwaysResource, type PathwaysResource } from './api/pathways.js';
import { prioritiesResource, type PrioritiesResource } from './api/priorities.js';
import { insightResource, type InsightResource } from './api/insight.js';
import { sharesResource, type SharesResource } from './api/shares.js';

/**
 * Options for {@link createClient}.
 *
 * @example
 * ```ts
 * const options: ClientOptions = { baseUrl: 'https://badges.example.org', timeoutMs: 5_000, retry: { limit: 3 } };
 * ```
 */
export interface ClientOptions extends Omit<TransportOptions, 'bearer'> {
  /**
   * A provider API key (`colp_…`) or the admin key.
   *
   * **SERVER SIDE ONLY. Never put an API key in a browser, an app bundle or a page**: anyone can
   * read it there and issue badges in your name. In the browser, create the client without one
   * (reading, claiming and milestones need no key) and let your backend do the rest.
   */
  apiKey?: string | undefined;
  /**
   * A bearer token for servers that hand out OAuth 2.0 access tokens (instead of `apiKey`). The
   * reference server takes API keys only: use `apiKey` with it.
   */
  token?: string | undefined;
}

/**
 * The badge & pathway API, one resource per property. Every method accepts
 * `{ signal, timeoutMs }`; lists are async iterables that fetch pages as you loop.
 *
 * @example
 * ```ts
 * const col = createClient({ baseUrl: 'https://badges.example.org' });
 * const badge = await col.achievements.get('code-club-1');
 * ```
 */
export interface Client {
  /** The server root every request goes to. */
  readonly baseUrl: string;
  readonly issuers: IssuersResource;
  readonly achievements: AchievementsResource;
  readonly claimCodes: ClaimCodesResource;
  readonly claims: ClaimsResource;
  /** Bulk awards for LMS and CRM syncs (admin or provider key, server side only). */
  readonly awards: AwardsResource;
  readonly credentials: CredentialsResource;
  readonly pathways: PathwaysResource;
  readonly opportunities: OpportunitiesResource;
  /** A place's learning priorities (anyone reads; the admin key writes). */
  readonly priorities: PrioritiesResource;
  /** Aggregate counts for the place, a provider, or the public; small numbers withheld. */
  readonly insight: InsightResource;
  /** Skills-summary links a learner shares with an employer. */
  readonly shares: SharesResource;
}

/**
 * A typed client for the Cities of Learning badge & pathway API (the reference server in
 * `@citiesoflearning/server`, or any deployment of it). Works in the browser and in Node 20+.
 *
 * - Errors are {@link ApiError}s with a stable `code` (`not-found`, `conflict`, `rate-limited`,
 *   `timeout`, `network`, `invalid-response`, …) and the server's own message.
 * - Safe requests (GET, and claims, which always carry an `Idempotency-Key`) are retried on
 *   network failures, 408/429/5xx, honouring `Retry-After`. Other writes are never retried.
 * - Responses are checked at run time: a server answering the wrong shape gives an
 *   `invalid-response` error naming the field, not `undefined` deep in your code.
 * - Responses larger than `maxBytes` (10 MB) are refused without being read whole.
 *
 * @example
 * ```ts
 * import { createClient } from '@citiesoflearning/client';
 *
 * // In the browser (or anywhere): no key needed to read, claim or check milestones.
 * const col = createClient({ baseUrl: 'https://badges.example.org' });
 * for await (const badge of col.achievements.list({ skill: 'Communicating' })) console.log(badge.name);
 * const award = await col.claims.create({ achievement: 'code-club-1', code: 'K7QM-W3RT-9XHP', recipient: { email } });
 *
 * // On your server only: a provider key to create badges and codes.
 * const admin = createClient({ baseUrl: 'https://badges.example.org', apiKey: process.env.COL_API_KEY });
 * const { codes } = await admin.claimCodes.create('code-club-1', { count: 30 });
 * ```
 */
export function createClient(options: ClientOptions): Client {
  const { apiKey, token, ...rest } = options;
  if (apiKey && token) throw new TypeError('createClient: pass either apiKey or token, not both.');
  const bearer = apiKey ?? token;
  const http = createTransport({ ...rest, ...(bearer ? { bearer } : {}) });
  return Object.freeze({
    baseUrl: http.baseUrl.href,
    issuers: issuersResource(http),
    achievements: achievementsResource(http),
    claimCodes: claimCodesResource(http),
    claims: claimsResource(http),
    awards: awardsResource(http),
    credentials: credentialsResource(http),
    pathways: pathwaysResource(http),
    opportunities: opportunitiesResource(http),
    priorities: prioritiesResource(http),
    insight: insightResource(http),
    shares: sharesResource(http),
  });
}
