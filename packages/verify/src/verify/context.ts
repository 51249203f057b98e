import type { Fetcher } from './fetcher.js';
import type { VerifyOptions } from './options.js';

/** Everything one verification run shares: the fetcher (and its cache), the clock and the options. */
export interface RunContext {
  fetcher: Fetcher;
  now: Date;
  options: VerifyOptions;
  /** Results of status-list verification, per list URL, so each list is checked once per run. */
  lists: Map<string, Promise<unknown>>;
}

type Json = Record<string, unknown>;

/** Whether a value is a plain JSON object. */
export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A value as an array (`undefined`/`null` → empty). */
export const asArray = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
/** The `id` of an IRI-or-object value. */
export const idOf = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : isObj(v) && typeof v.id === 'string' ? v.id : undefined;
/** Whether `type` (string or array) includes `name`. */
export const hasType = (v: unknown, name: string): boolean => asArray(isObj(v) ? v.type : undefined).includes(name);
