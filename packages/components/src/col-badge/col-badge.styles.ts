import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

/**
 * `<col-badge>`'s styles: card, compact and inline layouts, all with logical properties so a
 * right-to-left page mirrors them.
 *
 * @example
 * ```ts
 * static styles = badgeStyles;
 * ```
 */
export const badgeStyles = [
  tokens,
  css`
    :host {
      display: block;
      max-inline-size: var(--col-badge-max-width, 24rem);
    }
    :host([layout='inline']) {
      display: inline-block;
      max-inline-size: none;
      vertical-align: middle;
    }
    [part~='card'] {
      display: grid;
      gap: calc(var(--_space) * 0.6);
      padding: var(--_space);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      overflow-wrap: anywhere;
    }
    .compact[part~='card'] {
      grid-template-columns: 4rem 1fr;
      align-items: start;
      padding: calc(var(--_space) * 0.6);
    }
    .inline[part~='card'] {
      display: inline-flex;
      align-items: center;
      gap: 0.4em;
      padding: 0.1em 0.5em 0.1em 0.1em;
      padding-inline: 0.1em 0.5em;
      border-radius: 999px;
    }
    [part~='image'] {
      inline-size: 100%;
      max-inline-size: 10rem;
      aspect-ratio: 1;
      object-fit: contain;
      justify-self: center;
    }
    .compact [part~='image'] {
      inline-size: 4rem;
    }
    .inline [part~='image'] {
      inline-size: 1.5em;
      block-size: 1.5em;
    }
    .body {
      display: grid;
      gap: 0.35rem;
      min-inline-size: 0;
    }
    .inline .body {
      display: inline;
    }
    [part~='name'] {
      margin: 0;
      font-size: 1.15em;
      font-weight: 700;
    }
    .inline [part~='name'] {
      display: inline;
      font-size: 1em;
    }
    p {
      margin: 0;
    }
    [part~='issuer'],
    [part~='dates'] {
      color: var(--_muted);
      font-size: 0.92em;
    }
    [part~='description'] {
      white-space: pre-line;
      display: -webkit-box;
      -webkit-line-clamp: 8;
      -webkit-box-orient: vertical;
      overflow: hidden;
    }
    .expired {
      color: var(--_danger);
      font-weight: 600;
    }
    [part~='skills'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.35rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    [part~='skill'] {
      padding-block: 0.1rem;
      padding-inline: 0.55rem;
      border-radius: 999px;
      border: 1px solid var(--_border);
      font-size: 0.85em;
    }
    [part~='status'] {
      justify-self: start;
      min-block-size: 2.25rem;
      border-radius: 999px;
      font-weight: 600;
    }
    [part~='status'].verified {
      color: var(--_success);
      border-color: currentColor;
    }
    [part~='status'].failed {
      color: var(--_danger);
      border-color: currentColor;
    }
    [part~='status'].inconclusive,
    [part~='status'].unlisted,
    [part~='status'].error {
      color: var(--_warning);
      border-color: currentColor;
    }
    [part~='checks'] {
      margin: 0;
      padding-inline-start: 0;
      list-style: none;
      display: grid;
      gap: 0.3rem;
      font-size: 0.92em;
    }
    [part~='actions'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
    }
    [part~='error'] {
      color: var(--_danger);
    }
    .glyph {
      display: inline-block;
      inline-size: 1.1em;
    }
  `,
];
