/**
 * The stable code of an error for events and messages: a ColError's `code`, `aborted` for an
 * abort, else `unknown`.
 *
 * @example
 * ```ts
 * errorCodeOf(new ColError('fetch-failed', '…')); // 'fetch-failed'
 * ```
 */
export function errorCodeOf(error: unknown): string {
  if (error && typeof error === 'object') {
    if ((error as { name?: unknown }).name === 'AbortError') return 'aborted';
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code) return code;
  }
  if (error instanceof SyntaxError) return 'json-invalid';
  return 'unknown';
}
