import type { Sql } from '../sql/sql.js';

/**
 * A value from the `meta` table (server-wide settings such as the pepper and the base URL), or
 * `undefined` when it was never written.
 *
 * @example
 * ```ts
 * const stored = await readMeta(sql, 'base_url');
 * ```
 */
export async function readMeta(sql: Sql, key: string): Promise<string | undefined> {
  return (await sql.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', key))?.value;
}

/**
 * Write a `meta` value that must not exist yet (a second write fails: such values are written
 * once, like the pepper).
 *
 * @example
 * ```ts
 * await insertMeta(sql, 'pepper', pepper.toString('base64'));
 * ```
 */
export async function insertMeta(sql: Sql, key: string, value: string): Promise<void> {
  await sql.run('INSERT INTO meta (key, value) VALUES (?, ?)', key, value);
}

/**
 * Write a `meta` value, replacing any earlier one.
 *
 * @example
 * ```ts
 * await writeMeta(sql, 'base_url', 'https://badges.example');
 * ```
 */
export async function writeMeta(sql: Sql, key: string, value: string): Promise<void> {
  await sql.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', key, value);
}

/**
 * Write a `meta` value unless one is there already, and return the one that is stored now with
 * whether it is ours. Several instances starting at once on one database all call it; exactly one
 * value wins, and every instance reads that one (`ON CONFLICT DO NOTHING`, then read back).
 *
 * @example
 * ```ts
 * const { value, created } = await claimMeta(ctx.sql, 'pepper', fresh.toString('base64'));
 * ```
 */
export async function claimMeta(sql: Sql, key: string, value: string): Promise<{ value: string; created: boolean }> {
  const inserted = await sql.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', key, value);
  if (inserted.changes === 1) return { value, created: true };
  const stored = await readMeta(sql, key);
  // A meta row is never deleted, so the row that beat ours is still there.
  return { value: stored!, created: false };
}

/**
 * Send the database the smallest statement there is: resolves when it answers, rejects with
 * `database-unavailable` when it cannot be reached (the health check).
 *
 * @example
 * ```ts
 * await pingDatabase(ctx.sql);
 * ```
 */
export async function pingDatabase(sql: Sql): Promise<void> {
  await sql.get('SELECT 1 AS up');
}
