import type { RequestOptions, Transport } from '../http/transport.js';
import { paginate, type Paginated } from '../http/paginate.js';
import { keyOf } from './keys.js';
import * as S from './schemas.js';
import type { Achievement, Alignment } from './types.js';

/**
 * Filters for `achievements.list`, applied by the server.
 *
 * @example
 * ```ts
 * const filters: AchievementFilters = { issuer: 'city-library', skill: 'Communicating' };
 * ```
 */
export interface AchievementFilters extends RequestOptions {
  /** Issuer key. */
  issuer?: string;
  /** Matches an alignment's `targetName` or `targetCode` (case-insensitive). */
  skill?: string;
  /** Matches one of the tags (case-insensitive). */
  tag?: string;
  /** Text in the name or description (case-insensitive). */
  q?: string;
}

/**
 * What `achievements.create` needs (admin key, or a provider key for its own issuer).
 *
 * @example
 * ```ts
 * const input: AchievementInput = {
 *   issuer: 'city-library', name: 'Code Club: Level 1', description: 'Built a first web page.',
 *   criteria: { narrative: 'Attend four sessions and publish a page.' },
 *   alignment: [{ targetName: 'Creating', targetUrl: 'https://example.org/eds/creating' }],
 * };
 * ```
 */
export interface AchievementInput {
  /** Issuer key (a provider key defaults to its own issuer). */
  issuer?: string;
  key?: string;
  name: string;
  description: string;
  /** What the learner did: a narrative, or a page describing it. */
  criteria: string | { narrative?: string; id?: string };
  /** An OB 3.0 achievement type (default `Badge`) or `ext:Something`. */
  achievementType?: string;
  alignment?: Omit<Alignment, 'type'>[];
  tag?: string[];
  place?: { areaCode?: string; name?: string };
  inLanguage?: string;
  /** An https URL, or a `data:` URI of a PNG or SVG (≤ 256 KiB). */
  image?: string;
  imageCaption?: string;
  /** Credentials expire (`validUntil`) this many days after issue (1–36 500). */
  validForDays?: number;
}

/**
 * One page of `achievements.list` (the server answers them all at once).
 *
 * @example
 * ```ts
 * for await (const page of col.achievements.list().pages()) console.log(page.achievements.length);
 * ```
 */
export interface AchievementList {
  achievements: Achievement[];
}

/**
 * Achievements (badge classes).
 *
 * @example
 * ```ts
 * for await (const a of col.achievements.list({ skill: 'Communicating' })) console.log(a.key, a.name);
 * const badge = await col.achievements.get('code-club-1');
 * ```
 */
export interface AchievementsResource {
  list(filters?: AchievementFilters): Paginated<Achievement, AchievementList>;
  get(keyOrId: string, options?: RequestOptions): Promise<Achievement>;
  /** Create an achievement (admin key, or a provider key for its own issuer). */
  create(input: AchievementInput, options?: RequestOptions): Promise<Achievement>;
}

/** @internal */
export function achievementsResource(http: Transport): AchievementsResource {
  return {
    list(filters = {}) {
      const { signal, timeoutMs, timeout, ...query } = filters;
      return paginate<Achievement, AchievementList>(async () => {
        const { data } = await http.request({
          method: 'GET', path: 'api/v1/achievements', query, expect: 'json', schema: S.achievementList, signal, timeoutMs: timeoutMs ?? timeout,
        });
        const page = data as unknown as AchievementList;
        return { page, items: page.achievements };
      });
    },
    async get(keyOrId, options = {}) {
      const { data } = await http.request({ method: 'GET', path: `api/v1/achievements/${keyOf(keyOrId)}`, expect: 'json', schema: S.achievement, ...options });
      return data as Achievement;
    },
    async create(input, options = {}) {
      const { data } = await http.request({ method: 'POST', path: 'api/v1/achievements', json: input, expect: 'json', schema: S.achievement, ...options });
      return data as Achievement;
    },
  };
}
