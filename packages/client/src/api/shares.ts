import type { RequestOptions, Transport } from '../http/transport.js';
import { array, matching, object, string, unknown } from '../validate/schema.js';

/**
 * A learner's skills summary: an unsigned W3C Verifiable Presentation of their credentials
 * (OB 3.0 credentials and OB 2.0 assertions as JSON, or VC-JWTs wrapped as
 * `EnvelopedVerifiableCredential`s). `<col-badge-verify>` verifies every credential in one.
 *
 * @example
 * ```ts
 * const summary: SkillsSummary = {
 *   '@context': ['https://www.w3.org/ns/credentials/v2'],
 *   type: ['VerifiablePresentation', 'ColSkillsSummary'],
 *   verifiableCredential: [{ '@context': 'https://www.w3.org/ns/credentials/v2', type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${jwt}` }],
 * };
 * ```
 */
export interface SkillsSummary {
  '@context': string[];
  type: string[];
  verifiableCredential: Array<Record<string, unknown>>;
}

/**
 * A stored summary: its link (valid for 30 days) and the token that deletes it sooner. Keep the
 * token with the learner; the link itself says nothing about them.
 *
 * @example
 * ```ts
 * const { url, deleteToken, expiresAt }: SharedSummary = await col.shares.create(summary);
 * ```
 */
export interface SharedSummary {
  id: string;
  url: string;
  expiresAt: string;
  deleteToken: string;
}

/**
 * Skills-summary links: anyone may share (rate-limited; at most 256 KB and 50 credentials), anyone
 * with the link may read, and only the delete token removes one.
 *
 * @example
 * ```ts
 * const shared = await col.shares.create(summary);
 * const back = await col.shares.get(shared.id);
 * await col.shares.remove(shared.id, shared.deleteToken);
 * ```
 */
export interface SharesResource {
  create(summary: SkillsSummary, options?: RequestOptions): Promise<SharedSummary>;
  /** By id or by the link `create` returned. */
  get(idOrUrl: string, options?: RequestOptions): Promise<SkillsSummary>;
  remove(idOrUrl: string, deleteToken: string, options?: RequestOptions): Promise<void>;
}

/** A created share as the server answers it (checked at run time). */
export const sharedSummarySchema = object({ id: matching(/^[A-Za-z0-9_-]{22}$/, 'a share id'), url: string(), expiresAt: string(), deleteToken: string() });
/** A summary as the server answers it. */
export const skillsSummarySchema = object({ '@context': array(string()), type: array(string()), verifiableCredential: array(unknown()) });

const idOf = (idOrUrl: string) => {
  const id = /^https?:\/\//i.test(idOrUrl) ? (new URL(idOrUrl).pathname.split('/').filter(Boolean).pop() ?? '') : idOrUrl;
  if (!/^[A-Za-z0-9_-]{22}$/.test(id)) throw new TypeError(`"${idOrUrl}" is not a shared summary id or link.`);
  return id;
};

/** @internal */
export function sharesResource(http: Transport): SharesResource {
  return {
    async create(summary, options = {}) {
      // Never with the client's API key: sharing is the learner's act, not the provider's.
      const { data } = await http.request({ method: 'POST', path: 'api/v1/shares', json: summary, expect: 'json', schema: sharedSummarySchema, auth: false, ...options });
      return data as SharedSummary;
    },
    async get(idOrUrl, options = {}) {
      const { data } = await http.request({ method: 'GET', path: `api/v1/shares/${idOf(idOrUrl)}`, expect: 'json', schema: skillsSummarySchema, auth: false, ...options });
      return data as SkillsSummary;
    },
    async remove(idOrUrl, deleteToken, options = {}) {
      await http.request({ method: 'DELETE', path: `api/v1/shares/${idOf(idOrUrl)}`, headers: { authorization: `Bearer ${deleteToken}` }, expect: 'none', auth: false, ...options });
    },
  };
}
