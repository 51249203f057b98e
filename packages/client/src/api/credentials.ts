import type { OpenBadgeCredential } from '@citiesoflearning/core';
import type { RequestOptions, Transport } from '../http/transport.js';
import { keyOf } from './keys.js';
import * as S from './schemas.js';
import type { AwardLinks, CredentialStatus } from './types.js';

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
