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
  // The longest cursor these bounds allow (every character escaped as \uXXXX, then base64): no
  // larger string is even decoded.
  const longest = Math.ceil(((maxLengths.reduce((sum, n) => sum + n, 0) * 6 + maxLengths.length * 3 + 2) * 4) / 3);
  if (typeof value !== 'string' || value.length > longest) throw pagingError('cursor', FORGED);
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

/**
 * What a caller asked of a list that pages only when asked: `undefined` when the query has
 * neither `limit` nor `cursor` (the whole list, as these lists have always answered), else the
 * page size (default {@link PAGE_LIMITS}.default) and the position to start after.
 *
 * @example
 * ```ts
 * const paging = readListPaging(c.req.query(), [200, 100]); // cursor = [name, key]
 * ```
 */
export function readListPaging(query: Record<string, string | undefined>, cursorLengths: readonly number[]): ListPaging | undefined {
  if (query.limit === undefined && query.cursor === undefined) return undefined;
  const limit = whole('limit', 'query', query.limit, PAGE_LIMITS.default, 1, PAGE_LIMITS.max);
  const after = decodeCursor(query.cursor, cursorLengths);
  return after ? { limit, after } : { limit };
}

/**
 * A page request for a list: how many items, and the position (from a cursor) to start after.
 *
 * @example
 * ```ts
 * const paging: ListPaging = { limit: 20, after: ['Brightwater Museum', 'museum'] };
 * ```
 */
export interface ListPaging {
  limit: number;
  after?: string[];
}

/** Compares positions element by element, as the lists are ordered (`ORDER BY a, b`). */
function comparePositions(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i]! !== b[i]!) return a[i]! < b[i]! ? -1 : 1;
  }
  return a.length - b.length;
}

/**
 * One page of a list in order of `positionOf` (the sort values, ending with the unique key): up to `paging.limit` items after `paging.after`, and `next`, the cursor to the page after
 * it, when more remain.
 *
 * @example
 * ```ts
 * const { items, next } = pageAfter(rows, (r) => [r.name, r.key], { limit: 20 });
 * ```
 */
export function pageAfter<T>(items: readonly T[], positionOf: (item: T) => string[], paging: ListPaging): { items: T[]; next?: string } {
  const { after } = paging;
  // Sorted here too, by the same comparison the cursor is read with: SQLite's collation and
  // JavaScript's string order differ for a few characters, and a page must never skip or repeat one.
  const ordered = [...items].sort((a, b) => comparePositions(positionOf(a), positionOf(b)));
  const rest = after ? ordered.filter((item) => comparePositions(positionOf(item), after) > 0) : ordered;
  const page = rest.slice(0, paging.limit);
  return rest.length > page.length ? { items: page, next: encodeCursor(positionOf(page[page.length - 1]!)) } : { items: page };
}
