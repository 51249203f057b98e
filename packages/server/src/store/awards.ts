// The caller's own id for an award (an LMS enrolment id, a CRM row id), remembered for good per
// issuer and achievement, so that running the same sync twice issues nothing the second time.
import type { Sql } from '../sql/sql.js';

/**
 * Where an `externalId` is remembered: the issuer and achievement it was given for.
 *
 * @example
 * ```ts
 * const scope: ExternalIdScope = { issuerKey: 'city-library', achievementKey: 'digital-1' };
 * ```
 */
export interface ExternalIdScope {
  issuerKey: string;
  achievementKey: string;
}

/**
 * The issued credential an `externalId` already stands for (its key and stored JSON), if any.
 * A mapping whose credential no longer exists (an issue interrupted by a crash, rolled back at
 * start-up) is forgotten here, so the row is issued afresh rather than reported as a duplicate
 * of nothing. `pending` means the credential is being signed by a concurrent request right now.
 *
 * @example
 * ```ts
 * const found = await findByExternalId(ctx.sql, scope, 'enrolment-42');
 * if (found?.credential) reportDuplicate(found);
 * ```
 */
export async function findByExternalId(sql: Sql, scope: ExternalIdScope, externalId: string): Promise<{ key: string; credential?: string } | undefined> {
  const row = await sql.get<{ key: string; state: string | null; credential: string | null }>(
    `SELECT m.credential_key AS key, c.state AS state, c.credential AS credential
       FROM award_external_ids m LEFT JOIN credentials c ON c.key = m.credential_key
      WHERE m.issuer_key = ? AND m.achievement_key = ? AND m.external_id = ?`,
    scope.issuerKey,
    scope.achievementKey,
    externalId,
  );
  if (!row) return undefined;
  if (row.state === null) {
    await sql.run('DELETE FROM award_external_ids WHERE issuer_key = ? AND achievement_key = ? AND external_id = ? AND credential_key = ?', scope.issuerKey, scope.achievementKey, externalId, row.key);
    return undefined;
  }
  return row.state === 'issued' && row.credential ? { key: row.key, credential: row.credential } : { key: row.key };
}

/**
 * Claim `externalId` for the credential `credentialKey` about to be issued. Returns false when
 * another request got there first (the caller then reports a duplicate). Runs inside the issue's
 * reservation transaction, so the claim and the placeholder credential appear together.
 *
 * @example
 * ```ts
 * if (!(await reserveExternalId(tx, scope, 'enrolment-42', key, isoNow(ctx)))) throw new DuplicateExternalId();
 * ```
 */
export async function reserveExternalId(sql: Sql, scope: ExternalIdScope, externalId: string, credentialKey: string, createdAt: string): Promise<boolean> {
  const inserted = await sql.run(
    'INSERT INTO award_external_ids (issuer_key, achievement_key, external_id, credential_key, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    scope.issuerKey,
    scope.achievementKey,
    externalId,
    credentialKey,
    createdAt,
  );
  return inserted.changes === 1;
}

/**
 * Undo {@link reserveExternalId} when issuing failed after the reservation.
 *
 * @example
 * ```ts
 * await releaseExternalId(ctx.sql, scope, 'enrolment-42', key);
 * ```
 */
export async function releaseExternalId(sql: Sql, scope: ExternalIdScope, externalId: string, credentialKey: string): Promise<void> {
  await sql.run('DELETE FROM award_external_ids WHERE issuer_key = ? AND achievement_key = ? AND external_id = ? AND credential_key = ?', scope.issuerKey, scope.achievementKey, externalId, credentialKey);
}
