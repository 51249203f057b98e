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
    let format = this.#dates.get(locale);
    if (!format) this.#dates.set(locale, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })));
    return format.format(date);
  }
}
