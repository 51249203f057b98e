import { ColError } from '@citiesoflearning/core';
import type { Sql, SqlDatabase } from './sql/sql.js';
import type { ServerKey } from './keys.js';

/**
 * Everything a request handler needs, built once per app.
 *
 * @example
 * ```ts
 * const ctx: ServerContext = (await createApp({ baseUrl, dataDir: ':memory:' })).context;
 * ```
 */
export interface ServerContext {
  /** The database (SQLite or PostgreSQL) behind the store's functions. */
  sql: SqlDatabase;
  key: ServerKey;
  /** Public base URL without a trailing slash, e.g. `https://badges.example.org`. */
  baseUrl: string;
  /** The admin bearer key. */
  adminKey: string;
  /** Keep learners' email addresses in clear (operator opt-in); otherwise only salted hashes. */
  storeEmails: boolean;
  /** Count other issuers' credentials towards pathways, verified with `verify()` over the network. */
  acceptForeignCredentials: boolean;
  /** Let that verification reach loopback/private addresses (tests, closed networks); else refused. */
  allowPrivateIssuers: boolean;
  /** Milliseconds all the foreign-credential lookups of one milestone request may take together. */
  foreignCheckBudgetMs: number;
  /** Secret (from the database) that keys learner pseudonyms for milestone idempotency. */
  pepper: Buffer;
  /** Largest accepted request body in bytes. */
  bodyLimit: number;
  /** Claim requests allowed per client address per window. */
  claimRateLimit: { limit: number; windowMs: number };
  /** Awards per key (admin, or each issuer's provider keys) per window: separate from the per-address claim limit. */
  awardRateLimit: { limit: number; windowMs: number };
  /** Take the client address for rate limiting from the last `X-Forwarded-For` hop (behind a proxy). */
  trustProxy: boolean;
  /** Anonymous callers may read the place's insight (suppressed aggregates); else only keyed callers. */
  publishInsight: boolean;
  /** Insight counts below this are withheld (at least 10; a query may only raise it). */
  insightThreshold: number;
  /** Skills summaries each client address may share per window. */
  shareRateLimit: { limit: number; windowMs: number };
  /** Where `/examples/` is served from, if anywhere. */
  examplesDir?: string;
  /** Also log one line per request: method, route pattern (never the concrete path), status, time. */
  logRequests: boolean;
  /** One line per event; never personal data or secrets. */
  log: (line: string) => void;
  /** The clock (tests may pin it). */
  now: () => Date;
}

/**
 * The same context with every statement sent on `tx`, an open transaction: services called with
 * it join that transaction (their own transactions become savepoints), so several of them commit
 * or roll back together. Services called with the plain context inside `tx`'s work would wait
 * for `tx` to end, which it never would.
 *
 * @example
 * ```ts
 * await ctx.sql.transaction(async (tx) => {
 *   const made = await createIssuer(joinTransaction(ctx, tx), { name: 'Museum', url: 'https://museum.example' });
 *   await setIssuerArea(tx, made.key, 'E05099001');
 * });
 * ```
 */
export function joinTransaction(ctx: ServerContext, tx: Sql): ServerContext {
  const sql: SqlDatabase = {
    dialect: tx.dialect,
    description: ctx.sql.description,
    get: (text, ...params) => tx.get(text, ...params),
    all: (text, ...params) => tx.all(text, ...params),
    run: (text, ...params) => tx.run(text, ...params),
    transaction: (work, options) => tx.transaction(work, options),
    // Durability is the outer transaction's business; a flush still covers every commit so far.
    flush: () => ctx.sql.flush(),
    close: () => Promise.reject(new ColError('database-in-use', 'A transaction cannot close the database it runs in.')),
  };
  return { ...ctx, sql };
}

/**
 * Current time as an ISO 8601 string with second precision (what credentials carry).
 *
 * @example
 * ```ts
 * isoNow(ctx); // '2026-11-29T10:00:00Z'
 * ```
 */
export function isoNow(ctx: Pick<ServerContext, 'now'>): string {
  return ctx.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The URLs the server mints, in one place so documents and routes never disagree.
 *
 * @example
 * ```ts
 * const u = urls('https://badges.example.org');
 * u.credential('abc'); // https://badges.example.org/api/v1/credentials/abc
 * ```
 */
export function urls(baseUrl: string) {
  const api = `${baseUrl}/api/v1`;
  const host = new URL(baseUrl);
  const pathParts = host.pathname.split('/').filter(Boolean).map(encodeURIComponent);
  const did = ['did:web', encodeURIComponent(host.host), ...pathParts].join(':');
  return {
    api,
    did,
    didKey: `${did}#key-1`,
    didDocument: pathParts.length ? `${baseUrl}/did.json` : `${baseUrl}/.well-known/did.json`,
    jwks: `${baseUrl}/.well-known/jwks.json`,
    issuer: (key: string) => `${api}/issuers/${key}`,
    /** The server-wide key as the Profile lists it (signed every credential before per-issuer keys). */
    issuerKeyId: (key: string) => `${api}/issuers/${key}#key-1`,
    /** The issuer's did:web DID: `did:web:<host%3Aport>[:base path]:api:v1:issuers:<key>`. */
    issuerDid: (key: string) => [did, ...`api/v1/issuers/${key}`.split('/').map(encodeURIComponent)].join(':'),
    /** Where that DID's document is served (what did:web resolution fetches, over https). */
    issuerDidDocument: (key: string) => `${api}/issuers/${key}/did.json`,
    /** Status lists signed by the issuer's DID (the Profile-signed ones keep their old address). */
    issuerDidStatusList: (key: string, purpose: string) => `${api}/issuers/${key}/did/status/${purpose}`,
    issuerOb2: (key: string) => `${api}/issuers/${key}/ob2`,
    statusList: (issuerKey: string, purpose: string) => `${api}/issuers/${issuerKey}/status/${purpose}`,
    achievement: (key: string) => `${api}/achievements/${key}`,
    achievementImage: (key: string) => `${api}/achievements/${key}/image`,
    achievementOb2: (key: string) => `${api}/achievements/${key}/ob2`,
    credential: (key: string) => `${api}/credentials/${key}`,
    pathway: (key: string) => `${api}/pathways/${key}`,
    opportunity: (key: string) => `${api}/opportunities/${key}`,
  };
}

/**
 * The URL helper type.
 *
 * @example
 * ```ts
 * const u: Urls = urls('https://badges.example.org');
 * ```
 */
export type Urls = ReturnType<typeof urls>;
