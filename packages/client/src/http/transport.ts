import ky, { HTTPError, TimeoutError as KyTimeoutError, type KyInstance, type Options as KyOptions } from 'ky';
import { ApiError } from '../errors/api-error.js';
import { ERROR_BODY_LIMIT, errorFromResponse, fallbackMessage } from '../errors/from-response.js';
import { InvalidResponseError } from '../errors/invalid-response-error.js';
import type { Schema } from '../validate/schema.js';
import { decodeBody } from './decode-body.js';
import { readBodyLimited } from './read-body.js';
import { idempotentRetry, safeRetry } from './retry-policy.js';

/**
 * How the client retries safe requests.
 *
 * @example
 * ```ts
 * const col = createClient({ baseUrl, retry: { limit: 4, maxRetryAfter: 20 } as RetryOptions });
 * ```
 */
export interface RetryOptions {
  /** Retries after the first attempt (default 2; 0 disables retrying). */
  limit?: number;
  /**
   * Longest `Retry-After` (seconds) the client will wait on its own (default 60). A longer one
   * fails at once with a `rate-limited` error carrying `retryAfter`, so the caller decides.
   */
  maxRetryAfter?: number;
}

/** Options shared by {@link createClient} and {@link createObClient}. */
export interface TransportOptions {
  /** Root URL of the server, e.g. `https://badges.example.org` (a path prefix is kept). */
  baseUrl: string | URL;
  /** Sent as `Authorization: Bearer …` on every request that needs it. */
  bearer?: string;
  /** A `fetch` to use instead of the global one (e.g. for a proxy or instrumentation). */
  fetch?: typeof globalThis.fetch;
  /** Milliseconds each attempt may take to answer, and again to deliver its body (default 10 000). */
  timeoutMs?: number;
  /**
   * The old name of {@link TransportOptions.timeoutMs} (the SDK names durations `…Ms`, as
   * `verify()` does); `timeoutMs` wins when both are given.
   *
   * @deprecated Use `timeoutMs`. `timeout` goes in the next minor release.
   */
  timeout?: number;
  /** Retry policy for safe requests, or a number of retries (default 2). */
  retry?: number | RetryOptions;
  /** Aborts every request made by this client (each call may add its own `signal` too). */
  signal?: AbortSignal;
  /** Largest response body the client will read, in bytes (default 10 MB). */
  maxBytes?: number;
  /**
   * The old name of {@link TransportOptions.maxBytes} (the name `verify()` uses for the same
   * idea); `maxBytes` wins when both are given.
   *
   * @deprecated Use `maxBytes`. `maxResponseBytes` goes in the next minor release.
   */
  maxResponseBytes?: number;
  /** Extra headers sent on every request (e.g. a `User-Agent` in Node). */
  headers?: Record<string, string>;
}

/**
 * Per-call options every resource method accepts.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const badge = await col.achievements.get('code-club-1', { signal: controller.signal, timeoutMs: 3_000 } as RequestOptions);
 * ```
 */
export interface RequestOptions {
  /** Aborts this call (rejects with the signal's reason). */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call (milliseconds). */
  timeoutMs?: number;
  /**
   * The old name of {@link RequestOptions.timeoutMs}.
   *
   * @deprecated Use `timeoutMs`. `timeout` goes in the next minor release.
   */
  timeout?: number;
}

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Query = Record<string, string | number | boolean | undefined | null | readonly (string | number)[]>;

export interface RequestSpec<T> extends RequestOptions {
  method: Method;
  /** Relative to the base URL (no leading slash), or an absolute URL on the same origin. */
  path: string;
  query?: Query;
  json?: unknown;
  /** A raw text body (e.g. a compact JWS) with its content type. */
  text?: { body: string; contentType: string };
  headers?: Record<string, string>;
  /** Makes a POST safe to retry: the server answers a repeat with the first result. */
  idempotencyKey?: string;
  /** A POST that only reads (e.g. a search with personal data in its body): safe to repeat as it is. */
  safe?: boolean;
  /** How to read a successful body. */
  expect: 'json' | 'text' | 'none';
  schema?: Schema<T>;
  /** Send the bearer credential (default true). */
  auth?: boolean;
  /** Non-2xx statuses that are answers, not errors (e.g. 304 Not Modified). */
  acceptStatus?: readonly number[];
}

export interface Result<T> {
  data: T;
  status: number;
  headers: Headers;
  url: string;
}

export interface Transport {
  readonly baseUrl: URL;
  /** Resolves a path against the base URL (same rules as requests). */
  url(path: string): URL;
  request<T>(spec: RequestSpec<T>): Promise<Result<T>>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * The per-call timeout in milliseconds: the call's own, else the client's (each under its new
 * name or its deprecated one), else 10 s.
 *
 * @example
 * ```ts
 * timeoutOf({ timeoutMs: 3_000 }, {}); // 3000
 * ```
 */
export function timeoutOf(call: RequestOptions, client: Pick<TransportOptions, 'timeoutMs' | 'timeout'>): number {
  return call.timeoutMs ?? call.timeout ?? client.timeoutMs ?? client.timeout ?? DEFAULT_TIMEOUT_MS;
}

/** What {@link createTransport} works out once from its options. */
interface Settings {
  readonly options: TransportOptions;
  readonly baseUrl: URL;
  readonly http: KyInstance;
  readonly retryLimit: number;
  readonly maxRetryAfter: number;
  readonly maxBytes: number;
}

/** The base URL as every path is resolved against: http(s), ending in `/`, no query or hash. */
function normalizeBaseUrl(value: string | URL): URL {
  const baseUrl = new URL(String(value));
  if (!/^https?:$/.test(baseUrl.protocol)) {
    throw new TypeError(`baseUrl must be an http(s) URL, got "${baseUrl.protocol}"`);
  }
  if (!baseUrl.pathname.endsWith('/')) baseUrl.pathname += '/';
  baseUrl.search = '';
  baseUrl.hash = '';
  return baseUrl;
}

function settingsOf(options: TransportOptions): Settings {
  const retry = typeof options.retry === 'number' ? { limit: options.retry } : (options.retry ?? {});
  const retryLimit = Math.max(0, retry.limit ?? 2);
  const maxRetryAfter = retry.maxRetryAfter ?? 60;
  const http = ky.create({
    throwHttpErrors: true,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    retry: safeRetry(retryLimit, maxRetryAfter),
  });
  const maxBytes = options.maxBytes ?? options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  return { options, baseUrl: normalizeBaseUrl(options.baseUrl), http, retryLimit, maxRetryAfter, maxBytes };
}

/** `path` resolved against the base URL; never another origin, which would get the bearer credential. */
function resolveOn(baseUrl: URL, path: string): URL {
  const target = new URL(path, baseUrl);
  // Never send the bearer credential to another origin (e.g. a paging link pointing away).
  if (target.origin !== baseUrl.origin) {
    throw new InvalidResponseError(`The server pointed to another site (${target.origin}); the client will not follow it.`, undefined);
  }
  return target;
}

function withQuery(target: URL, query: Query | undefined): URL {
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const v of value) target.searchParams.append(key, String(v));
    else target.searchParams.set(key, String(value));
  }
  return target;
}

function headersFor(options: TransportOptions, spec: RequestSpec<unknown>): Record<string, string> {
  const headers: Record<string, string> = { ...options.headers, ...spec.headers };
  if (spec.expect === 'json') headers.accept ??= 'application/json';
  if (options.bearer && spec.auth !== false) headers.authorization = `Bearer ${options.bearer}`;
  if (spec.idempotencyKey) headers['idempotency-key'] = spec.idempotencyKey;
  if (spec.text) headers['content-type'] = spec.text.contentType;
  return headers;
}

type Where = { method: Method; path: string };

/**
 * One call's signals: the caller's (client-wide and per call) and the body timer's. Tells a
 * caller's abort (rethrown as its reason) from our own timeout.
 */
class CallSignals {
  readonly bodyTimer = new AbortController();
  private readonly user: AbortSignal[];
  readonly signal: AbortSignal;
  constructor(...signals: Array<AbortSignal | undefined>) {
    this.user = signals.filter((s): s is AbortSignal => s !== undefined);
    this.signal = AbortSignal.any([...this.user, this.bodyTimer.signal]);
  }
  /** The caller's signal that aborted, if any. */
  userAbort(): AbortSignal | undefined {
    return this.user.find((s) => s.aborted);
  }
}

/** ky's answer to one attempt, with every failure turned into an ApiError (or the caller's abort reason). */
async function send(settings: Settings, target: URL, spec: RequestSpec<unknown>, call: CallSignals, timeout: number, where: Where): Promise<Response> {
  const kyOptions: KyOptions = {
    method: spec.method,
    headers: headersFor(settings.options, spec),
    signal: call.signal,
    timeout,
    ...(spec.acceptStatus ? { throwHttpErrors: (status: number) => !spec.acceptStatus!.includes(status) } : {}),
    ...(spec.json !== undefined ? { json: spec.json } : {}),
    ...(spec.text ? { body: spec.text.body } : {}),
    ...(spec.idempotencyKey || spec.safe ? { retry: idempotentRetry(settings.retryLimit, settings.maxRetryAfter) } : {}),
  };
  try {
    return await settings.http(target, kyOptions);
  } catch (error) {
    const userAbort = call.userAbort();
    if (userAbort) throw userAbort.reason;
    if (error instanceof HTTPError) {
      const bytes = await readWithin(error.response, ERROR_BODY_LIMIT, call, timeout, where).catch(() => undefined);
      const text = bytes ? new TextDecoder().decode(bytes) : '';
      throw errorFromResponse(error.response, text, where);
    }
    if (error instanceof KyTimeoutError) {
      throw new ApiError('timeout', `${fallbackMessage('timeout')} (no answer within ${timeout} ms)`, { request: where, cause: error });
    }
    throw new ApiError('network', fallbackMessage('network'), { request: where, cause: error });
  }
}

/** Reads a body of at most `limit` bytes within `timeout` ms (ky's timeout stops at the headers). */
async function readWithin(res: Response, limit: number, call: CallSignals, timeout: number, where: Where): Promise<Uint8Array | undefined> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    call.bodyTimer.abort();
  }, timeout);
  try {
    return await readBodyLimited(res, limit);
  } catch (error) {
    const userAbort = call.userAbort();
    if (userAbort) throw userAbort.reason;
    if (timedOut) {
      throw new ApiError('timeout', `${fallbackMessage('timeout')} (the answer did not finish within ${timeout} ms)`, { request: where, status: res.status, cause: error });
    }
    throw new ApiError('network', 'The connection broke while the server was answering.', { request: where, status: res.status, cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** One attempt: send, then check and read the answer as the spec expects. */
async function attempt<T>(settings: Settings, spec: RequestSpec<T>): Promise<Result<T>> {
  const target = withQuery(resolveOn(settings.baseUrl, spec.path), spec.query);
  const where: Where = { method: spec.method, path: target.pathname };
  const timeout = timeoutOf(spec, settings.options);
  const call = new CallSignals(settings.options.signal, spec.signal);
  const response = await send(settings, target, spec as RequestSpec<unknown>, call, timeout, where);

  const result = { status: response.status, headers: response.headers, url: response.url || target.href };
  if (spec.expect === 'none' || (response.status === 304 && spec.acceptStatus?.includes(304))) {
    await response.body?.cancel().catch(() => undefined);
    return { ...result, data: undefined as T };
  }
  const contentType = response.headers.get('content-type') ?? '';
  if (spec.expect === 'json' && !JSON_TYPE.test(contentType)) {
    await response.body?.cancel().catch(() => undefined);
    throw new InvalidResponseError(
      `The server answered with ${contentType ? `"${contentType.split(';')[0]}"` : 'no content type'} where JSON was expected.`,
      '', { request: where, status: response.status });
  }
  const bytes = await readWithin(response, settings.maxBytes, call, timeout, where);
  if (bytes === undefined) {
    throw new ApiError('payload-too-large',
      `The server's answer is larger than the client's limit of ${settings.maxBytes} bytes.`,
      { request: where, status: response.status, details: { limit: settings.maxBytes } });
  }
  return { ...result, data: decodeBody(bytes, spec.expect, spec.schema, { request: where, status: response.status }) };
}

/**
 * A write carrying an Idempotency-Key is safe to send again after ANY failure to hear the
 * answer — a timeout, a refused or dropped connection, a body cut short — because the server
 * answers a repeat with the first result. So those are retried with the same key (ky retries
 * neither timeouts nor broken bodies), and when retries run out the error carries the key so
 * the caller can recover the result later.
 */
async function request<T>(settings: Settings, spec: RequestSpec<T>): Promise<Result<T>> {
  const key = spec.idempotencyKey;
  if (!key && !spec.safe) return attempt(settings, spec);
  for (let n = 0; ; n++) {
    try {
      return await attempt(settings, spec);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error; // the caller's abort reason
      if (key && !error.idempotencyKey) (error as { idempotencyKey?: string }).idempotencyKey = key;
      const unheard = error.code === 'timeout' || error.code === 'network';
      if (!unheard || n >= settings.retryLimit) throw error;
      await pause(Math.min(250 * 2 ** n, 5_000), [settings.options.signal, spec.signal]);
    }
  }
}

/**
 * Builds the HTTP layer: ky for retries (with `Retry-After`) and per-attempt timeouts, plus what
 * ky does not do — a body timeout, a response size cap, content-type and shape checks, and one
 * error type for every failure.
 */
export function createTransport(options: TransportOptions): Transport {
  const settings = settingsOf(options);
  return {
    baseUrl: settings.baseUrl,
    url: (path) => resolveOn(settings.baseUrl, path),
    request: (spec) => request(settings, spec),
  };
}

/** Waits `ms`, or rejects with the reason of the first of `signals` to abort. */
function pause(ms: number, signals: ReadonlyArray<AbortSignal | undefined>): Promise<void> {
  const live = signals.filter((s): s is AbortSignal => s !== undefined);
  const aborted = live.find((s) => s.aborted);
  if (aborted) return Promise.reject(aborted.reason);
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      for (const s of live) s.removeEventListener('abort', onAbort);
    };
    const onAbort = (event: Event) => {
      done();
      reject((event.target as AbortSignal).reason);
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    for (const s of live) s.addEventListener('abort', onAbort, { once: true });
  });
}
