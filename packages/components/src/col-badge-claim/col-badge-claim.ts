import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Award, AwardLinks, ClaimInput } from '@citiesoflearning/client';
import { pageConfiguration } from '../config/config.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { downloadText, slug } from '../internal/download.js';
import { emit } from '../internal/events.js';
import { safeLinkUrl } from '../internal/safe-url.js';
import { claimMessages } from './col-badge-claim.messages.js';
import { claimStyles } from './col-badge-claim.styles.js';
import type { ClaimFailure } from './claim-service.js';
import { ticketRecipient } from './ticket.js';

/**
 * Detail of `col-claimed`: the signed credential (Data Integrity JSON), the same award as a
 * VC-JWT, and its download links.
 *
 * @example
 * ```ts
 * el.addEventListener('col-claimed', (e) => wallet.push(e.detail.credential));
 * ```
 */
export interface ClaimedDetail {
  credential: Award['credential'];
  jwt: string;
  links: AwardLinks;
}

/**
 * Detail of `col-claim-error`: a stable code (`code-used-up`, `ticket-expired`, `network`,
 * `timeout`, …) and the message the learner was shown.
 *
 * @example
 * ```ts
 * el.addEventListener('col-claim-error', (e) => analytics.count(e.detail.code));
 * ```
 */
export interface ClaimErrorDetail {
  code: string;
  message: string;
}

type ClaimMessage = keyof (typeof claimMessages)['en-GB'];
type View = 'form' | 'claiming' | 'success' | 'error';
type Service = typeof import('./claim-service.js');

/** Failures the learner can fix by changing what they typed. */
const FIXABLE = new Set(['code-not-found', 'code-used-up', 'code-expired', 'invalid-email']);
/** Failures where trying again, unchanged, may work (and never issues twice: same key). */
const RETRYABLE = new Set(['network', 'timeout', 'server-error', 'rate-limited', 'invalid-response', 'unknown']);
/** Failures with their own words; anything else is explained as `unknown`. */
const EXPLAINED = new Set([
  'code-not-found', 'code-used-up', 'code-expired', 'ticket-invalid', 'ticket-expired', 'ticket-used', 'ticket-mismatch',
  'rate-limited', 'network', 'timeout', 'server-error', 'not-found', 'invalid-email', 'no-api',
]);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

let service: Promise<Service> | undefined;
/** The API half of the element, loaded on the first claim (a failed load is retried next time). */
function loadService(): Promise<Service> {
  service ??= import('./claim-service.js');
  service.catch(() => (service = undefined));
  return service;
}

/**
 * The "Claim your badge" button for a provider's course page: opens an accessible dialog,
 * asks only for what the claim needs (a code, the learner's email — or a parent's or guardian's
 * for a learner under 13 — or nothing when the page's ticket already names the learner),
 * claims the badge from the API and shows it, with downloads, LinkedIn and a check that it is
 * genuine. Every failure gets a plain message and a next step; a retry never issues twice.
 *
 * No cookies, pop-ups or iframes; nothing personal in URLs or storage: the email goes only to
 * the API, in the claim request's body.
 *
 * @tagname col-badge-claim
 * @summary A claim button and dialog: code or ticket in, signed badge out.
 *
 * @slot - The button's label (default "Claim your badge").
 *
 * @fires col-claim-start - The learner submitted a claim. Detail: `{ achievement }`.
 * @fires col-claimed - The badge was issued. Detail: `{ credential, jwt, links }`.
 * @fires col-claim-error - The claim failed. Detail: `{ code, message }`.
 *
 * @csspart button - The button that opens the dialog.
 * @csspart dialog - The native `<dialog>`.
 * @csspart form - The claim form.
 * @csspart input - Each text field.
 * @csspart submit - The "Claim badge" button.
 * @csspart error - The failure message and its next step.
 * @csspart success - The claimed badge and what to do with it.
 * @csspart actions - Downloads, LinkedIn and the verify link.
 *
 * @cssprop --col-color-accent - Buttons and focus ring.
 * @cssprop --col-color-surface - Dialog background.
 * @cssprop --col-color-danger - Error text.
 *
 * @example
 * ```html
 * <script type="module" src="https://cdn.example/@citiesoflearning/components/col-badge-claim/define.js"></script>
 * <col-badge-claim achievement="digital-foundations" api="https://badges.example.org"></col-badge-claim>
 * ```
 */
export class ColBadgeClaim extends LitElement {
  static override styles = claimStyles;

  static override properties = {
    achievement: { reflect: true },
    api: {},
    code: {},
    ticket: {},
    locale: { reflect: true },
    under13: { type: Boolean, attribute: 'under-13' },
    timeout: { type: Number },
    verifyPage: { attribute: 'verify-page' },
    allowPrivateNetwork: { type: Boolean, attribute: 'allow-private-network' },
    /** @internal */ _view: { state: true },
    /** @internal */ _code: { state: true },
    /** @internal */ _email: { state: true },
    /** @internal */ _guardian: { state: true },
    /** @internal */ _fieldError: { state: true },
    /** @internal */ _failure: { state: true },
    /** @internal */ _award: { state: true },
    /** @internal */ _linkedIn: { state: true },
    /** @internal */ _announcement: { state: true },
    /** @internal */ _badgeName: { state: true },
  };

  /** The badge to claim: its key or id on the API. */
  declare achievement: string | undefined;
  /** The API base URL (else the page configuration). */
  declare api: string | undefined;
  /** A claim code, prefilled (the learner can still edit it). */
  declare code: string | undefined;
  /** A claim ticket the provider's backend signed for this learner (instead of a code). */
  declare ticket: string | undefined;
  /** `en-GB` or `cy` (else the page configuration, else the nearest `lang`). */
  declare locale: string | undefined;
  /** Every learner here is under 13: always ask for a parent's or guardian's email. */
  declare under13: boolean;
  /** Milliseconds each claim attempt may take before the learner is told (default 10 000). */
  declare timeout: number | undefined;
  /** A page with `<col-badge-verify>`; the success view links to it with `?src=` the badge's URL. */
  declare verifyPage: string | undefined;
  /** Let the shown badge's verification reach loopback/private addresses — local development only. */
  declare allowPrivateNetwork: boolean;

  /** @internal */ declare _view: View;
  /** @internal */ declare _code: string;
  /** @internal */ declare _email: string;
  /** @internal */ declare _guardian: boolean;
  /** @internal */ declare _fieldError: { field: 'code' | 'email'; key: ClaimMessage } | undefined;
  /** @internal */ declare _failure: ClaimFailure | undefined;
  /** @internal */ declare _award: Award | undefined;
  /** @internal */ declare _linkedIn: string | undefined;
  /** @internal */ declare _announcement: string;
  /** @internal */ declare _badgeName: string | undefined;

  #i18n = new LocaleController(this, claimMessages);
  /** The current claim attempt: its request and its idempotency key, kept across retries. */
  #attempt: { fingerprint: string; key: string } | undefined;
  #inFlight = false;

  constructor() {
    super();
    this.under13 = false;
    this.allowPrivateNetwork = false;
    this._view = 'form';
    this._code = '';
    this._email = '';
    this._guardian = false;
    this._announcement = '';
  }

  /** The award once claimed. */
  get award(): Award | undefined {
    return this._award;
  }

  /** Open the claim dialog (what the button does). */
  show(): void {
    const dialog = this.#dialog;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    void this.updateComplete.then(() => this.#focusFirst());
    void this.#nameBadge();
  }

  /** Say which badge this is: the client loads now, while the learner types. */
  async #nameBadge(): Promise<void> {
    const api = this.#api;
    const achievement = this.achievement;
    if (!api || !achievement || this._badgeName) return;
    const name = await loadService().then(({ achievementName }) => achievementName(api, achievement), () => undefined);
    if (name && achievement === this.achievement) this._badgeName = name;
  }

  /** Close the dialog; focus returns to the button. */
  close(): void {
    this.#dialog?.close();
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('code')) this._code = this.code ?? '';
    if (changed.has('achievement') || changed.has('ticket') || changed.has('api')) {
      // A different badge or ticket is a different claim: start over.
      if (changed.has('achievement') || changed.has('api')) this._badgeName = undefined;
      if (this._view !== 'claiming') {
        this._view = 'form';
        this._award = undefined;
        this._failure = undefined;
      }
    }
  }

  #t(key: ClaimMessage, values?: Record<string, string | number>): string {
    return this.#i18n.t(key, values);
  }

  get #api(): string | undefined {
    return safeLinkUrl(this.api ?? pageConfiguration().api);
  }

  get #ticketRecipient(): { email: string } | { id: string } | undefined {
    return this.ticket ? ticketRecipient(this.ticket) : undefined;
  }

  #focusFirst(): void {
    const root = this.renderRoot;
    const target =
      this._view === 'success'
        ? root.querySelector<HTMLElement>('#title')
        : this._view === 'error'
          ? root.querySelector<HTMLElement>('.buttons button')
          : (root.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root.querySelector<HTMLElement>('form input, form button[type="submit"]'));
    target?.focus();
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    // A second click (or Enter) while a claim is on its way does nothing: one request at a time.
    if (this.#inFlight) return;
    const input = this.#claimInput();
    if (!input) {
      await this.updateComplete;
      this.#focusFirst();
      return;
    }
    await this.#claim(input);
  }

  /** The claim request from the form, or `undefined` after marking the first field to fix. */
  #claimInput(): ClaimInput | undefined {
    this._fieldError = undefined;
    const achievement = this.achievement ?? '';
    // Fields are checked in the order they appear, so the first one marked is the first to fix.
    const code = normalizeCode(this._code);
    if (!this.ticket && !code) {
      this._fieldError = { field: 'code', key: 'missing-code' };
      return undefined;
    }
    const named = this.#ticketRecipient;
    let recipient: ClaimInput['recipient'];
    if (this.ticket && named) recipient = named;
    else {
      // Lower-cased as the server stores it, so "Ada@…" and "ada@…" are the same attempt (and key).
      const email = this._email.trim().toLowerCase();
      if (!email) {
        this._fieldError = { field: 'email', key: 'missing-email' };
        return undefined;
      }
      if (!EMAIL.test(email) || email.length > 254) {
        this._fieldError = { field: 'email', key: 'invalid-email' };
        return undefined;
      }
      recipient = { email };
    }
    return this.ticket ? { achievement, ticket: this.ticket, recipient } : { achievement, code, recipient };
  }

  async #claim(input: ClaimInput): Promise<void> {
    const api = this.#api;
    this.#inFlight = true;
    this._view = 'claiming';
    this._failure = undefined;
    this._announcement = this.#t('claiming');
    emit(this, 'col-claim-start', { achievement: input.achievement });
    try {
      if (!api || !input.achievement) throw { code: 'no-api' } satisfies ClaimFailure;
      const { claim, newKey, linkedInFor } = await loadService();
      // One key per claim attempt: the same request (a retry after a timeout or a lost answer)
      // keeps its key, so the server answers with the first credential instead of a second one.
      const fingerprint = JSON.stringify([api, input]);
      if (this.#attempt?.fingerprint !== fingerprint) this.#attempt = { fingerprint, key: newKey() };
      const award = await claim(input, { api, idempotencyKey: this.#attempt.key, timeout: this.timeout });
      // Show the badge with <col-badge>, loaded now rather than with the button.
      await import('../col-badge/define.js').catch(() => undefined);
      this._award = award;
      this._linkedIn = linkedInFor(award);
      this._view = 'success';
      this._announcement = this.#t('success-heading');
      emit<ClaimedDetail>(this, 'col-claimed', { credential: award.credential, jwt: award.jwt, links: award.links });
    } catch (error) {
      const failure: ClaimFailure = isFailure(error) ? error : { code: 'unknown' };
      this._failure = failure;
      this._view = 'error';
      const message = this.#failureText(failure).message;
      this._announcement = message;
      emit<ClaimErrorDetail>(this, 'col-claim-error', { code: failure.code, message });
    } finally {
      this.#inFlight = false;
    }
    if (this.#dialog?.open) {
      await this.updateComplete;
      this.#focusFirst();
    }
  }

  #failureText(failure: ClaimFailure): { message: string; next: string } {
    const code = EXPLAINED.has(failure.code) ? failure.code : 'unknown';
    const message = this.#t(`error-${code}` as ClaimMessage);
    const next = this.#t(`next-${code}` as ClaimMessage, { seconds: failure.retryAfter ?? 60 });
    return { message, next };
  }

  #retry(): void {
    const input = this.#claimInput();
    if (input) void this.#claim(input);
    else this.#back();
  }

  #back(): void {
    this._view = 'form';
    this._failure = undefined;
    void this.updateComplete.then(() => this.#focusFirst());
  }

  #onClose(): void {
    // Focus goes back to the button that opened the dialog.
    this.renderRoot.querySelector<HTMLElement>('[part~="button"]')?.focus();
    // A failure is forgotten when the dialog closes; a success is kept (opening again shows it).
    if (this._view === 'error') {
      this._view = 'form';
      this._failure = undefined;
    }
  }

  protected override render(): TemplateResult {
    return html`
      <button part="button" class="primary" aria-haspopup="dialog" @click=${() => this.show()}><slot>${this.#t('button')}</slot></button>
      <dialog part="dialog" aria-labelledby="title" @close=${() => this.#onClose()}>
        <div class="frame">${this._view === 'success' ? this.#success() : this._view === 'error' ? this.#error() : this.#form()}</div>
        <p class="visually-hidden" role="status">${this._announcement}</p>
      </dialog>
    `;
  }

  #form(): TemplateResult {
    const claiming = this._view === 'claiming';
    const named = this.ticket ? this.#ticketRecipient : undefined;
    const guardian = this.under13 || this._guardian;
    const host = this.#api ? new URL(this.#api).host : '';
    return html`<form part="form" novalidate @submit=${(e: Event) => void this.#submit(e)} aria-busy=${claiming ? 'true' : 'false'}>
      <h2 id="title">${this._badgeName ? this.#t('heading-named', { name: this._badgeName }) : this.#t('heading')}</h2>
      <p>${this.#t('intro')}</p>
      ${this.ticket
        ? nothing
        : this.#field('code', 'text', this.#t('code-label'), this.#t('code-hint'), this._code, (v) => (this._code = v), claiming, 'off')}
      ${named
        ? html`<p>${this.#t('ticket-names-you')}</p>`
        : html`
            ${this.under13
              ? nothing
              : html`<label class="check"
                  ><input type="checkbox" .checked=${this._guardian} ?disabled=${claiming} @change=${(e: Event) => (this._guardian = (e.target as HTMLInputElement).checked)} />${this.#t('under-13')}</label
                >`}
            ${this.#field(
              'email',
              'email',
              this.#t(guardian ? 'guardian-label' : 'email-label'),
              this.#t(guardian ? 'guardian-hint' : 'email-hint', { host }),
              this._email,
              (v) => (this._email = v),
              claiming,
              'email',
            )}
          `}
      <div class="buttons">
        <button type="submit" class="primary" part="submit" aria-disabled=${claiming ? 'true' : 'false'}>${this.#t(claiming ? 'claiming' : 'claim')}</button>
        <button type="button" @click=${() => this.close()}>${this.#t('cancel')}</button>
      </div>
    </form>`;
  }

  #field(
    name: 'code' | 'email',
    type: string,
    label: string,
    hint: string,
    value: string,
    set: (value: string) => void,
    readOnly: boolean,
    autocomplete: string,
  ): TemplateResult {
    const error = this._fieldError?.field === name ? this.#t(this._fieldError.key) : undefined;
    return html`<div class="field">
      <label for=${name}>${label}</label>
      <p class="hint" id="${name}-hint">${hint}</p>
      ${error ? html`<p class="field-error" id="${name}-error">${error}</p>` : nothing}
      <input
        part="input"
        id=${name}
        name=${name}
        type=${type}
        autocomplete=${autocomplete}
        spellcheck="false"
        .value=${value}
        ?readonly=${readOnly}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${name}-error ${name}-hint` : `${name}-hint`}
        @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
      />
    </div>`;
  }

  #error(): TemplateResult {
    const failure = this._failure ?? { code: 'unknown' };
    const { message, next } = this.#failureText(failure);
    return html`<div part="error">
        <h2 id="title">${message}</h2>
        <p>${next}</p>
      </div>
      <div class="buttons">
        ${RETRYABLE.has(failure.code) ? html`<button class="primary" @click=${() => this.#retry()}>${this.#t('try-again')}</button>` : nothing}
        ${FIXABLE.has(failure.code) ? html`<button class="primary" @click=${() => this.#back()}>${this.#t('change-details')}</button>` : nothing}
        <button @click=${() => this.close()}>${this.#t('close')}</button>
      </div>`;
  }

  #success(): TemplateResult {
    const award = this._award!;
    const png = safeLinkUrl(award.links.png);
    // The JSON and the JWT are already in the page: saved from memory, so the learner never
    // leaves the course page (a cross-origin link would ignore `download` and navigate away).
    const name = slug(badgeName(award));
    const save = (extension: string, content: string, type: string) => () => downloadText(this.renderRoot, `${name}.${extension}`, content, type);
    // No LinkedIn for a child's badge: LinkedIn is for people aged 16 and over.
    const linkedIn = this.under13 || this._guardian ? undefined : safeLinkUrl(this._linkedIn);
    const page = safeLinkUrl(this.verifyPage, typeof location === 'undefined' ? undefined : location.href);
    let verifyHref: string | undefined;
    if (page) {
      const url = new URL(page);
      url.searchParams.set('src', award.id);
      verifyHref = url.href;
    }
    const newTab = html`<span class="visually-hidden"> ${this.#t('new-tab')}</span>`;
    return html`<div part="success" class="success">
      <h2 id="title" tabindex="-1">${this.#t('success-heading')}</h2>
      <p>${this.#t('success-intro')}</p>
      <col-badge
        .credential=${award.credential}
        .links=${award.links}
        no-actions
        verify
        heading-level="3"
        ?allow-private-network=${this.allowPrivateNetwork}
        locale=${this.#i18n.locale}
      ></col-badge>
      <ul part="actions">
        ${png ? html`<li><a class="button" href=${png} download="${name}.png">${this.#t('download-png')}</a></li>` : nothing}
        <li><button @click=${save('json', JSON.stringify(award.credential, null, 2), 'application/vc+ld+json')}>${this.#t('download-json')}</button></li>
        <li><button @click=${save('jwt', award.jwt, 'application/vc+jwt')}>${this.#t('download-jwt')}</button></li>
        ${linkedIn ? html`<li><a class="button" href=${linkedIn} target="_blank" rel="noopener noreferrer">${this.#t('linkedin')}${newTab}</a></li>` : nothing}
        ${verifyHref ? html`<li><a class="button" href=${verifyHref}>${this.#t('verify-link')}</a></li>` : nothing}
      </ul>
      <div class="buttons"><button @click=${() => this.close()}>${this.#t('close')}</button></div>
    </div>`;
  }
}

/**
 * A claim code as the API stores it — upper case, letters and digits, 12 of them in groups of 4
 * — so "g7rk gzs7 rgza" and "G7RK-GZS7-RGZA" are the same attempt, sent with the same key.
 */
function normalizeCode(typed: string): string {
  const s = typed.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return s.length === 12 ? `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}` : s;
}

/** The badge's name for file names (the achievement's, else the credential's), or `badge`. */
function badgeName(award: Award): string {
  const credential = award.credential as { name?: unknown; credentialSubject?: { achievement?: { name?: unknown } } };
  const name = credential.credentialSubject?.achievement?.name ?? credential.name;
  return typeof name === 'string' ? name : 'badge';
}

function isFailure(value: unknown): value is ClaimFailure {
  return !!value && typeof value === 'object' && typeof (value as ClaimFailure).code === 'string' && !(value instanceof Error);
}

declare global {
  interface HTMLElementEventMap {
    'col-claim-start': CustomEvent<{ achievement: string }>;
    'col-claimed': CustomEvent<ClaimedDetail>;
    'col-claim-error': CustomEvent<ClaimErrorDetail>;
  }
  // Every element event bubbles and is composed, so a page may listen on `document` too.
  interface DocumentEventMap {
    'col-claim-start': CustomEvent<{ achievement: string }>;
    'col-claimed': CustomEvent<ClaimedDetail>;
    'col-claim-error': CustomEvent<ClaimErrorDetail>;
  }
}
