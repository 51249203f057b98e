/**
 * Typed message catalogues. Each element owns a small catalogue (its folder's
 * `*.messages.ts`): English defines the keys, Welsh must supply every one of them (the compiler
 * refuses a missing key), and an element only bundles the strings it uses.
 */
import type { ColLocale } from './locale.js';

/**
 * One catalogue: for each locale, message key → template. `{name}` marks a placeholder.
 *
 * @example
 * ```ts
 * const messages: Catalogue<'hello'> = { 'en-GB': { hello: 'Hello {name}' }, cy: { hello: 'Helo {name}' } };
 * ```
 */
export type Catalogue<K extends string> = Record<ColLocale, Record<K, string>>;

/**
 * Build a catalogue; the types make the Welsh side list exactly the English keys.
 *
 * @example
 * ```ts
 * export const messages = defineMessages({ loading: 'Loading…' }, { loading: "Wrthi'n llwytho…" });
 * ```
 */
export function defineMessages<K extends string>(en: Record<K, string>, cy: Record<K, string>): Catalogue<K> {
  return { 'en-GB': en, cy };
}

/**
 * Fill a template's `{placeholders}`; values are plain text (the caller renders them as text).
 *
 * @example
 * ```ts
 * fill('Issued by {issuer}', { issuer: 'Brightwater College' }); // 'Issued by Brightwater College'
 * ```
 */
export function fill(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole,
  );
}
