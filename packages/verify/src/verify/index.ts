/**
 * The verification flow: `verify(input, options)` → a check-by-check {@link VerificationReport}.
 *
 * @packageDocumentation
 */
export { verify } from './verify.js';
export type { VerifyOptions } from './options.js';
export { createDocumentCache, type DocumentCache, type DocumentCacheOptions } from './document-cache.js';
export {
  summarize,
  overallOutcome,
  type VerificationReport,
  type Check,
  type CheckId,
  type CheckOutcome,
  type VerificationOutcome,
  type BadgeSummary,
} from './report.js';
export { messageFor } from './messages.js';
export { didWebToUrl } from './resolve-key.js';
export { isPrivateHost } from './fetcher.js';
