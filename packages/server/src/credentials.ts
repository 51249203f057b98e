// Issued credentials as the API shows and changes them: one by key (or a 404), its public
// status, and revoking, suspending or unsuspending it (the status list bit and the row in one
// transaction, then the list re-signed).
import { isoNow, urls, type ServerContext } from './context.js';
import type { Sql } from './sql/sql.js';
import { HttpError, notFound } from './errors.js';
import { currentStatusList, writeStatusBit } from './status.js';
import { clearCredentialSuspension, findIssuedCredential, lockIssuedCredential, markCredentialRevoked, markCredentialSuspended, type CredentialRow } from './store/credentials.js';

export type { CredentialRow } from './store/credentials.js';

/**
 * Load an issued credential row or 404 (rows still being signed do not exist yet).
 *
 * @example
 * ```ts
 * const row = await loadCredential(ctx.sql, c.req.param('key'));
 * ```
 */
export async function loadCredential(sql: Sql, key: string): Promise<CredentialRow> {
  const row = await findIssuedCredential(sql, key);
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

/**
 * A change an issuer can make to a credential's status.
 *
 * @example
 * ```ts
 * const action: StatusAction = 'suspend';
 * ```
 */
export type StatusAction = 'revoke' | 'suspend' | 'unsuspend';

/**
 * Revoke (for good), suspend or unsuspend a credential: the row and its status-list bit change
 * in one transaction, checked against the row as it is then (two requests cannot both revoke);
 * the list is re-signed before this resolves, so verifiers see the change at once.
 *
 * @example
 * ```ts
 * await changeCredentialStatus(ctx, await loadCredential(ctx.sql, key), 'revoke', 'Issued in error');
 * ```
 */
export async function changeCredentialStatus(ctx: ServerContext, row: CredentialRow, action: StatusAction, reason: string | undefined): Promise<void> {
  // READ COMMITTED, so revocations of many credentials at once (a cohort's, over several
  // instances) wait for each other's locks instead of aborting and retrying. Each decision is
  // read under a lock and the locks are taken in one order (the credential, then through the
  // insight trigger its badge's monthly row, then the status list): two changes of one
  // credential take turns, two bits of one list are both kept, and no two of them deadlock.
  await ctx.sql.transaction(
    async (tx) => {
      const fresh = await lockIssuedCredential(tx, row.key);
      if (!fresh) throw notFound('credential');
      if (action === 'revoke') {
        if (fresh.revoked_at) throw new HttpError(409, 'already-revoked', 'This credential is already revoked; revocation is permanent.');
        await markCredentialRevoked(tx, row.key, isoNow(ctx), reason);
        await writeStatusBit(tx, row.issuer_key, 'revocation', row.revocation_index, true);
      } else if (action === 'suspend') {
        if (fresh.revoked_at) throw new HttpError(409, 'already-revoked', 'This credential is revoked; it cannot be suspended.');
        await markCredentialSuspended(tx, row.key, isoNow(ctx), reason);
        await writeStatusBit(tx, row.issuer_key, 'suspension', row.suspension_index, true);
      } else {
        if (!fresh.suspended_at) throw new HttpError(409, 'not-suspended', 'This credential is not suspended.');
        await clearCredentialSuspension(tx, row.key);
        await writeStatusBit(tx, row.issuer_key, 'suspension', row.suspension_index, false);
      }
    },
    { isolation: 'read-committed' },
  );
  // Re-sign the list now, so the change is visible to verifiers when we answer.
  await currentStatusList(ctx, row.issuer_key, action === 'revoke' ? 'revocation' : 'suspension');
}
