import { Hono } from 'hono';
import type { Env } from '../env.js';
import type { ServerContext } from '../context.js';
import { notFound } from '../errors.js';
import { demoLearnerCredentialKeys } from '../demo-insight.js';
import { findIssuedCredential } from '../store/credentials.js';

/**
 * Demo-only: `GET /api/v1/demo/learner` — the fictional demo learner's twelve signed badges (one
 * revoked), for the examples' skills view. A 404 on any server not seeded with the demo.
 *
 * @example
 * ```ts
 * app.route('/', demoRoutes(ctx));
 * ```
 */
export function demoRoutes(ctx: ServerContext): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/api/v1/demo/learner', async (c) => {
    const keys = await demoLearnerCredentialKeys(ctx);
    if (!keys.length) throw notFound('demo learner');
    const rows = await Promise.all(keys.map((key) => findIssuedCredential(ctx.sql, key)));
    const credentials = rows
      .filter((row) => row !== undefined)
      .map((row) => ({ credential: JSON.parse(row.credential) as Record<string, unknown>, jwt: row.jwt }));
    // Only the badges: the (fictional) learner's name and email stay out of an unauthenticated answer.
    return c.json({ credentials });
  });
  return app;
}
