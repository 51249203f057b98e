/**
 * Picking one string out of OB 3.0 multi-language text: a plain string, `{ "@value", "@language" }`,
 * an array of those, or a language map `{ "en": "…", "cy": "…" }`.
 */
import { isRecord, own } from './guards.js';

interface Candidate {
  language?: string;
  value: string;
}

const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;

function candidatesOf(value: unknown, out: Candidate[], nested: boolean): void {
  if (typeof value === 'string') {
    if (value.length > 0) out.push({ value });
  } else if (Array.isArray(value)) {
    if (!nested) for (const item of value) candidatesOf(item, out, true);
  } else if (isRecord(value)) {
    const literal = own(value, '@value');
    if (literal !== undefined) {
      const language = own(value, '@language');
      if (typeof literal === 'string' && literal.length > 0) {
        out.push(typeof language === 'string' ? { language, value: literal } : { value: literal });
      }
    } else if (!nested) {
      // A language map: every key a language tag, every value a string.
      for (const key of Object.keys(value)) {
        const text = value[key];
        if (LANGUAGE_TAG.test(key) && typeof text === 'string' && text.length > 0) out.push({ language: key, value: text });
      }
    }
  }
}

const primary = (tag: string) => tag.toLowerCase().split('-')[0];

/**
 * The best string in `value` for the reader's languages: an exact tag match, then the same
 * primary language (`cy` ↔ `cy-GB`), then untagged text, then English, then the first one.
 * `undefined` when there is no usable text (wrong types are ignored, never thrown).
 */
export function pickText(value: unknown, languages: readonly string[]): string | undefined {
  const candidates: Candidate[] = [];
  candidatesOf(value, candidates, false);
  if (candidates.length <= 1) return candidates[0]?.value;
  for (const wanted of languages) {
    const exact = candidates.find((c) => c.language?.toLowerCase() === wanted.toLowerCase());
    if (exact) return exact.value;
    const sameLanguage = candidates.find((c) => c.language !== undefined && primary(c.language) === primary(wanted));
    if (sameLanguage) return sameLanguage.value;
  }
  const untagged = candidates.find((c) => c.language === undefined);
  if (untagged) return untagged.value;
  const english = candidates.find((c) => primary(c.language!) === 'en');
  return (english ?? candidates[0]!).value;
}
