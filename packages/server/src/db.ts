// The SQLite schema, as numbered migrations (sql/sqlite.ts applies them when it opens a
// database). The PostgreSQL backend keeps a parallel list with the same version numbers.

/**
 * Numbered SQLite schema migrations. Each runs once, in order, inside a transaction;
 * `user_version` records the last one applied. Never edit a shipped migration: add the next
 * number (and its PostgreSQL counterpart).
 *
 * @example
 * ```ts
 * const latest = MIGRATIONS[MIGRATIONS.length - 1]!.version; // SCHEMA_VERSION
 * ```
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
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
        data TEXT NOT NULL, image_type TEXT, image BLOB, created_at TEXT NOT NULL);
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
        bits BLOB NOT NULL, bits_version INTEGER NOT NULL DEFAULT 1,
        credential TEXT, credential_version INTEGER NOT NULL DEFAULT 0,
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
        area_code TEXT, latitude REAL, longitude REAL, starts_at TEXT, ends_at TEXT,
        booking_url TEXT, skills TEXT NOT NULL DEFAULT '[]', created_at TEXT NOT NULL);
      CREATE INDEX opportunities_by_start ON opportunities (starts_at);
    `,
  },
  {
    // Idempotency records are kept for a day; this index makes pruning them cheap.
    version: 2,
    sql: `CREATE INDEX idempotency_by_age ON idempotency (created_at);`,
  },
  {
    // Per-issuer signing keys (the newest published one signs; removed keys lose their private
    // part), and a second signed copy of each status list whose issuer is the issuer's did:web.
    version: 3,
    sql: `
      CREATE TABLE issuer_keys (
        issuer_key TEXT NOT NULL REFERENCES issuers(key), kid TEXT NOT NULL, seq INTEGER NOT NULL,
        private_jwk TEXT, public_multibase TEXT NOT NULL, created_at TEXT NOT NULL, removed_at TEXT,
        PRIMARY KEY (issuer_key, kid), UNIQUE (issuer_key, seq));
      ALTER TABLE status_lists ADD COLUMN did_credential TEXT;
      ALTER TABLE status_lists ADD COLUMN did_credential_version INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    // Bulk awards remember the caller's externalId per issuer and achievement, for good, so a
    // re-run sync issues nothing twice.
    // Credential lists page by the last status change, so an incremental sync sees revocations:
    // the trigger stamps every change of revoked_at / suspended_at, whichever route makes it.
    version: 4,
    sql: `
      CREATE TABLE award_external_ids (
        issuer_key TEXT NOT NULL, achievement_key TEXT NOT NULL, external_id TEXT NOT NULL,
        credential_key TEXT NOT NULL, created_at TEXT NOT NULL,
        PRIMARY KEY (issuer_key, achievement_key, external_id));
      ALTER TABLE credentials ADD COLUMN status_changed_at TEXT;
      CREATE TRIGGER credentials_status_changed AFTER UPDATE OF revoked_at, suspended_at ON credentials
        BEGIN UPDATE credentials SET status_changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE key = NEW.key; END;
      CREATE INDEX credentials_by_change ON credentials (COALESCE(status_changed_at, issued_at), key);
    `,
  },
  {
    // Issue #15. A place's learning priorities (the alignment list as JSON); an optional area per
    // issuer, so credentials can be counted by area; shared skills summaries (link sharing); and
    // monthly counts per badge kept up to date by triggers, so insight never scans credentials:
    // a place with a million credentials reads a few hundred rows. Whatever route issues or
    // revokes a credential, the triggers count it; the backfill counts what exists already.
    version: 5,
    sql: `
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
        PRIMARY KEY (month, achievement_key)) WITHOUT ROWID;
      CREATE INDEX insight_monthly_by_issuer ON insight_monthly (issuer_key, month);
      INSERT INTO insight_monthly (month, achievement_key, issuer_key, issued, claimed)
        SELECT substr(issued_at, 1, 7), achievement_key, issuer_key, count(*), sum(source IN ('code', 'ticket'))
        FROM credentials WHERE state = 'issued' GROUP BY 1, 2;
      INSERT INTO insight_monthly (month, achievement_key, issuer_key, revoked)
        SELECT substr(revoked_at, 1, 7), achievement_key, issuer_key, count(*)
        FROM credentials WHERE state = 'issued' AND revoked_at IS NOT NULL GROUP BY 1, 2
        ON CONFLICT (month, achievement_key) DO UPDATE SET revoked = excluded.revoked;
      CREATE TRIGGER insight_count_inserted AFTER INSERT ON credentials WHEN NEW.state = 'issued'
        BEGIN
          INSERT INTO insight_monthly (month, achievement_key, issuer_key, issued, claimed)
            VALUES (substr(NEW.issued_at, 1, 7), NEW.achievement_key, NEW.issuer_key, 1, NEW.source IN ('code', 'ticket'))
            ON CONFLICT (month, achievement_key) DO UPDATE SET issued = issued + 1, claimed = claimed + excluded.claimed;
        END;
      CREATE TRIGGER insight_count_issued AFTER UPDATE OF state ON credentials WHEN OLD.state <> 'issued' AND NEW.state = 'issued'
        BEGIN
          INSERT INTO insight_monthly (month, achievement_key, issuer_key, issued, claimed)
            VALUES (substr(NEW.issued_at, 1, 7), NEW.achievement_key, NEW.issuer_key, 1, NEW.source IN ('code', 'ticket'))
            ON CONFLICT (month, achievement_key) DO UPDATE SET issued = issued + 1, claimed = claimed + excluded.claimed;
        END;
      CREATE TRIGGER insight_count_revoked AFTER UPDATE OF revoked_at ON credentials
        WHEN OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL AND NEW.state = 'issued'
        BEGIN
          INSERT INTO insight_monthly (month, achievement_key, issuer_key, revoked)
            VALUES (substr(NEW.revoked_at, 1, 7), NEW.achievement_key, NEW.issuer_key, 1)
            ON CONFLICT (month, achievement_key) DO UPDATE SET revoked = revoked + 1;
        END;
      CREATE TRIGGER insight_count_deleted AFTER DELETE ON credentials WHEN OLD.state = 'issued'
        BEGIN
          UPDATE insight_monthly SET issued = issued - 1, claimed = claimed - (OLD.source IN ('code', 'ticket'))
            WHERE month = substr(OLD.issued_at, 1, 7) AND achievement_key = OLD.achievement_key;
          UPDATE insight_monthly SET revoked = revoked - 1
            WHERE OLD.revoked_at IS NOT NULL AND month = substr(OLD.revoked_at, 1, 7) AND achievement_key = OLD.achievement_key;
        END;
    `,
  },
  {
    // Rate-limit counters in the database, so several instances on one PostgreSQL share one
    // budget per caller (SQLite runs one process and counts in memory, but keeps the same schema).
    // The subject is a keyed hash of the address or key; window_ends is milliseconds since 1970.
    version: 6,
    sql: `
      CREATE TABLE rate_limits (
        bucket TEXT NOT NULL, subject TEXT NOT NULL, window_ends INTEGER NOT NULL,
        used INTEGER NOT NULL, granted INTEGER NOT NULL,
        PRIMARY KEY (bucket, subject)) WITHOUT ROWID;
      CREATE INDEX rate_limits_by_window_end ON rate_limits (bucket, window_ends);
    `,
  },
];

/**
 * Highest schema version this build knows.
 *
 * @example
 * ```ts
 * (await database.get('PRAGMA user_version'))!.user_version === SCHEMA_VERSION;
 * ```
 */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
