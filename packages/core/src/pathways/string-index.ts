// Strings numbered in the order they were first added: node ids in a pathway check, for the
// hot loop of large pathways. A `Map` costs several times more per entry there (measured on
// Node 20: 100 000 ids from JSON.parse, 48 ms against 22 ms; 10 000, 6.9 ms against 0.4 ms),
// most of it growing and rehashing tables of objects; this keeps the slots, hashes and keys in
// flat arrays and hashes a key once.
//
// The hash (FNV-1a, then mixed) is not a keyed one, so input could be crafted to collide. The seed is drawn
// per process, and a key that would need more than MAX_PROBES probes marks the index
// `overloaded` instead of slowing everything down: the caller then gives up on the index and
// does the work with a Map (the walk in read.ts starts again in its careful mode). So the worst
// case is bounded, never quadratic.
import type { Scratch, Use } from './scratch.js';
import { Strings } from './strings.js';

const MAX_PROBES = 128;
const SEED = (Math.random() * 0x1_0000_0000) >>> 0;

/**
 * The FNV-1a hash of `key` from `seed`, its bits mixed. Internal.
 *
 * @internal
 * @example
 * ```ts
 * hashOf('leaf-1', 0) === hashOf('leaf-1', 0); // true
 * ```
 */
export function hashOf(key: string, seed: number): number {
  let hash = seed ^ 0x811c9dc5;
  for (let at = 0; at < key.length; at++) hash = Math.imul(hash ^ key.charCodeAt(at), 0x01000193);
  // FNV's low bits barely differ between keys that differ only at the end (leaf-1, leaf-2, …),
  // and the slot is taken from the low bits: mix every bit into them (MurmurHash3's finalizer).
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

/**
 * Strings numbered 0, 1, 2… in the order they were first added, with open addressing over
 * typed arrays. Internal.
 *
 * @internal
 * @example
 * ```ts
 * const ids = new StringIndex();
 * ids.add('a'); // 0
 * ids.add('b'); // 1
 * ids.add('a'); // 0 again; ids.size is still 2
 * ids.get('b'); // 1
 * if (ids.overloaded) useAMapInstead();
 * ```
 */
export class StringIndex {
  /**
   * Two numbers per slot, side by side: the entry number + 1 (0 for an empty slot) and the
   * key's hash, so that a probe reads one place in memory (with the hashes in a list of their
   * own, each probe of a large index was a second cache miss). At most half the slots are full.
   */
  private table = new Int32Array(64);
  /** The keys by number; may be longer than {@link size} after {@link reserve}. */
  private keys = new Strings();
  private count = 0;
  /** Set when a key needed more than MAX_PROBES probes: answers are then not to be relied on. */
  overloaded = false;

  /** `seed` is for tests (to craft collisions); by default each process draws its own. */
  constructor(private readonly seed: number = SEED) {}

  get size(): number {
    return this.count;
  }

  /**
   * Make room for `capacity` keys before the first is added, so the table is allocated once at
   * its size instead of growing (each growth allocates and rehashes everything), in `scratch`'s
   * buffer for `use` when given (then the index must not be used once the scratch is given
   * back). Does nothing once keys are added.
   */
  reserve(capacity: number, scratch?: Scratch, use?: Use): void {
    let slots = this.table.length >> 1;
    if (this.count > 0 || 2 * capacity <= slots) return;
    while (slots < 2 * capacity) slots *= 2;
    // Borrowed (see scratch.ts) or not, every slot starts empty.
    this.table = scratch !== undefined && use !== undefined
      ? new Int32Array(scratch.buffer(use, 8 * slots, false), 0, 2 * slots).fill(0)
      : new Int32Array(2 * slots);
    this.keys = new Strings(capacity);
  }

  /** The keys in the order they were numbered (key n is number n): the index's own list, not a copy. */
  list(): Strings {
    this.keys.truncate(this.count);
    return this.keys;
  }

  /** The number of `key`, added as the next number when it is new. */
  add(key: string): number {
    const hash = hashOf(key, this.seed);
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let slot = hash & mask;
    for (let probes = 0; table[slot << 1] !== 0; probes++) {
      const entry = table[slot << 1]! - 1;
      if (table[(slot << 1) + 1] === hash && this.keys.at(entry) === key) return entry;
      if (probes === MAX_PROBES) {
        this.overloaded = true;
        return -1;
      }
      slot = (slot + 1) & mask;
    }
    const entry = this.count++;
    this.keys.set(entry, key);
    table[slot << 1] = entry + 1;
    table[(slot << 1) + 1] = hash;
    if (this.count * 2 > table.length >> 1) this.grow();
    return entry;
  }

  /** The number of `key`, or `undefined` when it was never added. */
  get(key: string): number | undefined {
    const hash = hashOf(key, this.seed);
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let slot = hash & mask;
    // Every key sits within MAX_PROBES slots of where its hash points (add saw to that).
    for (let probes = 0; probes <= MAX_PROBES && table[slot << 1] !== 0; probes++) {
      const entry = table[slot << 1]! - 1;
      if (table[(slot << 1) + 1] === hash && this.keys.at(entry) === key) return entry;
      slot = (slot + 1) & mask;
    }
    return undefined;
  }

  /** Twice the slots, every entry placed again from its stored hash. */
  private grow(): void {
    const old = this.table;
    const table = new Int32Array(old.length * 2);
    const mask = (table.length >> 1) - 1;
    for (let from = 0; from < old.length; from += 2) {
      if (old[from] === 0) continue;
      const hash = old[from + 1]!;
      let slot = hash & mask;
      for (let probes = 0; table[slot << 1] !== 0; probes++) {
        if (probes === MAX_PROBES) this.overloaded = true;
        slot = (slot + 1) & mask;
      }
      table[slot << 1] = old[from]!;
      table[(slot << 1) + 1] = hash;
    }
    this.table = table;
  }
}
