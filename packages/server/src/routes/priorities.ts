import { Hono } from 'hono';
import type { Env } from '../env.js';
import { caller, requireCaller } from '../middleware/auth.js';
import { isoNow, urls, type ServerContext } from '../context.js';
import { HttpError, notFound } from '../errors.js';
import { assertAdmin, readJsonObject } from '../http.js';
import { pageAfter, readListPaging } from '../paging.js';
import { patchPriority, presentPriority, readNewPriority } from '../priorities.js';
import { deletePriority, findPriority, insertPriority, listPriorities, updatePriority } from '../store/priorities.js';

/**
 * A place's learning priorities: the admin writes them, anyone reads them.
 *
 * @example
 * ```ts
 * app.route('/', prioritiesRoutes(ctx));
 * ```
 */
export function prioritiesRoutes(ctx: ServerContext): Hono<Env> {
  const app = new Hono<Env>();
  const at = (key: string) => `${urls(ctx.baseUrl).api}/priorities/${key}`;

  app.get('/api/v1/priorities', async (c) => {
    const rows = await listPriorities(ctx.sql);
    const cache = { 'cache-control': 'public, max-age=60' };
    // A place has a handful of priorities: the whole list unless the caller pages, like issuers.
    const paging = readListPaging(c.req.query(), [200, 100]);
    if (!paging) return c.json({ priorities: rows.map(presentPriority) }, 200, cache);
    const { items, next } = pageAfter(rows, (r) => [r.name, r.key], paging);
    return c.json({ priorities: items.map(presentPriority), ...(next ? { next } : {}) }, 200, cache);
  });

  app.get('/api/v1/priorities/:key', async (c) => {
    const row = await findPriority(ctx.sql, c.req.param('key'));
    if (!row) throw notFound('priority');
    return c.json(presentPriority(row), 200, { 'cache-control': 'public, max-age=60' });
  });

  app.post('/api/v1/priorities', requireCaller(ctx), async (c) => {
    assertAdmin(caller(c));
    const { body } = await readJsonObject(c);
    const values = readNewPriority(body);
    if (!await insertPriority(ctx.sql, values, isoNow(ctx))) throw new HttpError(409, 'already-exists', `A priority with key "${values.key}" already exists.`);
    return c.json(presentPriority((await findPriority(ctx.sql, values.key))!), 201, { location: at(values.key) });
  });

  app.patch('/api/v1/priorities/:key', requireCaller(ctx), async (c) => {
    assertAdmin(caller(c));
    const { body } = await readJsonObject(c);
    const updated = await ctx.sql.transaction(async (tx) => {
      const row = await findPriority(tx, c.req.param('key'));
      if (!row) throw notFound('priority');
      await updatePriority(tx, patchPriority(row, body), isoNow(ctx));
      return (await findPriority(tx, row.key))!;
    });
    return c.json(presentPriority(updated));
  });

  app.delete('/api/v1/priorities/:key', requireCaller(ctx), async (c) => {
    assertAdmin(caller(c));
    if (!await deletePriority(ctx.sql, c.req.param('key'))) throw notFound('priority');
    return c.body(null, 204);
  });
  return app;
}
