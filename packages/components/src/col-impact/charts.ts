/**
 * The impact charts, drawn by hand as SVG (no charting dependency, nothing inline that a strict
 * CSP would block): bars per group, a line over months, progress toward each target. Each SVG
 * is one image to assistive technology (`role="img"`, named by the chart's title and its
 * one-sentence summary); the data table beside it carries the figures. A withheld figure is
 * never drawn as zero: a dashed outline spans "somewhere below the threshold", labelled
 * "fewer than 10".
 */
import { svg, nothing, type SVGTemplateResult, type TemplateResult, html } from 'lit';
import type { InsightCell, InsightRow } from './insight.js';

/**
 * What a chart needs to label itself: number and label formatting, the withheld-figure words,
 * the threshold, and the ids of the title and summary that name it.
 *
 * @example
 * ```ts
 * const labels: ChartLabels = { number: (n) => n.toLocaleString('en-GB'), fewer: 'fewer than 10', threshold: 10, labelledBy: 'title summary', label: (r) => r.label };
 * ```
 */
export interface ChartLabels {
  number(value: number): string;
  /** "fewer than {threshold}", localized. */
  fewer: string;
  threshold: number;
  /** Space-separated ids naming the chart (its title and summary). */
  labelledBy: string;
  /** A row's label as shown (months formatted for the locale). */
  label(row: InsightRow): string;
}

const WIDTH = 640;
const LABEL_WIDTH = 200;
const BAR_AREA = WIDTH - LABEL_WIDTH - 110;
const ROW = 30;

const LABEL_CHARS = 30;

/** A row's label at the chart's left; a long one is cut, with the whole name as its tooltip. */
function rowLabel(text: string, y: number): SVGTemplateResult {
  const whole = text.length <= LABEL_CHARS;
  return svg`<text class="label" x=${LABEL_WIDTH - 8} y=${y + ROW / 2} text-anchor="end" dominant-baseline="middle">${whole ? nothing : svg`<title>${text}</title>`}${whole ? text : `${text.slice(0, LABEL_CHARS - 1)}…`}</text>`;
}
const valueOf = (cell: InsightCell | undefined): number | null => (cell && cell.value !== null ? cell.value : null);

function frame(height: number, labels: ChartLabels, body: SVGTemplateResult, kind: string): TemplateResult {
  return html`<svg part="chart" class="chart ${kind}" role="img" aria-labelledby=${labels.labelledBy} viewBox="0 0 ${WIDTH} ${height}" preserveAspectRatio="xMinYMin meet">
    ${body}
  </svg>`;
}

/**
 * Horizontal bars, one per row, of the figure `pick(row)`.
 *
 * @example
 * ```ts
 * barChart(insight.rows, (row) => row.cells.issued, labels);
 * ```
 */
export function barChart(rows: readonly InsightRow[], pick: (row: InsightRow) => InsightCell | undefined, labels: ChartLabels): TemplateResult {
  const max = Math.max(labels.threshold, ...rows.map((r) => valueOf(pick(r)) ?? 0));
  const scale = (n: number) => (n / max) * BAR_AREA;
  const height = rows.length * ROW + 10;
  const body = svg`${rows.map((row, i) => {
    const y = i * ROW + 5;
    const cell = pick(row);
    const value = valueOf(cell);
    const label = rowLabel(labels.label(row), y);
    if (value === null) {
      return svg`${label}<rect class="bar suppressed" x=${LABEL_WIDTH} y=${y + 4} width=${Math.max(4, scale(labels.threshold))} height=${ROW - 10} rx="2"></rect>
        <text class="value suppressed" x=${LABEL_WIDTH + Math.max(4, scale(labels.threshold)) + 6} y=${y + ROW / 2} dominant-baseline="middle">${labels.fewer}</text>`;
    }
    return svg`${label}<rect class="bar" x=${LABEL_WIDTH} y=${y + 4} width=${Math.max(value > 0 ? 2 : 0, scale(value))} height=${ROW - 10} rx="2"></rect>
      <text class="value" x=${LABEL_WIDTH + scale(value) + 6} y=${y + ROW / 2} dominant-baseline="middle">${labels.number(value)}</text>`;
  })}
  <line class="axis" x1=${LABEL_WIDTH} x2=${LABEL_WIDTH} y1="0" y2=${height}></line>`;
  return frame(height, labels, body, 'bars');
}

/**
 * A line over the rows (months, in order) of the figure `pick(row)`; a withheld month breaks
 * the line and is marked by a dashed band from zero to the threshold.
 *
 * @example
 * ```ts
 * lineChart(insight.rows, (row) => row.cells.issued, labels);
 * ```
 */
export function lineChart(rows: readonly InsightRow[], pick: (row: InsightRow) => InsightCell | undefined, labels: ChartLabels): TemplateResult {
  const height = 260;
  const left = 56;
  const right = WIDTH - 16;
  const top = 16;
  const bottom = height - 44;
  const max = Math.max(labels.threshold, ...rows.map((r) => valueOf(pick(r)) ?? 0));
  const x = (i: number) => (rows.length < 2 ? (left + right) / 2 : left + (i / (rows.length - 1)) * (right - left));
  const y = (n: number) => bottom - (n / max) * (bottom - top);
  // Runs of consecutive shown months become one polyline each.
  const runs: Array<Array<[number, number]>> = [];
  let run: Array<[number, number]> = [];
  rows.forEach((row, i) => {
    const value = valueOf(pick(row));
    if (value === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push([x(i), y(value)]);
  });
  if (run.length) runs.push(run);
  const every = Math.max(1, Math.ceil(rows.length / 8));
  const body = svg`
    <line class="axis" x1=${left} x2=${right} y1=${bottom} y2=${bottom}></line>
    <line class="grid" x1=${left} x2=${right} y1=${top} y2=${top}></line>
    <text class="tick" x=${left - 6} y=${bottom} text-anchor="end" dominant-baseline="middle">${labels.number(0)}</text>
    <text class="tick" x=${left - 6} y=${top} text-anchor="end" dominant-baseline="middle">${labels.number(max)}</text>
    ${runs.map((points) => svg`<polyline class="line" points=${points.map(([px, py]) => `${px},${py}`).join(' ')}></polyline>`)}
    ${rows.map((row, i) => {
      const value = valueOf(pick(row));
      const tick = i % every === 0 || i === rows.length - 1 ? svg`<text class="tick" x=${x(i)} y=${bottom + 18} text-anchor="middle">${labels.label(row)}</text>` : svg``;
      if (value === null) {
        return svg`${tick}<rect class="band suppressed" x=${x(i) - 5} y=${y(labels.threshold)} width="10" height=${bottom - y(labels.threshold)}></rect>`;
      }
      return svg`${tick}<circle class="point" cx=${x(i)} cy=${y(value)} r="4"></circle>`;
    })}`;
  return frame(height, labels, body, 'line');
}

/**
 * Progress toward each row's target: a track for the target, filled to the progress; a
 * withheld progress is a dashed outline up to the threshold.
 *
 * @example
 * ```ts
 * progressChart(insight.rows.filter((r) => r.target), labels);
 * ```
 */
export function progressChart(rows: readonly InsightRow[], labels: ChartLabels): TemplateResult {
  const withTarget = rows.filter((r) => r.target);
  const height = withTarget.length * ROW * 1.4 + 10;
  const body = svg`${withTarget.map((row, i) => {
    const target = row.target!;
    const y = i * ROW * 1.4 + 5;
    const done = valueOf(target.progress);
    const share = (n: number) => Math.min(1, n / target.value) * BAR_AREA;
    const fill =
      done === null
        ? svg`<rect class="bar suppressed" x=${LABEL_WIDTH} y=${y + 6} width=${Math.max(4, share(labels.threshold))} height=${ROW - 12} rx="2"></rect>`
        : svg`<rect class="bar" x=${LABEL_WIDTH} y=${y + 6} width=${share(done)} height=${ROW - 12} rx="2"></rect>`;
    const figure = done === null ? labels.fewer : labels.number(done);
    return svg`${rowLabel(labels.label(row), y)}
      <rect class="track" x=${LABEL_WIDTH} y=${y + 6} width=${BAR_AREA} height=${ROW - 12} rx="2"></rect>
      ${fill}
      <text class="value" x=${LABEL_WIDTH + BAR_AREA + 6} y=${y + ROW / 2} dominant-baseline="middle">${figure} / ${labels.number(target.value)}</text>`;
  })}`;
  return frame(height, labels, body, 'progress');
}
