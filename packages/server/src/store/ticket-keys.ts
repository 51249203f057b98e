import type { Sql } from '../sql/sql.js';

/**
 * A provider's registered public key for claim tickets, as stored (`jwk` is JSON text).
 *
 * @example
 * ```ts
 * const key: TicketKeyRow = await findTicketKey(ctx.sql, kid)!;
 * ```
 */
export interface TicketKeyRow {
  issuer_key: string;
  jwk: string;
  alg: string;
}

/**
 * The ticket key with this kid, or `undefined`.
 *
 * @example
 * ```ts
 * const key = await findTicketKey(ctx.sql, 'cms-2026');
 * ```
 */
export async function findTicketKey(sql: Sql, kid: string): Promise<TicketKeyRow | undefined> {
  return await sql.get<TicketKeyRow>('SELECT issuer_key, jwk, alg FROM ticket_keys WHERE kid = ?', kid);
}

/**
 * Whether a ticket key with this kid exists (kids are unique across issuers).
 *
 * @example
 * ```ts
 * if (await ticketKeyExists(ctx.sql, kid)) throw conflict;
 * ```
 */
export async function ticketKeyExists(sql: Sql, kid: string): Promise<boolean> {
  return await sql.get('SELECT 1 FROM ticket_keys WHERE kid = ?', kid) !== undefined;
}

/**
 * Store a ticket key (the public JWK only).
 *
 * @example
 * ```ts
 * await insertTicketKey(ctx.sql, { kid, issuerKey: 'museum', jwk: publicOnly, alg: 'EdDSA' }, isoNow(ctx));
 * ```
 */
export async function insertTicketKey(sql: Sql, key: { kid: string; issuerKey: string; jwk: Record<string, unknown>; alg: string }, createdAt: string): Promise<void> {
  await sql.run('INSERT INTO ticket_keys (kid, issuer_key, jwk, alg, created_at) VALUES (?, ?, ?, ?, ?)', key.kid, key.issuerKey, JSON.stringify(key.jwk), key.alg, createdAt);
}
