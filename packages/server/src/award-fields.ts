// The Open Badges 3.0 extras a claim or an award may carry (evidence, narrative, the learner's
// name, an expiry), checked field by field, and the refusal of fields nobody defined: a typo such
// as "narative" must be a 400 naming the field, not a badge silently issued without it.
import { HttpError } from './errors.js';

/**
 * One piece of OB 3.0 `Evidence` as stored in a credential.
 *
 * @example
 * ```ts
 * const e: Evidence = { type: ['Evidence'], id: 'https://lms.example.org/work/42', name: 'Final project' };
 * ```
 */
export interface Evidence {
  type: string[];
  id?: string;
  name?: string;
  narrative?: string;
  description?: string;
  genre?: string;
  audience?: string;
}

/**
 * What a claim or award may add to the credential it issues.
 *
 * @example
 * ```ts
 * const extras: AwardExtras = { narrative: 'Built a weather station.', recipientName: 'Ada Lovelace' };
 * ```
 */
export interface AwardExtras {
  /** OB 3.0 `evidence` on the credential. */
  evidence?: Evidence[];
  /** OB 3.0 `credentialSubject.narrative`. */
  narrative?: string;
  /** The learner's name, as an OB 3.0 `IdentityObject` of type `name` (in clear: it is shown on the badge). */
  recipientName?: string;
  /** Overrides the achievement's default expiry. */
  validUntil?: string;
}

/**
 * A 400 `unknown-field` for the first member of `value` that is not in `allowed`, naming it in
 * the error's `field` (with `prefix`, e.g. `recipients[3].`).
 *
 * @example
 * ```ts
 * refuseUnknownFields(body, ['achievement', 'recipient', 'code'], ''); // throws for { narative: '…' }
 * ```
 */
export function refuseUnknownFields(value: Record<string, unknown>, allowed: readonly string[], prefix = ''): void {
  for (const name of Object.keys(value)) {
    if (!allowed.includes(name)) {
      const field = `${prefix}${name}`;
      throw new HttpError(400, 'unknown-field', `"${field}" is not a field this request accepts (expected one of: ${allowed.join(', ')}).`, {}, field);
    }
  }
}

/**
 * A 400 `invalid-request` naming `field`.
 *
 * @example
 * ```ts
 * throw invalidField('recipients[2].email', 'is not a valid email address.');
 * ```
 */
export function invalidField(field: string, problem: string, code = 'invalid-request'): HttpError {
  return new HttpError(400, code, `"${field}" ${problem}`, {}, field);
}

const EVIDENCE_FIELDS = ['type', 'id', 'name', 'narrative', 'description', 'genre', 'audience'] as const;
const MAX_EVIDENCE = 20;

function text(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw invalidField(field, 'must be a non-empty string.');
  if (value.length > max) throw invalidField(field, `is too long (at most ${max} characters).`);
  return value;
}

function httpUrl(value: unknown, field: string): string | undefined {
  const raw = text(value, field, 2000);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidField(field, 'must be a web address (https://…).');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalidField(field, 'must be a web address (https://…).');
  return url.href;
}

function readEvidence(value: unknown, prefix: string): Evidence[] | undefined {
  const field = `${prefix}evidence`;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length > MAX_EVIDENCE) throw invalidField(field, `must be a list of at most ${MAX_EVIDENCE} evidence objects.`);
  return value.map((item, index) => {
    const at = `${field}[${index}]`;
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw invalidField(at, 'must be an object such as {"id": "https://…", "name": "…"}.');
    const record = item as Record<string, unknown>;
    refuseUnknownFields(record, EVIDENCE_FIELDS, `${at}.`);
    const type = record.type;
    if (type !== undefined && type !== 'Evidence' && !(Array.isArray(type) && type.includes('Evidence') && type.every((t) => typeof t === 'string'))) {
      throw invalidField(`${at}.type`, 'must be "Evidence" (or a list that includes it).');
    }
    const evidence: Evidence = { type: Array.isArray(type) ? (type as string[]) : ['Evidence'] };
    const id = httpUrl(record.id, `${at}.id`);
    if (id) evidence.id = id;
    for (const name of ['name', 'narrative', 'description', 'genre', 'audience'] as const) {
      const v = text(record[name], `${at}.${name}`, name === 'narrative' || name === 'description' ? 10_000 : 500);
      if (v !== undefined) evidence[name] = v;
    }
    if (!evidence.id && !evidence.narrative && !evidence.name) throw invalidField(at, 'needs at least an "id" (a link to the work), a "name" or a "narrative".');
    return evidence;
  });
}

/**
 * Read `evidence` and `narrative` from `body`, the learner's `name` from `recipient` and, when
 * `allowValidUntil`, `validUntil` (a date-time in the future) — each optional, each refused with
 * a 400 naming the field when malformed.
 *
 * @example
 * ```ts
 * const extras = readAwardExtras(row, row, { prefix: 'recipients[0].', now: new Date(), allowValidUntil: true });
 * ```
 */
export function readAwardExtras(
  body: Record<string, unknown>,
  recipient: Record<string, unknown>,
  options: { prefix?: string; recipientPrefix?: string; now: Date; allowValidUntil?: boolean },
): AwardExtras {
  const prefix = options.prefix ?? '';
  const extras: AwardExtras = {};
  const evidence = readEvidence(body.evidence, prefix);
  if (evidence) extras.evidence = evidence;
  const narrative = text(body.narrative, `${prefix}narrative`, 10_000);
  if (narrative) extras.narrative = narrative;
  const name = text(recipient.name, `${options.recipientPrefix ?? prefix}name`, 200);
  if (name) extras.recipientName = name.trim();
  if (options.allowValidUntil && body.validUntil !== undefined && body.validUntil !== null) {
    const field = `${prefix}validUntil`;
    const value = body.validUntil;
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
      throw invalidField(field, 'must be an ISO 8601 date-time, e.g. 2027-12-31T23:59:59Z.');
    }
    if (Date.parse(value) <= options.now.getTime()) throw invalidField(field, 'is in the past: the badge would be expired on arrival.');
    extras.validUntil = new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return extras;
}
