/**
 * A value that may be given once or as an array, as JSON-LD allows (`type`, `@context`,
 * `proof`, `evidence`, …). Readers must accept both.
 *
 * @example
 * ```ts
 * const types: OneOrMany<string> = ['VerifiableCredential', 'OpenBadgeCredential'];
 * const one: OneOrMany<string> = 'Assertion';
 * ```
 */
export type OneOrMany<T> = T | T[];

/**
 * An IRI (URL, URN or DID) naming a JSON-LD node.
 *
 * @example
 * ```ts
 * const issuer: Iri = 'did:web:example.org';
 * ```
 */
export type Iri = string;

/**
 * An ISO 8601 date-time, e.g. `2024-05-01T12:00:00Z`.
 *
 * @example
 * ```ts
 * const validFrom: DateTime = new Date().toISOString();
 * ```
 */
export type DateTime = string;

/**
 * A JSON-LD value object carrying a language tag, used by OB 3.0 for multi-language text.
 *
 * @example
 * ```ts
 * const name: LanguageValue = { '@value': 'Bathodyn Gwaith Tîm', '@language': 'cy' };
 * ```
 */
export interface LanguageValue {
  '@value': string;
  '@language'?: string;
  '@direction'?: 'ltr' | 'rtl';
}

/**
 * Human-readable text as found in the wild: a plain string, a language-tagged value, an array
 * of them, or a language map (`{ "en": "…", "cy": "…" }`). {@link normalize} picks one.
 *
 * @example
 * ```ts
 * const name: MultilingualText = [
 *   { '@value': 'Teamwork', '@language': 'en' },
 *   { '@value': 'Gwaith tîm', '@language': 'cy' },
 * ];
 * ```
 */
export type MultilingualText = string | LanguageValue | Array<string | LanguageValue> | Record<string, string>;

/**
 * The verification format of a badge. A public contract: it appears in the verify report.
 *
 * - `ob2-hosted` — Open Badges 2.0 assertion verified by fetching it from its `id`.
 * - `ob2-signed` — Open Badges 2.0 assertion as a compact JWS.
 * - `ob3-jwt` — Open Badges 3.0 credential secured as a VC-JWT.
 * - `ob3-data-integrity` — Open Badges 3.0 credential with an embedded Data Integrity proof.
 * - `unknown` — not knowable from the input alone (a bare URL, an unsecured credential).
 *
 * @example
 * ```ts
 * const format: BadgeFormat = detect(text).format;
 * if (format === 'unknown') fetchFirst();
 * ```
 */
export type BadgeFormat = 'ob2-hosted' | 'ob2-signed' | 'ob3-jwt' | 'ob3-data-integrity' | 'unknown';

/**
 * Every {@link BadgeFormat}, in a stable order.
 *
 * @example
 * ```ts
 * if (BADGE_FORMATS.includes(value as BadgeFormat)) useFormat(value as BadgeFormat);
 * ```
 */
export const BADGE_FORMATS: readonly BadgeFormat[] = Object.freeze([
  'ob2-hosted',
  'ob2-signed',
  'ob3-jwt',
  'ob3-data-integrity',
  'unknown',
]);
