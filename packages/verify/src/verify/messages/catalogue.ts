import { enGB } from './en-GB.js';

/**
 * Every key of the message catalogue: the stable check codes and the dotted phrase keys that
 * sentences are built from (`why.withdrawn`, `what.ob3-jwt`, …).
 *
 * @example
 * ```ts
 * const key: MessageKey = 'why.withdrawn';
 * ```
 */
export type MessageKey = keyof typeof enGB;

/**
 * A stable code a report check can carry — derived from the catalogue, so a code without a
 * message (or a typo) does not compile. Phrase keys (with a dot) are not codes.
 *
 * @example
 * ```ts
 * const code: CheckCode = 'revoked';
 * if (check.code === ('signature-invalid' satisfies CheckCode)) warn();
 * ```
 */
export type CheckCode = Exclude<MessageKey, `${string}.${string}`>;

/**
 * The languages reports can be written in.
 *
 * @example
 * ```ts
 * const locale: Locale = 'cy';
 * ```
 */
export type Locale = 'en-GB' | 'cy';

/**
 * A complete catalogue: one template per key.
 *
 * @example
 * ```ts
 * const welsh: Catalogue = (await import('./cy.js')).cy;
 * ```
 */
export type Catalogue = Record<MessageKey, string>;

/**
 * Another catalogue entry used inside a message (rendered in the same language), e.g. the cause
 * of a lookup failure or the reason a check was skipped.
 *
 * @example
 * ```ts
 * const cause: MessageRef = { ref: 'fetch-timeout', params: { host: 'example.org' } };
 * ```
 */
export interface MessageRef {
  ref: MessageKey;
  params?: MessageParams;
}

/**
 * Values for a template's `{placeholders}`: text (URLs, dates, an issuer's own words — never
 * translated), numbers, other entries, or a list of entries (joined with "; ").
 *
 * @example
 * ```ts
 * const params: MessageParams = { reason: 'Issued in error', cause: { ref: 'offline' } };
 * ```
 */
export type MessageParams = { [name: string]: string | number | MessageRef | MessageRef[] | undefined };

const isRef = (v: unknown): v is MessageRef => typeof v === 'object' && v !== null && !Array.isArray(v) && 'ref' in v;

/**
 * Fill a template: `{name}` from `params` (entries rendered from the same catalogue), and drop
 * any `[...]` part whose parameters are missing.
 *
 * @example
 * ```ts
 * render('revoked', { reason: 'Issued in error' }, enGB);
 * // 'This badge has been revoked by its issuer. Reason given: Issued in error'
 * ```
 */
export function render(key: MessageKey, params: MessageParams | undefined, catalogue: Catalogue, depth = 0): string {
  const template = catalogue[key] ?? enGB[key] ?? enGB.unknown;
  const value = (name: string): string | undefined => {
    const v = params?.[name];
    if (v === undefined || v === '') return undefined;
    if (depth > 4) return undefined; // a cause of a cause of…: enough
    if (Array.isArray(v)) return v.map((r) => render(r.ref, r.params, catalogue, depth + 1)).join('; ');
    if (isRef(v)) return render(v.ref, v.params, catalogue, depth + 1);
    return String(v);
  };
  const optional = template.replace(/\[([^\]]*)\]/g, (_all, inner: string) => {
    const names = [...inner.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    return names.every((n) => value(n) !== undefined) ? inner : '';
  });
  return optional.replace(/\{(\w+)\}/g, (_all, name: string) => value(name) ?? '');
}

/**
 * Whether a string is a key of the catalogue.
 *
 * @example
 * ```ts
 * isMessageKey('revoked'); // true
 * ```
 */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(enGB, key);
}

/**
 * The locale to use for a requested one: `cy` (or `cy-GB`) is Welsh; anything else is en-GB.
 *
 * @example
 * ```ts
 * pickLocale('cy-GB'); // 'cy'
 * pickLocale('fr');    // 'en-GB'
 * ```
 */
export function pickLocale(requested: unknown): Locale {
  return typeof requested === 'string' && /^cy(?:-|$)/i.test(requested) ? 'cy' : 'en-GB';
}

/**
 * The catalogue for a locale: en-GB is built in; Welsh is its own module, loaded on first use
 * so pages that never ask for it do not download it.
 *
 * @example
 * ```ts
 * const messages = await loadCatalogue('cy');
 * ```
 */
export async function loadCatalogue(locale: Locale): Promise<Catalogue> {
  if (locale === 'cy') return (await import('./cy.js')).cy;
  return enGB;
}

export { enGB };
