import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

/**
 * `<col-badge-list>`'s styles: a responsive grid (as many columns as fit), logical properties.
 *
 * @example
 * ```ts
 * static styles = listStyles;
 * ```
 */
export const listStyles = [
  tokens,
  css`
    /* Its own surface, as <col-opportunities> has: the summary, filters and pager follow
       prefers-color-scheme, and a page that does not must not get light text on white. */
    :host {
      display: block;
      padding: var(--_space);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    [part~='base'] {
      display: grid;
      gap: var(--_space);
    }
    [part~='filters'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
    }
    [part~='filter'][aria-pressed='true'] {
      background: var(--_accent);
      color: var(--_on-accent);
    }
    [part~='grid'] {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--_space);
      grid-template-columns: repeat(auto-fill, minmax(var(--col-badge-list-min, 15rem), 1fr));
    }
    [part~='item'] {
      border-radius: var(--_radius);
    }
    [part~='item'] col-badge {
      max-inline-size: none;
      block-size: 100%;
    }
    [part~='pager'] {
      display: flex;
      align-items: center;
      gap: 0.6rem;
      flex-wrap: wrap;
    }
    p {
      margin: 0;
    }
    [part~='error'] {
      color: var(--_danger);
    }
  `,
];
