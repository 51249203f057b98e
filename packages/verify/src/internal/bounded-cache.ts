// A small bounded map for values that are pure functions of their key (decoded did:keys,
// imported public keys): the oldest entry goes when it is full, so a stream of distinct keys
// from an attacker costs memory only up to the bound.

/**
 * A Map with at most `max` entries, evicting the least recently set one.
 *
 * @example
 * ```ts
 * const decoded = new BoundedCache<string, string>(256);
 * const x = decoded.get(key) ?? decoded.set(key, decode(key));
 * ```
 */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}

  /** The cached value, or undefined. */
  get(key: K): V | undefined {
    return this.map.get(key);
  }

  /** Stores `value` (evicting the oldest entry when full) and returns it. */
  set(key: K, value: V): V {
    if (!this.map.has(key) && this.map.size >= this.max) this.map.delete(this.map.keys().next().value as K);
    this.map.set(key, value);
    return value;
  }

  /** Forgets `key`. */
  delete(key: K): void {
    this.map.delete(key);
  }

  /** Number of entries (for tests). */
  get size(): number {
    return this.map.size;
  }
}
