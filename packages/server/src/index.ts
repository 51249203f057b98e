/**
 * `@citiesoflearning/server` — the reference badge & pathway HTTP API: SQLite (WAL, numbered
 * migrations), real signed Open Badges 3.0 credentials (Data Integrity `eddsa-rdfc-2022` and
 * VC-JWT), BitstringStatusList revocation and suspension, claim codes and tickets, pathways with
 * milestone badges, opportunities, and an OpenAPI 3.1 document at `/api/v1/openapi.json`.
 *
 * @example
 * ```ts
 * import { startServer } from '@citiesoflearning/server';
 * const server = await startServer({ port: 8080, dataDir: './col-data', demo: true });
 * console.log(`listening on ${server.url}`);
 * ```
 * @packageDocumentation
 */
export { startServer, createApp } from './server.js';
export type { AppOptions, StartServerOptions, RunningServer, CreatedApp } from './server.js';
export { openApiDocument, type Schema } from './openapi.js';
export type { Env } from './env.js';
/**
 * @deprecated Use {@link Env}; the old name is kept so existing imports still compile.
 * @example
 * ```ts
 * import type { Env } from '@citiesoflearning/server';
 * ```
 */
export type { Env as AppEnv } from './env.js';
export type { ServerKey } from './keys.js';
export { ApiError, HttpError } from './errors.js';
export { SERVER_ERROR_CODES, type ServerErrorCode } from './error-codes.js';
export type { ServerContext } from './context.js';
export type { Sql, SqlDatabase, SqlRunResult, SqlTransactionOptions, SqlValue } from './sql/sql.js';
export type { IssuedAward } from './issue.js';
export type { DemoSummary } from './demo.js';
