import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { createClient, type Opportunity, type OpportunityMode, type OpportunityPage } from '@citiesoflearning/client';
import { onConfigurationChange, pageConfiguration } from '../config/config.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { errorCodeOf } from '../internal/errors.js';
import { emit } from '../internal/events.js';
import { Latest } from '../internal/latest.js';
import { safeLinkUrl } from '../internal/safe-url.js';
import { opportunitiesMessages } from './col-opportunities.messages.js';
import { opportunitiesStyles } from './col-opportunities.styles.js';

type Message = keyof (typeof opportunitiesMessages)['en-GB'];
type State = 'empty' | 'loading' | 'ready' | 'error';

/**
 * The search a `<col-opportunities>` runs (its filters).
 *
 * @example
 * ```ts
 * const filters: OpportunityFilters = { skill: 'coding', mode: 'in-person', from: '2026-12-01' };
 * ```
 */
export interface OpportunityFilters {
  q?: string;
  skill?: string;
  area?: string;
  mode?: OpportunityMode | '';
  /** `YYYY-MM-DD` (or an ISO instant): only opportunities still running on or after it. */
  from?: string;
  /** `YYYY-MM-DD` (or an ISO instant): only opportunities starting on or before it. */
  to?: string;
}

/**
 * Detail of `col-results`: the opportunities shown, how many match in all (when the API says),
 * and the page number (from 1).
 *
 * @example
 * ```ts
 * list.addEventListener('col-results', (e) => console.log(e.detail.total));
 * ```
 */
export interface OpportunityResults {
  opportunities: Opportunity[];
  total: number | undefined;
  page: number;
}

const MODES: OpportunityMode[] = ['in-person', 'online', 'blended'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/**
 * "What can I learn near me?": a searchable list of learning opportunities from the API —
 * filter by text, skill, area, how it is delivered and dates; each shows its provider, dates,
 * place, the badge it awards (a compact `<col-badge>`) and its booking link. Loading, empty and
 * error states; paging.
 *
 * @tagname col-opportunities
 * @summary A searchable, paged list of learning opportunities and the badges they award.
 *
 * @fires col-results - A page of results is shown. Detail: `{ opportunities, total, page }`.
 * @fires col-error - The search failed. Detail: `{ code, message }`.
 *
 * @csspart filters - The search form.
 * @csspart list - The list of opportunities.
 * @csspart item - One opportunity.
 * @csspart book - A booking link.
 * @csspart paging - The previous / next controls.
 * @csspart error - The error message.
 *
 * @cssprop --col-color-surface - Card background.
 * @cssprop --col-space - Spacing unit.
 *
 * @example
 * ```html
 * <col-opportunities api="https://badges.example.org" skill="coding" mode="in-person"></col-opportunities>
 * ```
 */
export class ColOpportunities extends LitElement {
  static override styles = opportunitiesStyles;

  static override properties = {
    api: {},
    q: { reflect: true },
    skill: { reflect: true },
    area: { reflect: true },
    mode: { reflect: true },
    from: { reflect: true },
    to: { reflect: true },
    pageSize: { type: Number, attribute: 'page-size' },
    locale: { reflect: true },
    headingLevel: { type: Number, attribute: 'heading-level' },
    /** @internal */ _state: { state: true },
    /** @internal */ _page: { state: true },
    /** @internal */ _index: { state: true },
    /** @internal */ _error: { state: true },
  };

  /** The API base URL (else the page configuration). */
  declare api: string | undefined;
  /** Text in the title, description or skills. */
  declare q: string | undefined;
  /** A skill (exact, case-insensitive). */
  declare skill: string | undefined;
  /** An ONS area code. */
  declare area: string | undefined;
  /** `in-person`, `online` or `blended`. */
  declare mode: OpportunityMode | '' | undefined;
  /** Still running on or after this day (`YYYY-MM-DD`); default today. */
  declare from: string | undefined;
  /** Starting on or before this day (`YYYY-MM-DD`). */
  declare to: string | undefined;
  /** Opportunities per page (default 10). */
  declare pageSize: number;
  /** `en-GB` or `cy`. */
  declare locale: string | undefined;
  /** The heading level of each opportunity's title (default 3). */
  declare headingLevel: number;

  /** @internal */ declare _state: State;
  /** @internal */ declare _page: OpportunityPage | undefined;
  /** @internal */ declare _index: number;
  /** @internal */ declare _error: { code: string; message: string } | undefined;

  #i18n = new LocaleController(this, opportunitiesMessages);
  #runs = new Latest();
  #stopConfig: (() => void) | undefined;
  /** Pages fetched for the current search, and the iterator that fetches the next one. */
  #pages: OpportunityPage[] = [];
  #iterator: AsyncIterator<OpportunityPage> | undefined;
  #run: ReturnType<Latest['start']> | undefined;

  constructor() {
    super();
    this.pageSize = 10;
    this.headingLevel = 3;
    this._state = 'empty';
    this._index = 0;
  }

  /** The opportunities shown now. */
  get results(): Opportunity[] {
    return this._page?.opportunities ?? [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Each opportunity shows the badge it awards with <col-badge>, registered when first needed
    // (importing this class registers nothing).
    void import('../col-badge/define.js');
    // configure({ api }) called after this element was created: search the API it names.
    let pageApi = pageConfiguration().api;
    this.#stopConfig = onConfigurationChange(() => {
      const api = pageConfiguration().api;
      if (this.api || api === pageApi) return;
      pageApi = api;
      void this.#search();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopConfig?.();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const filters = ['api', 'q', 'skill', 'area', 'mode', 'from', 'to', 'pageSize'] as const;
    if (filters.some((name) => changed.has(name))) void this.#search();
  }

  #t(key: Message, values?: Record<string, string | number>): string {
    return this.#i18n.t(key, values);
  }

  #instant(day: string | undefined, end: boolean): string | undefined {
    if (!day) return undefined;
    return DAY.test(day) ? `${day}T${end ? '23:59:59' : '00:00:00'}Z` : day;
  }

  /** Start the search over from page 1 with the current filters. */
  async #search(): Promise<void> {
    const api = safeLinkUrl(this.api ?? pageConfiguration().api);
    const run = (this.#run = this.#runs.start());
    this.#pages = [];
    this._index = 0;
    if (!api) {
      this.#iterator = undefined;
      this._page = undefined;
      this._state = 'empty';
      return;
    }
    const mode = MODES.includes(this.mode as OpportunityMode) ? (this.mode as OpportunityMode) : undefined;
    const from = this.#instant(this.from ?? new Date().toISOString().slice(0, 10), false);
    const to = this.#instant(this.to, true);
    const search = createClient({ baseUrl: api }).opportunities.search({
      signal: run.signal,
      pageSize: Math.min(100, Math.max(1, this.pageSize || 10)),
      ...(this.q ? { q: this.q } : {}),
      ...(this.skill ? { skill: this.skill } : {}),
      ...(this.area ? { area: this.area } : {}),
      ...(mode ? { mode } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    });
    this.#iterator = search.pages()[Symbol.asyncIterator]();
    await this.#show(0);
  }

  /** Show page `index`, fetching it when it is the next one. */
  async #show(index: number): Promise<void> {
    // Pages belong to the search that made them: a newer search makes this run stale.
    const run = this.#run;
    if (!run) return;
    if (!this.#pages[index]) {
      this._state = 'loading';
      try {
        const next = await this.#iterator?.next();
        if (!run.current) return;
        if (!next || next.done) return void (this._state = 'ready');
        this.#pages[index] = next.value;
      } catch (error) {
        if (!run.current) return;
        const code = errorCodeOf(error);
        this._state = 'error';
        // The server's reason is English: a refused search is worded by the element alone.
        this._error = { code, message: this.#t(code === 'bad-request' ? 'error-filters' : 'error') };
        emit(this, 'col-error', this._error);
        return;
      }
    }
    this._index = index;
    this._page = this.#pages[index];
    this._state = 'ready';
    emit<OpportunityResults>(this, 'col-results', { opportunities: this.results, total: this._page?.total, page: index + 1 });
  }

  #apply(event: Event): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    this.q = text('q');
    this.skill = text('skill');
    this.area = text('area')?.toUpperCase();
    this.mode = (text('mode') as OpportunityMode | undefined) ?? '';
    this.from = text('from');
    this.to = text('to');
    // Same filters again: search anyway (the learner asked to).
    void this.updateComplete.then(() => {
      if (this._state !== 'loading') void this.#search();
    });
  }

  protected override render(): TemplateResult {
    return html`${this.#filters()}
      <p class="summary" role="status">${this.#summary()}</p>
      ${this._state === 'error'
        ? html`<p part="error">${this._error?.message}</p>
            <p><button @click=${() => void this.#search()}>${this.#t('retry')}</button></p>`
        : nothing}
      ${this._state === 'ready' && this.results.length ? this.#list() : nothing} ${this.#paging()}`;
  }

  #summary(): string {
    if (this._state === 'loading') return this.#t('loading');
    if (this._state !== 'ready') return '';
    const items = this.results;
    if (!items.length) return this.#t('empty');
    const size = Math.min(100, Math.max(1, this.pageSize || 10));
    const first = this._index * size + 1;
    const total = this._page?.total;
    return total === undefined ? this.#t('showing-page', { page: this._index + 1 }) : this.#t('showing', { first, last: first + items.length - 1, total });
  }

  #filters(): TemplateResult {
    const field = (name: 'q' | 'skill' | 'area' | 'from' | 'to', type: string, value: string | undefined, hint?: string) =>
      html`<div class="field">
        <label for=${name}>${this.#t(name)}</label>
        ${hint ? html`<span class="hint" id="${name}-hint">${hint}</span>` : nothing}
        <input id=${name} name=${name} type=${type} .value=${value ?? ''} aria-describedby=${hint ? `${name}-hint` : nothing} autocomplete="off" />
      </div>`;
    return html`<form part="filters" role="search" aria-label=${this.#t('filters')} @submit=${(e: Event) => this.#apply(e)}>
      ${field('q', 'search', this.q)} ${field('skill', 'text', this.skill)} ${field('area', 'text', this.area, this.#t('area-hint'))}
      <div class="field">
        <label for="mode">${this.#t('mode')}</label>
        <select id="mode" name="mode">
          <option value="" ?selected=${!this.mode}>${this.#t('mode-any')}</option>
          ${MODES.map((m) => html`<option value=${m} ?selected=${this.mode === m}>${this.#t(`mode-${m}`)}</option>`)}
        </select>
      </div>
      ${field('from', 'date', this.from && DAY.test(this.from) ? this.from : undefined)} ${field('to', 'date', this.to && DAY.test(this.to) ? this.to : undefined)}
      <button type="submit" class="primary">${this.#t('search')}</button>
    </form>`;
  }

  #when(o: Opportunity): string {
    const start = o.startsAt ? new Date(o.startsAt) : undefined;
    const end = o.endsAt ? new Date(o.endsAt) : undefined;
    if (!start || Number.isNaN(start.getTime())) return this.#t('no-dates');
    const hasEnd = end !== undefined && !Number.isNaN(end.getTime()) && end > start;
    // In the viewer's time zone: these are events to turn up to. Times are 24-hour, as both
    // languages write them.
    const time = (d: Date) => TIME.format(d);
    if (!hasEnd) return `${this.#day(start)}, ${time(start)}`;
    return start.toDateString() === end.toDateString() ? `${this.#day(start)}, ${time(start)}–${time(end)}` : `${this.#day(start)} – ${this.#day(end)}`;
  }

  /** `4 December 2026` / `4 Rhagfyr 2026`, from the catalogue's month names: Chromium ships no Welsh date data. */
  #day(date: Date): string {
    return `${date.getDate()} ${this.#t('months').split(' ')[date.getMonth()]} ${date.getFullYear()}`;
  }

  #list(): TemplateResult {
    const api = safeLinkUrl(this.api ?? pageConfiguration().api);
    const level = Math.min(6, Math.max(1, this.headingLevel || 3));
    return html`<ul part="list">
      ${this.results.map((o) => {
        const booking = safeLinkUrl(o.bookingUrl);
        const badgeKey = o.achievement ? o.achievement.split('/').filter(Boolean).pop() : undefined;
        const titleId = `o-${o.key}`;
        return html`<li part="item" aria-labelledby=${titleId}>
          <div role="heading" aria-level=${level} class="title" id=${titleId}>${o.title}</div>
          <p class="meta">${this.#t('provider', { provider: o.provider.name })}</p>
          <p><span class="visually-hidden">${this.#t('dates')}: </span>${this.#when(o)}</p>
          <p>${this.#t(`mode-${o.mode}` as Message)}${o.areaCode ? ` · ${this.#t('area-value', { code: o.areaCode })}` : ''}</p>
          ${badgeKey && api
            ? html`<div><span class="visually-hidden">${this.#t('awards')}: </span
                ><col-badge layout="compact" key=${badgeKey} api=${api} no-actions heading-level=${Math.min(6, level + 1)} locale=${this.#i18n.locale}></col-badge></div>`
            : nothing}
          ${booking
            ? html`<p>
                <a part="book" class="button" href=${booking} target="_blank" rel="noopener noreferrer"
                  >${this.#t('book')}<span class="visually-hidden">: ${o.title} ${this.#t('new-tab')}</span></a
                >
              </p>`
            : nothing}
        </li>`;
      })}
    </ul>`;
  }

  #paging(): TemplateResult | typeof nothing {
    const page = this._page;
    if (this._state !== 'ready' || !page) return nothing;
    const size = Math.min(100, Math.max(1, this.pageSize || 10));
    const hasNext = page.total !== undefined ? (this._index + 1) * size < page.total : this.results.length === size;
    const hasPrevious = this._index > 0;
    if (!hasNext && !hasPrevious) return nothing;
    return html`<nav part="paging" aria-label=${this.#t('paging')}>
      <button aria-disabled=${hasPrevious ? 'false' : 'true'} @click=${() => hasPrevious && void this.#show(this._index - 1)}>${this.#t('previous')}</button>
      <button aria-disabled=${hasNext ? 'false' : 'true'} @click=${() => hasNext && void this.#show(this._index + 1)}>${this.#t('next')}</button>
    </nav>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'col-results': CustomEvent<OpportunityResults>;
  }
  // Every element event bubbles and is composed, so a page may listen on `document` too.
  interface DocumentEventMap {
    'col-results': CustomEvent<OpportunityResults>;
  }
}
