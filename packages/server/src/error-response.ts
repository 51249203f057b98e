import type { Context } from 'hono';
import { isColError } from '@citiesoflearning/core';
import { HttpError } from './errors.js';
import type { ServerContext } from './context.js';

// Long enough for a database restart or fail-over to finish, short enough not to lose a user.
const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * The JSON error body and status for any thrown value: `HttpError`s as they are, anything else
 * as a 500 whose details are logged (without a stack trace reaching the client).
 *
 * @example
 * ```ts
 * app.onError((error, c) => errorResponse(ctx, c, error));
 * ```
 */
export function errorResponse(ctx: ServerContext, c: Context, error: unknown): Response {
  if (error instanceof HttpError) {
    return c.json({ code: error.code, message: error.message, ...(error.field !== undefined ? { field: error.field } : {}) }, error.status, error.headers);
  }
  if (isColError(error) && error.code === 'database-unavailable') {
    // The database is away (restarting, failing over) or stayed too busy: a moment's wait is
    // the whole remedy, so say so with Retry-After instead of a 500. Logged, since an operator
    // needs to see it; the work either committed whole or not at all.
    ctx.log(`database unavailable ${c.req.method} ${c.req.routePath || c.req.path}: ${error.message.slice(0, 300)}`);
    return c.json({ code: 'database-unavailable', message: 'The service cannot reach its database for the moment. Please try again shortly.' }, 503, { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) });
  }
  const name = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown })?.code;
  // Log the kind of failure, never request bodies (they may hold email addresses).
  ctx.log(`error ${c.req.method} ${c.req.routePath || c.req.path}: ${name}${typeof code === 'string' ? ` (${code})` : ''}: ${error instanceof Error ? error.message.slice(0, 300) : ''}`);
  return c.json({ code: 'internal-error', message: 'Something went wrong on the server; nothing was issued. Please try again.' }, 500);
}
