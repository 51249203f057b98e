import { Hono } from 'hono';
import { matchesAchievementFilters } from '../achievement-filter.js';
import type { Env } from '../env.js';
import { createAchievement, createClaimCodes } from '../achievements.js';
import { pageAfter, readListPaging } from '../paging.js';
import { caller, requireCaller } from '../middleware/auth.js';
import { urls, type ServerContext } from '../context.js';
import { achievementDocument, ob2BadgeClass, type AchievementData, type AchievementRow, type IssuerRow } from '../documents.js';
import { badRequest } from '../errors.js';
import { assertMayActFor, field, readJsonObject } from '../http.js';
import { badgeSvg } from '../images.js';
import { loadAchievement } from '../issue.js';
import { loadIssuer } from '../issuers.js';
import { findAchievementImage, listAchievements } from '../store/achievements.js';

/**
 * Achievements (badge classes) and their claim codes.
 *
 * @example
 * ```ts
 * app.route('/', achievementsRoutes(ctx));
 * ```
 */
export function achievementsRoutes(ctx: ServerContext): Hono<Env> {
  const app = new Hono<Env>();
  const u = urls(ctx.baseUrl);
  const load = async (key: string) => await loadAchievement(ctx.sql, key);
  const present = (row: AchievementRow, issuer: IssuerRow) => achievementDocument(u, row, issuer);

  app.get('/api/v1/achievements', async (c) => {
    const issuer = c.req.query('issuer');
    const rows = await listAchievements(ctx.sql, { issuerKey: issuer || undefined });
    const issuers = new Map<string, IssuerRow>();
    for (const k of new Set(rows.map((r) => r.issuer_key))) issuers.set(k, await loadIssuer(ctx.sql, k));
    const filters = { skill: c.req.query('skill'), tag: c.req.query('tag'), q: c.req.query('q') };
    const paging = readListPaging(c.req.query(), [40, 100]);
    // The filters read the presented document, so a page is cut from the filtered list.
    const matching = rows.map((r) => ({ r, a: present(r, issuers.get(r.issuer_key)!) })).filter(({ a }) => matchesAchievementFilters(a, filters));
    if (!paging) return c.json({ achievements: matching.map(({ a }) => a) });
    const { items, next } = pageAfter(matching, ({ r }) => [r.created_at, r.key], paging);
    return c.json({ achievements: items.map(({ a }) => a), ...(next ? { next } : {}) });
  });

  app.post('/api/v1/achievements', requireCaller(ctx), async (c) => {
    const who = caller(c);
    const { body } = await readJsonObject(c);
    const row = await createAchievement(ctx, who, body);
    return c.json(present(row, await loadIssuer(ctx.sql, row.issuer_key)), 201, { location: u.achievement(row.key) });
  });

  app.get('/api/v1/achievements/:key', async (c) => {
    const { achievement, issuer } = await load(c.req.param('key'));
    return c.json(present(achievement, issuer), 200, { 'cache-control': 'public, max-age=60' });
  });

  app.get('/api/v1/achievements/:key/ob2', async (c) => c.json(ob2BadgeClass(u, (await load(c.req.param('key'))).achievement)));

  app.get('/api/v1/achievements/:key/image', async (c) => {
    const { achievement } = await load(c.req.param('key'));
    const stored = (await findAchievementImage(ctx.sql, achievement.key))!;
    const headers = {
      'cache-control': 'public, max-age=3600',
      // Uploaded SVG is served inert: no scripts, no external loads.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    };
    if (stored.image && stored.image_type) return c.body(new Uint8Array(stored.image), 200, { ...headers, 'content-type': stored.image_type });
    const data = JSON.parse(achievement.data) as AchievementData;
    return c.body(badgeSvg(achievement.key, data.name), 200, { ...headers, 'content-type': 'image/svg+xml' });
  });

  app.post('/api/v1/achievements/:key/claim-codes', requireCaller(ctx), async (c) => {
    const who = caller(c);
    const { achievement } = await load(c.req.param('key'));
    assertMayActFor(who, achievement.issuer_key);
    const { body } = await readJsonObject(c);
    const count = field.integer(body, 'count', 1, 1000) ?? 1;
    const uses = field.integer(body, 'uses', 1, 1_000_000) ?? 1;
    const expiresAt = field.date(body, 'expiresAt');
    if (expiresAt && Date.parse(expiresAt) <= ctx.now().getTime()) throw badRequest('"expiresAt" is in the past.');
    const codes = await createClaimCodes(ctx, achievement.key, { count, uses, ...(expiresAt ? { expiresAt } : {}) });
    return c.json({ achievement: u.achievement(achievement.key), codes, uses, expiresAt: expiresAt ?? null }, 201);
  });
  return app;
}
