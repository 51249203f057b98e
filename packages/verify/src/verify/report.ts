import type { BadgeFormat as CoreBadgeFormat } from '@citiesoflearning/core';
import { enGB, isMessageKey, render, type Catalogue, type CheckCode, type Locale, type MessageKey, type MessageParams } from './messages.js';

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

// What each check's message was made from, so a report can be said again in another language.
// Kept beside the check, not in it: the report's JSON shape is a public contract.
const SOURCES = new WeakMap<Check, { key: MessageKey; params: MessageParams | undefined }>();

/**
 * Make a check whose message comes from the catalogue: the entry for `code`, or the phrase
 * `template` when the situation needs a more specific sentence, filled with `params`.
 *
 * @example
 * ```ts
 * makeCheck('status', 'failed', 'revoked'); // message: "This badge has been revoked by its issuer."
 * makeCheck('status', 'failed', 'revoked', { reason: 'Issued in error' });
 * makeCheck('key', 'skipped', 'not-checked', { why: { ref: 'why.withdrawn' } });
 * ```
 */
export function makeCheck(id: CheckId, outcome: CheckOutcome, code: CheckCode, params?: MessageParams, template?: MessageKey): Check {
  const key: MessageKey = template ?? (isMessageKey(code) ? code : 'unknown');
  const check: Check = { id, outcome, code, message: render(key, params, enGB) };
  SOURCES.set(check, { key, params });
  return check;
}

/**
 * The catalogue entry and parameters a check's message was made from (to say it again).
 *
 * @example
 * ```ts
 * const source = sourceOf(check); // { key: 'revoked', params: { reason: '…' } }
 * ```
 */
export function sourceOf(check: Check): { key: MessageKey; params: MessageParams | undefined } | undefined {
  return SOURCES.get(check);
}

/**
 * Re-say every check of a report from `catalogue` (in place), keeping codes and outcomes.
 *
 * @example
 * ```ts
 * localizeChecks(report.checks, await loadCatalogue('cy'));
 * ```
 */
export function localizeChecks(checks: Check[], catalogue: Catalogue): void {
  for (const check of checks) {
    const source = SOURCES.get(check);
    if (source) check.message = render(source.key, source.params, catalogue);
  }
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

const HEADS: Record<Locale, { verified: string; note: string; failed: string; inconclusive: string }> = {
  'en-GB': {
    verified: 'Verified: this badge is genuine and current.',
    note: 'Verified, with a note',
    failed: 'Not verified',
    inconclusive: 'Could not be fully checked',
  },
  cy: {
    verified: 'Wedi’i wirio: mae’r bathodyn hwn yn ddilys ac yn gyfredol.',
    note: 'Wedi’i wirio, gyda nodyn',
    failed: 'Heb ei wirio',
    inconclusive: 'Doedd dim modd ei wirio’n llawn',
  },
};

/**
 * One sentence for people: the verdict and, when not verified, the first reason (in the
 * report's language; pass the same `locale` the report was made with).
 *
 * @example
 * ```ts
 * summarize(await verify(input)); // "Not verified: This badge has been revoked by its issuer."
 * summarize(await verify(input, { locale: 'cy' }), 'cy'); // "Heb ei wirio: Mae’r cyhoeddwr wedi dirymu’r bathodyn hwn."
 * ```
 */
export function summarize(report: VerificationReport, locale: Locale = 'en-GB'): string {
  const heads = HEADS[locale] ?? HEADS['en-GB'];
  if (report.outcome === 'verified') {
    const warning = report.checks.find((c) => c.outcome === 'warning');
    return warning ? `${heads.note}: ${warning.message}` : heads.verified;
  }
  const reason =
    report.checks.find((c) => c.outcome === 'failed') ?? report.checks.find((c) => c.outcome === 'inconclusive');
  const head = report.outcome === 'failed' ? heads.failed : heads.inconclusive;
  return reason ? `${head}: ${reason.message}` : `${head}.`;
}
