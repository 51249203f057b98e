import { createHmac } from 'node:crypto';
import { Hono } from 'hono';
import { evaluatePathway, milestoneKey, type EarnedRecord, type Pathway } from '@citiesoflearning/core';
import type { Env } from '../env.js';
import { heldMilestoneAwards, milestoneCredential, releaseMilestone, reserveMilestone } from '../store/milestone-awards.js';
import { credentialIsIssued, findIssuedCredential } from '../store/credentials.js';
import { isoNow, urls, type ServerContext } from '../context.js';
import { HttpError, badRequest } from '../errors.js';
import { keyFromReference, normalizeEmail, readJsonObject } from '../http.js';
import { awardLinks, issueAward, type IssuedAward } from '../issue.js';
import { randomToken } from '../keys.js';
import { presentedChecker, type PresentedChecker } from '../presented.js';
import { loadPathway } from '../pathways.js';
import { assertTicketNames, verifyTicket } from '../tickets.js';

/**
 * Most credentials one milestone request may present.
 *
 * @example
 * ```ts
 * if (credentials.length > MAX_PRESENTED) throw badRequest('Too many.');
 * ```
 */
export const MAX_PRESENTED = 50;

/**
 * Default time budget for all the network lookups of one milestone request (foreign
 * credentials): 20 s, however many credentials it presents (`foreignCheckBudgetMs` changes it).
 *
 * @example
 * ```ts
 * const signal = AbortSignal.timeout(FOREIGN_TIME_BUDGET_MS);
 * ```
 */
export const FOREIGN_TIME_BUDGET_MS = 20_000;

/** Credentials checked at once (foreign ones go over the network). */
const CHECK_CONCURRENCY = 4;

/**
 * A stable, opaque learner id for idempotency keys: HMAC of the normalized email under a
 * server secret, so the key never reveals (or lets anyone test) the address.
 *
 * @example
 * ```ts
 * learnerPseudonym(ctx, 'ada@example.org'); // 'l-3q…' (stable, opaque)
 * ```
 */
export function learnerPseudonym(ctx: ServerContext, email: string): string {
  return 'l-' + createHmac('sha256', ctx.pepper).update(`email:${email}`).digest('base64url').slice(0, 27);
}

class AlreadyAwarded extends Error {}

/**
 * `POST /api/v1/pathways/{key}/milestones`: a learner presents credentials; the server verifies
 * them, evaluates the pathway and issues every milestone badge they have earned — at most once
 * per learner, pathway version and node, however often they ask.
 *
 * @example
 * ```ts
 * app.route('/', milestonesRoutes(ctx)); // or with a custom PresentedChecker
 * ```
 */
export function milestonesRoutes(ctx: ServerContext, checker: PresentedChecker = presentedChecker(ctx)): Hono<Env> {
  const app = new Hono<Env>();
  const u = urls(ctx.baseUrl);
  app.post('/api/v1/pathways/:key/milestones', async (c) => {
    const { body } = await readJsonObject(c);
    const recipient = body.recipient as Record<string, unknown> | undefined;
    if (!recipient || typeof recipient !== 'object') throw badRequest('"recipient" is required: {"email": "…"}.');
    const email = normalizeEmail(recipient.email);
    if (!Array.isArray(body.credentials)) throw badRequest('"credentials" must be a list of credentials (JSON objects or compact JWS strings).');
    if (body.credentials.length > MAX_PRESENTED) {
      throw badRequest(`Present at most ${MAX_PRESENTED} credentials at once.`, 'too-many-credentials');
    }
    if (body.ticket !== undefined && typeof body.ticket !== 'string') throw badRequest('"ticket" must be a compact JWS string.');
    const version = body.version === undefined ? undefined : Number(body.version);
    if (version !== undefined && (!Number.isInteger(version) || version < 1)) throw badRequest('"version" must be a whole number from 1.');
    const row = loadPathway(ctx, c.req.param('key'), version);
    const pathway = JSON.parse(row.data) as Pathway;
    const learner = learnerPseudonym(ctx, email);
    const ticketed = typeof body.ticket === 'string' && (await ticketVouches(ctx, body.ticket, row.issuer_key, `${u.pathway(row.key)}/milestones`, email));

    const records: EarnedRecord[] = [];
    const rejected: Array<{ index: number; code: string; message: string }> = [];
    const signal = AbortSignal.timeout(ctx.foreignCheckBudgetMs);
    const results = await mapLimited(body.credentials, CHECK_CONCURRENCY, (cred) => checker(cred, email, { signal }));
    results.forEach((r, index) => (r.ok ? records.push(r.record) : rejected.push({ index, code: r.code, message: r.message })));

    // Only a caller who proves they are this learner (a presented credential verified for this
    // email, or a ticket naming them) sees, counts or is issued anything held in their name.
    // Anyone else gets exactly what an unknown email gets: progress from nothing, no awards.
    const proven = ticketed || records.length > 0;

    // Milestones already awarded to this learner on this pathway version count as held (and are
    // never taken back); they are reported again below, marked `new: false`.
    const prefix = milestoneKey(learner, pathway, '');
    // Looked up either way, so that a known email takes as long to answer as an unknown one.
    const heldRows = heldMilestoneAwards(ctx.db, prefix);
    const held = proven ? heldRows : [];
    const progress = evaluatePathway(pathway, records, { asOf: isoNow(ctx), learner, awarded: held.map((h) => u.achievement(h.a)) });

    const awarded: Array<IssuedAward & { node: string; achievement: string; new: boolean }> = [];
    for (const award of proven ? progress.awards : []) {
      const existing = milestoneCredential(ctx.db, award.idempotencyKey);
      const achievementKey = keyFromReference(award.badge, 'achievement');
      if (!award.badge.startsWith(u.achievement(''))) throw new HttpError(500, 'milestone-badge-foreign', 'This pathway names a milestone badge that this server does not issue.');
      if (existing) {
        awarded.push({ ...stored(ctx, existing), node: award.node, achievement: award.badge, new: false });
        continue;
      }
      const key = randomToken(16);
      try {
        const issued = await issueAward(ctx, {
          key,
          achievementKey,
          recipient: { email },
          source: 'milestone',
          reserve: () => {
            if (!reserveMilestone(ctx.db, award.idempotencyKey, key, isoNow(ctx))) throw new AlreadyAwarded();
          },
          release: () => {
            releaseMilestone(ctx.db, award.idempotencyKey, key);
          },
        });
        awarded.push({ ...issued, node: award.node, achievement: award.badge, new: true });
      } catch (error) {
        if (!(error instanceof AlreadyAwarded)) throw error;
        // A concurrent request won the race: answer with its credential (it is committed or
        // about to be; wait briefly for it).
        const winner = milestoneCredential(ctx.db, award.idempotencyKey)!;
        for (let i = 0; i < 100 && !credentialIsIssued(ctx.db, winner); i++) await new Promise((r) => setTimeout(r, 50));
        awarded.push({ ...stored(ctx, winner), node: award.node, achievement: award.badge, new: false });
      }
    }

    for (const h of held) {
      if (awarded.some((a) => a.id === u.credential(h.c))) continue;
      awarded.push({ ...stored(ctx, h.c), node: decodeURIComponent(h.k.slice(prefix.length)), achievement: u.achievement(h.a), new: false });
    }

    return c.json({
      pathway: progress.pathway,
      asOf: progress.asOf,
      satisfied: progress.satisfied,
      progress: progress.progress,
      state: progress.state,
      ...(progress.completedAt ? { completedAt: progress.completedAt } : {}),
      nodes: progress.nodes, // keyed by node id, as evaluatePathway returns it
      nextSteps: progress.nextSteps,
      awarded,
      rejected,
    });
  });
  return app;
}

/**
 * Whether a claim ticket from the pathway's own provider names this learner: true, or an
 * `HttpError` (401/403/409) — a bad ticket is refused whatever the email, and none of its checks
 * look at what the learner holds. Any audience the provider's tickets use here is accepted:
 * the server, its claims URL, or this milestones URL.
 */
async function ticketVouches(ctx: ServerContext, ticket: string, issuerKey: string, milestonesUrl: string, email: string): Promise<true> {
  const payload = await verifyTicket(ctx, ticket, { issuerKey, audiences: [ctx.baseUrl, `${ctx.baseUrl}/api/v1/claims`, milestonesUrl] });
  assertTicketNames(payload, { email });
  return true;
}

/** `fn` over `items` with at most `limit` running at once, results in input order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function stored(ctx: ServerContext, key: string): IssuedAward {
  const row = findIssuedCredential(ctx.db, key);
  if (!row) throw new HttpError(503, 'milestone-pending', 'This milestone badge is still being issued; try again in a moment.', { 'Retry-After': '1' });
  return { id: urls(ctx.baseUrl).credential(key), credential: JSON.parse(row.credential) as Record<string, unknown>, jwt: row.jwt, links: awardLinks(ctx.baseUrl, key) };
}
