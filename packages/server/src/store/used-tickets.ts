import type { Sql } from '../sql/sql.js';

/**
 * Forget used tickets that expired before `before` (an ISO time): they cannot be replayed any more.
 *
 * @example
 * ```ts
 * await deleteUsedTicketsExpiredBefore(ctx.sql, new Date(Date.now() - 3_600_000).toISOString());
 * ```
 */
export async function deleteUsedTicketsExpiredBefore(sql: Sql, before: string): Promise<void> {
  await sql.run('DELETE FROM used_tickets WHERE expires_at < ?', before);
}

/**
 * Record a ticket as used; `false` when it already was (a replay).
 *
 * @example
 * ```ts
 * if (!await markTicketUsed(ctx.sql, `${issuer}|${jti}`, issuer, expiresAt)) throw replayed;
 * ```
 */
export async function markTicketUsed(sql: Sql, id: string, issuerKey: string, expiresAt: string): Promise<boolean> {
  return (await sql.run('INSERT INTO used_tickets (jti, issuer_key, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', id, issuerKey, expiresAt)).changes === 1;
}

/**
 * Forget that a ticket was used (its claim failed, so it may be redeemed again).
 *
 * @example
 * ```ts
 * await unmarkTicketUsed(ctx.sql, `${issuer}|${jti}`);
 * ```
 */
export async function unmarkTicketUsed(sql: Sql, id: string): Promise<void> {
  await sql.run('DELETE FROM used_tickets WHERE jti = ?', id);
}
