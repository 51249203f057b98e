// A pool of signing workers sized to the machine's cores, so a burst of claims signs in
// parallel and never blocks the event loop that answers health checks and reads. Each job
// goes to an idle worker (or waits in a FIFO queue); a worker that dies fails only its own job
// and is replaced. Idle workers are unref'd so they never keep a finished process alive.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ColError } from '@citiesoflearning/core';

/**
 * One signing job: an `award` (RDFC Data Integrity proof + VC-JWT) or a `proof` (RDFC proof only,
 * for status lists).
 *
 * @example
 * ```ts
 * const job: SigningJob = { kind: 'proof', unsigned, privateJwk, verificationMethod, created };
 * ```
 */
export interface SigningJob {
  kind: 'award' | 'proof';
  unsigned: Record<string, unknown>;
  privateJwk: JsonWebKey;
  verificationMethod: string;
  created?: string;
}

/**
 * What a worker posts back for a job.
 *
 * @example
 * ```ts
 * const reply: SigningReply = { id: 1, ok: true, value: signed };
 * ```
 */
export type SigningReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; code?: string; message: string };

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy?: { id: number } & Pending;
}

// Built, the worker is the .js file next to this one. Under tsx (the tests run the .ts sources)
// the worker thread needs tsx's loader registered first: a worker does not inherit it.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './signing-worker.ts' : './signing-worker.js', import.meta.url);

function startWorker(): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL);
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(boot, { eval: true });
}

/**
 * A fixed-size pool of signing workers.
 *
 * @example
 * ```ts
 * const pool = new SigningPool(2);
 * const signed = await pool.sign({ kind: 'proof', unsigned, privateJwk, verificationMethod });
 * await pool.close();
 * ```
 */
export class SigningPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Array<{ id: number; job: SigningJob } & Pending> = [];
  private nextId = 1;
  private closed = false;
  /** Jobs finished by workers (for tests and the bench). */
  completed = 0;

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = startWorker();
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (reply: SigningReply) => {
      const busy = slot.busy;
      if (!busy || busy.id !== reply.id) return;
      slot.busy = undefined;
      this.completed++;
      if (reply.ok) busy.resolve(reply.value);
      else busy.reject(new ColError(reply.code ?? 'signing-failed', reply.message));
      this.dispatch(slot);
    });
    const lost = (reason: string) => {
      const busy = slot.busy;
      slot.busy = undefined;
      busy?.reject(new ColError('signing-failed', `A signing worker stopped (${reason}).`));
      const at = this.slots.indexOf(slot);
      if (at >= 0 && !this.closed) {
        this.slots[at] = this.spawn();
        this.dispatch(this.slots[at]!);
      }
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => {
      if (this.slots.includes(slot)) lost(`exit code ${code}`);
    });
    return slot;
  }

  private dispatch(slot: Slot): void {
    const next = this.queue.shift();
    if (!next) {
      slot.worker.unref();
      return;
    }
    slot.busy = next;
    // A job in flight keeps the process alive until it is answered.
    slot.worker.ref();
    slot.worker.postMessage({ id: next.id, job: next.job });
  }

  /**
   * Signs in a worker; resolves with what the worker made.
   *
   * @throws ColError `signing-failed` if the pool is closed or the worker died, or the signing
   *   error's own code (e.g. `canonicalization-failed`).
   */
  sign<T>(job: SigningJob): Promise<T> {
    if (this.closed) return Promise.reject(new ColError('signing-failed', 'The signing pool is closed.'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve: resolve as (value: unknown) => void, reject });
      const idle = this.slots.find((s) => !s.busy);
      if (idle) this.dispatch(idle);
    });
  }

  /** Stops every worker; queued and in-flight jobs fail with `signing-failed`. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new ColError('signing-failed', 'The signing pool is closed.'));
    const slots = this.slots.splice(0);
    for (const slot of slots) slot.busy?.reject(new ColError('signing-failed', 'The signing pool is closed.'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}

let shared: SigningPool | undefined;

/**
 * The process-wide pool, created on first use with one worker per core (`COL_SIGNING_WORKERS`
 * overrides; `0` signs on the main thread).
 *
 * @example
 * ```ts
 * const pool = signingPool(); // undefined when COL_SIGNING_WORKERS=0
 * ```
 */
export function signingPool(): SigningPool | undefined {
  if (shared) return shared;
  const configured = process.env.COL_SIGNING_WORKERS;
  const size = configured === undefined || configured === '' ? availableParallelism() : Number(configured);
  if (!Number.isInteger(size) || size <= 0) return undefined;
  shared = new SigningPool(Math.min(size, 64));
  return shared;
}
