// Scheduling priority for background threads. On Linux a nice value belongs to a thread, not
// to the process, so a worker can step back behind the event loop that shares its process. In a
// claim burst on a machine with as many signing workers as cores, the loop otherwise gets the
// same share of the CPU as each worker, and the scheduler hands the loop's core to each worker it
// wakes: health checks and reads waited 90–530 ms (p99) behind signing on two cores, 20–40 ms with
// the workers 10 steps nicer (docs/benchmarks.md). Idle cores still go to the workers, so claims
// per second does not drop when nothing else wants the CPU.
import { getPriority, setPriority } from 'node:os';

/**
 * How many niceness steps a background thread stands behind the thread that started it.
 *
 * @example
 * ```ts
 * os.setPriority(0, Math.min(19, os.getPriority(0) + BACKGROUND_NICENESS_STEP));
 * ```
 */
export const BACKGROUND_NICENESS_STEP = 10;

/** The largest niceness Linux allows (lowest priority). */
const LOWEST_PRIORITY = 19;

/**
 * Lower the calling thread's scheduling priority {@link BACKGROUND_NICENESS_STEP} steps below
 * the niceness it started with (a worker starts with its creator's), on Linux only, where
 * niceness is per thread. Elsewhere (macOS, Windows) the same call would lower the whole process,
 * event loop included, so it does nothing there. It only ever lowers priority, and never throws:
 * a platform that refuses keeps the thread as it was.
 *
 * @returns whether the priority was lowered.
 *
 * @example
 * ```ts
 * // at the top of a worker_threads worker's module
 * lowerThisThreadsPriority();
 * ```
 */
export function lowerThisThreadsPriority(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    // pid 0 is the calling thread on Linux (setpriority(2), "BUGS": niceness is per thread).
    const current = getPriority(0);
    const lowered = Math.min(LOWEST_PRIORITY, current + BACKGROUND_NICENESS_STEP);
    if (lowered <= current) return false;
    setPriority(0, lowered);
    return true;
  } catch {
    return false;
  }
}
