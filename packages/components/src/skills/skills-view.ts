/**
 * The skills summary as a Lit template, shared by `<col-skills>` and `<col-badge-verify>` so
 * the learner and the employer see the same thing. Everything from a credential is rendered as
 * text; the only links are a skill's framework URL, and only when it is http(s).
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { safeLinkUrl } from '../internal/safe-url.js';
import type { LocaleController } from '../i18n/locale-controller.js';
import type { skillsSummaryMessages } from './skills.messages.js';
import type { SkillBadge, SkillsSummary } from './summary.js';

type Key = keyof (typeof skillsSummaryMessages)['en-GB'];

/**
 * How the summary is shown: headings at `headingLevel`; `privacy: 'high'` leaves out the
 * holder's name and every date.
 *
 * @example
 * ```ts
 * const options: SkillsViewOptions = { headingLevel: 3, privacy: 'high' };
 * ```
 */
export interface SkillsViewOptions {
  headingLevel: number;
  privacy: 'standard' | 'high';
}

/**
 * Render `summary` with the strings of `i18n` (a controller over `skillsSummaryMessages`).
 *
 * @example
 * ```ts
 * render() { return renderSkillsSummary(this.summary, this.#skills, { headingLevel: 3, privacy: 'standard' }); }
 * ```
 */
export function renderSkillsSummary(summary: SkillsSummary, i18n: LocaleController<Key>, options: SkillsViewOptions): TemplateResult {
  const level = Math.min(6, Math.max(1, options.headingLevel || 3));
  const heading = (text: string) => html`<div role="heading" aria-level=${level} class="skills-heading">${text}</div>`;
  const skillCount = summary.frameworks.reduce((n, f) => n + f.skills.length, 0);
  const name = (b: SkillBadge) => b.name || i18n.t('unnamed-badge', { n: b.index + 1 });
  const issued = (b: SkillBadge) => {
    const date = options.privacy === 'high' ? '' : i18n.date(b.issuedOn);
    return date ? i18n.t('issued-by-on', { issuer: b.issuer, date }) : b.issuer;
  };
  return html`<div part="summary" class="skills-summary">
    ${options.privacy !== 'high' && summary.recipientName ? html`<p class="holder">${i18n.t('holder', { name: summary.recipientName })}</p>` : nothing}
    <p class="counts">${summary.verified.length ? i18n.t('counts', { badges: summary.verified.length, skills: skillCount }) : i18n.t('counts-none')}</p>
    ${summary.frameworks.map(
      (framework) => html`<section class="framework">
        ${heading(framework.name || i18n.t('other-skills'))}
        <ul part="skills">
          ${framework.skills.map((skill) => {
            const url = safeLinkUrl(skill.url);
            return html`<li part="skill">
              <span class="skill-name">${skill.name}</span>${skill.code ? html` <span class="code">(${skill.code})</span>` : nothing}
              ${skill.level ? html`<span class="level">${i18n.t('level', { level: skill.level })}</span>` : nothing}
              <span class="shown-by">${i18n.t('shown-by')}: ${skill.badges.map(name).join(', ')}</span>
              ${url ? html`<a href=${url} target="_blank" rel="noopener noreferrer">${i18n.t('framework-link')}<span class="visually-hidden">: ${skill.name}</span></a>` : nothing}
            </li>`;
          })}
        </ul>
      </section>`,
    )}
    ${summary.verified.length
      ? html`<section>
          ${heading(i18n.t('verified-heading'))}
          <ul part="badges">
            ${summary.verified.map((b) => html`<li part="badge" class="verified"><span class="glyph" aria-hidden="true">✓</span>${name(b)} — ${issued(b)}</li>`)}
          </ul>
        </section>`
      : nothing}
    ${summary.setApart.length
      ? html`<section part="set-apart">
          ${heading(i18n.t('set-apart-heading'))}
          <p>${i18n.t('set-apart-intro')}</p>
          <ul>
            ${summary.setApart.map((b) => html`<li class="not-counted"><span class="glyph" aria-hidden="true">✗</span>${name(b)}${b.issuer ? ` — ${b.issuer}` : ''}: <strong>${i18n.t(`reason-${b.reason}` as Key)}</strong></li>`)}
          </ul>
        </section>`
      : nothing}
  </div>`;
}

/**
 * Styles for the summary (added to each host element's `static styles`).
 *
 * @example
 * ```ts
 * static styles = [tokens, skillsSummaryStyles, css`…`];
 * ```
 */
export const skillsSummaryStyles = css`
  .skills-summary {
    display: grid;
    gap: var(--_space);
  }
  .skills-summary p {
    margin: 0;
  }
  .skills-heading {
    font-weight: 700;
    font-size: 1.05em;
    margin-block-end: 0.3rem;
  }
  .skills-summary ul {
    margin: 0;
    padding-inline-start: 1.2rem;
    display: grid;
    gap: 0.35rem;
  }
  .skill-name {
    font-weight: 600;
  }
  .code,
  .shown-by {
    color: var(--_muted);
  }
  .shown-by,
  .level {
    display: block;
    font-size: 0.92em;
  }
  .holder {
    font-size: 1.1em;
    font-weight: 600;
  }
  [part~='set-apart'] {
    border-inline-start: 4px solid var(--_danger);
    padding-inline-start: 0.6rem;
  }
  .glyph {
    display: inline-block;
    inline-size: 1.2em;
  }
  .verified .glyph {
    color: var(--_success);
  }
  .not-counted .glyph {
    color: var(--_danger);
  }
`;
