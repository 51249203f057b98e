// The insight table as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma,
// quote or line break quoted, quotes doubled). A withheld count is an empty field, and the last
// column, `suppressed`, names the withheld columns of that row, space-separated — so a
// spreadsheet never shows a withheld count as 0.
import type { InsightTable, Cell } from './insight.js';

/**
 * One CSV field. Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return) gets a leading `'`: labels are names people typed, and a
 * badge called `=HYPERLINK(…)` must open as text, not as a link.
 *
 * @example
 * ```ts
 * csvField('Code, Club'); // '"Code, Club"'
 * csvField('=1+1');       // "'=1+1"
 * ```
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The table as a CSV document: a header row, one row per table row, then a `total` row.
 * Priority tables add the target's value, measure, date and progress.
 *
 * @example
 * ```ts
 * const csv = insightCsv(table); // 'key,label,issued,…,suppressed\r\n…'
 * ```
 */
export function insightCsv(table: InsightTable): string {
  const withTarget = table.by === 'priority';
  const header = ['key', 'label', ...table.measures, ...(withTarget ? ['target', 'targetMeasure', 'targetBy', 'targetProgress'] : []), 'suppressed'];
  const lines = [header.map(csvField).join(',')];
  const value = (c: Cell | undefined) => (c === undefined ? null : c.value);
  const line = (key: string, label: string, cells: InsightTable['totals'], target?: InsightTable['rows'][number]['target']) => {
    const withheld: string[] = table.measures.filter((m) => cells[m].value === null);
    if (target?.progress.value === null) withheld.push('targetProgress');
    const fields: Array<string | number | null> = [key, label, ...table.measures.map((m) => value(cells[m]))];
    if (withTarget) fields.push(target?.value ?? null, target?.measure ?? null, target?.by ?? null, value(target?.progress));
    fields.push(withheld.join(' '));
    lines.push(fields.map(csvField).join(','));
  };
  for (const row of table.rows) line(row.key, row.label, row.cells, row.target);
  line('total', 'Total', table.totals);
  return lines.join('\r\n') + '\r\n';
}
