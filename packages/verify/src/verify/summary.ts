// The report's `badge` field: the few facts a hiring manager reads first, taken from core's
// normalized view (which already copes with language maps, string-or-array fields, both VC
// versions and wrong types).
import { isColError, normalize, type Badge } from '@citiesoflearning/core';
import type { BadgeSummary } from './report.js';
import { isRecord } from '../internal/guards.js';


function toSummary(badge: Badge): BadgeSummary {
  const summary: BadgeSummary = {};
  // The achievement's own name names the badge; an OB 3.0 credential `name` is often generic.
  const name = badge.achievement.name || badge.name;
  if (name) summary.name = name;
  if (badge.issuer.id || badge.issuer.name) {
    summary.issuer = {};
    if (badge.issuer.id) summary.issuer.id = badge.issuer.id;
    if (badge.issuer.name) summary.issuer.name = badge.issuer.name;
  }
  const issuedOn = badge.issuedOn ?? badge.validFrom;
  if (issuedOn) summary.issuedOn = issuedOn;
  if (badge.validUntil) summary.validUntil = badge.validUntil;
  return summary;
}

function summarizeWith(input: object, documents?: Record<string, unknown>): BadgeSummary {
  try {
    return toSummary(normalize(input, documents ? { documents } : {}));
  } catch (error) {
    // Too little to show (no name at all): the checks say what is wrong with it.
    if (isColError(error)) return {};
    throw error;
  }
}

/**
 * What an OB 3.0 credential says about itself, for the report's `badge` field.
 *
 * @example
 * ```ts
 * ob3Summary(credential).name; // 'Teamwork Badge'
 * ```
 */
export function ob3Summary(credential: Record<string, unknown>): BadgeSummary {
  return summarizeWith(credential);
}

/**
 * What an OB 2.0 assertion (with its fetched badge class and issuer) says about itself.
 *
 * @example
 * ```ts
 * ob2Summary(assertion, badgeClass, issuer).issuer?.name;
 * ```
 */
export function ob2Summary(assertion: Record<string, unknown>, badge?: unknown, issuer?: unknown): BadgeSummary {
  const documents: Record<string, unknown> = {};
  if (typeof assertion.badge === 'string' && isRecord(badge)) documents[assertion.badge] = badge;
  const issuerRef = isRecord(badge) ? badge.issuer : undefined;
  if (typeof issuerRef === 'string' && isRecord(issuer)) documents[issuerRef] = issuer;
  return summarizeWith(assertion, documents);
}
