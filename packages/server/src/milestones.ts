// Milestone badges, as the milestones route needs them: what a learner's request asks, which of
// the credentials they present are really theirs, and issuing each milestone they have earned
// exactly once per learner, pathway version and node — however often, and however concurrently,
// they ask.
import { createHmac } from 'node:crypto';
import type { EarnedRecord, MilestoneAward } from '@citiesoflearning/core';
import { milestoneCredential, releaseMilestone, reserveMilestone } from './store/milestone-awards.js';
import { credentialIsIssued, findIssuedCredential } from './store/credentials.js';
import { isoNow, urls, type ServerContext } from './context.js';
import { HttpError, badRequest } from './errors.js';
import { keyFromReference, normalizeEmail } from './http.js';
import { awardLinks, issueAward, type IssuedAward } from './issue.js';
import { randomToken } from './keys.js';
import type { PresentedChecker } from './presented.js';
import { assertTicketNames, verifyTicket } from './tickets.js';

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

/**
 * A milestone request's body, checked.
 *
 * @example
 * ```ts
 * const request: MilestoneRequest = { email: 'ada@example.org', credentials: [jwt] };
 * ```
 */
export interface MilestoneRequest {
  email: string;
  credentials: unknown[];
  ticket?: string;
  version?: number;
}

/**
 * The body of `POST /api/v1/pathways/{key}/milestones`, or a 400 naming what is wrong.
 *
 * @example
 * ```ts
 * const request = readMilestoneRequest((await readJsonObject(c)).body);
 * ```
 */
export function readMilestoneRequest(body: Record<string, unknown>): MilestoneRequest {
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
  return { email, credentials: body.credentials, ...(typeof body.ticket === 'string' ? { ticket: body.ticket } : {}), ...(version !== undefined ? { version } : {}) };
}

/**
 * Whether a claim ticket from the pathway's own provider names this learner: true, or an
 * `HttpError` (401/403/409) — a bad ticket is refused whatever the email, and none of its checks
 * look at what the learner holds. Any audience the provider's tickets use here is accepted:
 * the server, its claims URL, or this milestones URL.
 *
 * @example
 * ```ts
 * const ticketed = await ticketVouches(ctx, ticket, row.issuer_key, `${u.pathway(row.key)}/milestones`, email);
 * ```
 */
export async function ticketVouches(ctx: ServerContext, ticket: string, issuerKey: string, milestonesUrl: string, email: string): Promise<true> {
  const payload = await verifyTicket(ctx, ticket, { issuerKey, audiences: [ctx.baseUrl, `${ctx.baseUrl}/api/v1/claims`, milestonesUrl] });
  assertTicketNames(payload, { email });
  return true;
}

/**
 * Check every presented credential for this learner, a few at a time within one time budget:
 * the records that count, why the others do not (by their index in the request), and the
 * achievements of those that count which this server issued itself.
 *
 * @example
 * ```ts
 * const { records, rejected } = await checkPresented(ctx, presentedChecker(ctx), request.credentials, request.email);
 * ```
 */
export async function checkPresented(
  ctx: ServerContext,
  checker: PresentedChecker,
  credentials: readonly unknown[],
  email: string,
): Promise<{ records: EarnedRecord[]; rejected: Array<{ index: number; code: string; message: string }>; issuedHere: Set<string> }> {
  const records: EarnedRecord[] = [];
  const rejected: Array<{ index: number; code: string; message: string }> = [];
  const issuedHere = new Set<string>();
  const signal = AbortSignal.timeout(ctx.foreignCheckBudgetMs);
  const results = await mapLimited(credentials, CHECK_CONCURRENCY, (credential) => checker(credential, email, { signal }));
  results.forEach((r, index) => {
    if (!r.ok) return rejected.push({ index, code: r.code, message: r.message });
    records.push(r.record);
    if (r.issuerKey !== undefined) issuedHere.add(r.achievement);
  });
  return { records, rejected, issuedHere };
}

/**
 * A milestone badge in the answer: the credential, the pathway node it is for, and whether this
 * request issued it.
 *
 * @example
 * ```ts
 * const fresh = awarded.filter((a: AwardedMilestone) => a.new);
 * ```
 */
export type AwardedMilestone = IssuedAward & { node: string; achievement: string; new: boolean };

class AlreadyAwarded extends Error {}

/**
 * Issue each earned milestone badge that this learner does not hold yet; one they hold (from an
 * earlier request, or a concurrent one that won the race) comes back marked `new: false`.
 *
 * @example
 * ```ts
 * const awarded = await awardEarned(ctx, progress.awards, 'ada@example.org');
 * ```
 */
export async function awardEarned(ctx: ServerContext, awards: readonly MilestoneAward[], email: string): Promise<AwardedMilestone[]> {
  const awarded: AwardedMilestone[] = [];
  for (const award of awards) awarded.push(await awardOnce(ctx, award, email));
  return awarded;
}

async function awardOnce(ctx: ServerContext, award: MilestoneAward, email: string): Promise<AwardedMilestone> {
  const u = urls(ctx.baseUrl);
  const existing = await milestoneCredential(ctx.sql, award.idempotencyKey);
  const achievementKey = keyFromReference(award.badge, 'achievement');
  if (!award.badge.startsWith(u.achievement(''))) throw new HttpError(500, 'milestone-badge-foreign', 'This pathway names a milestone badge that this server does not issue.');
  // Reserved by an earlier request, maybe one still signing it (on this instance or another):
  // answer with that credential, as the racing request below does.
  if (existing) return { ...(await awardOnceSigned(ctx, existing)), node: award.node, achievement: award.badge, new: false };
  const key = randomToken(16);
  try {
    const issued = await issueAward(ctx, {
      key,
      achievementKey,
      recipient: { email },
      source: 'milestone',
      reserve: async (tx) => {
        if (!(await reserveMilestone(tx, award.idempotencyKey, key, isoNow(ctx)))) throw new AlreadyAwarded();
      },
      release: (tx) => releaseMilestone(tx, award.idempotencyKey, key),
    });
    return { ...issued, node: award.node, achievement: award.badge, new: true };
  } catch (error) {
    if (!(error instanceof AlreadyAwarded)) throw error;
    // A concurrent request won the race: answer with its credential (it is committed or
    // about to be). Gone again already (its issue failed and was undone): the client's retry
    // issues afresh.
    const winner = await milestoneCredential(ctx.sql, award.idempotencyKey);
    if (winner === undefined) throw milestonePending();
    return { ...(await awardOnceSigned(ctx, winner)), node: award.node, achievement: award.badge, new: false };
  }
}

/**
 * The credential `key` a milestone reservation points to, once issued: another request may be
 * signing it right now, so wait for that briefly (up to 5 s) before answering 503
 * `milestone-pending`. Two requests for one milestone (a double click, two instances behind a
 * load balancer) then both get the one credential.
 */
async function awardOnceSigned(ctx: ServerContext, key: string): Promise<IssuedAward> {
  for (let i = 0; i < 100 && !(await credentialIsIssued(ctx.sql, key)); i++) await new Promise((r) => setTimeout(r, 50));
  return storedAward(ctx, key);
}

function milestonePending(): HttpError {
  return new HttpError(503, 'milestone-pending', 'This milestone badge is still being issued; try again in a moment.', { 'Retry-After': '1' });
}

/**
 * The milestones the learner already held on this pathway version (`held`, from
 * `heldMilestoneAwards` under `prefix`) that `awarded` does not list yet, marked `new: false`.
 *
 * @example
 * ```ts
 * awarded.push(...(await heldNotListed(ctx, held, prefix, awarded)));
 * ```
 */
export async function heldNotListed(ctx: ServerContext, held: ReadonlyArray<{ k: string; c: string; a: string }>, prefix: string, awarded: readonly AwardedMilestone[]): Promise<AwardedMilestone[]> {
  const u = urls(ctx.baseUrl);
  const missing = held.filter((h) => !awarded.some((a) => a.id === u.credential(h.c)));
  const found: AwardedMilestone[] = [];
  for (const h of missing) found.push({ ...(await storedAward(ctx, h.c)), node: decodeURIComponent(h.k.slice(prefix.length)), achievement: u.achievement(h.a), new: false });
  return found;
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

async function storedAward(ctx: ServerContext, key: string): Promise<IssuedAward> {
  const row = await findIssuedCredential(ctx.sql, key);
  if (!row) throw milestonePending();
  return { id: urls(ctx.baseUrl).credential(key), credential: JSON.parse(row.credential) as Record<string, unknown>, jwt: row.jwt, links: awardLinks(ctx.baseUrl, key) };
}
