// The OB 2.0 hosted-verification policy our issuer profiles publish. By default an OB 2.0
// verifier accepts a hosted assertion from any URL on the issuer's host; on a shared server that
// would let anything under it (an uploaded image, another provider's document) pass as an
// assertion. `startsWith` narrows it to the URLs where this server serves assertions.
import type { Urls } from './context.js';

/**
 * The `verification` object of an OB 2.0 Issuer profile served here: hosted assertions must
 * start with the server's credential URL prefix (`…/api/v1/credentials/`).
 *
 * @example
 * ```ts
 * ob2VerificationPolicy(urls('https://badges.example.org'));
 * // { type: 'VerificationObject', startsWith: ['https://badges.example.org/api/v1/credentials/'] }
 * ```
 */
export function ob2VerificationPolicy(u: Urls): { type: 'VerificationObject'; startsWith: string[] } {
  return { type: 'VerificationObject', startsWith: [u.credential('')] };
}
