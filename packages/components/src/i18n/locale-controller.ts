/**
 * A reactive controller that gives one element its language. Unlike `@lit/localize`'s
 * page-global `msg()`, the language is resolved per element, so a bilingual page can show a
 * Welsh and an English badge side by side:
 *
 * element `locale` attribute → `configure({ locale })` / `<meta name="col:locale">` →
 * the nearest ancestor's `lang` → `en-GB`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onConfigurationChange, pageConfiguration } from '../config/config.js';
import { fill, type Catalogue } from './catalogue.js';
import { toLocale, type ColLocale } from './locale.js';

const WELSH_MONTHS = ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr'];
const support = new Map<string, boolean>();
/** Whether this runtime has date data for `locale` (many builds lack Welsh). */
function supported(locale: string): boolean {
  let known = support.get(locale);
  if (known === undefined) support.set(locale, (known = Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0));
  return known;
}

/** What the controller needs from its element. */
export interface LocalizedHost extends ReactiveControllerHost, HTMLElement {
  /** The element's `locale` attribute (may be empty). */
  locale?: string | undefined;
}

/**
 * Per-element localization: `t(key)`, dates and lists in the element's language; re-renders
 * the element when the page configuration changes.
 *
 * @example
 * ```ts
 * class MyElement extends LitElement {
 *   #i18n = new LocaleController(this, messages);
 *   render() { return html`<p>${this.#i18n.t('loading')}</p>`; }
 * }
 * ```
 */
export class LocaleController<K extends string> implements ReactiveController {
  #host: LocalizedHost;
  #catalogue: Catalogue<K>;
  #stop: (() => void) | undefined;
  #dates = new Map<string, Intl.DateTimeFormat>();

  constructor(host: LocalizedHost, catalogue: Catalogue<K>) {
    this.#host = host;
    this.#catalogue = catalogue;
    host.addController(this);
  }

  hostConnected(): void {
    this.#stop = onConfigurationChange(() => this.#host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#stop?.();
  }

  /** The language this element speaks now. */
  get locale(): ColLocale {
    const host = this.#host;
    return (
      toLocale(host.locale) ??
      pageConfiguration().locale ??
      toLocale(host.closest('[lang]')?.getAttribute('lang')) ??
      'en-GB'
    );
  }

  /** The message `key` in the element's language, placeholders filled with plain text. */
  t(key: K, values?: Record<string, string | number>): string {
    return fill(this.#catalogue[this.locale][key], values);
  }

  /** An ISO date as a long date in the element's language (`1 Rhagfyr 2026`), or `''`. */
  date(iso: string | undefined): string {
    if (!iso) return '';
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return '';
    const locale = this.locale;
    if (!supported(locale)) {
      // Chromium ships no Welsh date data (it would fall back to American English).
      return `${date.getUTCDate()} ${WELSH_MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
    }
    let format = this.#dates.get(locale);
    if (!format) this.#dates.set(locale, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })));
    return format.format(date);
  }

  /** A time of day (`14:05`) in the element's language, 24-hour as both languages write it. */
  time(date: Date): string {
    return new Intl.DateTimeFormat(supported(this.locale) ? this.locale : 'en-GB', { hour: '2-digit', minute: '2-digit' }).format(date);
  }
}
