// A list of strings kept in chunks of 8192 instead of one array: the ids and missing ids that
// every result keeps have an entry per node, and one array of 100 000 entries is a "large
// object" to V8 (over about 128 KB), allocated apart, mapped and faulted in afresh by the
// system, and counted towards the next full garbage collection. On this repository's bench
// machine such an allocation took several milliseconds; chunks of 64 KB are ordinary young
// objects, a fraction of that. Results keep these lists, so they cannot be borrowed (scratch.ts).
const SHIFT = 13;
const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;

/**
 * Strings by position, in chunks. Written in order (position n after n - 1), read anywhere.
 * Internal.
 *
 * @internal
 * @example
 * ```ts
 * const ids = new Strings(3);
 * ids.set(0, 'a'); ids.set(1, 'b');
 * ids.at(1);     // 'b'
 * ids.length;    // 2
 * ids.toArray(); // ['a', 'b']
 * ```
 */
export class Strings {
  private readonly chunks: string[][] = [];
  /** One more than the last position written (or kept by {@link truncate}). */
  length = 0;

  /** `capacity`: how many are expected, so the chunks are made at their size (a hint only). */
  constructor(capacity = 0) {
    for (let from = 0; from < capacity; from += CHUNK) this.chunks.push(new Array<string>(Math.min(CHUNK, capacity - from)));
  }

  /** The string at `index` (below {@link length}). */
  at(index: number): string {
    return this.chunks[index >> SHIFT]![index & MASK]!;
  }

  /** Put `value` at `index`: at most {@link length}, so the list never has gaps. */
  set(index: number, value: string): void {
    const chunk = index >> SHIFT;
    if (chunk === this.chunks.length) this.chunks.push([]);
    this.chunks[chunk]![index & MASK] = value;
    if (index >= this.length) this.length = index + 1;
  }

  /** Keep only the first `length` strings. */
  truncate(length: number): void {
    if (length >= this.length) return;
    this.length = length;
    this.chunks.length = (length + MASK) >> SHIFT;
    const last = this.chunks[this.chunks.length - 1];
    if (last !== undefined && (length & MASK) !== 0) last.length = length & MASK;
  }

  /** The strings as one array (for tests and the rare slow path). */
  toArray(): string[] {
    const out: string[] = new Array(this.length);
    for (let index = 0; index < this.length; index++) out[index] = this.at(index);
    return out;
  }
}
