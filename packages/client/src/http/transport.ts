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
  timeout?: number;
  /** Retry policy for safe requests, or a number of retries (default 2). */
  retry?: number | RetryOptions;
  /** Aborts every request made by this client (each call may add its own `signal` too). */
  signal?: AbortSignal;
  /** Largest response body the client will read, in bytes (default 10 MB). */
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
 * const badge = await col.achievements.get('code-club-1', { signal: controller.signal, timeout: 3_000 } as RequestOptions);
 * ```
 */
export interface RequestOptions {
  /** Aborts this call (rejects with the signal's reason). */
  signal?: AbortSignal;
  /** Overrides the client's `timeout` for this call (milliseconds). */
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

const DEFAULT_TIMEOUT = 10_000;
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Builds the HTTP layer: ky for retries (with `Retry-After`) and per-attempt timeouts, plus what
 * ky does not do — a body timeout, a response size cap, content-type and shape checks, and one
 * error type for every failure.
 */
export function createTransport(options: TransportOptions): Transport {
  const baseUrl = new URL(String(options.baseUrl));
  if (!/^https?:$/.test(baseUrl.protocol)) {
    throw new TypeError(`baseUrl must be an http(s) URL, got "${baseUrl.protocol}"`);
  }
  if (!baseUrl.pathname.endsWith('/')) baseUrl.pathname += '/';
  baseUrl.search = '';
  baseUrl.hash = '';

  const retry = typeof options.retry === 'number' ? { limit: options.retry } : (options.retry ?? {});
  const retryLimit = Math.max(0, retry.limit ?? 2);
  const maxRetryAfter = retry.maxRetryAfter ?? 60;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_BYTES;
  const defaultTimeout = options.timeout ?? DEFAULT_TIMEOUT;

  const http: KyInstance = ky.create({
    throwHttpErrors: true,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    retry: safeRetry(retryLimit, maxRetryAfter),
  });

  function resolve(path: string): URL {
    const target = new URL(path, baseUrl);
    // Never send the bearer credential to another origin (e.g. a paging link pointing away).
    if (target.origin !== baseUrl.origin) {
      throw new InvalidResponseError(`The server pointed to another site (${target.origin}); the client will not follow it.`, undefined);
    }
    return target;
  }

  /**
   * A write carrying an Idempotency-Key is safe to send again after ANY failure to hear the
   * answer — a timeout, a refused or dropped connection, a body cut short — because the server
   * answers a repeat with the first result. So those are retried with the same key (ky retries
   * neither timeouts nor broken bodies), and when retries run out the error carries the key so
   * the caller can recover the result later.
   */
  async function request<T>(spec: RequestSpec<T>): Promise<Result<T>> {
    const key = spec.idempotencyKey;
    if (!key && !spec.safe) return attempt(spec);
    for (let n = 0; ; n++) {
      try {
        return await attempt(spec);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error; // the caller's abort reason
        if (key && !error.idempotencyKey) (error as { idempotencyKey?: string }).idempotencyKey = key;
        const unheard = error.code === 'timeout' || error.code === 'network';
        if (!unheard || n >= retryLimit) throw error;
        await pause(Math.min(250 * 2 ** n, 5_000), [options.signal, spec.signal]);
      }
    }
  }

  async function attempt<T>(spec: RequestSpec<T>): Promise<Result<T>> {
    const target = resolve(spec.path);
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) for (const v of value) target.searchParams.append(key, String(v));
      else target.searchParams.set(key, String(value));
    }
    const where = { method: spec.method, path: target.pathname };
    const timeout = spec.timeout ?? defaultTimeout;

    const headers: Record<string, string> = { ...options.headers, ...spec.headers };
    if (spec.expect === 'json') headers.accept ??= 'application/json';
    if (options.bearer && spec.auth !== false) headers.authorization = `Bearer ${options.bearer}`;
    if (spec.idempotencyKey) headers['idempotency-key'] = spec.idempotencyKey;
    if (spec.text) headers['content-type'] = spec.text.contentType;

    const bodyTimer = new AbortController();
    const userSignals = [options.signal, spec.signal].filter((s): s is AbortSignal => s !== undefined);
    const signal = AbortSignal.any([...userSignals, bodyTimer.signal]);
    const aborted = () => userSignals.find((s) => s.aborted);

    const kyOptions: KyOptions = {
      method: spec.method,
      headers,
      signal,
      timeout,
      ...(spec.acceptStatus ? { throwHttpErrors: (status: number) => !spec.acceptStatus!.includes(status) } : {}),
      ...(spec.json !== undefined ? { json: spec.json } : {}),
      ...(spec.text ? { body: spec.text.body } : {}),
      ...(spec.idempotencyKey || spec.safe ? { retry: idempotentRetry(retryLimit, maxRetryAfter) } : {}),
    };

    let response: Response;
    try {
      response = await http(target, kyOptions);
    } catch (error) {
      const userAbort = aborted();
      if (userAbort) throw userAbort.reason;
      if (error instanceof HTTPError) {
        const bytes = await readWithTimeout(error.response, ERROR_BODY_LIMIT).catch(() => undefined);
        const text = bytes ? new TextDecoder().decode(bytes) : '';
        throw errorFromResponse(error.response, text, where);
      }
      if (error instanceof KyTimeoutError) {
        throw new ApiError('timeout', `${fallbackMessage('timeout')} (no answer within ${timeout} ms)`, { request: where, cause: error });
      }
      throw new ApiError('network', fallbackMessage('network'), { request: where, cause: error });
    }

    // ky's timeout stops at the headers: give the body its own budget.
    async function readWithTimeout(res: Response, limit: number): Promise<Uint8Array | undefined> {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        bodyTimer.abort();
      }, timeout);
      try {
        return await readBodyLimited(res, limit);
      } catch (error) {
        const userAbort = aborted();
        if (userAbort) throw userAbort.reason;
        if (timedOut) {
          throw new ApiError('timeout', `${fallbackMessage('timeout')} (the answer did not finish within ${timeout} ms)`, { request: where, status: res.status, cause: error });
        }
        throw new ApiError('network', 'The connection broke while the server was answering.', { request: where, status: res.status, cause: error });
      } finally {
        clearTimeout(timer);
      }
    }

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
    const bytes = await readWithTimeout(response, maxBytes);
    if (bytes === undefined) {
      throw new ApiError('payload-too-large',
        `The server's answer is larger than the client's limit of ${maxBytes} bytes.`,
        { request: where, status: response.status, details: { limit: maxBytes } });
    }
    return { ...result, data: decodeBody(bytes, spec.expect, spec.schema, { request: where, status: response.status }) };
  }

  return { baseUrl, url: resolve, request };
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
