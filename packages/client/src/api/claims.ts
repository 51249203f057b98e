import type { RequestOptions, Transport } from '../http/transport.js';
import { newIdempotencyKey } from './keys.js';
import * as S from './schemas.js';
import type { Award, Recipient } from './types.js';
import type { EvidenceInput } from './awards.js';

/**
 * A claim: the badge, the learner, and proof they earned it — a claim code, or a claim ticket
 * signed by the provider's backend (see `createClaimTicket`). With neither, it is a **direct
 * award**: only a client created with the admin key or the issuer's provider key may make one
 * (an LMS or CRM integration, server side).
 *
 * @example
 * ```ts
 * const byCode: ClaimInput = { achievement: 'code-club-1', code: 'K7QM-W3RT-9XHP', recipient: { email } };
 * const byTicket: ClaimInput = { achievement: 'code-club-1', ticket, recipient: { email } };
 * const direct: ClaimInput = { achievement: 'code-club-1', recipient: { email } }; // with apiKey, server side
 * ```
 */
export type ClaimInput = (
  | { achievement: string; code: string; ticket?: never; recipient: Recipient }
  | { achievement: string; ticket: string; code?: never; recipient: Recipient }
  | { achievement: string; code?: never; ticket?: never; recipient: Recipient }
) & {
  /**
   * What the learner did, in words (OB 3.0 `credentialSubject.narrative`). Direct awards only
   * (a client with the issuer's API key): the issuer signs it, so a learner's claim may not set it.
   */
  narrative?: string;
  /** Links to (or words about) the learner's work (OB 3.0 `evidence`). Direct awards only, as `narrative`. */
  evidence?: EvidenceInput[];
};

/**
 * Options for `claims.create`.
 *
 * @example
 * ```ts
 * const pending = { idempotencyKey: newIdempotencyKey() }; // persist with the form, reuse after a reload
 * await col.claims.create(claim, pending);
 * ```
 */
export interface ClaimOptions extends RequestOptions {
  /**
   * The key that makes this claim safe to repeat. Generated once per call when absent and reused
   * for every retry of that call (the client retries timeouts and dropped connections itself);
   * pass your own to make retries across calls (or page reloads) safe too. When the retries run
   * out, the thrown error's `idempotencyKey` is the key to call again with: within 24 hours the
   * server answers with the credential it issued, never a second one.
   */
  idempotencyKey?: string;
}

/**
 * Claims: redeem a code or ticket for a signed credential (or, with a key, award directly). Safe to retry: every claim carries an
 * `Idempotency-Key`, so a retry after a dropped connection returns the first credential instead
 * of issuing a second.
 *
 * @example
 * ```ts
 * const award = await col.claims.create({ achievement: 'code-club-1', code, recipient: { email } });
 * console.log(award.links.png);
 * ```
 */
export interface ClaimsResource {
  create(input: ClaimInput, options?: ClaimOptions): Promise<Award>;
}

/** @internal */
export function claimsResource(http: Transport): ClaimsResource {
  return {
    async create(input, options = {}) {
      const { idempotencyKey = newIdempotencyKey(), ...requestOptions } = options;
      const { data } = await http.request({
        method: 'POST', path: 'api/v1/claims', json: input, idempotencyKey, expect: 'json', schema: S.award, ...requestOptions,
      });
      return data as unknown as Award;
    },
  };
}
