// Authentication as middleware: a route states who may call it where it is declared, and its
// handler reads the caller from the context instead of parsing the header itself.
import type { Context, MiddlewareHandler } from 'hono';
import { ColError } from '@citiesoflearning/core';
import type { Env } from '../env.js';
import type { ServerContext } from '../context.js';
import { authenticate, type Principal } from '../http.js';

/**
 * Middleware that answers 401 unless the request carries a valid admin or provider key, and
 * puts the caller in the context.
 *
 * @example
 * ```ts
 * routes.post('/api/v1/awards', requireCaller(ctx), (c) => award(caller(c)));
 * ```
 */
export function requireCaller(ctx: ServerContext): MiddlewareHandler<Env> {
  return async (c, next) => {
    c.set('principal', await authenticate(ctx, c.req.header('authorization')));
    await next();
  };
}

/**
 * Middleware for routes open to anyone: a request without a key passes as anonymous, but a key
 * that is sent must be valid (a wrong key is a 401, never silently anonymous).
 *
 * @example
 * ```ts
 * routes.post('/api/v1/claims', acceptCaller(ctx), (c) => claim(c.get('principal')));
 * ```
 */
export function acceptCaller(ctx: ServerContext): MiddlewareHandler<Env> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header) c.set('principal', await authenticate(ctx, header));
    await next();
  };
}

/**
 * The caller `requireCaller` authenticated. Throws when the route forgot the middleware: that
 * is a bug in the route, not the client's fault.
 *
 * @example
 * ```ts
 * const who = caller(c);
 * ```
 */
export function caller(c: Context<Env>): Principal {
  const who = c.get('principal');
  if (!who) throw new ColError('caller-not-authenticated', `Route ${c.req.routePath} reads the caller without requireCaller().`);
  return who;
}
