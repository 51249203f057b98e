/**
 * `@citiesoflearning/client` — the typed client for the Cities of Learning badge & pathway API
 * and for the Open Badges 3.0 API of any conformant host. Browser and Node, on `ky`.
 *
 * - {@link createClient}: issuers, achievements, claim codes, claims, credentials, pathways,
 *   opportunities.
 * - {@link createObClient}: the 1EdTech Open Badges 3.0 REST API (discovery, credentials, profile).
 * - `createClaimTicket` from `@citiesoflearning/client/ticket`: sign claim tickets on a provider's
 *   server (NEVER in a browser).
 * - {@link verify}: re-exported from `@citiesoflearning/verify`.
 * - Errors: {@link ApiError} (and {@link RateLimitedError}, {@link InvalidResponseError}) with
 *   stable codes.
 *
 * @packageDocumentation
 */
export type {} from './error-codes.js';
export { createClient, type Client, type ClientOptions } from './client.js';
export { createObClient } from './ob/ob-client.js';
export type {
  ObClient,
  ObClientOptions,
  ObCredentialEntry,
  ObCredentialPage,
  ObDiscovery,
  ObListQuery,
  ObOAuthEndpoints,
  ObUpsertResult,
} from './ob/ob-client.js';
export type { RequestOptions, RetryOptions } from './http/transport.js';
export type { Paginated } from './http/paginate.js';
export { parseLinkHeader } from './http/link-header.js';

export { ApiError, type ApiErrorCode, type ApiErrorInit } from './errors/api-error.js';
export { isApiError, type AnyApiError } from './errors/is-api-error.js';
export { SERVER_ERROR_CODES, type ServerErrorCode } from './errors/server-codes.js';
export { RateLimitedError, parseRetryAfter } from './errors/rate-limited-error.js';
export { InvalidResponseError } from './errors/invalid-response-error.js';

export { keyOf, newIdempotencyKey } from './api/keys.js';
export type * from './api/types.js';
export type { IssuersResource, IssuerInput, IssuerKey, IssuerList, ProviderApiKey, TicketKeyRegistration } from './api/issuers.js';
export type { AchievementsResource, AchievementFilters, AchievementInput, AchievementList } from './api/achievements.js';
export type { ClaimCodesResource, ClaimCodeOptions, ClaimCodes } from './api/claim-codes.js';
export type { ClaimsResource, ClaimInput, ClaimOptions } from './api/claims.js';
export type {
  AwardsResource,
  AwardsInput,
  AwardRecipient,
  EvidenceInput,
  AwardRowResult,
  AwardsSummary,
  AwardsProgress,
  AwardsOptions,
  AwardsResult,
} from './api/awards.js';
export type { CredentialsResource, CredentialQuery, CredentialEntry, CredentialPage, CredentialState } from './api/credentials.js';
export type { PathwaysResource, PathwayInput, MilestoneInput, PathwayList, PathwayVersionRef } from './api/pathways.js';
export type { OpportunitiesResource, OpportunitySearch, OpportunityPage, OpportunityInput } from './api/opportunities.js';
export type { PrioritiesResource, Priority, PriorityAlignment, PriorityTarget, PriorityInput, PriorityUpdate } from './api/priorities.js';
export type { InsightResource, InsightBy, InsightMeasure, InsightCell, InsightRow, InsightTable, InsightQuery } from './api/insight.js';
export type { SharesResource, SkillsSummary, SharedSummary } from './api/shares.js';

export { MAX_TICKET_LIFETIME, type ClaimTicketInput } from './ticket/input.js';
// Deprecated here (it is in `@citiesoflearning/client/ticket`); loads jose only when called.
export { createClaimTicket } from './ticket/deprecated-root.js';

/**
 * Verify any badge a learner hands over — re-exported from `@citiesoflearning/verify` so an
 * integrator needs one import.
 *
 * @example
 * ```ts
 * import { createClient, verify } from '@citiesoflearning/client';
 * const col = createClient({ baseUrl: 'https://badges.example.org' });
 * const report = await verify(await col.credentials.get(key));
 * console.log(report.outcome); // 'verified' | 'failed' | 'inconclusive'
 * ```
 */
export { verify, createDocumentCache } from '@citiesoflearning/verify';
export type { VerifyOptions, VerificationReport, DocumentCache, DocumentCacheOptions } from '@citiesoflearning/verify';
