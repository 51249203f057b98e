import { createHash, createHmac } from 'node:crypto';
import { Hono } from 'hono';
import type { Env } from '../env.js';
import { acceptCaller } from '../middleware/auth.js';
import type { ServerContext } from '../context.js';
import type { Sql } from '../sql/sql.js';
import { HttpError, badRequest } from '../errors.js';
import { assertMayActFor, keyFromReference, normalizeEmail, readJsonObject, type Principal } from '../http.js';
import { issueAward, loadAchievement, type IssuedAward, type Recipient } from '../issue.js';
import { hashClaimCode, normalizeClaimCode } from '../claim-codes.js';
import { findClaimCode, returnClaimCodeUse, takeClaimCodeUse } from '../store/codes.js';
import { forgetPendingIdempotency, reserveIdempotencyKey } from '../idempotency.js';
import { completeIdempotency } from '../store/idempotency.js';
import { deleteUsedTicketsExpiredBefore, markTicketUsed, unmarkTicketUsed } from '../store/used-tickets.js';
import { assertTicketNames, verifyTicket } from '../tickets.js';
import { readAwardExtras, refuseUnknownFields } from '../award-fields.js';

const CLAIM_FIELDS = ['achievement', 'code', 'ticket', 'recipient', 'evidence', 'narrative'] as const;
const RECIPIENT_FIELDS = ['email', 'id', 'name'] as const;

interface TicketGrant {
  issuerKey: string;
  jti: string;
  exp: number;
}

/**
 * Check a claim ticket for this badge and learner: signed by a key the achievement's provider
 * registered, for this server, unexpired and short-lived, with a `jti` and this achievement.
 * Returns what the reservation must consume (its `jti`).
 */
async function checkTicket(ctx: ServerContext, ticket: string, achievementKey: string, issuerKey: string, recipient: Recipient): Promise<TicketGrant> {
  const payload = await verifyTicket(ctx, ticket, { issuerKey, audiences: [ctx.baseUrl, `${ctx.baseUrl}/api/v1/claims`] });
  if (typeof payload.jti !== 'string' || payload.jti.length < 8 || payload.jti.length > 200) throw new HttpError(401, 'ticket-invalid', 'The claim ticket needs a unique "jti" (8–200 characters).');
  if (typeof payload.achievement !== 'string' || keyFromReference(payload.achievement, 'achievement') !== achievementKey) {
    throw new HttpError(403, 'ticket-mismatch', 'This claim ticket is for a different badge.');
  }
  assertTicketNames(payload, recipient);
  return { issuerKey, jti: payload.jti, exp: payload.exp as number };
}

/** Parse the `recipient` member: `{ "email": … }` or `{ "id": "did:…" }`. */
function readRecipient(value: unknown): Recipient {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badRequest('"recipient" is required: {"email": "…"} (or {"id": "did:…"}).');
  const r = value as Record<string, unknown>;
  refuseUnknownFields(r, RECIPIENT_FIELDS, 'recipient.');
  if (r.email !== undefined) return { email: normalizeEmail(r.email) };
  if (typeof r.id === 'string' && /^did:[a-z0-9]+:[^\s]{1,500}$/.test(r.id)) return { did: r.id };
  throw badRequest('"recipient" needs an "email" (or a DID as "id").');
}

/**
 * `POST /api/v1/claims`: redeem a claim code or ticket for a signed credential. With an
 * `Idempotency-Key` header, the same key and body always give the same 201 (never a second
 * credential); the same key with another body is refused.
 *
 * @example
 * ```ts
 * app.route('/', claimsRoutes(ctx));
 * ```
 */
export function claimsRoutes(ctx: ServerContext): Hono<Env> {
  const app = new Hono<Env>();
  // Who is asking comes first: a replay must never hand one caller's credential to another.
  app.post('/api/v1/claims', acceptCaller(ctx), async (c) => {
    const who = c.get('principal');
    const { body, raw } = await readJsonObject(c);
    const idempotencyKey = c.req.header('idempotency-key');
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
      throw badRequest('"Idempotency-Key" must be 1–200 visible ASCII characters (a UUID is ideal).');
    }
    // Keyed hash: the body holds an email, and an unkeyed hash could be tested against guesses.
    const bodyHash = createHmac('sha256', ctx.pepper).update(raw).digest('hex');
    // Keys are scoped per caller (the admin, each provider, anonymous callers) and stored hashed,
    // so two callers may pick the same key and no caller can replay or probe another's.
    const storedKey = idempotencyKey ? createHash('sha256').update(`claims|${callerScope(who)}|${idempotencyKey}`).digest('hex') : undefined;
    if (storedKey) {
      const replay = await reserveIdempotencyKey(ctx, storedKey, bodyHash);
      if (replay) return c.body(replay.response, replay.status as 201, { 'content-type': 'application/json', 'idempotent-replayed': 'true' });
    }
    try {
      const issued = await claim(ctx, body, who, async (tx, award) => {
        if (storedKey) await completeIdempotency(tx, storedKey, 201, JSON.stringify(award));
      });
      return c.json(issued, 201, { location: issued.id });
    } catch (error) {
      // A refused or failed claim is not remembered: fixing the request and retrying with the
      // same key must work.
      if (storedKey) await forgetPendingIdempotency(ctx, storedKey);
      throw error;
    }
  });
  return app;
}

/**
 * The idempotency namespace of a caller. Anonymous callers share one: their requests carry
 * their own capability (a claim code or ticket) in the body, which a replay must match exactly.
 */
function callerScope(who: Principal | undefined): string {
  if (!who) return 'anonymous';
  return who.kind === 'admin' ? 'admin' : `provider:${who.issuerKey}`;
}

async function claim(ctx: ServerContext, body: Record<string, unknown>, who: Principal | undefined, commit: (tx: Sql, award: IssuedAward) => Promise<void>): Promise<IssuedAward> {
  refuseUnknownFields(body, CLAIM_FIELDS);
  if (typeof body.achievement !== 'string') throw badRequest('"achievement" (the badge\'s key or id) is required.');
  const achievementKey = keyFromReference(body.achievement, 'achievement');
  const recipient = readRecipient(body.recipient);
  const extras = readAwardExtras(body, body.recipient as Record<string, unknown>, { recipientPrefix: 'recipient.', now: ctx.now() });
  const hasCode = body.code !== undefined && body.code !== null;
  const hasTicket = body.ticket !== undefined && body.ticket !== null;
  if (hasCode && hasTicket) throw badRequest('Send exactly one of "code" (a claim code) or "ticket" (a signed claim ticket).');
  const { achievement } = await loadAchievement(ctx.sql, achievementKey);
  // Whatever goes into the credential is signed by the issuer: a learner redeeming a code or a
  // ticket must not be able to add words or evidence the issuer never saw. Only the issuer's
  // own key (or the admin) may set them.
  const setBy = extras.evidence ? 'evidence' : extras.narrative ? 'narrative' : extras.recipientName ? 'recipient.name' : undefined;
  if (setBy) {
    if (!who) throw new HttpError(403, 'forbidden', `"${setBy}" is written into the credential the issuer signs, so only the issuer can set it: send it with the issuer's API key (a direct award from your backend), not in a learner's claim.`, {}, setBy);
    assertMayActFor(who, achievement.issuer_key);
  }

  // Direct award by an integrator (LMS, CRM): the admin or the issuer's own provider key, no
  // code or ticket. Browsers cannot send it cross-origin (Authorization is not an allowed header).
  if (!hasCode && !hasTicket) {
    if (!who) throw badRequest('Send a "code" (a claim code) or a "ticket" (a signed claim ticket).');
    assertMayActFor(who, achievement.issuer_key);
    return issueAward(ctx, { achievementKey, recipient, source: 'admin', extras, commit });
  }

  if (hasCode) {
    if (typeof body.code !== 'string' || body.code.length > 64) throw badRequest('"code" must be a claim code string.');
    // Only the hash is stored (and kept with the credential, so an interrupted claim gives its use back).
    const code = hashClaimCode(normalizeClaimCode(body.code));
    return issueAward(ctx, {
      achievementKey,
      recipient,
      source: 'code',
      claimCode: code,
      extras,
      reserve: async (tx) => {
        const row = await findClaimCode(tx, code);
        // Same answer for "no such code" and "code for another badge": codes are not enumerable.
        if (!row || row.achievement_key !== achievementKey) throw new HttpError(404, 'code-not-found', 'This claim code is not valid for this badge. Check it and try again.');
        if (row.expires_at && Date.parse(row.expires_at) <= ctx.now().getTime()) throw new HttpError(409, 'code-expired', 'This claim code has expired.');
        if (row.uses_left <= 0) throw new HttpError(409, 'code-used-up', 'This claim code has already been used.');
        // Conditional decrement: the single source of truth for "exactly N uses".
        if (!(await takeClaimCodeUse(tx, code))) throw new HttpError(409, 'code-used-up', 'This claim code has already been used.');
      },
      release: (tx) => returnClaimCodeUse(tx, code),
      commit,
    });
  }

  if (typeof body.ticket !== 'string') throw badRequest('"ticket" must be a compact JWS string.');
  const grant = await checkTicket(ctx, body.ticket, achievementKey, achievement.issuer_key, recipient);
  return issueAward(ctx, {
    achievementKey,
    recipient,
    source: 'ticket',
    extras,
    reserve: async (tx) => {
      await deleteUsedTicketsExpiredBefore(tx, new Date(ctx.now().getTime() - 3600_000).toISOString());
      if (!(await markTicketUsed(tx, `${grant.issuerKey}|${grant.jti}`, grant.issuerKey, new Date(grant.exp * 1000).toISOString()))) throw new HttpError(409, 'ticket-used', 'This claim ticket has already been used.');
    },
    release: (tx) => unmarkTicketUsed(tx, `${grant.issuerKey}|${grant.jti}`),
    commit,
  });
}
