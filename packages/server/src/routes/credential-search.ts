// Finding credentials again: POST /api/v1/credentials/search for keyed callers. A POST, because
// the `recipient` filter is an email address and personal data never goes into a URL; it is
// matched here against each credential's salted hash and never stored or logged.
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { Env } from '../env.js';
import { caller, requireCaller } from '../middleware/auth.js';
import { urls, type ServerContext } from '../context.js';
import { HttpError } from '../errors.js';
import { decodeCursor, encodeCursor, readLimit } from '../paging.js';
import { keyFromReference, normalizeEmail, readJsonObject } from '../http.js';
import { awardLinks } from '../issue.js';
import { invalidField, refuseUnknownFields } from '../award-fields.js';
import { pageOfCredentials, type CredentialRow } from '../store/credentials.js';

const FIELDS = ['achievement', 'issuer', 'status', 'recipient', 'since', 'cursor', 'limit'] as const;
const STATES = ['active', 'revoked', 'suspended', 'expired'] as const;
type State = (typeof STATES)[number];
/** Rows read per database round; and the most one request reads before answering with a cursor. */
const CHUNK = 500;
const MAX_SCAN = 20_000;

/**
 * The status of a credential now: revoked wins over suspended, suspended over expired.
 *
 * @example
 * ```ts
 * stateOf(row, new Date()); // 'active'
 * ```
 */
export function stateOf(row: Pick<CredentialRow, 'revoked_at' | 'suspended_at' | 'credential'>, now: Date): State {
  if (row.revoked_at) return 'revoked';
  if (row.suspended_at) return 'suspended';
  const validUntil = (JSON.parse(row.credential) as { validUntil?: unknown }).validUntil;
  if (typeof validUntil === 'string' && Date.parse(validUntil) <= now.getTime()) return 'expired';
  return 'active';
}

interface Cursor {
  changed: string;
  key: string;
}

/** A cursor is the (last change, key) of the last credential a page looked at. */
function readCursor(value: unknown): Cursor | undefined {
  const position = decodeCursor(value, [40, 100]);
  return position && { changed: position[0]!, key: position[1]! };
}

function readSince(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalidField('since', 'must be an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z.');
  }
  // Stored times have whole seconds: round down so "since" never skips a change in its second.
  return new Date(Date.parse(value)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function readStates(value: unknown): ReadonlySet<State> | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((s): s is State => typeof s === 'string' && (STATES as readonly string[]).includes(s))) {
    throw invalidField('status', `must be one of ${STATES.join(', ')} (or a list of them).`);
  }
  return new Set(list);
}

/**
 * `POST /api/v1/credentials/search`: issued credentials, oldest change first, each with its
 * status now. Filters: `achievement`, `issuer`, `status`, `recipient` (an email, matched against
 * the salted hashes), `since` (issued **or status changed** at or after: an incremental sync
 * sees revocations). Pages are `limit` long (1–200, default 50) and end with `next`, a cursor
 * to send back; a page may be short (even empty) and still have a `next` when the server
 * stopped reading to answer promptly. A provider key sees its own issuer's credentials only.
 *
 * @example
 * ```ts
 * app.route('/', credentialSearchRoutes(ctx));
 * ```
 */
export function credentialSearchRoutes(ctx: ServerContext): Hono<Env> {
  const app = new Hono<Env>();
  const u = urls(ctx.baseUrl);
  app.post('/api/v1/credentials/search', requireCaller(ctx), async (c) => {
    const who = caller(c);
    const { body } = await readJsonObject(c);
    refuseUnknownFields(body, FIELDS);
    const achievement = body.achievement === undefined || body.achievement === null ? undefined : typeof body.achievement === 'string' ? keyFromReference(body.achievement, 'achievement') : undefined;
    if (body.achievement != null && achievement === undefined) throw invalidField('achievement', "must be the badge's key or id.");
    let issuer = body.issuer === undefined || body.issuer === null ? undefined : typeof body.issuer === 'string' ? keyFromReference(body.issuer, 'issuer') : undefined;
    if (body.issuer != null && issuer === undefined) throw invalidField('issuer', "must be the issuer's key or id.");
    if (who.kind === 'provider') {
      if (issuer !== undefined && issuer !== who.issuerKey) throw new HttpError(403, 'forbidden', "This provider key can list its own issuer's credentials only.");
      issuer = who.issuerKey;
    }
    const states = readStates(body.status);
    let email: string | undefined;
    if (body.recipient !== undefined && body.recipient !== null) {
      try {
        email = normalizeEmail(body.recipient);
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        throw invalidField('recipient', 'must be an email address.', 'invalid-email');
      }
    }
    const since = readSince(body.since);
    let cursor = readCursor(body.cursor);
    const limit = readLimit(body.limit, { default: 50, max: 200 });

    // Revoked or suspended only can be narrowed in SQL; "active" and "expired" need the clock.
    const narrow = states !== undefined && !states.has('active') && !states.has('expired');
    const nextChunk = await pageOfCredentials(
      ctx.sql,
      { issuerKey: issuer, achievementKey: achievement, since, onlyWithSalt: email !== undefined, revoked: narrow && states?.has('revoked') === true, suspended: narrow && states?.has('suspended') === true },
      CHUNK,
    );
    const now = ctx.now();
    const entries: Record<string, unknown>[] = [];
    let scanned = 0;
    let exhausted = false;
    while (entries.length < limit && scanned < MAX_SCAN) {
      const rows = await nextChunk(cursor?.changed ?? '', cursor?.key ?? '');
      for (const row of rows) {
        scanned++;
        cursor = { changed: row.changed, key: row.key };
        const state = stateOf(row, now);
        if (states && !states.has(state)) continue;
        if (email && `sha256$${createHash('sha256').update(email + row.recipient_salt).digest('hex')}` !== row.recipient_hash) continue;
        entries.push(entry(row, state));
        if (entries.length >= limit) break;
      }
      if (rows.length < CHUNK && entries.length < limit) {
        exhausted = true;
        break;
      }
    }
    return c.json({ credentials: entries, ...(!exhausted && cursor ? { next: encodeCursor([cursor.changed, cursor.key]) } : {}) });
  });

  function entry(row: CredentialRow & { changed: string }, state: State): Record<string, unknown> {
    const credential = JSON.parse(row.credential) as Record<string, unknown>;
    return {
      id: u.credential(row.key),
      achievement: u.achievement(row.achievement_key),
      issuer: u.issuer(row.issuer_key),
      status: state,
      issuedOn: row.issued_at,
      updatedAt: row.changed,
      ...(typeof credential.validUntil === 'string' ? { validUntil: credential.validUntil } : {}),
      ...(row.revoked_at ? { revokedAt: row.revoked_at, revocationReason: row.revocation_reason ?? '' } : {}),
      ...(row.suspended_at ? { suspendedAt: row.suspended_at, suspensionReason: row.suspension_reason ?? '' } : {}),
      links: awardLinks(ctx.baseUrl, row.key),
      credential,
    };
  }
  return app;
}
