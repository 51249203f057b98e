import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { createAdaptorServer } from '@hono/node-server';
import { ColError } from '@citiesoflearning/core';
import type { Hono } from 'hono';
import { buildApp } from './app.js';
import type { Env } from './env.js';
import type { ServerContext } from './context.js';
import { SCHEMA_VERSION } from './db.js';
import { openSqlite } from './sql/sqlite.js';
import { openPostgres } from './sql/postgres.js';
import type { Sql, SqlDatabase } from './sql/sql.js';
import { loadSigningKey, randomToken } from './keys.js';
import { RECOVERY_INTERVAL_MS, recoverInterruptedIssues } from './issue.js';
import { ensureIssuerKeys } from './issuer-keys.js';
import { seedDemo, type DemoSummary } from './demo.js';
import { MIN_THRESHOLD } from './suppression.js';
import { hashStoredClaimCodes } from './claim-codes.js';
import { resanitizeStoredSvgs } from './stored-images.js';
import { claimMeta, readMeta, writeMeta } from './store/meta.js';
import { sharedAdminKey, sharedSigningKey } from './shared-secrets.js';
import { dataDirError, listenError } from './startup-errors.js';
import { FOREIGN_TIME_BUDGET_MS } from './milestones.js';

/**
 * Options shared by {@link createApp} and {@link startServer}.
 *
 * @example
 * ```ts
 * const options: AppOptions = { dataDir: './col-data', demo: true, storeEmails: false };
 * ```
 */
export interface AppOptions {
  /** Data directory (SQLite database and signing key); `':memory:'` for a throwaway server. Default `.col-data`. */
  dataDir?: string;
  /**
   * A PostgreSQL connection URL (`postgres://user:password@host:5432/col`): keep everything in
   * that database instead of SQLite, so several instances behind a load balancer act as one.
   * Default `COL_DATABASE_URL`; without either, SQLite in `dataDir`.
   */
  database?: string;
  /** Public base URL (no trailing slash), e.g. `https://badges.example.org`. Required by createApp. */
  baseUrl?: string;
  /** Admin bearer key; default `COL_ADMIN_KEY`, else a generated one. */
  adminKey?: string;
  /** Seed the Brightwater demo place (once; a restart does not re-seed). */
  demo?: boolean;
  /** Served at `/examples/` (default in demo mode: the repository's `examples/`). */
  examplesDir?: string;
  /** Keep learners' email addresses in clear (default false: salted hashes only). */
  storeEmails?: boolean;
  /**
   * Count credentials from other issuers towards pathway milestones, verified with the SDK's
   * `verify()` (which fetches issuer documents and status lists). Default false: only this
   * server's own credentials count.
   */
  acceptForeignCredentials?: boolean;
  /**
   * Let the verification of foreign credentials contact loopback, private and link-local
   * addresses. Default false: a credential a stranger presents must not be able to make the
   * server request its own internal services (SSRF). Turn on only inside a closed network.
   */
  allowPrivateIssuers?: boolean;
  /**
   * Milliseconds the verification of foreign credentials may take, in all, per milestone request
   * (default 20 000): whatever a request presents, the server spends no longer on its lookups.
   */
  foreignCheckBudgetMs?: number;
  /** Behind a reverse proxy: rate-limit by the last `X-Forwarded-For` hop (default false). */
  trustProxy?: boolean;
  /** Largest request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Claims per client address per minute (default 60). */
  claimsPerMinute?: number;
  /**
   * Awards per minute for each keyed caller (the admin key; each issuer's provider keys
   * together), counted per row of a bulk award. Separate from `claimsPerMinute`. Default 10 000.
   */
  awardsPerMinute?: number;
  /**
   * Let anyone read the place's insight (aggregate counts, small numbers withheld) without a key.
   * Default: `COL_PUBLISH_INSIGHT=1`, or on in demo mode; otherwise only keyed callers.
   */
  publishInsight?: boolean;
  /**
   * Insight counts from 1 to this − 1 are withheld. Default `COL_INSIGHT_THRESHOLD`, else 10;
   * it can only be raised (a lower value is refused at start-up).
   */
  insightThreshold?: number;
  /** Skills summaries each client address may share per hour (default 30). */
  sharesPerHour?: number;
  /** One line per notable event; never personal data or secrets. */
  log?: (line: string) => void;
  /**
   * Also log each request as `METHOD /route/:pattern STATUS Nms` — the route pattern, not the
   * path, so credential keys and codes never reach the log. Default false.
   */
  logRequests?: boolean;
  /** Environment to read `COL_ADMIN_KEY` / `COL_SIGNING_KEY` from (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Clock override (tests). */
  now?: () => Date;
}

/**
 * What {@link createApp} returns.
 *
 * @example
 * ```ts
 * const { app, close }: CreatedApp = await createApp({ baseUrl: 'http://127.0.0.1:8080', dataDir: ':memory:' });
 * ```
 */
export interface CreatedApp {
  app: Hono<Env>;
  context: ServerContext;
  /** The admin key was generated by this call (not configured, not read from a shared database): show it once. */
  adminKeyGenerated: boolean;
  demo?: DemoSummary;
  /** Close the database (after any transaction still open has finished). */
  close(): Promise<void>;
}

function defaultExamplesDir(): string | undefined {
  const dir = fileURLToPath(new URL('../../../examples/', import.meta.url));
  return existsSync(dir) ? dir : undefined;
}

/**
 * The configured admin key (at least 16 characters: it guards everything); else, on PostgreSQL,
 * the one every instance shares through the database; else a fresh one for this process.
 */
async function chooseAdminKey(configured: string | undefined, sql: SqlDatabase): Promise<{ adminKey: string; generated: boolean }> {
  if (configured !== undefined) {
    if (configured.length < 16 || /\s/.test(configured)) throw new ColError('admin-key-invalid', 'The admin key (COL_ADMIN_KEY) must be at least 16 characters with no spaces.');
    return { adminKey: configured, generated: false };
  }
  if (sql.dialect === 'postgres') return sharedAdminKey(sql);
  return { adminKey: `cola_${randomToken(24)}`, generated: true };
}

/**
 * The base URL without trailing slashes, or `base-url-invalid`. Every id, DID and status list URL
 * is minted from it and signed into credentials for good, so what would mint a broken or leaky id
 * (another scheme, a user name or password, a query or fragment) is refused before anything is issued.
 */
function checkedBaseUrl(raw: string): string {
  const baseUrl = raw.replace(/\/+$/, '');
  const refuse = (why: string) => new ColError('base-url-invalid', `The base URL "${baseUrl}" ${why} (e.g. https://badges.example.org).`);
  if (!URL.canParse(baseUrl)) throw refuse('is not a web address');
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('must start with https:// (or http:// on your own machine)');
  // Not echoed back: the message would show the password it is refusing.
  if (url.username || url.password) throw new ColError('base-url-invalid', 'The base URL must not contain a user name or password: it is written into every badge (e.g. https://badges.example.org).');
  if (url.search || url.hash || baseUrl.endsWith('?') || baseUrl.endsWith('#')) throw refuse('must not have a ?query or #fragment: ids are made by adding paths to it');
  return baseUrl;
}

/** The configured insight threshold: a whole number, never below the minimum (it can only be raised). */
function insightThreshold(configured: number | undefined): number {
  if (configured === undefined) return MIN_THRESHOLD;
  if (!Number.isInteger(configured) || configured < MIN_THRESHOLD || configured > 100_000) {
    throw new ColError('insight-threshold-invalid', `The insight threshold (COL_INSIGHT_THRESHOLD) must be a whole number from ${MIN_THRESHOLD} to 100000: it can only be raised.`);
  }
  return configured;
}

/** The database's pepper, made by the first start (of any instance: one value wins a race). */
async function pepper(sql: Sql): Promise<Buffer> {
  return Buffer.from((await claimMeta(sql, 'pepper', randomBytes(32).toString('base64'))).value, 'base64');
}

/**
 * Build the API over a database and key (without listening). Tests use it with
 * `app.request(…)` or their own listener; {@link startServer} uses it too.
 *
 * @example
 * ```ts
 * const { app, close } = await createApp({ dataDir: ':memory:', baseUrl: 'http://127.0.0.1:8080', adminKey: 'k' });
 * const res = await app.request('/api/v1/health');
 * await close();
 * ```
 */
export async function createApp(options: AppOptions & { baseUrl: string }): Promise<CreatedApp> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const dataDir = options.dataDir ?? '.col-data';
  const baseUrl = checkedBaseUrl(options.baseUrl);
  const databaseUrl = options.database || env.COL_DATABASE_URL || undefined;
  let sql: SqlDatabase;
  if (databaseUrl !== undefined) {
    // Its errors (a malformed URL, a database that cannot be reached, a newer schema) already
    // name the database, not the data directory.
    sql = await openPostgres(databaseUrl);
  } else {
    try {
      sql = await openSqlite(dataDir);
    } catch (error) {
      throw dataDirError(error, dataDir);
    }
  }
  try {
    // On PostgreSQL the data directory holds nothing: the key is shared through the database.
    const key =
      sql.dialect === 'postgres'
        ? await sharedSigningKey(sql, env)
        : await loadSigningKey(dataDir, env).catch((error: unknown) => {
            throw dataDirError(error, dataDir);
          });
    const admin = await chooseAdminKey(options.adminKey || env.COL_ADMIN_KEY || undefined, sql);
    const context: ServerContext = {
      sql,
      key,
      baseUrl,
      adminKey: admin.adminKey,
      storeEmails: options.storeEmails ?? false,
      acceptForeignCredentials: options.acceptForeignCredentials ?? false,
      allowPrivateIssuers: options.allowPrivateIssuers ?? false,
      foreignCheckBudgetMs: options.foreignCheckBudgetMs ?? FOREIGN_TIME_BUDGET_MS,
      trustProxy: options.trustProxy ?? false,
      pepper: await pepper(sql),
      bodyLimit: options.bodyLimit ?? 1024 * 1024,
      claimRateLimit: { limit: options.claimsPerMinute ?? 60, windowMs: 60_000 },
      awardRateLimit: { limit: options.awardsPerMinute ?? 10_000, windowMs: 60_000 },
      ...((options.examplesDir ?? (options.demo ? defaultExamplesDir() : undefined)) ? { examplesDir: options.examplesDir ?? defaultExamplesDir()! } : {}),
      publishInsight: options.publishInsight ?? (env.COL_PUBLISH_INSIGHT === '1' || options.demo === true),
      insightThreshold: insightThreshold(options.insightThreshold ?? (env.COL_INSIGHT_THRESHOLD ? Number(env.COL_INSIGHT_THRESHOLD) : undefined)),
      shareRateLimit: { limit: options.sharesPerHour ?? 30, windowMs: 3_600_000 },
      log,
      logRequests: options.logRequests ?? false,
      now: options.now ?? (() => new Date()),
    };
    const stored = await readMeta(sql, 'base_url');
    if (stored !== undefined && stored !== baseUrl) log(`note: base URL changed from ${stored} to ${baseUrl}; credentials issued before still name the old address`);
    if (stored !== baseUrl) await writeMeta(sql, 'base_url', baseUrl);
    const hashed = await hashStoredClaimCodes(sql);
    if (hashed) log(`stored ${hashed} claim code(s) from an older version as hashes`);
    const images = await resanitizeStoredSvgs(sql);
    if (images.rewritten || images.dropped) log(`SVG images from an older version: ${images.rewritten} rewritten without external references, ${images.dropped} unsafe one(s) dropped`);
    // Issuers from before per-issuer keys get theirs now; the server-wide key stays listed in
    // their Profiles, so what it signed keeps verifying.
    const keyed = await ensureIssuerKeys(context);
    if (keyed) log(`made a signing key for ${keyed} issuer(s) created before per-issuer keys`);
    const recovered = await recoverInterruptedIssues(context);
    if (recovered) log(`rolled back ${recovered} claim(s) interrupted by the last shutdown (none had been acknowledged)`);
    // On PostgreSQL an instance that dies leaves its issues for the others: nobody may restart
    // soon after, so every instance keeps looking for abandoned ones while it runs.
    const sweep =
      sql.dialect === 'postgres'
        ? setInterval(() => {
            recoverInterruptedIssues(context).then(
              (count) => count && log(`rolled back ${count} claim(s) abandoned by an instance that stopped (none had been acknowledged)`),
              (error: unknown) => log(`could not look for abandoned claims: ${error instanceof ColError ? error.code : 'internal-error'}`),
            );
          }, RECOVERY_INTERVAL_MS).unref()
        : undefined;
    const closeDatabase = () => {
      clearInterval(sweep);
      return sql.close();
    };
    log(`database: ${sql.description}, schema v${SCHEMA_VERSION}; signing key from ${key.source}`);
    log(
      baseUrl.startsWith('https:')
        ? 'issuers are did:web DIDs (each with its own key), resolvable by wallets over https'
        : 'issuers are named by their Profile URLs: did:web needs https, so wallets cannot resolve them (serve with TLS or an https --base-url)',
    );
    const demo = options.demo ? await seedDemo(context).catch(async (error: unknown) => { clearInterval(sweep); throw error; }) : undefined;
    return { app: buildApp(context), context, adminKeyGenerated: admin.generated, ...(demo ? { demo } : {}), close: closeDatabase };
  } catch (error) {
    await sql.close();
    throw error;
  }
}

/**
 * Options for {@link startServer}.
 *
 * @example
 * ```ts
 * const options: StartServerOptions = { port: 0, host: '127.0.0.1', dataDir: ':memory:' };
 * ```
 */
export interface StartServerOptions extends AppOptions {
  /** TCP port (0 = any free port). Default 8080. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  /** Milliseconds to let in-flight requests finish on close. Default 10000. */
  shutdownTimeoutMs?: number;
  /**
   * Serve HTTPS with this certificate chain and private key (PEM). did:web issuers resolve only
   * over https; behind a reverse proxy that terminates TLS, leave this out and set `baseUrl`.
   */
  tls?: { cert: string | Buffer; key: string | Buffer };
}

/**
 * A running server.
 *
 * @example
 * ```ts
 * const server: RunningServer = await startServer({ port: 0 });
 * await server.close();
 * ```
 */
export interface RunningServer {
  /** Where it listens, e.g. `http://127.0.0.1:8080` (`https://` with `tls`). */
  url: string;
  /** The admin bearer key in effect (the CLI prints it once when it was generated). */
  adminKey: string;
  /**
   * This instance generated the admin key (none configured; on PostgreSQL, none stored by an
   * earlier instance): the only time it should be shown.
   */
  adminKeyGenerated: boolean;
  /** Stop accepting, let in-flight requests finish, close the database. Safe to call twice. */
  close(): Promise<void>;
  /** In demo mode: one claim code per demo achievement. */
  demo?: { claimCodes: Array<{ achievement: string; code: string }> };
}

/**
 * Start the badge & pathway API on `host:port`. Resolves once it is listening. Graceful
 * shutdown is `close()` (the CLI calls it on SIGINT/SIGTERM): new connections are refused at
 * once, requests in flight (a claim being signed) finish and are committed, then the database is
 * closed — an acknowledged claim is never lost.
 *
 * @example
 * ```ts
 * const server = await startServer({ port: 0, dataDir: './data', demo: true });
 * console.log(`listening on ${server.url}`);
 * process.once('SIGTERM', () => server.close());
 * ```
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  // Serving TLS while minting http ids would sign addresses nobody can open into every badge, and
  // name issuers by Profile URL instead of did:web: a mistake, never a set-up.
  if (options.tls && options.baseUrl !== undefined && !/^https:/i.test(options.baseUrl.trim())) {
    throw new ColError('base-url-invalid', 'The base URL must start with https:// when the server serves HTTPS itself (--tls-cert/--tls-key): every id and did:web is made from it.');
  }
  let app: Hono<Env> | undefined;
  let inFlight = 0;
  let closing = false;
  const idle: Array<() => void> = [];
  const server = createAdaptorServer({
    ...(options.tls ? { createServer: createHttpsServer, serverOptions: { cert: options.tls.cert, key: options.tls.key } } : {}),
    fetch: async (request, env) => {
      if (!app || closing) {
        return new Response(JSON.stringify({ code: 'unavailable', message: app ? 'The server is shutting down; try again shortly.' : 'The server is starting; try again shortly.' }), {
          status: 503,
          headers: { 'content-type': 'application/json', connection: 'close', 'retry-after': '1' },
        });
      }
      inFlight++;
      try {
        return await app.fetch(request, env);
      } finally {
        inFlight--;
        if (inFlight === 0) for (const done of idle.splice(0)) done();
      }
    },
  }) as Server;
  await new Promise<void>((resolve, reject) => {
    const failed = (error: unknown) => reject(listenError(error, host, options.port ?? 8080));
    server.once('error', failed);
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `${options.tls ? 'https' : 'http'}://${shownHost}:${address.port}`;
  let created: CreatedApp;
  try {
    created = await createApp({ ...options, baseUrl: options.baseUrl ?? url });
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw error;
  }
  app = created.app;

  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((resolve) => idle.push(resolve)), new Promise((resolve) => setTimeout(resolve, options.shutdownTimeoutMs ?? 10_000).unref())]);
      }
      server.closeAllConnections();
      await stopped;
      await created.close();
    })());

  return {
    url,
    adminKey: created.context.adminKey,
    adminKeyGenerated: created.adminKeyGenerated,
    close,
    ...(created.demo ? { demo: { claimCodes: created.demo.claimCodes } } : {}),
  };
}
