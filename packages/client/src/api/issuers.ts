import { ColError } from '@citiesoflearning/core';
import type { RequestOptions, Transport } from '../http/transport.js';
import { paginate, type Paginated } from '../http/paginate.js';
import { keyOf } from './keys.js';
import * as S from './schemas.js';
import type { Issuer } from './types.js';

/**
 * What `issuers.create` needs (admin key only).
 *
 * @example
 * ```ts
 * const input: IssuerInput = { key: 'city-library', name: 'City Library', url: 'https://library.example.org' };
 * ```
 */
export interface IssuerInput {
  /** Short key for URLs (`[A-Za-z0-9_-]`, ≤ 64); derived from the name when absent. */
  key?: string;
  name: string;
  /** The issuer's public website. */
  url: string;
  email?: string;
  description?: string;
  /** An https URL of the issuer's logo. */
  image?: string;
  /** The area it works in (an ONS-style code such as `E08000026`): insight counts its badges there. */
  area?: string;
}

/**
 * A provider API key, as minted by `issuers.createApiKey`. `key` is shown once: store it in your
 * backend's secrets, never in a browser.
 *
 * @example
 * ```ts
 * const { key } = await admin.issuers.createApiKey('city-library', { label: 'LMS sync' });
 * ```
 */
export interface ProviderApiKey {
  id: string;
  issuer: string;
  key: string;
}

/**
 * A registered claim-ticket key.
 *
 * @example
 * ```ts
 * const { kid, audience } = await provider.issuers.registerTicketKey('city-library', { jwk: publicJwk });
 * ```
 */
export interface TicketKeyRegistration {
  kid: string;
  issuer: string;
  alg: string;
  /** The `aud` tickets must carry (the server's claims URL). */
  audience: string;
}

/**
 * One page of `issuers.list` (the server answers them all at once).
 *
 * @example
 * ```ts
 * for await (const page of col.issuers.list().pages()) console.log(page.issuers.length);
 * ```
 */
export interface IssuerList {
  issuers: Issuer[];
}

/**
 * One of an issuer's published signing keys (public part only: private keys never leave the server).
 *
 * @example
 * ```ts
 * const key: IssuerKey = await admin.issuers.rotateKey('city-library');
 * key.id; // 'did:web:badges.example.org:api:v1:issuers:city-library#z6Mk…'
 * ```
 */
export interface IssuerKey {
  /** The verification method id credentials name: `<issuer DID>#<kid>` (over http, `<Profile URL>#<kid>`). */
  id: string;
  /** The key's id within the issuer's documents: its `publicKeyMultibase`. */
  kid: string;
  /** The issuer id that controls it. */
  controller: string;
  publicKeyMultibase: string;
  /** When it was made (ISO 8601). */
  created: string;
}

/**
 * Issuers: the organisations that award badges.
 *
 * @example
 * ```ts
 * for await (const issuer of col.issuers.list()) console.log(issuer.name);
 * ```
 */
export interface IssuersResource {
  /** Every issuer on the server. */
  list(options?: RequestOptions): Paginated<Issuer, IssuerList>;
  /** One issuer by key or id URL. */
  get(keyOrId: string, options?: RequestOptions): Promise<Issuer>;
  /** Create an issuer (admin key). */
  create(input: IssuerInput, options?: RequestOptions): Promise<Issuer>;
  /** Set (or with `null` clear) the area an issuer works in (admin key). */
  update(issuer: string, change: { area: string | null }, options?: RequestOptions): Promise<Issuer>;
  /** Mint a provider API key scoped to this issuer (admin key). Server side only. */
  createApiKey(issuer: string, input?: { label?: string }, options?: RequestOptions): Promise<ProviderApiKey>;
  /**
   * Register the PUBLIC key (JWK, Ed25519 or P-256) your backend signs claim tickets with
   * (admin key or this issuer's provider key). Never send a private key: the client refuses.
   */
  registerTicketKey(issuer: string, input: { jwk: JsonWebKey; kid?: string }, options?: RequestOptions): Promise<TicketKeyRegistration>;
  /**
   * Rotate the issuer's signing key (admin key): the server makes a new Ed25519 key, publishes it
   * in the issuer's DID document, and signs new credentials with it. Older keys stay published,
   * so what they signed keeps verifying, until {@link IssuersResource.removeKey}.
   */
  rotateKey(issuer: string, options?: RequestOptions): Promise<IssuerKey>;
  /**
   * Stop publishing an older key (admin key), e.g. after a leak: credentials it signed stop
   * verifying. The current key cannot be removed (rotate first). Resolves to the keys still published.
   */
  removeKey(issuer: string, kid: string, options?: RequestOptions): Promise<IssuerKey[]>;
}

/** @internal */
export function issuersResource(http: Transport): IssuersResource {
  return {
    list(options = {}) {
      return paginate<Issuer, IssuerList>(async () => {
        const { data } = await http.request({ method: 'GET', path: 'api/v1/issuers', expect: 'json', schema: S.issuerList, ...options });
        const page = data as unknown as IssuerList;
        return { page, items: page.issuers };
      });
    },
    async get(keyOrId, options = {}) {
      const { data } = await http.request({ method: 'GET', path: `api/v1/issuers/${keyOf(keyOrId)}`, expect: 'json', schema: S.issuer, ...options });
      return data as Issuer;
    },
    async create(input, options = {}) {
      const { data } = await http.request({ method: 'POST', path: 'api/v1/issuers', json: input, expect: 'json', schema: S.issuer, ...options });
      return data as Issuer;
    },
    async update(issuer, change, options = {}) {
      const { data } = await http.request({ method: 'PATCH', path: `api/v1/issuers/${keyOf(issuer)}`, json: change, expect: 'json', schema: S.issuer, ...options });
      return data as Issuer;
    },
    async createApiKey(issuer, input = {}, options = {}) {
      const { data } = await http.request({ method: 'POST', path: `api/v1/issuers/${keyOf(issuer)}/api-keys`, json: input, expect: 'json', schema: S.apiKey, ...options });
      return data;
    },
    async rotateKey(issuer, options = {}) {
      const { data } = await http.request({ method: 'POST', path: `api/v1/issuers/${keyOf(issuer)}/keys`, expect: 'json', schema: S.issuerKey, ...options });
      return data;
    },
    async removeKey(issuer, kid, options = {}) {
      const { data } = await http.request({ method: 'DELETE', path: `api/v1/issuers/${keyOf(issuer)}/keys/${encodeURIComponent(kid)}`, expect: 'json', schema: S.issuerKeyList, ...options });
      return data.keys;
    },
    async registerTicketKey(issuer, input, options = {}) {
      const { d, p, q, dp, dq, qi, k, ...rest } = input.jwk as JsonWebKey & { k?: string };
      if ([d, p, q, dp, dq, qi, k].some((v) => v !== undefined)) {
        throw new ColError('private-key-sent', 'That key is a private key: register only its public part (without "d"). Never send a private key anywhere.');
      }
      const { data } = await http.request({
        method: 'POST', path: `api/v1/issuers/${keyOf(issuer)}/ticket-keys`, json: { ...input, jwk: rest }, expect: 'json', schema: S.ticketKey, ...options,
      });
      return data;
    },
  };
}
