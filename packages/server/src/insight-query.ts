// The query of GET /api/v1/insight, validated: bad input is a 400 naming the parameter, never a
// silently different table.
import { HttpError } from './errors.js';
import { KEY_PATTERN } from './http.js';
import { AREA_CODE } from './priorities.js';

/**
 * What an insight table can be broken down by.
 *
 * @example
 * ```ts
 * const by: InsightBy = 'priority';
 * ```
 */
export type InsightBy = 'achievement' | 'skill' | 'priority' | 'provider' | 'area' | 'month';

/**
 * Every breakdown, in the order the docs list them.
 *
 * @example
 * ```ts
 * INSIGHT_BY.includes('month'); // true
 * ```
 */
export const INSIGHT_BY: readonly InsightBy[] = ['achievement', 'skill', 'priority', 'provider', 'area', 'month'];

/**
 * A validated insight query.
 *
 * @example
 * ```ts
 * const q: InsightQuery = { by: 'month', from: '2026-01', to: '2026-12', threshold: 10, format: 'json' };
 * ```
 */
export interface InsightQuery {
  by: InsightBy;
  /** First month, `YYYY-MM`. */
  from: string;
  /** Last month (inclusive), `YYYY-MM`. */
  to: string;
  issuer?: string;
  area?: string;
  priority?: string;
  /** Counts below this are withheld: at least the server's threshold. */
  threshold: number;
  format: 'json' | 'csv';
}

/** The longest span one query may cover: ten years of months. */
const MAX_MONTHS = 120;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const invalid = (name: string, problem: string) => new HttpError(400, 'invalid-request', `"${name}" ${problem}`, {}, name);

function monthIndex(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return y * 12 + (m - 1);
}

/**
 * The month `count` months after (or before, if negative) `month`.
 *
 * @example
 * ```ts
 * addMonths('2026-11', 2); // '2027-01'
 * ```
 */
export function addMonths(month: string, count: number): string {
  const i = monthIndex(month) + count;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/**
 * Every month from `from` to `to`, inclusive.
 *
 * @example
 * ```ts
 * monthsBetween('2026-11', '2027-01'); // ['2026-11', '2026-12', '2027-01']
 * ```
 */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(addMonths(from, i - monthIndex(from)));
  return out;
}

/**
 * Read and check the query string. The period defaults to the twelve months up to and including
 * the current one; the threshold to the server's, and it can only be raised.
 *
 * @example
 * ```ts
 * const q = readInsightQuery(c.req.query(), c.req.header('accept'), { now: new Date(), minThreshold: 10 });
 * ```
 */
export function readInsightQuery(query: Record<string, string | undefined>, accept: string | undefined, options: { now: Date; minThreshold: number }): InsightQuery {
  const by = query.by ?? 'achievement';
  if (!INSIGHT_BY.includes(by as InsightBy)) throw invalid('by', `must be one of ${INSIGHT_BY.join(', ')}.`);
  const thisMonth = options.now.toISOString().slice(0, 7);
  const month = (name: 'from' | 'to', fallback: string) => {
    const value = query[name];
    if (value === undefined) return fallback;
    if (!MONTH.test(value)) throw invalid(name, 'must be a month, YYYY-MM (e.g. 2026-01).');
    return value;
  };
  const to = month('to', thisMonth);
  const from = month('from', addMonths(to, -11));
  if (monthIndex(from) > monthIndex(to)) throw invalid('from', 'is after "to".');
  if (monthIndex(to) - monthIndex(from) + 1 > MAX_MONTHS) throw invalid('from', `to "to" spans more than ${MAX_MONTHS} months; ask for a shorter period.`);
  const key = (name: 'issuer' | 'priority') => {
    const value = query[name];
    if (value !== undefined && !KEY_PATTERN.test(value)) throw invalid(name, 'must be a key: 1–64 letters, digits, "-" or "_".');
    return value;
  };
  const area = query.area;
  if (area !== undefined && !AREA_CODE.test(area)) throw invalid('area', 'must be an ONS area code such as E08000026.');
  let threshold = options.minThreshold;
  if (query.threshold !== undefined) {
    const asked = /^\d{1,6}$/.test(query.threshold) ? Number(query.threshold) : Number.NaN;
    // Only ever raised: a lower threshold would publish what the place decided to withhold.
    if (!(asked >= options.minThreshold && asked <= 100_000)) throw invalid('threshold', `must be a whole number from ${options.minThreshold} (this server's threshold) to 100000.`);
    threshold = asked;
  }
  const format = query.format ?? (/\btext\/csv\b/i.test(accept ?? '') ? 'csv' : 'json');
  if (format !== 'json' && format !== 'csv') throw invalid('format', 'must be json or csv.');
  const issuer = key('issuer');
  const priority = key('priority');
  return { by: by as InsightBy, from, to, threshold, format, ...(issuer ? { issuer } : {}), ...(area ? { area } : {}), ...(priority ? { priority } : {}) };
}
