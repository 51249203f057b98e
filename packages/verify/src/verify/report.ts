import type { BadgeFormat as CoreBadgeFormat } from '@citiesoflearning/core';
import { messageFor } from './messages.js';

/**
 * Which step of verification a {@link Check} reports on, in the order they run (OB 3.0 §9).
 *
 * @example
 * ```ts
 * const proof = report.checks.find((c) => c.id === ('proof' satisfies CheckId));
 * ```
 */
export type CheckId = 'parse' | 'schema' | 'proof' | 'key' | 'validity' | 'status' | 'recipient' | 'trust';

/**
 * How one check came out. `warning` is reported but never stops a badge from verifying.
 *
 * @example
 * ```ts
 * const notes = report.checks.filter((c) => c.outcome === ('warning' satisfies CheckOutcome));
 * ```
 */
export type CheckOutcome = 'passed' | 'failed' | 'inconclusive' | 'skipped' | 'warning';

/**
 * The overall result: any failed check → `failed`; else any inconclusive → `inconclusive`.
 *
 * @example
 * ```ts
 * const outcome: VerificationOutcome = (await verify(input)).outcome;
 * ```
 */
export type VerificationOutcome = 'verified' | 'failed' | 'inconclusive';

/**
 * The kind of badge that was verified (the same values as core's `BadgeFormat`).
 *
 * @example
 * ```ts
 * const format: BadgeFormat = (await verify(jws)).format; // 'ob3-jwt'
 * ```
 */
export type BadgeFormat = CoreBadgeFormat;

/**
 * One line of a verification report.
 *
 * @example
 * ```ts
 * const check: Check = { id: 'status', outcome: 'failed', code: 'revoked',
 *   message: 'This badge has been revoked by its issuer.' };
 * ```
 */
export interface Check {
  /** Which step this is. */
  id: CheckId;
  /** How it came out. */
  outcome: CheckOutcome;
  /** Stable kebab-case code for programs, e.g. `signature-invalid`, `revoked`. */
  code: string;
  /** Plain-language explanation for people. */
  message: string;
}

/**
 * What the badge says about itself (shown next to the result; only trustworthy when verified).
 *
 * @example
 * ```ts
 * const { name, issuer } = (await verify(input)).badge ?? {};
 * ```
 */
export interface BadgeSummary {
  name?: string;
  issuer?: { id?: string; name?: string };
  issuedOn?: string;
  validUntil?: string;
}

/**
 * What {@link verify} returns: the overall outcome and each check in order.
 *
 * @example
 * ```ts
 * const report: VerificationReport = await verify(input);
 * if (!report.verified) console.log(report.checks.find((c) => c.outcome !== 'passed')?.message);
 * ```
 */
export interface VerificationReport {
  /** `true` exactly when `outcome` is `verified`. */
  verified: boolean;
  outcome: VerificationOutcome;
  format: BadgeFormat;
  checks: Check[];
  badge?: BadgeSummary;
}

/**
 * Make a check, filling in the plain-language message for `code` when none is given.
 *
 * @example
 * ```ts
 * makeCheck('status', 'failed', 'revoked'); // message: "This badge has been revoked by its issuer."
 * ```
 */
export function makeCheck(id: CheckId, outcome: CheckOutcome, code: string, message?: string): Check {
  return { id, outcome, code, message: message ?? messageFor(code) };
}

/**
 * Combine check outcomes: any failed → failed; else any inconclusive → inconclusive; else verified.
 *
 * @example
 * ```ts
 * overallOutcome([{ id: 'proof', outcome: 'passed', code: 'ok', message: '' }]); // 'verified'
 * ```
 */
export function overallOutcome(checks: readonly Check[]): VerificationOutcome {
  if (checks.some((c) => c.outcome === 'failed')) return 'failed';
  if (checks.some((c) => c.outcome === 'inconclusive')) return 'inconclusive';
  return 'verified';
}

const ORDER: readonly CheckId[] = ['parse', 'schema', 'proof', 'key', 'validity', 'status', 'recipient', 'trust'];

/**
 * Build a report from its checks (sorted into the standard order).
 *
 * @example
 * ```ts
 * const report = buildReport('ob3-jwt', [makeCheck('parse', 'failed', 'jws-malformed')]);
 * report.outcome; // 'failed'
 * ```
 */
export function buildReport(format: BadgeFormat, checks: Check[], badge?: BadgeSummary): VerificationReport {
  const sorted = [...checks].sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id));
  const outcome = overallOutcome(sorted);
  const report: VerificationReport = { verified: outcome === 'verified', outcome, format, checks: sorted };
  if (badge) report.badge = badge;
  return report;
}

/**
 * One sentence for people: the verdict and, when not verified, the first reason.
 *
 * @example
 * ```ts
 * summarize(await verify(input)); // "Not verified: This badge has been revoked by its issuer."
 * ```
 */
export function summarize(report: VerificationReport): string {
  if (report.outcome === 'verified') {
    const warning = report.checks.find((c) => c.outcome === 'warning');
    return warning ? `Verified, with a note: ${warning.message}` : 'Verified: this badge is genuine and current.';
  }
  const reason =
    report.checks.find((c) => c.outcome === 'failed') ?? report.checks.find((c) => c.outcome === 'inconclusive');
  const head = report.outcome === 'failed' ? 'Not verified' : 'Could not be fully checked';
  return reason ? `${head}: ${reason.message}` : `${head}.`;
}
