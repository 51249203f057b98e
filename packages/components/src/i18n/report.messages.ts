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

/** A glyph per outcome, shown beside words (never instead of them) and hidden from screen readers. */
export const OUTCOME_GLYPH: Record<string, string> = { passed: '✓', verified: '✓', failed: '✗', inconclusive: '?', warning: '!', skipped: '–', error: '?', checking: '…' };
