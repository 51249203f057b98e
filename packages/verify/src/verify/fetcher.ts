import { ColError, parseJson } from '@citiesoflearning/core';
import { classifyAddress, isIpLiteral } from './net/address.js';

/**
 * Default per-request timeout: 10 s.
 *
 * @example
 * ```ts
 * new Fetcher({ timeoutMs: DEFAULT_TIMEOUT_MS / 2 });
 * ```
 */
export const DEFAULT_TIMEOUT_MS = 10_000;
/**
 * Default size limit of each document `verify()` reads — the input itself and every document it
 * looks up (keys, profiles, DID documents, status lists): 2 MB.
 *
 * @example
 * ```ts
 * new Fetcher({ maxBytes: DEFAULT_MAX_DOCUMENT_BYTES * 2 });
 * ```
 */
export const DEFAULT_MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

/**
 * The old name of {@link DEFAULT_MAX_DOCUMENT_BYTES} (core's `DEFAULT_MAX_BYTES` meant images).
 *
 * @deprecated Use `DEFAULT_MAX_DOCUMENT_BYTES`. This name goes in the next minor release.
 * @example
 * ```ts
 * DEFAULT_MAX_BYTES === DEFAULT_MAX_DOCUMENT_BYTES; // true
 * ```
 */
export const DEFAULT_MAX_BYTES = DEFAULT_MAX_DOCUMENT_BYTES;
/**
 * Most redirects followed for one lookup.
 *
 * @example
 * ```ts
 * MAX_REDIRECTS; // 5
 * ```
 */
export const MAX_REDIRECTS = 5;
/**
 * Default overall time budget of one `verify()` call: 20 s, however many documents it needs.
 *
 * @example
 * ```ts
 * new Fetcher({ budgetMs: DEFAULT_BUDGET_MS / 2 });
 * ```
 */
export const DEFAULT_BUDGET_MS = 20_000;
/**
 * Default cap on HTTP requests one `verify()` call makes (each redirect hop counts): 16.
 *
 * @example
 * ```ts
 * new Fetcher({ maxDocuments: DEFAULT_MAX_DOCUMENTS });
 * ```
 */
export const DEFAULT_MAX_DOCUMENTS = 16;

/**
 * How lookups are answered; a subset of `VerifyOptions`.
 *
 * @example
 * ```ts
 * const options: FetcherOptions = { offline: true, documents: { [url]: doc } };
 * ```
 */
export interface FetcherOptions {
  /** URL → document (object or text), consulted before the network for every lookup. */
  documents?: Record<string, unknown>;
  /** No network at all. */
  offline?: boolean;
  /** The `fetch` to use (defaults to the global one). */
  fetch?: typeof fetch;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number;
  /** Per-response size limit in bytes. */
  maxBytes?: number;
  /** Cancels every lookup. */
  signal?: AbortSignal;
  /** Whether loopback, private and link-local hosts may be contacted (default false). */
  allowPrivateNetwork?: boolean;
  /** Overall time budget in milliseconds for every lookup of this fetcher together. */
  budgetMs?: number;
  /** Most HTTP requests this fetcher makes (redirect hops included). */
  maxDocuments?: number;
}

/**
 * A fetched (or locally supplied) document.
 *
 * @example
 * ```ts
 * const { json, finalUrl }: FetchedDocument = await fetcher.get(url);
 * ```
 */
export interface FetchedDocument {
  /** The URL asked for. */
  url: string;
  /** Where it was finally found (after redirects). */
  finalUrl: string;
  /** HTTP status (200 for local documents). */
  status: number;
  /** Parsed JSON when the body is JSON, else `undefined`. */
  json: unknown;
  /** The body as text (`undefined` when a local document was given as an object). */
  text: string | undefined;
  /** Raw bytes of the body (network responses only). */
  bytes?: Uint8Array;
  /** `Content-Type` header (network responses only). */
  contentType?: string;
  /** Whether it came from the network (not from `documents`, which the caller vouches for). */
  network?: boolean;
}

/**
 * Whether a URL may be fetched: https anywhere, http only on loopback (127.0.0.0/8, ::1,
 * localhost). Unless `allowPrivateNetwork` is true, hosts that are private by their spelling
 * (see {@link isPrivateHost}) are refused too — with the same `fetch-failed` answer an
 * unreachable host gives, so error messages never tell a prober which internal hosts exist.
 * Throws `url-invalid`, `insecure-url` or `fetch-failed`.
 *
 * @example
 * ```ts
 * assertFetchable('http://127.0.0.1:8080/a.json', { allowPrivateNetwork: true }); // fine
 * assertFetchable('http://example.org/a.json');    // throws ColError insecure-url
 * assertFetchable('https://10.0.0.5/key.json');    // throws ColError fetch-failed
 * ```
 */
export function assertFetchable(url: string, { allowPrivateNetwork = false }: { allowPrivateNetwork?: boolean } = {}): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ColError('url-invalid', `This is not a valid web address: ${clip(url)}.`);
  }
  if (!allowPrivateNetwork && isPrivateHost(parsed.hostname)) throw unreachableError(parsed.host);
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && isLoopback(parsed.hostname)) return parsed;
  throw new ColError(
    'insecure-url',
    parsed.protocol === 'http:'
      ? `A link in this badge is not secure (http, not https), so we did not follow it: ${parsed.origin}.`
      : `We only follow web (https) links; this one is ${parsed.protocol.replace(':', '')}.`,
    { details: { host: parsed.host } },
  );
}

/**
 * The one error for a host we could not, or would not, contact: refusing a private address and
 * failing to reach a public one must look the same to whoever reads the report.
 *
 * @example
 * ```ts
 * throw unreachableError('10.0.0.5');
 * ```
 */
export function unreachableError(host: string, cause?: unknown): ColError {
  return new ColError('fetch-failed', `We couldn't reach ${host}.`, { details: { host }, ...(cause ? { cause } : {}) });
}

/**
 * Whether a host name is on a private network by its spelling: any IP literal that
 * {@link classifyAddress} refuses (loopback, private, link-local, metadata, CGNAT, unique-local,
 * multicast, unspecified — IPv4-mapped and -compatible IPv6 included), and names under
 * `localhost`, `.local` and `.internal`. It does not resolve names: in Node, `verify()` also
 * judges the resolved address at connect time; in a browser this spelling check is what there is.
 *
 * @example
 * ```ts
 * isPrivateHost('169.254.169.254'); // true
 * isPrivateHost('[::ffff:7f00:1]'); // true
 * isPrivateHost('example.org');     // false
 * ```
 */
export function isPrivateHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal')) return true;
  if (isIpLiteral(h)) return classifyAddress(h) !== undefined;
  return false;
}

/**
 * Whether a host name is the local machine (loopback).
 *
 * @example
 * ```ts
 * isLoopback('127.0.0.1'); // true
 * isLoopback('example.org'); // false
 * ```
 */
export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || (isIpLiteral(h) && classifyAddress(h) === 'loopback');
}

/**
 * Fetches documents for one verification: `documents` first, then (unless offline) the network
 * with https-only, redirect, timeout and size rules. Every result is cached for the run, so a
 * status list or issuer profile is fetched once however many times it is needed.
 *
 * @example
 * ```ts
 * const fetcher = new Fetcher({ documents: { 'https://example.org/issuer': issuerJson } });
 * const issuer = await fetcher.json('https://example.org/issuer');
 * ```
 */
export class Fetcher {
  private readonly cache = new Map<string, Promise<FetchedDocument>>();
  private readonly documents: Map<string, unknown>;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly maxDocuments: number;
  /** When the budget runs out (epoch ms). */
  readonly deadline: number;
  /** HTTP requests made so far (redirect hops included). */
  requests = 0;

  constructor(private readonly options: FetcherOptions = {}) {
    this.documents = new Map(Object.entries(options.documents ?? {}));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
    this.maxDocuments = options.maxDocuments ?? DEFAULT_MAX_DOCUMENTS;
    this.deadline = Date.now() + (options.budgetMs ?? DEFAULT_BUDGET_MS);
  }

  /** Whether `documents` holds this URL (with or without its fragment). */
  hasLocal(url: string): boolean {
    return this.local(url) !== undefined;
  }

  /** Fetch a document (cached per instance). Throws {@link ColError} on any failure. */
  get(url: string): Promise<FetchedDocument> {
    const key = stripFragment(url);
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.load(url);
      this.cache.set(key, pending);
    }
    return pending;
  }

  /**
   * Fetch a document that must be JSON: from the network only when served with a JSON media
   * type (`application/json`, `application/ld+json`, `application/*+json`...), so an image or
   * page that happens to hold JSON-looking bytes never passes for a key, profile or list.
   * Throws `media-type-refused` or `document-invalid`.
   */
  async json(url: string): Promise<unknown> {
    const doc = await this.get(url);
    if (doc.network && !isJsonMediaType(doc.contentType)) {
      throw new ColError('media-type-refused', `The document at ${clip(url)} is not served as JSON (${clip(doc.contentType ?? 'no type')}), so we do not use it.`, {
        details: { url },
      });
    }
    if (doc.json === undefined) {
      throw new ColError('document-invalid', `The document at ${clip(url)} is not JSON.`);
    }
    return doc.json;
  }

  private local(url: string): unknown {
    if (this.documents.has(url)) return this.documents.get(url);
    const bare = stripFragment(url);
    if (this.documents.has(bare)) return this.documents.get(bare);
    return undefined;
  }

  private async load(url: string): Promise<FetchedDocument> {
    const local = this.local(url);
    if (local !== undefined) return fromLocal(url, local, this.maxBytes);
    if (this.options.offline) {
      throw new ColError('offline', `We are offline and have no copy of ${clip(url)}.`, { details: { url } });
    }
    return this.fromNetwork(url);
  }

  private async fromNetwork(url: string): Promise<FetchedDocument> {
    const fetchImpl = this.options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw new ColError('fetch-failed', 'This environment cannot fetch documents; pass `documents` or `fetch`.');
    }
    const seen = new Set<string>();
    let current = url;
    for (let hop = 0; ; hop++) {
      const target = assertFetchable(current, this.options);
      target.hash = '';
      const href = target.href;
      if (seen.has(href)) {
        throw new ColError('redirect-loop', `The link ${clip(url)} redirects in a loop.`, { details: { url } });
      }
      seen.add(href);
      const response = await this.request(fetchImpl, href, 'manual');
      let res = response;
      if (res.type === 'opaqueredirect') {
        // Browsers hide redirect targets from scripts: let the browser follow them (it caps the
        // count and stops loops) and re-check where we ended up.
        res = await this.request(fetchImpl, href, 'follow');
        if (res.url) assertFetchable(res.url, this.options);
      }
      if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
        await res.body?.cancel().catch(() => undefined);
        if (hop >= MAX_REDIRECTS) {
          throw new ColError('too-many-redirects', `The link ${clip(url)} redirects more than ${MAX_REDIRECTS} times.`);
        }
        current = redirectTarget(res.headers.get('location') as string, href, url);
        continue;
      }
      const finalUrl = res.url || href;
      if (res.status < 200 || res.status >= 300) {
        await res.body?.cancel().catch(() => undefined);
        throw new ColError('http-error', `${new URL(finalUrl).host} answered ${res.status} for ${clip(url)}.`, {
          details: { status: res.status, url },
        });
      }
      const bytes = await this.readBody(res, url);
      const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
      const contentType = res.headers.get('content-type') ?? undefined;
      // Only a JSON media type makes a body JSON: the bytes of an uploaded "image" must never
      // be read as a key. (The text is still there for a badge link that serves a JWS or JSON.)
      const json = isJsonMediaType(contentType) ? tryJson(text, this.maxBytes) : undefined;
      const doc: FetchedDocument = { url, finalUrl, status: res.status, json, text, bytes, network: true };
      if (contentType) doc.contentType = contentType;
      return doc;
    }
  }

  /** Milliseconds left for the next wait: the per-request timeout or what remains of the budget. */
  private wait(): { ms: number; budget: boolean } {
    const left = this.deadline - Date.now();
    if (left <= 0) throw budgetError();
    return left < this.timeoutMs ? { ms: left, budget: true } : { ms: this.timeoutMs, budget: false };
  }

  private async request(fetchImpl: typeof fetch, href: string, redirect: RequestRedirect): Promise<Response> {
    const controller = new AbortController();
    const outer = this.options.signal;
    if (outer?.aborted) throw new ColError('fetch-aborted', 'Checking was cancelled.');
    const wait = this.wait();
    if (this.requests >= this.maxDocuments) {
      throw new ColError('too-many-documents', `Checking this badge needs more than ${this.maxDocuments} documents, more than we fetch for one badge.`, {
        details: { maxDocuments: this.maxDocuments },
      });
    }
    this.requests++;
    const onAbort = () => controller.abort();
    outer?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, wait.ms);
    try {
      return await fetchImpl(href, {
        redirect,
        signal: controller.signal,
        credentials: 'omit',
        headers: { accept: 'application/ld+json, application/json;q=0.9, */*;q=0.1' },
      });
    } catch (cause) {
      if (timedOut && wait.budget) throw budgetError(cause);
      if (timedOut) {
        throw new ColError('fetch-timeout', `${new URL(href).host} did not answer within ${this.timeoutMs} ms.`, { cause, details: { host: new URL(href).host } });
      }
      if (outer?.aborted) throw new ColError('fetch-aborted', 'Checking was cancelled.', { cause });
      // Refused by the network guard or not reachable: the same answer either way.
      throw unreachableError(new URL(href).host, cause);
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
      // The body read below has its own timer, started fresh.
    }
  }

  private async readBody(res: Response, url: string): Promise<Uint8Array> {
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > this.maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw tooBig(url, this.maxBytes);
    }
    if (!res.body) return new Uint8Array(await res.arrayBuffer());
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    let timedOut = false;
    let wait: { ms: number; budget: boolean };
    try {
      wait = this.wait();
    } catch (error) {
      await reader.cancel().catch(() => undefined);
      throw error;
    }
    const timer = setTimeout(() => {
      timedOut = true;
      reader.cancel().catch(() => undefined);
    }, wait.ms);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > this.maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw tooBig(url, this.maxBytes);
        }
        chunks.push(value);
      }
    } catch (cause) {
      if (cause instanceof ColError) throw cause;
      if (timedOut && wait.budget) throw budgetError(cause);
      if (timedOut) throw new ColError('fetch-timeout', `${clip(url)} took too long to send.`, { cause });
      if (this.options.signal?.aborted) throw new ColError('fetch-aborted', 'Checking was cancelled.', { cause });
      throw new ColError('fetch-failed', `The download of ${clip(url)} was interrupted.`, { cause });
    } finally {
      clearTimeout(timer);
    }
    if (timedOut) throw wait.budget ? budgetError() : new ColError('fetch-timeout', `${clip(url)} took too long to send.`);
    const out = new Uint8Array(total);
    let offset = 0;
    for (const c of chunks) {
      out.set(c, offset);
      offset += c.byteLength;
    }
    return out;
  }
}

function fromLocal(url: string, value: unknown, maxBytes: number): FetchedDocument {
  if (typeof value === 'string') {
    return { url, finalUrl: url, status: 200, json: tryJson(value, maxBytes), text: value };
  }
  if (value instanceof Uint8Array) {
    const text = new TextDecoder().decode(value);
    return { url, finalUrl: url, status: 200, json: tryJson(text, maxBytes), text, bytes: value };
  }
  return { url, finalUrl: url, status: 200, json: value, text: undefined };
}

/**
 * Whether a `Content-Type` is a JSON media type: `application/json`, `application/ld+json`,
 * `application/jwk-set+json`, `application/did+json` or any other `application/*+json`.
 *
 * @example
 * ```ts
 * isJsonMediaType('application/ld+json; charset=utf-8'); // true
 * isJsonMediaType('image/svg+xml');                      // false
 * ```
 */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const essence = contentType.split(';')[0]!.trim().toLowerCase();
  return essence === 'application/json' || /^application\/[a-z0-9.!#$&^_+-]+\+json$/.test(essence);
}

function budgetError(cause?: unknown): ColError {
  return new ColError('budget-exceeded', 'Checking this badge took longer than the time allowed, so we stopped.', cause ? { cause } : {});
}

function tryJson(text: string, maxBytes: number): unknown {
  const t = text.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  try {
    return parseJson(text, { maxBytes });
  } catch {
    return undefined;
  }
}

/** Where a redirect points; a Location the URL parser refuses is the server's fault, said plainly. */
function redirectTarget(location: string, base: string, url: string): string {
  try {
    return new URL(location, base).href;
  } catch (cause) {
    if (!(cause instanceof TypeError)) throw cause; // the URL parser reports bad input as TypeError
    throw new ColError('url-invalid', `The link ${clip(url)} redirects to an address that is not valid.`, { cause });
  }
}

function tooBig(url: string, maxBytes: number): ColError {
  return new ColError('response-too-large', `The document at ${clip(url)} is larger than ${maxBytes} bytes.`, {
    details: { maxBytes },
  });
}

/**
 * A URL without its `#fragment`.
 *
 * @example
 * ```ts
 * stripFragment('https://a.example/keys#1'); // 'https://a.example/keys'
 * ```
 */
export function stripFragment(url: string): string {
  const i = url.indexOf('#');
  return i === -1 ? url : url.slice(0, i);
}

/**
 * Shorten a URL for a message (never include a query string: it may hold personal data).
 *
 * @example
 * ```ts
 * clip('https://a.example/x?email=me@example.org'); // 'https://a.example/x'
 * ```
 */
export function clip(url: string): string {
  const noQuery = url.split('?')[0] ?? url;
  return noQuery.length > 120 ? `${noQuery.slice(0, 117)}…` : noQuery;
}
