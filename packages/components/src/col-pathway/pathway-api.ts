/**
 * The API calls `<col-pathway>` makes (load a pathway, find upcoming opportunities, claim a
 * milestone), loaded on first need: a page that hands the element a pathway and credentials
 * as properties never downloads the HTTP client.
 */
import { createClient, type MilestoneResult, type Opportunity, type PathwayVersion } from '@citiesoflearning/client';

/**
 * The latest published version of the pathway `key`.
 *
 * @example
 * ```ts
 * const pathway = await getPathway('https://badges.example.org', 'digital-ready-brightwater', signal);
 * ```
 */
export function getPathway(api: string, key: string, signal?: AbortSignal): Promise<PathwayVersion> {
  return createClient({ baseUrl: api }).pathways.get(key, signal ? { signal } : {});
}

/**
 * Up to 100 opportunities still running from now on (enough to find the soonest for each
 * missing badge).
 *
 * @example
 * ```ts
 * const upcoming = await upcomingOpportunities('https://badges.example.org');
 * ```
 */
export function upcomingOpportunities(api: string): Promise<Opportunity[]> {
  return createClient({ baseUrl: api }).opportunities.search({ from: new Date(), pageSize: 100 }).toArray(100);
}

/**
 * Present the learner's credentials for the pathway's milestones; the server verifies them and
 * issues each milestone badge at most once.
 *
 * @example
 * ```ts
 * const result = await claimMilestones(api, 'creative-coder', 'ada@example.org', [award.credential]);
 * ```
 */
export function claimMilestones(api: string, key: string, email: string, credentials: Array<object | string>): Promise<MilestoneResult> {
  return createClient({ baseUrl: api }).pathways.milestones(key, { recipient: { email }, credentials: credentials as Array<Record<string, unknown> | string> });
}
