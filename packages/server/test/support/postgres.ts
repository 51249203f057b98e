// One throwaway PostgreSQL cluster per suite file (tools/harness: startPostgres), and a fresh,
// empty database in it per test, so tests neither see nor wait for each other's rows.
import { startPostgres, type PostgresCluster } from '@col/harness/node';
import pg from 'pg';
import { openPostgres } from '../../src/sql/postgres.js';

/** A suite's cluster, or why the suite is skipped. */
export interface TestPostgres {
  /** The running cluster, when there is one. */
  cluster: PostgresCluster | undefined;
  /** The reason to skip, when PostgreSQL is not installed; `false` otherwise. */
  skip: string | false;
  /** A new empty database (C collation, UTF-8) in the cluster; its URL. */
  freshDatabase(): Promise<string>;
  /**
   * A new database with the server's schema already in it; its URL. The schema is migrated once
   * per file into a template database and copied from there (`CREATE DATABASE … TEMPLATE`), which
   * takes a few milliseconds where running every migration takes a quarter of a second.
   */
  migratedDatabase(): Promise<string>;
  /** Stop the cluster and remove its files. */
  stop(): Promise<void>;
}

let databases = 0;

/**
 * Start the cluster for this file.
 *
 * @example
 * ```ts
 * const postgres = await testPostgres();
 * describe('…', { skip: postgres.skip }, () => { after(() => postgres.stop()); … });
 * ```
 */
export async function testPostgres(): Promise<TestPostgres> {
  const started = await startPostgres();
  if (started.skipped !== undefined) {
    const skipped = started.skipped;
    const refuse = () => Promise.reject(new Error(skipped));
    return { cluster: undefined, skip: skipped, freshDatabase: refuse, migratedDatabase: refuse, stop: async () => {} };
  }
  return inCluster(started, () => started.stop());
}

/** Run `statement` as the cluster's superuser on its `postgres` database. */
async function asAdmin(url: string, statement: string): Promise<void> {
  const admin = new pg.Client(url);
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** Databases made in `cluster`; `stop` gets the names of every one made. */
function inCluster(cluster: { url: string } & Partial<PostgresCluster>, stop: (created: string[]) => Promise<void>): TestPostgres {
  const created: string[] = [];
  const createDatabase = async (template: string): Promise<string> => {
    const name = `col_test_${process.pid}_${++databases}`;
    await asAdmin(cluster.url, `CREATE DATABASE ${name} TEMPLATE ${template} ENCODING 'UTF8' LOCALE 'C'`);
    created.push(name);
    return withDatabase(cluster.url, name);
  };
  let template: Promise<string> | undefined;
  const migratedTemplate = async (): Promise<string> => {
    const url = await createDatabase('template0');
    // The pool is closed before the first copy: PostgreSQL copies a template nobody is connected to.
    await (await openPostgres(url)).close();
    return new URL(url).pathname.slice(1);
  };
  return {
    cluster: 'stop' in cluster ? (cluster as PostgresCluster) : undefined,
    skip: false,
    freshDatabase: () => createDatabase('template0'),
    async migratedDatabase() {
      template ??= migratedTemplate();
      return createDatabase(await template);
    },
    stop: () => stop(created.splice(0)),
  };
}

/**
 * `url` pointing at database `name` instead.
 *
 * @example
 * ```ts
 * withDatabase('postgres://u:p@127.0.0.1:5432/postgres', 'col'); // 'postgres://u:p@127.0.0.1:5432/col'
 * ```
 */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
