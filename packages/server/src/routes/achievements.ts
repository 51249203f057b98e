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
  const load = (key: string) => loadAchievement(ctx, key);
  const present = (row: AchievementRow, issuer: IssuerRow) => achievementDocument(u, row, issuer);

  app.get('/api/v1/achievements', (c) => {
    const issuer = c.req.query('issuer');
    const rows = listAchievements(ctx.db, { issuerKey: issuer || undefined });
    const issuers = new Map<string, IssuerRow>();
    const issuerOf = (k: string) => issuers.get(k) ?? issuers.set(k, loadIssuer(ctx, k)).get(k)!;
    const filters = { skill: c.req.query('skill'), tag: c.req.query('tag'), q: c.req.query('q') };
    const paging = readListPaging(c.req.query(), [40, 100]);
    // The filters read the presented document, so a page is cut from the filtered list.
    const matching = rows.map((r) => ({ r, a: present(r, issuerOf(r.issuer_key)) })).filter(({ a }) => matchesAchievementFilters(a, filters));
    if (!paging) return c.json({ achievements: matching.map(({ a }) => a) });
    const { items, next } = pageAfter(matching, ({ r }) => [r.created_at, r.key], paging);
    return c.json({ achievements: items.map(({ a }) => a), ...(next ? { next } : {}) });
  });

  app.post('/api/v1/achievements', requireCaller(ctx), async (c) => {
    const who = caller(c);
    const { body } = await readJsonObject(c);
    const row = createAchievement(ctx, who, body);
    return c.json(present(row, loadIssuer(ctx, row.issuer_key)), 201, { location: u.achievement(row.key) });
  });

  app.get('/api/v1/achievements/:key', (c) => {
    const { achievement, issuer } = load(c.req.param('key'));
    return c.json(present(achievement, issuer), 200, { 'cache-control': 'public, max-age=60' });
  });

  app.get('/api/v1/achievements/:key/ob2', (c) => c.json(ob2BadgeClass(u, load(c.req.param('key')).achievement)));

  app.get('/api/v1/achievements/:key/image', (c) => {
    const { achievement } = load(c.req.param('key'));
    const stored = findAchievementImage(ctx.db, achievement.key)!;
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
    const { achievement } = load(c.req.param('key'));
    assertMayActFor(who, achievement.issuer_key);
    const { body } = await readJsonObject(c);
    const count = field.integer(body, 'count', 1, 1000) ?? 1;
    const uses = field.integer(body, 'uses', 1, 1_000_000) ?? 1;
    const expiresAt = field.date(body, 'expiresAt');
    if (expiresAt && Date.parse(expiresAt) <= ctx.now().getTime()) throw badRequest('"expiresAt" is in the past.');
    const codes = createClaimCodes(ctx, achievement.key, { count, uses, ...(expiresAt ? { expiresAt } : {}) });
    return c.json({ achievement: u.achievement(achievement.key), codes, uses, expiresAt: expiresAt ?? null }, 201);
  });
  return app;
}
