import { css } from 'lit';
import { skillsSummaryStyles } from '../skills/skills-view.js';
import { tokens } from '../styles/tokens.js';

/**
 * `<col-skills>`'s styles.
 *
 * @example
 * ```ts
 * static styles = colSkillsStyles;
 * ```
 */
export const colSkillsStyles = [
  tokens,
  skillsSummaryStyles,
  css`
    :host {
      display: block;
      max-inline-size: var(--col-skills-max-width, 48rem);
    }
    [part~='base'] {
      display: grid;
      gap: var(--_space);
    }
    [part~='share'] {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: var(--_space);
      display: grid;
      gap: 0.6rem;
    }
    [part~='share'] p {
      margin: 0;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .link-row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    input[type='url'] {
      font: inherit;
      flex: 1 1 16rem;
      color: var(--_text);
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.5rem;
    }
    [part~='error'] {
      color: var(--_danger);
    }
    @media print {
      [part~='share'] {
        display: none;
      }
    }
  `,
];
