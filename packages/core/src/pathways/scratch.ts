// Memory that one evaluation borrows for work that is over before it returns: the tables that
// number ids and achievements, the record columns, the evaluation order and the walk's node
// list. At 100 000 nodes these are several megabytes, and fresh ones each call were much of
// what made the per-node cost grow with size: fresh memory must be mapped and zeroed by the
// system, and counts towards the next full garbage collection, which must then mark the whole
// heap (the caller's input included). Kept between calls instead, they cost a fill at most.
//
// Only what no result refers to is borrowed (results are built from the evaluation's own
// columns, never from these). Every evaluation borrows for its records; only the one-shot call
// borrows for checking the pathway (a compiled pathway keeps its own id table and order). A
// call made while another is under way (from a getter in the input, or a library function
// answering for a nested pathway) finds nothing to borrow and allocates its own. When a call
// returns, the node list is emptied and the learner's record dates and flags are wiped.

/**
 * What a buffer is for: a scratch keeps one of each.
 *
 * @internal
 * @example
 * ```ts
 * scratch.buffer(Use.Records, bytes, false);
 * ```
 */
export const Use = Object.freeze({ NodeIds: 0, AchievementIds: 1, Records: 2, Order: 3, Slots: 4 } as const);

/**
 * One of {@link Use}'s values.
 *
 * @internal
 * @example
 * ```ts
 * const use: Use = Use.Order;
 * ```
 */
export type Use = (typeof Use)[keyof typeof Use];

/** Larger buffers are not kept: a one-off huge pathway should not pin its memory. */
const MAX_KEPT_BYTES = 8 * 1024 * 1024;

/**
 * Buffers kept between evaluations, one per {@link Use}. Internal.
 *
 * @internal
 * @example
 * ```ts
 * const scratch = borrowScratch();
 * try {
 *   const slots = new Int32Array(scratch.buffer(Use.Slots, 4 * count, false), 0, count);
 * } finally {
 *   giveBack(scratch);
 * }
 * ```
 */
export class Scratch {
  private readonly buffers: Array<ArrayBuffer | undefined> = [];
  private list: unknown[] | undefined;
  private listUsed = false;
  /** How much of the records buffer the last borrower used (its learner's dates and flags). */
  private recordBytes = 0;

  /**
   * A buffer of at least `bytes` bytes for `use`, the first `bytes` of them zero when `zeroed`
   * (a kept buffer holds what its last user left). Nothing else may use it until the scratch is
   * given back, and nothing may keep a view of it afterwards.
   */
  buffer(use: Use, bytes: number, zeroed: boolean): ArrayBuffer {
    if (use === Use.Records) this.recordBytes = bytes;
    const kept = this.buffers[use];
    if (kept !== undefined && kept.byteLength >= bytes) {
      if (zeroed) new Uint8Array(kept, 0, bytes).fill(0);
      return kept;
    }
    const fresh = new ArrayBuffer(bytes);
    this.buffers[use] = bytes <= MAX_KEPT_BYTES ? fresh : undefined;
    return fresh;
  }

  /**
   * A list of exactly `length` slots for the walk's nodes (a 100 000-entry array is a large
   * object of its own for the garbage collector: allocated fresh each call, it was several
   * milliseconds). Kept only when reused at the same length: a list made shorter or longer is
   * copied by the engine anyway. Emptied when the scratch is given back, so that nothing of
   * the caller's is kept alive by it.
   */
  nodeList(length: number): unknown[] {
    this.listUsed = true;
    if (this.list !== undefined && this.list.length === length) return this.list;
    const fresh = new Array<unknown>(length);
    this.list = 8 * length <= MAX_KEPT_BYTES ? fresh : undefined;
    return fresh;
  }

  /**
   * Let go of everything the last borrower put in the node list, and wipe the learner's record
   * dates and flags (learners may be children: what is kept between calls holds nothing of
   * theirs, only numbers derived from the pathway).
   */
  clear(): void {
    if (this.listUsed) this.list?.fill(undefined);
    this.listUsed = false;
    const records = this.buffers[Use.Records];
    if (records !== undefined && this.recordBytes > 0) new Uint8Array(records, 0, Math.min(this.recordBytes, records.byteLength)).fill(0);
    this.recordBytes = 0;
  }
}

let spare: Scratch | undefined;

/**
 * The scratch kept from earlier calls, or a new one when it is in use (or none was kept).
 *
 * @internal
 * @example
 * ```ts
 * const scratch = borrowScratch();
 * try { work(scratch); } finally { giveBack(scratch); }
 * ```
 */
export function borrowScratch(): Scratch {
  const scratch = spare ?? new Scratch();
  spare = undefined;
  return scratch;
}

/**
 * Keep `scratch` for the next call, once its borrower is done with every view of it.
 *
 * @internal
 * @example
 * ```ts
 * giveBack(scratch);
 * ```
 */
export function giveBack(scratch: Scratch): void {
  scratch.clear();
  spare = scratch;
}
