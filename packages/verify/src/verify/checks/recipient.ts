import { matchRecipient, type RecipientIdentity } from '@citiesoflearning/core';
import { makeCheck, type Check } from '../report.js';
import { isRecord, asArray } from '../../internal/guards.js';


/**
 * The `recipient` check for an OB 3.0 credential subject: the identity matches the subject's
 * `id` or one of its `identifier`s (hashed identities are hashed locally with their salt).
 *
 * @example
 * ```ts
 * await checkOb3Recipient(credential.credentialSubject, 'learner@example.org');
 * ```
 */
export async function checkOb3Recipient(subject: unknown, identity: string): Promise<Check> {
  const subjects = asArray(subject).filter(isRecord);
  const ids = subjects.map((s) => s.id).filter((x): x is string => typeof x === 'string');
  const identifiers = subjects.flatMap((s) => asArray(s.identifier)).filter(isRecord);
  if (ids.length === 0 && identifiers.length === 0) return makeCheck('recipient', 'inconclusive', 'recipient-unknown');
  const plain = identity.trim().toLowerCase();
  if (ids.some((id) => id.toLowerCase() === plain || id.toLowerCase() === `mailto:${plain}`)) {
    return makeCheck('recipient', 'passed', 'recipient-match');
  }
  if (identifiers.length && (await matchRecipient(identifiers as unknown as RecipientIdentity[], identity))) {
    return makeCheck('recipient', 'passed', 'recipient-match');
  }
  return makeCheck('recipient', 'failed', 'recipient-mismatch');
}

/**
 * The `recipient` check for an OB 2.0 assertion's `recipient` object.
 *
 * @example
 * ```ts
 * await checkOb2Recipient(assertion.recipient, 'learner@example.org');
 * ```
 */
export async function checkOb2Recipient(recipient: unknown, identity: string): Promise<Check> {
  if (!isRecord(recipient) || typeof recipient.identity !== 'string') {
    return makeCheck('recipient', 'inconclusive', 'recipient-unknown');
  }
  const ok = await matchRecipient(recipient as unknown as RecipientIdentity, identity);
  return makeCheck('recipient', ok ? 'passed' : 'failed', ok ? 'recipient-match' : 'recipient-mismatch');
}

/**
 * The `trust` check: whether the issuer id is on the caller's list.
 *
 * @example
 * ```ts
 * checkTrust('did:key:z6Mk…', ['did:key:z6Mk…']); // passed
 * ```
 */
export function checkTrust(issuerId: string | undefined, trusted: readonly string[]): Check {
  const known = issuerId !== undefined && trusted.includes(issuerId);
  return makeCheck('trust', known ? 'passed' : 'failed', known ? 'issuer-trusted' : 'issuer-unknown');
}
