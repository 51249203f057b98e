// Checking the credentials a learner presents for a pathway milestone. The learner has no
// account: they hand over credentials, we verify each and keep only the ones that verify AND
// belong to them (their email matches the hashed recipient).
import { hashIdentity, type EarnedRecord } from '@citiesoflearning/core';
import { decodeJws } from '@citiesoflearning/verify';
import type { ServerContext } from './context.js';
import { urls } from './context.js';

/** One presented credential's outcome. */
export type PresentedResult =
  | { ok: true; record: EarnedRecord; achievement: string }
  | { ok: false; code: string; message: string };

/** Verifies one presented credential (JSON object or compact JWS) for one learner. */
export type PresentedChecker = (input: unknown, learnerEmail: string) => Promise<PresentedResult>;

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
      } catch {
        return fail('credential-unreadable', 'This is not a credential or a signed credential token.');
      }
    } else if (input && typeof input === 'object' && !Array.isArray(input)) {
      id = (input as Record<string, unknown>).id;
    } else return fail('credential-unreadable', 'This is not a credential.');
    if (typeof id !== 'string' || !id.startsWith(prefix)) {
      return fail('issuer-unknown', 'Only credentials issued by this server can count towards its pathways for now.');
    }
    const row = ctx.db
      .prepare("SELECT key, achievement_key, credential, jwt, issued_at, revoked_at, suspended_at, recipient_hash, recipient_salt FROM credentials WHERE key = ? AND state = 'issued'")
      .get(id.slice(prefix.length)) as
      | { key: string; achievement_key: string; credential: string; jwt: string; issued_at: string; revoked_at: string | null; suspended_at: string | null; recipient_hash: string | null; recipient_salt: string | null }
      | undefined;
    if (!row) return fail('credential-unknown', 'This server has no record of issuing this credential.');
    const genuine = asJwt !== undefined ? asJwt === row.jwt : JSON.stringify(input) === JSON.stringify(JSON.parse(row.credential));
    if (!genuine) return fail('signature-invalid', 'This credential was changed after it was issued.');
    if (row.revoked_at) return fail('credential-revoked', 'This credential has been revoked by its issuer.');
    if (row.suspended_at) return fail('credential-suspended', 'This credential is suspended by its issuer.');
    if (!row.recipient_hash || (await hashIdentity(email, { salt: row.recipient_salt ?? '' })) !== row.recipient_hash) {
      return fail('recipient-mismatch', 'This credential was issued to someone else.');
    }
    const achievement = urls(ctx.baseUrl).achievement(row.achievement_key);
    return { ok: true, achievement, record: { achievement, issuedOn: row.issued_at, status: 'claimed' } };
  };
}
