import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { pageConfiguration } from '../config/config.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { errorCodeOf } from '../internal/errors.js';
import { emit } from '../internal/events.js';
import { Latest } from '../internal/latest.js';
import { safeLinkUrl } from '../internal/safe-url.js';
import { barChart, lineChart, progressChart, type ChartLabels } from './charts.js';
import { impactMessages } from './col-impact.messages.js';
import { impactStyles } from './col-impact.styles.js';
import type { ImpactLoadedDetail, LoadedEventMap } from '../loaded-events.js';
import { GROUPINGS, MEASURES, fetchInsight, insightCsvUrl, readInsight, type InsightBy, type InsightCell, type InsightMeasure, type InsightQuery, type InsightResponse, type InsightRow } from './insight.js';

type Message = keyof (typeof impactMessages)['en-GB'];
type State = 'empty' | 'loading' | 'ready' | 'error' | 'unpublished';
/**
 * How `<col-impact>` shows the figures: a chart kind, or the table.
 *
 * @example
 * ```ts
 * const view: ImpactView = 'progress';
 * ```
 */
export type ImpactView = 'bars' | 'line' | 'progress' | 'table';
type View = ImpactView;
type Chart = Exclude<View, 'table'>;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const numberLocales = new Map<string, Intl.NumberFormat>();

/**
 * A place's or a provider's impact: how many badges were issued, claimed and withdrawn, how many
 * pathways were started and completed, and progress toward each learning priority's target — by
 * priority, skill, provider, area or month. Aggregates only: small figures (1 to the threshold
 * less one) arrive withheld and are shown as "fewer than 10", drawn as a dashed outline, never as
 * zero.
 *
 * Give it `api` to show what the place publishes (no key: an unpublished place gets a plain
 * message), or set `data` to an insight answer your own backend fetched with its provider key —
 * the key never needs to be in the page. Each chart is hand-drawn SVG with a one-sentence summary
 * and a data-table alternative (the "Show as a table" button); printing shows the table. Figures
 * fetched from `api` come with a link that downloads the same table as CSV (the API's
 * `?format=csv`, with the same filters: nothing else goes in that address).
 *
 * @tagname col-impact
 * @summary Accessible charts and tables of a place's learning figures and priority targets.
 *
 * @fires col-loaded - Figures are shown. Detail: `{ insight }`.
 * @fires col-error - The figures could not be loaded or read. Detail: `{ code, message }`.
 * @fires col-query - The filters changed. Detail: the query `{ by, from?, to?, issuer?, area? }` (a page using `data` fetches again with it).
 *
 * @csspart base - The whole element.
 * @csspart filters - The filter form.
 * @csspart figure - The chart, its title, summary and table.
 * @csspart summary - The one-sentence summary.
 * @csspart toggle - The chart/table switch.
 * @csspart download - The link that downloads the table as CSV (only for figures fetched from `api`).
 * @csspart chart - The SVG chart.
 * @csspart table - The data table.
 * @csspart error - An error message.
 *
 * @cssprop --col-impact-max-width - Widest the element grows (default 56rem).
 * @cssprop --col-chart-color - Bar and line colour (default the accent colour).
 * @cssprop --col-chart-suppressed-color - Outline of a withheld figure (default the muted colour).
 *
 * @example
 * ```html
 * <col-impact api="https://badges.example.org" by="month" from="2026-01" to="2026-12"></col-impact>
 * <col-impact by="priority" view="progress" id="mine"></col-impact>
 * <script type="module">
 *   document.getElementById('mine').data = await (await fetch('/my-backend/insight?by=priority')).json();
 * </script>
 * ```
 */
export class ColImpact extends LitElement {
  /** @internal Lit: the constructable stylesheets. */
  static override styles = impactStyles;

  /** @internal Lit: the reactive properties (documented on each field). */
  static override properties = {
    api: {},
    by: { reflect: true },
    from: { reflect: true },
    to: { reflect: true },
    issuer: { reflect: true },
    area: { reflect: true },
    view: { reflect: true },
    measure: { reflect: true },
    data: { attribute: false },
    locale: { reflect: true },
    headingLevel: { type: Number, attribute: 'heading-level' },
    /** @internal */ _state: { state: true },
    /** @internal */ _insight: { state: true },
    /** @internal */ _table: { state: true },
    /** @internal */ _csv: { state: true },
  };

  /** The API base URL (else the page configuration). Only what the place publishes is shown. */
  declare api: string | undefined;
  /** How rows are grouped: `priority` (default), `skill`, `provider`, `area`, `month` or `achievement`. */
  declare by: InsightBy;
  /** First month (`YYYY-MM`). */
  declare from: string | undefined;
  /** Last month (`YYYY-MM`). */
  declare to: string | undefined;
  /** One provider's figures (its issuer key). */
  declare issuer: string | undefined;
  /** One area's figures (an ONS code). */
  declare area: string | undefined;
  /** `bars`, `line` (default for months), `progress` (targets) or `table`. */
  declare view: View | undefined;
  /** What the chart counts: `issued` (default), `claimed`, `revoked`, `pathwayStarts`, `pathwayCompletions`, `opportunities`. */
  declare measure: InsightMeasure;
  /** An insight answer to show instead of fetching (from your backend, fetched with its key). */
  declare data: unknown;
  /** `en-GB` or `cy`. */
  declare locale: string | undefined;
  /** Heading level of the chart title (default 3). */
  declare headingLevel: number;

  /** @internal */ declare _state: State;
  /** @internal */ declare _insight: InsightResponse | undefined;
  /** @internal */ declare _table: boolean;
  /** @internal The CSV download of the figures shown, when they came from the API. */ declare _csv: string | undefined;

  #i18n = new LocaleController(this, impactMessages);
  #runs = new Latest();

  constructor() {
    super();
    this.by = 'priority';
    this.measure = 'issued';
    this.headingLevel = 3;
    this._state = 'empty';
    this._table = false;
  }

  /** The figures shown now. */
  get insight(): InsightResponse | undefined {
    return this._insight;
  }

  /** The query the filters describe now. */
  get query(): InsightQuery {
    const query: InsightQuery = { by: GROUPINGS.includes(this.by) ? this.by : 'priority' };
    if (this.from && MONTH.test(this.from)) query.from = this.from;
    if (this.to && MONTH.test(this.to)) query.to = this.to;
    if (this.issuer) query.issuer = this.issuer;
    if (this.area) query.area = this.area;
    return query;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('view')) this._table = this.view === 'table';
    if (['api', 'by', 'from', 'to', 'issuer', 'area', 'data'].some((name) => changed.has(name as keyof ColImpact))) void this.#load();
  }

  #t(key: Message, values?: Record<string, string | number>): string {
    return this.#i18n.t(key, values);
  }

  async #load(): Promise<void> {
    const run = this.#runs.start();
    this._csv = undefined;
    if (this.data !== undefined && this.data !== null) {
      try {
        this.#show(readInsight(this.data));
      } catch (error) {
        this.#fail(error);
      }
      return;
    }
    const api = safeLinkUrl(this.api ?? pageConfiguration().api);
    if (!api) {
      this._state = 'empty';
      this._insight = undefined;
      return;
    }
    this._state = 'loading';
    try {
      const query = this.query;
      const insight = await fetchInsight(api, query, run.signal);
      if (!run.current) return;
      // Data a page set itself may hold a provider's own figures: only what this element fetched
      // anonymously is offered again from the API, so the download is the table on screen.
      this._csv = insightCsvUrl(api, query);
      this.#show(insight);
    } catch (error) {
      if (run.current) this.#fail(error);
    }
  }

  #show(insight: InsightResponse): void {
    this._insight = insight;
    this._state = insight.rows.length ? 'ready' : 'empty';
    emit<ImpactLoadedDetail>(this, 'col-loaded', { insight });
  }

  #fail(error: unknown): void {
    const code = errorCodeOf(error);
    this._insight = undefined;
    this._state = code === 'unpublished' ? 'unpublished' : 'error';
    const message = this.#t(code === 'unpublished' ? 'unpublished' : code === 'insight-invalid' ? 'error-invalid' : 'error');
    emit(this, 'col-error', { code, message });
  }

  #apply(event: Event): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    const by = text('by') as InsightBy | undefined;
    if (by && GROUPINGS.includes(by)) this.by = by;
    this.from = text('from');
    this.to = text('to');
    this.issuer = text('issuer');
    this.area = text('area')?.toUpperCase();
    emit<InsightQuery>(this, 'col-query', this.query);
  }

  // ——— formatting ———

  #number(value: number): string {
    const locale = this.#i18n.locale;
    let format = numberLocales.get(locale);
    if (!format) {
      const tag = Intl.NumberFormat.supportedLocalesOf([locale]).length ? locale : 'en-GB';
      numberLocales.set(locale, (format = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 })));
    }
    return format.format(value);
  }

  /** A row's label: months as `Mar 2026` / `Maw 2026` (Chromium has no Welsh month data, so both come from the catalogue). */
  #label(row: InsightRow, by: InsightBy): string {
    const month = by === 'month' ? /^(\d{4})-(\d{2})$/.exec(row.key || row.label) : null;
    if (!month) return row.label;
    return `${this.#t('months').split(' ')[Number(month[2]) - 1]} ${month[1]}`;
  }

  #cell(cell: InsightCell | undefined, threshold: number): string {
    if (!cell) return '';
    return cell.value === null ? this.#t('fewer', { threshold: this.#number(threshold) }) : this.#number(cell.value);
  }

  #chartKind(insight: InsightResponse): Chart {
    const hasTargets = insight.rows.some((r) => r.target);
    const asked = this.view && this.view !== 'table' ? this.view : undefined;
    if (asked === 'progress') return hasTargets ? 'progress' : 'bars';
    if (asked) return asked;
    return insight.by === 'month' ? 'line' : 'bars';
  }

  #measure(): InsightMeasure {
    return MEASURES.includes(this.measure) ? this.measure : 'issued';
  }

  /** The one-sentence summary of what the chart shows. */
  #summary(insight: InsightResponse, kind: Chart): string {
    const threshold = this.#number(insight.threshold);
    const measure = this.#measure();
    const label = (row: InsightRow) => this.#label(row, insight.by);
    if (kind === 'progress') {
      const rows = insight.rows.filter((r) => r.target);
      const shares = rows.map((r) => ({ row: r, share: r.target!.progress.value === null ? null : r.target!.progress.value / r.target!.value }));
      const known = shares.filter((s): s is { row: InsightRow; share: number } => s.share !== null);
      if (!known.length) return this.#t('summary-withheld', { threshold });
      const best = known.reduce((a, b) => (b.share > a.share ? b : a));
      return this.#t('summary-progress', {
        met: known.filter((s) => s.share >= 1).length,
        count: rows.length,
        label: label(best.row),
        percent: this.#t('percent', { value: this.#number(Math.round(best.share * 100)) }),
      });
    }
    const shown = insight.rows.map((row) => ({ row, value: row.cells[measure]?.value ?? null }));
    const known = shown.filter((s): s is { row: InsightRow; value: number } => s.value !== null);
    if (!known.length) return this.#t('summary-withheld', { threshold });
    const peak = known.reduce((a, b) => (b.value > a.value ? b : a));
    if (kind === 'line') {
      const first = known[0]!;
      const last = known[known.length - 1]!;
      return this.#t('summary-line', {
        first: label(first.row),
        last: label(last.row),
        start: this.#number(first.value),
        end: this.#number(last.value),
        peak: label(peak.row),
        peakValue: this.#number(peak.value),
      });
    }
    const withheld = shown.length - known.length;
    return withheld
      ? this.#t('summary-bars-withheld', { label: label(peak.row), value: this.#number(peak.value), withheld, rows: shown.length, threshold })
      : this.#t('summary-bars', { label: label(peak.row), value: this.#number(peak.value), rows: shown.length });
  }

  // ——— rendering ———

  protected override render(): TemplateResult {
    return html`<div part="base">
      ${this.#filters()}
      <div class="visually-hidden" role="status" aria-live="polite">${this._state === 'loading' ? this.#t('loading') : ''}</div>
      ${this.#body()}
    </div>`;
  }

  #body(): TemplateResult {
    switch (this._state) {
      case 'loading':
        return html`<p aria-busy="true">${this.#t('loading')}</p>`;
      case 'unpublished':
        return html`<p part="error">${this.#t('unpublished')}</p>`;
      case 'error':
        return html`<p part="error">${this.#t(this.data !== undefined && this.data !== null ? 'error-invalid' : 'error')}</p>
          ${this.data === undefined || this.data === null ? html`<p><button class="retry" @click=${() => void this.#load()}>${this.#t('retry')}</button></p>` : nothing}`;
      case 'empty':
        return html`<p>${this.#t('empty')}</p>`;
      default:
        return this.#figure(this._insight!);
    }
  }

  #filters(): TemplateResult {
    const field = (name: 'from' | 'to' | 'issuer' | 'area', type: string, value: string | undefined, hint?: Message) =>
      html`<div class="field">
        <label for=${name}>${this.#t(`filter-${name}` as Message)}</label>
        ${hint ? html`<span class="hint" id="${name}-hint">${this.#t(hint)}</span>` : nothing}
        <input id=${name} name=${name} type=${type} .value=${value ?? ''} autocomplete="off" aria-describedby=${hint ? `${name}-hint` : nothing}
          pattern=${type === 'month' ? '\\d{4}-\\d{2}' : nothing} />
      </div>`;
    // A fieldset, not a search landmark: a dashboard has several of these, and landmarks must be unique.
    return html`<form part="filters" @submit=${(e: Event) => this.#apply(e)}>
      <fieldset>
      <legend>${this.#t('filters')}</legend>
      <div class="field">
        <label for="by">${this.#t('filter-by')}</label>
        <select id="by" name="by">
          ${GROUPINGS.map((g) => html`<option value=${g} ?selected=${this.query.by === g}>${this.#t(`head-${g}` as Message)}</option>`)}
        </select>
      </div>
      ${field('from', 'month', this.from)} ${field('to', 'month', this.to)} ${field('issuer', 'text', this.issuer, 'issuer-hint')}
      ${field('area', 'text', this.area, 'area-hint')}
      <button type="submit" class="primary">${this.#t('apply')}</button>
      </fieldset>
    </form>`;
  }

  #figure(insight: InsightResponse): TemplateResult {
    const kind = this.#chartKind(insight);
    const measure = this.#measure();
    const title =
      kind === 'progress'
        ? this.#t('title-progress')
        : this.#t('title', { measure: this.#t(`measure-${measure}` as Message), group: this.#t(`group-${insight.by}` as Message) });
    const labels: ChartLabels = {
      number: (n) => this.#number(n),
      fewer: this.#t('fewer', { threshold: this.#number(insight.threshold) }),
      threshold: insight.threshold,
      labelledBy: 'impact-title impact-summary',
      label: (row) => this.#label(row, insight.by),
    };
    const pick = (row: InsightRow) => row.cells[measure];
    const chart = kind === 'progress' ? progressChart(insight.rows, labels) : kind === 'line' ? lineChart(insight.rows, pick, labels) : barChart(insight.rows, pick, labels);
    const level = Math.min(6, Math.max(1, this.headingLevel || 3));
    return html`<figure part="figure" aria-labelledby="impact-title">
      <div role="heading" aria-level=${level} class="title" id="impact-title">${title}</div>
      <p part="summary" id="impact-summary">${this.#summary(insight, kind)}</p>
      <button part="toggle" aria-pressed=${this._table ? 'true' : 'false'} aria-controls="impact-table-wrap impact-chart-wrap" @click=${() => (this._table = !this._table)}>
        ${this.#t('show-table')}
      </button>
      ${this._csv ? html`<a part="download" href=${this._csv} download="insight.csv">${this.#t('download-csv')}</a>` : nothing}
      <div class="chart-wrap" id="impact-chart-wrap" ?hidden=${this._table}>${chart}</div>
      <!-- A wide table scrolls sideways: the region is focusable so keyboard users can scroll it. -->
      <div class="table-wrap" id="impact-table-wrap" ?hidden=${!this._table} role="region" aria-labelledby="impact-title" tabindex="0">${this.#tableOf(insight, title)}</div>
    </figure>`;
  }

  #tableOf(insight: InsightResponse, caption: string): TemplateResult {
    const measures = insight.measures.length ? insight.measures : MEASURES;
    const hasTargets = insight.rows.some((r) => r.target);
    const threshold = insight.threshold;
    const td = (cell: InsightCell | undefined) => html`<td class=${cell?.value === null ? 'suppressed' : ''}>${this.#cell(cell, threshold)}</td>`;
    return html`<table part="table">
      <caption>${caption}</caption>
      <thead>
        <tr>
          <th scope="col">${this.#t(`head-${insight.by}` as Message)}</th>
          ${measures.map((m) => html`<th scope="col">${this.#t(`measure-${m}` as Message)}</th>`)}
          ${hasTargets ? html`<th scope="col">${this.#t('target')}</th><th scope="col">${this.#t('progress')}</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${insight.rows.map(
          (row) => html`<tr>
            <th scope="row">${this.#label(row, insight.by)}</th>
            ${measures.map((m) => td(row.cells[m]))}
            ${hasTargets
              ? row.target
                ? html`<td>${this.#t('target-value', { value: this.#number(row.target.value), date: this.#i18n.date(row.target.by) || row.target.by })}</td>${td(row.target.progress)}`
                : html`<td></td><td></td>`
              : nothing}
          </tr>`,
        )}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">${this.#t('total')}</th>
          ${measures.map((m) => td(insight.totals[m]))} ${hasTargets ? html`<td></td><td></td>` : nothing}
        </tr>
      </tfoot>
    </table>`;
  }
}

/** A `col-loaded` listener on a `<col-impact>` gets `{ insight }` (see `LoadedEventMap`). */
export interface ColImpact {
  addEventListener<K extends keyof LoadedEventMap<ImpactLoadedDetail>>(type: K, listener: (this: ColImpact, event: LoadedEventMap<ImpactLoadedDetail>[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof LoadedEventMap<ImpactLoadedDetail>>(type: K, listener: (this: ColImpact, event: LoadedEventMap<ImpactLoadedDetail>[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementEventMap {
    'col-query': CustomEvent<InsightQuery>;
  }
  // Every element event bubbles and is composed, so a page may listen on `document` too.
  interface DocumentEventMap {
    'col-query': CustomEvent<InsightQuery>;
  }
}
