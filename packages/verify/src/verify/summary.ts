import type { BadgeSummary } from './report.js';
import { asArray, isObj } from './context.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const nameOf = (v: unknown): string | undefined =>
  str(v) ?? (isObj(v) ? str(v['@value']) ?? str(asArray(v)[0]) : Array.isArray(v) ? nameOf(v[0]) : undefined);

/**
 * What an OB 3.0 credential says about itself, for the report's `badge` field.
 *
 * @example
 * ```ts
 * ob3Summary(credential).name; // 'Teamwork Badge'
 * ```
 */
export function ob3Summary(credential: Record<string, unknown>): BadgeSummary {
  const subject = asArray(credential.credentialSubject).find(isObj);
  const achievement = subject && isObj(subject.achievement) ? subject.achievement : undefined;
  const issuer = credential.issuer;
  const summary: BadgeSummary = {};
  const name = nameOf(achievement?.name) ?? nameOf(credential.name);
  if (name) summary.name = name;
  const issuerId = typeof issuer === 'string' ? issuer : isObj(issuer) ? str(issuer.id) : undefined;
  const issuerName = isObj(issuer) ? nameOf(issuer.name) : undefined;
  if (issuerId || issuerName) {
    summary.issuer = {};
    if (issuerId) summary.issuer.id = issuerId;
    if (issuerName) summary.issuer.name = issuerName;
  }
  const issuedOn = str(credential.validFrom) ?? str(credential.issuanceDate);
  if (issuedOn) summary.issuedOn = issuedOn;
  const validUntil = str(credential.validUntil) ?? str(credential.expirationDate);
  if (validUntil) summary.validUntil = validUntil;
  return summary;
}

/**
 * What an OB 2.0 assertion (with its badge class and issuer) says about itself.
 *
 * @example
 * ```ts
 * ob2Summary(assertion, badgeClass, issuer).issuer?.name;
 * ```
 */
export function ob2Summary(assertion: Record<string, unknown>, badge?: unknown, issuer?: unknown): BadgeSummary {
  const summary: BadgeSummary = {};
  const name = isObj(badge) ? nameOf(badge.name) : undefined;
  if (name) summary.name = name;
  const iss = issuer ?? (isObj(badge) ? badge.issuer : undefined);
  const issuerId = typeof iss === 'string' ? iss : isObj(iss) ? str(iss.id) : undefined;
  const issuerName = isObj(iss) ? nameOf(iss.name) : undefined;
  if (issuerId || issuerName) {
    summary.issuer = {};
    if (issuerId) summary.issuer.id = issuerId;
    if (issuerName) summary.issuer.name = issuerName;
  }
  const issuedOn = str(assertion.issuedOn);
  if (issuedOn) summary.issuedOn = issuedOn;
  const expires = str(assertion.expires);
  if (expires) summary.validUntil = expires;
  return summary;
}
