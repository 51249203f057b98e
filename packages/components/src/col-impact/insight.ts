/**
 * Issue #15's insight response (aggregates only) and how the element reads one safely: an
 * answer handed in by a provider's backend or fetched from the API is checked for shape before
 * anything is drawn, so a malformed or hostile answer is an error state, never a crash.
 */
import { ColError } from '@citiesoflearning/core';

/**
 * One figure: a count, or withheld because it is small (`1..threshold-1`) or could reveal one.
 *
 * @example
 * ```ts
 * const shown: InsightCell = { value: 120 };
 * const withheld: InsightCell = { value: null, suppressed: true };
 * ```
 */
export type InsightCell = { value: number } | { value: null; suppressed: true };

/**
 * What the figures count.
 *
 * @example
 * ```ts
 * const measure: InsightMeasure = 'pathwayCompletions';
 * ```
 */
export type InsightMeasure = 'issued' | 'claimed' | 'revoked' | 'pathwayStarts' | 'pathwayCompletions' | 'opportunities';

/**
 * How the rows are grouped.
 *
 * @example
 * ```ts
 * const by: InsightBy = 'month';
 * ```
 */
export type InsightBy = 'achievement' | 'skill' | 'priority' | 'provider' | 'area' | 'month';

/**
 * One row: a group's figures and, for a priority with a target, its progress.
 *
 * @example
 * ```ts
 * const row: InsightRow = { key: '2026-03', label: '2026-03', cells: { issued: { value: 40 } } };
 * ```
 */
export interface InsightRow {
  key: string;
  label: string;
  cells: Partial<Record<InsightMeasure, InsightCell>>;
  target?: { value: number; measure: 'credentials' | 'pathwayCompletions'; by: string; progress: InsightCell };
}

/**
 * `GET /api/v1/insight`'s answer.
 *
 * @example
 * ```ts
 * const insight: InsightResponse = await (await fetch(`${api}/api/v1/insight?by=priority`)).json();
 * ```
 */
export interface InsightResponse {
  by: InsightBy;
  from?: string;
  to?: string;
  scope: 'public' | 'provider' | 'place';
  threshold: number;
  measures: InsightMeasure[];
  rows: InsightRow[];
  totals: Partial<Record<InsightMeasure, InsightCell>>;
}

/**
 * Every measure, in the contract's order.
 *
 * @example
 * ```ts
 * MEASURES.includes('issued'); // true
 * ```
 */
export const MEASURES: readonly InsightMeasure[] = ['issued', 'claimed', 'revoked', 'pathwayStarts', 'pathwayCompletions', 'opportunities'];
/**
 * Every grouping.
 *
 * @example
 * ```ts
 * GROUPINGS.includes('month'); // true
 * ```
 */
export const GROUPINGS: readonly InsightBy[] = ['priority', 'skill', 'provider', 'area', 'month', 'achievement'];
/**
 * Most rows drawn (a place has far fewer priorities, providers or months).
 *
 * @example
 * ```ts
 * if (rows.length > MAX_ROWS) throw new Error('too many');
 * ```
 */
export const MAX_ROWS = 500;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const invalid = (why: string) => new ColError('insight-invalid', `The figures could not be read: ${why}.`);

function cell(value: unknown): InsightCell {
  if (isRecord(value) && value.suppressed === true) return { value: null, suppressed: true };
  if (isRecord(value) && typeof value.value === 'number' && Number.isFinite(value.value) && value.value >= 0) return { value: value.value };
  throw invalid('a figure is neither a count nor withheld');
}

function cells(value: unknown): Partial<Record<InsightMeasure, InsightCell>> {
  const out: Partial<Record<InsightMeasure, InsightCell>> = {};
  if (!isRecord(value)) return out;
  for (const measure of MEASURES) if (measure in value) out[measure] = cell(value[measure]);
  return out;
}

const text = (value: unknown, max = 200): string => (typeof value === 'string' ? value.slice(0, max) : typeof value === 'number' ? String(value) : '');

/**
 * Check and copy an insight answer (only the contract's fields survive). Throws ColError
 * `insight-invalid` when it is not one.
 *
 * @example
 * ```ts
 * impact.data = readInsight(await response.json());
 * ```
 */
export function readInsight(value: unknown): InsightResponse {
  if (!isRecord(value)) throw invalid('not an object');
  const by = GROUPINGS.includes(value.by as InsightBy) ? (value.by as InsightBy) : undefined;
  if (!by) throw invalid('unknown grouping');
  if (!Array.isArray(value.rows)) throw invalid('no rows');
  if (value.rows.length > MAX_ROWS) throw invalid(`more than ${MAX_ROWS} rows`);
  const threshold = typeof value.threshold === 'number' && value.threshold >= 1 && value.threshold < 1e6 ? Math.floor(value.threshold) : 10;
  const measures = Array.isArray(value.measures) ? MEASURES.filter((m) => (value.measures as unknown[]).includes(m)) : [...MEASURES];
  const rows = value.rows.map((row): InsightRow => {
    if (!isRecord(row)) throw invalid('a row is not an object');
    const out: InsightRow = { key: text(row.key), label: text(row.label) || text(row.key), cells: cells(row.cells) };
    const target = row.target;
    if (isRecord(target) && typeof target.value === 'number' && target.value > 0) {
      out.target = {
        value: target.value,
        measure: target.measure === 'pathwayCompletions' ? 'pathwayCompletions' : 'credentials',
        by: text(target.by, 10),
        progress: cell(target.progress ?? { value: 0 }),
      };
    }
    return out;
  });
  const scope = value.scope === 'provider' || value.scope === 'place' ? value.scope : 'public';
  const out: InsightResponse = { by, scope, threshold, measures, rows, totals: cells(value.totals) };
  if (typeof value.from === 'string') out.from = value.from.slice(0, 7);
  if (typeof value.to === 'string') out.to = value.to.slice(0, 7);
  return out;
}

/**
 * The query `<col-impact>` asks for (its filters).
 *
 * @example
 * ```ts
 * const query: InsightQuery = { by: 'month', from: '2026-01', to: '2026-12', area: 'E05099001' };
 * ```
 */
export interface InsightQuery {
  by: InsightBy;
  from?: string;
  to?: string;
  issuer?: string;
  area?: string;
}

/**
 * The insight URL for `query` under the API base `api` (empty filters left out).
 *
 * @example
 * ```ts
 * insightUrl('https://badges.example.org', { by: 'priority', from: '2026-01' });
 * // 'https://badges.example.org/api/v1/insight?by=priority&from=2026-01'
 * ```
 */
export function insightUrl(api: string, query: InsightQuery): string {
  const url = new URL('api/v1/insight', api.endsWith('/') ? api : `${api}/`);
  for (const name of ['by', 'from', 'to', 'issuer', 'area'] as const) {
    const value = query[name];
    if (value) url.searchParams.set(name, value);
  }
  return url.href;
}

/**
 * The address of the same figures as CSV (the API's `format=csv`): filters only, so it is safe to
 * put in a link — nothing about a person is in it.
 *
 * @example
 * ```ts
 * insightCsvUrl('https://badges.example.org', { by: 'month', area: 'E05099001' });
 * // 'https://badges.example.org/api/v1/insight?by=month&area=E05099001&format=csv'
 * ```
 */
export function insightCsvUrl(api: string, query: InsightQuery): string {
  const url = new URL(insightUrl(api, query));
  url.searchParams.set('format', 'csv');
  return url.href;
}

/**
 * Fetch insight anonymously (no key, no cookies: only what the place publishes). Throws
 * ColError `unpublished` (401/403: the place does not publish its figures), `fetch-failed`,
 * `http-error`, `input-too-large` or `insight-invalid`.
 *
 * @example
 * ```ts
 * const insight = await fetchInsight('https://badges.example.org', { by: 'month' }, signal);
 * ```
 */
export async function fetchInsight(api: string, query: InsightQuery, signal?: AbortSignal): Promise<InsightResponse> {
  let response: Response;
  try {
    response = await fetch(insightUrl(api, query), { credentials: 'omit', headers: { accept: 'application/json' }, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ColError('fetch-failed', "We couldn't reach the server.", { cause: error });
  }
  if (response.status === 401 || response.status === 403) throw new ColError('unpublished', 'This place does not publish its figures.');
  if (!response.ok) throw new ColError('http-error', `The server answered ${response.status}.`, { details: { status: response.status } });
  const body = await response.text();
  if (body.length > 4 * 1024 * 1024) throw new ColError('input-too-large', 'The figures are too large to show.');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw invalid('not JSON');
  }
  return readInsight(value);
}
