import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

/**
 * `<col-badge-verify>`'s styles (logical properties throughout, for right-to-left pages).
 *
 * @example
 * ```ts
 * static styles = verifyStyles;
 * ```
 */
export const verifyStyles = [
  tokens,
  css`
    /* Its own surface, as <col-opportunities> has: the text colours follow prefers-color-scheme,
       and a page that does not (white in dark mode) must not end up with light text on white. */
    :host {
      display: block;
      max-inline-size: var(--col-verify-max-width, 42rem);
      padding: var(--_space);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    [part~='base'] {
      display: grid;
      gap: var(--_space);
    }
    form {
      display: grid;
      gap: 0.4rem;
    }
    label {
      font-weight: 600;
    }
    .hint {
      margin: 0;
      color: var(--_muted);
      font-size: 0.9em;
    }
    textarea,
    input[type='email'] {
      font: inherit;
      color: var(--_text);
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.5rem;
      inline-size: 100%;
      box-sizing: border-box;
    }
    textarea {
      font-family: ui-monospace, monospace;
      font-size: 0.9em;
      resize: vertical;
    }
    [part~='dropzone'] {
      border: 2px dashed var(--_border);
      border-radius: var(--_radius);
      padding: var(--_space);
      display: grid;
      gap: 0.4rem;
      justify-items: start;
    }
    [part~='dropzone'].over {
      border-color: var(--_accent);
    }
    .submit {
      justify-self: start;
      margin-block-start: 0.4rem;
    }
    [part~='verdict'] {
      margin: 0;
      font-size: 1.2em;
      font-weight: 700;
    }
    .verified {
      color: var(--_success);
    }
    .failed {
      color: var(--_danger);
    }
    .inconclusive,
    .unlisted,
    .error {
      color: var(--_warning);
    }
    h2,
    h3 {
      margin: 0;
      font-size: 1.05em;
    }
    [part~='checks'] {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.6rem;
    }
    [part~='check'] {
      border-inline-start: 4px solid var(--_border);
      padding-inline-start: 0.6rem;
    }
    [part~='check'].failed {
      border-inline-start-color: var(--_danger);
    }
    [part~='check'].passed {
      border-inline-start-color: var(--_success);
    }
    [part~='check'].inconclusive,
    [part~='check'].warning {
      border-inline-start-color: var(--_warning);
    }
    [part~='check'] p {
      margin: 0.15rem 0 0;
      color: var(--_text);
    }
    .glyph {
      display: inline-block;
      inline-size: 1.2em;
    }
    [part~='error'] {
      color: var(--_danger);
      margin: 0;
    }
  `,
];
