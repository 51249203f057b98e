import { ApiError, type ApiErrorCode } from './api-error.js';
import type { InvalidResponseError } from './invalid-response-error.js';
import type { RateLimitedError } from './rate-limited-error.js';

/**
 * Any error the client throws, as a union its `code` narrows: `rate-limited` is a
 * {@link RateLimitedError} (with `retryAfter`), `invalid-response` an
 * {@link InvalidResponseError} (with `field`), any other code a plain {@link ApiError}.
 * {@link isApiError} returns this type, so no cast is needed.
 *
 * @example
 * ```ts
 * function waitFor(error: AnyApiError): number | undefined {
 *   return error.code === 'rate-limited' ? error.retryAfter : undefined; // no cast
 * }
 * ```
 */
export type AnyApiError =
  | RateLimitedError
  | InvalidResponseError
  | (ApiError & { readonly code: Exclude<ApiErrorCode, 'rate-limited' | 'invalid-response'> });

const API_ERROR_CODES: ReadonlySet<string> = new Set<ApiErrorCode>([
  'bad-request', 'unauthorized', 'forbidden', 'not-found', 'conflict', 'payload-too-large',
  'rate-limited', 'server-error', 'timeout', 'network', 'invalid-response',
]);

/**
 * Whether `value` is an error the client threw ({@link ApiError}), optionally with a given code.
 * Works across copies of the package because it checks the shape, not the prototype. Narrows
 * to {@link AnyApiError}, so checking `code` then gives the right class.
 *
 * @example
 * ```ts
 * import { isApiError } from '@citiesoflearning/client';
 * try { await col.achievements.get('nope'); }
 * catch (error) {
 *   if (isApiError(error, 'not-found')) console.log('no such badge');
 *   else if (isApiError(error) && error.code === 'rate-limited') console.log(`wait ${error.retryAfter ?? 60} s`);
 *   else throw error;
 * }
 * ```
 */
export function isApiError<C extends ApiErrorCode = ApiErrorCode>(value: unknown, code?: C): value is AnyApiError & { readonly code: C } {
  if (value instanceof ApiError) return code === undefined || value.code === code;
  return (
    value instanceof Error &&
    value.name === 'ColError' &&
    typeof (value as Partial<ApiError>).code === 'string' &&
    API_ERROR_CODES.has((value as ApiError).code) &&
    (code === undefined || (value as ApiError).code === code)
  );
}
