/**
 * Words for a verification report, shared by `<col-badge>`'s status pill and
 * `<col-badge-verify>`: the verdicts, each check's name, and each check outcome.
 */
import { defineMessages } from './catalogue.js';

/**
 * The report vocabulary in en-GB and Welsh.
 *
 * @example
 * ```ts
 * new LocaleController(this, reportMessages).t('verdict-verified'); // 'Verified'
 * ```
 */
export const reportMessages = defineMessages(
  {
    'verdict-checking': 'Checking…',
    'verdict-verified': 'Verified',
    'verdict-failed': 'Not verified',
    'verdict-inconclusive': 'Could not fully verify',
    'verdict-error': 'Could not check',
    'verdict-unlisted': 'Genuine, issuer not confirmed',
    'check-parse': 'Readable',
    'check-schema': 'Complete',
    'check-proof': 'Signature',
    'check-key': 'Signing key',
    'check-validity': 'Dates',
    'check-status': 'Revocation',
    'check-recipient': 'Recipient',
    'check-trust': 'Known issuer',
    'outcome-passed': 'passed',
    'outcome-failed': 'failed',
    'outcome-inconclusive': 'could not check',
    'outcome-skipped': 'skipped',
    'outcome-warning': 'warning',
    'checked-at': 'Checked at {time}',
    'show-checks': 'Show the checks',
  },
  {
    'verdict-checking': "Wrthi'n gwirio…",
    'verdict-verified': "Wedi'i wirio",
    'verdict-failed': 'Heb ei wirio',
    'verdict-inconclusive': "Methu gwirio'n llawn",
    'verdict-error': 'Methu gwirio',
    'verdict-unlisted': "Dilys, cyhoeddwr heb ei gadarnhau",
    'check-parse': 'Darllenadwy',
    'check-schema': 'Cyflawn',
    'check-proof': 'Llofnod',
    'check-key': 'Allwedd llofnodi',
    'check-validity': 'Dyddiadau',
    'check-status': 'Dirymu',
    'check-recipient': 'Derbynnydd',
    'check-trust': 'Cyhoeddwr hysbys',
    'outcome-passed': 'wedi llwyddo',
    'outcome-failed': 'wedi methu',
    'outcome-inconclusive': 'methu gwirio',
    'outcome-skipped': "wedi'i hepgor",
    'outcome-warning': 'rhybudd',
    'checked-at': 'Gwiriwyd am {time}',
    'show-checks': 'Dangos y gwiriadau',
  },
);

/**
 * The verdict to show: the report's outcome, except that a badge whose only failure is an
 * issuer missing from the trust list is `unlisted` — genuine, but we can't confirm who issued
 * it. An unlisted issuer is never called fake.
 *
 * @example
 * ```ts
 * verdictOf(report); // 'verified' | 'failed' | 'inconclusive' | 'unlisted'
 * ```
 */
export function verdictOf(report: { outcome: string; checks: ReadonlyArray<{ id: string; outcome: string }> }): 'verified' | 'failed' | 'inconclusive' | 'unlisted' {
  const failed = report.checks.filter((c) => c.outcome === 'failed');
  if (failed.length > 0 && failed.every((c) => c.id === 'trust')) {
    return report.checks.some((c) => c.outcome === 'inconclusive') ? 'inconclusive' : 'unlisted';
  }
  return report.outcome as 'verified' | 'failed' | 'inconclusive';
}

/** A glyph per outcome, shown beside words (never instead of them) and hidden from screen readers. */
export const OUTCOME_GLYPH: Record<string, string> = { passed: '✓', verified: '✓', unlisted: '!', failed: '✗', inconclusive: '?', warning: '!', skipped: '–', error: '?', checking: '…' };
