import type { VerificationReport } from './report.js';
import type { VerifyOptions } from './options.js';
import { verify as verifyAnywhere } from './verify.js';
import { guardedFetch } from './net/guarded-fetch.js';

/**
 * `verify()` for Node: unless `allowPrivateNetwork` is true or a `fetch`
 * is supplied, lookups go through a fetch that judges the **resolved** address of every
 * connection (and of every redirect hop), so a public name that resolves to 127.0.0.1, a
 * private range or a cloud metadata service is refused. The package's `node` export condition
 * selects this entry; browsers get the same `verify()` with the spelling check only.
 *
 * @example
 * ```ts
 * import { verify } from '@citiesoflearning/verify';
 * const report = await verify('https://badges.example.org/a/1'); // never reaches 10.x, 127.x, …
 * ```
 */
export function verify(input: string | Uint8Array | ArrayBuffer | object, options: VerifyOptions = {}): Promise<VerificationReport> {
  if (options.allowPrivateNetwork === true || options.fetch || options.offline) return verifyAnywhere(input, options);
  return verifyAnywhere(input, { ...options, fetch: guardedFetch });
}
