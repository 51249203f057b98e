import { LitElement, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { evaluatePathway, fromNavigatr, type NavigatrPathway, type NodeProgress, type Pathway, type PathwayLibrary, type PathwayNode, type PathwayProgress } from '@citiesoflearning/core';
import type { Award, Opportunity } from '@citiesoflearning/client';
import { onConfigurationChange, pageConfiguration } from '../config/config.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { emit } from '../internal/events.js';
import { Latest } from '../internal/latest.js';
import { safeLinkUrl } from '../internal/safe-url.js';
import { pathwayMessages } from './col-pathway.messages.js';
import { pathwayFailureOf, type PathwayFailure } from './pathway-failure.js';
import { pathwayStyles } from './col-pathway.styles.js';
import { toRecords, type HeldCredential } from './records.js';

/**
 * An upcoming chance to earn a badge, as the API's opportunities search returns it (only these
 * fields are used).
 *
 * @example
 * ```ts
 * const o: PathwayOpportunity = { title: 'Code Club', achievement: 'https://badges.example.org/api/v1/achievements/intro-to-coding', startsAt: '2026-12-04T17:00:00Z', bookingUrl: 'https://makers.example/book' };
 * ```
 */
export type PathwayOpportunity = Pick<Opportunity, 'title' | 'achievement' | 'startsAt' | 'bookingUrl'> & { provider?: { name: string } };

type PathwayMessage = keyof (typeof pathwayMessages)['en-GB'];
type State = 'empty' | 'loading' | 'ready' | 'error';
type Milestone = { state: 'idle' | 'claiming' | 'done' | 'error'; message?: string; awarded?: Award[] };

const GLYPH: Record<string, string> = { complete: '✓', 'in-progress': '◐', 'not-started': '○', expired: '✗', 'awaiting-claim': '!', 'awaiting-review': '…' };
// A padlock drawn, not typed: the emoji needs a colour-emoji font that many Linux desktops and
// kiosks lack (it showed as an empty box), and the state is said in words beside it anyway.
const PADLOCK = svg`<svg viewBox="0 0 16 16" width="0.9em" height="0.9em" focusable="false"><path fill="currentColor" d="M5 7V5a3 3 0 0 1 6 0v2h.5A1.5 1.5 0 0 1 13 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 3 13.5v-5A1.5 1.5 0 0 1 4.5 7H5zm1.5 0h3V5a1.5 1.5 0 0 0-3 0v2z"/></svg>`;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Api = typeof import('./pathway-api.js');
let apiModule: Promise<Api> | undefined;
/** The API half, loaded on first need (a failed load is retried next time). */
function loadApi(): Promise<Api> {
  apiModule ??= import('./pathway-api.js');
  apiModule.catch(() => (apiModule = undefined));
  return apiModule;
}

function isNavigatr(value: unknown): value is NavigatrPathway {
  return !!value && typeof value === 'object' && Array.isArray((value as NavigatrPathway).steps) && !('root' in value);
}

/**
 * The pathway tracker: a pathway's destination, the learner's overall progress, every step and
 * group with its rule ("any 1 of 3", "2 of 4") and every requirement's state (complete, in
 * progress, locked by a prerequisite, expired, awaiting claim), next steps linked to the
 * opportunities that award the missing badges, and — once a milestone is earned — a claim for
 * its badge. Progress is evaluated in the page with core's evaluator: the learner's credentials
 * never leave it (only a milestone claim sends them, to the API, when the learner asks).
 *
 * @tagname col-pathway
 * @summary A learner's progress through a learning pathway, as a structured list.
 *
 * @fires col-progress - Progress was evaluated. Detail: core's `PathwayProgress`.
 * @fires col-claimed - A milestone badge was issued. Detail: `{ credential, jwt, links }`.
 * @fires col-error - The pathway could not be loaded or is invalid. Detail: `{ code, message }`.
 *
 * @csspart pathway - The whole tracker.
 * @csspart name - The pathway's name.
 * @csspart description - Its description.
 * @csspart destination - Where it leads.
 * @csspart progress - The overall progress bar.
 * @csspart steps - The list of steps.
 * @csspart node - One step, group or requirement (also `node-<state>`).
 * @csspart next-steps - The list of next steps.
 * @csspart milestone - The milestone claim box.
 * @csspart error - The error message.
 *
 * @cssprop --col-pathway-max-width - Widest the tracker grows (default 48rem).
 * @cssprop --col-color-success - Complete states and the milestone box.
 * @cssprop --col-color-warning - Locked and waiting states.
 *
 * @example
 * ```html
 * <col-pathway key="digital-ready-brightwater" api="https://badges.example.org"></col-pathway>
 * <script type="module">
 *   document.querySelector('col-pathway').credentials = [award.credential];
 * </script>
 * ```
 */
export class ColPathway extends LitElement {
  static override styles = pathwayStyles;

  static override properties = {
    key: { reflect: true },
    api: {},
    pathway: { attribute: false },
    credentials: { attribute: false },
    opportunities: { attribute: false },
    library: { attribute: false },
    asOf: { attribute: 'as-of' },
    locale: { reflect: true },
    headingLevel: { type: Number, attribute: 'heading-level' },
    /** @internal */ _state: { state: true },
    /** @internal */ _loaded: { state: true },
    /** @internal */ _error: { state: true },
    /** @internal */ _fetchedOpportunities: { state: true },
    /** @internal */ _milestone: { state: true },
    /** @internal */ _email: { state: true },
  };

  /** The pathway's key on the API (`api`). */
  declare key: string | undefined;
  /** The API base URL (else the page configuration). */
  declare api: string | undefined;
  /** The pathway itself (our model, or a Navigatr-shaped pathway); wins over `key`. */
  declare pathway: Pathway | NavigatrPathway | undefined;
  /** What the learner holds: credentials (objects or JWS) or earned records. */
  declare credentials: HeldCredential[] | undefined;
  /** Upcoming opportunities for next steps; fetched from the API when not given. */
  declare opportunities: PathwayOpportunity[] | undefined;
  /** The pathways that `pathway` leaves point to (nested pathways), as core's evaluator takes them. */
  declare library: PathwayLibrary | undefined;
  /** Evaluate at this instant (ISO 8601) instead of now. */
  declare asOf: string | undefined;
  /** `en-GB` or `cy`. */
  declare locale: string | undefined;
  /** The heading level of the pathway's name (default 2). */
  declare headingLevel: number;

  /** @internal */ declare _state: State;
  /** @internal */ declare _loaded: Pathway | undefined;
  /** @internal */ declare _error: PathwayFailure | undefined;
  /** @internal */ declare _fetchedOpportunities: PathwayOpportunity[] | undefined;
  /** @internal */ declare _milestone: Milestone;
  /** @internal */ declare _email: string;

  #i18n = new LocaleController(this, pathwayMessages);
  #loads = new Latest();
  #stopConfig: (() => void) | undefined;
  #progress: PathwayProgress | undefined;
  #titles = new Map<string, string>();
  #opportunitiesFor: string | undefined;

  constructor() {
    super();
    this.headingLevel = 2;
    this._state = 'empty';
    this._milestone = { state: 'idle' };
    this._email = '';
  }

  /** The last evaluation, once there is one. */
  get progress(): PathwayProgress | undefined {
    return this.#progress;
  }

  get #api(): string | undefined {
    return safeLinkUrl(this.api ?? pageConfiguration().api);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // configure({ api }) called after this element was created: load from the API it names.
    let pageApi = pageConfiguration().api;
    this.#stopConfig = onConfigurationChange(() => {
      const api = pageConfiguration().api;
      if (this.api || api === pageApi) return;
      pageApi = api;
      if (!this.pathway) this.#load();
      if (!this.opportunities) this.#loadOpportunities();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopConfig?.();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('pathway') || changed.has('key') || changed.has('api')) this.#load();
    if ((changed.has('api') || changed.has('opportunities') || changed.has('key')) && !this.opportunities) this.#loadOpportunities();
    if (changed.has('credentials') && this._milestone.state === 'error') this._milestone = { state: 'idle' };
    // Evaluate once per update, and only when what the evaluation depends on changed.
    const inputs = ['pathway', 'credentials', 'opportunities', 'library', 'asOf', '_loaded', '_state', '_fetchedOpportunities'] as const;
    if (inputs.some((name) => changed.has(name))) this.#evaluate();
  }

  #t(key: PathwayMessage, values?: Record<string, string | number>): string {
    return this.#i18n.t(key, values);
  }

  #load(): void {
    const given = this.pathway;
    if (given) {
      this.#loads.cancel();
      try {
        this._loaded = isNavigatr(given) ? fromNavigatr(given) : given;
        this._state = 'ready';
        this._error = undefined;
      } catch (error) {
        this.#fail(error);
      }
      return;
    }
    const api = this.#api;
    if (!this.key || !api) {
      this.#loads.cancel();
      this._loaded = undefined;
      this._state = 'empty';
      return;
    }
    const run = this.#loads.start();
    this._state = 'loading';
    const key = this.key;
    loadApi()
      .then(({ getPathway }) => getPathway(api, key, run.signal))
      .then((loaded) => {
        if (!run.current) return;
        this._loaded = loaded;
        this._state = 'ready';
        this._error = undefined;
      })
      .catch((error: unknown) => {
        if (run.current) this.#fail(error);
      });
  }

  #loadOpportunities(): void {
    const api = this.#api;
    if (!api || this.#opportunitiesFor === api) return;
    this.#opportunitiesFor = api;
    loadApi()
      .then(({ upcomingOpportunities }) => upcomingOpportunities(api))
      .then((found) => (this._fetchedOpportunities = found))
      // Without opportunities the next steps still show, just without dates: nothing is lost,
      // and the next change of `api` tries again.
      .catch(() => (this.#opportunitiesFor = undefined));
  }

  #fail(error: unknown): void {
    this._loaded = undefined;
    this.#progress = undefined;
    this._state = 'error';
    // Kept as codes and worded at render time, so a change of language rewords it.
    this._error = pathwayFailureOf(error);
    emit(this, 'col-error', { code: this._error.code, message: this.#failureText(this._error) });
  }

  /**
   * A failure in the element's language. Core's messages are English, so they are never shown:
   * the problem is worded from its code, with only the node id and limits from the error.
   */
  #failureText(failure: PathwayFailure): string {
    if (!failure.refused) return this.#t('error-load');
    const sentences = [this.#t('error-invalid')];
    const key = `problem-${failure.problem}` as PathwayMessage;
    const template = key in pathwayMessages['en-GB'] ? pathwayMessages['en-GB'][key] : '';
    // A problem worded with a field or a limit the error does not name gets the general sentence only.
    const known = template && (!template.includes('{field}') || failure.field) && (!template.includes('{max}') || failure.limit !== undefined);
    if (known) {
      const problem = this.#t(key, {
        ...(failure.field ? { field: failure.field } : {}),
        ...(failure.limit !== undefined ? { max: new Intl.NumberFormat(this.#i18n.locale).format(failure.limit) } : {}),
      });
      const where = { problem, ...(failure.node ? { node: failure.node } : {}), ...(failure.nested ? { pathway: failure.nested } : {}) };
      const at = failure.nested ? (failure.node ? 'error-in-nested-node' : 'error-in-nested') : failure.node ? 'error-at-node' : 'error-at-pathway';
      sentences.push(this.#t(at, where));
    }
    if (failure.more > 0) sentences.push(this.#t('error-more', { count: failure.more }));
    return sentences.join(' ');
  }

  #evaluate(): void {
    const pathway = this._loaded;
    if (!pathway || this._state !== 'ready') {
      this.#progress = undefined;
      return;
    }
    const { records, held } = toRecords(this.credentials);
    const opportunities = (this.opportunities ?? this._fetchedOpportunities ?? [])
      .filter((o) => o.achievement && o.startsAt)
      .map((o) => ({ badge: o.achievement!, startsAt: o.startsAt! }));
    try {
      this.#progress = evaluatePathway(pathway, records, {
        ...(this.asOf ? { asOf: this.asOf } : {}),
        ...(this.library ? { pathways: this.library } : {}),
        awarded: held,
        opportunities,
      });
      this.#titles.clear();
      this.#collectTitles(pathway.root);
      emit(this, 'col-progress', this.#progress);
    } catch (error) {
      this.#fail(error);
    }
  }

  #collectTitles(node: PathwayNode): void {
    this.#titles.set(node.id, node.title ?? node.id);
    if (node.type === 'group') for (const child of node.children) this.#collectTitles(child);
  }

  #percent(value: number): number {
    return Math.round(Math.max(0, Math.min(1, value)) * 100);
  }

  protected override render(): TemplateResult {
    if (this._state === 'loading') return html`<div part="pathway" aria-busy="true"><p>${this.#t('loading')}</p></div>`;
    if (this._state === 'error') {
      return html`<div part="pathway">
        <p part="error" role="alert">${this._error ? this.#failureText(this._error) : ''}</p>
        ${this.key && !this.pathway ? html`<p><button @click=${() => this.#load()}>${this.#t('retry')}</button></p>` : nothing}
      </div>`;
    }
    const pathway = this._loaded;
    const progress = this.#progress;
    if (!pathway || !progress) return html`<div part="pathway"><p>${this.#t('empty')}</p></div>`;
    const root = pathway.root;
    const percent = this.#percent(progress.progress);
    const destination = pathway.destination;
    const destinationUrl = safeLinkUrl(destination?.url);
    const level = Math.min(6, Math.max(1, this.headingLevel || 2));
    return html`<section part="pathway" aria-labelledby="name">
      <div role="heading" aria-level=${level} part="name" id="name">${pathway.name}</div>
      ${pathway.description ? html`<p part="description">${pathway.description}</p>` : nothing}
      ${destination
        ? html`<p part="destination">
            ${destinationUrl
              ? html`<a href=${destinationUrl} rel="noopener noreferrer">${this.#t('leads-to', { title: destination.title })}</a>`
              : this.#t('leads-to', { title: destination.title })}
          </p>`
        : nothing}
      <div class="summary">
        <p id="overall">${this.#t('overall')}: ${this.#t('overall-value', { percent })}${root.type === 'group' && this.#rule(root) ? html` · ${this.#rule(root)}` : nothing}</p>
        <progress part="progress" max="100" .value=${percent} aria-labelledby="overall"></progress>
        ${progress.satisfied ? html`<p><strong>${this.#t('pathway-complete')}</strong></p>` : nothing}
      </div>
      ${this.#milestone(progress)}
      <ol part="steps" aria-label=${this.#t('steps')}>
        ${root.type === 'group' ? root.children.map((child) => this.#node(child, progress)) : this.#node(root, progress)}
      </ol>
      ${this.#nextSteps(progress, level)}
    </section>`;
  }

  #rule(group: Extract<PathwayNode, { type: 'group' }>): string {
    const total = group.children.filter((c) => !c.optional).length;
    const n = group.min ?? total;
    // Nothing required (only optional children): there is no rule to state.
    if (total === 0 && group.minPoints === undefined) return '';
    let rule: string;
    if (group.order === 'sequential') rule = this.#t('rule-sequential', { total });
    else if (n === total) rule = this.#t('rule-all', { total });
    else if (n === 1) rule = this.#t('rule-any', { total });
    else rule = this.#t('rule-n-of-m', { n, total });
    return group.minPoints !== undefined ? `${rule}, ${this.#t('rule-points', { points: group.minPoints })}` : rule;
  }

  #node(node: PathwayNode, progress: PathwayProgress): TemplateResult {
    const result: NodeProgress | undefined = progress.nodes[node.id];
    const state = result?.locked && !result.satisfied ? 'locked' : (result?.state ?? 'not-started');
    const title = node.title ?? node.id;
    const completed = state === 'complete' && result?.completedAt ? this.#i18n.date(result.completedAt) : '';
    const prerequisites = (node.prerequisites ?? []).filter((id) => !progress.nodes[id]?.satisfied).map((id) => this.#titles.get(id) ?? id);
    const warnings = (result?.warnings ?? []).map((w) => {
      const key = `warning-${w.code}` as PathwayMessage;
      // Core's own message is English: a warning this element has no words for gets a general note.
      return this.#t(key in pathwayMessages['en-GB'] ? key : 'warning-other');
    });
    return html`<li part="node node-${state}" class=${state}>
      <div class="row">
        <span class="glyph" aria-hidden="true">${state === 'locked' ? PADLOCK : (GLYPH[state] ?? '')}</span>
        <span class="title">${title}</span>
        <span class="state">${this.#t(`state-${state}` as PathwayMessage)}</span>
        ${node.type === 'group' && this.#rule(node) ? html`<span class="rule">${this.#rule(node)}</span>` : nothing}
        ${node.optional ? html`<span class="rule">${this.#t('optional')}</span>` : nothing}
      </div>
      ${node.description ? html`<p class="note">${node.description}</p>` : nothing}
      ${completed ? html`<p class="note">${this.#t('completed-on', { date: completed })}</p>` : nothing}
      ${state === 'locked' && prerequisites.length ? html`<p class="note">${this.#t('locked-until', { titles: prerequisites.join(', ') })}</p>` : nothing}
      ${warnings.map((w) => html`<p class="note">${w}</p>`)}
      ${node.type === 'group'
        ? html`<progress max="100" .value=${this.#percent(result?.progress ?? 0)} aria-label=${this.#t('group-progress', { title, percent: this.#percent(result?.progress ?? 0) })}></progress>
            <ol aria-label=${title}>
              ${node.children.map((child) => this.#node(child, progress))}
            </ol>`
        : nothing}
    </li>`;
  }

  #nextSteps(progress: PathwayProgress, level: number): TemplateResult | typeof nothing {
    if (progress.satisfied) return nothing;
    const all = this.opportunities ?? this._fetchedOpportunities ?? [];
    const now = this.asOf ? Date.parse(this.asOf) : Date.now();
    const soonest = (achievement: string | undefined) =>
      all
        .filter((o) => o.achievement === achievement && o.startsAt && Date.parse(o.startsAt) >= now)
        .sort((a, b) => Date.parse(a.startsAt!) - Date.parse(b.startsAt!))[0];
    const newTab = html`<span class="visually-hidden"> ${this.#t('new-tab')}</span>`;
    return html`<div role="heading" aria-level=${Math.min(6, level + 1)} class="title">${this.#t('next-steps')}</div>
      ${progress.nextSteps.length
        ? html`<ul part="next-steps">
            ${progress.nextSteps.map((step) => {
              const title = step.title ?? this.#titles.get(step.node) ?? step.node;
              const opportunity = soonest(step.achievement);
              const booking = safeLinkUrl(opportunity?.bookingUrl);
              const when = opportunity ? this.#t('next-opportunity', { title: opportunity.title, date: this.#i18n.date(opportunity.startsAt) }) : '';
              return html`<li>
                <span class="title">${title}</span>:
                ${opportunity
                  ? booking
                    ? html`<a href=${booking} target="_blank" rel="noopener noreferrer">${when}${newTab}</a>`
                    : when
                  : this.#t('no-opportunity')}
                ${opportunity?.provider?.name ? html` ${this.#t('next-by', { provider: opportunity.provider.name })}` : nothing}
              </li>`;
            })}
          </ul>`
        : html`<p>${this.#t('no-next-steps')}</p>`}`;
  }

  #milestone(progress: PathwayProgress): TemplateResult | typeof nothing {
    const milestone = this._milestone;
    const award = progress.awards[0];
    if (!award && milestone.state !== 'done') return nothing;
    const api = this.#api;
    const key = this.key ?? (this._loaded as { key?: string } | undefined)?.key ?? this._loaded?.id;
    const title = award ? (this.#titles.get(award.node) ?? award.node) : '';
    if (milestone.state === 'done') {
      return html`<div part="milestone">
        <p role="status"><strong>${milestone.message}</strong></p>
        ${(milestone.awarded ?? []).map((a) => html`<col-badge layout="compact" .credential=${a.credential} .links=${a.links} heading-level="3"></col-badge>`)}
      </div>`;
    }
    if (!api || !key) return nothing;
    const claiming = milestone.state === 'claiming';
    return html`<form part="milestone" novalidate @submit=${(e: Event) => void this.#claimMilestone(e, api, key)} aria-busy=${claiming ? 'true' : 'false'}>
      <h3>${this.#t('milestone-heading', { title })}</h3>
      <p>${this.#t('milestone-intro')}</p>
      <label for="milestone-email">${this.#t('milestone-email')}</label>
      <p class="note" id="milestone-hint">${this.#t('milestone-hint', { host: new URL(api).host })}</p>
      <input
        id="milestone-email"
        type="email"
        autocomplete="email"
        .value=${this._email}
        ?readonly=${claiming}
        aria-describedby="milestone-hint milestone-message"
        aria-invalid=${milestone.state === 'error' && !EMAIL.test(this._email) ? 'true' : 'false'}
        @input=${(e: Event) => (this._email = (e.target as HTMLInputElement).value)}
      />
      <p id="milestone-message" class="error" role="status">${milestone.state === 'error' ? milestone.message : ''}</p>
      <p><button type="submit" class="primary" aria-disabled=${claiming ? 'true' : 'false'}>${this.#t(claiming ? 'milestone-claiming' : 'milestone-claim')}</button></p>
    </form>`;
  }

  async #claimMilestone(event: Event, api: string, key: string): Promise<void> {
    event.preventDefault();
    if (this._milestone.state === 'claiming') return;
    const email = this._email.trim();
    if (!EMAIL.test(email)) {
      this._milestone = { state: 'error', message: this.#t('milestone-needs-email') };
      return;
    }
    this._milestone = { state: 'claiming' };
    // The API takes at most 50 credentials at once; the most recent are the likeliest to count.
    const presentable = toRecords(this.credentials).presentable.slice(-50);
    try {
      const { claimMilestones } = await loadApi();
      const result = await claimMilestones(api, key, email, presentable);
      if (!result.awarded.length) {
        // The server's reasons are English: say how many badges it refused, not why in its words.
        const rejected = result.rejected.length;
        const message = [this.#t('milestone-none'), ...(rejected ? [this.#t('milestone-rejected', { count: rejected })] : [])].join(' ');
        this._milestone = { state: 'error', message };
        return;
      }
      await import('../col-badge/define.js').catch(() => undefined);
      this._milestone = { state: 'done', message: this.#t('milestone-claimed'), awarded: result.awarded };
      for (const award of result.awarded) emit(this, 'col-claimed', { credential: award.credential, jwt: award.jwt, links: award.links });
    } catch {
      this._milestone = { state: 'error', message: this.#t('milestone-error') };
    }
  }
}

declare global {
  interface HTMLElementEventMap {
    'col-progress': CustomEvent<PathwayProgress>;
  }
  // Every element event bubbles and is composed, so a page may listen on `document` too.
  interface DocumentEventMap {
    'col-progress': CustomEvent<PathwayProgress>;
  }
}
