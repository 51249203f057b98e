/**
 * Verify and read a learner's credentials for the skills summary (loaded on first need, with
 * the verifier): each is verified in the page and normalized by core to find its alignments.
 * One credential failing never stops the others.
 */
import { isColError, normalize } from '@citiesoflearning/core';
import type { VerifyOptions } from '@citiesoflearning/verify';
import { verifyBadge } from '../internal/verifier.js';
import type { HeldSkillCredential } from './presentation.js';
import type { CheckedSkillCredential } from './summary.js';

/**
 * Verify every credential (all at once: a skills file holds at most 50) and read each one.
 *
 * @example
 * ```ts
 * const checked = await checkCredentials([award.jwt, ob2Assertion], { locale: 'cy', signal });
 * const summary = buildSkillsSummary(checked);
 * ```
 */
export async function checkCredentials(credentials: readonly HeldSkillCredential[], options: VerifyOptions): Promise<CheckedSkillCredential[]> {
  return Promise.all(
    credentials.map(async (credential) => {
      let badge;
      try {
        badge = normalize(credential);
      } catch (error) {
        if (!isColError(error)) throw error;
        // Unreadable: verify() says why (its parse check fails); nothing to summarise from it.
        badge = undefined;
      }
      const report = await verifyBadge(credential, options).catch((error: unknown) => {
        if (options.signal?.aborted) throw error;
        return undefined;
      });
      return { credential, badge, report };
    }),
  );
}
