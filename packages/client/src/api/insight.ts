import type { RequestOptions, Transport } from '../http/transport.js';
import { array, either, integer, matching, nullable, object, oneOf, record, string, unknown } from '../validate/schema.js';

/**
 * What an insight table can be broken down by.
 *
 * @example
 * ```ts
 * const by: InsightBy = 'month';
 * ```
 */
export type InsightBy = 'achievement' | 'skill' | 'priority' | 'provider' | 'area' | 'month';

/**
 * The counts in every row.
 *
 * @example
 * ```ts
 * const m: InsightMeasure = 'pathwayCompletions';
 * ```
 */
export type InsightMeasure = 'issued' | 'claimed' | 'revoked' | 'pathwayStarts' | 'pathwayCompletions' | 'opportunities';

/**
 * A count, or one withheld because it is small (or would let a small one be worked out).
 *
 * @example
 * ```ts
 * const text = (c: InsightCell) => (c.value === null ? 'fewer than 10' : String(c.value));
 * ```
 */
export type InsightCell = { value: number } | { value: null; suppressed: true };

/**
 * One row of an insight table.
 *
 * @example
 * ```ts
 * const row: InsightRow = table.rows[0]!;
 * console.log(row.label, row.cells.issued.value ?? 'withheld');
 * ```
 */
export interface InsightRow {
  /** Achievement, skill, priority or issuer key; an area code; or `YYYY-MM`. */
  key: string;
  label: string;
  cells: Record<InsightMeasure, InsightCell>;
  /** Priorities with a target: the target and the progress over the period. */
  target?: { value: number; measure: 'credentials' | 'pathwayCompletions'; by: string; progress: InsightCell };
}

/**
 * An insight table: aggregate counts only, never a learner.
 *
 * @example
 * ```ts
 * const table: InsightTable = await col.insight.get({ by: 'priority' });
 * ```
 */
export interface InsightTable {
  by: InsightBy;
  from: string;
  to: string;
  /** `public` (no key), `provider` (its own figures), `place` (admin). */
  scope: 'public' | 'provider' | 'place';
  threshold: number;
  measures: InsightMeasure[];
  rows: InsightRow[];
  totals: Record<InsightMeasure, InsightCell>;
}

/**
 * What to count: all optional. The period is whole months, `YYYY-MM` (default the last twelve).
 *
 * @example
 * ```ts
 * const q: InsightQuery = { by: 'month', from: '2026-01', to: '2026-12', area: 'E08000026' };
 * ```
 */
export interface InsightQuery extends RequestOptions {
  by?: InsightBy;
  from?: string;
  to?: string;
  /** Only this issuer (a provider key may only name its own). */
  issuer?: string;
  /** Only this area (ONS code). */
  area?: string;
  /** Only what counts towards this priority. */
  priority?: string;
  /** Withhold counts below this; at least the server's threshold (10 by default). */
  threshold?: number;
}

/**
 * A place's insight: the admin key sees the place, a provider key its own figures, and no key
 * what the place publishes.
 *
 * @example
 * ```ts
 * const table = await col.insight.get({ by: 'provider' });
 * const csv = await col.insight.csv({ by: 'provider' });
 * ```
 */
export interface InsightResource {
  get(query?: InsightQuery): Promise<InsightTable>;
  /** The same table as CSV (RFC 4180; a withheld count is an empty field, named in the `suppressed` column). */
  csv(query?: InsightQuery): Promise<string>;
}

const cell = either(object({ value: integer() }), object({ value: nullable(integer()), suppressed: unknown() }));
const month = matching(/^\d{4}-\d{2}$/, 'a month, YYYY-MM');
/** An insight table as the server answers it (checked at run time). */
export const insightSchema = object({
  by: oneOf('achievement', 'skill', 'priority', 'provider', 'area', 'month'),
  from: month,
  to: month,
  scope: oneOf('public', 'provider', 'place'),
  threshold: integer(),
  measures: array(string()),
  rows: array(object({ key: string(), label: string(), cells: record(cell) }, { target: object({ value: integer(), measure: string(), by: string(), progress: cell }) })),
  totals: record(cell),
});

/** @internal */
export function insightResource(http: Transport): InsightResource {
  const queryOf = ({ signal: _signal, timeout: _timeout, ...q }: InsightQuery) => q;
  return {
    async get(query = {}) {
      const { signal, timeout } = query;
      const { data } = await http.request({ method: 'GET', path: 'api/v1/insight', query: { ...queryOf(query) }, expect: 'json', schema: insightSchema, ...(signal ? { signal } : {}), ...(timeout ? { timeout } : {}) });
      return data as InsightTable;
    },
    async csv(query = {}) {
      const { signal, timeout } = query;
      const { data } = await http.request({ method: 'GET', path: 'api/v1/insight', query: { ...queryOf(query), format: 'csv' }, headers: { accept: 'text/csv' }, expect: 'text', ...(signal ? { signal } : {}), ...(timeout ? { timeout } : {}) });
      return data as string;
    },
  };
}
