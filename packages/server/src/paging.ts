// One way to page a list, whatever the route: `limit` and `offset` (or `cursor`) are read and
// refused here, so every list answers bad paging with the same 400 `invalid-paging`, naming the
// field, in the same words. Silently clamping a bad value once let `limit=-1` remove the page cap.
import { Buffer } from 'node:buffer';
import { HttpError } from './errors.js';

/**
 * Page-size bounds shared by every paged route: 20 by default, at most 100, at most
 * 1,000,000,000 items skipped.
 *
 * @example
 * ```ts
 * PAGE_LIMITS.max; // 100
 * ```
 */
export const PAGE_LIMITS = { default: 20, max: 100, maxOffset: 1_000_000_000 } as const;

/**
 * How long a page may be on a route, and how long it is when the caller does not say.
 *
 * @example
 * ```ts
 * const bounds: LimitBounds = { default: 50, max: 200 };
 * ```
 */
export interface LimitBounds {
  default: number;
  max: number;
}

/**
 * The 400 every paging mistake gets.
 *
 * @example
 * ```ts
 * throw pagingError('limit', 'must be a whole number from 1 to 100.');
 * ```
 */
export function pagingError(field: 'limit' | 'offset' | 'cursor', problem: string): HttpError {
  return new HttpError(400, 'invalid-paging', `"${field}" ${problem}`, {}, field);
}

/**
 * A whole number in range: in a query string plain digits (no sign, exponent or spaces), in a
 * JSON body an integer (a string there is a type mistake the caller should hear about).
 */
function whole(field: 'limit' | 'offset', from: 'query' | 'body', raw: unknown, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === null) return fallback;
  const value =
    from === 'query' ? (typeof raw === 'string' && /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN) : typeof raw === 'number' && Number.isInteger(raw) ? raw : Number.NaN;
  if (!(value >= min && value <= max)) throw pagingError(field, `must be a whole number from ${min} to ${max}.`);
  return value;
}

/**
 * The `limit` and `offset` query parameters of a paged route: plain whole numbers, `limit` from
 * 1 to {@link PAGE_LIMITS}.max, `offset` from 0. Anything else (`-1`, `0`, `1e3`, `abc`, a huge
 * number) is a 400 `invalid-paging`.
 *
 * @example
 * ```ts
 * const { limit, offset } = readPaging(c.req.query()); // { limit: 20, offset: 0 } by default
 * ```
 */
export function readPaging(query: Record<string, string | undefined>): { limit: number; offset: number } {
  return {
    limit: whole('limit', 'query', query.limit, PAGE_LIMITS.default, 1, PAGE_LIMITS.max),
    offset: whole('offset', 'query', query.offset, 0, 0, PAGE_LIMITS.maxOffset),
  };
}

/**
 * A page size from a JSON body (`50`; {@link readPaging} reads it from a query string), within
 * `bounds`: absent is the default, anything else out of range a 400 `invalid-paging`.
 *
 * @example
 * ```ts
 * const limit = readLimit(body.limit, { default: 50, max: 200 });
 * ```
 */
export function readLimit(raw: unknown, bounds: LimitBounds = PAGE_LIMITS): number {
  return whole('limit', 'body', raw, bounds.default, 1, bounds.max);
}

const FORGED = 'is not a cursor this server handed out (use the "next" of a previous page).';

/**
 * An opaque cursor (the `next` of a page) for a position in a list: the sort values of the last
 * item returned.
 *
 * @example
 * ```ts
 * const next = encodeCursor([row.changed, row.key]);
 * ```
 */
export function encodeCursor(position: readonly string[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/**
 * The position a cursor from {@link encodeCursor} stands for (`undefined` when none is sent):
 * exactly `maxLengths.length` strings, each no longer than its bound. Anything else is a 400
 * `invalid-paging`.
 *
 * @example
 * ```ts
 * const [changed, key] = decodeCursor(body.cursor, [40, 100]) ?? ['', ''];
 * ```
 */
export function decodeCursor(value: unknown, maxLengths: readonly number[]): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > 400) throw pagingError('cursor', FORGED);
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw pagingError('cursor', FORGED);
  }
  const fits = Array.isArray(position) && position.length === maxLengths.length && position.every((part, i) => typeof part === 'string' && part.length < maxLengths[i]!);
  if (!fits) throw pagingError('cursor', FORGED);
  return position as string[];
}
