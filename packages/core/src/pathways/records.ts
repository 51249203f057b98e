/**
 * Earned records, checked and indexed by achievement once per evaluation. Internal.
 */
import { ColError } from '../errors.js';
import { isRecord, own } from '../internal/guards.js';
import type { ProgressWarning } from './types.js';

/**
 * A usable, non-revoked record with its dates as milliseconds.
 *
 * @internal
 * @example
 * ```ts
 * const held: HeldRecord = { issued: 0, validUntil: Infinity, pending: false, hasEvidence: false, reviewed: false };
 * ```
 */
export interface HeldRecord {
  issued: number;
  /** `Infinity` when it never expires. */
  validUntil: number;
  pending: boolean;
  hasEvidence: boolean;
  reviewed: boolean;
}

/**
 * Milliseconds since the epoch of an ISO 8601 date (or a `Date`), or `NaN`.
 *
 * @internal
 * @example
 * ```ts
 * parseInstant('1970-01-01T00:00:01Z'); // 1000
 * ```
 */
export function parseInstant(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  return typeof value === 'string' && value.length <= 64 ? Date.parse(value) : Number.NaN;
}

function hasEvidence(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '') return false;
  return !Array.isArray(value) || value.length > 0;
}

/**
 * Index records by achievement, dropping revoked ones (step 1) and ignoring malformed ones (each
 * kind counted in a warning, nothing personal kept).
 *
 * @internal
 * @example
 * ```ts
 * indexRecords(records, warnings).get('urn:a'); // the usable records for urn:a
 * ```
 */
export function indexRecords(records: unknown, warnings: ProgressWarning[]): Map<string, HeldRecord[]> {
  if (!Array.isArray(records)) throw new ColError('records-invalid', 'The earned records must be a list.');
  const index = new Map<string, HeldRecord[]>();
  let malformed = 0;
  for (const record of records) {
    if (!isRecord(record)) {
      malformed++;
      continue;
    }
    const achievement = own(record, 'achievement');
    const status = own(record, 'status');
    const issued = parseInstant(own(record, 'issuedOn'));
    const rawValidUntil = own(record, 'validUntil');
    const validUntil = rawValidUntil === undefined || rawValidUntil === null ? Infinity : parseInstant(rawValidUntil);
    if (
      typeof achievement !== 'string' || achievement.length === 0 ||
      (status !== 'claimed' && status !== 'pending' && status !== 'revoked') ||
      Number.isNaN(issued) || Number.isNaN(validUntil)
    ) {
      malformed++;
      continue;
    }
    if (status === 'revoked') continue;
    const held: HeldRecord = {
      issued,
      validUntil,
      pending: status === 'pending',
      hasEvidence: hasEvidence(own(record, 'evidence')),
      reviewed: own(record, 'reviewed') === true,
    };
    const list = index.get(achievement);
    if (list) list.push(held);
    else index.set(achievement, [held]);
  }
  if (malformed > 0) {
    warnings.push({
      code: 'records-ignored',
      message: `${malformed} ${malformed === 1 ? 'record was' : 'records were'} ignored because ${malformed === 1 ? 'it lacks' : 'they lack'} a valid achievement, issue date or status.`,
    });
  }
  return index;
}
