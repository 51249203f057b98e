import { Hono } from 'hono';
import { errorResponse } from './error-response.js';

export { errorResponse } from './error-response.js';
import { limitBody } from './body-limit.js';
import type { ServerContext } from './context.js';
import type { Env } from './env.js';
import { isPublicRoute, corsHeaders } from './cors.js';
import { rateLimiterFor } from './database-rate-limit.js';
import { wellKnownRoutes } from './routes/well-known.js';
import { issuersRoutes } from './routes/issuers.js';
import { achievementsRoutes } from './routes/achievements.js';
import { claimsRoutes } from './routes/claims.js';
import { credentialsRoutes } from './routes/credentials.js';
import { pathwaysRoutes } from './routes/pathways.js';
import { milestonesRoutes } from './routes/milestones.js';
import { opportunitiesRoutes } from './routes/opportunities.js';
import { ob3Routes } from './routes/ob3.js';
import { examplesRoutes } from './routes/examples.js';
import { awardsRoutes } from './routes/awards.js';
import { clientAddress, limitByAddress, limitClaims } from './middleware/rate-limits.js';
import { credentialSearchRoutes } from './routes/credential-search.js';
import { prioritiesRoutes } from './routes/priorities.js';
import { insightRoutes } from './routes/insight.js';
import { sharesRoutes } from './routes/shares.js';
import { demoRoutes } from './routes/demo.js';

/**
 * Build the Hono app over a prepared {@link ServerContext}. `startServer` wraps this with a
 * database, keys and a listening socket; tests may call it directly.
 *
 * @example
 * ```ts
 * const app = buildApp(ctx);
 * const res = await app.request('/api/v1/openapi.json');
 * ```
 */
export function buildApp(ctx: ServerContext): Hono<Env> {
  const app = new Hono<Env>();
  // Shared by claims and milestone requests: one budget per address. On PostgreSQL the counts
  // live in the database, so a caller's budget is the same on every instance.
  const claimLimiter = rateLimiterFor(ctx, 'claims', ctx.claimRateLimit);
  // Keyed callers (LMS and CRM syncs) have their own, larger budget, counted per award.
  const awardLimiter = rateLimiterFor(ctx, 'awards', ctx.awardRateLimit);

  app.onError((error, c) => errorResponse(ctx, c, error));
  app.notFound((c) => c.json({ code: 'not-found', message: 'There is nothing at this address.' }, 404));

  // Security headers and CORS. Public read/claim routes are open to any origin (badges are meant
  // to be shown and claimed from providers' own pages); admin routes send no CORS headers, so
  // browsers refuse cross-origin calls to them.
  if (ctx.logRequests) {
    app.use('*', async (c, next) => {
      const started = performance.now();
      await next();
      // routePath is the pattern (/api/v1/credentials/:key): no keys, codes or query strings.
      ctx.log(`${c.req.method} ${c.req.routePath === '/*' || !c.req.routePath ? '(unmatched)' : c.req.routePath} ${c.res.status} ${Math.round(performance.now() - started)}ms`);
    });
  }

  app.use('*', async (c, next) => {
    const open = isPublicRoute(c.req.method === 'OPTIONS' ? (c.req.header('access-control-request-method') ?? 'GET') : c.req.method, c.req.path);
    if (c.req.method === 'OPTIONS') {
      return new Response(null, { status: 204, headers: open ? corsHeaders(true, c.req.path) : { vary: 'Origin' } });
    }
    await next();
    if (open) for (const [k, v] of Object.entries(corsHeaders(false))) c.res.headers.set(k, v);
    c.res.headers.set('x-content-type-options', 'nosniff');
    c.res.headers.set('referrer-policy', 'no-referrer');
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  });

  app.use(
    '*',
    limitBody(ctx.bodyLimit, (c, close) =>
      c.json({ code: 'body-too-large', message: `The request body is larger than ${ctx.bodyLimit} bytes.` }, 413, close ? { connection: 'close' } : {}),
    ),
  );

  // Claim endpoints are rate-limited per client address; keyed claims per award.
  app.use('/api/v1/claims', limitClaims(ctx, claimLimiter, awardLimiter));
  app.use('/api/v1/pathways/:key/milestones', limitByAddress(ctx, claimLimiter));

  app.route('/', wellKnownRoutes(ctx));
  app.route('/', issuersRoutes(ctx));
  app.route('/', achievementsRoutes(ctx));
  app.route('/', claimsRoutes(ctx));
  app.route('/', awardsRoutes(ctx, awardLimiter));
  app.route('/', credentialsRoutes(ctx));
  app.route('/', credentialSearchRoutes(ctx));
  app.route('/', pathwaysRoutes(ctx));
  // Registered right after the pathway routes, as the pathway routes used to do themselves.
  app.route('/', milestonesRoutes(ctx));
  app.route('/', opportunitiesRoutes(ctx));
  app.route('/', ob3Routes(ctx));
  app.route('/', prioritiesRoutes(ctx));
  app.route('/', insightRoutes(ctx));
  app.route('/', sharesRoutes(ctx, (c) => clientAddress(c, ctx.trustProxy)));
  app.route('/', demoRoutes(ctx));
  app.route('/', examplesRoutes(ctx));
  return app;
}
