import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

/**
 * `<col-opportunities>`'s styles: filters that wrap, a one-column list at phone width growing
 * to a grid, logical properties throughout.
 *
 * @example
 * ```ts
 * static styles = opportunitiesStyles;
 * ```
 */
export const opportunitiesStyles = [
  tokens,
  css`
    /* Its own surface: the text colours follow prefers-color-scheme, and a page that does not
       (white in dark mode) must not end up with light text on white. */
    :host {
      display: block;
      padding: var(--_space);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    p {
      margin: 0;
    }
    [part~='filters'] {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: 0.75rem;
      margin-block-end: var(--_space);
    }
    .field {
      display: grid;
      gap: 0.2rem;
      min-inline-size: 9rem;
      flex: 1 1 9rem;
    }
    label {
      font-weight: 600;
    }
    .hint {
      color: var(--_muted);
      font-size: 0.85em;
    }
    input,
    select {
      /* Fill the field, never overflow it: a form control's intrinsic width is wider than a
         narrow field, and grid items do not shrink below their content by default. */
      box-sizing: border-box;
      inline-size: 100%;
      min-inline-size: 0;
      font: inherit;
      min-block-size: 2.75rem;
      padding-inline: 0.5rem;
      border: 1px solid var(--_muted);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
    }
    [part~='list'] {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 18rem), 1fr));
      gap: var(--_space);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    [part~='item'] {
      display: grid;
      align-content: start;
      gap: 0.4rem;
      padding: var(--_space);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      overflow-wrap: anywhere;
    }
    .title {
      font-size: 1.1em;
      font-weight: 700;
    }
    .meta {
      color: var(--_muted);
    }
    [part~='paging'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem;
      margin-block-start: var(--_space);
    }
    button[aria-disabled='true'] {
      cursor: not-allowed;
      opacity: 0.6;
    }
    [part~='error'] {
      color: var(--_danger);
    }
  `,
];
