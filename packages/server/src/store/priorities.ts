import type { Db } from '../db.js';

/**
 * A stored priority (`alignments` is a JSON array; the target is three columns, all set or all
 * `null`).
 *
 * @example
 * ```ts
 * const row: PriorityRow | undefined = findPriority(ctx.db, 'digital-foundations');
 * ```
 */
export interface PriorityRow {
  key: string;
  name: string;
  description: string | null;
  alignments: string;
  area_code: string | null;
  target_value: number | null;
  target_measure: string | null;
  target_by: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * What a priority is written with (the store adds the timestamps).
 *
 * @example
 * ```ts
 * const values: PriorityValues = { key: 'digital', name: 'Digital', description: null, alignments: '[]', area_code: null, target_value: null, target_measure: null, target_by: null };
 * ```
 */
export type PriorityValues = Omit<PriorityRow, 'created_at' | 'updated_at'>;

/**
 * The priority with this key, or `undefined`.
 *
 * @example
 * ```ts
 * const row = findPriority(ctx.db, 'digital-foundations');
 * ```
 */
export function findPriority(db: Db, key: string): PriorityRow | undefined {
  return db.prepare('SELECT * FROM priorities WHERE key = ?').get(key) as PriorityRow | undefined;
}

/**
 * Every priority, by name (a place has a handful: no paging).
 *
 * @example
 * ```ts
 * const rows = listPriorities(ctx.db);
 * ```
 */
export function listPriorities(db: Db): PriorityRow[] {
  return db.prepare('SELECT * FROM priorities ORDER BY name, key').all() as PriorityRow[];
}

/**
 * Store a new priority; `false` when the key is taken.
 *
 * @example
 * ```ts
 * if (!insertPriority(ctx.db, values, isoNow(ctx))) throw conflict;
 * ```
 */
export function insertPriority(db: Db, p: PriorityValues, at: string): boolean {
  const result = db
    .prepare(
      `INSERT OR IGNORE INTO priorities (key, name, description, alignments, area_code, target_value, target_measure, target_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(p.key, p.name, p.description, p.alignments, p.area_code, p.target_value, p.target_measure, p.target_by, at, at);
  return result.changes === 1;
}

/**
 * Replace a priority's fields (not its key); `false` when there is no such priority.
 *
 * @example
 * ```ts
 * updatePriority(ctx.db, { ...values, name: 'Digital Foundations for all' }, isoNow(ctx));
 * ```
 */
export function updatePriority(db: Db, p: PriorityValues, at: string): boolean {
  const result = db
    .prepare('UPDATE priorities SET name = ?, description = ?, alignments = ?, area_code = ?, target_value = ?, target_measure = ?, target_by = ?, updated_at = ? WHERE key = ?')
    .run(p.name, p.description, p.alignments, p.area_code, p.target_value, p.target_measure, p.target_by, at, p.key);
  return result.changes === 1;
}

/**
 * Delete a priority; `false` when there was none.
 *
 * @example
 * ```ts
 * if (!deletePriority(ctx.db, 'digital-foundations')) throw notFound('priority');
 * ```
 */
export function deletePriority(db: Db, key: string): boolean {
  return db.prepare('DELETE FROM priorities WHERE key = ?').run(key).changes === 1;
}
