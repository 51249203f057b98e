import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

/**
 * `<col-pathway>`'s styles: a nested list that reflows to one column at phone width, states
 * told by words and glyphs (never colour alone), logical properties for right-to-left pages.
 *
 * @example
 * ```ts
 * static styles = pathwayStyles;
 * ```
 */
export const pathwayStyles = [
  tokens,
  css`
    :host {
      display: block;
      max-inline-size: var(--col-pathway-max-width, 48rem);
    }
    [part~='pathway'] {
      display: grid;
      gap: calc(var(--_space) * 0.75);
      padding: var(--_space);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      overflow-wrap: anywhere;
    }
    p {
      margin: 0;
    }
    [part~='name'] {
      font-size: 1.3em;
      font-weight: 700;
    }
    [part~='description'],
    .note {
      color: var(--_muted);
    }
    progress {
      inline-size: 100%;
      block-size: 0.75rem;
      accent-color: var(--_accent);
    }
    [part~='steps'],
    [part~='steps'] ol {
      display: grid;
      gap: 0.5rem;
      margin: 0;
      padding-inline-start: 0;
      list-style: none;
    }
    [part~='steps'] ol {
      margin-block-start: 0.5rem;
      padding-inline-start: 1rem;
      border-inline-start: 2px solid var(--_border);
    }
    [part~='node'] {
      display: grid;
      gap: 0.25rem;
      padding-block: 0.4rem;
      padding-inline: 0.6rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.25rem 0.6rem;
    }
    .title {
      font-weight: 600;
    }
    .state,
    .rule {
      font-size: 0.9em;
      padding-inline: 0.5rem;
      border-radius: 999px;
      border: 1px solid currentColor;
    }
    .complete > .row .state {
      color: var(--_success);
    }
    .expired > .row .state {
      color: var(--_danger);
    }
    .locked > .row .state,
    .awaiting-claim > .row .state,
    .awaiting-review > .row .state {
      color: var(--_warning);
    }
    .glyph {
      inline-size: 1.2em;
      text-align: center;
    }
    [part~='next-steps'] {
      display: grid;
      gap: 0.4rem;
      margin: 0;
      padding-inline-start: 1.2rem;
    }
    [part~='milestone'] {
      display: grid;
      gap: 0.5rem;
      padding: var(--_space);
      border: 2px solid var(--_success);
      border-radius: var(--_radius);
    }
    label {
      font-weight: 600;
    }
    input {
      font: inherit;
      min-block-size: 2.75rem;
      padding-inline: 0.6rem;
      border: 1px solid var(--_muted);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
    }
    .error {
      color: var(--_danger);
    }
    h3 {
      margin: 0;
      font-size: 1.1em;
    }
  `,
];
