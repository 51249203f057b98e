import type { Db } from '../db.js';

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
 * const row: IdempotencyRow | undefined = findIdempotencyRecord(ctx.db, storedKey);
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
 * const row = findIdempotencyRecord(ctx.db, storedKey);
 * ```
 */
export function findIdempotencyRecord(db: Db, key: string): IdempotencyRow | undefined {
  return db.prepare('SELECT body_hash, state, status, response FROM idempotency WHERE key = ?').get(key) as IdempotencyRow | undefined;
}

/**
 * Forget finished records created before `before` (an ISO time).
 *
 * @example
 * ```ts
 * deleteDoneIdempotencyBefore(ctx.db, new Date(Date.now() - 86_400_000).toISOString());
 * ```
 */
export function deleteDoneIdempotencyBefore(db: Db, before: string): void {
  db.prepare("DELETE FROM idempotency WHERE created_at < ? AND state = 'done'").run(before);
}

/**
 * Remember that a request with this key and body is now running.
 *
 * @example
 * ```ts
 * insertPendingIdempotency(ctx.db, storedKey, bodyHash, isoNow(ctx));
 * ```
 */
export function insertPendingIdempotency(db: Db, key: string, bodyHash: string, createdAt: string): void {
  db.prepare("INSERT INTO idempotency (key, body_hash, state, created_at) VALUES (?, ?, 'pending', ?)").run(key, bodyHash, createdAt);
}

/**
 * Store the response a running request finished with, so a retry replays it.
 *
 * @example
 * ```ts
 * completeIdempotency(ctx.db, storedKey, 201, JSON.stringify(award));
 * ```
 */
export function completeIdempotency(db: Db, key: string, status: number, response: string): void {
  db.prepare("UPDATE idempotency SET state = 'done', status = ?, response = ? WHERE key = ?").run(status, response, key);
}

/**
 * Forget a request that is still pending (it failed: a retry with the same key must run anew).
 *
 * @example
 * ```ts
 * deletePendingIdempotency(ctx.db, storedKey);
 * ```
 */
export function deletePendingIdempotency(db: Db, key: string): void {
  db.prepare("DELETE FROM idempotency WHERE key = ? AND state = 'pending'").run(key);
}

/**
 * Forget every pending record (at start-up: a crash left them, and the client's retry must run
 * afresh rather than wait for a response that will never come).
 *
 * @example
 * ```ts
 * deleteAllPendingIdempotency(ctx.db);
 * ```
 */
export function deleteAllPendingIdempotency(db: Db): void {
  db.prepare("DELETE FROM idempotency WHERE state = 'pending'").run();
}
