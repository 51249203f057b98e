import type { Context } from 'hono';
import { HttpError } from './errors.js';
import type { ServerContext } from './context.js';

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
  const name = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown })?.code;
  // Log the kind of failure, never request bodies (they may hold email addresses).
  ctx.log(`error ${c.req.method} ${c.req.routePath || c.req.path}: ${name}${typeof code === 'string' ? ` (${code})` : ''}: ${error instanceof Error ? error.message.slice(0, 300) : ''}`);
  return c.json({ code: 'internal-error', message: 'Something went wrong on the server; nothing was issued. Please try again.' }, 500);
}
