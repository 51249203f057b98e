/**
 * Earned records, checked and indexed by achievement once per evaluation. Internal.
 */
import { ColError } from '../errors.js';
import { isRecord, owned } from '../internal/guards.js';
import type { ProgressWarning } from './types.js';
import { StringIndex } from './string-index.js';
import { Use, type Scratch } from './scratch.js';

/** Flags of a held record (see {@link HeldRecords.flags}). @internal */
export const PENDING = 1;
/** @internal */
export const HAS_EVIDENCE = 2;
/** @internal */
export const REVIEWED = 4;

/**
 * The usable, non-revoked records, as columns (no object per record: they live for the whole
 * evaluation, and tens of thousands of them made the garbage collector copy them about), with
 * each achievement's records chained in the order given: `first(achievement)` is the first
 * one's position, `next[position]` the one after (-1: none).
 *
 * @internal
 * @example
 * ```ts
 * for (let at = held.first('urn:a'); at >= 0; at = held.next[at]!) if (held.issued[at]! <= asOf) count++;
 * ```
 */
export class HeldRecords {
  readonly issued: Float64Array;
  /** `Infinity` when it never expires. */
  readonly validUntil: Float64Array;
  /** {@link PENDING}, {@link HAS_EVIDENCE} and {@link REVIEWED}. */
  readonly flags: Uint8Array;
  readonly next: Int32Array;
  /** Per achievement number: where its first record is. */
  readonly heads: Int32Array;
  /** Per achievement number: where its last record is (while indexing). */
  readonly lasts: Int32Array;
  count = 0;
  /** Each achievement's number, by which `heads` holds its first record. */
  private numbers: Pick<Map<string, number>, 'get'> = EMPTY;

  /** With `scratch`, the columns are in its buffer for records (see scratch.ts). */
  constructor(capacity: number, scratch?: Scratch) {
    // One buffer for every column: one allocation (and one backing store for the garbage
    // collector to track) instead of six. The 8-byte columns come first, so each is aligned.
    // Every column is written before it is read, so a borrowed buffer need not be cleared.
    const buffer = scratch ? scratch.buffer(Use.Records, capacity * 29, false) : new ArrayBuffer(capacity * 29);
    this.issued = new Float64Array(buffer, 0, capacity);
    this.validUntil = new Float64Array(buffer, capacity * 8, capacity);
    this.next = new Int32Array(buffer, capacity * 16, capacity);
    this.heads = new Int32Array(buffer, capacity * 20, capacity);
    this.lasts = new Int32Array(buffer, capacity * 24, capacity);
    this.flags = new Uint8Array(buffer, capacity * 28, capacity);
  }

  /** Where the first record of `achievement` is, or -1 when it has none. */
  first(achievement: string): number {
    const number = this.numbers.get(achievement);
    return number === undefined ? -1 : this.heads[number]!;
  }

  /** @internal Called once, when the records are indexed. */
  index(numbers: Pick<Map<string, number>, 'get'>): void {
    this.numbers = numbers;
  }
}

const EMPTY: Pick<Map<string, number>, 'get'> = new Map();

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
 * Index records by achievement, dropping revoked ones (step 1) and ignoring malformed ones (each
 * kind counted in a warning, nothing personal kept). Achievements are numbered by a
 * {@link StringIndex} (cheaper than a Map per record); should it be overloaded by crafted
 * collisions, the achievements numbered so far move to a Map, which takes the rest. (`numbers`
 * is for tests, to craft such collisions.)
 *
 * @internal
 * @example
 * ```ts
 * indexRecords(records, warnings).first('urn:a'); // where the first usable record for urn:a is
 * ```
 */
export function indexRecords(records: unknown, warnings: ProgressWarning[], numbers = new StringIndex(), scratch?: Scratch): HeldRecords {
  if (!Array.isArray(records)) throw new ColError('records-invalid', 'The earned records must be a list.');
  const held = new HeldRecords(records.length, scratch);
  const { issued: issuedAt, validUntil: validUntilAt, flags, next, heads, lasts } = held;
  // As many achievements as records at most: numbered without the index ever growing.
  numbers.reserve(records.length, scratch, Use.AchievementIds);
  let achievements = 0;
  let map: Map<string, number> | undefined;
  let malformed = 0;
  for (let k = 0; k < records.length; k++) {
    const record: unknown = records[k];
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
    const at = held.count++;
    issuedAt[at] = issued;
    validUntilAt[at] = validUntil;
    flags[at] = (status === 'pending' ? PENDING : 0) |
      (hasEvidence(owned(record, record.evidence, 'evidence')) ? HAS_EVIDENCE : 0) |
      (owned(record, record.reviewed, 'reviewed') === true ? REVIEWED : 0);
    next[at] = -1;
    let number = -1;
    if (map === undefined) {
      number = numbers.add(achievement);
      // Overloaded: the achievements numbered so far move to a Map, which takes the rest.
      if (numbers.overloaded) map = new Map(numbers.list().toArray().map((name, n) => [name, n]));
    }
    if (map !== undefined) {
      const known = map.get(achievement);
      if (known === undefined) map.set(achievement, (number = map.size));
      else number = known;
    }
    if (number === achievements) {
      achievements++;
      heads[number] = at;
      lasts[number] = at;
    } else {
      // Kept in the order given (ties between equal dates go to the earlier record).
      next[lasts[number]!] = at;
      lasts[number] = at;
    }
  }
  held.index(map ?? numbers);
  if (malformed > 0) {
    warnings.push({
      code: 'records-ignored',
      message: `${malformed} ${malformed === 1 ? 'record was' : 'records were'} ignored because ${malformed === 1 ? 'it lacks' : 'they lack'} a valid achievement, issue date or status.`,
    });
  }
  return held;
}
