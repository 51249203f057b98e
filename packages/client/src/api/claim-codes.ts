import type { RequestOptions, Transport } from '../http/transport.js';
import { keyOf } from './keys.js';
import * as S from './schemas.js';

/**
 * Options for `claimCodes.create`.
 *
 * @example
 * ```ts
 * const options: ClaimCodeOptions = { count: 30, uses: 1, expiresAt: '2026-12-31T23:59:59Z' };
 * ```
 */
export interface ClaimCodeOptions extends RequestOptions {
  /** How many codes (1–1000, default 1). */
  count?: number;
  /** Redemptions each code allows (default 1). */
  uses?: number;
  /** When the codes stop working (ISO 8601 or a Date). */
  expiresAt?: string | Date;
}

/**
 * Fresh claim codes, to hand out (printed, emailed, shown at the end of a session).
 *
 * @example
 * ```ts
 * const { codes } = await col.claimCodes.create('code-club-1', { count: 3 });
 * ```
 */
export interface ClaimCodes {
  codes: string[];
  uses?: number;
  expiresAt?: string | null;
}

/**
 * Claim codes for an achievement (admin key, or the owning provider's key).
 *
 * @example
 * ```ts
 * const { codes } = await col.claimCodes.create('code-club-1', { count: 20, uses: 1 });
 * ```
 */
export interface ClaimCodesResource {
  create(achievement: string, options?: ClaimCodeOptions): Promise<ClaimCodes>;
}

/** @internal */
export function claimCodesResource(http: Transport): ClaimCodesResource {
  return {
    async create(achievement, options = {}) {
      const { signal, timeoutMs, timeout, expiresAt, ...rest } = options;
      const body = { ...rest, ...(expiresAt !== undefined ? { expiresAt: expiresAt instanceof Date ? expiresAt.toISOString() : expiresAt } : {}) };
      const { data } = await http.request({
        method: 'POST', path: `api/v1/achievements/${keyOf(achievement)}/claim-codes`, json: body, expect: 'json', schema: S.claimCodes, signal, timeoutMs: timeoutMs ?? timeout,
      });
      return data;
    },
  };
}
