/**
 * Page-level configuration: set once for the page, picked up by every `col-` element; an
 * element's own attribute always wins. Two ways to set it, documented in the README:
 *
 * - `configure({ api, locale, trustedIssuers })` from a script, or
 * - `<meta name="col:api" content="https://badges.example.org">` (also `col:locale`,
 *   `col:trusted-issuers` — space-separated ids), for pages that only add a script tag.
 *
 * Precedence: element attribute → `configure()` → `<meta>` → built-in default.
 * Nothing is read at module scope, so importing on a server never touches `document`.
 */
import type { ColLocale } from '../i18n/locale.js';

/**
 * What a page may configure for all its elements.
 *
 * @example
 * ```ts
 * const config: ColConfig = { api: 'https://badges.example.org', locale: 'cy' };
 * ```
 */
export interface ColConfig {
  /** Base URL of the Cities of Learning API (e.g. `https://badges.example.org`). */
  api?: string;
  /** The language elements speak when they have no `locale` attribute. */
  locale?: ColLocale;
  /** Issuer ids (DIDs or URLs) that count as known when a badge is verified. */
  trustedIssuers?: string[];
  /**
   * Let verification contact loopback and private-network addresses. For local development
   * only (a reference server on `localhost`); never set it on a public page.
   */
  allowPrivateNetwork?: boolean;
  /** URL → document, consulted first by verification (offline use, pinned issuer profiles). */
  documents?: Record<string, unknown>;
}

let configured: ColConfig = {};
const listeners = new Set<() => void>();

/**
 * Set page-level defaults for every `col-` element; later calls merge over earlier ones, and
 * elements already on the page update.
 *
 * @example
 * ```ts
 * import { configure } from '@citiesoflearning/components';
 * configure({ api: 'https://badges.example.org', locale: 'cy', trustedIssuers: ['did:web:college.example'] });
 * ```
 */
export function configure(config: ColConfig): void {
  configured = { ...configured, ...config };
  for (const listener of [...listeners]) listener();
}

/**
 * Forget everything set by {@link configure} (tests, and pages that swap tenants).
 *
 * @example
 * ```ts
 * resetConfiguration();
 * ```
 */
export function resetConfiguration(): void {
  configured = {};
  for (const listener of [...listeners]) listener();
}

/**
 * Be told when {@link configure} changes something; returns the unsubscribe function.
 *
 * @example
 * ```ts
 * const stop = onConfigurationChange(() => element.requestUpdate());
 * ```
 */
export function onConfigurationChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function meta(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const content = document.querySelector(`meta[name="col:${name}"]`)?.getAttribute('content')?.trim();
  return content ? content : undefined;
}

/**
 * The page's configuration now: `configure()` over `<meta name="col:…">` tags.
 *
 * @example
 * ```ts
 * const api = pageConfiguration().api ?? location.origin;
 * ```
 */
export function pageConfiguration(): ColConfig {
  const fromMeta: ColConfig = {};
  const api = meta('api');
  if (api) fromMeta.api = api;
  const locale = meta('locale');
  if (locale) fromMeta.locale = locale.toLowerCase().startsWith('cy') ? 'cy' : 'en-GB';
  const trusted = meta('trusted-issuers');
  if (trusted) fromMeta.trustedIssuers = trusted.split(/\s+/).filter(Boolean);
  return { ...fromMeta, ...configured };
}
