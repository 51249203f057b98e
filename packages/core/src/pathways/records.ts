/**
 * Earned records, checked and indexed by achievement once per evaluation. Internal.
 */
import { ColError } from '../errors.js';
import { isRecord, owned } from '../internal/guards.js';
import type { ProgressWarning } from './types.js';
import { StringIndex } from './string-index.js';

/**
 * A usable, non-revoked record with its dates as milliseconds.
 *
 * @internal
 * @example
 * ```ts
 * for (let held = index.get('urn:a'); held !== undefined; held = held.next) if (held.issued <= asOf) count++;
 * ```
 */
export interface HeldRecord {
  /** The next usable record of the same achievement (most achievements have one: no list each). */
  next: HeldRecord | undefined;
  /** On the first record of an achievement, its last one (appending stays constant-time). */
  last: HeldRecord;
  issued: number;
  /** `Infinity` when it never expires. */
  validUntil: number;
  pending: boolean;
  hasEvidence: boolean;
  reviewed: boolean;
}

// A class rather than an object literal: its instances share one stable shape from the start
// (a literal that is later given an object where it had `undefined` is not), which keeps making
// one per record cheap. Measured: a fifth of evaluating a compiled pathway went to the literal.
class Held implements HeldRecord {
  next: HeldRecord | undefined = undefined;
  last: HeldRecord;
  constructor(
    readonly issued: number,
    readonly validUntil: number,
    readonly pending: boolean,
    readonly hasEvidence: boolean,
    readonly reviewed: boolean,
  ) {
    this.last = this;
  }
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
  if (typeof value !== 'string' || value.length > 64) return Number.NaN;
  const fast = parseUtcTimestamp(value);
  return Number.isNaN(fast) ? Date.parse(value) : fast;
}

const ZERO = 48;

/** The number written by the two decimal digits at `at`, or -1 when they are not both digits. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - ZERO;
  const ones = text.charCodeAt(at + 1) - ZERO;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

/**
 * The common shape of a record's dates — `YYYY-MM-DDTHH:MM:SSZ` or `…:SS.sssZ`, as
 * `toISOString()` writes them — read directly; `NaN` for anything else, which `Date.parse`
 * then reads. `Date.parse` costs about half a microsecond a call, as much as parsing the whole
 * record from JSON, and a learner's records are mostly in this shape. Only dates that every
 * engine's `Date.parse` reads the same way take this path (years 1000–9999, real calendar days,
 * no leap seconds), so the result never differs from `Date.parse`'s.
 */
function parseUtcTimestamp(text: string): number {
  const length = text.length;
  if (length !== 20 && length !== 24) return Number.NaN;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 ||
      text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(length - 1) !== 90) return Number.NaN;
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (century < 10 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 ||
      minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  const year = century * 100 + yearOfCentury;
  if (day > daysInMonth(year, month)) return Number.NaN;
  let ms = 0;
  if (length === 24) {
    const hundreds = text.charCodeAt(20) - ZERO;
    const rest = twoDigits(text, 21);
    if (text.charCodeAt(19) !== 46 || hundreds < 0 || hundreds > 9 || rest < 0) return Number.NaN;
    ms = hundreds * 100 + rest;
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

function hasEvidence(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '') return false;
  return !Array.isArray(value) || value.length > 0;
}

/**
 * The usable records of each achievement: `get` answers the first, the rest follow by `next`.
 *
 * @internal
 * @example
 * ```ts
 * for (let held = index.get('urn:a'); held !== undefined; held = held.next) count++;
 * ```
 */
export interface RecordIndex {
  get(achievement: string): HeldRecord | undefined;
}

/** Achievements numbered by a {@link StringIndex}, with each one's first record by number. */
class NumberedRecords implements RecordIndex {
  constructor(
    private readonly numbers: StringIndex,
    private readonly heads: readonly HeldRecord[],
  ) {}

  get(achievement: string): HeldRecord | undefined {
    const number = this.numbers.get(achievement);
    return number === undefined ? undefined : this.heads[number];
  }
}

/**
 * Index records by achievement, dropping revoked ones (step 1) and ignoring malformed ones (each
 * kind counted in a warning, nothing personal kept). Achievements are numbered by a
 * {@link StringIndex} (cheaper than a Map per record); should it be overloaded by crafted
 * collisions, the records indexed so far move to a Map, which takes the rest. (`numbers` is
 * for tests, to craft such collisions.)
 *
 * @internal
 * @example
 * ```ts
 * indexRecords(records, warnings).get('urn:a'); // the first usable record for urn:a
 * ```
 */
export function indexRecords(records: unknown, warnings: ProgressWarning[], numbers = new StringIndex()): RecordIndex {
  if (!Array.isArray(records)) throw new ColError('records-invalid', 'The earned records must be a list.');
  const heads: HeldRecord[] = [];
  const names: string[] = [];
  let map: Map<string, HeldRecord> | undefined;
  let malformed = 0;
  for (const record of records) {
    if (!isRecord(record)) {
      malformed++;
      continue;
    }
    const achievement = owned(record, record.achievement, 'achievement');
    const status = owned(record, record.status, 'status');
    const issued = parseInstant(owned(record, record.issuedOn, 'issuedOn'));
    const rawValidUntil = owned(record, record.validUntil, 'validUntil');
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
    const held = new Held(
      issued,
      validUntil,
      status === 'pending',
      hasEvidence(owned(record, record.evidence, 'evidence')),
      owned(record, record.reviewed, 'reviewed') === true,
    );
    let first: HeldRecord | undefined;
    if (map === undefined) {
      const number = numbers.add(achievement);
      if (numbers.overloaded) map = new Map(names.map((name, k) => [name, heads[k]!]));
      else {
        first = heads[number];
        if (first === undefined) {
          heads.push(held);
          names.push(achievement);
        }
      }
    }
    if (map !== undefined) {
      first = map.get(achievement);
      if (first === undefined) map.set(achievement, held);
    }
    if (first !== undefined) {
      // Kept in the order given (ties between equal dates go to the earlier record).
      first.last.next = held;
      first.last = held;
    }
  }
  if (malformed > 0) {
    warnings.push({
      code: 'records-ignored',
      message: `${malformed} ${malformed === 1 ? 'record was' : 'records were'} ignored because ${malformed === 1 ? 'it lacks' : 'they lack'} a valid achievement, issue date or status.`,
    });
  }
  return map ?? new NumberedRecords(numbers, heads);
}
