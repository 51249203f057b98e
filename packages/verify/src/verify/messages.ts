/**
 * Report messages: the catalogue (en-GB built in, Welsh loaded on demand) and the helpers the
 * checks use to say what went wrong in a way that can be said again in another language.
 */
import { isColError } from '@citiesoflearning/core';
import {
  isMessageKey,
  loadCatalogue,
  pickLocale,
  render,
  type CheckCode,
  type Locale,
  type MessageParams,
  type MessageRef,
} from './messages/catalogue.js';

export { render, enGB, isMessageKey, pickLocale, loadCatalogue } from './messages/catalogue.js';
export type { CheckCode, Locale, MessageKey, MessageParams, MessageRef, Catalogue } from './messages/catalogue.js';

/**
 * A code from elsewhere (a `ColError` of core, a proof result) as a report code. Codes the
 * catalogue knows are checked by the compiler where they are written; one it does not know keeps
 * its own value (programs may already switch on it) and gets the general sentence.
 *
 * @example
 * ```ts
 * makeCheck('parse', 'failed', asCode(error.code), { detail: error.message });
 * ```
 */
export function asCode(code: string): CheckCode {
  return code as CheckCode;
}

/**
 * The plain-language message for a report code in a locale (en-GB by default; unknown locales
 * fall back to en-GB; unknown codes get a general sentence). Asynchronous because the Welsh
 * catalogue is loaded only when first asked for.
 *
 * @example
 * ```ts
 * await messageFor('revoked');       // "This badge has been revoked by its issuer."
 * await messageFor('revoked', 'cy'); // "Mae’r cyhoeddwr wedi dirymu’r bathodyn hwn."
 * ```
 */
export async function messageFor(code: CheckCode, locale: Locale = 'en-GB', params?: MessageParams): Promise<string> {
  const catalogue = await loadCatalogue(pickLocale(locale));
  return render(isMessageKey(code) ? code : 'unknown', params, catalogue);
}

/**
 * A lookup error as a catalogue entry, to be said as the cause of a check: its code when the
 * catalogue has it (with the host, URL or status it names), else the general sentence with the
 * error's own text.
 *
 * @example
 * ```ts
 * makeCheck('status', 'inconclusive', 'status-unreachable', { cause: causeOf(error) });
 * ```
 */
export function causeOf(error: unknown): MessageRef {
  if (!isColError(error)) return { ref: 'unknown' };
  const details = (error.details ?? {}) as Record<string, unknown>;
  const params: MessageParams = {};
  for (const name of ['host', 'url', 'status', 'n'] as const) {
    const v = details[name === 'n' ? 'maxDocuments' : name];
    if (typeof v === 'string' || typeof v === 'number') params[name] = name === 'url' ? clipUrl(String(v)) : v;
  }
  if (isMessageKey(error.code)) return { ref: error.code, params };
  return { ref: 'unknown', params: { detail: error.message } };
}

function clipUrl(url: string): string {
  const noQuery = url.split('?')[0] ?? url;
  return noQuery.length > 120 ? `${noQuery.slice(0, 117)}…` : noQuery;
}

/**
 * Codes from fetching and key lookup that mean "we could not find out", not "this is wrong".
 *
 * @example
 * ```ts
 * INCONCLUSIVE_CODES.has('fetch-timeout'); // true
 * ```
 */
export const INCONCLUSIVE_CODES: ReadonlySet<string> = new Set([
  'offline',
  'fetch-failed',
  'fetch-timeout',
  'fetch-aborted',
  'http-error',
  'insecure-url',
  'too-many-redirects',
  'redirect-loop',
  'response-too-large',
  'document-invalid',
  'key-unresolvable',
  'status-unreachable',
  'context-unknown',
  'crypto-unsupported',
  'private-address-refused',
  'url-invalid',
  'budget-exceeded',
  'too-many-documents',
] satisfies CheckCode[]);
