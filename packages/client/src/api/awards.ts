import type { OpenBadgeCredential } from '@citiesoflearning/core';
import { ApiError } from '../errors/api-error.js';
import type { RequestOptions, Transport } from '../http/transport.js';
import { newIdempotencyKey } from './keys.js';
import * as S from './schemas.js';
import type { AwardLinks } from './types.js';

/**
 * One piece of Open Badges 3.0 evidence: a link to the learner's work, and/or words about it.
 *
 * @example
 * ```ts
 * const e: EvidenceInput = { id: 'https://lms.example.org/submissions/42', name: 'Final project' };
 * ```
 */
export interface EvidenceInput {
  /** A link to the work (https). */
  id?: string;
  name?: string;
  narrative?: string;
  description?: string;
  genre?: string;
  audience?: string;
}

/**
 * One row of a bulk award: who, and optionally what to say about it.
 *
 * @example
 * ```ts
 * const row: AwardRecipient = { email: 'ada@example.org', name: 'Ada Lovelace', externalId: 'enrolment-1842' };
 * ```
 */
export interface AwardRecipient {
  email: string;
  /** The learner's name, shown on the badge (it is stored in the credential in clear). */
  name?: string;
  /**
   * Your id for this award (an enrolment or CRM row id). Makes the row idempotent for good, per
   * issuer and achievement: sending it again reports `duplicate` with the original credential.
   */
  externalId?: string;
  /** What the learner did, in words (OB 3.0 `narrative`). */
  narrative?: string;
  evidence?: EvidenceInput[];
  /** When the badge expires (ISO 8601), instead of the achievement's default. */
  validUntil?: string;
}

/**
 * What `awards.create` sends: one badge, many learners.
 *
 * @example
 * ```ts
 * const input: AwardsInput = { achievement: 'code-club-1', recipients: [{ email: 'ada@example.org', externalId: 'e-1' }] };
 * ```
 */
export interface AwardsInput {
  /** Achievement key or id URL. */
  achievement: string;
  recipients: readonly AwardRecipient[];
}

/**
 * The outcome of one row, in the order the rows were given.
 *
 * - `issued`: a new credential (`credential`, `links`).
 * - `duplicate`: its `externalId` was awarded before; `credential` and `links` are the original.
 * - `invalid`: the row was refused (`error.field` names the field, e.g. `recipients[3].email`).
 * - `failed`: the server or the connection failed for this row; nothing was issued for it, or
 *   (with an `externalId`) sending it again is safe.
 *
 * @example
 * ```ts
 * const failedRows = results.filter((r: AwardRowResult) => r.status === 'invalid' || r.status === 'failed');
 * ```
 */
export interface AwardRowResult {
  status: 'issued' | 'duplicate' | 'invalid' | 'failed';
  /** The credential's id URL (issued and duplicate rows). */
  id?: string;
  externalId?: string;
  credential?: OpenBadgeCredential;
  links?: AwardLinks;
  error?: { code: string; message: string; field?: string };
}

/**
 * Counts of row outcomes.
 *
 * @example
 * ```ts
 * const { issued, duplicate, invalid, failed }: AwardsSummary = result.summary;
 * ```
 */
export interface AwardsSummary {
  issued: number;
  duplicate: number;
  invalid: number;
  failed: number;
}

/**
 * Progress of `awards.create`, reported after each request.
 *
 * @example
 * ```ts
 * const onProgress = (p: AwardsProgress) => console.log(`${p.done}/${p.total}`);
 * ```
 */
export interface AwardsProgress extends AwardsSummary {
  /** Rows answered so far. */
  done: number;
  total: number;
}

/**
 * Options for `awards.create`.
 *
 * @example
 * ```ts
 * const options: AwardsOptions = { batchSize: 200, onProgress: (p) => bar.update(p.done / p.total) };
 * ```
 */
export interface AwardsOptions extends RequestOptions {
  /**
   * Rows per request (1–1,000; default 100). Each request is signed row by row on the server, so
   * a smaller batch answers well within the client's `timeoutMs`.
   */
  batchSize?: number;
  /** Called after each request with the running totals. */
  onProgress?: (progress: AwardsProgress) => void;
  /**
   * The key of this whole call (1–180 visible ASCII characters; generated when absent). The
   * request starting at row `n` is sent with `Idempotency-Key: <key>:<n>` and retried with it.
   * When a call fails for good, its error's `idempotencyKey` is this key: call again with the
   * same input, `batchSize` and key (within 24 hours) and every request the server already
   * answered gets that answer back, so nothing is issued twice even without `externalId`s.
   */
  idempotencyKey?: string;
}

/**
 * What `awards.create` returns: every row's result, in order, and the totals.
 *
 * @example
 * ```ts
 * const { results, summary }: AwardsResult = await provider.awards.create(input);
 * ```
 */
export interface AwardsResult {
  results: AwardRowResult[];
  summary: AwardsSummary;
}

/**
 * Bulk awards for LMS and CRM syncs (admin or the issuer's provider key, SERVER SIDE ONLY).
 *
 * @example
 * ```ts
 * const provider = createClient({ baseUrl: 'https://badges.example.org', apiKey: process.env['COL_API_KEY'] ?? '' });
 * const { summary } = await provider.awards.create({
 *   achievement: 'code-club-1',
 *   recipients: [{ email: 'ada@example.org', externalId: 'enrolment-1842' }],
 * });
 * console.log(`${summary.issued} issued, ${summary.duplicate} already had it`);
 * ```
 */
export interface AwardsResource {
  /**
   * Award one badge to many learners. Splits the list into requests of `batchSize` rows, each
   * with its own `Idempotency-Key` (retried after timeouts and dropped connections with that
   * key, so a batch is never issued twice), and reports progress after each. Rows are checked
   * one by one: a bad row is reported as `invalid` and the others are still issued.
   *
   * Throws only when a whole request fails for good (e.g. a wrong key, or the server unreachable
   * after retries): the {@link ApiError} then carries the call's `idempotencyKey`,
   * `details.completed` (the results of the rows before the failed request) and
   * `details.failedAt` (the index of its first row). Calling again with the same input and
   * `{ idempotencyKey: error.idempotencyKey }` replays what the server already did and sends the
   * rest; rows with an `externalId` are safe to send again in any case.
   */
  create(input: AwardsInput, options?: AwardsOptions): Promise<AwardsResult>;
}

/** The server numbers rows within one request; the caller numbers them within the whole list. */
function renumber(error: NonNullable<AwardRowResult['error']>, offset: number): NonNullable<AwardRowResult['error']> {
  const shift = (text: string) => text.replace(/\brecipients\[(\d+)\]/g, (_, n: string) => `recipients[${Number(n) + offset}]`);
  return { ...error, message: shift(error.message), ...(error.field !== undefined ? { field: shift(error.field) } : {}) };
}

/** @internal */
export function awardsResource(http: Transport): AwardsResource {
  return {
    async create(input, options = {}) {
      const { batchSize = 100, onProgress, idempotencyKey: callKey = newIdempotencyKey(), ...requestOptions } = options;
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000) throw new TypeError('awards.create: batchSize must be a whole number from 1 to 1000.');
      // The server takes keys of up to 200 visible ASCII characters; ":<row>" needs up to 20 more.
      if (typeof callKey !== 'string' || !/^[\x21-\x7e]{1,180}$/.test(callKey)) throw new TypeError('awards.create: idempotencyKey must be 1–180 visible ASCII characters (a UUID is ideal).');
      const rows = input.recipients;
      const results: AwardRowResult[] = [];
      const summary: AwardsSummary = { issued: 0, duplicate: 0, invalid: 0, failed: 0 };
      for (let from = 0; from < rows.length; from += batchSize) {
        // One key per request, derived from the call's key and the request's first row: calling
        // again with the call's key sends each request with the key it had the first time.
        const idempotencyKey = `${callKey}:${from}`;
        let data: { results: unknown[] };
        try {
          ({ data } = await http.request({
            ...requestOptions, method: 'POST', path: 'api/v1/awards', json: { achievement: input.achievement, recipients: rows.slice(from, from + batchSize) },
            idempotencyKey, expect: 'json', schema: S.awardsResult,
          }));
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          throw new ApiError(error.code, error.message, {
            ...(error.status !== undefined ? { status: error.status } : {}),
            ...(error.serverCode !== undefined ? { serverCode: error.serverCode } : {}),
            ...(error.request ? { request: error.request } : {}),
            idempotencyKey: callKey, cause: error, details: { completed: results.slice(), failedAt: from },
          });
        }
        const batch = data.results as AwardRowResult[];
        const sent = Math.min(batchSize, rows.length - from);
        if (batch.length !== sent) {
          throw new ApiError('invalid-response', `The server answered ${batch.length} results for ${sent} rows.`, { idempotencyKey: callKey, details: { completed: results.slice(), failedAt: from } });
        }
        for (const row of batch) {
          if (row.error && from > 0) row.error = renumber(row.error, from);
          results.push(row);
          summary[row.status]++;
        }
        onProgress?.({ ...summary, done: results.length, total: rows.length });
      }
      return { results, summary };
    },
  };
}
