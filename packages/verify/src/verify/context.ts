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
