// The SQL behind GET /api/v1/insight: aggregates only. Credentials are counted from
// `insight_monthly` (schema v5), one row per badge and month that triggers keep up to date as
// credentials are issued and revoked, so a query reads a few hundred rows however many
// credentials a place holds — never a credential, a recipient or a learner.
import type { Sql } from '../sql/sql.js';

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
 * Credentials of one badge in one month: issued, claimed (with a claim code or a provider's
 * claim ticket, `source` `code` or `ticket`) and revoked (by the month of the revocation).
 *
 * @example
 * ```ts
 * const row: MonthlyCount = { achievement: 'digital-foundations', month: '2026-03', issued: 41, claimed: 30, revoked: 2 };
 * ```
 */
export interface MonthlyCount {
  achievement: string;
  month: string;
  issued: number;
  claimed: number;
  revoked: number;
}

/**
 * The SQL of the monthly credential counts for a span, as run (for EXPLAIN QUERY PLAN checks).
 *
 * @example
 * ```ts
 * const { sql, args } = monthlyCountsSql({ from: '2026-01', to: '2026-12' });
 * await sql.all(`EXPLAIN QUERY PLAN ${sql}`, ...args);
 * ```
 */
export function monthlyCountsSql(span: InsightSpan): { sql: string; args: string[] } {
  const select = 'SELECT achievement_key AS achievement, month, issued, claimed, revoked FROM insight_monthly';
  return span.issuerKey === undefined
    ? { sql: `${select} WHERE month >= ? AND month <= ?`, args: [span.from, span.to] }
    : { sql: `${select} WHERE issuer_key = ? AND month >= ? AND month <= ?`, args: [span.issuerKey, span.from, span.to] };
}

/**
 * Credentials issued, claimed and revoked per badge and month in the span.
 *
 * @example
 * ```ts
 * const rows = await monthlyCounts(ctx.sql, { from: '2026-01', to: '2026-12' });
 * ```
 */
export async function monthlyCounts(sql: Sql, span: InsightSpan): Promise<MonthlyCount[]> {
  const { sql: text, args } = monthlyCountsSql(span);
  return await sql.all<MonthlyCount>(text, ...args);
}

/** The month after `YYYY-MM`: the exclusive upper bound for ISO timestamps in the span. */
function monthAfter(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
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

/**
 * Opportunities offered per provider, badge, area and month in the span.
 *
 * @example
 * ```ts
 * const rows = await offeredCounts(ctx.sql, { from: '2026-01', to: '2026-12' });
 * ```
 */
export async function offeredCounts(sql: Sql, span: InsightSpan): Promise<OfferedCount[]> {
  const when = 'coalesce(starts_at, created_at)';
  const text = `SELECT issuer_key AS issuer, achievement_key AS achievement, area_code AS area, substr(${when}, 1, 7) AS month, count(*) AS offered
    FROM opportunities WHERE ${when} >= ? AND ${when} < ? ${span.issuerKey === undefined ? '' : 'AND issuer_key = ?'}
    GROUP BY issuer_key, achievement_key, area_code, month`;
  const args = [span.from, monthAfter(span.to), ...(span.issuerKey === undefined ? [] : [span.issuerKey])];
  return await sql.all<OfferedCount>(text, ...args);
}

/**
 * Every issuer's key, name and area (an area code, or `null` when none is recorded).
 *
 * @example
 * ```ts
 * const issuers = await issuerAreas(ctx.sql); // [{ key: 'library', name: 'Library', area: 'E05099001' }]
 * ```
 */
export async function issuerAreas(sql: Sql): Promise<Array<{ key: string; name: string; area: string | null }>> {
  return await sql.all<{ key: string; name: string; area: string | null }>('SELECT key, name, area_code AS area FROM issuers ORDER BY name, key');
}

/**
 * Record (or with `null` clear) the area an issuer works in.
 *
 * @example
 * ```ts
 * await setIssuerArea(ctx.sql, 'library', 'E05099001');
 * ```
 */
export async function setIssuerArea(sql: Sql, key: string, area: string | null): Promise<boolean> {
  return (await sql.run('UPDATE issuers SET area_code = ? WHERE key = ?', area, key)).changes === 1;
}

/**
 * The published pathways' documents, newest version of each (for their entry and milestone badges).
 *
 * @example
 * ```ts
 * for (const data of await publishedPathwayDocuments(ctx.sql)) JSON.parse(data);
 * ```
 */
export async function publishedPathwayDocuments(sql: Sql): Promise<string[]> {
  const rows = await sql.all<{ data: string }>(`SELECT p.data FROM pathways p WHERE p.status = 'published'
        AND p.version = (SELECT max(q.version) FROM pathways q WHERE q.key = p.key AND q.status = 'published') ORDER BY p.key`);
  return rows.map((r) => r.data);
}

/**
 * Add counts to the monthly totals directly: for a place bringing its figures from before it ran
 * this server (and for the demo's year of history). Counts only — no credential is created, so
 * nothing here can describe a learner. Adds to what is there (an upsert per badge and month).
 *
 * @example
 * ```ts
 * await addMonthlyCounts(ctx.sql, [{ achievement: 'digital-foundations', issuer: 'library', month: '2026-03', issued: 41, claimed: 30, revoked: 2 }]);
 * ```
 */
export async function addMonthlyCounts(sql: Sql, rows: ReadonlyArray<MonthlyCount & { issuer: string }>): Promise<void> {
  const upsert = `INSERT INTO insight_monthly (month, achievement_key, issuer_key, issued, claimed, revoked) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (month, achievement_key) DO UPDATE SET issued = insight_monthly.issued + excluded.issued,
       claimed = insight_monthly.claimed + excluded.claimed, revoked = insight_monthly.revoked + excluded.revoked`;
  for (const r of rows) await sql.run(upsert, r.month, r.achievement, r.issuer, r.issued, r.claimed, r.revoked);
}
