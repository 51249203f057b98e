import { isoNow, type ServerContext } from './context.js';
import { HttpError } from './errors.js';
import { IDEMPOTENCY_TTL_MS, deleteDoneIdempotencyBefore, findIdempotencyRecord, insertPendingIdempotency } from './store/idempotency.js';

/** A stored answer to replay for a repeated Idempotency-Key. */
export interface IdempotentReplay {
  status: number;
  response: string;
}

/**
 * Claims an Idempotency-Key for one request, in one transaction: the first request with
 * `storedKey` reserves it (pending) and gets `undefined`; a repeat with the same body gets the
 * stored answer; a repeat with another body is 422, and one that arrives while the first is still
 * running is 409. Records older than a day are dropped as new keys arrive (Stripe keeps a day too).
 *
 * @example
 * ```ts
 * const replay = reserveIdempotencyKey(ctx, storedKey, bodyHash);
 * if (replay) return c.body(replay.response, 201, { 'idempotent-replayed': 'true' });
 * ```
 */
export function reserveIdempotencyKey(ctx: ServerContext, storedKey: string, bodyHash: string): IdempotentReplay | undefined {
  return ctx.db.transaction(() => {
    const row = findIdempotencyRecord(ctx.db, storedKey);
    if (!row) {
      deleteDoneIdempotencyBefore(ctx.db, new Date(ctx.now().getTime() - IDEMPOTENCY_TTL_MS).toISOString());
      insertPendingIdempotency(ctx.db, storedKey, bodyHash, isoNow(ctx));
      return undefined;
    }
    if (row.body_hash !== bodyHash) throw new HttpError(422, 'idempotency-key-reused', 'This Idempotency-Key was already used with a different request body; use a new key.');
    if (row.state === 'pending') throw new HttpError(409, 'idempotency-in-progress', 'A request with this Idempotency-Key is still being processed; retry in a moment.', { 'Retry-After': '1' });
    return { status: row.status!, response: row.response! };
  })();
}
