import type { Db } from '../db.js';

/**
 * A shared skills summary as stored: the presentation JSON, the SHA-256 of its delete token,
 * and when it expires.
 *
 * @example
 * ```ts
 * const row: ShareRow | undefined = findLiveShare(ctx.db, id, isoNow(ctx));
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
 * insertShare(ctx.db, { id, delete_token_hash: hash, body, created_at: now, expires_at: later });
 * ```
 */
export function insertShare(db: Db, row: ShareRow): void {
  db.prepare('INSERT INTO shares (id, delete_token_hash, body, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(row.id, row.delete_token_hash, row.body, row.created_at, row.expires_at);
}

/**
 * The share with this id if it has not expired at `now`, else `undefined`.
 *
 * @example
 * ```ts
 * const row = findLiveShare(ctx.db, id, isoNow(ctx));
 * ```
 */
export function findLiveShare(db: Db, id: string, now: string): ShareRow | undefined {
  return db.prepare('SELECT * FROM shares WHERE id = ? AND expires_at > ?').get(id, now) as ShareRow | undefined;
}

/**
 * Delete one share.
 *
 * @example
 * ```ts
 * deleteShare(ctx.db, id);
 * ```
 */
export function deleteShare(db: Db, id: string): void {
  db.prepare('DELETE FROM shares WHERE id = ?').run(id);
}

/**
 * Delete every share expired at `now` (a learner's summary is kept no longer than promised).
 *
 * @example
 * ```ts
 * const removed = deleteExpiredShares(ctx.db, isoNow(ctx));
 * ```
 */
export function deleteExpiredShares(db: Db, now: string): number {
  return db.prepare('DELETE FROM shares WHERE expires_at <= ?').run(now).changes;
}
