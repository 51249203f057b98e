import { Hono } from 'hono';
import type { Env } from '../env.js';
import { listIssuerKeysSorted } from '../store/issuers.js';
import { pingDatabase } from '../store/meta.js';
import { urls, type ServerContext } from '../context.js';
import { didDocument, jwks } from '../documents.js';
import { openApiDocument } from '../openapi.js';

/**
 * `/.well-known/did.json`, `/.well-known/jwks.json`, `/api/v1/openapi.json`, `/api/v1/health`.
 *
 * @example
 * ```ts
 * app.route('/', wellKnownRoutes(ctx));
 * ```
 */
export function wellKnownRoutes(ctx: ServerContext): Hono<Env> {
  const app = new Hono<Env>();
  const u = urls(ctx.baseUrl);
  const cacheable = { 'cache-control': 'public, max-age=300' };
  const didPath = new URL(u.didDocument).pathname;
  app.get(didPath, (c) => c.json(didDocument(u, ctx.key), 200, { ...cacheable, 'content-type': 'application/did+json' }));
  app.get('/.well-known/jwks.json', async (c) => {
    const issuers = await listIssuerKeysSorted(ctx.sql);
    return c.json(jwks(u, ctx.key, issuers), 200, { ...cacheable, 'content-type': 'application/jwk-set+json' });
  });
  app.get('/api/v1/openapi.json', (c) => c.json(openApiDocument(ctx.baseUrl), 200, cacheable));
  // A load balancer takes an instance whose health check fails out of rotation: an instance
  // that cannot reach its PostgreSQL database would only answer 503s, so it says so here (the
  // error handler answers database-unavailable with 503 and Retry-After). SQLite is a file of
  // this process's own, and its one connection queues behind every transaction: asking it would
  // only make the check slow under load, so there health stays a liveness check.
  app.get('/api/v1/health', async (c) => {
    if (ctx.sql.dialect === 'postgres') await pingDatabase(ctx.sql);
    return c.json({ status: 'ok' }, 200, { 'cache-control': 'no-store' });
  });
  // A landing document for people and programs arriving at the root.
  app.get('/', (c) =>
    c.json({
      name: 'Cities of Learning badge & pathway API',
      openapi: `${ctx.baseUrl}/api/v1/openapi.json`,
      ob3Discovery: `${ctx.baseUrl}/ims/ob/v3p0/discovery`,
      did: u.did,
      jwks: u.jwks,
      issuers: `${u.api}/issuers`,
      achievements: `${u.api}/achievements`,
      pathways: `${u.api}/pathways`,
      opportunities: `${u.api}/opportunities`,
      ...(ctx.examplesDir ? { examples: `${ctx.baseUrl}/examples/` } : {}),
    }),
  );
  return app;
}
