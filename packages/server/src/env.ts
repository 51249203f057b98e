/**
 * The Hono environment every router of the server shares. It lives in its own module so route
 * files need not import `app.ts` (which imports them back: the import circle this breaks).
 * No middleware sets context variables yet; the unused `requestId` that used to be declared
 * here is gone.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import type { Env } from './env.js';
 * const routes = new Hono<Env>();
 * ```
 */
export type Env = { Variables: {} };
