import type { Fetcher } from './fetcher.js';
import type { VerifyOptions } from './options.js';

/**
 * Everything one verification run shares: the fetcher (and its cache), the clock and the options.
 *
 * @example
 * ```ts
 * const ctx: RunContext = { fetcher: new Fetcher(options), now: new Date(), options, lists: new Map() };
 * ```
 */
export interface RunContext {
  fetcher: Fetcher;
  now: Date;
  options: VerifyOptions;
  /** Results of status-list verification, per list URL, so each list is checked once per run. */
  lists: Map<string, Promise<unknown>>;
}

type Json = Record<string, unknown>;

/**
 * Whether a value is a plain JSON object.
 *
 * @example
 * ```ts
 * isObj({}); // true; isObj([]) is false
 * ```
 */
export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/**
 * A value as an array (`undefined`/`null` → empty).
 *
 * @example
 * ```ts
 * asArray(credential.proof).length;
 * ```
 */
export const asArray = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
/**
 * The `id` of an IRI-or-object value.
 *
 * @example
 * ```ts
 * idOf({ id: 'did:key:z6Mk…' }); // 'did:key:z6Mk…'
 * ```
 */
export const idOf = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : isObj(v) && typeof v.id === 'string' ? v.id : undefined;
/**
 * Whether `type` (string or array) includes `name`.
 *
 * @example
 * ```ts
 * hasType(credential, 'OpenBadgeCredential');
 * ```
 */
export const hasType = (v: unknown, name: string): boolean => asArray(isObj(v) ? v.type : undefined).includes(name);
