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
   * Whether lookups may reach loopback, private, link-local or cloud-metadata addresses (default
   * true, so local development and `colearn verify` against a local server work). A server that
   * verifies badges other people hand it should set `false`: a badge could otherwise make it
   * request internal services (SSRF). Refused lookups make the result inconclusive.
   */
  allowPrivateNetwork?: boolean;
  /**
   * Reuse documents fetched by earlier calls (issuer profiles, keys, DID documents, status
   * lists): pass the same `createDocumentCache({ ttlMs })` to every call.
   */
  cache?: DocumentCache;
}
