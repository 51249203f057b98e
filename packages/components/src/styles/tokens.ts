/**
 * Shared styles: the `--col-*` design tokens with their defaults (light and dark), focus
 * rings, reduced motion and the visually-hidden helper. Constructable stylesheets only
 * (`static styles`), so a page with a strict CSP and no `'unsafe-inline'` shows them.
 *
 * Tokens a page may set (on `:root` or on an element):
 * `--col-font`, `--col-color-text`, `--col-color-muted`, `--col-color-surface`,
 * `--col-color-border`, `--col-color-accent`, `--col-color-on-accent`, `--col-color-success`,
 * `--col-color-danger`, `--col-color-warning`, `--col-radius`, `--col-space`, `--col-focus-ring`.
 */
import { css } from 'lit';

/**
 * The token layer: private `--_*` variables resolved from the public `--col-*` ones with
 * fallbacks, switched for dark mode. Every element's `static styles` starts with it.
 *
 * @example
 * ```ts
 * static styles = [tokens, css`:host { color: var(--_text); }`];
 * ```
 */
export const tokens = css`
  :host {
    --_font: var(--col-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_text: var(--col-color-text, #1b1f24);
    --_muted: var(--col-color-muted, #505a66);
    --_surface: var(--col-color-surface, #ffffff);
    --_border: var(--col-color-border, #c9d0d8);
    --_accent: var(--col-color-accent, #0b57d0);
    --_on-accent: var(--col-color-on-accent, #ffffff);
    --_success: var(--col-color-success, #0a6b2d);
    --_danger: var(--col-color-danger, #b3261e);
    --_warning: var(--col-color-warning, #7a4a00);
    --_radius: var(--col-radius, 0.5rem);
    --_space: var(--col-space, 1rem);
    --_focus: var(--col-focus-ring, 3px solid var(--_accent));
    --_duration: 150ms;
    font-family: var(--_font);
    color: var(--_text);
    line-height: 1.45;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_text: var(--col-color-text, #e8eaed);
      --_muted: var(--col-color-muted, #b4bcc6);
      --_surface: var(--col-color-surface, #1d2127);
      --_border: var(--col-color-border, #4a525c);
      --_accent: var(--col-color-accent, #8ab4f8);
      --_on-accent: var(--col-color-on-accent, #0b1a33);
      --_success: var(--col-color-success, #7bd88f);
      --_danger: var(--col-color-danger, #ff9a91);
      --_warning: var(--col-color-warning, #ffcc66);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      --_duration: 0s;
    }
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
    }
  }
  :host([hidden]) {
    display: none !important;
  }
  :focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  button,
  .button {
    font: inherit;
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    min-block-size: 2.75rem;
    padding-block: 0.4rem;
    padding-inline: 0.9rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_accent);
    background: var(--_surface);
    color: var(--_accent);
    cursor: pointer;
    text-decoration: none;
    transition: background-color var(--_duration);
  }
  button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  a {
    color: var(--_accent);
  }
`;
