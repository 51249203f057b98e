import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { onConfigurationChange, pageConfiguration } from '../config/config.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { emit } from '../internal/events.js';
import { errorCodeOf } from '../internal/errors.js';
import { fetchDocument } from '../internal/fetch-document.js';
import { Latest } from '../internal/latest.js';
import type { LoadedBadge } from '../internal/load-badge.js';
import { loadReader } from '../internal/reader.js';
import { safeLinkUrl } from '../internal/safe-url.js';
import { listMessages } from './col-badge-list.messages.js';
import { listStyles } from './col-badge-list.styles.js';

const stop = (event: Event) => event.stopPropagation();

/** At most this many badges are loaded into one list (a place's catalogue is dozens to hundreds). */
const MAX_ITEMS = 500;
type ListMessage = keyof (typeof listMessages)['en-GB'];
type Phase = 'empty' | 'loading' | 'ready' | 'error';

/**
 * A responsive grid of badges — from a list of sources (URLs, credentials, achievements) or
 * from an API query (`issuer`, `skill`, `place`) — filterable by skill, paged, and navigable
 * with the arrow keys. Each badge is a `<col-badge>`.
 *
 * `define.js` also registers `<col-badge>`; register both if you register this class under
 * another name.
 *
 * @tagname col-badge-list
 * @summary A grid of badges with a skill filter and paging.
 *
 * @fires col-list-loaded - The list is loaded. Detail: `{ count, skipped }` (badges shown, sources that could not be).
 * @fires col-error - The list could not be loaded. Detail: `{ code, message }`. (Each badge's own
 *   `col-loaded`/`col-error` stays inside the list; its `col-verified` bubbles out.)
 *
 * @csspart base - The whole list.
 * @csspart filters - The skill filter buttons.
 * @csspart filter - One skill filter button (`aria-pressed` when active).
 * @csspart summary - "Showing 1–12 of 30 badges".
 * @csspart grid - The grid of badges.
 * @csspart item - One cell of the grid (focusable; arrow keys move between cells).
 * @csspart pager - Previous / next page.
 * @csspart error - The error message.
 *
 * @cssprop --col-badge-list-min - Narrowest a column gets before the grid wraps (default 15rem).
 *
 * @example
 * ```html
 * <col-badge-list api="https://badges.example.org" skill="Teamwork" layout="compact"></col-badge-list>
 * <col-badge-list srcs="https://badges.example.org/api/v1/credentials/a https://badges.example.org/api/v1/credentials/b"></col-badge-list>
 * ```
 */
export class ColBadgeList extends LitElement {
  /** @internal Lit: the constructable stylesheets. */
  static override styles = listStyles;

  /** @internal Lit: the reactive properties (documented on each field). */
  static override properties = {
    sources: { attribute: 'srcs', converter: (v: string | null) => (v ? v.split(/\s+/).filter(Boolean) : undefined) },
    api: {},
    issuer: {},
    skill: {},
    place: {},
    layout: {},
    pageSize: { type: Number, attribute: 'page-size' },
    verify: { type: Boolean },
    locale: { reflect: true },
    allowPrivateNetwork: { type: Boolean, attribute: 'allow-private-network' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    /** @internal */ _phase: { state: true },
    /** @internal */ _items: { state: true },
    /** @internal */ _skipped: { state: true },
    /** @internal */ _filter: { state: true },
    /** @internal */ _page: { state: true },
    /** @internal */ _focus: { state: true },
  };

  /** What to show: badge URLs, credential objects or JWS, or achievements (the `srcs` attribute: space-separated URLs). */
  declare sources: Array<string | object> | undefined;
  /** The API base URL to query when there are no `sources` (else the page configuration). */
  declare api: string | undefined;
  /** Only achievements of this issuer (its key on the API). */
  declare issuer: string | undefined;
  /** Only achievements aligned to this skill (name or code). */
  declare skill: string | undefined;
  /** Only achievements offered in this place (area code or name). */
  declare place: string | undefined;
  /** Layout of each badge: `card` (default) or `compact`. */
  declare layout: 'card' | 'compact';
  /** Badges per page (default 12). */
  declare pageSize: number;
  /** Verify each credential and show its status pill. */
  declare verify: boolean;
  /** `en-GB` or `cy` (else the page configuration, else the nearest `lang`). */
  declare locale: string | undefined;
  /** Let verification reach loopback/private addresses — local development only. */
  declare allowPrivateNetwork: boolean;
  /** Heading level of each badge name (default 3). */
  declare headingLevel: number;

  /** @internal */ declare _phase: Phase;
  /** @internal */ declare _items: LoadedBadge[];
  /** @internal */ declare _skipped: number;
  /** @internal */ declare _filter: string;
  /** @internal */ declare _page: number;
  /** @internal */ declare _focus: number;

  #i18n = new LocaleController(this, listMessages);
  #runs = new Latest();
  #pendingWhileDetached = false;
  #stopConfig: (() => void) | undefined;

  constructor() {
    super();
    this.layout = 'card';
    this.pageSize = 12;
    this.verify = false;
    this.allowPrivateNetwork = false;
    this.headingLevel = 3;
    this._phase = 'empty';
    this._items = [];
    this._skipped = 0;
    this._filter = '';
    this._page = 0;
    this._focus = 0;
  }

  /** Every skill the loaded badges are aligned to, sorted. */
  get skills(): string[] {
    const names = new Set<string>();
    for (const item of this._items) for (const a of item.badge.alignments) names.add(a.targetName);
    return [...names].sort((a, b) => a.localeCompare(b, this.#i18n.locale));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Each badge is a <col-badge>: registered here too, so a page that defines this class under
    // its own name (without the define entry) still sees its badges.
    void import('../col-badge/define.js');
    // configure({ api }) called after this list was created: load from the new API.
    this.#stopConfig = onConfigurationChange(() => {
      if (!this.sources?.length && !this.api) void this.#load();
    });
    if (this.#pendingWhileDetached) {
      this.#pendingWhileDetached = false;
      void this.#load();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopConfig?.();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // First render too: a list may take everything from the page configuration.
    if (!this.hasUpdated || ['sources', 'api', 'issuer', 'skill', 'place', 'locale'].some((p) => changed.has(p as keyof ColBadgeList))) {
      if (this.isConnected) void this.#load();
      else this.#pendingWhileDetached = true;
    }
  }

  async #load(): Promise<void> {
    const run = this.#runs.start();
    this._filter = '';
    this._page = 0;
    this._focus = 0;
    const api = this.api ?? pageConfiguration().api;
    if (!this.sources?.length && !api) {
      this._items = [];
      this._phase = 'empty';
      return;
    }
    this._phase = 'loading';
    try {
      const { loadBadge } = await loadReader();
      const sources = this.sources?.length ? this.sources : await this.#query(api!, run.signal);
      const lang = this.#i18n.locale;
      const settled = await Promise.allSettled(
        sources.slice(0, MAX_ITEMS).map((source) =>
          loadBadge(typeof source === 'string' && /^https?:/i.test(source) ? { src: source } : { credential: source }, lang, run.signal),
        ),
      );
      if (!run.current) return;
      this._items = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      this._skipped = settled.length - this._items.length;
      this._phase = 'ready';
      emit(this, 'col-list-loaded', { count: this._items.length, skipped: this._skipped });
    } catch (error) {
      if (!run.current) return;
      this._items = [];
      this._phase = 'error';
      emit(this, 'col-error', { code: errorCodeOf(error), message: this.#i18n.t('error') });
    }
  }

  /** GET /api/v1/achievements with the filters the API has; `place` is matched here. */
  async #query(api: string, signal: AbortSignal): Promise<object[]> {
    const params = new URLSearchParams();
    if (this.issuer) params.set('issuer', this.issuer);
    if (this.skill) params.set('skill', this.skill);
    const base = api.endsWith('/') ? api : `${api}/`;
    const url = safeLinkUrl(`api/v1/achievements${params.size ? `?${params}` : ''}`, base);
    const doc = await fetchDocument(url ?? '', { signal });
    const list = doc.kind === 'json' && Array.isArray(doc.value.achievements) ? (doc.value.achievements as Record<string, unknown>[]) : [];
    const place = this.place?.toLowerCase();
    return place
      ? list.filter((a) => {
          const where = (a.place ?? {}) as { areaCode?: unknown; name?: unknown };
          return [where.areaCode, where.name].some((v) => typeof v === 'string' && v.toLowerCase() === place);
        })
      : list;
  }

  get #visible(): LoadedBadge[] {
    const skill = this._filter;
    return skill ? this._items.filter((i) => i.badge.alignments.some((a) => a.targetName === skill)) : this._items;
  }

  #keydown(event: KeyboardEvent, count: number): void {
    const grid = event.currentTarget as HTMLElement;
    const columns = Math.max(1, getComputedStyle(grid).gridTemplateColumns.split(' ').filter(Boolean).length);
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns };
    let next = this._focus;
    if (event.key in moves) next = Math.min(count - 1, Math.max(0, this._focus + moves[event.key]!));
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = count - 1;
    else return;
    event.preventDefault();
    this._focus = next;
    void this.updateComplete.then(() => this.renderRoot.querySelectorAll<HTMLElement>('[part~="item"]')[next]?.focus());
  }

  #setFilter(skill: string): void {
    this._filter = skill;
    this._page = 0;
    this._focus = 0;
  }

  protected override render(): TemplateResult {
    const t = (key: ListMessage, values?: Record<string, string | number>) => this.#i18n.t(key, values);
    if (this._phase === 'loading') return html`<div part="base" aria-busy="true"><p>${t('loading')}</p></div>`;
    if (this._phase === 'error') return html`<div part="base"><p part="error">${t('error')}</p></div>`;
    if (this._items.length === 0) return html`<div part="base"><p>${t('empty')}</p>${this._skipped ? html`<p>${t('skipped', { count: this._skipped })}</p>` : nothing}</div>`;
    const visible = this.#visible;
    const size = Math.max(1, this.pageSize || 12);
    const pages = Math.max(1, Math.ceil(visible.length / size));
    const page = Math.min(this._page, pages - 1);
    const shown = visible.slice(page * size, page * size + size);
    const skills = this.skills;
    const locale = this.#i18n.locale;
    return html`<div part="base">
      ${skills.length > 1
        ? html`<div part="filters" role="group" aria-label=${t('filters')}>
            <button part="filter" aria-pressed=${this._filter === '' ? 'true' : 'false'} @click=${() => this.#setFilter('')}>${t('all')}</button>
            ${skills.map((s) => html`<button part="filter" aria-pressed=${this._filter === s ? 'true' : 'false'} @click=${() => this.#setFilter(s)}>${s}</button>`)}
          </div>`
        : nothing}
      <p part="summary" role="status">${visible.length ? t('summary', { from: page * size + 1, to: page * size + shown.length, total: visible.length }) : t('no-match')}</p>
      ${this._skipped ? html`<p>${t('skipped', { count: this._skipped })}</p>` : nothing}
      <ul part="grid" aria-label=${t('list')} @col-loaded=${stop} @col-error=${stop} @keydown=${(e: KeyboardEvent) => this.#keydown(e, shown.length)}>
        ${shown.map(
          (item, index) => html`<li part="item" tabindex=${index === Math.min(this._focus, shown.length - 1) ? '0' : '-1'} aria-label=${item.badge.name} @focus=${() => (this._focus = index)}>
            <col-badge
              .credential=${item.input}
              layout=${this.layout === 'compact' ? 'compact' : 'card'}
              locale=${locale}
              heading-level=${this.headingLevel}
              ?verify=${this.verify && item.verifiable}
              ?allow-private-network=${this.allowPrivateNetwork}
              no-actions
            ></col-badge>
          </li>`,
        )}
      </ul>
      ${pages > 1
        ? html`<nav part="pager" aria-label=${t('pages')}>
            <button ?disabled=${page === 0} @click=${() => ((this._page = page - 1), (this._focus = 0))}>${t('previous')}</button>
            <span>${t('page', { page: page + 1, pages })}</span>
            <button ?disabled=${page >= pages - 1} @click=${() => ((this._page = page + 1), (this._focus = 0))}>${t('next')}</button>
          </nav>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'col-list-loaded': CustomEvent<{ count: number; skipped: number }>;
  }
  // Every element event bubbles and is composed, so a page may listen on `document` too.
  interface DocumentEventMap {
    'col-list-loaded': CustomEvent<{ count: number; skipped: number }>;
  }
}
