import type { Hono } from 'hono';
import type { Env } from '../env.js';
import { isoNow, urls, type ServerContext } from '../context.js';
import { ApiError, badRequest, notFound } from '../errors.js';
import { assertMayActFor, authenticate, checkKey, field, keyFromReference, readJsonObject, readPaging, slugify, type Principal } from '../http.js';
import { randomToken } from '../keys.js';
import { loadIssuer } from './issuers.js';

/** A stored opportunity. */
interface OpportunityRow {
  key: string;
  issuer_key: string;
  title: string;
  description: string | null;
  achievement_key: string | null;
  mode: string;
  area_code: string | null;
  latitude: number | null;
  longitude: number | null;
  starts_at: string | null;
  ends_at: string | null;
  booking_url: string | null;
  skills: string;
  created_at: string;
}

const MODES = ['in-person', 'online', 'blended'];

function present(ctx: ServerContext, row: OpportunityRow): Record<string, unknown> {
  const u = urls(ctx.baseUrl);
  return {
    id: u.opportunity(row.key),
    key: row.key,
    title: row.title,
    ...(row.description ? { description: row.description } : {}),
    provider: { id: u.issuer(row.issuer_key), key: row.issuer_key, name: loadIssuer(ctx, row.issuer_key).name },
    ...(row.achievement_key ? { achievement: u.achievement(row.achievement_key) } : {}),
    skills: JSON.parse(row.skills) as string[],
    mode: row.mode,
    ...(row.area_code ? { areaCode: row.area_code } : {}),
    ...(row.latitude !== null && row.longitude !== null ? { location: { latitude: row.latitude, longitude: row.longitude } } : {}),
    ...(row.starts_at ? { startsAt: row.starts_at } : {}),
    ...(row.ends_at ? { endsAt: row.ends_at } : {}),
    ...(row.booking_url ? { bookingUrl: row.booking_url } : {}),
  };
}

/**
 * Create an opportunity (route and demo seed).
 *
 * @example
 * ```ts
 * createOpportunity(ctx, { kind: 'admin' }, { provider: 'museum', title: 'Fossil walk', mode: 'in-person' });
 * ```
 */
export function createOpportunity(ctx: ServerContext, who: Principal, body: Record<string, unknown>): Record<string, unknown> {
  const issuerKey = who.kind === 'provider' ? (checkKey(body.provider, 'provider') ?? who.issuerKey) : checkKey(body.provider, 'provider');
  if (!issuerKey) throw badRequest('"provider" (the issuer key running this opportunity) is required.');
  assertMayActFor(who, issuerKey);
  loadIssuer(ctx, issuerKey);
  const title = field.string(body, 'title', { required: true, max: 300 })!;
  const description = field.string(body, 'description', { max: 4000 });
  const mode = field.string(body, 'mode', { max: 20 }) ?? 'in-person';
  if (!MODES.includes(mode)) throw badRequest(`"mode" must be one of ${MODES.join(', ')}.`);
  const areaCode = field.string(body, 'areaCode', { max: 20 });
  if (areaCode && !/^[A-Z]\d{8}$/.test(areaCode)) throw badRequest('"areaCode" must be an ONS area code such as E06000023.');
  let latitude: number | null = null;
  let longitude: number | null = null;
  if (body.location !== undefined) {
    const loc = body.location as Record<string, unknown> | null;
    if (!loc || typeof loc.latitude !== 'number' || typeof loc.longitude !== 'number' || Math.abs(loc.latitude) > 90 || Math.abs(loc.longitude) > 180) {
      throw badRequest('"location" must be {"latitude", "longitude"} in degrees.');
    }
    latitude = loc.latitude;
    longitude = loc.longitude;
  }
  const startsAt = field.date(body, 'startsAt');
  const endsAt = field.date(body, 'endsAt');
  if (startsAt && endsAt && endsAt < startsAt) throw badRequest('"endsAt" is before "startsAt".');
  const bookingUrl = field.url(body, 'bookingUrl');
  const skills = field.strings(body, 'skills') ?? [];
  let achievementKey: string | null = null;
  if (typeof body.achievement === 'string') {
    achievementKey = keyFromReference(body.achievement, 'achievement');
    if (!ctx.db.prepare('SELECT 1 FROM achievements WHERE key = ?').get(achievementKey)) throw badRequest('"achievement" names no badge on this server.');
  }
  const key = checkKey(body.key, 'key') ?? `${slugify(title).slice(0, 40)}-${randomToken(3).toLowerCase().replace(/[^a-z0-9]/g, 'x')}`;
  ctx.db.transaction(() => {
    if (ctx.db.prepare('SELECT 1 FROM opportunities WHERE key = ?').get(key)) throw new ApiError(409, 'already-exists', `An opportunity with key "${key}" already exists.`);
    ctx.db
      .prepare(
        `INSERT INTO opportunities (key, issuer_key, title, description, achievement_key, mode, area_code, latitude, longitude,
          starts_at, ends_at, booking_url, skills, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(key, issuerKey, title, description ?? null, achievementKey, mode, areaCode ?? null, latitude, longitude, startsAt ?? null, endsAt ?? null, bookingUrl ?? null, JSON.stringify(skills), isoNow(ctx));
  })();
  return present(ctx, ctx.db.prepare('SELECT * FROM opportunities WHERE key = ?').get(key) as OpportunityRow);
}

/**
 * Opportunities (learning activities) and their search.
 *
 * @example
 * ```ts
 * registerOpportunities(app, ctx);
 * ```
 */
export function registerOpportunities(app: Hono<Env>, ctx: ServerContext): void {
  app.post('/api/v1/opportunities', async (c) => {
    const who = authenticate(ctx, c.req.header('authorization'));
    const { body } = await readJsonObject(c);
    const created = createOpportunity(ctx, who, body);
    return c.json(created, 201, { location: created.id as string });
  });

  app.get('/api/v1/opportunities/:key', (c) => {
    const row = ctx.db.prepare('SELECT * FROM opportunities WHERE key = ?').get(c.req.param('key')) as OpportunityRow | undefined;
    if (!row) throw notFound('opportunity');
    return c.json(present(ctx, row));
  });

  // Search: q (text in title/description/skills), skill, area, mode, from/to (overlapping the
  // range), provider, achievement; paged with limit/offset and X-Total-Count.
  app.get('/api/v1/opportunities', (c) => {
    const q = c.req.query();
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.q) {
      if (q.q.length > 200) throw badRequest('"q" is too long.');
      where.push("(title LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\' OR skills LIKE ? ESCAPE '\\')");
      const like = `%${q.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      args.push(like, like, like);
    }
    if (q.skill) {
      where.push('EXISTS (SELECT 1 FROM json_each(opportunities.skills) WHERE lower(json_each.value) = lower(?))');
      args.push(q.skill);
    }
    if (q.area) {
      where.push('area_code = ?');
      args.push(q.area);
    }
    if (q.mode) {
      if (!MODES.includes(q.mode)) throw badRequest(`"mode" must be one of ${MODES.join(', ')}.`);
      where.push('mode = ?');
      args.push(q.mode);
    }
    if (q.provider) {
      where.push('issuer_key = ?');
      args.push(q.provider);
    }
    if (q.achievement) {
      where.push('achievement_key = ?');
      args.push(keyFromReference(q.achievement, 'achievement'));
    }
    const date = (name: string) => {
      const value = q[name];
      if (value === undefined) return undefined;
      const d = field.date({ [name]: value }, name);
      return d;
    };
    const from = date('from');
    const to = date('to');
    if (from) {
      where.push('(coalesce(ends_at, starts_at) IS NULL OR coalesce(ends_at, starts_at) >= ?)');
      args.push(from);
    }
    if (to) {
      where.push('(starts_at IS NULL OR starts_at <= ?)');
      args.push(to);
    }
    const { limit, offset } = readPaging(q);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const { n } = ctx.db.prepare(`SELECT count(*) AS n FROM opportunities ${clause}`).get(...args) as { n: number };
    const rows = ctx.db.prepare(`SELECT * FROM opportunities ${clause} ORDER BY starts_at IS NULL, starts_at, key LIMIT ? OFFSET ?`).all(...args, limit, offset) as OpportunityRow[];
    return c.json({ opportunities: rows.map((r) => present(ctx, r)), total: n, limit, offset }, 200, { 'x-total-count': String(n) });
  });
}
