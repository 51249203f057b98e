import type { Sql } from '../sql/sql.js';

/**
 * Milestone badges already held under an idempotency-key prefix (one learner on one pathway):
 * `k` the milestone's idempotency key, `c` the credential, `a` its achievement. Only issued,
 * unrevoked credentials count.
 *
 * @example
 * ```ts
 * const held = await heldMilestoneAwards(ctx.sql, milestoneKey(learner, pathway, ''));
 * ```
 */
export async function heldMilestoneAwards(sql: Sql, prefix: string): Promise<Array<{ k: string; c: string; a: string }>> {
  return await sql.all<{ k: string; c: string; a: string }>("SELECT m.idempotency_key AS k, m.credential_key AS c, a.achievement_key AS a FROM milestone_awards m JOIN credentials a ON a.key = m.credential_key WHERE substr(m.idempotency_key, 1, ?) = ? AND a.state = 'issued' AND a.revoked_at IS NULL", prefix.length, prefix);
}

/**
 * The credential a milestone was awarded with, or `undefined` when it was not awarded yet.
 *
 * @example
 * ```ts
 * const credentialKey = await milestoneCredential(ctx.sql, award.idempotencyKey);
 * ```
 */
export async function milestoneCredential(sql: Sql, idempotencyKey: string): Promise<string | undefined> {
  return (await sql.get<{ credential_key: string }>('SELECT credential_key FROM milestone_awards WHERE idempotency_key = ?', idempotencyKey))?.credential_key;
}

/**
 * Claim a milestone for a credential; `false` when another request claimed it first.
 *
 * @example
 * ```ts
 * if (!await reserveMilestone(ctx.sql, award.idempotencyKey, key, isoNow(ctx))) throw new AlreadyAwarded();
 * ```
 */
export async function reserveMilestone(sql: Sql, idempotencyKey: string, credentialKey: string, createdAt: string): Promise<boolean> {
  return (await sql.run('INSERT INTO milestone_awards (idempotency_key, credential_key, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', idempotencyKey, credentialKey, createdAt)).changes === 1;
}

/**
 * Give back a milestone claimed for a credential whose issuing failed.
 *
 * @example
 * ```ts
 * await releaseMilestone(ctx.sql, award.idempotencyKey, key);
 * ```
 */
export async function releaseMilestone(sql: Sql, idempotencyKey: string, credentialKey: string): Promise<void> {
  await sql.run('DELETE FROM milestone_awards WHERE idempotency_key = ? AND credential_key = ?', idempotencyKey, credentialKey);
}
