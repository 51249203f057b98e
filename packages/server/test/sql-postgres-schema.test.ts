// The two engines cannot drift apart: every table, column (in order, with its kind, NOT NULL and
// default), primary key, unique constraint, foreign key, named index and trigger of SQLite's
// final schema (db.ts, read back from a fresh database) exists on PostgreSQL after its
// migrations, and the insight triggers count the same inserts, state changes, revocations and
// deletions into the same insight_monthly rows on both. A migration added on one engine only
// fails here.
import { describe, it, after, expect } from '@col/harness';
import Database from 'better-sqlite3';
import { MIGRATIONS, SCHEMA_VERSION } from '../src/db.js';
import { openPostgres, type PostgresDatabase } from '../src/sql/postgres.js';
import { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA_VERSION } from '../src/sql/postgres-migrations.js';
import { testPostgres } from './support/postgres.js';

const postgres = await testPostgres();

type Db = Database.Database;

/** A fresh SQLite database with every migration applied, as the server's own start-up leaves it. */
function openDatabase(file: ':memory:'): Db {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  for (const migration of MIGRATIONS) db.exec(migration.sql);
  return db;
}

/** A column as both engines can describe it. */
interface Column {
  name: string;
  kind: string;
  notNull: boolean;
  default: string | null;
}

/** SQLite's column types and the PostgreSQL types allowed for each. */
const KINDS: Record<string, string[]> = {
  TEXT: ['text'],
  INTEGER: ['integer', 'bigint'],
  BLOB: ['bytea'],
  REAL: ['double precision'],
};

function sqliteTables(db: Db): string[] {
  return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all().map((r) => (r as { name: string }).name);
}

function sqliteColumns(db: Db, table: string): Column[] {
  const rows = db.prepare(`SELECT * FROM pragma_table_info(?) ORDER BY cid`).all(table) as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[];
  // SQLite lets a non-INTEGER primary key column hold NULL unless told otherwise; PostgreSQL
  // never does. The store never writes one, so a key column counts as NOT NULL on both.
  return rows.map((r) => ({ name: r.name, kind: r.type, notNull: r.notnull === 1 || r.pk > 0, default: r.dflt_value }));
}

async function postgresColumns(db: PostgresDatabase, table: string): Promise<(Column & { collation: string | null })[]> {
  const rows = await db.all<{ name: string; kind: string; nullable: string; dflt: string | null; collation: string | null }>(
    `SELECT column_name AS name, data_type AS kind, is_nullable AS nullable, column_default AS dflt, collation_name AS collation
       FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`,
    table,
  );
  // PostgreSQL writes a default with its type: '[]'::text.
  return rows.map((r) => ({ name: r.name, kind: r.kind, notNull: r.nullable === 'NO', default: r.dflt?.replace(/::[a-z ]+$/, '') ?? null, collation: r.collation }));
}

/** `table: col1,col2` for each primary key and unique constraint, sorted. */
function sqliteKeys(db: Db, table: string): string[] {
  const pk = (db.prepare('SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').all(table) as { name: string }[]).map((r) => r.name);
  const uniques = (db.prepare("SELECT name FROM pragma_index_list(?) WHERE origin = 'u'").all(table) as { name: string }[]).map(
    (index) => (db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(index.name) as { name: string }[]).map((c) => c.name).join(','),
  );
  return [`primary ${pk.join(',')}`, ...uniques.map((u) => `unique ${u}`)].sort();
}

async function postgresKeys(db: PostgresDatabase, table: string): Promise<string[]> {
  const rows = await db.all<{ kind: string; columns: string }>(
    `SELECT CASE c.contype WHEN 'p' THEN 'primary' ELSE 'unique' END AS kind,
            string_agg(a.attname, ',' ORDER BY k.ordinality) AS columns
       FROM pg_constraint c
       CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ordinality)
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
      WHERE c.conrelid = to_regclass(?) AND c.contype IN ('p', 'u')
      GROUP BY c.oid, c.contype`,
    table,
  );
  return rows.map((r) => `${r.kind} ${r.columns}`).sort();
}

function sqliteForeignKeys(db: Db, table: string): string[] {
  return (db.prepare('SELECT "from", "table", "to" FROM pragma_foreign_key_list(?)').all(table) as { from: string; table: string; to: string }[])
    .map((r) => `${r.from} → ${r.table}(${r.to})`)
    .sort();
}

async function postgresForeignKeys(db: PostgresDatabase, table: string): Promise<string[]> {
  const rows = await db.all<{ from: string; target: string; to: string }>(
    `SELECT a.attname AS "from", c.confrelid::regclass::text AS target, af.attname AS "to"
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
      WHERE c.conrelid = to_regclass(?) AND c.contype = 'f'`,
    table,
  );
  return rows.map((r) => `${r.from} → ${r.target}(${r.to})`).sort();
}

/** The same writes, in plain SQL both engines take, that move every insight counter. */
const INSIGHT_SCRIPT = [
  `INSERT INTO issuers (key, name, url, created_at) VALUES
     ('i1', 'Library', 'https://library.example', '2026-01-01T00:00:00Z'),
     ('i2', 'Museum', 'https://museum.example', '2026-01-01T00:00:00Z')`,
  `INSERT INTO achievements (key, issuer_key, data, created_at) VALUES
     ('a1', 'i1', '{}', '2026-01-01T00:00:00Z'),
     ('a2', 'i2', '{}', '2026-01-01T00:00:00Z')`,
  `INSERT INTO credentials (key, achievement_key, issuer_key, state, source, revocation_index, suspension_index, issued_at) VALUES
     ('c1', 'a1', 'i1', 'issued', 'code', 0, 0, '2026-01-05T10:00:00Z'),
     ('c2', 'a1', 'i1', 'issued', 'api', 1, 1, '2026-01-20T10:00:00Z'),
     ('c3', 'a1', 'i1', 'issuing', 'ticket', 2, 2, '2026-02-01T10:00:00Z'),
     ('c4', 'a2', 'i2', 'issued', 'ticket', 0, 0, '2026-02-03T10:00:00Z'),
     ('c5', 'a2', 'i2', 'issuing', 'api', 1, 1, '2026-02-04T10:00:00Z'),
     ('c6', 'a2', 'i2', 'issued', 'award', 2, 2, '2026-02-05T10:00:00Z')`,
  // Issuing finished: now it counts, in the month it was issued.
  `UPDATE credentials SET state = 'issued' WHERE key = 'c3'`,
  // Setting state to what it already is counts nothing.
  `UPDATE credentials SET state = 'issued' WHERE key = 'c1'`,
  `UPDATE credentials SET revoked_at = '2026-03-01T00:00:00Z', revocation_reason = 'error' WHERE key IN ('c1', 'c4')`,
  // A second revocation date for a revoked credential is not a second revocation.
  `UPDATE credentials SET revoked_at = '2026-03-02T00:00:00Z' WHERE key = 'c1'`,
  // A credential still being issued is not counted when revoked.
  `UPDATE credentials SET revoked_at = '2026-03-05T00:00:00Z' WHERE key = 'c5'`,
  `UPDATE credentials SET suspended_at = '2026-03-06T00:00:00Z' WHERE key = 'c6'`,
  `DELETE FROM credentials WHERE key IN ('c2', 'c5')`,
  // Issued and revoked: both of its counts go.
  `DELETE FROM credentials WHERE key = 'c4'`,
];

/** What the script leaves in insight_monthly (worked out by hand, so an empty table on both cannot pass). */
const EXPECTED_INSIGHT = [
  { month: '2026-01', achievement_key: 'a1', issuer_key: 'i1', issued: 1, claimed: 1, revoked: 0 },
  { month: '2026-02', achievement_key: 'a1', issuer_key: 'i1', issued: 1, claimed: 1, revoked: 0 },
  { month: '2026-02', achievement_key: 'a2', issuer_key: 'i2', issued: 1, claimed: 0, revoked: 0 },
  { month: '2026-03', achievement_key: 'a1', issuer_key: 'i1', issued: 0, claimed: 0, revoked: 1 },
  { month: '2026-03', achievement_key: 'a2', issuer_key: 'i2', issued: 0, claimed: 0, revoked: 0 },
];

const INSIGHT_ROWS = 'SELECT month, achievement_key, issuer_key, issued, claimed, revoked FROM insight_monthly ORDER BY month, achievement_key';
const STAMPED = 'SELECT key, status_changed_at IS NOT NULL AS stamped FROM credentials ORDER BY key';

describe('PostgreSQL schema matches SQLite schema', { skip: postgres.skip }, () => {
  const sqlite = openDatabase(':memory:');
  const opened: PostgresDatabase[] = [];
  const open = async () => {
    const database = await openPostgres(await postgres.freshDatabase());
    opened.push(database);
    return database;
  };
  after(async () => {
    sqlite.close();
    await Promise.all(opened.map((d) => d.close()));
    await postgres.stop();
  });

  it('has the same version numbers, step for step', () => {
    expect(POSTGRES_SCHEMA_VERSION).to.equal(SCHEMA_VERSION);
    expect(POSTGRES_MIGRATIONS.map((m) => m.version)).to.deep.equal(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it('has every table and column of SQLite, in order, of the matching kind, NOT NULL and default alike, text in byte order', async () => {
    const pg = await open();
    const tables = sqliteTables(sqlite);
    expect(tables.length).to.be.greaterThan(15); // the scan really read the schema
    const pgTables = (await pg.all<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")).map((r) => r.name);
    expect(pgTables.filter((t) => t !== 'schema_version')).to.deep.equal(tables);
    for (const table of tables) {
      const expected = sqliteColumns(sqlite, table);
      const actual = await postgresColumns(pg, table);
      expect(actual.map((c) => c.name), `${table} columns`).to.deep.equal(expected.map((c) => c.name));
      expected.forEach((column, i) => {
        const got = actual[i]!;
        const where = `${table}.${column.name}`;
        expect(KINDS[column.kind], `${where}: SQLite type ${column.kind} has a PostgreSQL mapping`).to.be.an('array');
        expect(KINDS[column.kind], `${where} type`).to.include(got.kind);
        expect(got.notNull, `${where} NOT NULL`).to.equal(column.notNull);
        expect(got.default, `${where} default`).to.equal(column.default);
        if (got.kind === 'text') expect(got.collation, `${where} collation`).to.equal('C');
      });
    }
  });

  it('has the same primary keys, unique constraints and foreign keys', async () => {
    const pg = await open();
    for (const table of sqliteTables(sqlite)) {
      expect(await postgresKeys(pg, table), `${table} keys`).to.deep.equal(sqliteKeys(sqlite, table));
      expect(await postgresForeignKeys(pg, table), `${table} foreign keys`).to.deep.equal(sqliteForeignKeys(sqlite, table));
    }
  });

  it('has every named index and trigger of SQLite, on the same table', async () => {
    const pg = await open();
    const named = (type: string) =>
      (sqlite.prepare('SELECT name, tbl_name AS "table" FROM sqlite_master WHERE type = ? AND sql IS NOT NULL ORDER BY name').all(type) as { name: string; table: string }[]).map((r) => `${r.table}.${r.name}`);
    const indexes = named('index');
    const triggers = named('trigger');
    expect(indexes.length).to.be.greaterThan(5);
    expect(triggers.length).to.be.greaterThan(4);
    const pgIndexes = (await pg.all<{ name: string }>("SELECT tablename || '.' || indexname AS name FROM pg_indexes WHERE schemaname = current_schema()")).map((r) => r.name);
    const pgTriggers = (await pg.all<{ name: string }>('SELECT DISTINCT event_object_table || \'.\' || trigger_name AS name FROM information_schema.triggers WHERE trigger_schema = current_schema() ORDER BY 1')).map((r) => r.name);
    expect(indexes.filter((i) => !pgIndexes.includes(i)), 'indexes missing on PostgreSQL').to.deep.equal([]);
    expect(pgTriggers).to.deep.equal(triggers);
  });

  it('counts the same insight_monthly rows on both for the same inserts, updates and deletes, and stamps the same status changes', async () => {
    const pg = await open();
    const lite = openDatabase(':memory:');
    try {
      for (const statement of INSIGHT_SCRIPT) {
        lite.exec(statement);
        await pg.run(statement);
      }
      const fromSqlite = lite.prepare(INSIGHT_ROWS).all();
      expect(fromSqlite).to.deep.equal(EXPECTED_INSIGHT);
      expect(await pg.all(INSIGHT_ROWS)).to.deep.equal(fromSqlite);
      expect(await pg.all(STAMPED)).to.deep.equal(lite.prepare(STAMPED).all());
    } finally {
      lite.close();
    }
  });

  it("migration 5's backfill counts credentials that existed before it as the triggers would have", async () => {
    // A database at schema 4 with credentials in it, then the rest of the migrations.
    const url = await postgres.freshDatabase();
    const early = await openPostgres(url, { migrate: false });
    try {
      await early.run('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT COLLATE "C" NOT NULL)');
      for (const migration of POSTGRES_MIGRATIONS.filter((m) => m.version <= 4)) {
        await early.run(migration.sql);
        await early.run("INSERT INTO schema_version VALUES (?, '2026-01-01T00:00:00Z')", migration.version);
      }
      for (const statement of INSIGHT_SCRIPT) await early.run(statement);
    } finally {
      await early.close();
    }
    const pg = await openPostgres(url);
    opened.push(pg);
    // The backfill counts the credentials there now: the triggers' rows, but for a month whose
    // counts all fell back to zero (the backfill has no row for it).
    const backfilled = await pg.all<(typeof EXPECTED_INSIGHT)[number]>(INSIGHT_ROWS);
    expect(backfilled).to.deep.equal(EXPECTED_INSIGHT.filter((r) => r.issued + r.claimed + r.revoked > 0));
  });
});
