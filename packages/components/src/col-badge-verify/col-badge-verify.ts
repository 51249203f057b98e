import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { VerificationReport, VerifyOptions } from '@citiesoflearning/verify';
import { pageConfiguration } from '../config/config.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { OUTCOME_GLYPH, reportMessages, verdictOf } from '../i18n/report.messages.js';
import { emit } from '../internal/events.js';
import { errorCodeOf } from '../internal/errors.js';
import { Latest } from '../internal/latest.js';
import { safeLinkUrl } from '../internal/safe-url.js';
import { freshFetch, loadVerifier } from '../internal/verifier.js';
import { skillsSummaryMessages } from '../skills/skills.messages.js';
import { renderSkillsSummary, skillsSummaryStyles } from '../skills/skills-view.js';
import type { SkillsSummary } from '../skills/summary.js';
import { NEXT_STEP, verifyMessages } from './col-badge-verify.messages.js';
import { verifyStyles } from './col-badge-verify.styles.js';

/** Largest file we read (a baked badge image is well under this). */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
/**
 * Text longer than this (core's 5 MB limit for badge JSON; a character is at least a byte) is
 * too large to be a badge. Pasted or dropped, it is checked without going into the box: laying
 * out megabytes in a textarea stalls the page for many seconds, only to be refused.
 */
const MAX_TEXT_CHARS = 5 * 1024 * 1024;

type VerifyMessage = keyof (typeof verifyMessages)['en-GB'];
type Phase = 'idle' | 'checking' | 'done' | 'error';
/**
 * What `<col-badge-verify>` can check: a URL, JSON or JWS text, a credential object, or image bytes.
 *
 * @example
 * ```ts
 * const input: VerifyInput = await file.bytes();
 * ```
 */
export type VerifyInput = string | object | Uint8Array;
type Input = VerifyInput;

/**
 * Detail of `col-skills-verified`: the skills summary of a skills file, every credential in it
 * verified.
 *
 * @example
 * ```ts
 * widget.addEventListener('col-skills-verified', (e) => console.log(e.detail.summary.verified.length));
 * ```
 */
export interface SkillsVerifiedDetail {
  summary: SkillsSummary;
}

const PRESENTATION = 'VerifiablePresentation';
/** Cheap test before loading the skills code: could `input` be a skills file (a VP)? */
function mayBeSkillsFile(input: Input): boolean {
  if (input instanceof Uint8Array) {
    let i = 0;
    while (i < input.length && (input[i] === 0x20 || input[i] === 0x0a || input[i] === 0x0d || input[i] === 0x09 || input[i] === 0xef || input[i] === 0xbb || input[i] === 0xbf)) i++;
    return input[i] === 0x7b && new TextDecoder().decode(input.subarray(0, 64 * 1024)).includes(PRESENTATION);
  }
  if (typeof input === 'string') return input.trimStart().startsWith('{') && input.includes(PRESENTATION);
  const type = (input as { type?: unknown }).type;
  return Array.isArray(type) ? type.includes(PRESENTATION) : type === PRESENTATION;
}

/**
 * The employer's verifier: paste a badge link, JSON or JWT, drop or choose a baked PNG/SVG, or
 * set `src` to verify one on load. It also takes a learner's skills file (`skills.json` from
 * `<col-skills>`, or its share link): every badge in it is verified and the same skills summary
 * is shown, with any badge that does not count set apart and the reason. Shows the verdict first, then each check in plain language
 * with what to do next, then the badge. An optional email is matched against the badge's
 * recipient in the browser and never sent anywhere. The verifier itself (and JSON-LD, for the
 * credentials that need it) loads on first use.
 *
 * `define.js` also registers `<col-badge>`, which shows the badge; register both if you
 * register this class under another name.
 *
 * @tagname col-badge-verify
 * @summary Verify any Open Badge (2.0 or 3.0) in the browser, with a plain-language report.
 *
 * @fires col-verified - Verification finished. Detail: the full verify report.
 * @fires col-skills-verified - A skills file was checked. Detail: `{ summary }` (skills by framework, verified and set-apart badges).
 * @fires col-error - Verification could not run. Detail: `{ code, message }`.
 *
 * @csspart base - The whole widget.
 * @csspart form - The input form.
 * @csspart input - The paste box.
 * @csspart dropzone - The drop area with the file chooser.
 * @csspart email - The optional email field.
 * @csspart button - The Verify button.
 * @csspart result - The result: verdict, checks, badge.
 * @csspart verdict - The verdict sentence.
 * @csspart checks - The list of checks.
 * @csspart check - One check.
 * @csspart error - A message about the input.
 * @csspart summary - A skills file's skills summary.
 * @csspart set-apart - A skills file's badges that do not count.
 *
 * @cssprop --col-verify-max-width - Widest the widget grows (default 42rem).
 * @cssprop --col-color-success - Colour of a verified verdict.
 * @cssprop --col-color-danger - Colour of a failed verdict.
 * @cssprop --col-color-warning - Colour of an inconclusive verdict.
 *
 * @example
 * ```html
 * <col-badge-verify trusted-issuers="did:web:college.example"></col-badge-verify>
 * <col-badge-verify src="https://badges.example.org/api/v1/credentials/abc"></col-badge-verify>
 * ```
 */
export class ColBadgeVerify extends LitElement {
  /** @internal Lit: the constructable stylesheets. */
  static override styles = [...verifyStyles, skillsSummaryStyles];

  /** @internal Lit: the reactive properties (documented on each field). */
  static override properties = {
    src: { reflect: true },
    locale: { reflect: true },
    trustedIssuers: { attribute: 'trusted-issuers', converter: (v: string | null) => (v ? v.split(/\s+/).filter(Boolean) : undefined) },
    documents: { converter: (v: string | null) => v ?? undefined },
    offline: { type: Boolean },
    allowPrivateNetwork: { type: Boolean, attribute: 'allow-private-network' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    /** @internal */ _phase: { state: true },
    /** @internal */ _report: { state: true },
    /** @internal */ _verified: { state: true },
    /** @internal */ _message: { state: true },
    /** @internal */ _announcement: { state: true },
    /** @internal */ _over: { state: true },
    /** @internal */ _skills: { state: true },
  };

  /** A badge URL to verify as soon as the element is on the page. */
  declare src: string | undefined;
  /** `en-GB` or `cy` (else the page configuration, else the nearest `lang`). */
  declare locale: string | undefined;
  /** Issuer ids that count as known (space-separated in the attribute); adds the trust check. */
  declare trustedIssuers: string[] | undefined;
  /**
   * Preloaded documents (URL → document) for offline use: an object, or in the attribute the
   * `#id` of a `<script type="application/json">` on the page, or the URL of a JSON file.
   */
  declare documents: Record<string, unknown> | string | undefined;
  /** No network at all: what the documents don't hold makes the result inconclusive. */
  declare offline: boolean;
  /** Let verification reach loopback/private addresses — local development only. */
  declare allowPrivateNetwork: boolean;
  /** Heading level of the result's sections (default 3). */
  declare headingLevel: number;

  /** @internal */ declare _phase: Phase;
  /** @internal */ declare _report: VerificationReport | undefined;
  /** @internal */ declare _verified: Input | undefined;
  /** @internal */ declare _message: string;
  /** @internal */ declare _announcement: string;
  /** @internal */ declare _over: boolean;
  /** @internal */ declare _skills: SkillsSummary | undefined;

  #i18n = new LocaleController(this, verifyMessages);
  #words = new LocaleController(this, reportMessages);
  #skillsWords = new LocaleController(this, skillsSummaryMessages);
  #runs = new Latest();
  #pendingWhileDetached = false;

  constructor() {
    super();
    this.offline = false;
    this.allowPrivateNetwork = false;
    this.headingLevel = 3;
    this._phase = 'idle';
    this._message = '';
    this._announcement = '';
    this._over = false;
  }

  /** The last report, once verified. */
  get report(): VerificationReport | undefined {
    return this._report;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The badge is shown with <col-badge>: registered here too, so a page that defines this
    // class under its own name (without the define entry) still sees the badge.
    void import('../col-badge/define.js');
    if (this.#pendingWhileDetached) {
      this.#pendingWhileDetached = false;
      if (this.src) void this.check(this.src);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this._phase === 'checking') {
      this.#runs.cancel();
      this._phase = 'idle';
      this.#pendingWhileDetached = !!this.src;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src')) {
      if (!this.src) this.#clear();
      else if (this.isConnected) void this.check(this.src);
      else this.#pendingWhileDetached = true;
    }
  }

  #clear(): void {
    this.#runs.cancel();
    this._phase = 'idle';
    this._report = undefined;
    this._verified = undefined;
    this._skills = undefined;
    this._announcement = '';
  }

  /**
   * Verify `input` (a URL, JSON or JWS text, a credential object, or image bytes) and show the
   * result; resolves with the report (or `undefined` when superseded or it could not run).
   *
   * @example
   * ```ts
   * const report = await widget.check(await file.bytes());
   * ```
   */
  async check(input: Input): Promise<VerificationReport | undefined> {
    const run = this.#runs.start();
    this._phase = 'checking';
    this._report = undefined;
    this._verified = undefined;
    this._skills = undefined;
    this._message = '';
    this._announcement = this.#i18n.t('checking');
    try {
      const [{ verify }, documents] = await Promise.all([loadVerifier(), this.#documents(run.signal)]);
      const config = pageConfiguration();
      const trusted = this.trustedIssuers ?? config.trustedIssuers;
      const email = this.#email();
      const options: VerifyOptions = {
        fetch: freshFetch,
        locale: this.#i18n.locale,
        signal: run.signal,
        allowPrivateNetwork: this.allowPrivateNetwork || config.allowPrivateNetwork === true,
        ...(this.offline ? { offline: true } : {}),
        ...(documents ? { documents } : {}),
        ...(trusted?.length ? { trustedIssuers: trusted } : {}),
        // Matched locally: verify() hashes the email with the badge's salt and compares.
        ...(email ? { recipient: email } : {}),
      };
      // A skills file is read and each badge in it verified; anything else is one badge.
      let skills = mayBeSkillsFile(input) ? await this.#skillsIn(input) : undefined;
      if (!run.current) return undefined;
      if (skills) return await this.#checkSkills(skills, options, run);
      const report = await verify(input as Parameters<typeof verify>[0], options);
      if (!run.current) return undefined;
      // A link that is not a badge may be a shared skills file.
      if (typeof input === 'string' && /^https?:\/\//i.test(input.trim()) && report.checks[0]?.code === 'input-unrecognized') {
        const { skillsAt } = await import('../skills/read-skills.js');
        skills = await skillsAt(input.trim(), run.signal).catch((error: unknown) => {
          // Not a skills file after all (unreachable, not JSON, too large): the badge report
          // stands. A skills file that is wrong, or an error with no code (a bug), surfaces.
          const code = errorCodeOf(error);
          if (code.startsWith('skills-') || code === 'unknown') throw error;
          return undefined;
        });
        if (!run.current) return undefined;
        if (skills) return await this.#checkSkills(skills, options, run);
      }
      this._report = report;
      this._verified = input;
      this._phase = 'done';
      this._announcement = this.#sentence(verdictOf(report));
      emit(this, 'col-verified', report);
      return report;
    } catch (error) {
      if (!run.current) return undefined;
      const code = errorCodeOf(error);
      if (code.startsWith('skills-')) {
        // A bad skills file: say what is wrong with it, in plain words, and keep the form as it is.
        this._phase = 'idle';
        this._message = this.#i18n.t(code === 'skills-file-too-large' ? 'skills-too-large' : code === 'skills-too-many' ? 'skills-too-many' : 'skills-unreadable');
        this._announcement = this._message;
        emit(this, 'col-error', { code, message: this._message });
        return undefined;
      }
      this._phase = 'error';
      this._announcement = this.#i18n.t('sentence-error');
      emit(this, 'col-error', { code: errorCodeOf(error), message: this._announcement });
      return undefined;
    }
  }

  /** The credentials of a skills file, or `undefined` when `input` is not one after all. */
  async #skillsIn(input: Input): Promise<Array<Record<string, unknown> | string> | undefined> {
    const { readSkillsPresentation } = await import('../skills/read-skills.js');
    try {
      return readSkillsPresentation(input);
    } catch (error) {
      // Mentions a presentation but is none (a credential describing one): verify it as a badge.
      if (errorCodeOf(error) === 'skills-file-not-presentation' || errorCodeOf(error) === 'skills-file-not-json') return undefined;
      throw error;
    }
  }

  async #checkSkills(credentials: Array<Record<string, unknown> | string>, options: VerifyOptions, run: { readonly current: boolean }): Promise<undefined> {
    const { checkCredentials, buildSkillsSummary } = await import('../skills/read-skills.js');
    const summary = buildSkillsSummary(await checkCredentials(credentials, options));
    if (!run.current) return undefined;
    this._skills = summary;
    this._phase = 'done';
    this._announcement = this.#skillsSentence(summary);
    emit<SkillsVerifiedDetail>(this, 'col-skills-verified', { summary });
    return undefined;
  }

  #skillsSentence(summary: SkillsSummary): string {
    const count = summary.verified.length + summary.setApart.length;
    return this.#i18n.t('skills-sentence', { verified: summary.verified.length, count });
  }

  #email(): string | undefined {
    const value = this.renderRoot?.querySelector<HTMLInputElement>('#email')?.value.trim();
    return value ? value : undefined;
  }

  /** The documents to consult first: the property, a JSON `<script>` by `#id`, or a JSON URL. */
  async #documents(signal: AbortSignal): Promise<Record<string, unknown> | undefined> {
    const given = this.documents ?? pageConfiguration().documents;
    if (!given) return undefined;
    if (typeof given === 'object') return given;
    if (given.startsWith('#')) {
      const script = this.ownerDocument.getElementById(given.slice(1));
      if (!script || script.getAttribute('type') !== 'application/json') return undefined;
      return JSON.parse(script.textContent ?? '{}') as Record<string, unknown>;
    }
    const url = safeLinkUrl(given, this.ownerDocument.baseURI);
    if (!url) return undefined;
    // Same limits as any fetched badge document (http(s) only, size-capped, no cookies).
    const { fetchDocument } = await import('../internal/fetch-document.js');
    const doc = await fetchDocument(url, { signal, maxBytes: 8 * 1024 * 1024 });
    return doc.kind === 'json' ? doc.value : undefined;
  }

  #sentence(verdict: string): string {
    return this.#i18n.t(`sentence-${verdict}` as VerifyMessage);
  }

  #submit(event: Event): void {
    event.preventDefault();
    const text = this.renderRoot.querySelector<HTMLTextAreaElement>('#input')?.value.trim() ?? '';
    const file = this.renderRoot.querySelector<HTMLInputElement>('#file')?.files?.[0];
    if (text) void this.check(text);
    else if (file) void this.#checkFile(file);
    else {
      this._message = this.#i18n.t('nothing-to-verify');
      this._announcement = this._message;
    }
  }

  async #checkFile(file: File): Promise<void> {
    if (file.size > MAX_FILE_BYTES) {
      this._message = this.#i18n.t('file-too-large');
      this._announcement = this._message;
      return;
    }
    this._message = '';
    await this.check(new Uint8Array(await file.arrayBuffer()));
  }

  #drop(event: DragEvent): void {
    event.preventDefault();
    this._over = false;
    const file = event.dataTransfer?.files?.[0];
    if (file) {
      void this.#checkFile(file);
      return;
    }
    const text = event.dataTransfer?.getData('text/plain')?.trim();
    if (text) {
      const box = this.renderRoot.querySelector<HTMLTextAreaElement>('#input');
      if (box && text.length <= MAX_TEXT_CHARS) box.value = text;
      void this.check(text);
    }
  }

  protected override render(): TemplateResult {
    const t = (key: VerifyMessage) => this.#i18n.t(key);
    return html`<div part="base">
      <form part="form" @submit=${(e: Event) => this.#submit(e)} novalidate>
        <label for="input">${t('input-label')}</label>
        <p class="hint" id="input-hint">${t('input-hint')}</p>
        <textarea id="input" part="input" rows="5" spellcheck="false" autocomplete="off" aria-describedby="input-hint"
          @paste=${(e: ClipboardEvent) => {
            // A pasted image (a copied baked badge) is checked as a file; text pastes as usual,
            // unless it is too large to be a badge: then it is refused at once, not laid out.
            const file = e.clipboardData?.files?.[0];
            if (file) {
              e.preventDefault();
              void this.#checkFile(file);
              return;
            }
            const text = e.clipboardData?.getData('text/plain') ?? '';
            if (text.length > MAX_TEXT_CHARS) {
              e.preventDefault();
              void this.check(text);
            }
          }}></textarea>
        <div
          part="dropzone"
          class=${this._over ? 'over' : ''}
          @dragover=${(e: DragEvent) => {
            e.preventDefault();
            this._over = true;
          }}
          @dragleave=${() => (this._over = false)}
          @drop=${(e: DragEvent) => this.#drop(e)}
        >
          <label for="file">${t('file-label')}</label>
          <input id="file" type="file" accept="image/png,image/svg+xml,.png,.svg,.json,.jwt,.jws,application/json" aria-describedby="drop-hint"
            @change=${(e: Event) => {
              const file = (e.target as HTMLInputElement).files?.[0];
              if (file) void this.#checkFile(file);
            }} />
          <p class="hint" id="drop-hint">${t('drop-hint')}</p>
        </div>
        <label for="email">${t('email-label')}</label>
        <p class="hint" id="email-hint">${t('email-hint')}</p>
        <input id="email" part="email" type="email" autocomplete="off" aria-describedby="email-hint" />
        <button class="primary submit" part="button" type="submit" ?disabled=${this._phase === 'checking'}>${t('verify-button')}</button>
        ${this._message ? html`<p part="error">${this._message}</p>` : nothing}
      </form>
      <div part="live" class="visually-hidden" role="status" aria-live="polite">${this._announcement}</div>
      ${this.#result()}
    </div>`;
  }

  #result(): TemplateResult | typeof nothing {
    if (this._phase === 'checking') return html`<div part="result" aria-busy="true"><p>${this.#i18n.t('checking')}</p></div>`;
    if (this._phase === 'error') return html`<div part="result"><p part="verdict" class="error">${this.#i18n.t('sentence-error')}</p></div>`;
    const level = Math.min(6, Math.max(1, this.headingLevel || 3));
    const skills = this._skills;
    if (this._phase === 'done' && skills) {
      const verdict = skills.setApart.length === 0 ? 'verified' : skills.verified.length ? 'inconclusive' : 'failed';
      return html`<div part="result">
        <p part="verdict" class=${verdict}><span class="glyph" aria-hidden="true">${OUTCOME_GLYPH[verdict]}</span>${this.#skillsSentence(skills)}</p>
        ${renderSkillsSummary(skills, this.#skillsWords, { headingLevel: level, privacy: 'standard' })}
      </div>`;
    }
    const report = this._report;
    if (this._phase !== 'done' || !report) return nothing;
    const verdict = verdictOf(report);
    const words = this.#words;
    const input = this._verified;
    // The link we were given answered with an error before any badge was read: the link itself
    // is the problem (deleted, expired, mistyped), not the issuer's website.
    const linkBroken = report.format === 'unknown' && report.checks.length === 1 && report.checks[0]!.code === 'http-error';
    // The verdict is already spoken by the live region: the visible sentence is not a second
    // live region, and the glyph is hidden from screen readers.
    return html`<div part="result">
      <p part="verdict" class=${verdict}><span class="glyph" aria-hidden="true">${OUTCOME_GLYPH[verdict]}</span>${this.#sentence(verdict)}</p>
      <div role="heading" aria-level=${level}>${this.#i18n.t('checks-heading')}</div>
      <ul part="checks">
        ${report.checks.map((check) => {
          const next = check.outcome === 'passed' || check.outcome === 'skipped' ? undefined : linkBroken ? 'next-link-broken' : NEXT_STEP[check.code] ?? (check.outcome === 'failed' ? 'next-issuer-fix' : check.outcome === 'inconclusive' ? 'next-unreachable' : undefined);
          return html`<li part="check" class=${check.outcome}>
            <strong><span class="glyph" aria-hidden="true">${OUTCOME_GLYPH[check.outcome]}</span>${words.t(`check-${check.id}`)}: ${words.t(`outcome-${check.outcome}`)}</strong>
            <p>${check.message}</p>
            ${next ? html`<p class="next"><strong>${this.#i18n.t('next-label')}</strong> ${this.#i18n.t(next)}</p>` : nothing}
          </li>`;
        })}
      </ul>
      ${report.format !== 'unknown' && input !== undefined
        ? html`<div role="heading" aria-level=${level}>${this.#i18n.t('badge-heading')}</div>
            ${typeof input === 'string' && /^https?:\/\//i.test(input)
              ? html`<col-badge src=${input} no-actions locale=${this.#i18n.locale} heading-level=${Math.min(6, level + 1)}></col-badge>`
              : html`<col-badge .credential=${input} no-actions locale=${this.#i18n.locale} heading-level=${Math.min(6, level + 1)}></col-badge>`}`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'col-skills-verified': CustomEvent<SkillsVerifiedDetail>;
  }
  // Every element event bubbles and is composed, so a page may listen on `document` too.
  interface DocumentEventMap {
    'col-skills-verified': CustomEvent<SkillsVerifiedDetail>;
  }
}
