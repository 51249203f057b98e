/**
 * Something you can loop over with `for await`, one item at a time, while the client fetches
 * pages behind the scenes. Breaking out of the loop stops fetching.
 *
 * @example
 * ```ts
 * for await (const achievement of col.achievements.list({ skill: 'teamwork' })) {
 *   console.log(achievement.name);
 *   if (enough) break; // no further pages are fetched
 * }
 * const firstTen = await col.achievements.list().toArray(10);
 * ```
 */
export interface Paginated<T, P = unknown> extends AsyncIterable<T> {
  /** The raw pages, for callers who need totals or links. */
  pages(): AsyncIterable<P>;
  /** Collects up to `max` items (default: all of them) into an array. */
  toArray(max?: number): Promise<T[]>;
}

/** One step of paging: the page's items and where the next page is (if any). */
export interface PageStep<T, P> {
  page: P;
  items: readonly T[];
  next?: string | undefined;
}

/**
 * Builds a {@link Paginated} from a function that fetches one page (`cursor` is `undefined`
 * for the first page, then whatever the previous step returned as `next`). Stops on an empty
 * page or when `next` repeats (a broken server must not make the caller loop forever).
 */
export function paginate<T, P>(fetchPage: (cursor: string | undefined) => Promise<PageStep<T, P>>): Paginated<T, P> {
  async function* pages(): AsyncGenerator<PageStep<T, P>> {
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (;;) {
      const step = await fetchPage(cursor);
      yield step;
      if (step.items.length === 0 || step.next === undefined || seen.has(step.next)) return;
      seen.add(step.next);
      cursor = step.next;
    }
  }
  const iterable: Paginated<T, P> = {
    async *[Symbol.asyncIterator]() {
      for await (const step of pages()) yield* step.items;
    },
    async *pages() {
      for await (const step of pages()) yield step.page;
    },
    async toArray(max = Number.POSITIVE_INFINITY) {
      const out: T[] = [];
      if (max <= 0) return out;
      for await (const item of iterable) {
        out.push(item);
        if (out.length >= max) break;
      }
      return out;
    },
  };
  return iterable;
}
