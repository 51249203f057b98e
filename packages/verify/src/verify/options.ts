import type { DocumentCache } from './document-cache.js';

/**
 * Options for {@link verify}.
 *
 * @example
 * ```ts
 * const options: VerifyOptions = { offline: true, documents: { 'https://example.org/did.json': didDoc },
 *   now: '2026-01-01T00:00:00Z', recipient: 'learner@example.org' };
 * ```
 */
export interface VerifyOptions {
  /**
   * URL → document (object or JSON text), consulted first for every lookup: DID documents
   * (a did:web document is keyed by the https URL it resolves to), issuer profiles, keys, JWKS,
   * status lists and hosted assertions.
   */
  documents?: Record<string, unknown>;
  /** No network at all: whatever is not in `documents` makes the result inconclusive. */
  offline?: boolean;
  /** The `fetch` to use for lookups (default: the global `fetch`). */
  fetch?: typeof fetch;
  /** Per-request timeout in milliseconds (default 10 000). */
  timeoutMs?: number;
  /** Per-response (and per-input) size limit in bytes (default 2 MB). */
  maxBytes?: number;
  /** Email, URL, phone or id to match against the badge's recipient (adds the `recipient` check). */
  recipient?: string;
  /** Issuer ids that count as known (adds the `trust` check). */
  trustedIssuers?: string[];
  /** Evaluate dates at this instant (default: now). */
  now?: Date | string;
  /** Cancel every lookup. */
  signal?: AbortSignal;
  /**
   * Whether lookups may reach loopback, private (10/8, 172.16/12, 192.168/16), link-local,
   * CGNAT (100.64/10), unique-local (fc00::/7), multicast, unspecified or cloud-metadata
   * addresses (default **false**: a badge must not make whoever verifies it request internal
   * services — SSRF). In Node the address is judged after DNS resolution, at connect time, on
   * every redirect hop; in a browser, by its spelling. A refused address is reported exactly
   * like an unreachable one (`fetch-failed`). Set `true` to verify badges from your own
   * development server (`colearn verify` does).
   */
  allowPrivateNetwork?: boolean;
  /** Overall time budget of this call in milliseconds, all lookups together (default 20 000). */
  budgetMs?: number;
  /** Most HTTP requests this call makes, each redirect hop counted (default 16). */
  maxDocuments?: number;
  /** Most `credentialStatus` entries checked per credential; more makes `status` inconclusive (default 4). */
  maxStatusEntries?: number;
  /**
   * The language of the report's messages: `'en-GB'` (default) or `'cy'` (Welsh). Codes,
   * outcomes and the report's shape do not change; an unknown locale falls back to en-GB.
   */
  locale?: 'en-GB' | 'cy';
  /**
   * Reuse documents fetched by earlier calls (issuer profiles, keys, DID documents, status
   * lists): pass the same `createDocumentCache({ ttlMs })` to every call.
   */
  cache?: DocumentCache;
}
