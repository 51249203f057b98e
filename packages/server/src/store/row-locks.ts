// Row locks for read-then-write steps in READ COMMITTED transactions (sql.ts): on PostgreSQL a
// SELECT that a later write depends on must lock the rows it read, or a concurrent transaction
// may change them in between. SQLite has no such clause and needs none: its one write
// transaction at a time already keeps what it read unchanged until it commits.
import type { Sql } from '../sql/sql.js';

/**
 * The clause that ends a SELECT whose rows a transaction will write (`'update'`) or only needs
 * to stay as they are until it commits (`'share'`): ` FOR UPDATE` / ` FOR SHARE` on PostgreSQL,
 * nothing on SQLite. Locks wait for a concurrent writer of the row, then read the row as it left
 * it (a row that no longer matches the WHERE is not returned).
 *
 * @example
 * ```ts
 * // dialect: PostgreSQL locks the row; SQLite's single writer needs no lock.
 * const row = await tx.get(`SELECT bits FROM status_lists WHERE issuer_key = ? AND purpose = ?${lockingRead(tx, 'update')}`, issuerKey, purpose);
 * ```
 */
export function lockingRead(sql: Sql, mode: 'update' | 'share'): string {
  if (sql.dialect === 'sqlite') return '';
  return mode === 'update' ? ' FOR UPDATE' : ' FOR SHARE';
}
