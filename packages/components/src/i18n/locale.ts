/**
 * The languages every element speaks, and how an element picks one.
 */

/**
 * A supported locale: British English or Welsh.
 *
 * @example
 * ```ts
 * const locale: ColLocale = 'cy';
 * ```
 */
export type ColLocale = 'en-GB' | 'cy';

/**
 * Every supported locale, default first.
 *
 * @example
 * ```ts
 * LOCALES.includes('cy'); // true
 * ```
 */
export const LOCALES: readonly ColLocale[] = ['en-GB', 'cy'];

/**
 * Map any BCP 47 tag to a supported locale (`cy`, `cy-GB` → `cy`; anything else → `en-GB`),
 * or `undefined` for an empty value.
 *
 * @example
 * ```ts
 * toLocale('cy-GB'); // 'cy'
 * toLocale('fr');    // 'en-GB'
 * ```
 */
export function toLocale(tag: string | null | undefined): ColLocale | undefined {
  if (!tag) return undefined;
  return tag.trim().toLowerCase().split(/[-_]/)[0] === 'cy' ? 'cy' : 'en-GB';
}
