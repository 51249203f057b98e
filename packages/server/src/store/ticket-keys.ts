import type { Db } from '../db.js';

/**
 * A provider's registered public key for claim tickets, as stored (`jwk` is JSON text).
 *
 * @example
 * ```ts
 * const key: TicketKeyRow = findTicketKey(ctx.db, kid)!;
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
 * const key = findTicketKey(ctx.db, 'cms-2026');
 * ```
 */
export function findTicketKey(db: Db, kid: string): TicketKeyRow | undefined {
  return db.prepare('SELECT issuer_key, jwk, alg FROM ticket_keys WHERE kid = ?').get(kid) as TicketKeyRow | undefined;
}

/**
 * Whether a ticket key with this kid exists (kids are unique across issuers).
 *
 * @example
 * ```ts
 * if (ticketKeyExists(ctx.db, kid)) throw conflict;
 * ```
 */
export function ticketKeyExists(db: Db, kid: string): boolean {
  return db.prepare('SELECT 1 FROM ticket_keys WHERE kid = ?').get(kid) !== undefined;
}

/**
 * Store a ticket key (the public JWK only).
 *
 * @example
 * ```ts
 * insertTicketKey(ctx.db, { kid, issuerKey: 'museum', jwk: publicOnly, alg: 'EdDSA' }, isoNow(ctx));
 * ```
 */
export function insertTicketKey(db: Db, key: { kid: string; issuerKey: string; jwk: Record<string, unknown>; alg: string }, createdAt: string): void {
  db.prepare('INSERT INTO ticket_keys (kid, issuer_key, jwk, alg, created_at) VALUES (?, ?, ?, ?, ?)').run(key.kid, key.issuerKey, JSON.stringify(key.jwk), key.alg, createdAt);
}
