import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { VerifyOptions } from '@citiesoflearning/verify';
import { pageConfiguration } from '../config/config.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { downloadText } from '../internal/download.js';
import { errorCodeOf } from '../internal/errors.js';
import { emit } from '../internal/events.js';
import { Latest } from '../internal/latest.js';
import { safeLinkUrl } from '../internal/safe-url.js';
import { toSkillsPresentation, type HeldSkillCredential } from '../skills/presentation.js';
import type { SkillsShare } from '../skills/share-api.js';
import type { LoadedEventMap, SkillsLoadedDetail } from '../loaded-events.js';
import { skillsSummaryMessages } from '../skills/skills.messages.js';
import { renderSkillsSummary } from '../skills/skills-view.js';
import { buildSkillsSummary, type SkillsSummary } from '../skills/summary.js';
import { skillsMessages } from './col-skills.messages.js';
import { colSkillsStyles } from './col-skills.styles.js';

type Message = keyof (typeof skillsMessages)['en-GB'];
type Phase = 'empty' | 'checking' | 'done' | 'error';

/**
 * Detail of `col-shared`: how the learner shared (a downloaded file or a created link) and,
 * for a link, its address.
 *
 * @example
 * ```ts
 * skills.addEventListener('col-shared', (e) => console.log(e.detail.kind));
 * ```
 */
export interface SkillsSharedDetail {
  kind: 'file' | 'link';
  url?: string;
}

/**
 * A learner's verified skills summary. Hand it the learner's credentials (from a wallet,
 * downloads or just-claimed badges — objects, compact JWS strings or OB 2.0 assertions): it
 * verifies each one in the page and lists the skills their alignments name, grouped by
 * framework, each with the badges that prove it. Revoked, expired, altered and unreadable
 * badges are set apart with the reason and count for nothing.
 *
 * The learner can share the summary as a `skills.json` file (only the verified badges unless
 * they choose otherwise) or, when an `api` is set, as a link an employer opens in
 * `<col-badge-verify>`. Nothing leaves the page until a share button is pressed. With
 * `under-18` (or `privacy="high"`) the holder's name and dates are not shown and no link is
 * offered unless `allow-link` is set.
 *
 * @tagname col-skills
 * @summary A learner's verified skills, grouped by framework, shareable as a file or link.
 *
 * @fires col-loaded - Every credential is checked. Detail: `{ summary }`.
 * @fires col-error - Checking could not run, or a share failed. Detail: `{ code, message }`.
 * @fires col-shared - The learner shared. Detail: `{ kind: 'file' | 'link', url? }`.
 *
 * @csspart base - The whole element.
 * @csspart summary - The skills summary.
 * @csspart skills - A framework's list of skills.
 * @csspart skill - One skill.
 * @csspart badges - The list of verified badges.
 * @csspart badge - One verified badge.
 * @csspart set-apart - The badges that are not counted.
 * @csspart share - The share controls.
 * @csspart download - The "Download skills file" button.
 * @csspart create-link - The "Create link" button.
 * @csspart link - The created link.
 * @csspart error - A message about a failure.
 *
 * @cssprop --col-skills-max-width - Widest the element grows (default 48rem).
 * @cssprop --col-color-success - Colour of the verified mark.
 * @cssprop --col-color-danger - Colour of the not-counted mark.
 *
 * @example
 * ```html
 * <col-skills api="https://badges.example.org" under-18></col-skills>
 * <script type="module">
 *   document.querySelector('col-skills').credentials = myWallet.credentials;
 * </script>
 * ```
 */
export class ColSkills extends LitElement {
  /** @internal Lit: the constructable stylesheets. */
  static override styles = colSkillsStyles;

  /** @internal Lit: the reactive properties (documented on each field). */
  static override properties = {
    credentials: { attribute: false },
    api: {},
    locale: { reflect: true },
    privacy: { reflect: true },
    under18: { type: Boolean, attribute: 'under-18' },
    allowLink: { type: Boolean, attribute: 'allow-link' },
    trustedIssuers: { attribute: 'trusted-issuers', converter: (v: string | null) => (v ? v.split(/\s+/).filter(Boolean) : undefined) },
    allowPrivateNetwork: { type: Boolean, attribute: 'allow-private-network' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    /** @internal */ _phase: { state: true },
    /** @internal */ _summary: { state: true },
    /** @internal */ _share: { state: true },
    /** @internal */ _sharing: { state: true },
    /** @internal */ _message: { state: true },
    /** @internal */ _announcement: { state: true },
  };

  /** The learner's credentials: objects (OB 3.0 credentials, OB 2.0 assertions) or compact JWS strings. */
  declare credentials: HeldSkillCredential[] | undefined;
  /** The API base URL for "Create link" (else the page configuration); without one only the file is offered. */
  declare api: string | undefined;
  /** `en-GB` or `cy`. */
  declare locale: string | undefined;
  /** `standard` or `high` (no name, no dates, no link unless `allow-link`); default `high` with `under-18`. */
  declare privacy: 'standard' | 'high' | undefined;
  /** The learner is under 18: high privacy unless `privacy` says otherwise. */
  declare under18: boolean;
  /** Offer "Create link" even with high privacy. */
  declare allowLink: boolean;
  /** Issuer ids that count as known (space-separated in the attribute): others are set apart. */
  declare trustedIssuers: string[] | undefined;
  /** Let verification reach loopback/private addresses — local development only. */
  declare allowPrivateNetwork: boolean;
  /** Heading level of the summary's sections (default 3). */
  declare headingLevel: number;

  /** @internal */ declare _phase: Phase;
  /** @internal */ declare _summary: SkillsSummary | undefined;
  /** @internal */ declare _share: SkillsShare | undefined;
  /** @internal */ declare _sharing: boolean;
  /** @internal */ declare _message: string;
  /** @internal */ declare _announcement: string;

  #i18n = new LocaleController(this, skillsMessages);
  #words = new LocaleController(this, skillsSummaryMessages);
  #runs = new Latest();
  #held: HeldSkillCredential[] = [];

  constructor() {
    super();
    this.under18 = false;
    this.allowLink = false;
    this.allowPrivateNetwork = false;
    this.headingLevel = 3;
    this._phase = 'empty';
    this._sharing = false;
    this._message = '';
    this._announcement = '';
  }

  /** The skills summary, once every credential is checked. */
  get summary(): SkillsSummary | undefined {
    return this._summary;
  }

  get #privacy(): 'standard' | 'high' {
    return this.privacy === 'high' || this.privacy === 'standard' ? this.privacy : this.under18 ? 'high' : 'standard';
  }

  get #api(): string | undefined {
    return safeLinkUrl(this.api ?? pageConfiguration().api);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('credentials') || changed.has('trustedIssuers') || changed.has('allowPrivateNetwork')) void this.#check();
  }

  #t(key: Message, values?: Record<string, string | number>): string {
    return this.#i18n.t(key, values);
  }

  async #check(): Promise<void> {
    const run = this.#runs.start();
    const held = Array.isArray(this.credentials) ? this.credentials.filter((c) => typeof c === 'string' || (c && typeof c === 'object')) : [];
    this.#held = held;
    this._share = undefined;
    this._message = '';
    if (!held.length) {
      this._phase = 'empty';
      this._summary = undefined;
      return;
    }
    this._phase = 'checking';
    this._announcement = this.#t('checking');
    try {
      const { checkCredentials } = await import('../skills/check.js');
      const config = pageConfiguration();
      const trusted = this.trustedIssuers ?? config.trustedIssuers;
      const options: VerifyOptions = {
        locale: this.#i18n.locale,
        signal: run.signal,
        allowPrivateNetwork: this.allowPrivateNetwork || config.allowPrivateNetwork === true,
        ...(config.documents ? { documents: config.documents } : {}),
        ...(trusted?.length ? { trustedIssuers: trusted } : {}),
      };
      const checked = await checkCredentials(held, options);
      if (!run.current) return;
      this._summary = buildSkillsSummary(checked);
      this._phase = 'done';
      this._announcement = this.#t('done', { count: held.length });
      emit<SkillsLoadedDetail>(this, 'col-loaded', { summary: this._summary });
    } catch (error) {
      if (!run.current) return;
      this._phase = 'error';
      this._announcement = this.#t('error');
      emit(this, 'col-error', { code: errorCodeOf(error), message: this._announcement });
    }
  }

  /** The credentials that go into a share: the verified ones, or all when the learner ticked the box. */
  #chosen(): HeldSkillCredential[] {
    const everything = this.renderRoot.querySelector<HTMLInputElement>('#include-unverified')?.checked === true;
    if (everything) return this.#held;
    return (this._summary?.verified ?? []).map((b) => this.#held[b.index]!).filter(Boolean);
  }

  #say(message: string, isError = false): void {
    this._message = isError ? message : '';
    this._announcement = message;
  }

  #download(): void {
    const chosen = this.#chosen();
    if (!chosen.length) return this.#say(this.#t('nothing-to-share'), true);
    downloadText(this.renderRoot, 'skills.json', JSON.stringify(toSkillsPresentation(chosen), null, 2), 'application/json');
    this.#say(this.#t('file-saved'));
    emit<SkillsSharedDetail>(this, 'col-shared', { kind: 'file' });
  }

  async #createLink(): Promise<void> {
    const api = this.#api;
    const chosen = this.#chosen();
    if (!api || this._sharing) return;
    if (!chosen.length) return this.#say(this.#t('nothing-to-share'), true);
    this._sharing = true;
    this.#say(this.#t('creating-link'));
    try {
      const { createShare } = await import('../skills/share-api.js');
      this._share = await createShare(api, toSkillsPresentation(chosen));
      this.#say(this.#t('link-expires', { date: this.#i18n.date(this._share.expiresAt) }));
      emit<SkillsSharedDetail>(this, 'col-shared', { kind: 'link', url: this._share.url });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#share-link')?.focus();
    } catch (error) {
      this.#say(this.#t('link-error'), true);
      emit(this, 'col-error', { code: errorCodeOf(error), message: this._message });
    } finally {
      this._sharing = false;
    }
  }

  async #copy(): Promise<void> {
    const url = this._share?.url;
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      this.#say(this.#t('copied'));
    } catch {
      this.renderRoot.querySelector<HTMLInputElement>('#share-link')?.select();
      this.#say(this.#t('copy-failed'));
    }
  }

  async #delete(): Promise<void> {
    const api = this.#api;
    const share = this._share;
    if (!api || !share || this._sharing) return;
    this._sharing = true;
    try {
      const { deleteShare } = await import('../skills/share-api.js');
      await deleteShare(api, share);
      this._share = undefined;
      this.#say(this.#t('deleted'));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLButtonElement>('[part~="create-link"]')?.focus();
    } catch (error) {
      this.#say(this.#t('delete-error'), true);
      emit(this, 'col-error', { code: errorCodeOf(error), message: this._message });
    } finally {
      this._sharing = false;
    }
  }

  protected override render(): TemplateResult {
    return html`<div part="base">
      <div class="visually-hidden" role="status" aria-live="polite">${this._announcement}</div>
      ${this.#body()}
    </div>`;
  }

  #body(): TemplateResult | typeof nothing {
    if (this._phase === 'empty') return html`<p>${this.#t('empty')}</p>`;
    if (this._phase === 'checking') return html`<p aria-busy="true">${this.#t('checking')}</p>`;
    if (this._phase === 'error') return html`<p part="error">${this.#t('error')}</p>`;
    const summary = this._summary;
    if (!summary) return nothing;
    return html`${renderSkillsSummary(summary, this.#words, { headingLevel: this.headingLevel, privacy: this.#privacy })} ${this.#shareControls()}`;
  }

  #shareControls(): TemplateResult {
    const level = Math.min(6, Math.max(1, this.headingLevel || 3));
    const linkAllowed = !!this.#api && (this.#privacy !== 'high' || this.allowLink);
    const share = this._share;
    const link = share ? safeLinkUrl(share.url) : undefined;
    return html`<section part="share" aria-labelledby="share-heading">
      <div role="heading" aria-level=${level} id="share-heading" class="skills-heading">${this.#t('share-heading')}</div>
      <p>${this.#t('share-privacy')}</p>
      ${this._summary?.setApart.length
        ? html`<p><input type="checkbox" id="include-unverified" /> <label for="include-unverified">${this.#t('include-unverified')}</label></p>`
        : nothing}
      <div class="actions">
        <button part="download" class="primary" @click=${() => this.#download()}>${this.#t('download')}</button>
        ${linkAllowed && !share
          ? html`<button part="create-link" ?disabled=${this._sharing} @click=${() => void this.#createLink()}>${this.#t('create-link')}</button>`
          : nothing}
      </div>
      ${share && link
        ? html`<div part="link">
            <label for="share-link">${this.#t('link-label')}</label>
            <div class="link-row">
              <input id="share-link" type="url" readonly .value=${link} aria-describedby="link-expires" />
              <button @click=${() => void this.#copy()}>${this.#t('copy')}</button>
              <button ?disabled=${this._sharing} @click=${() => void this.#delete()}>${this.#t('delete-link')}</button>
            </div>
            <p id="link-expires">${this.#t('link-expires', { date: this.#i18n.date(share.expiresAt) })}</p>
          </div>`
        : nothing}
      ${this._message ? html`<p part="error">${this._message}</p>` : nothing}
    </section>`;
  }
}

/** A `col-loaded` listener on a `<col-skills>` gets `{ summary }` (see `LoadedEventMap`). */
export interface ColSkills {
  addEventListener<K extends keyof LoadedEventMap<SkillsLoadedDetail>>(type: K, listener: (this: ColSkills, event: LoadedEventMap<SkillsLoadedDetail>[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof LoadedEventMap<SkillsLoadedDetail>>(type: K, listener: (this: ColSkills, event: LoadedEventMap<SkillsLoadedDetail>[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementEventMap {
    'col-shared': CustomEvent<SkillsSharedDetail>;
  }
  // Every element event bubbles and is composed, so a page may listen on `document` too.
  interface DocumentEventMap {
    'col-shared': CustomEvent<SkillsSharedDetail>;
  }
}
