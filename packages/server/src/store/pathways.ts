import type { Db } from '../db.js';

/**
 * A stored pathway version.
 *
 * @example
 * ```ts
 * const row: PathwayRow | undefined = findPathwayVersion(ctx.db, 'creative-coder', 2);
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
 * const row = findPathwayVersion(ctx.db, 'creative-coder', 2);
 * ```
 */
export function findPathwayVersion(db: Db, key: string, version: number): PathwayRow | undefined {
  return db.prepare('SELECT * FROM pathways WHERE key = ? AND version = ?').get(key, version) as PathwayRow | undefined;
}

/**
 * The newest version of a pathway: the newest published one, or with `includeDrafts` the
 * newest of any state.
 *
 * @example
 * ```ts
 * const row = findLatestPathway(ctx.db, 'creative-coder', false);
 * ```
 */
export function findLatestPathway(db: Db, key: string, includeDrafts: boolean): PathwayRow | undefined {
  const sql = includeDrafts
    ? 'SELECT * FROM pathways WHERE key = ? ORDER BY version DESC LIMIT 1'
    : "SELECT * FROM pathways WHERE key = ? AND status = 'published' ORDER BY version DESC LIMIT 1";
  return db.prepare(sql).get(key) as PathwayRow | undefined;
}

/**
 * The owner and newest version number of a pathway (`v` is `null` when there is no such pathway).
 *
 * @example
 * ```ts
 * const { issuer_key, v } = latestPathwayVersion(ctx.db, 'creative-coder');
 * ```
 */
export function latestPathwayVersion(db: Db, key: string): { issuer_key: string | null; v: number | null } {
  return db.prepare('SELECT issuer_key, max(version) AS v FROM pathways WHERE key = ?').get(key) as { issuer_key: string | null; v: number | null };
}

/**
 * Whether any version of a pathway with this key exists.
 *
 * @example
 * ```ts
 * if (pathwayExists(ctx.db, 'creative-coder')) throw conflict;
 * ```
 */
export function pathwayExists(db: Db, key: string): boolean {
  return db.prepare('SELECT 1 FROM pathways WHERE key = ?').get(key) !== undefined;
}

/**
 * The issuer that owns a pathway, or `undefined` when there is no such pathway.
 *
 * @example
 * ```ts
 * const owner = pathwayOwner(ctx.db, 'creative-coder'); // 'library'
 * ```
 */
export function pathwayOwner(db: Db, key: string): string | undefined {
  return (db.prepare('SELECT issuer_key FROM pathways WHERE key = ? LIMIT 1').get(key) as { issuer_key: string } | undefined)?.issuer_key;
}

/**
 * Store a new draft version of a pathway (its model as JSON).
 *
 * @example
 * ```ts
 * insertPathwayDraft(ctx.db, { key: 'creative-coder', version: 2, issuerKey: 'library', pathway }, isoNow(ctx));
 * ```
 */
export function insertPathwayDraft(db: Db, p: { key: string; version: number; issuerKey: string; pathway: unknown }, createdAt: string): void {
  db.prepare("INSERT INTO pathways (key, version, issuer_key, status, data, created_at) VALUES (?, ?, ?, 'draft', ?, ?)").run(p.key, p.version, p.issuerKey, JSON.stringify(p.pathway), createdAt);
}

/**
 * Mark a pathway version published.
 *
 * @example
 * ```ts
 * markPathwayPublished(ctx.db, 'creative-coder', 2, isoNow(ctx));
 * ```
 */
export function markPathwayPublished(db: Db, key: string, version: number, at: string): void {
  db.prepare("UPDATE pathways SET status = 'published', published_at = ? WHERE key = ? AND version = ?").run(at, key, version);
}

/**
 * The newest published version of every pathway, by key.
 *
 * @example
 * ```ts
 * const rows = listLatestPublishedPathways(ctx.db);
 * ```
 */
export function listLatestPublishedPathways(db: Db): PathwayRow[] {
  return db
    .prepare("SELECT p.* FROM pathways p WHERE p.status = 'published' AND p.version = (SELECT max(version) FROM pathways q WHERE q.key = p.key AND q.status = 'published') ORDER BY p.key")
    .all() as PathwayRow[];
}
