// A document cache shared across verify() calls (like jose's createRemoteJWKSet): a server that
// checks a thousand badges from one issuer fetches the issuer's profile, keys and status lists
// once per TTL instead of a thousand times. It sits under the verifier's own fetch rules (https
// only, private-address checks, redirects, size limits, timeouts): it only remembers successful
// answers to requests the verifier was allowed to make. Entries are kept per fetch function, so
// an answer fetched without the private-network guard (allowPrivateNetwork: true, or a fetch of
// your own) is never handed to a call that has the guard.
import { ColError } from '@citiesoflearning/core';
import { DEFAULT_MAX_DOCUMENT_BYTES } from './fetcher.js';

/**
 * Options for {@link createDocumentCache}.
 *
 * @example
 * ```ts
 * const options: DocumentCacheOptions = { ttlMs: 60_000, maxEntries: 200 };
 * ```
 */
export interface DocumentCacheOptions {
  /**
   * How long a fetched document is reused, in milliseconds (default 300 000: five minutes).
   * Status lists are documents too: a revocation is seen at most this long after it happens.
   */
  ttlMs?: number;
  /** Most documents kept; the least recently used go first (default 500). */
  maxEntries?: number;
  /** Largest body kept, in bytes (default 2 MB); a larger one is passed through, not cached. */
  maxBytes?: number;
  /**
   * The clock (tests), typed as everywhere in the SDK: a function giving the current `Date`.
   * Returning epoch milliseconds, as it used to, still works for one release (deprecated).
   */
  now?: () => Date | number;
}

/**
 * A cache of fetched documents to pass to several `verify()` calls as `{ cache }`.
 *
 * @example
 * ```ts
 * const cache = createDocumentCache({ ttlMs: 60_000 });
 * const reports = await Promise.all(badges.map((b) => verify(b, { cache })));
 * cache.clear();
 * ```
 */
export interface DocumentCache {
  /** Wraps a `fetch` so that GET answers (200, within `maxBytes`) are reused for `ttlMs`. @internal */
  wrap(fetchImpl: typeof fetch): typeof fetch;
  /** Documents currently held. */
  readonly size: number;
  /** Forget everything (e.g. after an issuer rotated its keys). */
  clear(): void;
}

interface Entry {
  expires: number;
  status: number;
  statusText: string;
  headers: [string, string][];
  body: Uint8Array;
  url: string;
}

/**
 * Creates a {@link DocumentCache}. Only successful (200) answers are kept, keyed by URL; errors,
 * redirects and bodies over `maxBytes` are never cached, and nothing is written anywhere but
 * memory.
 *
 * @throws ColError `cache-options-invalid` (with `details.option`) for a limit that is not a
 *   number in range, or a `now` that is not a function.
 * @example
 * ```ts
 * import { createDocumentCache, verify } from '@citiesoflearning/verify';
 * const cache = createDocumentCache({ ttlMs: 5 * 60_000 });
 * for (const badge of badges) console.log((await verify(badge, { cache })).outcome);
 * ```
 */
export function createDocumentCache(options: DocumentCacheOptions = {}): DocumentCache {
  const ttlMs = options.ttlMs ?? 300_000;
  const maxEntries = options.maxEntries ?? 500;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  const clock = options.now;
  // Checked up front: a NaN limit would compare false everywhere and cache without bound.
  if (!(typeof ttlMs === 'number' && ttlMs >= 0)) throw optionInvalid('ttlMs', 'a number of milliseconds, 0 or more');
  if (!(typeof maxEntries === 'number' && maxEntries >= 1)) throw optionInvalid('maxEntries', 'a number, 1 or more');
  if (!(typeof maxBytes === 'number' && maxBytes >= 0)) throw optionInvalid('maxBytes', 'a number of bytes, 0 or more');
  if (clock !== undefined && typeof clock !== 'function') throw optionInvalid('now', 'a function giving the current Date');
  const now = clock ? () => Number(clock()) : Date.now;
  const entries = new FreshEntries(maxEntries, now);
  const fetchIds = new WeakMap<typeof fetch, number>();
  let lastFetchId = 0;
  // Concurrent calls for one URL share the first one's fetch (a burst of verify() calls for one
  // issuer makes one request); if it fails or is not cacheable, each fetches for itself.
  const inFlight = new Map<string, Promise<Entry | undefined>>();

  return {
    wrap(fetchImpl) {
      let id = fetchIds.get(fetchImpl);
      if (id === undefined) fetchIds.set(fetchImpl, (id = ++lastFetchId));
      return async (input, init) => {
        const method = (init?.method ?? 'GET').toUpperCase();
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        if (method !== 'GET') return fetchImpl(input, init);
        const key = `${id}|${url.replace(/#.*$/, '')}`;
        const hit = entries.fresh(key);
        if (hit) return replay(hit);
        const pending = inFlight.get(key);
        if (pending) {
          const shared = await untilAborted(pending, init?.signal ?? undefined);
          if (shared) return replay(shared);
          return fetchImpl(input, init);
        }
        let settle!: (entry: Entry | undefined) => void;
        inFlight.set(key, new Promise<Entry | undefined>((resolve) => (settle = resolve)));
        try {
          const { response, entry } = await load(fetchImpl, input, init, url, maxBytes, () => now() + ttlMs);
          if (entry && ttlMs > 0) entries.remember(key, entry);
          settle(entry);
          return entry ? replay(entry) : response;
        } catch (error) {
          settle(undefined);
          throw error;
        } finally {
          inFlight.delete(key);
        }
      };
    },
    get size() {
      return entries.size;
    },
    clear() {
      entries.clear();
    },
  };
}


function optionInvalid(option: keyof DocumentCacheOptions, expected: string): ColError {
  return new ColError('cache-options-invalid', `The document cache option "${option}" must be ${expected}.`, { details: { option } });
}

/**
 * The cached answers: at most `max`, the least recently used dropped first, an expired one
 * never handed out.
 */
class FreshEntries {
  private readonly entries = new Map<string, Entry>();
  constructor(
    private readonly max: number,
    private readonly now: () => number,
  ) {}

  /** The entry for `key` if it has not expired (and it becomes the most recently used). */
  fresh(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expires <= this.now()) return undefined;
    this.entries.set(key, entry); // most recently used last
    return entry;
  }

  remember(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** A fresh Response for a cached answer (each caller reads its own copy of the body). */
function replay(entry: Entry): Response {
  const response = new Response(entry.body.slice(), { status: entry.status, statusText: entry.statusText, headers: entry.headers });
  // A Response made here has no url; the verifier reads it as the final address.
  Object.defineProperty(response, 'url', { value: entry.url });
  return response;
}

/** Fetch, and read a cacheable answer whole (an uncacheable one is handed back as it is). */
async function load(
  fetchImpl: typeof fetch,
  input: Parameters<typeof fetch>[0],
  init: RequestInit | undefined,
  url: string,
  maxBytes: number,
  expires: () => number,
): Promise<{ response: Response; entry?: Entry }> {
  const response = await fetchImpl(input, init);
  if (response.status !== 200 || response.type === 'opaqueredirect' || !response.body) return { response };
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return { response };
  // Read up to maxBytes; past that, hand the verifier everything (read and unread) uncached.
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
    if (total > maxBytes) return { response: passThrough(response, chunks, reader) };
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const entry: Entry = { expires: expires(), status: response.status, statusText: response.statusText, headers: [...response.headers], body, url: response.url || url };
  return { response, entry };
}

/** `pending`'s entry, or a rejection with the signal's reason if the caller gives up first. */
function untilAborted(pending: Promise<Entry | undefined>, signal: AbortSignal | undefined): Promise<Entry | undefined> {
  if (!signal) return pending;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then((entry) => {
      signal.removeEventListener('abort', onAbort);
      resolve(entry);
    }, () => resolve(undefined));
  });
}

function passThrough(response: Response, read: Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array>): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of read) controller.enqueue(chunk);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  const copy = new Response(stream, { status: response.status, statusText: response.statusText, headers: response.headers });
  Object.defineProperty(copy, 'url', { value: response.url });
  return copy;
}
