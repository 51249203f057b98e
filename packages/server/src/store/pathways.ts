import type { Sql } from '../sql/sql.js';

/**
 * A stored pathway version.
 *
 * @example
 * ```ts
 * const row: PathwayRow | undefined = await findPathwayVersion(ctx.sql, 'creative-coder', 2);
 * ```
 */
export interface PathwayRow {
  key: string;
  version: number;
  issuer_key: string;
  status: 'draft' | 'published';
  data: string;
  created_at: string;
  published_at: string | null;
}

/**
 * One version of a pathway (draft or published), or `undefined`.
 *
 * @example
 * ```ts
 * const row = await findPathwayVersion(ctx.sql, 'creative-coder', 2);
 * ```
 */
export async function findPathwayVersion(sql: Sql, key: string, version: number): Promise<PathwayRow | undefined> {
  return await sql.get<PathwayRow>('SELECT * FROM pathways WHERE key = ? AND version = ?', key, version);
}

/**
 * The newest version of a pathway: the newest published one, or with `includeDrafts` the
 * newest of any state.
 *
 * @example
 * ```ts
 * const row = await findLatestPathway(ctx.sql, 'creative-coder', false);
 * ```
 */
export async function findLatestPathway(sql: Sql, key: string, includeDrafts: boolean): Promise<PathwayRow | undefined> {
  const text = includeDrafts
    ? 'SELECT * FROM pathways WHERE key = ? ORDER BY version DESC LIMIT 1'
    : "SELECT * FROM pathways WHERE key = ? AND status = 'published' ORDER BY version DESC LIMIT 1";
  return await sql.get<PathwayRow>(text, key);
}

/**
 * The owner and newest version number of a pathway (`v` is `null` when there is no such pathway).
 *
 * @example
 * ```ts
 * const { issuer_key, v } = await latestPathwayVersion(ctx.sql, 'creative-coder');
 * ```
 */
export async function latestPathwayVersion(sql: Sql, key: string): Promise<{ issuer_key: string | null; v: number | null }> {
  // The newest row names the owner (every version has the same one): no bare column beside an
  // aggregate, which only SQLite accepts.
  const row = await sql.get<{ issuer_key: string; v: number }>('SELECT issuer_key, version AS v FROM pathways WHERE key = ? ORDER BY version DESC LIMIT 1', key);
  return row ?? { issuer_key: null, v: null };
}

/**
 * Whether any version of a pathway with this key exists.
 *
 * @example
 * ```ts
 * if (await pathwayExists(ctx.sql, 'creative-coder')) throw conflict;
 * ```
 */
export async function pathwayExists(sql: Sql, key: string): Promise<boolean> {
  return await sql.get('SELECT 1 FROM pathways WHERE key = ?', key) !== undefined;
}

/**
 * The issuer that owns a pathway, or `undefined` when there is no such pathway.
 *
 * @example
 * ```ts
 * const owner = await pathwayOwner(ctx.sql, 'creative-coder'); // 'library'
 * ```
 */
export async function pathwayOwner(sql: Sql, key: string): Promise<string | undefined> {
  return (await sql.get<{ issuer_key: string }>('SELECT issuer_key FROM pathways WHERE key = ? LIMIT 1', key))?.issuer_key;
}

/**
 * Store a new draft version of a pathway (its model as JSON).
 *
 * @example
 * ```ts
 * await insertPathwayDraft(ctx.sql, { key: 'creative-coder', version: 2, issuerKey: 'library', pathway }, isoNow(ctx));
 * ```
 */
export async function insertPathwayDraft(sql: Sql, p: { key: string; version: number; issuerKey: string; pathway: unknown }, createdAt: string): Promise<void> {
  await sql.run("INSERT INTO pathways (key, version, issuer_key, status, data, created_at) VALUES (?, ?, ?, 'draft', ?, ?)", p.key, p.version, p.issuerKey, JSON.stringify(p.pathway), createdAt);
}

/**
 * Mark a pathway version published.
 *
 * @example
 * ```ts
 * await markPathwayPublished(ctx.sql, 'creative-coder', 2, isoNow(ctx));
 * ```
 */
export async function markPathwayPublished(sql: Sql, key: string, version: number, at: string): Promise<void> {
  await sql.run("UPDATE pathways SET status = 'published', published_at = ? WHERE key = ? AND version = ?", at, key, version);
}

/**
 * The newest published version of every pathway, by key.
 *
 * @example
 * ```ts
 * const rows = await listLatestPublishedPathways(ctx.sql);
 * ```
 */
export async function listLatestPublishedPathways(sql: Sql): Promise<PathwayRow[]> {
  return await sql.all<PathwayRow>("SELECT p.* FROM pathways p WHERE p.status = 'published' AND p.version = (SELECT max(version) FROM pathways q WHERE q.key = p.key AND q.status = 'published') ORDER BY p.key");
}
