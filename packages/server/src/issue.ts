// Issuing one credential safely: reserve (consume the code or ticket, allocate status indexes,
// write a placeholder row) in one transaction; sign outside it; then store the signed award in a
// second transaction. A failure in between undoes the reservation; a crash in between leaves an
// `issuing` row that the next start rolls back (it was never acknowledged to anyone).
// Neither commit waits for the disk (durability 'flush-later'): the award is acknowledged only
// after the database's flush() (on SQLite, an fdatasync of the write-ahead log on the thread
// pool), which makes the reservation before it durable too; what a power cut takes was never
// acknowledged.
import { randomBytes } from 'node:crypto';
import { ColError } from '@citiesoflearning/core';
import { hashRecipientIdentity } from './identity-hash.js';
import { notFound } from './errors.js';
import { isoNow, urls, type ServerContext } from './context.js';
import type { Sql } from './sql/sql.js';
import { achievementDocument, embeddedIssuer, issuerIdentity, OB3_CONTEXT, type AchievementData, type AchievementRow, type IssuerRow } from './documents.js';
import { allocateStatusIndex } from './status.js';
import { signAward, type SignedAward } from './signing.js';
import { randomToken } from './keys.js';
import type { AwardExtras } from './award-fields.js';
import { activeIssuerKey } from './issuer-keys.js';
import { findAchievement } from './store/achievements.js';
import { findIssuer } from './store/issuers.js';
import { issuerKeyIsListed } from './store/issuer-keys.js';
import { deleteIssuingCredential, insertIssuingCredential, listIssuingCredentials, markCredentialIssued } from './store/credentials.js';
import { returnClaimCodeUse } from './store/codes.js';
import { deleteAllPendingIdempotency } from './store/idempotency.js';

/**
 * Who the badge is for: an email address (stored hashed) or a DID.
 *
 * @example
 * ```ts
 * const r: Recipient = { email: 'ada@example.org' }; // or { did: 'did:key:z6Mk…' }
 * ```
 */
export type Recipient = { email: string } | { did: string };

/**
 * What a claim or milestone asks for.
 *
 * @example
 * ```ts
 * const req: IssueRequest = { achievementKey: 'digital-foundations', recipient: { email }, source: 'admin' };
 * ```
 */
export interface IssueRequest {
  achievementKey: string;
  recipient: Recipient;
  source: 'code' | 'ticket' | 'milestone' | 'admin';
  /**
   * Runs inside the reservation transaction `tx` (consume a code, a ticket jti …); throw to
   * refuse. Database work only: it may run more than once. Like `release` and `commit`, it runs
   * at READ COMMITTED (see {@link issueAward}): each write one guarded statement.
   */
  reserve?: (tx: Sql) => Promise<void>;
  /** Runs inside the rollback transaction `tx` if issuing fails after the reservation. */
  release?: (tx: Sql) => Promise<void>;
  /** Runs inside the final transaction `tx` with the stored result (e.g. store an idempotent response). */
  commit?: (tx: Sql, issued: IssuedAward) => Promise<void>;
  claimCode?: string;
  /** The credential key to use (default: a fresh random one). */
  key?: string;
  /** OB 3.0 evidence, narrative, the learner's name, an expiry (claims and awards). */
  extras?: AwardExtras;
}

/**
 * The result every issuing path returns (the 201 body of `POST /api/v1/claims`).
 *
 * @example
 * ```ts
 * const { id, credential, jwt, links } = await issueAward(ctx, req);
 * ```
 */
export interface IssuedAward {
  id: string;
  credential: Record<string, unknown>;
  jwt: string;
  links: { json: string; jwt: string; png: string; svg: string; ob2: string };
}

/**
 * Links to every form of a stored credential.
 *
 * @example
 * ```ts
 * awardLinks('https://x.org', 'abc').png; // 'https://x.org/api/v1/credentials/abc/png'
 * ```
 */
export function awardLinks(baseUrl: string, key: string): IssuedAward['links'] {
  const id = urls(baseUrl).credential(key);
  return { json: id, jwt: `${id}/jwt`, png: `${id}/png`, svg: `${id}/svg`, ob2: `${id}/ob2` };
}

/**
 * Load an achievement and its issuer, or 404.
 *
 * @example
 * ```ts
 * const { achievement, issuer } = await loadAchievement(ctx.sql, 'digital-foundations');
 * ```
 */
export async function loadAchievement(sql: Sql, key: string): Promise<{ achievement: AchievementRow; issuer: IssuerRow }> {
  const achievement = await findAchievement(sql, key);
  if (!achievement) throw notFound('achievement');
  // The foreign key guarantees the issuer row exists.
  const issuer = (await findIssuer(sql, achievement.issuer_key))!;
  return { achievement, issuer };
}

/**
 * Issue one credential end to end and return the 201 body.
 *
 * Its transactions run at READ COMMITTED (sql.ts), so a cohort's burst of claims of one badge,
 * over several instances, waits on row locks rather than aborting: every write in them is one
 * guarded statement (the code's `uses_left > 0` decrement, `ON CONFLICT DO NOTHING` inserts of
 * the ticket, milestone and status indexes, the insight triggers' upserts), and the one
 * read-then-write (the signing key still listed when the award is stored) holds its row. Rows
 * are locked in one order: reservation (code, then the new row); store (issuer key, credential,
 * badge's insight row, idempotency record).
 *
 * @example
 * ```ts
 * const award = await issueAward(ctx, { achievementKey: 'digital-1', recipient: { email }, source: 'admin' });
 * ```
 */
export async function issueAward(ctx: ServerContext, req: IssueRequest): Promise<IssuedAward> {
  const { achievement, issuer } = await loadAchievement(ctx.sql, req.achievementKey);
  const u = urls(ctx.baseUrl);
  const key = req.key ?? randomToken(16);
  const validFrom = isoNow(ctx);
  const salt = 'email' in req.recipient ? randomBytes(16).toString('hex') : null;
  // Emails are normalized (trimmed, lower-cased) before hashing; verifiers match the same form.
  const identityHash = 'email' in req.recipient ? hashRecipientIdentity(req.recipient.email, salt!) : null;

  // Nothing is acknowledged before the flush at the end, so neither commit waits for the disk.
  const { revocationIndex, suspensionIndex } = await ctx.sql.transaction(
    async (tx) => {
      await req.reserve?.(tx);
      // Random indexes checked free may be taken a moment later by an issue on another connection
      // (PostgreSQL runs them side by side): then pick again. The last try inserts plainly, so a
      // clash that is not about indexes (a credential key already used) fails with its own error.
      for (let attempt = 1; ; attempt++) {
        const revocationIndex = await allocateStatusIndex(tx, issuer.key, 'revocation_index');
        const suspensionIndex = await allocateStatusIndex(tx, issuer.key, 'suspension_index');
        const written = await insertIssuingCredential(
          tx,
          {
            key,
            achievementKey: achievement.key,
            issuerKey: issuer.key,
            source: req.source,
            recipientHash: identityHash,
            recipientSalt: salt,
            recipientEmail: 'email' in req.recipient && ctx.storeEmails ? req.recipient.email : null,
            recipientDid: 'did' in req.recipient ? req.recipient.did : null,
            claimCode: req.claimCode ?? null,
            revocationIndex,
            suspensionIndex,
            issuedAt: validFrom,
          },
          { unlessTaken: attempt < STATUS_INDEX_ATTEMPTS },
        );
        if (written) return { revocationIndex, suspensionIndex };
      }
    },
    { durability: 'flush-later', isolation: 'read-committed' },
  );

  let issued: IssuedAward;
  try {
    const achievementDoc = achievementDocument(u, achievement, issuer, { embedded: true });
    const { validForDays } = JSON.parse(achievement.data) as AchievementData;
    const subject: Record<string, unknown> = { type: ['AchievementSubject'], achievement: achievementDoc };
    if ('did' in req.recipient) subject.id = req.recipient.did;
    else subject.identifier = [{ type: 'IdentityObject', hashed: true, identityHash, identityType: 'emailAddress', salt }];
    const extras = req.extras ?? {};
    if (extras.recipientName) subject.identifier = [...((subject.identifier as unknown[] | undefined) ?? []), { type: 'IdentityObject', hashed: false, identityHash: extras.recipientName, identityType: 'name' }];
    if (extras.narrative) subject.narrative = extras.narrative;
    // Status lists are published under the same identity as the credential (the DID over https),
    // because peer verifiers require the list's issuer to be the credential's issuer.
    const who = issuerIdentity(u, issuer.key);
    const statusEntry = (purpose: 'revocation' | 'suspension', index: number) => ({
      id: `${who.statusList(purpose)}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: purpose,
      statusListIndex: String(index),
      statusListCredential: who.statusList(purpose),
    });
    const unsigned: Record<string, unknown> = {
      '@context': OB3_CONTEXT,
      id: u.credential(key),
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: achievementDoc.name,
      issuer: embeddedIssuer(u, issuer),
      validFrom,
      ...(validForDays ? { validUntil: new Date(Date.parse(validFrom) + validForDays * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}),
      ...(extras.validUntil ? { validUntil: extras.validUntil } : {}),
      credentialSubject: subject,
      ...(extras.evidence?.length ? { evidence: extras.evidence } : {}),
      credentialStatus: [statusEntry('revocation', revocationIndex), statusEntry('suspension', suspensionIndex)],
    };
    issued = await signAndStore(ctx, issuer.key, unsigned, async (tx, signed) => {
      const award = { id: u.credential(key), credential: signed.credential, jwt: signed.jwt, links: awardLinks(ctx.baseUrl, key) };
      // Gone only if another instance judged this issue abandoned (it ran for over an hour) and
      // rolled it back: then it must not be acknowledged; the client's retry issues afresh.
      if (!(await markCredentialIssued(tx, key, signed.credential, signed.jwt))) {
        throw new ColError('database-unavailable', 'This issue took too long and was rolled back; try again.');
      }
      await req.commit?.(tx, award);
      return award;
    });
  } catch (error) {
    // Nothing was acknowledged, so undoing the reservation need not wait for the disk either. A
    // database already closed (shutdown) cannot undo it: the next start rolls the row back.
    await ctx.sql
      .transaction(
        async (tx) => {
          // Already gone (rolled back as abandoned by another instance's recovery, which returned
          // its code use): releasing again would hand the use back twice.
          if (await deleteIssuingCredential(tx, key)) await req.release?.(tx);
        },
        { durability: 'flush-later', isolation: 'read-committed' },
      )
      .catch((undo: unknown) => {
        if (!(undo instanceof ColError && undo.code === 'database-closed')) throw undo;
      });
    throw error;
  }
  // Committed: from here a failure must not undo the reservation (the award is stored).
  await ctx.sql.flush();
  return issued;
}

/** Fresh pairs of status indexes tried when the ones picked were taken meanwhile, before failing. */
const STATUS_INDEX_ATTEMPTS = 8;

/**
 * How old an `issuing` row must be before recovery on PostgreSQL rolls it back. Other instances
 * share the database, so a young `issuing` row may be a live instance's claim in flight (between
 * its reservation and its final commit); rolling it back would lose an award that is about to be
 * acknowledged. An issue's steps are all bounded (statements 30 s, transaction retries about 5 s,
 * three signings), so an hour is far beyond any live issue: an older row was left by an instance
 * that died. Simpler than tracking which instances are alive, and wrong only for an instance
 * frozen for an hour, which then finds its row gone and does not acknowledge (markCredentialIssued).
 *
 * @example
 * ```ts
 * const before = new Date(Date.now() - ABANDONED_ISSUE_AGE_MS).toISOString();
 * ```
 */
export const ABANDONED_ISSUE_AGE_MS = 3_600_000;

/**
 * How often each PostgreSQL instance looks for abandoned issues while it runs (not only at start).
 *
 * @example
 * ```ts
 * setInterval(() => recoverInterruptedIssues(ctx), RECOVERY_INTERVAL_MS).unref();
 * ```
 */
export const RECOVERY_INTERVAL_MS = 15 * 60_000;

/** How often a credential is signed again when its key is removed mid-signing before giving up. */
const SIGNING_ATTEMPTS = 3;

/**
 * Sign with the issuer's current key and store the result in one transaction (`store` runs inside
 * it). Signing takes a while in a worker; if the operator removed that key meanwhile (a leak being
 * cleaned up: rotate, then remove), the credential would never verify, so it is signed again with
 * the key that is current now instead of being handed out.
 */
async function signAndStore<T>(ctx: ServerContext, issuerKey: string, unsigned: Record<string, unknown>, store: (tx: Sql, signed: SignedAward) => Promise<T>): Promise<T> {
  const who = issuerIdentity(urls(ctx.baseUrl), issuerKey);
  for (let attempt = 1; ; attempt++) {
    const signingKey = await activeIssuerKey(ctx.sql, issuerKey);
    const signed = await signAward(unsigned, signingKey, who.methodId(signingKey.kid));
    // Signed outside the transaction; inside it, the key must still be listed as we store.
    const stored = await ctx.sql.transaction(
      async (tx) => ((await issuerKeyIsListed(tx, issuerKey, signingKey.kid)) ? { value: await store(tx, signed) } : undefined),
      { durability: 'flush-later', isolation: 'read-committed' },
    );
    if (stored) return stored.value;
    // Keys removed faster than we can sign: something is wrong with the database, not the caller.
    if (attempt >= SIGNING_ATTEMPTS) throw new ColError('issuer-key-missing', `Issuer ${issuerKey}'s signing key kept being removed while a credential was signed.`);
  }
}

/**
 * Roll back issues a crash interrupted: placeholder rows are deleted and their claim-code uses
 * returned; half-done idempotency records are dropped so the client's retry runs afresh. On
 * SQLite (one process owns the database) that is every such row at start-up; on PostgreSQL other
 * live instances share the database, so only rows older than {@link ABANDONED_ISSUE_AGE_MS}.
 *
 * @example
 * ```ts
 * await recoverInterruptedIssues(ctx); // at startup
 * ```
 */
export async function recoverInterruptedIssues(ctx: ServerContext): Promise<number> {
  const before = ctx.sql.dialect === 'postgres' ? new Date(ctx.now().getTime() - ABANDONED_ISSUE_AGE_MS).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
  return ctx.sql.transaction(async (tx) => {
    const rows = await listIssuingCredentials(tx, before);
    for (const row of rows) {
      if (row.claim_code) await returnClaimCodeUse(tx, row.claim_code);
      await deleteIssuingCredential(tx, row.key);
    }
    await deleteAllPendingIdempotency(tx, before);
    return rows.length;
  });
}
