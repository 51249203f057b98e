// Checking the credentials a learner presents for a pathway milestone. The learner has no
// account: they hand over credentials, we verify each and keep only the ones that verify AND
// belong to them (their email matches the hashed recipient).
import { isColError, normalize, type EarnedRecord } from '@citiesoflearning/core';
import { hashRecipientIdentity } from './identity-hash.js';
import { decodeJws, verify } from '@citiesoflearning/verify';
import type { ServerContext } from './context.js';
import { urls } from './context.js';
import { findIssuedCredential } from './store/credentials.js';

/**
 * One presented credential's outcome.
 *
 * @example
 * ```ts
 * const r: PresentedResult = await check(credential, 'ada@example.org');
 * if (!r.ok) console.log(r.code);
 * ```
 */
export type PresentedResult =
  | {
      ok: true;
      record: EarnedRecord;
      achievement: string;
      /** For a credential this server issued: the key of the issuer (provider) that issued it. */
      issuerKey?: string;
    }
  | { ok: false; code: string; message: string };

/**
 * Verifies one presented credential (JSON object or compact JWS) for one learner.
 *
 * @example
 * ```ts
 * const check: PresentedChecker = localChecker(ctx);
 * ```
 */
export type PresentedChecker = (input: unknown, learnerEmail: string, options?: CheckOptions) => Promise<PresentedResult>;

/**
 * Per-request limits a checker must respect.
 *
 * @example
 * ```ts
 * await check(credential, email, { signal: AbortSignal.timeout(FOREIGN_TIME_BUDGET_MS) });
 * ```
 */
export interface CheckOptions {
  /** Aborts every network lookup: one budget for all the credentials of one request. */
  signal?: AbortSignal;
}

/**
 * Bounds on verifying one foreign credential: 5 s per lookup, 512 KiB per document. (`verify()`
 * also caps lookups per call; the milestone route adds one time budget per request.)
 *
 * @example
 * ```ts
 * verifyingChecker({ timeoutMs: FOREIGN_LIMITS.timeoutMs });
 * ```
 */
export const FOREIGN_LIMITS = { timeoutMs: 5000, maxBytes: 512 * 1024 } as const;

/**
 * The one answer an anonymous caller gets for a foreign credential that does not verify for a
 * reason involving the network (the issuer's key, its status list, an address we refuse to
 * contact, a host that does not answer, a budget spent). Telling these apart would let anyone
 * map which internal addresses answer, by presenting credentials that point at them.
 *
 * @example
 * ```ts
 * result.code === UNVERIFIABLE.code; // 'credential-unverifiable'
 * ```
 */
export const UNVERIFIABLE = {
  code: 'credential-unverifiable',
  message: 'This credential could not be confirmed with its issuer, so it does not count here.',
} as const;

/** Why a credential from elsewhere that names one of our own badges does not count. */
const OWN_BADGE_ELSEWHERE = 'This badge is issued only by this server, and this credential for it came from somewhere else, so it does not count.';

/** Checks `verify()` decides from the credential alone, with no lookup: safe to report as they are. */
const OFFLINE_CHECKS = new Set(['parse', 'schema', 'validity']);

function fail(code: string, message: string): PresentedResult {
  return { ok: false, code, message };
}

/**
 * A checker for credentials this server issued: the presented copy must be byte-for-byte the
 * one we signed (JSON compared after parsing; JWT exactly), not revoked or suspended, and issued
 * to `learnerEmail`. No network, no trust decisions beyond our own database.
 *
 * @example
 * ```ts
 * const check = localChecker(ctx);
 * const result = await check(credentialJson, 'ada@example.org');
 * ```
 */
export function localChecker(ctx: ServerContext): PresentedChecker {
  const prefix = `${urls(ctx.baseUrl).credential('')}`;
  return async (input, email) => {
    let id: unknown;
    let asJwt: string | undefined;
    if (typeof input === 'string') {
      try {
        const { payload } = decodeJws(input, { maxLength: 200_000 });
        id = payload.jti ?? payload.id ?? (payload.vc as Record<string, unknown> | undefined)?.id;
        asJwt = input.trim();
      } catch (error) {
        if (!isColError(error)) throw error;
        return fail('credential-unreadable', 'This is not a credential or a signed credential token.');
      }
    } else if (input && typeof input === 'object' && !Array.isArray(input)) {
      id = (input as Record<string, unknown>).id;
    } else return fail('credential-unreadable', 'This is not a credential.');
    if (typeof id !== 'string' || !id.startsWith(prefix)) {
      return fail('issuer-unknown', 'This server only counts credentials it issued itself towards its pathways.');
    }
    const row = await findIssuedCredential(ctx.sql, id.slice(prefix.length));
    if (!row) return fail('credential-unknown', 'This server has no record of issuing this credential.');
    const genuine = asJwt !== undefined ? asJwt === row.jwt : JSON.stringify(input) === JSON.stringify(JSON.parse(row.credential));
    if (!genuine) return fail('signature-invalid', 'This credential was changed after it was issued.');
    if (row.revoked_at) return fail('credential-revoked', 'This credential has been revoked by its issuer.');
    if (row.suspended_at) return fail('credential-suspended', 'This credential is suspended by its issuer.');
    if (!row.recipient_hash || hashRecipientIdentity(email, row.recipient_salt ?? '') !== row.recipient_hash) {
      return fail('recipient-mismatch', 'This credential was issued to someone else.');
    }
    const achievement = urls(ctx.baseUrl).achievement(row.achievement_key);
    return { ok: true, achievement, issuerKey: row.issuer_key, record: { achievement, issuedOn: row.issued_at, status: 'claimed' } };
  };
}

/**
 * A checker for credentials from other issuers, using the SDK's full `verify()` flow (proof, the
 * key really belonging to the issuer, dates, revocation/suspension status) and its recipient
 * check against the learner's email. Lookups go over the network, so the server only uses it
 * when the operator opts in (`acceptForeignCredentials`).
 *
 * @example
 * ```ts
 * const check = verifyingChecker({ timeoutMs: 5000 });
 * await check(credentialFromElsewhere, 'ada@example.org');
 * ```
 */
export function verifyingChecker(options: { fetch?: typeof fetch; timeoutMs?: number; maxBytes?: number; now?: () => Date; allowPrivateNetwork?: boolean } = {}): PresentedChecker {
  return async (input, email, { signal } = {}) => {
    // verify() reports unreadable input as a failed `parse` check; it does not throw for it.
    const report = await verify(input as object | string, {
      recipient: email,
      timeoutMs: options.timeoutMs ?? FOREIGN_LIMITS.timeoutMs,
      maxBytes: options.maxBytes ?? FOREIGN_LIMITS.maxBytes,
      // Presented by anyone: never let it steer the server into its own network unless allowed.
      allowPrivateNetwork: options.allowPrivateNetwork ?? false,
      ...(signal ? { signal } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.now ? { now: options.now() } : {}),
    });
    if (report.outcome !== 'verified') {
      const offline = report.checks.find((c) => c.outcome === 'failed' && OFFLINE_CHECKS.has(c.id));
      if (offline) return fail(offline.code, offline.message);
      // Verified in every respect but the learner: theirs is a plain, useful answer.
      const others = report.checks.filter((c) => c.id !== 'recipient');
      const recipient = report.checks.find((c) => c.id === 'recipient');
      if (recipient?.outcome === 'failed' && others.every((c) => c.outcome !== 'failed' && c.outcome !== 'inconclusive')) {
        return fail('recipient-mismatch', 'This credential was issued to someone else.');
      }
      return fail(UNVERIFIABLE.code, UNVERIFIABLE.message);
    }
    const recipient = report.checks.find((c) => c.id === 'recipient');
    if (recipient?.outcome !== 'passed') return fail('recipient-mismatch', 'This credential was issued to someone else.');
    const badge = normalize(input as object | string);
    const achievement = badge.achievement.id;
    const issuedOn = badge.issuedOn ?? badge.validFrom;
    if (!achievement || !issuedOn) return fail('credential-incomplete', 'This credential does not say which achievement it is for or when it was issued.');
    return { ok: true, achievement, record: { achievement, issuedOn, ...(badge.validUntil ? { validUntil: badge.validUntil } : {}), status: 'claimed' } };
  };
}

/**
 * Our own credentials are checked against our database; others with `verify()` when the
 * operator accepts foreign credentials, else refused. A foreign credential never counts for one
 * of this server's own achievements: only this server issues them, and anyone can sign a
 * credential (with a did:key of their own) that names any achievement it likes.
 *
 * @example
 * ```ts
 * const check = presentedChecker(ctx);
 * ```
 */
export function presentedChecker(ctx: ServerContext): PresentedChecker {
  const local = localChecker(ctx);
  const foreign = ctx.acceptForeignCredentials ? verifyingChecker({ now: ctx.now, allowPrivateNetwork: ctx.allowPrivateIssuers }) : undefined;
  const prefix = urls(ctx.baseUrl).credential('');
  const ownAchievements = urls(ctx.baseUrl).achievement('');
  return async (input, email, options) => {
    const result = await local(input, email);
    if (result.ok || result.code !== 'issuer-unknown' || !foreign) return result;
    // Not ours by id. A credential naming one of our ids but failing locally is not retried.
    const id = typeof input === 'object' && input ? (input as Record<string, unknown>).id : undefined;
    if (typeof id === 'string' && id.startsWith(prefix)) return result;
    const checked = await foreign(input, email, options);
    if (checked.ok && checked.achievement.startsWith(ownAchievements)) return fail('issuer-unknown', OWN_BADGE_ELSEWHERE);
    return checked;
  };
}
