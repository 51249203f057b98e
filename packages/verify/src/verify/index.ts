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
export { messageFor, enGB, type CheckCode, type Locale, type MessageKey, type MessageParams, type MessageRef, type Catalogue } from './messages.js';
export { DEFAULT_BUDGET_MS, DEFAULT_MAX_DOCUMENTS, DEFAULT_TIMEOUT_MS, DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_BYTES } from './fetcher.js';
export { DEFAULT_MAX_STATUS_ENTRIES } from './status.js';
export { didWebToUrl } from './resolve-key.js';
export { isPrivateHost } from './fetcher.js';
export { classifyAddress, isIpLiteral, type RefusedRange } from './net/address.js';
export { isJsonMediaType } from './fetcher.js';
