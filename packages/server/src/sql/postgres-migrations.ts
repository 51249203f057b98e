// The server's schema on PostgreSQL: SQLite's MIGRATIONS (db.ts) translated one for one, with
// the same version numbers, so "schema 5" means the same tables, columns, indexes and triggers
// on both engines (test/sql-postgres-schema.test.ts holds them together). Translation rules:
// TEXT stays TEXT (timestamps are ISO strings, compared as text on both), in byte order like
// SQLite's (see `sqliteOrderedText`); BLOB → BYTEA; REAL → DOUBLE PRECISION; INTEGER stays
// INTEGER except counters that could pass 2^31 (BIGINT); SQLite's triggers become PL/pgSQL
// trigger functions with the same effect; CHECK and UNIQUE constraints are kept.
//
// Several instances may start at once: migratePostgres holds a session-level advisory lock
// while it reads the version and applies what is missing, so one migrates and the others wait,
// then find nothing left to do. Never edit a shipped migration: add the next number, on both
// engines.
import { ColError } from '@citiesoflearning/core';
import type { Sql } from './sql.js';

/**
 * One numbered step of the PostgreSQL schema.
 *
 * @example
 * ```ts
 * const step: PostgresMigration = { version: 6, sql: 'CREATE INDEX shares_by_creation ON shares (created_at);' };
 * ```
 */
export interface PostgresMigration {
  version: number;
  sql: string;
}

/**
 * Every text column compares and sorts byte by byte, as SQLite's do, whatever locale the
 * database was created with: keys page in the same order on both engines, and an index on a
 * text column serves `<`/`>` and `LIKE 'prefix%'` as SQLite's does.
 */
function sqliteOrderedText(sql: string): string {
  return sql.replace(/\bTEXT\b/g, 'TEXT COLLATE "C"');
}

/**
 * The PostgreSQL schema, step by step; version N here is version N of SQLite's.
 *
 * @example
 * ```ts
 * POSTGRES_MIGRATIONS.at(-1)!.version === POSTGRES_SCHEMA_VERSION; // true
 * ```
 */
export const POSTGRES_MIGRATIONS: ReadonlyArray<PostgresMigration> = [
  {
    version: 1,
    sql: sqliteOrderedText(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE issuers (
        key TEXT PRIMARY KEY, name TEXT NOT NULL, url TEXT NOT NULL, email TEXT,
        description TEXT, image TEXT, created_at TEXT NOT NULL);
      CREATE TABLE provider_keys (
        id TEXT PRIMARY KEY, issuer_key TEXT NOT NULL REFERENCES issuers(key),
        secret_hash TEXT NOT NULL UNIQUE, label TEXT, created_at TEXT NOT NULL, revoked_at TEXT);
      CREATE TABLE ticket_keys (
        kid TEXT PRIMARY KEY, issuer_key TEXT NOT NULL REFERENCES issuers(key),
        jwk TEXT NOT NULL, alg TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE achievements (
        key TEXT PRIMARY KEY, issuer_key TEXT NOT NULL REFERENCES issuers(key),
        data TEXT NOT NULL, image_type TEXT, image BYTEA, created_at TEXT NOT NULL);
      CREATE TABLE claim_codes (
        code TEXT PRIMARY KEY, achievement_key TEXT NOT NULL REFERENCES achievements(key),
        uses_total INTEGER NOT NULL, uses_left INTEGER NOT NULL, expires_at TEXT,
        created_at TEXT NOT NULL);
      CREATE TABLE used_tickets (jti TEXT PRIMARY KEY, issuer_key TEXT NOT NULL, expires_at TEXT NOT NULL);
      CREATE TABLE credentials (
        key TEXT PRIMARY KEY, achievement_key TEXT NOT NULL REFERENCES achievements(key),
        issuer_key TEXT NOT NULL REFERENCES issuers(key),
        state TEXT NOT NULL CHECK (state IN ('issuing', 'issued')),
        recipient_hash TEXT, recipient_salt TEXT, recipient_email TEXT, recipient_did TEXT,
        claim_code TEXT, source TEXT NOT NULL,
        revocation_index INTEGER NOT NULL, suspension_index INTEGER NOT NULL,
        credential TEXT, jwt TEXT, issued_at TEXT NOT NULL,
        revoked_at TEXT, revocation_reason TEXT, suspended_at TEXT, suspension_reason TEXT,
        UNIQUE (issuer_key, revocation_index), UNIQUE (issuer_key, suspension_index));
      CREATE INDEX credentials_by_issuer ON credentials (issuer_key, issued_at);
      CREATE TABLE status_lists (
        issuer_key TEXT NOT NULL REFERENCES issuers(key),
        purpose TEXT NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
        bits BYTEA NOT NULL, bits_version BIGINT NOT NULL DEFAULT 1,
        credential TEXT, credential_version BIGINT NOT NULL DEFAULT 0,
        PRIMARY KEY (issuer_key, purpose));
      CREATE TABLE idempotency (
        key TEXT PRIMARY KEY, body_hash TEXT NOT NULL, state TEXT NOT NULL,
        status INTEGER, response TEXT, created_at TEXT NOT NULL);
      CREATE TABLE pathways (
        key TEXT NOT NULL, version INTEGER NOT NULL, issuer_key TEXT NOT NULL REFERENCES issuers(key),
        status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
        data TEXT NOT NULL, created_at TEXT NOT NULL, published_at TEXT,
        PRIMARY KEY (key, version));
      CREATE TABLE milestone_awards (
        idempotency_key TEXT PRIMARY KEY, credential_key TEXT NOT NULL,
        created_at TEXT NOT NULL);
      CREATE TABLE opportunities (
        key TEXT PRIMARY KEY, issuer_key TEXT NOT NULL REFERENCES issuers(key),
        title TEXT NOT NULL, description TEXT, achievement_key TEXT REFERENCES achievements(key),
        mode TEXT NOT NULL CHECK (mode IN ('in-person', 'online', 'blended')),
        area_code TEXT, latitude DOUBLE PRECISION, longitude DOUBLE PRECISION, starts_at TEXT, ends_at TEXT,
        booking_url TEXT, skills TEXT NOT NULL DEFAULT '[]', created_at TEXT NOT NULL);
      CREATE INDEX opportunities_by_start ON opportunities (starts_at);
    `),
  },
  {
    version: 2,
    sql: `CREATE INDEX idempotency_by_age ON idempotency (created_at);`,
  },
  {
    version: 3,
    sql: sqliteOrderedText(`
      CREATE TABLE issuer_keys (
        issuer_key TEXT NOT NULL REFERENCES issuers(key), kid TEXT NOT NULL, seq INTEGER NOT NULL,
        private_jwk TEXT, public_multibase TEXT NOT NULL, created_at TEXT NOT NULL, removed_at TEXT,
        PRIMARY KEY (issuer_key, kid), UNIQUE (issuer_key, seq));
      ALTER TABLE status_lists ADD COLUMN did_credential TEXT;
      ALTER TABLE status_lists ADD COLUMN did_credential_version BIGINT NOT NULL DEFAULT 0;
    `),
  },
  {
    // SQLite's trigger runs AFTER the update and updates the row again; here a BEFORE trigger
    // stamps the row being written, which is the same effect without a second update. Both fire
    // whenever revoked_at or suspended_at is in the SET list, changed or not.
    version: 4,
    sql: sqliteOrderedText(`
      CREATE TABLE award_external_ids (
        issuer_key TEXT NOT NULL, achievement_key TEXT NOT NULL, external_id TEXT NOT NULL,
        credential_key TEXT NOT NULL, created_at TEXT NOT NULL,
        PRIMARY KEY (issuer_key, achievement_key, external_id));
      ALTER TABLE credentials ADD COLUMN status_changed_at TEXT;
      CREATE FUNCTION credentials_status_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.status_changed_at := to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
          RETURN NEW;
        END $$;
      CREATE TRIGGER credentials_status_changed BEFORE UPDATE OF revoked_at, suspended_at ON credentials
        FOR EACH ROW EXECUTE FUNCTION credentials_status_changed();
      CREATE INDEX credentials_by_change ON credentials ((COALESCE(status_changed_at, issued_at)), key);
    `),
  },
  {
    // SQLite's bare issuer_key next to GROUP BY becomes min(issuer_key) (one achievement has one
    // issuer), and `sum(source IN (…))` a count with a FILTER: PostgreSQL does not add booleans.
    version: 5,
    sql: sqliteOrderedText(`
      CREATE TABLE priorities (
        key TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT, alignments TEXT NOT NULL,
        area_code TEXT, target_value INTEGER, target_measure TEXT, target_by TEXT,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
      ALTER TABLE issuers ADD COLUMN area_code TEXT;
      CREATE TABLE shares (
        id TEXT PRIMARY KEY, delete_token_hash TEXT NOT NULL, body TEXT NOT NULL,
        created_at TEXT NOT NULL, expires_at TEXT NOT NULL);
      CREATE INDEX shares_by_expiry ON shares (expires_at);
      CREATE TABLE insight_monthly (
        month TEXT NOT NULL, achievement_key TEXT NOT NULL, issuer_key TEXT NOT NULL,
        issued INTEGER NOT NULL DEFAULT 0, claimed INTEGER NOT NULL DEFAULT 0, revoked INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (month, achievement_key));
      CREATE INDEX insight_monthly_by_issuer ON insight_monthly (issuer_key, month);
      INSERT INTO insight_monthly (month, achievement_key, issuer_key, issued, claimed)
        SELECT substr(issued_at, 1, 7), achievement_key, min(issuer_key), count(*), count(*) FILTER (WHERE source IN ('code', 'ticket'))
        FROM credentials WHERE state = 'issued' GROUP BY 1, 2;
      INSERT INTO insight_monthly (month, achievement_key, issuer_key, revoked)
        SELECT substr(revoked_at, 1, 7), achievement_key, min(issuer_key), count(*)
        FROM credentials WHERE state = 'issued' AND revoked_at IS NOT NULL GROUP BY 1, 2
        ON CONFLICT (month, achievement_key) DO UPDATE SET revoked = excluded.revoked;

      CREATE FUNCTION insight_count_issued() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO insight_monthly AS m (month, achievement_key, issuer_key, issued, claimed)
            VALUES (substr(NEW.issued_at, 1, 7), NEW.achievement_key, NEW.issuer_key, 1, CASE WHEN NEW.source IN ('code', 'ticket') THEN 1 ELSE 0 END)
            ON CONFLICT (month, achievement_key) DO UPDATE SET issued = m.issued + 1, claimed = m.claimed + excluded.claimed;
          RETURN NULL;
        END $$;
      CREATE TRIGGER insight_count_inserted AFTER INSERT ON credentials
        FOR EACH ROW WHEN (NEW.state = 'issued') EXECUTE FUNCTION insight_count_issued();
      CREATE TRIGGER insight_count_issued AFTER UPDATE OF state ON credentials
        FOR EACH ROW WHEN (OLD.state <> 'issued' AND NEW.state = 'issued') EXECUTE FUNCTION insight_count_issued();

      CREATE FUNCTION insight_count_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO insight_monthly AS m (month, achievement_key, issuer_key, revoked)
            VALUES (substr(NEW.revoked_at, 1, 7), NEW.achievement_key, NEW.issuer_key, 1)
            ON CONFLICT (month, achievement_key) DO UPDATE SET revoked = m.revoked + 1;
          RETURN NULL;
        END $$;
      CREATE TRIGGER insight_count_revoked AFTER UPDATE OF revoked_at ON credentials
        FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL AND NEW.state = 'issued')
        EXECUTE FUNCTION insight_count_revoked();

      CREATE FUNCTION insight_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE insight_monthly SET issued = issued - 1, claimed = claimed - CASE WHEN OLD.source IN ('code', 'ticket') THEN 1 ELSE 0 END
            WHERE month = substr(OLD.issued_at, 1, 7) AND achievement_key = OLD.achievement_key;
          UPDATE insight_monthly SET revoked = revoked - 1
            WHERE OLD.revoked_at IS NOT NULL AND month = substr(OLD.revoked_at, 1, 7) AND achievement_key = OLD.achievement_key;
          RETURN NULL;
        END $$;
      CREATE TRIGGER insight_count_deleted AFTER DELETE ON credentials
        FOR EACH ROW WHEN (OLD.state = 'issued') EXECUTE FUNCTION insight_count_deleted();
    `),
  },
  {
    // window_ends is milliseconds since 1970: BIGINT.
    version: 6,
    sql: sqliteOrderedText(`
      CREATE TABLE rate_limits (
        bucket TEXT NOT NULL, subject TEXT NOT NULL, window_ends BIGINT NOT NULL,
        used INTEGER NOT NULL, granted INTEGER NOT NULL,
        PRIMARY KEY (bucket, subject));
      CREATE INDEX rate_limits_by_window_end ON rate_limits (bucket, window_ends);
    `),
  },
];

/**
 * The highest schema version this build knows (the same number as SQLite's `SCHEMA_VERSION`).
 *
 * @example
 * ```ts
 * const known = POSTGRES_SCHEMA_VERSION; // 6
 * ```
 */
export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS[POSTGRES_MIGRATIONS.length - 1]!.version;

/**
 * The advisory lock key every instance migrates under ('colearn' in ASCII, as a number), so
 * migrations of one database never run twice at once.
 *
 * @example
 * ```ts
 * await session.get('SELECT pg_try_advisory_lock(?) AS free', MIGRATION_LOCK);
 * ```
 */
export const MIGRATION_LOCK = '27988534042391150';

/**
 * How long {@link migratePostgres} waits for another instance's migration lock by default: five
 * minutes, far beyond any start-up's check of the schema version, and long enough for a real
 * migration of a large table; an instance stuck holding the lock longer then stops the others'
 * start with an error an operator can act on, instead of hanging them.
 *
 * @example
 * ```ts
 * await database.session((session) => migratePostgres(session, { lockTimeoutMs: MIGRATION_LOCK_TIMEOUT_MS }));
 * ```
 */
export const MIGRATION_LOCK_TIMEOUT_MS = 300_000;

/**
 * Bring the schema up to date on `session` (one connection, outside a transaction: see
 * `PostgresDatabase.session`): take the migration lock (waiting while another instance holds
 * it, at most `lockTimeoutMs`, then `database-migration-locked`), read the version from
 * `schema_version`, apply each missing migration in its own transaction with its version row,
 * and let the lock go. Refuses a schema newer than this build knows (`database-too-new`)
 * rather than guessing.
 *
 * @example
 * ```ts
 * await database.session(migratePostgres); // openPostgres does this unless told not to
 * ```
 */
export async function migratePostgres(session: Sql, options: { lockTimeoutMs?: number } = {}): Promise<void> {
  const lockTimeoutMs = options.lockTimeoutMs ?? MIGRATION_LOCK_TIMEOUT_MS;
  if (!Number.isInteger(lockTimeoutMs) || lockTimeoutMs < 1) throw new ColError('option-invalid', 'lockTimeoutMs must be a whole number of milliseconds, at least 1.');
  // The statement timeout is for requests; waiting for another instance's migration, or a
  // backfill on a large table, may rightly take longer.
  await session.run('SET statement_timeout = 0');
  await takeMigrationLock(session, lockTimeoutMs);
  try {
    await session.run(`CREATE TABLE IF NOT EXISTS schema_version (
      version INTEGER PRIMARY KEY, applied_at TEXT COLLATE "C" NOT NULL)`);
    const current = (await session.get<{ version: number | null }>('SELECT max(version) AS version FROM schema_version'))?.version ?? 0;
    if (current > POSTGRES_SCHEMA_VERSION) {
      throw new ColError('database-too-new', `This database was written by a newer server (schema ${current}); upgrade the server.`);
    }
    for (const migration of POSTGRES_MIGRATIONS) {
      if (migration.version <= current) continue;
      await session.transaction(async (tx) => {
        await tx.run(migration.sql);
        await tx.run("INSERT INTO schema_version (version, applied_at) VALUES (?, to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))", migration.version);
      });
    }
  } finally {
    // A connection that broke has lost the lock with it; nothing to give back then.
    await session.run('SELECT pg_advisory_unlock(?)', MIGRATION_LOCK).catch(() => {});
    await session.run('RESET statement_timeout').catch(() => {});
  }
}

/**
 * Wait for the migration lock at most `timeoutMs` (PostgreSQL's lock_timeout covers advisory
 * locks too), then only for the lock: a migration's own statements may wait as long as they need.
 */
async function takeMigrationLock(session: Sql, timeoutMs: number): Promise<void> {
  // SET takes no placeholders; the number was checked to be a whole number above.
  await session.run(`SET lock_timeout = ${timeoutMs}`);
  try {
    await session.run('SELECT pg_advisory_lock(?)', MIGRATION_LOCK);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== '55P03') throw error;
    throw new ColError(
      'database-migration-locked',
      `Another connection has held the schema migration lock for over ${Math.ceil(timeoutMs / 1000)} s, so this instance did not start: an instance may be stuck migrating. ` +
        "Find it with SELECT pid, application_name, client_addr, state, query_start FROM pg_stat_activity WHERE pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted); end it (SELECT pg_terminate_backend(pid)), then start this one again.",
      { cause: error },
    );
  } finally {
    await session.run('RESET lock_timeout').catch(() => {});
  }
}
