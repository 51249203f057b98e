import { Hono } from 'hono';
import { bake } from '@citiesoflearning/core';
import type { Env } from '../env.js';
import { changeCredentialStatus, credentialStatus, loadCredential, type CredentialRow } from '../credentials.js';
import { caller, requireCaller } from '../middleware/auth.js';
import { urls, type ServerContext } from '../context.js';
import { OB2_CONTEXT, type AchievementData } from '../documents.js';
import { badRequest } from '../errors.js';
import { assertMayActFor, field, readJsonObject } from '../http.js';
import { badgePng, badgeSvg } from '../images.js';
import { awardLinks } from '../issue.js';
import { findAchievementImage } from '../store/achievements.js';

/** The badge image a credential is baked into: the achievement's upload, else its generated medallion. */
async function imageFor(ctx: ServerContext, row: CredentialRow, kind: 'png' | 'svg'): Promise<Uint8Array> {
  const stored = (await findAchievementImage(ctx.sql, row.achievement_key))!;
  if (kind === 'png') return stored.image_type === 'image/png' && stored.image ? new Uint8Array(stored.image) : badgePng(row.achievement_key);
  if (stored.image_type === 'image/svg+xml' && stored.image) return new Uint8Array(stored.image);
  return new TextEncoder().encode(badgeSvg(row.achievement_key, (JSON.parse(stored.data) as AchievementData).name));
}

/**
 * Credentials: every form of an award, its status, and revocation / suspension.
 *
 * @example
 * ```ts
 * app.route('/', credentialsRoutes(ctx));
 * ```
 */
export function credentialsRoutes(ctx: ServerContext): Hono<Env> {
  const app = new Hono<Env>();
  const u = urls(ctx.baseUrl);

  app.get('/api/v1/credentials/:key', async (c) => {
    const row = await loadCredential(ctx.sql, c.req.param('key'));
    const accept = c.req.header('accept') ?? '';
    // Content negotiation: JOSE clients asking for a JWT get the VC-JWT at the same URL.
    if (/application\/(vc\+)?jwt/.test(accept) && !/application\/(ld\+)?json/.test(accept)) {
      return c.body(row.jwt, 200, { 'content-type': 'application/vc+jwt', vary: 'Accept' });
    }
    return c.body(row.credential, 200, { 'content-type': 'application/vc+ld+json', vary: 'Accept', 'cache-control': 'no-cache' });
  });

  app.get('/api/v1/credentials/:key/jwt', async (c) => c.body((await loadCredential(ctx.sql, c.req.param('key'))).jwt, 200, { 'content-type': 'application/vc+jwt' }));

  app.get('/api/v1/credentials/:key/status', async (c) => c.json(credentialStatus(ctx, await loadCredential(ctx.sql, c.req.param('key')))));

  app.get('/api/v1/credentials/:key/links', async (c) => {
    const row = await loadCredential(ctx.sql, c.req.param('key'));
    return c.json({ id: u.credential(row.key), links: awardLinks(ctx.baseUrl, row.key) });
  });

  for (const kind of ['png', 'svg'] as const) {
    app.get(`/api/v1/credentials/:key/${kind}`, async (c) => {
      const row = await loadCredential(ctx.sql, c.req.param('key'));
      // The Data Integrity JSON is baked (it carries its own proof); the JWT is a separate download.
      const baked = bake(await imageFor(ctx, row, kind), row.credential, { version: 3 });
      return c.body(new Uint8Array(baked), 200, {
        'content-type': kind === 'png' ? 'image/png' : 'image/svg+xml',
        'content-disposition': `attachment; filename="badge-${row.key}.${kind}"`,
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      });
    });
  }

  // OB 2.0 hosted assertion view of the same award. Revoked awards answer 410 with the
  // assertion marked revoked, as OB 2.0 hosted verification expects.
  app.get('/api/v1/credentials/:key/ob2', async (c) => {
    const row = await loadCredential(ctx.sql, c.req.param('key'));
    const id = `${u.credential(row.key)}/ob2`;
    const assertion: Record<string, unknown> = {
      '@context': OB2_CONTEXT,
      id,
      type: 'Assertion',
      recipient: row.recipient_hash
        ? { type: 'email', hashed: true, salt: row.recipient_salt, identity: row.recipient_hash }
        : { type: 'url', hashed: false, identity: row.recipient_did },
      badge: u.achievementOb2(row.achievement_key),
      verification: { type: 'hosted' },
      issuedOn: row.issued_at,
      image: `${u.credential(row.key)}/png`,
    };
    if (row.revoked_at) {
      return c.json({ ...assertion, revoked: true, revocationReason: row.revocation_reason ?? '' }, 410);
    }
    return c.json(assertion, 200, { 'content-type': 'application/ld+json' });
  });

  const changeStatus = (action: 'revoke' | 'suspend' | 'unsuspend') =>
    app.post(`/api/v1/credentials/:key/${action}`, requireCaller(ctx), async (c) => {
      const who = caller(c);
      const row = await loadCredential(ctx.sql, c.req.param('key'));
      assertMayActFor(who, row.issuer_key);
      const { body } = c.req.header('content-type') ? await readJsonObject(c) : { body: {} as Record<string, unknown> };
      const reason = field.string(body, 'reason', { max: 500 });
      if (action !== 'unsuspend' && !reason) throw badRequest('"reason" is required: say why, in words the learner will read.');
      await changeCredentialStatus(ctx, row, action, reason);
      return c.json(credentialStatus(ctx, await loadCredential(ctx.sql, row.key)));
    });
  changeStatus('revoke');
  changeStatus('suspend');
  changeStatus('unsuspend');
  return app;
}
