// From verified credentials to pathway records: the glue between `verify()` and
// `evaluatePathway()`, so nobody has to guess which fields of a credential or a report make an
// EarnedRecord, or how a revoked, expired or unverifiable badge should count.
import { normalize } from '../normalize.js';
import type { EarnedRecord } from './types.js';

/**
 * What this module needs of a verification report (the shape `verify()` from
 * `@citiesoflearning/verify` returns; core depends on nothing, so it names only what it reads).
 *
 * @example
 * ```ts
 * const report: VerificationLike = { outcome: 'verified', checks: [{ id: 'proof', outcome: 'passed', code: 'signature-valid' }] };
 * ```
 */
export interface VerificationLike {
  outcome: 'verified' | 'failed' | 'inconclusive';
  checks: ReadonlyArray<{ id: string; outcome: string; code: string; message?: string }>;
}

/**
 * One credential as presented (JSON object or text, compact JWS, or what `unbake` found) and
 * the report `verify()` gave for it.
 *
 * @example
 * ```ts
 * const item: VerifiedCredential = { credential, report: await verify(credential, { recipient: email }) };
 * ```
 */
export interface VerifiedCredential {
  credential: string | object;
  report: VerificationLike;
}

/**
 * Why a credential did not become a record, by its index in the input.
 *
 * @example
 * ```ts
 * const s: SkippedCredential = { index: 2, code: 'recipient-mismatch', message: 'The badge was not awarded to this person.' };
 * ```
 */
export interface SkippedCredential {
  index: number;
  /** The failed (or inconclusive) check's code, e.g. `signature-invalid`, `suspended`, `recipient-mismatch`. */
  code: string;
  message: string;
}

/**
 * Options for {@link recordsFromVerified}.
 *
 * @example
 * ```ts
 * const options: RecordsFromVerifiedOptions = { requireRecipient: true };
 * ```
 */
export interface RecordsFromVerifiedOptions {
  /**
   * Count only credentials whose report has a passed `recipient` check (verify with
   * `{ recipient: email }`), so a learner cannot progress with someone else's badges. Default
   * true; a failed recipient check is never counted either way.
   */
  requireRecipient?: boolean;
}

/**
 * Turns verified credentials into pathway {@link EarnedRecord}s for `evaluatePathway`:
 *
 * - verified → `claimed`, with the achievement id, issue date and expiry read from the
 *   credential (the evaluator itself decides what an expired badge still counts for);
 * - failed only because it expired → `claimed` with its `validUntil` (same reason);
 * - failed because its issuer revoked it → `revoked`;
 * - anything else (a bad signature, an unknown key, suspended, not this learner, or
 *   inconclusive) is skipped, with the check's code and plain message.
 *
 * @example
 * ```ts
 * import { evaluatePathway, recordsFromVerified } from '@citiesoflearning/core';
 * import { verify } from '@citiesoflearning/verify';
 *
 * const items = await Promise.all(credentials.map(async (credential) => ({ credential, report: await verify(credential, { recipient: email }) })));
 * const { records, skipped } = recordsFromVerified(items);
 * const progress = evaluatePathway(pathway, records, { learner: 'learner-7f3a' });
 * for (const s of skipped) console.log(`credential ${s.index}: ${s.message}`);
 * ```
 */
export function recordsFromVerified(
  items: readonly VerifiedCredential[],
  options: RecordsFromVerifiedOptions = {},
): { records: EarnedRecord[]; skipped: SkippedCredential[] } {
  const requireRecipient = options.requireRecipient ?? true;
  const records: EarnedRecord[] = [];
  const skipped: SkippedCredential[] = [];
  items.forEach((item, index) => {
    const skip = (code: string, message: string) => skipped.push({ index, code, message });
    const checks = item.report.checks;
    const recipient = checks.find((c) => c.id === 'recipient');
    if (recipient?.outcome === 'failed') return skip(recipient.code, recipient.message ?? 'The badge was not awarded to this person.');
    if (requireRecipient && recipient?.outcome !== 'passed') {
      return skip(recipient?.code ?? 'recipient-not-checked', recipient?.message ?? 'The badge was not checked against this learner (verify it with { recipient }).');
    }

    let status: EarnedRecord['status'] = 'claimed';
    if (item.report.outcome !== 'verified') {
      const failed = checks.filter((c) => c.outcome === 'failed');
      const onlyExpired = item.report.outcome === 'failed' && failed.length > 0 && failed.every((c) => c.id === 'validity' && c.code === 'expired');
      const revoked = failed.find((c) => c.id === 'status' && c.code === 'revoked');
      const otherFailures = failed.filter((c) => c !== revoked && !(c.id === 'validity' && c.code === 'expired'));
      if (revoked && otherFailures.length === 0) status = 'revoked';
      else if (!onlyExpired) {
        const problem = otherFailures[0] ?? failed[0] ?? checks.find((c) => c.outcome === 'inconclusive');
        return skip(problem?.code ?? 'not-verified', problem?.message ?? 'This badge could not be verified.');
      }
    }

    let badge;
    try {
      badge = normalize(item.credential);
    } catch {
      return skip('credential-unreadable', 'This badge could not be read.');
    }
    const achievement = badge.achievement.id;
    const issuedOn = badge.issuedOn ?? badge.validFrom;
    if (!achievement || !issuedOn) return skip('credential-incomplete', 'This badge does not say which achievement it is for or when it was issued.');
    records.push({ achievement, issuedOn, ...(badge.validUntil ? { validUntil: badge.validUntil } : {}), status });
  });
  return { records, skipped };
}
