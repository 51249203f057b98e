import { Hono } from 'hono';
import { bake } from '@citiesoflearning/core';
import type { Env } from '../env.js';
import { caller, requireCaller } from '../middleware/auth.js';
import { isoNow, urls, type ServerContext } from '../context.js';
import { OB2_CONTEXT, type AchievementData } from '../documents.js';
import { HttpError, badRequest, notFound } from '../errors.js';
import { assertMayActFor, field, readJsonObject } from '../http.js';
import { badgePng, badgeSvg } from '../images.js';
import { awardLinks } from '../issue.js';
import { currentStatusList, writeStatusBit } from '../status.js';
import { findAchievementImage } from '../store/achievements.js';
import { clearCredentialSuspension, findIssuedCredential, markCredentialRevoked, markCredentialSuspended, type CredentialRow } from '../store/credentials.js';

export type { CredentialRow } from '../store/credentials.js';

/**
 * Load an issued credential row or 404 (rows still being signed do not exist yet).
 *
 * @example
 * ```ts
 * const row = loadCredential(ctx, c.req.param('key'));
 * ```
 */
export function loadCredential(ctx: ServerContext, key: string): CredentialRow {
  const row = findIssuedCredential(ctx.db, key);
  if (!row) throw notFound('credential');
  return row;
}

/**
 * The public status of a credential (what `/status` and revoke/suspend answer).
 *
 * @example
 * ```ts
 * c.json(credentialStatus(ctx, row)); // { id, issuedOn, revoked, suspended, … }
 * ```
 */
export function credentialStatus(ctx: ServerContext, row: CredentialRow): Record<string, unknown> {
  return {
    id: urls(ctx.baseUrl).credential(row.key),
    issuedOn: row.issued_at,
    revoked: row.revoked_at !== null,
    ...(row.revoked_at ? { revokedAt: row.revoked_at, revocationReason: row.revocation_reason ?? '' } : {}),
    suspended: row.suspended_at !== null,
    ...(row.suspended_at ? { suspendedAt: row.suspended_at, suspensionReason: row.suspension_reason ?? '' } : {}),
  };
}

function imageFor(ctx: ServerContext, row: CredentialRow, kind: 'png' | 'svg'): Uint8Array {
  const stored = findAchievementImage(ctx.db, row.achievement_key)!;
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

  app.get('/api/v1/credentials/:key', (c) => {
    const row = loadCredential(ctx, c.req.param('key'));
    const accept = c.req.header('accept') ?? '';
    // Content negotiation: JOSE clients asking for a JWT get the VC-JWT at the same URL.
    if (/application\/(vc\+)?jwt/.test(accept) && !/application\/(ld\+)?json/.test(accept)) {
      return c.body(row.jwt, 200, { 'content-type': 'application/vc+jwt', vary: 'Accept' });
    }
    return c.body(row.credential, 200, { 'content-type': 'application/vc+ld+json', vary: 'Accept', 'cache-control': 'no-cache' });
  });

  app.get('/api/v1/credentials/:key/jwt', (c) => c.body(loadCredential(ctx, c.req.param('key')).jwt, 200, { 'content-type': 'application/vc+jwt' }));

  app.get('/api/v1/credentials/:key/status', (c) => c.json(credentialStatus(ctx, loadCredential(ctx, c.req.param('key')))));

  app.get('/api/v1/credentials/:key/links', (c) => {
    const row = loadCredential(ctx, c.req.param('key'));
    return c.json({ id: u.credential(row.key), links: awardLinks(ctx.baseUrl, row.key) });
  });

  for (const kind of ['png', 'svg'] as const) {
    app.get(`/api/v1/credentials/:key/${kind}`, (c) => {
      const row = loadCredential(ctx, c.req.param('key'));
      // The Data Integrity JSON is baked (it carries its own proof); the JWT is a separate download.
      const baked = bake(imageFor(ctx, row, kind), row.credential, { version: 3 });
      return c.body(new Uint8Array(baked), 200, {
        'content-type': kind === 'png' ? 'image/png' : 'image/svg+xml',
        'content-disposition': `attachment; filename="badge-${row.key}.${kind}"`,
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      });
    });
  }

  // OB 2.0 hosted assertion view of the same award. Revoked awards answer 410 with the
  // assertion marked revoked, as OB 2.0 hosted verification expects.
  app.get('/api/v1/credentials/:key/ob2', (c) => {
    const row = loadCredential(ctx, c.req.param('key'));
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
      const row = loadCredential(ctx, c.req.param('key'));
      assertMayActFor(who, row.issuer_key);
      const { body } = c.req.header('content-type') ? await readJsonObject(c) : { body: {} as Record<string, unknown> };
      const reason = field.string(body, 'reason', { max: 500 });
      if (action !== 'unsuspend' && !reason) throw badRequest('"reason" is required: say why, in words the learner will read.');
      ctx.db.transaction(() => {
        const fresh = loadCredential(ctx, row.key);
        if (action === 'revoke') {
          if (fresh.revoked_at) throw new HttpError(409, 'already-revoked', 'This credential is already revoked; revocation is permanent.');
          markCredentialRevoked(ctx.db, row.key, isoNow(ctx), reason);
          writeStatusBit(ctx, row.issuer_key, 'revocation', row.revocation_index, true);
        } else if (action === 'suspend') {
          if (fresh.revoked_at) throw new HttpError(409, 'already-revoked', 'This credential is revoked; it cannot be suspended.');
          markCredentialSuspended(ctx.db, row.key, isoNow(ctx), reason);
          writeStatusBit(ctx, row.issuer_key, 'suspension', row.suspension_index, true);
        } else {
          if (!fresh.suspended_at) throw new HttpError(409, 'not-suspended', 'This credential is not suspended.');
          clearCredentialSuspension(ctx.db, row.key);
          writeStatusBit(ctx, row.issuer_key, 'suspension', row.suspension_index, false);
        }
      })();
      // Re-sign the list now, so the change is visible to verifiers when we answer.
      await currentStatusList(ctx, row.issuer_key, action === 'revoke' ? 'revocation' : 'suspension');
      return c.json(credentialStatus(ctx, loadCredential(ctx, row.key)));
    });
  changeStatus('revoke');
  changeStatus('suspend');
  changeStatus('unsuspend');
  return app;
}
