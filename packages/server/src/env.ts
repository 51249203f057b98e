import type { Principal } from './http.js';

/**
 * The Hono environment every router of the server shares. It lives in its own module so route
 * files need not import `app.ts` (which imports them back: the import circle this breaks).
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import type { Env } from './env.js';
 * const routes = new Hono<Env>();
 * ```
 */
export type Env = { Variables: EnvVariables };

/**
 * What middleware puts in the request context.
 *
 * @example
 * ```ts
 * const who: EnvVariables['principal'] = c.get('principal');
 * ```
 */
export type EnvVariables = {
  /** The authenticated caller; set by `requireCaller` (always) or `acceptCaller` (when a key is sent). */
  principal?: Principal;
};
