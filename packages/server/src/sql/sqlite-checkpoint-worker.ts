// The write-ahead-log checkpointer's thread (see sqlite-checkpointer.ts): its own connection to
// the server's database file, which copies committed pages from the WAL into the database and
// syncs it whenever the event loop asks. PASSIVE: it never waits for, nor blocks, the server's
// connection; what it cannot copy now is copied next time.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { lowerThisThreadsPriority } from '../thread-priority.js';

/** What the checkpointer thread posts back for each request. */
export type CheckpointReply = { ok: true; log: number; checkpointed: number } | { ok: false; message: string };

lowerThisThreadsPriority();

const { file } = workerData as { file: string };
const db = new Database(file, { fileMustExist: true });
// The checkpoint syncs the database file before it lets the log be reused.
db.pragma('synchronous = FULL');

parentPort!.on('message', (message: 'checkpoint' | 'close') => {
  if (message === 'close') {
    db.close();
    parentPort!.close();
    return;
  }
  let reply: CheckpointReply;
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
    reply = { ok: true, log: row?.log ?? 0, checkpointed: row?.checkpointed ?? 0 };
  } catch (error) {
    reply = { ok: false, message: String((error as Error).message) };
  }
  parentPort!.postMessage(reply);
});
