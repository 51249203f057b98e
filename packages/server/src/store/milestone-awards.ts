import type { Db } from '../db.js';

/**
 * Milestone badges already held under an idempotency-key prefix (one learner on one pathway):
 * `k` the milestone's idempotency key, `c` the credential, `a` its achievement. Only issued,
 * unrevoked credentials count.
 *
 * @example
 * ```ts
 * const held = heldMilestoneAwards(ctx.db, milestoneKey(learner, pathway, ''));
 * ```
 */
export function heldMilestoneAwards(db: Db, prefix: string): Array<{ k: string; c: string; a: string }> {
  return db
    .prepare(
      "SELECT m.idempotency_key AS k, m.credential_key AS c, a.achievement_key AS a FROM milestone_awards m JOIN credentials a ON a.key = m.credential_key WHERE substr(m.idempotency_key, 1, ?) = ? AND a.state = 'issued' AND a.revoked_at IS NULL",
    )
    .all(prefix.length, prefix) as Array<{ k: string; c: string; a: string }>;
}

/**
 * The credential a milestone was awarded with, or `undefined` when it was not awarded yet.
 *
 * @example
 * ```ts
 * const credentialKey = milestoneCredential(ctx.db, award.idempotencyKey);
 * ```
 */
export function milestoneCredential(db: Db, idempotencyKey: string): string | undefined {
  return (db.prepare('SELECT credential_key FROM milestone_awards WHERE idempotency_key = ?').get(idempotencyKey) as { credential_key: string } | undefined)?.credential_key;
}

/**
 * Claim a milestone for a credential; `false` when another request claimed it first.
 *
 * @example
 * ```ts
 * if (!reserveMilestone(ctx.db, award.idempotencyKey, key, isoNow(ctx))) throw new AlreadyAwarded();
 * ```
 */
export function reserveMilestone(db: Db, idempotencyKey: string, credentialKey: string, createdAt: string): boolean {
  return db.prepare('INSERT OR IGNORE INTO milestone_awards (idempotency_key, credential_key, created_at) VALUES (?, ?, ?)').run(idempotencyKey, credentialKey, createdAt).changes === 1;
}

/**
 * Give back a milestone claimed for a credential whose issuing failed.
 *
 * @example
 * ```ts
 * releaseMilestone(ctx.db, award.idempotencyKey, key);
 * ```
 */
export function releaseMilestone(db: Db, idempotencyKey: string, credentialKey: string): void {
  db.prepare('DELETE FROM milestone_awards WHERE idempotency_key = ? AND credential_key = ?').run(idempotencyKey, credentialKey);
}
