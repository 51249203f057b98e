/**
 * What the page holds (credentials just claimed, from a wallet, or records a provider keeps)
 * turned into the evaluator's earned records — in the page, so nothing personal leaves it.
 */
import { normalize, type EarnedRecord } from '@citiesoflearning/core';

/**
 * What `<col-pathway>` accepts in `credentials`: OB 2.0/3.0 credentials (objects or compact
 * JWS) or earned records as core's evaluator takes them.
 *
 * @example
 * ```ts
 * const held: HeldCredential[] = [award.credential, award.jwt, { achievement: id, issuedOn, status: 'pending' }];
 * ```
 */
export type HeldCredential = object | string | EarnedRecord;

/**
 * The records to evaluate, the achievement ids held (milestones already awarded count as held),
 * and the credentials that can be presented to the server for a milestone.
 *
 * @example
 * ```ts
 * const { records, held, presentable } = toRecords(element.credentials);
 * ```
 */
export function toRecords(credentials: readonly HeldCredential[] | undefined): { records: EarnedRecord[]; held: string[]; presentable: Array<object | string> } {
  const records: EarnedRecord[] = [];
  const held: string[] = [];
  const presentable: Array<object | string> = [];
  for (const item of credentials ?? []) {
    if (isRecord(item)) {
      records.push(item);
      if (item.status === 'claimed') held.push(item.achievement);
      continue;
    }
    try {
      const badge = normalize(item);
      const achievement = badge.achievement.id;
      const issuedOn = badge.issuedOn ?? badge.validFrom;
      if (!achievement || !issuedOn) continue;
      records.push({ achievement, issuedOn, ...(badge.validUntil ? { validUntil: badge.validUntil } : {}), status: 'claimed' });
      held.push(achievement);
      presentable.push(item);
    } catch {
      // Not a credential we can read: it simply doesn't count.
    }
  }
  return { records, held, presentable };
}

function isRecord(value: unknown): value is EarnedRecord {
  return (
    !!value && typeof value === 'object' && typeof (value as EarnedRecord).achievement === 'string' &&
    typeof (value as EarnedRecord).status === 'string' && !('credentialSubject' in value) && !('recipient' in value)
  );
}
