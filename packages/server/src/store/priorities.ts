import type { Sql } from '../sql/sql.js';

/**
 * A stored priority (`alignments` is a JSON array; the target is three columns, all set or all
 * `null`).
 *
 * @example
 * ```ts
 * const row: PriorityRow | undefined = await findPriority(ctx.sql, 'digital-foundations');
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
 * const row = await findPriority(ctx.sql, 'digital-foundations');
 * ```
 */
export async function findPriority(sql: Sql, key: string): Promise<PriorityRow | undefined> {
  return await sql.get<PriorityRow>('SELECT * FROM priorities WHERE key = ?', key);
}

/**
 * Every priority, by name (a place has a handful: no paging).
 *
 * @example
 * ```ts
 * const rows = await listPriorities(ctx.sql);
 * ```
 */
export async function listPriorities(sql: Sql): Promise<PriorityRow[]> {
  return await sql.all<PriorityRow>('SELECT * FROM priorities ORDER BY name, key');
}

/**
 * Store a new priority; `false` when the key is taken.
 *
 * @example
 * ```ts
 * if (!await insertPriority(ctx.sql, values, isoNow(ctx))) throw conflict;
 * ```
 */
export async function insertPriority(sql: Sql, p: PriorityValues, at: string): Promise<boolean> {
  const result = await sql.run(`INSERT INTO priorities (key, name, description, alignments, area_code, target_value, target_measure, target_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, p.key, p.name, p.description, p.alignments, p.area_code, p.target_value, p.target_measure, p.target_by, at, at);
  return result.changes === 1;
}

/**
 * Replace a priority's fields (not its key); `false` when there is no such priority.
 *
 * @example
 * ```ts
 * await updatePriority(ctx.sql, { ...values, name: 'Digital Foundations for all' }, isoNow(ctx));
 * ```
 */
export async function updatePriority(sql: Sql, p: PriorityValues, at: string): Promise<boolean> {
  const result = await sql.run('UPDATE priorities SET name = ?, description = ?, alignments = ?, area_code = ?, target_value = ?, target_measure = ?, target_by = ?, updated_at = ? WHERE key = ?', p.name, p.description, p.alignments, p.area_code, p.target_value, p.target_measure, p.target_by, at, p.key);
  return result.changes === 1;
}

/**
 * Delete a priority; `false` when there was none.
 *
 * @example
 * ```ts
 * if (!await deletePriority(ctx.sql, 'digital-foundations')) throw notFound('priority');
 * ```
 */
export async function deletePriority(sql: Sql, key: string): Promise<boolean> {
  return (await sql.run('DELETE FROM priorities WHERE key = ?', key)).changes === 1;
}
