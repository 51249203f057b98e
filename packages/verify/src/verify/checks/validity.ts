import { makeCheck, type Check } from '../report.js';

/**
 * The dates a badge is valid between (any may be absent).
 *
 * @example
 * ```ts
 * const dates: ValidityDates = { from: credential.validFrom, until: credential.validUntil };
 * ```
 */
export interface ValidityDates {
  /** When it was issued / becomes valid (`validFrom`, `issuanceDate`, `issuedOn`). */
  from?: unknown;
  /** When it stops being valid (`validUntil`, `expirationDate`, `expires`). */
  until?: unknown;
}

/**
 * Parse an ISO 8601 date-time; `undefined` when absent, `null` when present but unreadable.
 *
 * @example
 * ```ts
 * parseDate('2026-01-01T00:00:00Z')?.toISOString();
 * ```
 */
export function parseDate(value: unknown): Date | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * The `validity` check: not before the start date, not after the end date.
 *
 * @example
 * ```ts
 * checkValidity({ from: '2010-01-01T00:00:00Z', until: '2011-01-01T00:00:00Z' }, new Date()); // failed, expired
 * ```
 */
export function checkValidity(dates: ValidityDates, now: Date): Check {
  const from = parseDate(dates.from);
  const until = parseDate(dates.until);
  if (from === null || until === null) return makeCheck('validity', 'failed', 'date-invalid');
  if (from && until && until.getTime() < from.getTime()) return makeCheck('validity', 'failed', 'expires-before-issued');
  if (from && from.getTime() > now.getTime()) {
    return makeCheck('validity', 'failed', 'not-yet-valid', { date: day(from) });
  }
  if (until && until.getTime() <= now.getTime()) {
    return makeCheck('validity', 'failed', 'expired', { date: day(until) });
  }
  return until
    ? makeCheck('validity', 'passed', 'dates-valid', { date: day(until) }, 'validity.until')
    : makeCheck('validity', 'passed', 'dates-valid', undefined, 'validity.no-expiry');
}

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}
