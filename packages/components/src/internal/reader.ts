/**
 * The badge reader (core's detect/normalize/unbake and the fetching around them), loaded on
 * first need as its own chunk: the element's shell — Lit, styles, strings — is all a page pays
 * before a badge is given, and pages with many badges load the reader once.
 */
let loading: Promise<typeof import('./load-badge.js')> | undefined;

/**
 * Import the reader once (later calls share the promise; a failed load is retried next time).
 *
 * @example
 * ```ts
 * const { loadBadge } = await loadReader();
 * ```
 */
export function loadReader(): Promise<typeof import('./load-badge.js')> {
  loading ??= import('./load-badge.js');
  loading.catch(() => (loading = undefined));
  return loading;
}
