/**
 * Guards against stale async results: each `start()` supersedes the previous run, and a run
 * whose `current` is false must not write its result (a slower earlier load or verification
 * never overwrites a newer one). Starting a run aborts the previous run's signal.
 *
 * @example
 * ```ts
 * const run = this.#latest.start();
 * const report = await verify(input, { signal: run.signal });
 * if (run.current) this.report = report;
 * ```
 */
export class Latest {
  #generation = 0;
  #controller: AbortController | undefined;

  /** Begin a run, superseding (and aborting) any earlier one. */
  start(): { readonly current: boolean; readonly signal: AbortSignal } {
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    const generation = ++this.#generation;
    const self = this;
    return {
      get current() {
        return generation === self.#generation;
      },
      signal: controller.signal,
    };
  }

  /** Supersede whatever runs now without starting anything (e.g. the input was cleared). */
  cancel(): void {
    this.#controller?.abort();
    this.#controller = undefined;
    this.#generation++;
  }
}
