// A real server for a test: on 127.0.0.1 port 0, with the admin key every test uses and a small
// JSON client. Its database is a real SQLite file in a temp dir, or, when the suite runs with
// COL_TEST_BACKEND=postgres, a fresh database in this file's throwaway PostgreSQL cluster (the
// same suite against both engines; scripts/test.mjs runs it both ways).
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from '@col/harness';
import Database from 'better-sqlite3';
import { startServer, type AppOptions, type RunningServer, type StartServerOptions } from '@citiesoflearning/server';
import { openPostgres } from '../../src/sql/postgres.js';
import type { Sql, SqlValue } from '../../src/sql/sql.js';
import { testPostgres, type TestPostgres } from './postgres.js';

/** The admin key of every test server. */
export const ADMIN = 'test-admin-key-0123456789abcdef';

/** The engine this run's servers store in: `COL_TEST_BACKEND=postgres`, else SQLite. */
export const TEST_BACKEND: 'sqlite' | 'postgres' = process.env.COL_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite';

/**
 * For a test about SQLite itself (its file, modes, WAL, what a kill leaves in it): the reason it
 * is skipped when the suite runs on PostgreSQL, else `false`. Pass it as `{ skip }`.
 */
export function sqliteOnly(why: string): string | false {
  return TEST_BACKEND === 'postgres' ? `SQLite only: ${why}` : false;
}

// One cluster per test file, started by the first server that needs it and stopped after the
// file's last test (a root-level hook, registered as the file loads).
let cluster: Promise<TestPostgres> | undefined;
if (TEST_BACKEND === 'postgres') {
  after(async () => {
    if (cluster) await (await cluster).stop();
  });
}
/** Each data directory's database, so a server restarted on the same folder finds its rows again. */
const databases = new Map<string, string>();

/**
 * The storage options for a server or app on this run's engine: `{ dataDir }` on SQLite; on
 * PostgreSQL the same plus `database`, a migrated database of its own (the same one again for a
 * data directory seen before: a restart keeps its rows). `':memory:'` always gets a new one.
 */
export async function testStorage(dataDir: string): Promise<Pick<AppOptions, 'dataDir' | 'database'>> {
  if (TEST_BACKEND === 'sqlite') return { dataDir };
  let database = dataDir === ':memory:' ? undefined : databases.get(dataDir);
  if (database === undefined) {
    cluster ??= testPostgres();
    const postgres = await cluster;
    if (postgres.skip) throw new Error(`COL_TEST_BACKEND=postgres but ${postgres.skip}`);
    database = await postgres.migratedDatabase();
    if (dataDir !== ':memory:') databases.set(dataDir, database);
  }
  return { dataDir, database };
}

/** A direct connection to a test server's database, for what the API does not show (stored rows). */
export interface RawDatabase {
  all<Row = Record<string, unknown>>(statement: string, ...params: SqlValue[]): Promise<Row[]>;
  get<Row = Record<string, unknown>>(statement: string, ...params: SqlValue[]): Promise<Row | undefined>;
  run(statement: string, ...params: SqlValue[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Open the database a server on `dataDir` stores in, with `?` placeholders and SQL both engines
 * accept. On SQLite it is the file itself (better-sqlite3, outside the server's connection).
 */
export async function openRawDatabase(dataDir: string): Promise<RawDatabase> {
  const url = databases.get(dataDir);
  if (TEST_BACKEND === 'postgres') {
    if (url === undefined) throw new Error(`no PostgreSQL database for ${dataDir}: start a test server on it first`);
    const sql: Sql & { close(): Promise<void> } = await openPostgres(url, { maxConnections: 1 });
    return {
      all: (statement, ...params) => sql.all(statement, ...params),
      get: (statement, ...params) => sql.get(statement, ...params),
      run: async (statement, ...params) => void (await sql.run(statement, ...params)),
      close: () => sql.close(),
    };
  }
  const db = new Database(join(dataDir, 'col.sqlite'));
  return {
    all: async (statement, ...params) => db.prepare(statement).all(...params) as never,
    get: async (statement, ...params) => db.prepare(statement).get(...params) as never,
    run: async (statement, ...params) => void db.prepare(statement).run(...params),
    close: async () => void db.close(),
  };
}

/**
 * The private signing key a server on `dataDir` generated: on SQLite the key file in the data
 * directory, on PostgreSQL the database's `meta` row (instances share it there; the folder is unused).
 */
export async function storedSigningKey(dataDir: string): Promise<JsonWebKey> {
  if (TEST_BACKEND === 'sqlite') return JSON.parse(readFileSync(join(dataDir, 'signing-key.jwk.json'), 'utf8')) as JsonWebKey;
  const db = await openRawDatabase(dataDir);
  try {
    const row = await db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'signing_key'");
    if (row === undefined) throw new Error(`the database of ${dataDir} records no generated signing key`);
    return JSON.parse(row.value) as JsonWebKey;
  } finally {
    await db.close();
  }
}

export interface TestServer extends RunningServer {
  dataDir: string;
  logs: string[];
  /** fetch relative to the server, JSON in and out. */
  call(method: string, path: string, init?: { body?: unknown; token?: string | null; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; json: any; text: string }>;
  /** A connection of the test's own to this server's database (close it when done). */
  openDatabase(): Promise<RawDatabase>;
  stop(): Promise<void>;
}

/** Start a server for one suite; `stop()` closes it and removes its data unless the test chose the folder. */
export async function startTestServer(options: StartServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'col-server-test-')));
  const logs: string[] = [];
  const storage = options.database === undefined ? await testStorage(dataDir) : { dataDir };
  const server = await startServer({ port: 0, host: '127.0.0.1', adminKey: ADMIN, env: {}, claimsPerMinute: 10_000, log: (l) => logs.push(l), ...options, ...storage });
  // A run meant for PostgreSQL that quietly stored in SQLite would pass for the wrong engine.
  const engine = /^database: (\S+)/m.exec(logs.join('\n'))?.[1];
  if (engine !== undefined && engine !== (TEST_BACKEND === 'postgres' ? 'PostgreSQL' : 'SQLite')) {
    await server.close();
    throw new Error(`COL_TEST_BACKEND=${TEST_BACKEND}, but the server says it stores in ${engine}`);
  }
  const call: TestServer['call'] = async (method, path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.body !== undefined) headers['content-type'] ??= 'application/json';
    const token = init.token === undefined ? ADMIN : init.token;
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(new URL(path, server.url), {
      method,
      headers,
      ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json, text };
  };
  return {
    ...server,
    dataDir,
    logs,
    call,
    openDatabase: () => openRawDatabase(dataDir),
    async stop() {
      await server.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
