import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

/**
 * `<col-badge-claim>`'s styles: the button, and a dialog that fits a phone (logical
 * properties, so right-to-left pages mirror it).
 *
 * @example
 * ```ts
 * static styles = claimStyles;
 * ```
 */
export const claimStyles = [
  tokens,
  css`
    :host {
      display: inline-block;
    }
    [part~='dialog'] {
      inline-size: min(34rem, calc(100vw - 2rem));
      max-block-size: calc(100dvh - 2rem);
      padding: 0;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
      font-family: var(--_font);
    }
    [part~='dialog']::backdrop {
      background: rgb(0 0 0 / 0.45);
    }
    .frame {
      display: grid;
      gap: calc(var(--_space) * 0.75);
      padding: var(--_space);
    }
    h2 {
      margin: 0;
      font-size: 1.25em;
    }
    h2:focus {
      outline: none;
    }
    p {
      margin: 0;
    }
    .field {
      display: grid;
      gap: 0.25rem;
    }
    label {
      font-weight: 600;
    }
    .hint {
      color: var(--_muted);
      font-size: 0.92em;
    }
    input[type='text'],
    input[type='email'] {
      font: inherit;
      min-block-size: 2.75rem;
      padding-inline: 0.6rem;
      border: 1px solid var(--_muted);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
    }
    input[aria-invalid='true'] {
      border-color: var(--_danger);
      border-width: 2px;
    }
    .check {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      min-block-size: 2.75rem;
      font-weight: 400;
    }
    .check input {
      inline-size: 1.25rem;
      block-size: 1.25rem;
    }
    .field-error,
    [part~='error'] h2 {
      color: var(--_danger);
    }
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    button[aria-disabled='true'] {
      cursor: progress;
      opacity: 0.75;
    }
    [part~='actions'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
  `,
];
