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

// A template read once into its parts — text, `{placeholders}` and `[optional groups]` — so
// that saying a message (several per verification) is a walk over a few parts, not two regex
// replaces. Keyed by the template text: the catalogues are fixed, so this stays small.
type Piece = string | { name: string };
type Part = Piece | { optional: Piece[] };
const compiled = new Map<string, Part[]>();

function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  for (const m of text.matchAll(/\{(\w+)\}/g)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push({ name: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function compile(template: string): Part[] {
  let parts = compiled.get(template);
  if (!parts) {
    parts = [];
    let last = 0;
    for (const m of template.matchAll(/\[([^\]]*)\]/g)) {
      parts.push(...pieces(template.slice(last, m.index)), { optional: pieces(m[1]!) });
      last = m.index + m[0].length;
    }
    parts.push(...pieces(template.slice(last)));
    compiled.set(template, parts);
  }
  return parts;
}

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
  const parts = compile(template);
  if (parts.length === 1 && typeof parts[0] === 'string') return parts[0];
  const value = (name: string): string | undefined => {
    const v = params?.[name];
    if (v === undefined || v === '') return undefined;
    if (depth > 4) return undefined; // a cause of a cause of…: enough
    if (Array.isArray(v)) return v.map((r) => render(r.ref, r.params, catalogue, depth + 1)).join('; ');
    if (isRef(v)) return render(v.ref, v.params, catalogue, depth + 1);
    return String(v);
  };
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') out += part;
    else if ('name' in part) out += value(part.name) ?? '';
    else out += optionalGroup(part.optional, value);
  }
  return out;
}

/** An optional group's text, or nothing when one of its parameters is missing. */
function optionalGroup(pieces: Piece[], value: (name: string) => string | undefined): string {
  let text = '';
  for (const piece of pieces) {
    if (typeof piece === 'string') text += piece;
    else {
      const v = value(piece.name);
      if (v === undefined) return '';
      text += v;
    }
  }
  return text;
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
