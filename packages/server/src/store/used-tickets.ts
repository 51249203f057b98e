import type { Db } from '../db.js';

/**
 * Forget used tickets that expired before `before` (an ISO time): they cannot be replayed any more.
 *
 * @example
 * ```ts
 * deleteUsedTicketsExpiredBefore(ctx.db, new Date(Date.now() - 3_600_000).toISOString());
 * ```
 */
export function deleteUsedTicketsExpiredBefore(db: Db, before: string): void {
  db.prepare('DELETE FROM used_tickets WHERE expires_at < ?').run(before);
}

/**
 * Record a ticket as used; `false` when it already was (a replay).
 *
 * @example
 * ```ts
 * if (!markTicketUsed(ctx.db, `${issuer}|${jti}`, issuer, expiresAt)) throw replayed;
 * ```
 */
export function markTicketUsed(db: Db, id: string, issuerKey: string, expiresAt: string): boolean {
  return db.prepare('INSERT OR IGNORE INTO used_tickets (jti, issuer_key, expires_at) VALUES (?, ?, ?)').run(id, issuerKey, expiresAt).changes === 1;
}

/**
 * Forget that a ticket was used (its claim failed, so it may be redeemed again).
 *
 * @example
 * ```ts
 * unmarkTicketUsed(ctx.db, `${issuer}|${jti}`);
 * ```
 */
export function unmarkTicketUsed(db: Db, id: string): void {
  db.prepare('DELETE FROM used_tickets WHERE jti = ?').run(id);
}
