import { ApiError, type ApiErrorCode, type ApiErrorInit } from './api-error.js';
import { RateLimitedError, parseRetryAfter } from './rate-limited-error.js';

/** Error bodies are small; a huge one is cut off, never read whole. */
export const ERROR_BODY_LIMIT = 64 * 1024;

/** The stable client code for an HTTP error status. */
export function codeForStatus(status: number): ApiErrorCode {
  switch (status) {
    case 400:
    case 422:
      return 'bad-request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
    case 410:
      return 'not-found';
    case 409:
      return 'conflict';
    case 408:
      return 'timeout';
    case 413:
      return 'payload-too-large';
    case 429:
      return 'rate-limited';
    default:
      return status >= 500 ? 'server-error' : 'bad-request';
  }
}

const FALLBACK: Record<ApiErrorCode, string> = {
  'bad-request': 'The server could not accept the request.',
  unauthorized: 'The API key or token is missing or was not recognised.',
  forbidden: 'This API key or token is not allowed to do that.',
  'not-found': 'The server has no such resource.',
  conflict: 'The request conflicts with what the server already holds.',
  'payload-too-large': 'The request is too large for the server.',
  'rate-limited': 'Too many requests in a short time.',
  'server-error': 'The server had a problem. Try again later.',
  timeout: 'The server took too long to answer.',
  network: 'The server could not be reached, or the connection dropped.',
  'invalid-response': 'The server sent an answer the client could not read.',
};

/** The fallback message for a code, when the server gave none. */
export function fallbackMessage(code: ApiErrorCode): string {
  return FALLBACK[code];
}

/**
 * Pulls `{ code, message }` out of an error body in any of the shapes servers use: ours
 * (`{code, message}` or `{error: {code, message}}`), RFC 9457 problem details
 * (`{type, title, detail}`) and the Open Badges `Imsx_StatusInfo`.
 */
export function readErrorBody(text: string): { serverCode?: string; message?: string; field?: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof body !== 'object' || body === null) return {};
  const root = body as Record<string, unknown>;
  const inner = typeof root.error === 'object' && root.error !== null ? (root.error as Record<string, unknown>) : root;
  const pick = (...values: unknown[]) =>
    values.find((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 2000);
  const serverCode = pick(inner.code, inner.imsx_codeMinor, root.imsx_codeMajor, typeof root.error === 'string' ? root.error : undefined);
  const message = pick(inner.message, inner.detail, inner.imsx_description, inner.title);
  const field = typeof inner.field === 'string' && inner.field.length <= 500 ? inner.field : undefined;
  return { ...(serverCode ? { serverCode } : {}), ...(message ? { message } : {}), ...(field ? { field } : {}) };
}

/** Builds the {@link ApiError} for a non-2xx response whose body (if any) was read as text. */
export function errorFromResponse(response: Response, text: string, request: ApiErrorInit['request']): ApiError {
  const status = response.status;
  const code = codeForStatus(status);
  const { serverCode, message, field } = readErrorBody(text);
  const init: ApiErrorInit = { status, request, ...(serverCode ? { serverCode } : {}), ...(field ? { field } : {}) };
  if (code === 'rate-limited') {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    const base = message ?? fallbackMessage(code);
    const text = retryAfter === undefined ? base : `${base} Try again in ${retryAfter} seconds.`;
    return new RateLimitedError(text, retryAfter, init);
  }
  return new ApiError(code, message ?? `${fallbackMessage(code)} (HTTP ${status})`, init);
}
