import type { OpenBadgeCredential } from '@citiesoflearning/core';
import type { RequestOptions, Transport } from '../http/transport.js';
import { paginate, type Paginated } from '../http/paginate.js';
import { keyOf } from './keys.js';
import * as S from './schemas.js';
import type { AwardLinks, CredentialStatus } from './types.js';

/**
 * A credential's status now: `revoked` wins over `suspended`, `suspended` over `expired`.
 *
 * @example
 * ```ts
 * const wanted: CredentialState[] = ['revoked', 'suspended'];
 * ```
 */
export type CredentialState = 'active' | 'revoked' | 'suspended' | 'expired';

/**
 * Filters for `credentials.list` (all optional; a provider key sees its own issuer only).
 *
 * @example
 * ```ts
 * const query: CredentialQuery = { achievement: 'code-club-1', status: 'revoked', since: lastSync };
 * ```
 */
export interface CredentialQuery {
  /** Achievement key or id. */
  achievement?: string;
  /** Issuer key or id. */
  issuer?: string;
  status?: CredentialState | readonly CredentialState[];
  /**
   * A learner's email: the server matches it against each credential's salted hash. It travels
   * in a request body (never in a URL) and is not stored or logged.
   */
  recipient?: string;
  /** Issued **or status changed** (revoked, suspended, unsuspended) at or after this instant. */
  since?: string | Date;
  /** Resume from a page's `next` (e.g. stored by your last sync). */
  cursor?: string;
  /** Entries per request (1–200, default 50). */
  limit?: number;
}

/**
 * One credential found by `credentials.list`: its status now, when it last changed, and the
 * signed credential itself.
 *
 * @example
 * ```ts
 * for await (const entry of admin.credentials.list({ since })) {
 *   if (entry.status === 'revoked') removeFromLms(entry.id, entry.revocationReason);
 * }
 * ```
 */
export interface CredentialEntry {
  id: string;
  /** Achievement id URL. */
  achievement: string;
  /** Issuer id URL. */
  issuer: string;
  status: CredentialState;
  issuedOn: string;
  /** When it was issued or its status last changed; entries come oldest change first. */
  updatedAt: string;
  validUntil?: string;
  revokedAt?: string;
  revocationReason?: string;
  suspendedAt?: string;
  suspensionReason?: string;
  links: AwardLinks;
  credential: OpenBadgeCredential;
}

/**
 * One page of `credentials.list`. Keep `next` to resume a sync later with `{ cursor: next }`.
 *
 * @example
 * ```ts
 * for await (const page of admin.credentials.list({ since }).pages()) saveCursor(page.next);
 * ```
 */
export interface CredentialPage {
  credentials: CredentialEntry[];
  /** Cursor of the following page; absent on the last. */
  next?: string;
}

/**
 * Issued credentials: every form of an award, its status, and revocation / suspension.
 *
 * @example
 * ```ts
 * const credential = await col.credentials.get(award.id);
 * const jwt = await col.credentials.jwt(award.id);
 * img.src = col.credentials.imageUrl(award.id, 'png'); // a baked badge image
 * ```
 */
export interface CredentialsResource {
  /**
   * Find issued credentials (admin or provider key, server side): by achievement, issuer,
   * status, recipient email, and `since` — which includes status changes, so an incremental
   * sync sees revocations. Oldest change first; loop with `for await`, or use `.pages()` to keep
   * each page's `next` cursor.
   */
  list(query?: CredentialQuery, options?: RequestOptions): Paginated<CredentialEntry, CredentialPage>;
  /** The signed OpenBadgeCredential (JSON with its Data Integrity proof). */
  get(keyOrId: string, options?: RequestOptions): Promise<OpenBadgeCredential>;
  /** The same award as a VC-JWT (compact JWS). */
  jwt(keyOrId: string, options?: RequestOptions): Promise<string>;
  /** Revoked? Suspended? Since when and why. */
  status(keyOrId: string, options?: RequestOptions): Promise<CredentialStatus>;
  /** URLs of every form (no request is made). */
  links(keyOrId: string): AwardLinks;
  /** URL of the baked badge image (the credential embedded in a PNG or SVG); no request is made. */
  imageUrl(keyOrId: string, format: 'png' | 'svg'): string;
  /** Revoke for good, with a reason the learner will read (admin or owning provider key). */
  revoke(keyOrId: string, input: { reason: string }, options?: RequestOptions): Promise<CredentialStatus>;
  /** Suspend until `unsuspend`, with a reason (admin or owning provider key). */
  suspend(keyOrId: string, input: { reason: string }, options?: RequestOptions): Promise<CredentialStatus>;
  /** Lift a suspension (admin or owning provider key). */
  unsuspend(keyOrId: string, options?: RequestOptions): Promise<CredentialStatus>;
}

/** @internal */
export function credentialsResource(http: Transport): CredentialsResource {
  const base = (keyOrId: string) => `api/v1/credentials/${keyOf(keyOrId)}`;
  const change = async (keyOrId: string, action: string, body: object, options: RequestOptions) => {
    const { data } = await http.request({ method: 'POST', path: `${base(keyOrId)}/${action}`, json: body, expect: 'json', schema: S.credentialStatus, ...options });
    return data as CredentialStatus;
  };
  return {
    list(query = {}, options = {}) {
      const { since, status, ...rest } = query;
      const filters = { ...rest, ...(status !== undefined ? { status } : {}), ...(since !== undefined ? { since: since instanceof Date ? since.toISOString() : since } : {}) };
      return paginate<CredentialEntry, CredentialPage>(async (cursor) => {
        let next = cursor ?? filters.cursor;
        // A page may come back short, even empty, with a `next` (the server stops reading to
        // answer promptly): keep asking until there is something to yield or nothing left.
        for (let round = 0; ; round++) {
          const { data } = await http.request({
            // A read sent as POST (so the recipient email stays out of the URL): safe to repeat.
            method: 'POST', path: 'api/v1/credentials/search', json: { ...filters, ...(next ? { cursor: next } : {}) }, safe: true, expect: 'json', schema: S.credentialPage, ...options,
          });
          const page = data as unknown as CredentialPage;
          if (page.credentials.length > 0 || !page.next || page.next === next || round >= 100) return { page, items: page.credentials, next: page.next };
          next = page.next;
        }
      });
    },
    async get(keyOrId, options = {}) {
      const { data } = await http.request({ method: 'GET', path: base(keyOrId), expect: 'json', schema: S.credential, ...options });
      return data as unknown as OpenBadgeCredential;
    },
    async jwt(keyOrId, options = {}) {
      const { data } = await http.request({
        method: 'GET', path: `${base(keyOrId)}/jwt`, headers: { accept: 'application/vc+jwt, application/jwt;q=0.9' }, expect: 'text', schema: S.jwtText, ...options,
      });
      return data;
    },
    async status(keyOrId, options = {}) {
      const { data } = await http.request({ method: 'GET', path: `${base(keyOrId)}/status`, expect: 'json', schema: S.credentialStatus, ...options });
      return data as CredentialStatus;
    },
    links(keyOrId) {
      const json = http.url(base(keyOrId)).href;
      return { json, jwt: `${json}/jwt`, png: `${json}/png`, svg: `${json}/svg`, ob2: `${json}/ob2` };
    },
    imageUrl(keyOrId, format) {
      if (format !== 'png' && format !== 'svg') throw new TypeError('imageUrl: format must be "png" or "svg".');
      return http.url(`${base(keyOrId)}/${format}`).href;
    },
    revoke: (keyOrId, input, options = {}) => change(keyOrId, 'revoke', { reason: input.reason }, options),
    suspend: (keyOrId, input, options = {}) => change(keyOrId, 'suspend', { reason: input.reason }, options),
    unsuspend: (keyOrId, options = {}) => change(keyOrId, 'unsuspend', {}, options),
  };
}
