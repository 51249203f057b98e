import { isColError } from '@citiesoflearning/core';
import { makeCheck, type Check } from './report.js';
import type { RunContext } from './context.js';
import { INCONCLUSIVE_CODES, causeOf } from './messages.js';
import { clip } from './fetcher.js';
import { isRecord, asArray, idOf, hasType } from '../internal/guards.js';

type Json = Record<string, unknown>;

/**
 * An OB 2.0 assertion's badge class and hosted issuer profile, as far as they could be loaded.
 *
 * @example
 * ```ts
 * const graph: Ob2Graph = await loadOb2Graph(assertion, ctx);
 * ```
 */
export interface Ob2Graph {
  badge?: Json;
  issuer?: Json;
  /** Why the graph is incomplete (a `schema` or `key` check), when it is. */
  problem?: Check;
}

/**
 * Load an OB 2.0 assertion's badge class (fetched when an IRI) and its issuer profile, always
 * from the issuer's hosted id (an issuer embedded in the badge is not trusted for keys or policy).
 *
 * @example
 * ```ts
 * const { badge, issuer, problem } = await loadOb2Graph(assertion, ctx);
 * ```
 */
export async function loadOb2Graph(assertion: Json, ctx: RunContext): Promise<Ob2Graph> {
  let badge: unknown = assertion.badge;
  if (typeof badge === 'string') {
    try {
      badge = await ctx.fetcher.json(badge);
    } catch (error) {
      return { problem: lookupProblem(error, 'schema') };
    }
  }
  if (!isRecord(badge)) return { problem: makeCheck('schema', 'failed', 'schema-invalid', undefined, 'schema.no-achievement') };
  const issuerRef = badge.issuer;
  const issuerId = idOf(issuerRef);
  if (!issuerId) return { badge, problem: makeCheck('schema', 'failed', 'schema-invalid', undefined, 'schema.no-issuer') };
  let issuer: unknown;
  if (/^https?:\/\//i.test(issuerId)) {
    try {
      issuer = await ctx.fetcher.json(issuerId);
    } catch (error) {
      return { badge, problem: lookupProblem(error, 'key') };
    }
  } else {
    return { badge, problem: makeCheck('key', 'inconclusive', 'key-unresolvable', undefined, 'key.issuer-not-web') };
  }
  if (!isRecord(issuer) || issuer.id !== issuerId) {
    return { badge, problem: makeCheck('key', 'failed', 'key-not-issuers', { url: clip(issuerId) }, 'key.profile-not-issuer') };
  }
  return { badge, issuer };
}

function lookupProblem(error: unknown, id: 'schema' | 'key'): Check {
  const what = id === 'schema' ? 'schema.badge-class' : 'key.issuer-profile';
  if (isColError(error) && INCONCLUSIVE_CODES.has(error.code)) {
    return makeCheck(id, 'inconclusive', error.code === 'offline' ? 'offline' : 'key-unresolvable', { cause: causeOf(error) }, `${what}-unreachable`);
  }
  if (isColError(error)) return makeCheck(id, 'failed', 'schema-invalid', { cause: causeOf(error) }, `${what}-damaged`);
  throw error;
}

/**
 * The `schema` check for OB 2.0: required members of the assertion, badge class and issuer.
 *
 * @example
 * ```ts
 * checkOb2Schema(assertion, badge, issuer);
 * ```
 */
export function checkOb2Schema(assertion: Json, badge?: Json, issuer?: Json): Check {
  const missing: string[] = [];
  for (const k of ['id', 'recipient', 'badge', 'verification', 'issuedOn']) if (assertion[k] === undefined) missing.push(`assertion ${k}`);
  if (!hasType(assertion, 'Assertion')) missing.push('assertion type');
  if (badge) for (const k of ['name', 'description', 'image', 'criteria', 'issuer']) if (badge[k] === undefined) missing.push(`badge ${k}`);
  if (issuer) for (const k of ['name', 'url']) if (issuer[k] === undefined) missing.push(`issuer ${k}`);
  if (missing.length) {
    return makeCheck('schema', 'failed', 'schema-invalid', { missing: missing.join(', ') });
  }
  if (issuer && issuer.email === undefined) {
    return makeCheck('schema', 'warning', 'issuer-email-missing');
  }
  return makeCheck('schema', 'passed', 'schema-valid');
}

/**
 * Whether a hosted assertion URL is inside the issuer's verification policy: `allowedOrigins`
 * (host names), `startsWith` (URL prefixes), or by default the issuer id's host.
 *
 * @example
 * ```ts
 * inHostedScope('https://example.org/a/1', { id: 'https://example.org/issuer' }); // true
 * ```
 */
export function inHostedScope(assertionId: string, issuer: Json): boolean {
  let url: URL;
  try {
    url = new URL(assertionId);
  } catch {
    return false;
  }
  const policy = isRecord(issuer.verification) ? issuer.verification : {};
  const starts = asArray(policy.startsWith).filter((s): s is string => typeof s === 'string');
  const origins = asArray(policy.allowedOrigins).filter((s): s is string => typeof s === 'string');
  if (starts.length && !starts.some((s) => assertionId.startsWith(s))) return false;
  if (origins.length) return origins.some((o) => o === url.host || o === url.hostname || o === url.origin);
  if (starts.length) return true;
  try {
    return new URL(String(issuer.id)).host === url.host;
  } catch {
    return false;
  }
}
