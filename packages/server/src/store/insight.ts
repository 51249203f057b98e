// The SQL behind GET /api/v1/insight: aggregates only. Every query groups by badge and month
// and returns counts — never a credential, a recipient or a learner — and each is answered from
// a covering index (schema v5), so a place with a million credentials is summed in the index.
import type { Db } from '../db.js';

/**
 * The months a query covers, as `YYYY-MM` strings (inclusive), and optionally one issuer.
 *
 * @example
 * ```ts
 * const span: InsightSpan = { from: '2026-01', to: '2026-12', issuerKey: 'library' };
 * ```
 */
export interface InsightSpan {
  from: string;
  to: string;
  /** Only this issuer's credentials and opportunities (a provider key's own figures). */
  issuerKey?: string | undefined;
}

/**
 * Credentials issued for one badge in one month, and how many of them were claimed (with a
 * claim code or a provider's claim ticket, `source` `code` or `ticket`).
 *
 * @example
 * ```ts
 * const row: IssuedCount = { achievement: 'digital-foundations', month: '2026-03', issued: 41, claimed: 30 };
 * ```
 */
export interface IssuedCount {
  achievement: string;
  month: string;
  issued: number;
  claimed: number;
}

/**
 * Credentials of one badge revoked in one month.
 *
 * @example
 * ```ts
 * const row: RevokedCount = { achievement: 'digital-foundations', month: '2026-04', revoked: 2 };
 * ```
 */
export interface RevokedCount {
  achievement: string;
  month: string;
  revoked: number;
}

/**
 * Opportunities of one provider, badge and area starting in one month (undated ones count in
 * the month they were listed).
 *
 * @example
 * ```ts
 * const row: OfferedCount = { issuer: 'library', achievement: null, area: 'E05099001', month: '2026-05', offered: 3 };
 * ```
 */
export interface OfferedCount {
  issuer: string;
  achievement: string | null;
  area: string | null;
  month: string;
  offered: number;
}

/** The month after `YYYY-MM`: the exclusive upper bound for ISO timestamps in the span. */
function monthAfter(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

// ISO 8601 timestamps sort as text, so `issued_at >= '2026-01' AND issued_at < '2027-01'` is the
// whole of 2026 and a plain index range.
const ISSUED_SQL = `SELECT achievement_key AS achievement, substr(issued_at, 1, 7) AS month, count(*) AS issued,
  sum(source IN ('code', 'ticket')) AS claimed FROM credentials`;
const ISSUED_WHERE = `issued_at >= ? AND issued_at < ? AND state = 'issued' GROUP BY achievement_key, month`;
const REVOKED_SQL = `SELECT achievement_key AS achievement, substr(revoked_at, 1, 7) AS month, count(*) AS revoked FROM credentials`;
const REVOKED_WHERE = `revoked_at >= ? AND revoked_at < ? AND state = 'issued' GROUP BY achievement_key, month`;

/**
 * The SQL of the two credential aggregates for a span, as run (for EXPLAIN QUERY PLAN checks).
 *
 * @example
 * ```ts
 * const { issued } = insightSql({ from: '2026-01', to: '2026-12' });
 * db.prepare(`EXPLAIN QUERY PLAN ${issued.sql}`).all(...issued.args);
 * ```
 */
export function insightSql(span: InsightSpan): { issued: { sql: string; args: string[] }; revoked: { sql: string; args: string[] } } {
  const range = [span.from, monthAfter(span.to)];
  if (span.issuerKey === undefined) {
    return { issued: { sql: `${ISSUED_SQL} WHERE ${ISSUED_WHERE}`, args: range }, revoked: { sql: `${REVOKED_SQL} WHERE ${REVOKED_WHERE}`, args: range } };
  }
  return {
    issued: { sql: `${ISSUED_SQL} WHERE issuer_key = ? AND ${ISSUED_WHERE}`, args: [span.issuerKey, ...range] },
    revoked: { sql: `${REVOKED_SQL} WHERE issuer_key = ? AND ${REVOKED_WHERE}`, args: [span.issuerKey, ...range] },
  };
}

/**
 * Credentials issued (and claimed) per badge and month in the span.
 *
 * @example
 * ```ts
 * const rows = issuedCounts(ctx.db, { from: '2026-01', to: '2026-12' });
 * ```
 */
export function issuedCounts(db: Db, span: InsightSpan): IssuedCount[] {
  const { sql, args } = insightSql(span).issued;
  return db.prepare(sql).all(...args) as IssuedCount[];
}

/**
 * Credentials revoked per badge and month in the span (by the month of the revocation).
 *
 * @example
 * ```ts
 * const rows = revokedCounts(ctx.db, { from: '2026-01', to: '2026-12', issuerKey: 'library' });
 * ```
 */
export function revokedCounts(db: Db, span: InsightSpan): RevokedCount[] {
  const { sql, args } = insightSql(span).revoked;
  return db.prepare(sql).all(...args) as RevokedCount[];
}

/**
 * Opportunities offered per provider, badge, area and month in the span.
 *
 * @example
 * ```ts
 * const rows = offeredCounts(ctx.db, { from: '2026-01', to: '2026-12' });
 * ```
 */
export function offeredCounts(db: Db, span: InsightSpan): OfferedCount[] {
  const when = 'coalesce(starts_at, created_at)';
  const sql = `SELECT issuer_key AS issuer, achievement_key AS achievement, area_code AS area, substr(${when}, 1, 7) AS month, count(*) AS offered
    FROM opportunities WHERE ${when} >= ? AND ${when} < ? ${span.issuerKey === undefined ? '' : 'AND issuer_key = ?'}
    GROUP BY issuer_key, achievement_key, area_code, month`;
  const args = [span.from, monthAfter(span.to), ...(span.issuerKey === undefined ? [] : [span.issuerKey])];
  return db.prepare(sql).all(...args) as OfferedCount[];
}

/**
 * Every issuer's key, name and area (an area code, or `null` when none is recorded).
 *
 * @example
 * ```ts
 * const issuers = issuerAreas(ctx.db); // [{ key: 'library', name: 'Library', area: 'E05099001' }]
 * ```
 */
export function issuerAreas(db: Db): Array<{ key: string; name: string; area: string | null }> {
  return db.prepare('SELECT key, name, area_code AS area FROM issuers ORDER BY name, key').all() as Array<{ key: string; name: string; area: string | null }>;
}

/**
 * Record (or with `null` clear) the area an issuer works in.
 *
 * @example
 * ```ts
 * setIssuerArea(ctx.db, 'library', 'E05099001');
 * ```
 */
export function setIssuerArea(db: Db, key: string, area: string | null): boolean {
  return db.prepare('UPDATE issuers SET area_code = ? WHERE key = ?').run(area, key).changes === 1;
}

/**
 * The published pathways' documents, newest version of each (for their entry and milestone badges).
 *
 * @example
 * ```ts
 * for (const data of publishedPathwayDocuments(ctx.db)) JSON.parse(data);
 * ```
 */
export function publishedPathwayDocuments(db: Db): string[] {
  const rows = db
    .prepare(
      `SELECT p.data FROM pathways p WHERE p.status = 'published'
        AND p.version = (SELECT max(q.version) FROM pathways q WHERE q.key = p.key AND q.status = 'published') ORDER BY p.key`,
    )
    .all() as Array<{ data: string }>;
  return rows.map((r) => r.data);
}
