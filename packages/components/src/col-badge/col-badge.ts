import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Badge } from '@citiesoflearning/core';
import type { VerificationReport } from '@citiesoflearning/verify';
import { onConfigurationChange, pageConfiguration } from '../config/config.js';
import { LocaleController } from '../i18n/locale-controller.js';
import type { reportMessages } from '../i18n/report.messages.js';
import { emit } from '../internal/events.js';
import { errorCodeOf } from '../internal/errors.js';
import { Latest } from '../internal/latest.js';
import type { LoadedBadge } from '../internal/load-badge.js';
import type { BadgeLoadedDetail, LoadedEventMap } from '../loaded-events.js';
import { loadReader } from '../internal/reader.js';
import { safeLinkUrl } from '../internal/safe-url.js';
import { verifyBadge } from '../internal/verifier.js';
import { badgeMessages } from './col-badge.messages.js';
import { badgeStyles } from './col-badge.styles.js';

/**
 * How `<col-badge>` lays itself out.
 *
 * @example
 * ```ts
 * badge.layout = 'compact' satisfies BadgeLayout;
 * ```
 */
export type BadgeLayout = 'card' | 'compact' | 'inline';

/**
 * Download links for an award (what the claim API returns as `links`).
 *
 * @example
 * ```ts
 * badge.links = { png: 'https://badges.example.org/api/v1/credentials/abc/png' };
 * ```
 */
export interface BadgeLinks {
  json?: string;
  jwt?: string;
  png?: string;
  svg?: string;
}

/**
 * Detail of `col-error`: a stable code and the message shown.
 *
 * @example
 * ```ts
 * el.addEventListener('col-error', (e) => console.log(e.detail.code));
 * ```
 */
export interface ColErrorDetail {
  code: string;
  message: string;
}

/** Descriptions and criteria longer than this are cut (with …) — a badge is not a book. */
const MAX_TEXT = 2000;
const clip = (text: string | undefined): string => (text && text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text ?? '');

type BadgeMessage = keyof (typeof badgeMessages)['en-GB'];

/** Which message a load failure shows (codes not listed: the badge is unreadable). */
const ERROR_MESSAGES: Record<string, BadgeMessage> = {
  'fetch-failed': 'error-unreachable',
  'http-error': 'error-unreachable',
  'input-too-large': 'error-too-large',
  'insecure-url': 'error-insecure',
  unknown: 'error-generic',
};
type State = 'empty' | 'loading' | 'ready' | 'error';
type Verdict = VerificationReport['outcome'] | 'unlisted' | 'checking' | 'error';

/**
 * Shows one Open Badge (2.0 or 3.0) — from a URL, a credential object or JWS, or an
 * achievement key — with its image, issuer, dates, skills and, with `verify`, a status pill
 * that opens the check-by-check result.
 *
 * @tagname col-badge
 * @summary One badge: image, name, issuer, dates, skills, verification and downloads.
 *
 * @fires col-loaded - The badge was read and is shown. Detail: `{ badge }` (core's `Badge` view).
 * @fires col-verified - Verification finished. Detail: the verify report.
 * @fires col-error - The badge could not be shown. Detail: `{ code, message }`.
 *
 * @csspart card - The badge's box.
 * @csspart image - The badge image.
 * @csspart name - The badge name.
 * @csspart issuer - "Issued by …".
 * @csspart dates - Issue and expiry dates.
 * @csspart description - The description.
 * @csspart criteria - How it was earned.
 * @csspart skills - The list of skill chips.
 * @csspart skill - One skill chip.
 * @csspart status - The verification pill (a button that shows the checks).
 * @csspart checks - The check-by-check list.
 * @csspart actions - The download / LinkedIn / copy actions.
 * @csspart error - The error message.
 *
 * @cssprop --col-badge-max-width - Widest a card or compact badge grows (default 24rem).
 * @cssprop --col-color-accent - Links, buttons and focus ring.
 * @cssprop --col-color-surface - Card background.
 * @cssprop --col-color-text - Text colour.
 * @cssprop --col-radius - Corner radius.
 *
 * @example
 * ```html
 * <script type="module" src="https://cdn.example/npm/@citiesoflearning/components/cdn/col-badge/index.js"></script>
 * <col-badge src="https://badges.example.org/api/v1/credentials/abc" verify></col-badge>
 * ```
 */
export class ColBadge extends LitElement {
  /** @internal Lit: the constructable stylesheets. */
  static override styles = badgeStyles;

  /** @internal Lit: the reactive properties (documented on each field). */
  static override properties = {
    src: { reflect: true },
    credential: {},
    key: { reflect: true },
    api: {},
    layout: { reflect: true },
    verify: { type: Boolean, reflect: true },
    locale: { reflect: true },
    trustedIssuers: { attribute: 'trusted-issuers', converter: (v: string | null) => (v ? v.split(/\s+/).filter(Boolean) : undefined) },
    allowPrivateNetwork: { type: Boolean, attribute: 'allow-private-network' },
    noActions: { type: Boolean, attribute: 'no-actions' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    links: { attribute: false },
    /** @internal */ _state: { state: true },
    /** @internal */ _loaded: { state: true },
    /** @internal */ _error: { state: true },
    /** @internal */ _verdict: { state: true },
    /** @internal */ _report: { state: true },
    /** @internal */ _open: { state: true },
    /** @internal */ _copyNote: { state: true },
  };

  /** URL of an OB 2.0 assertion, OB 3.0 credential (JSON or JWT) or baked image. */
  declare src: string | undefined;
  /** The credential itself: an object, JSON text or a compact JWS. Wins over `src`. */
  declare credential: object | string | undefined;
  /** An achievement key on the API (`api`): shows the badge class, before anyone has earned it. */
  declare key: string | undefined;
  /** The API base URL (else the page configuration). */
  declare api: string | undefined;
  /** `card` (default), `compact` or `inline`. */
  declare layout: BadgeLayout;
  /** Verify the badge and show the status pill. */
  declare verify: boolean;
  /** `en-GB` or `cy` (else the page configuration, else the nearest `lang`). */
  declare locale: string | undefined;
  /** Issuer ids that count as known (space-separated in the attribute). */
  declare trustedIssuers: string[] | undefined;
  /** Let verification reach loopback/private addresses — local development only. */
  declare allowPrivateNetwork: boolean;
  /** Hide the download / LinkedIn / copy actions. */
  declare noActions: boolean;
  /** The heading level of the badge name (default 3). */
  declare headingLevel: number;
  /** Download links for this award (as the claim API returns them); derived for this API's credentials. */
  declare links: BadgeLinks | undefined;

  /** @internal */
  declare _state: State;
  /** @internal */
  declare _loaded: LoadedBadge | undefined;
  /** @internal */
  declare _error: ColErrorDetail | undefined;
  /** @internal */
  declare _verdict: Verdict | undefined;
  /** @internal */
  declare _report: VerificationReport | undefined;
  /** @internal */
  declare _open: boolean;
  /** @internal */
  declare _copyNote: string;

  #i18n = new LocaleController(this, badgeMessages);
  /** The report vocabulary, loaded with the verifier (a badge shown without `verify` never needs it). */
  #words: LocaleController<keyof (typeof reportMessages)['en-GB']> | undefined;
  #glyphs: Record<string, string> = {};
  #verdictOf: ((report: VerificationReport) => Verdict) | undefined;
  #loads = new Latest();
  #verifications = new Latest();
  #pendingWhileDetached = false;
  #reader: Awaited<ReturnType<typeof loadReader>> | undefined;
  #checkedAt: Date | undefined;
  #stopConfig: (() => void) | undefined;

  constructor() {
    super();
    this.layout = 'card';
    this.verify = false;
    this.allowPrivateNetwork = false;
    this.noActions = false;
    this.headingLevel = 3;
    this._state = 'empty';
    this._open = false;
    this._copyNote = '';
  }

  /** The badge being shown (core's display view), once loaded. */
  get badge(): Badge | undefined {
    return this._loaded?.badge;
  }

  /** The last verification report, once verified. */
  get report(): VerificationReport | undefined {
    return this._report;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // configure() called after this element was created: pick up what it changes.
    this.#stopConfig = onConfigurationChange(() => {
      if (!this.credential && !this.src && this.key && !this.api) void this.#load();
      else if (this.verify && this._loaded) void this.#runVerification(this._loaded);
    });
    // A property set while detached (as React does on remount) is loaded on connect.
    if (this.#pendingWhileDetached) {
      this.#pendingWhileDetached = false;
      void this.#load();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopConfig?.();
    if (this._state === 'loading' || this._verdict === 'checking') {
      this.#loads.cancel();
      this.#verifications.cancel();
      this.#pendingWhileDetached = true;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // One load per update, however many properties changed in the same task.
    if (changed.has('credential') || changed.has('src') || changed.has('key') || changed.has('api') || changed.has('locale')) {
      if (this.isConnected) void this.#load();
      else this.#pendingWhileDetached = true;
    } else if ((changed.has('verify') || changed.has('trustedIssuers') || changed.has('allowPrivateNetwork')) && this._loaded) {
      void this.#runVerification(this._loaded);
    }
  }

  async #load(): Promise<void> {
    const run = this.#loads.start();
    this.#verifications.cancel();
    this._report = undefined;
    this._verdict = undefined;
    this._open = false;
    this.#checkedAt = undefined;
    const api = this.api ?? pageConfiguration().api;
    if (!this.credential && !this.src && !(this.key && api)) {
      this._loaded = undefined;
      this._error = undefined;
      this._state = 'empty';
      return;
    }
    this._state = 'loading';
    this._error = undefined;
    try {
      const reader = (this.#reader = await loadReader());
      const { loadBadge } = reader;
      const loaded = await loadBadge({ credential: this.credential ?? null, src: this.src ?? null, key: this.key ?? null, api }, this.#i18n.locale, run.signal);
      if (!run.current) return;
      this._loaded = loaded;
      this._state = 'ready';
      emit<BadgeLoadedDetail>(this, 'col-loaded', { badge: loaded.badge });
      await this.#runVerification(loaded);
    } catch (error) {
      if (!run.current) return;
      this._loaded = undefined;
      this._state = 'error';
      this._error = this.#describe(error);
      emit(this, 'col-error', this._error);
    }
  }

  async #runVerification(loaded: LoadedBadge): Promise<void> {
    if (!this.verify || !loaded.verifiable) {
      this.#verifications.cancel();
      this._verdict = undefined;
      this._report = undefined;
      return;
    }
    const run = this.#verifications.start();
    this._verdict = 'checking';
    this._report = undefined;
    this.#checkedAt = undefined;
    const config = pageConfiguration();
    const trusted = this.trustedIssuers ?? config.trustedIssuers;
    try {
      if (!this.#words) {
        const { reportMessages, OUTCOME_GLYPH, verdictOf } = await import('../i18n/report.messages.js');
        this.#words ??= new LocaleController(this, reportMessages);
        this.#glyphs = OUTCOME_GLYPH;
        this.#verdictOf = verdictOf;
      }
      const report = await verifyBadge(loaded.input, {
        locale: this.#i18n.locale,
        signal: run.signal,
        allowPrivateNetwork: this.allowPrivateNetwork || config.allowPrivateNetwork === true,
        ...(trusted?.length ? { trustedIssuers: trusted } : {}),
        ...(config.documents ? { documents: config.documents } : {}),
      });
      if (!run.current) return;
      this._report = report;
      this._verdict = this.#verdictOf?.(report) ?? report.outcome;
      this.#checkedAt = new Date();
      emit(this, 'col-verified', report);
    } catch (error) {
      if (!run.current) return;
      this._verdict = 'error';
      emit(this, 'col-error', { code: errorCodeOf(error), message: this.#words?.t('verdict-error') ?? this.#t('error-generic') });
    }
  }

  #describe(error: unknown): ColErrorDetail {
    const code = errorCodeOf(error);
    const status = (error as { details?: { status?: number } }).details?.status;
    const key: BadgeMessage =
      code === 'http-error' && (status === 404 || status === 410) ? 'error-not-found' : ERROR_MESSAGES[code] ?? 'error-unreadable';
    return { code, message: this.#t(key) };
  }

  /** Download links: as given, else derived for a credential hosted by a Cities of Learning API. */
  #links(badge: Badge): BadgeLinks {
    if (this.links) return this.links;
    const id = safeLinkUrl(badge.id);
    if (id && /\/api\/v1\/credentials\/[^/]+$/.test(new URL(id).pathname)) {
      return { json: id, jwt: `${id}/jwt`, png: `${id}/png`, svg: `${id}/svg` };
    }
    return {};
  }

  protected override render(): TemplateResult {
    const t = (key: BadgeMessage, values?: Record<string, string>) => this.#t(key, values);
    if (this._state === 'loading') {
      return html`<div part="card" class=${this.layout} aria-busy="true"><p>${t('loading')}</p></div>`;
    }
    if (this._state === 'error') {
      return html`<div part="card" class=${this.layout}><p part="error">${this._error?.message}</p></div>`;
    }
    const badge = this._loaded?.badge;
    if (!badge) {
      return html`<div part="card" class=${this.layout}><p>${t('empty')}</p></div>`;
    }
    const layout = this.layout === 'compact' || this.layout === 'inline' ? this.layout : 'card';
    const image = this._loaded?.imageSrc;
    const issuer = badge.issuer.name ?? badge.issuer.id;
    const name = html`<span role="heading" aria-level=${Math.min(6, Math.max(1, this.headingLevel || 3))} part="name" id="name">${badge.name}</span>`;
    if (layout === 'inline') {
      return html`<span part="card" class="inline">${image ? html`<img part="image" src=${image} alt="" />` : nothing}<span class="body">${badge.name}${this.#pill(true)}</span></span>`;
    }
    return html`<article part="card" class=${layout} aria-labelledby="name">
      ${image ? html`<img part="image" src=${image} alt=${badge.image?.alt ?? badge.name} />` : nothing}
      <div class="body">
        ${name}
        ${issuer ? html`<p part="issuer">${t('issued-by', { issuer })}</p>` : nothing}
        ${this.#dates(badge)}
        ${layout === 'card' ? this.#details(badge) : nothing}
        ${this.#pill(false)}
        ${layout === 'card' && !this.noActions && this._loaded?.verifiable ? this.#actions(badge) : nothing}
      </div>
    </article>`;
  }

  #t(key: BadgeMessage, values?: Record<string, string>): string {
    return this.#i18n.t(key, values);
  }

  #dates(badge: Badge): TemplateResult | typeof nothing {
    const issued = this.#i18n.date(badge.issuedOn);
    const until = this.#i18n.date(badge.validUntil);
    const expired = badge.validUntil !== undefined && Date.parse(badge.validUntil) < Date.now();
    if (!issued && !until) return nothing;
    return html`<p part="dates">
      ${issued ? this.#t('issued-on', { date: issued }) : nothing}${issued && until ? html` · ` : nothing}${until
        ? html`<span class=${expired ? 'expired' : ''}>${this.#t(expired ? 'expired-on' : 'expires-on', { date: until })}</span>`
        : nothing}
    </p>`;
  }

  #details(badge: Badge): TemplateResult {
    const criteriaUrl = safeLinkUrl(badge.criteria?.url);
    return html`
      ${badge.description ? html`<p part="description">${clip(badge.description)}</p>` : nothing}
      ${badge.criteria?.narrative || criteriaUrl
        ? html`<div part="criteria">
            <p><strong>${this.#t('criteria')}</strong></p>
            ${badge.criteria?.narrative ? html`<p>${clip(badge.criteria.narrative)}</p>` : nothing}
            ${criteriaUrl ? html`<p><a href=${criteriaUrl} rel="noopener noreferrer">${this.#t('criteria-link')}</a></p>` : nothing}
          </div>`
        : nothing}
      ${badge.alignments.length
        ? html`<ul part="skills" aria-label=${this.#t('skills')}>
            ${badge.alignments.slice(0, 50).map((a) => html`<li part="skill">${clip(a.targetName)}</li>`)}
          </ul>`
        : nothing}
    `;
  }

  #pill(compact: boolean): TemplateResult | typeof nothing {
    const verdict = this._verdict;
    if (!verdict) return nothing;
    const words = this.#words;
    const label = words ? words.t(`verdict-${verdict}`) : this.#t('checking');
    const glyph = html`<span class="glyph" aria-hidden="true">${this.#glyphs[verdict] ?? '…'}</span>`;
    if (compact || !this._report || !words) {
      return html` <span part="status" class=${verdict} role="status">${glyph}${label}</span>`;
    }
    return html`
      <button part="status" class=${verdict} aria-expanded=${this._open ? 'true' : 'false'} aria-controls="checks" @click=${() => (this._open = !this._open)}>
        ${glyph}${label}<span class="visually-hidden"> — ${words.t('show-checks')}</span>
      </button>
      <div id="checks" ?hidden=${!this._open}>
        <ul part="checks">
          ${this._report.checks.map(
            (check) => html`<li>
              <span class="glyph" aria-hidden="true">${this.#glyphs[check.outcome]}</span>
              <strong>${words.t(`check-${check.id}`)} (${words.t(`outcome-${check.outcome}`)}):</strong> ${check.message}
            </li>`,
          )}
        </ul>
        ${this.#checkedAt ? html`<p class="checked-at">${words.t('checked-at', { time: words.time(this.#checkedAt) })}</p>` : nothing}
      </div>
    `;
  }

  #actions(badge: Badge): TemplateResult | typeof nothing {
    const reader = this.#reader;
    if (!reader) return nothing;
    const { downloadText, linkedInAddToProfileUrl, slug } = reader;
    const links = this.#links(badge);
    const raw = badge.source.raw;
    const png = safeLinkUrl(links.png);
    const jwt = safeLinkUrl(links.jwt);
    const publicUrl = safeLinkUrl(badge.id) ?? safeLinkUrl(links.json);
    const linkedIn = linkedInAddToProfileUrl(badge, publicUrl);
    const file = slug(badge.name);
    return html`<div part="actions" role="group" aria-label=${this.#t('actions')}>
      ${png ? html`<a class="button" part="action" href=${png} download="${file}.png">${this.#t('download-image')}</a>` : nothing}
      ${typeof raw === 'object'
        ? html`<button part="action" @click=${() => downloadText(this.renderRoot, `${file}.json`, JSON.stringify(raw, null, 2), 'application/json')}>${this.#t('download-json')}</button>`
        : html`<button part="action" @click=${() => downloadText(this.renderRoot, `${file}.jwt`, raw, 'application/vc+jwt')}>${this.#t('download-jws')}</button>`}
      ${typeof raw === 'object' && jwt ? html`<a class="button" part="action" href=${jwt} download="${file}.jwt">${this.#t('download-jws')}</a>` : nothing}
      ${linkedIn
        ? html`<a class="button" part="action linkedin" href=${linkedIn} target="_blank" rel="noopener noreferrer">${this.#t('linkedin')}<span class="visually-hidden"> ${this.#t('new-tab')}</span></a>`
        : nothing}
      ${publicUrl ? html`<button part="action" @click=${() => this.#copy(publicUrl)}>${this.#t('copy-link')}</button>` : nothing}
      <span class="visually-hidden" role="status">${this._copyNote}</span>
    </div>`;
  }

  async #copy(url: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(url);
      this._copyNote = this.#t('copied');
    } catch {
      this._copyNote = this.#t('copy-failed', { url });
    }
  }
}

/** A `col-loaded` listener on a `<col-badge>` gets `{ badge }` (see `LoadedEventMap`). */
export interface ColBadge {
  addEventListener<K extends keyof LoadedEventMap<BadgeLoadedDetail>>(type: K, listener: (this: ColBadge, event: LoadedEventMap<BadgeLoadedDetail>[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof LoadedEventMap<BadgeLoadedDetail>>(type: K, listener: (this: ColBadge, event: LoadedEventMap<BadgeLoadedDetail>[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementEventMap {
    'col-verified': CustomEvent<VerificationReport>;
    'col-error': CustomEvent<ColErrorDetail>;
  }
  // Every element event bubbles and is composed, so a page may listen on `document` too.
  interface DocumentEventMap {
    'col-verified': CustomEvent<VerificationReport>;
    'col-error': CustomEvent<ColErrorDetail>;
  }
}
