import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { Env } from '../env.js';
import { isoNow, urls, type ServerContext } from '../context.js';
import { HttpError, notFound } from '../errors.js';
import { readJsonObject } from '../http.js';
import { rateLimiterFor } from '../database-rate-limit.js';
import { checkSkillsSummary, MAX_SHARE_BYTES } from '../skills-summary.js';
import { deleteExpiredShares, deleteShare, findLiveShare, insertShare } from '../store/shares.js';

/** How long a shared link works. */
const SHARE_DAYS = 30;
/** 128 random bits, base64url. */
const SHARE_ID = /^[A-Za-z0-9_-]{22}$/;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Skills-summary links: a learner (anyone, rate-limited per address) stores a summary and gets a
 * random link that works for 30 days, and a delete token to remove it sooner. The link's id is
 * random, not personal; nothing about the learner goes in a URL or a log.
 *
 * @example
 * ```ts
 * app.route('/', sharesRoutes(ctx, (c) => clientAddress(c, ctx.trustProxy)));
 * ```
 */
export function sharesRoutes(ctx: ServerContext, addressOf: (c: Context) => string): Hono<Env> {
  const app = new Hono<Env>();
  const limiter = rateLimiterFor(ctx, 'shares', ctx.shareRateLimit);
  const linkOf = (id: string) => `${urls(ctx.baseUrl).api}/shares/${id}`;
  const gone = () => notFound('shared summary');

  app.post('/api/v1/shares', async (c) => {
    const wait = await limiter.take(addressOf(c));
    if (wait > 0) throw new HttpError(429, 'rate-limited', 'Too many shared summaries from this address; please wait and try again.', { 'Retry-After': String(Math.ceil(wait / 1000)) });
    const declared = Number(c.req.header('content-length') ?? '0');
    if (declared > MAX_SHARE_BYTES) throw new HttpError(413, 'body-too-large', `A shared summary is at most ${MAX_SHARE_BYTES / 1024} KB.`);
    const { body, raw } = await readJsonObject(c);
    if (Buffer.byteLength(raw, 'utf8') > MAX_SHARE_BYTES) throw new HttpError(413, 'body-too-large', `A shared summary is at most ${MAX_SHARE_BYTES / 1024} KB.`);
    checkSkillsSummary(body);
    const id = randomBytes(16).toString('base64url');
    const deleteToken = randomBytes(24).toString('base64url');
    const now = isoNow(ctx);
    const expiresAt = new Date(ctx.now().getTime() + SHARE_DAYS * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await ctx.sql.transaction(async (tx) => {
      await deleteExpiredShares(tx, now);
      await insertShare(tx, { id, delete_token_hash: sha256(deleteToken).toString('hex'), body: JSON.stringify(body), created_at: now, expires_at: expiresAt });
    });
    return c.json({ id, url: linkOf(id), expiresAt, deleteToken }, 201, { location: linkOf(id) });
  });

  app.get('/api/v1/shares/:id', async (c) => {
    const id = c.req.param('id');
    const row = SHARE_ID.test(id) ? await findLiveShare(ctx.sql, id, isoNow(ctx)) : undefined;
    if (!row) throw gone();
    // The learner's own summary: a browser may keep it for a few minutes, shared caches never.
    return c.body(row.body, 200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  });

  app.delete('/api/v1/shares/:id', async (c) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (!match) throw new HttpError(401, 'unauthorized', 'Send the delete token you were given: "Authorization: Bearer <deleteToken>".', { 'WWW-Authenticate': 'Bearer' });
    const id = c.req.param('id');
    const row = SHARE_ID.test(id) ? await findLiveShare(ctx.sql, id, isoNow(ctx)) : undefined;
    // A wrong token answers exactly as a missing share does: nobody learns which links exist.
    if (!row || !timingSafeEqual(sha256(match[1]!), Buffer.from(row.delete_token_hash, 'hex'))) throw gone();
    await deleteShare(ctx.sql, row.id);
    return c.body(null, 204);
  });
  return app;
}
