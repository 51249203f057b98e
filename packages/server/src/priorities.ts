// A place's learning priorities: what the API accepts and returns, and how a priority's
// alignments pick out the achievements that count towards it (no second tagging: achievements
// already carry framework alignments).
import { HttpError } from './errors.js';
import { refuseUnknownFields } from './award-fields.js';
import { checkKey, slugify } from './http.js';
import type { PriorityRow, PriorityValues } from './store/priorities.js';

/**
 * One framework target a priority is about.
 *
 * @example
 * ```ts
 * const a: PriorityAlignment = { targetName: 'Communicating', targetCode: 'EDS-COMMUNICATING' };
 * ```
 */
export interface PriorityAlignment {
  targetName: string;
  targetUrl?: string;
  targetCode?: string;
  targetFramework?: string;
}

/**
 * What a priority's target counts.
 *
 * @example
 * ```ts
 * const m: TargetMeasure = 'pathwayCompletions';
 * ```
 */
export type TargetMeasure = 'credentials' | 'pathwayCompletions';

/**
 * A place's learning priority as the API shows it.
 *
 * @example
 * ```ts
 * const p: Priority = { key: 'digital', name: 'Digital Foundations', alignments: [{ targetName: 'Foundation skills', targetCode: 'EDS-FOUNDATION' }], target: { value: 500, measure: 'credentials', by: '2027-07-31' } };
 * ```
 */
export interface Priority {
  key: string;
  name: string;
  description?: string;
  alignments: PriorityAlignment[];
  area?: string;
  target?: { value: number; measure: TargetMeasure; by: string };
}

/**
 * The target measures a priority may name.
 *
 * @example
 * ```ts
 * TARGET_MEASURES.includes('credentials'); // true
 * ```
 */
export const TARGET_MEASURES: readonly TargetMeasure[] = ['credentials', 'pathwayCompletions'];

const FIELDS = ['key', 'name', 'description', 'alignments', 'area', 'target'];
const ALIGNMENT_FIELDS = ['targetName', 'targetUrl', 'targetCode', 'targetFramework'];
const TARGET_FIELDS = ['value', 'measure', 'by'];
const MAX_ALIGNMENTS = 50;

/**
 * ONS-style area codes: a letter and eight digits (`E08000026`).
 *
 * @example
 * ```ts
 * AREA_CODE.test('E06000023'); // true
 * ```
 */
export const AREA_CODE = /^[A-Z]\d{8}$/;

const invalid = (field: string, problem: string) => new HttpError(400, 'invalid-request', `"${field}" ${problem}`, {}, field);

function text(value: unknown, field: string, max: number, required: boolean): string | undefined {
  if (value === undefined || value === null) {
    if (required) throw invalid(field, 'is required.');
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') throw invalid(field, 'must be a non-empty string.');
  if (value.length > max) throw invalid(field, `is too long (at most ${max} characters).`);
  return value;
}

function webAddress(value: unknown, field: string): string | undefined {
  const raw = text(value, field, 2000, false);
  if (raw === undefined) return undefined;
  const parsed = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) throw invalid(field, 'must be a web address (https://…).');
  return parsed.href;
}

function readAlignments(value: unknown): PriorityAlignment[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_ALIGNMENTS) {
    throw invalid('alignments', `must be a list of 1 to ${MAX_ALIGNMENTS} framework alignments.`);
  }
  return value.map((item, i) => {
    const at = `alignments[${i}]`;
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw invalid(at, 'must be an object.');
    const a = item as Record<string, unknown>;
    refuseUnknownFields(a, ALIGNMENT_FIELDS, `${at}.`);
    const targetName = text(a.targetName, `${at}.targetName`, 300, true)!;
    const targetUrl = webAddress(a.targetUrl, `${at}.targetUrl`);
    const targetCode = text(a.targetCode, `${at}.targetCode`, 100, false);
    const targetFramework = text(a.targetFramework, `${at}.targetFramework`, 300, false);
    // Without either, nothing could ever match it.
    if (!targetUrl && !targetCode) throw invalid(at, 'needs a "targetUrl" or a "targetCode" to match achievements by.');
    return { targetName, ...(targetUrl ? { targetUrl } : {}), ...(targetCode ? { targetCode } : {}), ...(targetFramework ? { targetFramework } : {}) };
  });
}

function readTarget(value: unknown): Priority['target'] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid('target', 'must be {"value", "measure", "by"}.');
  const t = value as Record<string, unknown>;
  refuseUnknownFields(t, TARGET_FIELDS, 'target.');
  if (typeof t.value !== 'number' || !Number.isInteger(t.value) || t.value < 1 || t.value > 1_000_000_000) throw invalid('target.value', 'must be a whole number from 1 to 1000000000.');
  if (!TARGET_MEASURES.includes(t.measure as TargetMeasure)) throw invalid('target.measure', `must be one of ${TARGET_MEASURES.join(', ')}.`);
  const by = text(t.by, 'target.by', 10, true)!;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(by) || new Date(`${by}T00:00:00Z`).toISOString().slice(0, 10) !== by) throw invalid('target.by', 'must be a date, YYYY-MM-DD.');
  return { value: t.value, measure: t.measure as TargetMeasure, by };
}

/**
 * Validate a new priority (POST body), or throw a 400 naming the field at fault. The key
 * defaults to a slug of the name.
 *
 * @example
 * ```ts
 * const values = readNewPriority({ name: 'Digital Foundations', alignments: [{ targetName: 'Foundation skills', targetCode: 'EDS-FOUNDATION' }] });
 * ```
 */
export function readNewPriority(body: Record<string, unknown>): PriorityValues {
  refuseUnknownFields(body, FIELDS);
  const name = text(body.name, 'name', 200, true)!;
  const key = checkKey(body.key, 'key') ?? slugify(name);
  return toValues(key, {
    name,
    description: text(body.description, 'description', 2000, false),
    alignments: readAlignments(body.alignments),
    area: readArea(body.area),
    target: body.target === undefined || body.target === null ? undefined : readTarget(body.target),
  });
}

/**
 * Apply a PATCH body to a stored priority: fields sent replace; `null` clears an optional one
 * (`description`, `area`, `target`); the key cannot change.
 *
 * @example
 * ```ts
 * const values = patchPriority(row, { target: { value: 600, measure: 'credentials', by: '2027-07-31' } });
 * ```
 */
export function patchPriority(row: PriorityRow, body: Record<string, unknown>): PriorityValues {
  refuseUnknownFields(body, FIELDS);
  if (body.key !== undefined && body.key !== row.key) throw invalid('key', 'cannot change: create a new priority instead.');
  const current = presentPriority(row);
  const has = (name: string) => Object.prototype.hasOwnProperty.call(body, name);
  return toValues(row.key, {
    name: has('name') ? text(body.name, 'name', 200, true)! : current.name,
    description: has('description') ? text(body.description, 'description', 2000, false) : current.description,
    alignments: has('alignments') ? readAlignments(body.alignments) : current.alignments,
    area: has('area') ? readArea(body.area) : current.area,
    target: has('target') ? (body.target === null ? undefined : readTarget(body.target)) : current.target,
  });
}

function readArea(value: unknown): string | undefined {
  const area = text(value, 'area', 20, false);
  if (area !== undefined && !AREA_CODE.test(area)) throw invalid('area', 'must be an ONS area code such as E08000026.');
  return area;
}

function toValues(key: string, p: Omit<Priority, 'key'> & { description?: string | undefined; area?: string | undefined; target?: Priority['target'] | undefined }): PriorityValues {
  return {
    key,
    name: p.name,
    description: p.description ?? null,
    alignments: JSON.stringify(p.alignments),
    area_code: p.area ?? null,
    target_value: p.target?.value ?? null,
    target_measure: p.target?.measure ?? null,
    target_by: p.target?.by ?? null,
  };
}

/**
 * A stored priority as the API shows it.
 *
 * @example
 * ```ts
 * const p = presentPriority((await findPriority(ctx.sql, 'digital'))!);
 * ```
 */
export function presentPriority(row: PriorityRow): Priority {
  return {
    key: row.key,
    name: row.name,
    ...(row.description ? { description: row.description } : {}),
    alignments: JSON.parse(row.alignments) as PriorityAlignment[],
    ...(row.area_code ? { area: row.area_code } : {}),
    ...(row.target_value !== null && row.target_measure && row.target_by ? { target: { value: row.target_value, measure: row.target_measure as TargetMeasure, by: row.target_by } } : {}),
  };
}

/**
 * Whether an achievement's (or pathway's) alignment counts towards a priority's alignment. The
 * most specific thing the priority names decides: a `targetCode` must be equal (and the
 * framework, when both name one; and the `targetUrl`, when the priority gives both — framework
 * documents such as the Essential Digital Skills framework share one URL across all their
 * skills); a priority alignment with only a `targetUrl` matches that URL.
 *
 * @example
 * ```ts
 * alignmentMatches({ targetName: 'Communicating', targetCode: 'EDS-COMMUNICATING' }, { targetName: 'Communicating', targetUrl: 'https://www.gov.uk/…', targetCode: 'EDS-COMMUNICATING' }); // true
 * ```
 */
export function alignmentMatches(wanted: PriorityAlignment, actual: { targetUrl?: string | undefined; targetCode?: string | undefined; targetFramework?: string | undefined }): boolean {
  if (wanted.targetCode !== undefined) {
    if (actual.targetCode !== wanted.targetCode) return false;
    if (wanted.targetFramework !== undefined && actual.targetFramework !== undefined && wanted.targetFramework !== actual.targetFramework) return false;
    return wanted.targetUrl === undefined || sameUrl(wanted.targetUrl, actual.targetUrl);
  }
  return wanted.targetUrl !== undefined && sameUrl(wanted.targetUrl, actual.targetUrl);
}

function sameUrl(a: string, b: string | undefined): boolean {
  if (b === undefined) return false;
  const norm = (u: string) => (URL.canParse(u) ? new URL(u).href.replace(/\/$/, '') : u);
  return norm(a) === norm(b);
}
