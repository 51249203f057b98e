import { isoNow, type ServerContext } from './context.js';
import { HttpError } from './errors.js';
import { ColError } from '@citiesoflearning/core';
import { IDEMPOTENCY_TTL_MS, deleteDoneIdempotencyBefore, deletePendingIdempotency, findIdempotencyRecord, insertPendingIdempotency } from './store/idempotency.js';

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
 * const replay = await reserveIdempotencyKey(ctx, storedKey, bodyHash);
 * if (replay) return c.body(replay.response, 201, { 'idempotent-replayed': 'true' });
 * ```
 */
export async function reserveIdempotencyKey(ctx: ServerContext, storedKey: string, bodyHash: string): Promise<IdempotentReplay | undefined> {
  // READ COMMITTED: the reservation is one guarded insert, and what it did not insert is read
  // afterwards as committed, so the same key on several instances at once never aborts.
  return ctx.sql.transaction(
    async (tx) => {
      for (let attempt = 1; ; attempt++) {
        const row = await findIdempotencyRecord(tx, storedKey);
        if (row) {
          if (row.body_hash !== bodyHash) throw new HttpError(422, 'idempotency-key-reused', 'This Idempotency-Key was already used with a different request body; use a new key.');
          if (row.state === 'pending') throw new HttpError(409, 'idempotency-in-progress', 'A request with this Idempotency-Key is still being processed; retry in a moment.', { 'Retry-After': '1' });
          return { status: row.status!, response: row.response! };
        }
        await deleteDoneIdempotencyBefore(tx, new Date(ctx.now().getTime() - IDEMPOTENCY_TTL_MS).toISOString());
        if (await insertPendingIdempotency(tx, storedKey, bodyHash, isoNow(ctx))) return undefined;
        // Another request with this key inserted it first. Read again: it is there now, unless
        // that request failed and forgot it meanwhile (then insert again). Each lap means another
        // request with this very key came and went; a client does not send that many at once.
        if (attempt >= IDEMPOTENCY_RESERVE_ATTEMPTS) {
          throw new HttpError(409, 'idempotency-in-progress', 'A request with this Idempotency-Key is still being processed; retry in a moment.', { 'Retry-After': '1' });
        }
      }
    },
    { isolation: 'read-committed' },
  );
}

/** Laps of "insert found the key taken, read found it gone" before answering as if in progress. */
const IDEMPOTENCY_RESERVE_ATTEMPTS = 5;

/**
 * Forget a pending Idempotency-Key whose request failed, so fixing the request and retrying with
 * the same key works. On a database that has closed meanwhile (shutdown) there is nothing to do
 * here: the next start drops every pending record.
 *
 * @example
 * ```ts
 * try { return await run(); } catch (error) { await forgetPendingIdempotency(ctx, storedKey); throw error; }
 * ```
 */
export async function forgetPendingIdempotency(ctx: ServerContext, storedKey: string): Promise<void> {
  try {
    await deletePendingIdempotency(ctx.sql, storedKey);
  } catch (error) {
    if (!(error instanceof ColError && error.code === 'database-closed')) throw error;
  }
}
