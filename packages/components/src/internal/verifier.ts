/**
 * The verifier, loaded on first need: `@citiesoflearning/verify` (and, inside it, JSON-LD for
 * the credentials that need it) is a separate chunk that a page showing badges without
 * verifying never downloads.
 */
import type { VerificationReport, VerifyOptions } from '@citiesoflearning/verify';

let loading: Promise<typeof import('@citiesoflearning/verify')> | undefined;

/**
 * Import the verifier once (later calls share the same promise).
 *
 * @example
 * ```ts
 * const { verify } = await loadVerifier();
 * ```
 */
export function loadVerifier(): Promise<typeof import('@citiesoflearning/verify')> {
  loading ??= import('@citiesoflearning/verify');
  // A failed chunk load (offline) may succeed later: don't cache the failure.
  loading.catch(() => (loading = undefined));
  return loading;
}

/**
 * The `fetch` verification uses: the page's own (looked up at call time), asking the HTTP
 * cache to revalidate, so a badge revoked a moment ago is not reported as current from a
 * cached revocation list.
 *
 * @example
 * ```ts
 * await verify(input, { fetch: freshFetch });
 * ```
 */
export const freshFetch: typeof fetch = (input, init) => globalThis.fetch(input, { ...init, cache: 'no-cache' });

/**
 * Verify `input` with the lazily loaded verifier.
 *
 * @example
 * ```ts
 * const report = await verifyBadge(credential, { locale: 'cy', signal });
 * ```
 */
export async function verifyBadge(input: string | object | Uint8Array, options: VerifyOptions): Promise<VerificationReport> {
  const { verify } = await loadVerifier();
  return verify(input as Parameters<typeof verify>[0], { fetch: freshFetch, ...options });
}
