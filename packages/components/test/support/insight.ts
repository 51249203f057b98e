// Crafted insight answers, shaped exactly as issue #15's contract says, at the demo place's size
// (four providers, a year of months, four priorities with targets), with withheld cells.
import type { InsightCell, InsightResponse } from '@citiesoflearning/components';

const n = (value: number): InsightCell => ({ value });
const withheld: InsightCell = { value: null, suppressed: true };
const MEASURES = ['issued', 'claimed', 'revoked', 'pathwayStarts', 'pathwayCompletions', 'opportunities'] as const;
const row = (key: string, label: string, figures: Array<InsightCell>) => ({
  key,
  label,
  cells: Object.fromEntries(MEASURES.map((m, i) => [m, figures[i] ?? n(0)])) as Record<(typeof MEASURES)[number], InsightCell>,
});

export function byProvider(threshold = 10): InsightResponse {
  return {
    by: 'provider', from: '2026-01', to: '2026-12', scope: 'public', threshold, measures: [...MEASURES],
    rows: [
      row('brightwater-libraries', 'Brightwater Libraries', [n(412), n(377), withheld, n(96), n(41), n(24)]),
      row('harbour-youth-trust', 'Harbour Youth Trust', [n(188), n(160), withheld, n(30), n(12), n(11)]),
      row('eastgate-makerspace', 'Eastgate Makerspace', [n(97), n(90), n(0), withheld, withheld, n(15)]),
      row('brightwater-college', 'Brightwater College', [withheld, withheld, n(0), n(0), n(0), n(0)]),
    ],
    totals: { issued: n(702), claimed: n(631), revoked: n(13), pathwayStarts: n(131), pathwayCompletions: n(57), opportunities: n(50) },
  };
}

export function byMonth(): InsightResponse {
  const issued = [38, 52, 61, 0, 47, 70, 88, 64, 59, 73, 81, 69];
  return {
    by: 'month', from: '2026-01', to: '2026-12', scope: 'public', threshold: 10, measures: [...MEASURES],
    rows: issued.map((value, i) => {
      const key = `2026-${String(i + 1).padStart(2, '0')}`;
      // April's figure is withheld (it was 1..9).
      return row(key, key, [i === 3 ? withheld : n(value), n(Math.round(value * 0.9)), n(0), n(12), n(5), n(4)]);
    }),
    totals: { issued: n(709), claimed: n(632), revoked: n(0), pathwayStarts: n(144), pathwayCompletions: n(60), opportunities: n(48) },
  };
}

export function byPriority(): InsightResponse {
  const target = (value: number, progress: InsightCell, measure: 'credentials' | 'pathwayCompletions' = 'credentials') => ({ value, measure, by: '2027-07-31', progress });
  return {
    by: 'priority', from: '2026-01', to: '2026-12', scope: 'place', threshold: 10, measures: [...MEASURES],
    rows: [
      { ...row('digital-foundations', 'Digital Foundations for all', [n(520), n(480), n(3 * 4)]), target: target(500, n(520)) },
      { ...row('safe-online', 'Safe online', [n(210), n(190)]), target: target(400, n(210)) },
      { ...row('young-leaders', 'Young leaders', [withheld, withheld]), target: target(50, withheld) },
      { ...row('digital-ready', 'Digital Ready pathway', [n(0), n(0), n(0), n(61), n(23)]), target: target(100, n(23), 'pathwayCompletions') },
    ],
    totals: { issued: n(735), claimed: n(676), revoked: n(12), pathwayStarts: n(61), pathwayCompletions: n(23), opportunities: n(0) },
  };
}
