import type { RequestOptions, Transport } from '../http/transport.js';
import { array, integer, matching, object, oneOf, string } from '../validate/schema.js';
import { keyOf } from './keys.js';

/**
 * A framework target a priority is about. Achievements and pathways count towards the priority
 * through their own alignments: by `targetCode` (and framework, and URL when both are given),
 * else by `targetUrl`.
 *
 * @example
 * ```ts
 * const a: PriorityAlignment = { targetName: 'Communicating', targetCode: 'EDS-COMMUNICATING' };
 * ```
 */
export interface PriorityAlignment {
  targetName: string;
  targetUrl?: string;
  targetCode?: string;
  targetFramework?: string;
}

/**
 * What a priority aims for, and by when.
 *
 * @example
 * ```ts
 * const t: PriorityTarget = { value: 500, measure: 'credentials', by: '2027-07-31' };
 * ```
 */
export interface PriorityTarget {
  value: number;
  measure: 'credentials' | 'pathwayCompletions';
  /** A date, `YYYY-MM-DD`. */
  by: string;
}

/**
 * One of a place's learning priorities.
 *
 * @example
 * ```ts
 * const p: Priority = await col.priorities.get('digital-foundations');
 * console.log(p.name, p.target?.value);
 * ```
 */
export interface Priority {
  key: string;
  name: string;
  description?: string;
  alignments: PriorityAlignment[];
  /** An ONS-style area code, e.g. `E08000026`. */
  area?: string;
  target?: PriorityTarget;
}

/**
 * What `priorities.create` takes (admin key). The key defaults to a slug of the name.
 *
 * @example
 * ```ts
 * const input: PriorityInput = { name: 'Digital Foundations', alignments: [{ targetName: 'Foundation skills', targetCode: 'EDS-FOUNDATION' }], target: { value: 500, measure: 'credentials', by: '2027-07-31' } };
 * ```
 */
export interface PriorityInput {
  key?: string;
  name: string;
  description?: string;
  alignments: PriorityAlignment[];
  area?: string;
  target?: PriorityTarget;
}

/**
 * What `priorities.update` takes: the fields to replace; `null` clears an optional one.
 *
 * @example
 * ```ts
 * const change: PriorityUpdate = { target: { value: 650, measure: 'credentials', by: '2027-12-31' }, area: null };
 * ```
 */
export interface PriorityUpdate {
  name?: string;
  description?: string | null;
  alignments?: PriorityAlignment[];
  area?: string | null;
  target?: PriorityTarget | null;
}

/**
 * A place's learning priorities: anyone reads them; the admin key writes them (server side only).
 *
 * @example
 * ```ts
 * for (const p of await col.priorities.list()) console.log(p.name);
 * ```
 */
export interface PrioritiesResource {
  list(options?: RequestOptions): Promise<Priority[]>;
  get(keyOrId: string, options?: RequestOptions): Promise<Priority>;
  create(input: PriorityInput, options?: RequestOptions): Promise<Priority>;
  update(keyOrId: string, change: PriorityUpdate, options?: RequestOptions): Promise<Priority>;
  remove(keyOrId: string, options?: RequestOptions): Promise<void>;
}

const alignment = object({ targetName: string() }, { targetUrl: string(), targetCode: string(), targetFramework: string() });
/** A priority as the server answers it (checked at run time). */
export const prioritySchema = object(
  { key: string(), name: string(), alignments: array(alignment) },
  { description: string(), area: string(), target: object({ value: integer(), measure: oneOf('credentials', 'pathwayCompletions'), by: matching(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD') }) },
);
/** The list of priorities. */
export const priorityListSchema = object({ priorities: array(prioritySchema) });

/** @internal */
export function prioritiesResource(http: Transport): PrioritiesResource {
  const path = (keyOrId: string) => `api/v1/priorities/${keyOf(keyOrId)}`;
  return {
    async list(options = {}) {
      const { data } = await http.request({ method: 'GET', path: 'api/v1/priorities', expect: 'json', schema: priorityListSchema, ...options });
      return data.priorities as Priority[];
    },
    async get(keyOrId, options = {}) {
      const { data } = await http.request({ method: 'GET', path: path(keyOrId), expect: 'json', schema: prioritySchema, ...options });
      return data as Priority;
    },
    async create(input, options = {}) {
      const { data } = await http.request({ method: 'POST', path: 'api/v1/priorities', json: input, expect: 'json', schema: prioritySchema, ...options });
      return data as Priority;
    },
    async update(keyOrId, change, options = {}) {
      const { data } = await http.request({ method: 'PATCH', path: path(keyOrId), json: change, expect: 'json', schema: prioritySchema, ...options });
      return data as Priority;
    },
    async remove(keyOrId, options = {}) {
      await http.request({ method: 'DELETE', path: path(keyOrId), expect: 'none', ...options });
    },
  };
}
