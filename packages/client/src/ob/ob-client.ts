import type { Ob3Profile, OpenBadgeCredential } from '@citiesoflearning/core';
import { createTransport, type RequestOptions, type TransportOptions } from '../http/transport.js';
import { parseLinkHeader } from '../http/link-header.js';
import { paginate, type Paginated } from '../http/paginate.js';
import { compactJws, obCredential, obCredentialList, obDiscovery, obProfile } from './schemas.js';

/**
 * Options for {@link createObClient}.
 *
 * @example
 * ```ts
 * const options: ObClientOptions = { baseUrl: 'https://wallet.example', token: accessToken, timeoutMs: 5_000 };
 * ```
 */
export interface ObClientOptions extends Omit<TransportOptions, 'bearer'> {
  /**
   * The host's Open Badges API base (`https://host/ims/ob/v3p0`), or just its root
   * (`https://host`), to which `/ims/ob/v3p0` is added.
   */
  baseUrl: string | URL;
  /**
   * Sent as `Authorization: Bearer …`. For a conformant Open Badges host, an OAuth 2.0 access
   * token with the scopes the calls need (`…/scope/credential.readonly`, …). The reference server
   * (`@citiesoflearning/server`) does not hand out OAuth tokens: there, pass the admin key or a
   * provider API key from `issuers.createApiKey` here.
   */
  token?: string | undefined;
}

/**
 * One credential held by the host, in whichever form it was stored.
 *
 * @example
 * ```ts
 * const label = (e: ObCredentialEntry) => (e.format === 'json' ? e.credential.id : 'a signed JWT');
 * ```
 */
export type ObCredentialEntry =
  | { format: 'json'; credential: OpenBadgeCredential }
  | { format: 'jws'; compactJws: string };

/**
 * One page of `GET /credentials`.
 *
 * @example
 * ```ts
 * const page: ObCredentialPage = await host.credentials.page({ limit: 10 });
 * console.log(page.entries.length, 'of', page.total, 'next:', page.links.next);
 * ```
 */
export interface ObCredentialPage {
  /** Credentials in this page, JSON and compact JWS together, in the host's order. */
  entries: ObCredentialEntry[];
  /** `X-Total-Count`, when the host sent it. */
  total?: number;
  /** `Link` relations (`first`, `last`, `next`, `prev`) as absolute URLs. */
  links: Record<string, string>;
}

/**
 * Filters and paging for `GET /credentials`.
 *
 * @example
 * ```ts
 * const query: ObListQuery = { limit: 50, since: new Date('2026-09-01') };
 * ```
 */
export interface ObListQuery extends RequestOptions {
  /** Page size asked of the host. */
  limit?: number;
  /** Index of the first credential. */
  offset?: number;
  /** Only credentials issued or changed since this instant. */
  since?: string | Date;
}

/**
 * What `POST /credentials` did.
 *
 * @example
 * ```ts
 * const { outcome }: ObUpsertResult = await host.credentials.upsert(credential);
 * if (outcome === 'created') console.log('added to the wallet');
 * ```
 */
export interface ObUpsertResult {
  /** `created` (201), `replaced` (200) or `unchanged` (304). */
  outcome: 'created' | 'replaced' | 'unchanged';
  /** The stored credential as the host returned it (absent for 304). */
  entry?: ObCredentialEntry;
}

/**
 * The service description the host publishes at `/discovery` (an OpenAPI document).
 *
 * @example
 * ```ts
 * const doc: ObDiscovery = await host.discovery();
 * console.log(doc.info.title);
 * ```
 */
export interface ObDiscovery {
  openapi: string;
  info: { title: string; version?: string; [key: string]: unknown };
  servers?: Array<{ url: string }>;
  components?: unknown;
  [key: string]: unknown;
}

/**
 * OAuth 2.0 endpoints and scopes read from a discovery document, when it declares them.
 *
 * @example
 * ```ts
 * const { oauth } = await host.discovery();
 * if (oauth?.authorizationUrl) location.assign(`${oauth.authorizationUrl}?response_type=code&…`);
 * ```
 */
export interface ObOAuthEndpoints {
  registrationUrl?: string;
  authorizationUrl?: string;
  tokenUrl?: string;
  refreshUrl?: string;
  scopes: string[];
}

/**
 * The Open Badges 3.0 API of one host. See {@link createObClient}.
 *
 * @example
 * ```ts
 * const host: ObClient = createObClient({ baseUrl: 'https://wallet.example', token });
 * const me = await host.profile.get();
 * ```
 */
export interface ObClient {
  /** The API base every call goes to (ends with `/ims/ob/v3p0/`). */
  readonly baseUrl: string;
  /** `GET /discovery` (needs no token). */
  discovery(options?: RequestOptions): Promise<ObDiscovery & { oauth?: ObOAuthEndpoints }>;
  credentials: {
    /** Every credential the token may read, page by page (`Link` / `X-Total-Count` / offset). */
    list(query?: ObListQuery): Paginated<ObCredentialEntry, ObCredentialPage>;
    /** One page only. */
    page(query?: ObListQuery): Promise<ObCredentialPage>;
    /** `POST /credentials`: adds a credential (JSON or compact JWS) or replaces the same one. */
    upsert(credential: OpenBadgeCredential | string, options?: RequestOptions): Promise<ObUpsertResult>;
  };
  profile: {
    /** `GET /profile`. */
    get(options?: RequestOptions): Promise<Ob3Profile>;
    /** `PUT /profile`: replaces the profile and returns what the host stored. */
    put(profile: Ob3Profile, options?: RequestOptions): Promise<Ob3Profile>;
  };
}

const OB_BASE = 'ims/ob/v3p0/';

/**
 * A client for the Open Badges 3.0 REST API (1EdTech) of any conformant host — a wallet, a
 * backpack or our reference server: discovery, reading credentials page by page, upserting a
 * credential, and the profile. Works in the browser and in Node.
 *
 * Getting the OAuth token (authorization code + PKCE) is the app's job; pass it as `token`.
 *
 * @example
 * ```ts
 * import { createObClient } from '@citiesoflearning/client';
 * const host = createObClient({ baseUrl: 'https://wallet.example', token: accessToken });
 * for await (const entry of host.credentials.list({ limit: 50 })) {
 *   if (entry.format === 'json') console.log(entry.credential.name);
 *   else console.log('JWS', entry.compactJws.slice(0, 20));
 * }
 * const { outcome } = await host.credentials.upsert(credential); // 'created' or 'replaced'
 * ```
 */
export function createObClient(options: ObClientOptions): ObClient {
  const root = new URL(String(options.baseUrl));
  if (!root.pathname.endsWith('/')) root.pathname += '/';
  if (!root.pathname.endsWith(`/${OB_BASE}`)) root.pathname += OB_BASE;
  const http = createTransport({ ...options, baseUrl: root, ...(options.token ? { bearer: options.token } : {}) });

  async function page(query: ObListQuery = {}, url?: string): Promise<ObCredentialPage> {
    const since = query.since instanceof Date ? query.since.toISOString() : query.since;
    const { data, headers, url: responseUrl } = await http.request({
      method: 'GET',
      path: url ?? 'credentials',
      ...(url ? {} : { query: { limit: query.limit, offset: query.offset, since } }),
      expect: 'json',
      schema: obCredentialList,
      signal: query.signal,
      timeoutMs: query.timeoutMs ?? query.timeout,
    });
    const entries: ObCredentialEntry[] = [
      ...(data.credential ?? []).map((credential) => ({ format: 'json' as const, credential: credential as unknown as OpenBadgeCredential })),
      ...[...(data.compactJwsString ?? []), ...(data.compactJwsStrings ?? [])].map((jws) => ({ format: 'jws' as const, compactJws: jws })),
    ];
    const totalHeader = headers.get('x-total-count');
    const total = totalHeader !== null && /^\d+$/.test(totalHeader.trim()) ? Number(totalHeader) : undefined;
    return { entries, ...(total !== undefined ? { total } : {}), links: parseLinkHeader(headers.get('link'), responseUrl) };
  }

  return {
    baseUrl: http.baseUrl.href,
    async discovery(requestOptions = {}) {
      const { data } = await http.request({ method: 'GET', path: 'discovery', expect: 'json', schema: obDiscovery, auth: false, ...requestOptions });
      const oauth = readOAuth(data);
      return { ...(data as ObDiscovery), ...(oauth ? { oauth } : {}) };
    },
    credentials: {
      page: (query) => page(query),
      list(query = {}) {
        let offset = query.offset ?? 0;
        return paginate(async (cursor) => {
          const current = await page({ ...query, offset }, cursor);
          offset += current.entries.length;
          // Prefer the host's own `next` link; else page by offset while the total says there is more.
          let next = current.links.next;
          if (next === undefined && current.total !== undefined && offset < current.total) {
            const url = http.url('credentials');
            if (query.limit !== undefined) url.searchParams.set('limit', String(query.limit));
            url.searchParams.set('offset', String(offset));
            const since = query.since instanceof Date ? query.since.toISOString() : query.since;
            if (since !== undefined) url.searchParams.set('since', since);
            next = url.href;
          }
          return { page: current, items: current.entries, next };
        });
      },
      async upsert(credential, requestOptions = {}) {
        const isJws = typeof credential === 'string';
        const { data, status } = await http.request<unknown>({
          method: 'POST',
          path: 'credentials',
          ...(isJws ? { text: { body: credential, contentType: 'text/plain' } } : { json: credential }),
          expect: isJws ? 'text' : 'json',
          acceptStatus: [304],
          ...requestOptions,
        });
        const outcome = status === 201 ? 'created' : status === 304 ? 'unchanged' : 'replaced';
        if (status === 304) return { outcome };
        const entry: ObCredentialEntry = isJws
          ? { format: 'jws', compactJws: compactJws().parse(String(data).trim()) }
          : { format: 'json', credential: obCredential.parse(data) as unknown as OpenBadgeCredential };
        return { outcome, entry };
      },
    },
    profile: {
      async get(requestOptions = {}) {
        const { data } = await http.request({ method: 'GET', path: 'profile', expect: 'json', schema: obProfile, ...requestOptions });
        return data as unknown as Ob3Profile;
      },
      async put(profile, requestOptions = {}) {
        const { data } = await http.request({ method: 'PUT', path: 'profile', json: profile, expect: 'json', schema: obProfile, ...requestOptions });
        return data as unknown as Ob3Profile;
      },
    },
  };
}

function readOAuth(doc: Record<string, unknown>): ObOAuthEndpoints | undefined {
  const schemes = (doc.components as { securitySchemes?: Record<string, unknown> } | undefined)?.securitySchemes;
  if (!schemes || typeof schemes !== 'object') return undefined;
  for (const scheme of Object.values(schemes)) {
    if (!scheme || typeof scheme !== 'object' || (scheme as { type?: unknown }).type !== 'oauth2') continue;
    const s = scheme as Record<string, unknown> & { flows?: { authorizationCode?: Record<string, unknown> } };
    const flow = s.flows?.authorizationCode ?? {};
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const result: ObOAuthEndpoints = { scopes: Object.keys((flow.scopes as object | undefined) ?? {}) };
    const registrationUrl = str(s['x-imssf-registrationUrl']);
    const authorizationUrl = str(flow.authorizationUrl);
    const tokenUrl = str(flow.tokenUrl);
    const refreshUrl = str(flow.refreshUrl);
    if (registrationUrl) result.registrationUrl = registrationUrl;
    if (authorizationUrl) result.authorizationUrl = authorizationUrl;
    if (tokenUrl) result.tokenUrl = tokenUrl;
    if (refreshUrl) result.refreshUrl = refreshUrl;
    return result;
  }
  return undefined;
}
