// Checkpoints of SQLite's write-ahead log, off the event loop. SQLite's own automatic checkpoint
// runs inside the COMMIT that fills the log past 1 000 pages: it copies those pages into the
// database file and syncs it, 4–40 ms during which the server's event loop answers nothing (the
// commits that took over 3 ms in a claim burst were these). Instead the server's connection only
// appends to the log, and a worker thread with a connection of its own checkpoints shortly after
// writes. SQLite's automatic checkpoint stays as a backstop at a much larger log, should the
// thread fail or fall behind.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { BACKGROUND_NICENESS_STEP } from '../thread-priority.js';

// The thread: its own connection to the server's database file, which copies committed pages
// from the log into the database and syncs it whenever asked. PASSIVE: it never waits for, nor
// blocks, the server's connection; what it cannot copy now is copied next time. It answers once
// each checkpoint is over; a failed one is not reported further (there is nobody to tell but the
// log, and the next checkpoint, or SQLite's backstop, copies what it left). Plain CommonJS
// evaluated in the worker rather than a module file: a worker started from the TypeScript
// sources (the tests) would otherwise load tsx first, ~0.9 s of CPU for every database opened.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const os = require('node:os');
const Database = require(workerData.betterSqlite3);
// Niceness is per thread on Linux only (see thread-priority.ts); elsewhere it would be the process's.
if (process.platform === 'linux') {
  try { os.setPriority(0, Math.min(19, os.getPriority(0) + workerData.nicenessStep)); } catch {}
}
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = FULL');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Not reported further: see above.
  }
  parentPort.postMessage('done');
});
`;

const BETTER_SQLITE3 = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * The log size (pages) at which SQLite checkpoints inside a commit anyway: about 40 MB.
 *
 * @example
 * ```ts
 * db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
 * ```
 */
export const BACKSTOP_CHECKPOINT_PAGES = 10_000;

/** How long after a write the checkpoint runs: writes in between share it. */
const DEFAULT_DELAY_MS = 1_000;

/** How long a closing checkpointer waits for its thread to finish a checkpoint under way. */
const CLOSE_WAIT_MS = 5_000;

/**
 * Runs `PRAGMA wal_checkpoint(PASSIVE)` on a worker thread's own connection, at most once per
 * `delayMs` after writes are reported with {@link WalCheckpointer.wrote}. The thread starts on
 * the first checkpoint and does not keep the process alive while idle.
 *
 * @example
 * ```ts
 * const checkpointer = new WalCheckpointer('/var/lib/col/col.sqlite');
 * db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
 * // after each commit
 * checkpointer.wrote();
 * // before closing the server's connection
 * await checkpointer.close();
 * ```
 */
export class WalCheckpointer {
  #worker: Worker | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #wroteWhileRunning = false;
  #closed = false;

  constructor(
    readonly file: string,
    readonly delayMs = DEFAULT_DELAY_MS,
  ) {}

  /** Something was committed (or is about to be): a checkpoint follows within `delayMs`. */
  wrote(): void {
    if (this.#closed) return;
    if (this.#running) {
      this.#wroteWhileRunning = true;
      return;
    }
    if (this.#timer) return;
    this.#timer = setTimeout(() => this.#checkpoint(), this.delayMs);
    this.#timer.unref();
  }

  #checkpoint(): void {
    this.#timer = undefined;
    if (this.#closed) return;
    this.#running = true;
    const worker = (this.#worker ??= this.#start());
    // A checkpoint under way keeps the process alive until it is done; an idle thread does not.
    worker.ref();
    worker.postMessage('checkpoint');
  }

  #start(): Worker {
    const worker = new Worker(THREAD, { eval: true, workerData: { file: this.file, betterSqlite3: BETTER_SQLITE3, nicenessStep: BACKGROUND_NICENESS_STEP } });
    worker.on('message', () => this.#finished(worker));
    // A thread that fails is replaced on the next checkpoint; until then the backstop holds.
    const lost = () => {
      if (this.#worker === worker) this.#worker = undefined;
      this.#finished(worker);
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    return worker;
  }

  #finished(worker: Worker): void {
    worker.unref();
    this.#running = false;
    if (this.#wroteWhileRunning) {
      this.#wroteWhileRunning = false;
      this.wrote();
    }
  }

  /** Stop: no checkpoint starts after this; one under way finishes before the thread exits. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const worker = this.#worker;
    this.#worker = undefined;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('close');
    let timer: NodeJS.Timeout | undefined;
    const tooLong = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), CLOSE_WAIT_MS)));
    if ((await Promise.race([exited, tooLong])) === 'late') await worker.terminate();
    clearTimeout(timer);
  }
}
