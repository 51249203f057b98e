// <col-impact>'s reading of an insight answer and the URL it asks, as pure functions: only the
// contract's fields survive, every kind of malformed answer is refused with one code, and the
// query carries filters only (nothing about a viewer).
import { describe, it, expect, errorCode } from '@col/harness';
import { insightCsvUrl, insightUrl, readInsight } from '@citiesoflearning/components';

const answer = {
  by: 'area', from: '2026-01', to: '2026-12', scope: 'public', threshold: 10,
  measures: ['issued', 'claimed'],
  rows: [{ key: 'E05099001', label: 'Harbour', cells: { issued: { value: 42 }, claimed: { value: null, suppressed: true } }, email: 'leak@example.org' }],
  totals: { issued: { value: 50 }, claimed: { value: 44 } },
  learners: [{ email: 'leak@example.org' }],
};

describe('reading an insight answer', () => {
  it('keeps the contract fields, withheld cells as withheld, and nothing else', () => {
    const insight = readInsight(answer);
    expect(insight).to.deep.equal({
      by: 'area', from: '2026-01', to: '2026-12', scope: 'public', threshold: 10, measures: ['issued', 'claimed'],
      rows: [{ key: 'E05099001', label: 'Harbour', cells: { issued: { value: 42 }, claimed: { value: null, suppressed: true } } }],
      totals: { issued: { value: 50 }, claimed: { value: 44 } },
    });
    expect(JSON.stringify(insight)).to.not.contain('leak@example.org');
  });

  it('a label falls back to the key; a target keeps its progress; a missing threshold is 10', () => {
    const insight = readInsight({ by: 'priority', rows: [{ key: 'digital', cells: {}, target: { value: 500, measure: 'credentials', by: '2027-07-31', progress: { value: null, suppressed: true } } }], totals: {} });
    expect(insight.rows[0]!.label).to.equal('digital');
    expect(insight.rows[0]!.target).to.deep.equal({ value: 500, measure: 'credentials', by: '2027-07-31', progress: { value: null, suppressed: true } });
    expect(insight.threshold).to.equal(10);
  });

  it('refuses every kind of malformed answer with insight-invalid', () => {
    const bad: unknown[] = [
      null, 'rows', [], { rows: [] }, { by: 'learner', rows: [] }, { by: 'month' },
      { by: 'month', rows: [42] },
      { by: 'month', rows: [{ key: 'x', cells: { issued: { value: -1 } } }] },
      { by: 'month', rows: [{ key: 'x', cells: { issued: { value: '12' } } }] },
      { by: 'month', rows: [{ key: 'x', cells: { issued: { value: Number.NaN } } }] },
      { by: 'month', rows: [], totals: { issued: {} } },
      { by: 'month', rows: Array.from({ length: 501 }, (_, i) => ({ key: String(i), cells: {} })) },
    ];
    for (const value of bad) expect(errorCode(() => readInsight(value)), JSON.stringify(value)?.slice(0, 60)).to.equal('insight-invalid');
  });
});

describe('the insight URL', () => {
  it('carries the grouping and the filters given, encoded, under the API base', () => {
    expect(insightUrl('https://badges.example.org', { by: 'priority' })).to.equal('https://badges.example.org/api/v1/insight?by=priority');
    expect(insightUrl('https://badges.example.org/place/', { by: 'provider', from: '2026-01', to: '2026-06', issuer: 'a&b=c', area: 'E05099001' }))
      .to.equal('https://badges.example.org/place/api/v1/insight?by=provider&from=2026-01&to=2026-06&issuer=a%26b%3Dc&area=E05099001');
  });

  it('the CSV download of the same figures: the same filters plus format=csv, nothing else', () => {
    expect(insightCsvUrl('https://badges.example.org', { by: 'month', area: 'E05099001' })).to.equal('https://badges.example.org/api/v1/insight?by=month&area=E05099001&format=csv');
    // Whatever else a caller's object holds stays out of the address.
    const query = { by: 'area', from: '2026-01', email: 'leak@example.org' } as unknown as Parameters<typeof insightCsvUrl>[1];
    expect(insightCsvUrl('https://badges.example.org/place/', query)).to.equal('https://badges.example.org/place/api/v1/insight?by=area&from=2026-01&format=csv');
  });
});
