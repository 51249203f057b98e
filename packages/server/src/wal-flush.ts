// An acknowledged claim must survive a power cut, so its commit must be on disk before the 201
// goes out. `synchronous = FULL` does that with an fsync inside the commit — on the event loop,
// where every health check and read waits for the disk, once per claim during a burst. The claim
// path instead commits with `synchronous = NORMAL` (complete in the write-ahead log, and safe
// from a process crash, just not yet flushed) and then flushes the WAL file on libuv's thread
// pool before it answers. Claims that wait at the same time share one flush.
import { open } from 'node:fs/promises';
import { usesWriteAheadLog, type Db } from './db.js';

interface Flushes {
  /** The flush under way, if any. */
  running?: Promise<void>;
  /** The flush that starts when the running one ends: every caller since it began waits for this one. */
  next?: Promise<void>;
}

const flushes = new WeakMap<Db, Flushes>();

/**
 * Resolve once everything committed on `db` so far is on disk: an fdatasync of its write-ahead
 * log that starts after this call, run off the event loop. A database without one (in memory)
 * has nothing to flush.
 *
 * @example
 * ```ts
 * transactionSyncedLater(ctx.db, () => storeAward(ctx.db, award)); // committed, not yet flushed
 * await flushWal(ctx.db); // now it survives a power cut: acknowledge it
 * ```
 */
export function flushWal(db: Db): Promise<void> {
  // Without a write-ahead log, transactionSyncedLater committed fully synced: nothing is pending.
  if (!usesWriteAheadLog(db)) return Promise.resolve();
  let state = flushes.get(db);
  if (state === undefined) {
    state = {};
    flushes.set(db, state);
  }
  if (state.next) return state.next;
  if (!state.running) return start(state, `${db.name}-wal`);
  // A flush already under way may have started before this caller's commit: wait for the next.
  const after = state.running.catch(() => undefined);
  const next = after.then(() => {
    state.next = undefined;
    return start(state, `${db.name}-wal`);
  });
  state.next = next;
  return next;
}

function start(state: Flushes, file: string): Promise<void> {
  const running = flushFile(file).finally(() => {
    if (state.running === running) state.running = undefined;
  });
  state.running = running;
  return running;
}

async function flushFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
