import { createHash, createHmac } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { Env } from '../env.js';
import { caller, requireCaller } from '../middleware/auth.js';
import { keyedBucket } from '../middleware/rate-limits.js';
import { isoNow, urls, type ServerContext } from '../context.js';
import { HttpError } from '../errors.js';
import { assertMayActFor, keyFromReference, normalizeEmail, readJsonObject } from '../http.js';
import { awardLinks, issueAward, loadAchievement } from '../issue.js';
import { randomToken } from '../keys.js';
import type { RateLimiter } from '../rate-limit.js';
import { invalidField, readAwardExtras, refuseUnknownFields } from '../award-fields.js';
import { forgetPendingIdempotency, reserveIdempotencyKey } from '../idempotency.js';
import { completeIdempotency } from '../store/idempotency.js';
import { findByExternalId, releaseExternalId, reserveExternalId, type ExternalIdScope } from '../store/awards.js';

/**
 * Most rows one `POST /api/v1/awards` may carry.
 *
 * @example
 * ```ts
 * for (let i = 0; i < rows.length; i += MAX_AWARD_ROWS) send(rows.slice(i, i + MAX_AWARD_ROWS));
 * ```
 */
export const MAX_AWARD_ROWS = 1000;

const BODY_FIELDS = ['achievement', 'recipients'] as const;
const ROW_FIELDS = ['email', 'name', 'externalId', 'narrative', 'evidence', 'validUntil'] as const;
const EXTERNAL_ID = /^[\x21-\x7e][\x20-\x7e]{0,199}$/;

/**
 * One row's outcome, in the order the rows were sent.
 *
 * @example
 * ```ts
 * const r: AwardRowResult = { status: 'invalid', error: { code: 'invalid-email', message: '…', field: 'recipients[3].email' } };
 * ```
 */
export interface AwardRowResult {
  status: 'issued' | 'duplicate' | 'invalid' | 'failed';
  id?: string;
  externalId?: string;
  credential?: Record<string, unknown>;
  links?: ReturnType<typeof awardLinks>;
  error?: { code: string; message: string; field?: string };
}

class DuplicateExternalId extends Error {}

async function awardRow(ctx: ServerContext, scope: ExternalIdScope, value: unknown, index: number): Promise<AwardRowResult> {
  const prefix = `recipients[${index}].`;
  let externalId: string | undefined;
  try {
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalidField(`recipients[${index}]`, 'must be an object such as {"email": "…"}.');
    const row = value as Record<string, unknown>;
    refuseUnknownFields(row, ROW_FIELDS, prefix);
    if (row.externalId !== undefined && row.externalId !== null) {
      if (typeof row.externalId !== 'string' || !EXTERNAL_ID.test(row.externalId)) throw invalidField(`${prefix}externalId`, 'must be 1–200 printable ASCII characters (your enrolment or record id).');
      externalId = row.externalId;
    }
    let email: string;
    try {
      email = normalizeEmail(row.email);
    } catch (error) {
      if (error instanceof HttpError) throw invalidField(`${prefix}email`, row.email === undefined ? 'is required.' : 'is not a valid email address.', 'invalid-email');
      throw error;
    }
    const extras = readAwardExtras(row, row, { prefix, now: ctx.now(), allowValidUntil: true });
    const duplicate = (found: { key: string; credential?: string }): AwardRowResult => ({
      status: 'duplicate', id: urls(ctx.baseUrl).credential(found.key), ...(externalId ? { externalId } : {}),
      ...(found.credential ? { credential: JSON.parse(found.credential) as Record<string, unknown> } : {}), links: awardLinks(ctx.baseUrl, found.key),
    });
    if (externalId) {
      const found = await findByExternalId(ctx.sql, scope, externalId);
      if (found) return duplicate(found);
    }
    const key = randomToken(16);
    const id = externalId;
    try {
      const issued = await issueAward(ctx, {
        achievementKey: scope.achievementKey, recipient: { email }, source: 'admin', key, extras,
        ...(id ? {
          reserve: async (tx) => {
            if (!(await reserveExternalId(tx, scope, id, key, isoNow(ctx)))) throw new DuplicateExternalId();
          },
          release: (tx) => releaseExternalId(tx, scope, id, key),
        } : {}),
      });
      return { status: 'issued', id: issued.id, ...(externalId ? { externalId } : {}), credential: issued.credential, links: issued.links };
    } catch (error) {
      // A concurrent request claimed the same externalId between our look-up and our reservation.
      if (error instanceof DuplicateExternalId && id) return duplicate((await findByExternalId(ctx.sql, scope, id)) ?? { key });
      throw error;
    }
  } catch (error) {
    const echo = externalId ? { externalId } : {};
    if (error instanceof HttpError && error.status < 500) {
      return { status: 'invalid', ...echo, error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } };
    }
    const name = error instanceof Error ? error.name : typeof error;
    ctx.log(`error POST /api/v1/awards row ${index}: ${name}: ${error instanceof Error ? error.message.slice(0, 300) : ''}`);
    return { status: 'failed', ...echo, error: { code: 'internal-error', message: 'The server could not issue this row; nothing was issued for it. Send it again.' } };
  }
}

/**
 * Replay-or-run for one keyed caller's `Idempotency-Key`: the same key and body within 24 hours
 * get the first answer back; the same key with another body is refused; a run that throws is
 * forgotten so it can be retried. Keys are scoped to the caller.
 */
async function idempotent(ctx: ServerContext, c: Context, bucket: string, raw: string, run: () => Promise<{ status: number; body: unknown }>): Promise<Response> {
  const header = c.req.header('idempotency-key');
  if (header === undefined) {
    const { status, body } = await run();
    return c.json(body, status as 200);
  }
  if (!/^[\x21-\x7e]{1,200}$/.test(header)) throw new HttpError(400, 'invalid-request', '"Idempotency-Key" must be 1–200 visible ASCII characters (a UUID is ideal).');
  const bodyHash = createHmac('sha256', ctx.pepper).update(raw).digest('hex');
  const storedKey = createHash('sha256').update(`awards|${bucket}|${header}`).digest('hex');
  const replay = await reserveIdempotencyKey(ctx, storedKey, bodyHash);
  if (replay) return c.body(replay.response, replay.status as 200, { 'content-type': 'application/json', 'idempotent-replayed': 'true' });
  try {
    const { status, body } = await run();
    const text = JSON.stringify(body);
    await completeIdempotency(ctx.sql, storedKey, status, text);
    return c.body(text, status as 200, { 'content-type': 'application/json' });
  } catch (error) {
    await forgetPendingIdempotency(ctx, storedKey);
    throw error;
  }
}

/**
 * `POST /api/v1/awards`: bulk awards for LMS and CRM syncs (admin key or the issuer's provider
 * key). Each row is checked and issued on its own; the answer lists one result per row, in
 * order. A row's `externalId` makes it idempotent for good (per issuer and achievement): sending
 * it again reports `duplicate` with the original credential. Rows count against the caller's
 * own award limit (`awardsPerMinute`), not the anonymous per-address claim limit.
 *
 * @example
 * ```ts
 * app.route('/', awardsRoutes(ctx, rateLimiterFor(ctx, 'awards', ctx.awardRateLimit)));
 * ```
 */
export function awardsRoutes(ctx: ServerContext, limiter: RateLimiter): Hono<Env> {
  const app = new Hono<Env>();
  app.post('/api/v1/awards', requireCaller(ctx), async (c) => {
    const who = caller(c);
    const { body, raw } = await readJsonObject(c);
    refuseUnknownFields(body, BODY_FIELDS);
    if (typeof body.achievement !== 'string') throw invalidField('achievement', "(the badge's key or id) is required.");
    const { achievement } = await loadAchievement(ctx.sql, keyFromReference(body.achievement, 'achievement'));
    assertMayActFor(who, achievement.issuer_key);
    const rows = body.recipients;
    if (!Array.isArray(rows) || rows.length === 0) throw invalidField('recipients', 'must be a non-empty list of {"email": "…"} rows.');
    if (rows.length > MAX_AWARD_ROWS) throw new HttpError(400, 'too-many-rows', `"recipients" has ${rows.length} rows; send at most ${MAX_AWARD_ROWS} per request.`, {}, 'recipients');
    const bucket = keyedBucket(who);
    const scope: ExternalIdScope = { issuerKey: achievement.issuer_key, achievementKey: achievement.key };
    return idempotent(ctx, c, bucket, raw, async () => {
      // Counted only when rows are really processed: a replay of an earlier answer is free.
      const wait = await limiter.take(bucket, rows.length);
      if (wait > 0) {
        throw new HttpError(429, 'rate-limited', `This key has used its award limit for this minute (${ctx.awardRateLimit.limit} awards); wait and send the rest.`, { 'Retry-After': String(Math.ceil(wait / 1000)) });
      }
      const results: AwardRowResult[] = [];
      // One row at a time: each is its own transaction, and signing is CPU-bound anyway.
      for (let i = 0; i < rows.length; i++) results.push(await awardRow(ctx, scope, rows[i], i));
      const summary = { issued: 0, duplicate: 0, invalid: 0, failed: 0 };
      for (const r of results) summary[r.status]++;
      return { status: 200, body: { achievement: urls(ctx.baseUrl).achievement(achievement.key), summary, results } };
    });
  });
  return app;
}
