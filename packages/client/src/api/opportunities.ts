import type { RequestOptions, Transport } from '../http/transport.js';
import { paginate, type Paginated } from '../http/paginate.js';
import { keyOf } from './keys.js';
import * as S from './schemas.js';
import type { Opportunity, OpportunityMode } from './types.js';

/**
 * Search terms for `opportunities.search` (all optional, combined with AND).
 *
 * @example
 * ```ts
 * const search: OpportunitySearch = { q: 'coding', area: 'E06000023', from: new Date(), mode: 'in-person' };
 * ```
 */
export interface OpportunitySearch extends RequestOptions {
  /** Text in the title, description or skills. */
  q?: string;
  /** A skill name (exact, case-insensitive). */
  skill?: string;
  /** ONS area code. */
  area?: string;
  mode?: OpportunityMode;
  /** Only opportunities still running on or after this instant. */
  from?: string | Date;
  /** Only opportunities starting on or before this instant. */
  to?: string | Date;
  /** Issuer key of the provider. */
  provider?: string;
  /** Only those awarding this badge (key or id). */
  achievement?: string;
  /** Page size asked of the server (1–100, default 20). */
  pageSize?: number;
}

/**
 * One page of search results.
 *
 * @example
 * ```ts
 * for await (const page of col.opportunities.search({ skill }).pages()) console.log(page.total);
 * ```
 */
export interface OpportunityPage {
  opportunities: Opportunity[];
  total?: number;
  limit?: number;
  offset?: number;
}

/**
 * What `opportunities.create` needs (admin key, or a provider key for its own issuer).
 *
 * @example
 * ```ts
 * const input: OpportunityInput = { title: 'Code Club', mode: 'in-person', areaCode: 'E06000023', startsAt: '2026-12-01T16:00:00Z' };
 * ```
 */
export interface OpportunityInput {
  key?: string;
  /** Issuer key (a provider key defaults to its own). */
  provider?: string;
  title: string;
  description?: string;
  mode?: OpportunityMode;
  areaCode?: string;
  location?: { latitude: number; longitude: number };
  startsAt?: string;
  endsAt?: string;
  bookingUrl?: string;
  skills?: string[];
  /** Key or id of the badge it awards. */
  achievement?: string;
}

/**
 * Learning opportunities and their search.
 *
 * @example
 * ```ts
 * for await (const o of col.opportunities.search({ skill: 'Teamwork', area: 'E06000023' })) console.log(o.title);
 * ```
 */
export interface OpportunitiesResource {
  search(search?: OpportunitySearch): Paginated<Opportunity, OpportunityPage>;
  get(keyOrId: string, options?: RequestOptions): Promise<Opportunity>;
  create(input: OpportunityInput, options?: RequestOptions): Promise<Opportunity>;
}

const iso = (d: string | Date | undefined) => (d instanceof Date ? d.toISOString() : d);

/** @internal */
export function opportunitiesResource(http: Transport): OpportunitiesResource {
  return {
    search(search = {}) {
      const { signal, timeoutMs, timeout, pageSize, from, to, ...rest } = search;
      return paginate(async (cursor) => {
        const offset = cursor === undefined ? 0 : Number(cursor);
        const { data } = await http.request({
          method: 'GET', path: 'api/v1/opportunities',
          query: { ...rest, from: iso(from), to: iso(to), limit: pageSize, offset },
          expect: 'json', schema: S.opportunityPage, signal, timeoutMs: timeoutMs ?? timeout,
        });
        const items = data.opportunities as Opportunity[];
        const nextOffset = offset + items.length;
        const more = data.total !== undefined ? nextOffset < data.total : items.length > 0 && items.length === (data.limit ?? pageSize);
        return { page: data as OpportunityPage, items, next: more ? String(nextOffset) : undefined };
      });
    },
    async get(keyOrId, options = {}) {
      const { data } = await http.request({ method: 'GET', path: `api/v1/opportunities/${keyOf(keyOrId)}`, expect: 'json', schema: S.opportunity, ...options });
      return data as Opportunity;
    },
    async create(input, options = {}) {
      const { data } = await http.request({ method: 'POST', path: 'api/v1/opportunities', json: input, expect: 'json', schema: S.opportunity, ...options });
      return data as Opportunity;
    },
  };
}
