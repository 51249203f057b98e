import type { OpenBadgeCredential, Pathway } from '@citiesoflearning/core';
import type { RequestOptions, Transport } from '../http/transport.js';
import { paginate, type Paginated } from '../http/paginate.js';
import { keyOf, newIdempotencyKey } from './keys.js';
import * as S from './schemas.js';
import type { MilestoneResult, PathwayVersion } from './types.js';

/**
 * A pathway to create or a new version of one: the pathway model without the fields the server
 * sets (`id`, `version`, `owner`).
 *
 * @example
 * ```ts
 * const input: PathwayInput = {
 *   key: 'digital-champion', issuer: 'city-library', name: 'Digital Champion',
 *   root: { type: 'group', id: 'root', min: 2, children: [
 *     { type: 'badge', id: 'a', badge: { id: achievementA.id } },
 *     { type: 'badge', id: 'b', badge: { id: achievementB.id } },
 *   ], milestoneBadge: champion.id },
 * };
 * ```
 */
export type PathwayInput = Omit<Pathway, 'id' | 'version' | 'owner'> & { key?: string; issuer?: string };

/**
 * What a learner presents to a pathway.
 *
 * @example
 * ```ts
 * const presentation: MilestoneInput = { recipient: { email }, credentials: [award.credential, award.jwt] };
 * ```
 */
/**
 * A pathway version as you may give it: the `version` string a pathway carries (`'2'`) or the
 * number. `pathways.get(key, { version: p.version })` works with what the server returned.
 *
 * @example
 * ```ts
 * const v: PathwayVersionRef = pathway.version; // '2'
 * await col.pathways.get('digital-champion', { version: v });
 * ```
 */
export type PathwayVersionRef = string | number;

/**
 * One page of `pathways.list` (the server answers them all at once).
 *
 * @example
 * ```ts
 * for await (const page of col.pathways.list().pages()) console.log(page.pathways.length);
 * ```
 */
export interface PathwayList {
  pathways: PathwayVersion[];
}

/** The version as the API takes it on the wire (a whole number ≥ 1), or a TypeError. */
function versionNumber(version: PathwayVersionRef | undefined): number | undefined {
  if (version === undefined) return undefined;
  const n = typeof version === 'number' ? version : /^\d+$/.test(version) ? Number(version) : Number.NaN;
  if (!Number.isInteger(n) || n < 1) throw new TypeError(`A pathway version is a whole number from 1 ("2" or 2), not ${JSON.stringify(version)}.`);
  return n;
}

/**
 * What a learner presents to claim a pathway's milestone badges: who they are and the
 * credentials that show their progress. The server verifies each credential for that email
 * before it counts, and returns awards it already holds only to a learner proven this way.
 *
 * @example
 * ```ts
 * const input: MilestoneInput = { recipient: { email: 'ada@example.org' }, credentials: [award.credential] };
 * const result = await col.pathways.milestones('digital-ready-brightwater', input);
 * ```
 */
export interface MilestoneInput {
  /** The learner (their email is matched against each credential's hashed recipient). */
  recipient: { email: string };
  /** Their credentials: JSON objects or compact JWS strings (at most 50). */
  credentials: Array<OpenBadgeCredential | Record<string, unknown> | string>;
  /** Evaluate against this published version (default: the latest). */
  version?: PathwayVersionRef;
}

/**
 * Learning pathways: read, create and version (drafts), publish, and milestones.
 *
 * @example
 * ```ts
 * const pathway = await col.pathways.get('digital-champion');
 * const result = await col.pathways.milestones(pathway.key, { recipient: { email }, credentials });
 * ```
 */
export interface PathwaysResource {
  /** The latest published version of every pathway. */
  list(options?: RequestOptions): Paginated<PathwayVersion, PathwayList>;
  /** The latest published version, or a given one (drafts only with the owner's key). */
  get(keyOrId: string, options?: RequestOptions & { version?: PathwayVersionRef }): Promise<PathwayVersion>;
  /** Create a pathway as a draft version 1 (admin key or the owning provider's key). */
  create(input: PathwayInput, options?: RequestOptions): Promise<PathwayVersion>;
  /** Add a new draft version of an existing pathway. */
  createVersion(keyOrId: string, input: Omit<PathwayInput, 'key' | 'issuer'>, options?: RequestOptions): Promise<PathwayVersion>;
  /** Publish a draft (the latest when no version is given). Publishing twice is harmless. */
  publish(keyOrId: string, options?: RequestOptions & { version?: PathwayVersionRef }): Promise<PathwayVersion>;
  /**
   * Present a learner's credentials: the server verifies them, evaluates the pathway and issues
   * every milestone badge earned — at most once per learner, version and node, so repeating the
   * call (or a retry) never awards twice.
   */
  milestones(keyOrId: string, input: MilestoneInput, options?: RequestOptions): Promise<MilestoneResult>;
}

/** @internal */
export function pathwaysResource(http: Transport): PathwaysResource {
  const base = (keyOrId: string) => `api/v1/pathways/${keyOf(keyOrId)}`;
  return {
    list(options = {}) {
      return paginate<PathwayVersion, PathwayList>(async () => {
        const { data } = await http.request({ method: 'GET', path: 'api/v1/pathways', expect: 'json', schema: S.pathwayList, ...options });
        const page = data as unknown as PathwayList;
        return { page, items: page.pathways };
      });
    },
    async get(keyOrId, options = {}) {
      const { version, ...rest } = options;
      const { data } = await http.request({ method: 'GET', path: base(keyOrId), query: { version: versionNumber(version) }, expect: 'json', schema: S.pathwayVersion, ...rest });
      return data as unknown as PathwayVersion;
    },
    async create(input, options = {}) {
      const { data } = await http.request({ method: 'POST', path: 'api/v1/pathways', json: input, expect: 'json', schema: S.pathwayVersion, ...options });
      return data as unknown as PathwayVersion;
    },
    async createVersion(keyOrId, input, options = {}) {
      const { data } = await http.request({ method: 'POST', path: `${base(keyOrId)}/versions`, json: input, expect: 'json', schema: S.pathwayVersion, ...options });
      return data as unknown as PathwayVersion;
    },
    async publish(keyOrId, options = {}) {
      const { version, ...rest } = options;
      const { data } = await http.request({
        method: 'POST', path: `${base(keyOrId)}/publish`, json: version === undefined ? {} : { version: versionNumber(version) }, expect: 'json', schema: S.pathwayVersion, ...rest,
      });
      return data as unknown as PathwayVersion;
    },
    async milestones(keyOrId, input, options = {}) {
      // The server awards at most once per learner, version and node, so repeating this POST is
      // safe: the key marks it retryable (and lets a server that honours it replay the answer).
      const { data } = await http.request({
        method: 'POST', path: `${base(keyOrId)}/milestones`, json: input.version === undefined ? input : { ...input, version: versionNumber(input.version) }, idempotencyKey: newIdempotencyKey(), expect: 'json', schema: S.milestoneResult, ...options,
      });
      return data as unknown as MilestoneResult;
    },
  };
}
