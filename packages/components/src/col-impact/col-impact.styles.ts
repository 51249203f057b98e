import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

/**
 * `<col-impact>`'s styles: the charts take their colours from the theme tokens; a withheld
 * figure is a dashed outline (never a solid bar); printing shows the table and hides controls.
 *
 * @example
 * ```ts
 * static styles = impactStyles;
 * ```
 */
export const impactStyles = [
  tokens,
  css`
    :host {
      display: block;
      max-inline-size: var(--col-impact-max-width, 56rem);
    }
    [part~='base'] {
      display: grid;
      gap: var(--_space);
    }
    [part~='filters'] fieldset {
      display: flex;
      flex-wrap: wrap;
      gap: 0.6rem 1rem;
      align-items: end;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      margin: 0;
      padding: 0.4rem var(--_space) var(--_space);
    }
    legend {
      font-weight: 600;
      padding-inline: 0.3rem;
    }
    .field {
      display: grid;
      gap: 0.2rem;
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
      font: inherit;
      color: var(--_text);
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.4rem 0.5rem;
      min-block-size: 2.75rem;
      box-sizing: border-box;
    }
    [part~='figure'] {
      margin: 0;
      display: grid;
      gap: 0.6rem;
    }
    .title {
      font-weight: 700;
      font-size: 1.1em;
    }
    [part~='summary'] {
      margin: 0;
    }
    [part~='toggle'],
    [part~='download'] {
      justify-self: start;
    }
    [part~='download'] {
      color: var(--_accent);
    }
    /* A toggle keeps its words; pressed, it looks pressed (the table is showing). */
    [part~='toggle'][aria-pressed='true'] {
      background: var(--_accent);
      color: var(--_on-accent);
    }
    .chart {
      inline-size: 100%;
      block-size: auto;
      font-size: 13px;
      font-family: var(--_font);
    }
    .chart text {
      fill: var(--_text);
    }
    .chart .tick {
      fill: var(--_muted);
    }
    .chart .bar,
    .chart .point {
      fill: var(--col-chart-color, var(--_accent));
    }
    .chart .track {
      fill: none;
      stroke: var(--_border);
    }
    .chart .line {
      fill: none;
      stroke: var(--col-chart-color, var(--_accent));
      stroke-width: 2.5;
    }
    .chart .axis,
    .chart .grid {
      stroke: var(--_border);
    }
    .chart .grid {
      stroke-dasharray: 2 4;
    }
    .chart .suppressed {
      fill: none;
      stroke: var(--col-chart-suppressed-color, var(--_muted));
      stroke-width: 1.5;
      stroke-dasharray: 4 3;
    }
    .chart text.suppressed {
      fill: var(--_muted);
      stroke: none;
      font-style: italic;
    }
    .table-wrap {
      overflow-x: auto;
    }
    table {
      border-collapse: collapse;
      min-inline-size: 100%;
    }
    caption {
      text-align: start;
      font-weight: 600;
      padding-block-end: 0.4rem;
    }
    th,
    td {
      border-block-end: 1px solid var(--_border);
      padding: 0.35rem 0.6rem;
      text-align: end;
    }
    th[scope='row'],
    thead th:first-child {
      text-align: start;
    }
    tfoot th,
    tfoot td {
      font-weight: 700;
    }
    td.suppressed {
      color: var(--_muted);
      font-style: italic;
    }
    [part~='error'] {
      color: var(--_danger);
      margin: 0;
    }
    [hidden] {
      display: none !important;
    }
    @media print {
      [part~='filters'],
      [part~='toggle'],
      [part~='download'],
      .retry {
        display: none !important;
      }
      .table-wrap[hidden] {
        display: block !important;
      }
      .chart-wrap[hidden] {
        display: block !important;
      }
      :host {
        max-inline-size: none;
      }
    }
  `,
];
