import { Hono } from 'hono';
import { validator } from 'hono/validator';
import type { Env } from '../env.js';
import { pageAfter, readListPaging } from '../paging.js';
import { loadPathway, presentPathway, publishPathway, savePathwayVersion } from '../pathways.js';
import { acceptCaller, caller, requireCaller } from '../middleware/auth.js';
import { listLatestPublishedPathways, pathwayOwner } from '../store/pathways.js';
import { urls, type ServerContext } from '../context.js';
import { badRequest } from '../errors.js';
import { readJsonObject } from '../http.js';

/**
 * Pathways: create, version, publish, read; milestones.
 *
 * @example
 * ```ts
 * app.route('/', pathwaysRoutes(ctx));
 * ```
 */
export function pathwaysRoutes(ctx: ServerContext): Hono<Env> {
  const app = new Hono<Env>();
  const u = urls(ctx.baseUrl);
  const parseVersion = (value: string | undefined) => {
    if (value === undefined) return undefined;
    const v = Number(value);
    if (!Number.isInteger(v) || v < 1) throw badRequest('"version" must be a whole number from 1.');
    return v;
  };

  app.get('/api/v1/pathways', async (c) => {
    const rows = await listLatestPublishedPathways(ctx.sql);
    const paging = readListPaging(c.req.query(), [100]);
    if (!paging) return c.json({ pathways: rows.map((r) => presentPathway(ctx, r)) });
    const { items, next } = pageAfter(rows, (r) => [r.key], paging);
    return c.json({ pathways: items.map((r) => presentPathway(ctx, r)), ...(next ? { next } : {}) });
  });

  app.post('/api/v1/pathways', requireCaller(ctx), async (c) => {
    const who = caller(c);
    const { body } = await readJsonObject(c);
    const row = await savePathwayVersion(ctx, who, body);
    return c.json(presentPathway(ctx, row), 201, { location: u.pathway(row.key) });
  });

  app.post('/api/v1/pathways/:key/versions', requireCaller(ctx), async (c) => {
    const who = caller(c);
    const { body } = await readJsonObject(c);
    const row = await savePathwayVersion(ctx, who, body, c.req.param('key'));
    return c.json(presentPathway(ctx, row), 201, { location: `${u.pathway(row.key)}?version=${row.version}` });
  });

  app.post('/api/v1/pathways/:key/publish', requireCaller(ctx), async (c) => {
    const who = caller(c);
    const { body } = c.req.header('content-type') ? await readJsonObject(c) : { body: {} as Record<string, unknown> };
    const version = body.version === undefined ? undefined : parseVersion(String(body.version));
    return c.json(presentPathway(ctx, await publishPathway(ctx, who, c.req.param('key'), version)));
  });

  // The query is checked before the key, so a bad ?version is a 400 whoever asks.
  const versionQuery = validator('query', (_query, c) => ({ version: parseVersion(c.req.query('version')) }));
  app.get('/api/v1/pathways/:key', versionQuery, acceptCaller(ctx), async (c) => {
    const { version } = c.req.valid('query');
    // Drafts are visible only to their owner.
    const who = c.get('principal');
    const owner = who ? await pathwayOwner(ctx.sql, c.req.param('key')) : undefined;
    const includeDrafts = who !== undefined && owner !== undefined && (who.kind === 'admin' || who.issuerKey === owner);
    return c.json(presentPathway(ctx, await loadPathway(ctx.sql, c.req.param('key'), version, includeDrafts)));
  });

  return app;
}
