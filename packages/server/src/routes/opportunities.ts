import { Hono } from 'hono';
import type { Env } from '../env.js';
import { createOpportunity, OPPORTUNITY_MODES, presentOpportunity } from '../opportunities.js';
import { caller, requireCaller } from '../middleware/auth.js';
import { findOpportunity, searchOpportunities } from '../store/opportunities.js';
import type { ServerContext } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { readPaging } from '../paging.js';
import { field, keyFromReference, readJsonObject } from '../http.js';

/**
 * Opportunities (learning activities) and their search.
 *
 * @example
 * ```ts
 * app.route('/', opportunitiesRoutes(ctx));
 * ```
 */
export function opportunitiesRoutes(ctx: ServerContext): Hono<Env> {
  const app = new Hono<Env>();
  app.post('/api/v1/opportunities', requireCaller(ctx), async (c) => {
    const who = caller(c);
    const { body } = await readJsonObject(c);
    const created = await createOpportunity(ctx, who, body);
    return c.json(created, 201, { location: created.id as string });
  });

  app.get('/api/v1/opportunities/:key', async (c) => {
    const row = await findOpportunity(ctx.sql, c.req.param('key'));
    if (!row) throw notFound('opportunity');
    return c.json(await presentOpportunity(ctx, row));
  });

  // Search: q (text in title/description/skills), skill, area, mode, from/to (overlapping the
  // range), provider, achievement; paged with limit/offset and X-Total-Count.
  app.get('/api/v1/opportunities', async (c) => {
    const q = c.req.query();
    // Checked in the order the old query builder checked them, so the first error is the same.
    if (q.q && q.q.length > 200) throw badRequest('"q" is too long.');
    if (q.mode && !OPPORTUNITY_MODES.includes(q.mode)) throw badRequest(`"mode" must be one of ${OPPORTUNITY_MODES.join(', ')}.`);
    const achievementKey = q.achievement ? keyFromReference(q.achievement, 'achievement') : undefined;
    const date = (name: string) => (q[name] === undefined ? undefined : field.date({ [name]: q[name] }, name));
    const from = date('from');
    const to = date('to');
    const { limit, offset } = readPaging(q);
    const { rows, total: n } = await searchOpportunities(
      ctx.sql,
      { text: q.q, skill: q.skill, area: q.area, mode: q.mode, issuerKey: q.provider, achievementKey, from, to },
      { limit, offset },
    );
    return c.json({ opportunities: await Promise.all(rows.map((r) => presentOpportunity(ctx, r))), total: n, limit, offset }, 200, { 'x-total-count': String(n) });
  });
  return app;
}
