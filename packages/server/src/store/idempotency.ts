import type { Sql } from '../sql/sql.js';

/**
 * How long a completed idempotent claim can be replayed: 24 hours.
 *
 * @example
 * ```ts
 * const keptUntil = Date.now() + IDEMPOTENCY_TTL_MS;
 * ```
 */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

/**
 * A remembered request: `pending` while it runs, `done` with the response it got.
 *
 * @example
 * ```ts
 * const row: IdempotencyRow | undefined = await findIdempotencyRecord(ctx.sql, storedKey);
 * ```
 */
export interface IdempotencyRow {
  body_hash: string;
  state: string;
  status: number | null;
  response: string | null;
}

/**
 * The record stored under this (already hashed) idempotency key, or `undefined`.
 *
 * @example
 * ```ts
 * const row = await findIdempotencyRecord(ctx.sql, storedKey);
 * ```
 */
export async function findIdempotencyRecord(sql: Sql, key: string): Promise<IdempotencyRow | undefined> {
  return await sql.get<IdempotencyRow>('SELECT body_hash, state, status, response FROM idempotency WHERE key = ?', key);
}

/**
 * Forget finished records created before `before` (an ISO time).
 *
 * @example
 * ```ts
 * await deleteDoneIdempotencyBefore(ctx.sql, new Date(Date.now() - 86_400_000).toISOString());
 * ```
 */
export async function deleteDoneIdempotencyBefore(sql: Sql, before: string): Promise<void> {
  await sql.run("DELETE FROM idempotency WHERE created_at < ? AND state = 'done'", before);
}

/**
 * Remember that a request with this key and body is now running; `false` when the key is
 * already recorded (nothing is written then).
 *
 * @example
 * ```ts
 * if (!await insertPendingIdempotency(ctx.sql, storedKey, bodyHash, isoNow(ctx))) replayOrRefuse();
 * ```
 */
export async function insertPendingIdempotency(sql: Sql, key: string, bodyHash: string, createdAt: string): Promise<boolean> {
  // One guarded statement: of requests racing with one key (on several instances), exactly one
  // inserts; the others wait for it to commit and insert nothing.
  return (await sql.run("INSERT INTO idempotency (key, body_hash, state, created_at) VALUES (?, ?, 'pending', ?) ON CONFLICT DO NOTHING", key, bodyHash, createdAt)).changes === 1;
}

/**
 * Store the response a running request finished with, so a retry replays it.
 *
 * @example
 * ```ts
 * await completeIdempotency(ctx.sql, storedKey, 201, JSON.stringify(award));
 * ```
 */
export async function completeIdempotency(sql: Sql, key: string, status: number, response: string): Promise<void> {
  await sql.run("UPDATE idempotency SET state = 'done', status = ?, response = ? WHERE key = ?", status, response, key);
}

/**
 * Forget a request that is still pending (it failed: a retry with the same key must run anew).
 *
 * @example
 * ```ts
 * await deletePendingIdempotency(ctx.sql, storedKey);
 * ```
 */
export async function deletePendingIdempotency(sql: Sql, key: string): Promise<void> {
  await sql.run("DELETE FROM idempotency WHERE key = ? AND state = 'pending'", key);
}

/**
 * Forget every pending record, or those created before `createdBefore` (at start-up: a crash left
 * them, and the client's retry must run afresh rather than wait for a response that will never come).
 *
 * @example
 * ```ts
 * await deleteAllPendingIdempotency(ctx.sql);
 * ```
 */
export async function deleteAllPendingIdempotency(sql: Sql, createdBefore?: string): Promise<void> {
  await sql.run("DELETE FROM idempotency WHERE state = 'pending' AND (CAST(? AS TEXT) IS NULL OR created_at < ?)", createdBefore ?? null, createdBefore ?? null);
}
