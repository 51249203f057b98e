import type { Sql } from '../sql/sql.js';

/**
 * A shared skills summary as stored: the presentation JSON, the SHA-256 of its delete token,
 * and when it expires.
 *
 * @example
 * ```ts
 * const row: ShareRow | undefined = await findLiveShare(ctx.sql, id, isoNow(ctx));
 * ```
 */
export interface ShareRow {
  id: string;
  delete_token_hash: string;
  body: string;
  created_at: string;
  expires_at: string;
}

/**
 * Store a shared summary.
 *
 * @example
 * ```ts
 * await insertShare(ctx.sql, { id, delete_token_hash: hash, body, created_at: now, expires_at: later });
 * ```
 */
export async function insertShare(sql: Sql, row: ShareRow): Promise<void> {
  await sql.run('INSERT INTO shares (id, delete_token_hash, body, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', row.id, row.delete_token_hash, row.body, row.created_at, row.expires_at);
}

/**
 * The share with this id if it has not expired at `now`, else `undefined`.
 *
 * @example
 * ```ts
 * const row = await findLiveShare(ctx.sql, id, isoNow(ctx));
 * ```
 */
export async function findLiveShare(sql: Sql, id: string, now: string): Promise<ShareRow | undefined> {
  return await sql.get<ShareRow>('SELECT * FROM shares WHERE id = ? AND expires_at > ?', id, now);
}

/**
 * Delete one share.
 *
 * @example
 * ```ts
 * await deleteShare(ctx.sql, id);
 * ```
 */
export async function deleteShare(sql: Sql, id: string): Promise<void> {
  await sql.run('DELETE FROM shares WHERE id = ?', id);
}

/**
 * Delete every share expired at `now` (a learner's summary is kept no longer than promised).
 *
 * @example
 * ```ts
 * const removed = await deleteExpiredShares(ctx.sql, isoNow(ctx));
 * ```
 */
export async function deleteExpiredShares(sql: Sql, now: string): Promise<number> {
  return (await sql.run('DELETE FROM shares WHERE expires_at <= ?', now)).changes;
}
