import { makeCheck, type BadgeSummary, type Check } from './report.js';
import type { MessageKey } from './messages.js';
import type { RunContext } from './context.js';
import { checkValidity } from './checks/validity.js';
import { ob3Summary } from './summary.js';
import { checkOb3Schema } from './checks/ob3-schema.js';
import { idOf } from '../internal/guards.js';

/**
 * What a format-specific verifier hands back to `verify()`.
 *
 * @example
 * ```ts
 * const result: FormatResult = await verifyOb3DataIntegrity(credential, ctx);
 * ```
 */
export interface FormatResult {
  checks: Check[];
  badge?: BadgeSummary;
}

/**
 * The checks every OB 3.0 credential gets after its proof: validity, status, and (when asked)
 * recipient and trust.
 *
 * @example
 * ```ts
 * const rest = await ob3AfterProof(credential, ctx);
 * ```
 */
export async function ob3AfterProof(credential: Record<string, unknown>, ctx: RunContext, proof?: Check): Promise<Check[]> {
  const checks: Check[] = [];
  checks.push(
    checkValidity(
      { from: credential.validFrom ?? credential.issuanceDate, until: credential.validUntil ?? credential.expirationDate },
      ctx.now,
    ),
  );
  // A badge whose signature failed is not genuine whatever its status: look nothing more up
  // (an attacker's badge must not make us fetch lists from hosts of their choosing).
  checks.push(proofFailed(proof) ? skippedAfterProof('status') : await statusCheck(credential, ctx));
  // Asked for by few callers, so loaded on first use (with core's recipient hashing: MD5, salts).
  if (ctx.options.recipient !== undefined) {
    const { checkOb3Recipient } = await import('./checks/recipient.js');
    checks.push(await checkOb3Recipient(credential.credentialSubject, ctx.options.recipient));
  }
  if (ctx.options.trustedIssuers !== undefined) {
    const { checkTrust } = await import('./checks/recipient.js');
    checks.push(checkTrust(idOf(credential.issuer), ctx.options.trustedIssuers));
  }
  return checks;
}

/**
 * Status lists (fetching, verifying and decoding them) live in a lazily loaded chunk: most
 * credentials a page meets carry no `credentialStatus`, and those pay nothing for it.
 */
async function statusCheck(credential: Record<string, unknown>, ctx: RunContext): Promise<Check> {
  // The same verdict checkOb3Status gives a credential without status entries, without loading it.
  if (credential.credentialStatus === undefined) return makeCheck('status', 'skipped', 'no-status');
  const { checkOb3Status } = await import('./status.js');
  return checkOb3Status(credential, ctx);
}

/**
 * The checks that cannot run because an earlier one failed, reported as `skipped`.
 *
 * @example
 * ```ts
 * skipped(['proof', 'key'], 'The badge could not be read.');
 * ```
 */
export function skipped(ids: Array<Check['id']>, why: MessageKey): Check[] {
  return ids.map((id) => makeCheck(id, 'skipped', 'not-checked', { why: { ref: why } }));
}

/**
 * Whether a proof check failed outright (not merely could not be checked).
 *
 * @example
 * ```ts
 * if (proofFailed(proof)) return skippedAfterProof('status');
 * ```
 */
export function proofFailed(proof: Check | undefined): boolean {
  return proof?.outcome === 'failed';
}

/**
 * The check for a step not taken because the signature failed.
 *
 * @example
 * ```ts
 * checks.push(skippedAfterProof('status'));
 * ```
 */
export function skippedAfterProof(id: Check['id']): Check {
  return makeCheck(id, 'skipped', 'not-checked', { why: { ref: 'why.proof-failed' } });
}

export { ob3Summary };

/**
 * The start both OB 3.0 formats share: the schema check (appended to `checks`) and the badge
 * summary. Gives the issuer id to check the proof against or, when the credential is not valid
 * enough to check, the finished result with proof, key, validity and status skipped.
 *
 * @example
 * ```ts
 * const start = ob3Preamble(credential, checks);
 * if (start.done) return start.done;
 * const { badge, issuerId } = start;
 * ```
 */
export function ob3Preamble(
  credential: Record<string, unknown>,
  checks: Check[],
): { done: FormatResult } | { done?: undefined; badge: BadgeSummary | undefined; issuerId: string } {
  const schema = checkOb3Schema(credential);
  checks.push(schema);
  const badge = ob3Summary(credential);
  const issuerId = idOf(credential.issuer);
  if (schema.outcome === 'failed' || !issuerId) {
    checks.push(...skipped(['proof', 'key', 'validity', 'status'], 'why.invalid-credential'));
    return { done: { checks, badge } };
  }
  return { badge, issuerId };
}
