// Rate limits as middleware: anonymous claims are limited per client address; keyed callers
// (LMS and CRM syncs) have their own, larger budget, counted per award and per issuer.
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Env } from '../env.js';
import type { ServerContext } from '../context.js';
import { HttpError } from '../errors.js';
import { authenticate, type Principal } from '../http.js';
import type { RateLimiter } from '../rate-limit.js';

/**
 * The client address for rate limiting: the TCP peer (proxies are not trusted by default).
 *
 * @example
 * ```ts
 * const who = clientAddress(c);
 * ```
 */
export function clientAddress(c: Context, trustProxy = false): string {
  if (trustProxy) {
    // The last hop is the one our own proxy appended; earlier ones are client-supplied.
    const hop = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
    if (hop) return hop;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The rate-limit bucket of a keyed caller: the admin, or one issuer (all its provider keys
 * together, so minting more keys does not raise the limit).
 *
 * @example
 * ```ts
 * await limiter.take(keyedBucket({ kind: 'provider', issuerKey: 'city-library' })); // 'issuer:city-library'
 * ```
 */
export function keyedBucket(who: Principal): string {
  return who.kind === 'admin' ? 'admin' : `issuer:${who.issuerKey}`;
}

/**
 * The keyed caller of a request, or undefined when it carries no valid key (an anonymous claim;
 * a bad key is answered with 401 by the route itself).
 *
 * @example
 * ```ts
 * const who = await keyedCaller(ctx, c); // { kind: 'admin' } | { kind: 'provider', … } | undefined
 * ```
 */
export async function keyedCaller(ctx: ServerContext, c: Context): Promise<Principal | undefined> {
  const header = c.req.header('authorization');
  if (!header) return undefined;
  try {
    return await authenticate(ctx, header);
  } catch (error) {
    // A wrong key is answered by the route's own authentication; a failing database is not a wrong key.
    if (!(error instanceof HttpError)) throw error;
    return undefined;
  }
}

/**
 * Middleware that limits a route's requests per client address: a 429 `rate-limited` with
 * `Retry-After` once the address has used its budget.
 *
 * @example
 * ```ts
 * app.use('/api/v1/pathways/:key/milestones', limitByAddress(ctx, claimLimiter));
 * ```
 */
export function limitByAddress(ctx: ServerContext, limiter: RateLimiter): MiddlewareHandler<Env> {
  return async (c, next) => {
    const wait = await limiter.take(clientAddress(c, ctx.trustProxy));
    if (wait > 0) {
      throw new HttpError(429, 'rate-limited', 'Too many claims from this address; please wait a moment and try again.', { 'Retry-After': String(Math.ceil(wait / 1000)) });
    }
    await next();
  };
}

/**
 * Middleware for claims: a request with a valid key counts one award against its caller's award
 * budget (`awardLimiter`); any other is limited per client address (`addressLimiter`).
 *
 * @example
 * ```ts
 * app.use('/api/v1/claims', limitClaims(ctx, claimLimiter, awardLimiter));
 * ```
 */
export function limitClaims(ctx: ServerContext, addressLimiter: RateLimiter, awardLimiter: RateLimiter): MiddlewareHandler<Env> {
  const byAddress = limitByAddress(ctx, addressLimiter);
  return async (c, next) => {
    const who = await keyedCaller(ctx, c);
    if (!who) return byAddress(c, next);
    const wait = await awardLimiter.take(keyedBucket(who));
    if (wait > 0) {
      throw new HttpError(429, 'rate-limited', `This key has used its award limit for this minute (${ctx.awardRateLimit.limit} awards); wait and send the rest.`, { 'Retry-After': String(Math.ceil(wait / 1000)) });
    }
    await next();
  };
}
