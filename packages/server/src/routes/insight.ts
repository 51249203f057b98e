import { Hono } from 'hono';
import type { Env } from '../env.js';
import { acceptCaller } from '../middleware/auth.js';
import type { ServerContext } from '../context.js';
import { HttpError } from '../errors.js';
import { buildInsight, type InsightScope } from '../insight.js';
import { insightCsv } from '../insight-csv.js';
import { readInsightQuery } from '../insight-query.js';
import { findPriority } from '../store/priorities.js';

/**
 * `GET /api/v1/insight`: aggregate counts for the place (admin key), one provider (its own
 * figures, provider key) or anyone (when the place publishes insight), as JSON or CSV, with
 * small numbers withheld.
 *
 * @example
 * ```ts
 * app.route('/', insightRoutes(ctx));
 * ```
 */
export function insightRoutes(ctx: ServerContext): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/api/v1/insight', acceptCaller(ctx), async (c) => {
    const who = c.get('principal');
    if (!who && !ctx.publishInsight) {
      throw new HttpError(401, 'unauthorized', 'This place does not publish its insight: send an API key ("Authorization: Bearer <key>").', { 'WWW-Authenticate': 'Bearer' });
    }
    const q = readInsightQuery(c.req.query(), c.req.header('accept'), { now: ctx.now(), minThreshold: ctx.insightThreshold });
    const scope: InsightScope = !who ? 'public' : who.kind === 'admin' ? 'place' : 'provider';
    if (who?.kind === 'provider' && q.issuer !== undefined && q.issuer !== who.issuerKey) {
      throw new HttpError(403, 'forbidden', "A provider key sees its own issuer's figures only: leave out \"issuer\" or name your own.", {}, 'issuer');
    }
    // A misspelt priority would otherwise answer a table of zeros that looks like no progress.
    if (q.priority !== undefined && !await findPriority(ctx.sql, q.priority)) throw new HttpError(404, 'not-found', 'No priority with that key exists here.', {}, 'priority');
    const table = await buildInsight(ctx, q, who?.kind === 'provider' ? { scope, issuerKey: who.issuerKey } : { scope });
    // Figures for anyone may be cached by anyone for a minute; keyed figures are private.
    const headers: Record<string, string> = { vary: 'Accept, Authorization', 'cache-control': scope === 'public' ? 'public, max-age=60' : 'private, no-store' };
    if (q.format === 'csv') {
      return c.body(insightCsv(table), 200, {
        ...headers,
        'content-type': 'text/csv; charset=utf-8; header=present',
        'content-disposition': `attachment; filename="insight-${q.by}-${q.from}-to-${q.to}.csv"`,
      });
    }
    return c.json(table, 200, headers);
  });
  return app;
}
