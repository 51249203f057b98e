// Insight never scans credentials: triggers keep monthly counts per badge (schema v5) as
// credentials are issued and revoked, and the insight query reads them through an index —
// checked with EXPLAIN QUERY PLAN on a real database. The counts are checked against a direct
// count over 100 000 credentials written the way the server writes them (placeholder, then
// issued; revoked later), and timed (reported, not asserted). bench/server-insight.bench.mjs
// runs a million.
import { describe, it, expect } from '@col/harness';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqlite } from '../src/sql/sqlite.js';
import type { Sql } from '../src/sql/sql.js';
import { monthlyCounts, monthlyCountsSql } from '../src/store/insight.js';

const plan = async (sql: Sql, text: string, args: string[]) => (await sql.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${text}`, ...args)).map((r) => r.detail).join(' | ');

async function seedCatalogue(sql: Sql) {
  const now = '2026-01-01T00:00:00Z';
  await sql.run("INSERT INTO issuers (key, name, url, created_at) VALUES ('library', 'Library', 'https://l.example', ?), ('youth', 'Youth', 'https://y.example', ?)", now, now);
  for (const [key, issuer] of [['a', 'library'], ['b', 'youth']]) await sql.run("INSERT INTO achievements (key, issuer_key, data, created_at) VALUES (?, ?, '{}', ?)", key!, issuer!, now);
}

describe('insight counts', () => {
  it('the place-wide and per-provider queries search an index on the month range', async () => {
    const db = await openSqlite(':memory:');
    try {
      const place = monthlyCountsSql({ from: '2026-01', to: '2026-12' });
      const provider = monthlyCountsSql({ from: '2026-01', to: '2026-12', issuerKey: 'library' });
      expect(await plan(db, place.sql, place.args)).to.match(/SEARCH insight_monthly USING PRIMARY KEY \(month>\? AND month<\?\)/);
      expect(await plan(db, provider.sql, provider.args)).to.match(/SEARCH insight_monthly USING INDEX insight_monthly_by_issuer \(issuer_key=\? AND month>\? AND month<\?\)/);
      expect(await plan(db, place.sql, place.args)).to.not.match(/credentials/);
    } finally {
      await db.close();
    }
  });

  it('match a direct count over 100 000 credentials issued, claimed, revoked and rolled back the way the server does it', async () => {
    const db = await openSqlite(':memory:');
    try {
      await seedCatalogue(db);
      const reserve = "INSERT INTO credentials (key, achievement_key, issuer_key, state, source, revocation_index, suspension_index, issued_at) VALUES (?, ?, ?, 'issuing', ?, ?, ?, ?)";
      const issue = "UPDATE credentials SET state = 'issued', credential = '{}', jwt = 'x' WHERE key = ?";
      const rollBack = "DELETE FROM credentials WHERE key = ? AND state = 'issuing'";
      const revoke = 'UPDATE credentials SET revoked_at = ?, revocation_reason = ? WHERE key = ?';
      const n = 100_000;
      await db.transaction(async (tx) => {
        for (let i = 0; i < n; i++) {
          const month = String((i % 12) + 1).padStart(2, '0');
          const key = `k${i}`;
          await tx.run(reserve, key, i % 3 ? 'a' : 'b', i % 3 ? 'library' : 'youth', ['code', 'ticket', 'admin', 'milestone'][i % 4]!, i, i, `2026-${month}-10T10:00:00Z`);
          // One in a hundred fails to sign and is rolled back: it was never issued.
          if (i % 100 === 99) await tx.run(rollBack, key);
          else await tx.run(issue, key);
          if (i % 50 === 0) await tx.run(revoke, `2026-${String(((i + 1) % 12) + 1).padStart(2, '0')}-20T10:00:00Z`, 'Issued in error', key);
        }
        // Revoking twice does not count twice.
        await tx.run(revoke, '2026-12-01T00:00:00Z', 'again', 'k0');
      });
      const started = performance.now();
      const counts = await monthlyCounts(db, { from: '2026-01', to: '2026-12' });
      console.log(`# monthly counts over ${n} credentials: ${(performance.now() - started).toFixed(1)} ms (${counts.length} rows read)`);
      const direct = async (text: string) => (await db.get<{ n: number }>(text))!.n;
      const sum = (k: 'issued' | 'claimed' | 'revoked') => counts.reduce((s, r) => s + r[k], 0);
      expect(sum('issued')).to.equal(await direct("SELECT count(*) AS n FROM credentials WHERE state = 'issued'"));
      expect(sum('issued')).to.equal(n - n / 100);
      expect(sum('claimed')).to.equal(await direct("SELECT count(*) AS n FROM credentials WHERE state = 'issued' AND source IN ('code', 'ticket')"));
      expect(sum('revoked')).to.equal(await direct("SELECT count(*) AS n FROM credentials WHERE revoked_at IS NOT NULL"));
      const march = await monthlyCounts(db, { from: '2026-03', to: '2026-03', issuerKey: 'youth' });
      expect(march.reduce((s, r) => s + r.issued, 0)).to.equal(await direct("SELECT count(*) AS n FROM credentials WHERE state = 'issued' AND issuer_key = 'youth' AND issued_at LIKE '2026-03%'"));
      expect(march.reduce((s, r) => s + r.revoked, 0)).to.equal(await direct("SELECT count(*) AS n FROM credentials WHERE issuer_key = 'youth' AND revoked_at LIKE '2026-03%'"));
    } finally {
      await db.close();
    }
  });

  it('the migration counts credentials that existed before it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'col-insight-migrate-'));
    try {
      // The previous version's database: schema 4, written by that build (a plain connection here).
      await (await openSqlite(dir)).close();
      const old = new Database(join(dir, 'col.sqlite'));
      old.prepare("INSERT INTO issuers (key, name, url, created_at) VALUES ('library', 'Library', 'https://l.example', ?)").run('2026-01-01T00:00:00Z');
      old.prepare("INSERT INTO achievements (key, issuer_key, data, created_at) VALUES ('a', 'library', '{}', ?)").run('2026-01-01T00:00:00Z');
      old.exec(`DROP TRIGGER insight_count_inserted; DROP TRIGGER insight_count_issued; DROP TRIGGER insight_count_revoked; DROP TRIGGER insight_count_deleted;
        DROP TABLE insight_monthly; DROP TABLE priorities; DROP TABLE shares; ALTER TABLE issuers DROP COLUMN area_code; DROP TABLE rate_limits; PRAGMA user_version = 4;`);
      const insert = old.prepare("INSERT INTO credentials (key, achievement_key, issuer_key, state, source, revocation_index, suspension_index, issued_at, revoked_at) VALUES (?, 'a', 'library', ?, ?, ?, ?, ?, ?)");
      insert.run('x1', 'issued', 'code', 1, 1, '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z');
      insert.run('x2', 'issued', 'admin', 2, 2, '2026-02-02T00:00:00Z', null);
      insert.run('x3', 'issuing', 'code', 3, 3, '2026-02-03T00:00:00Z', null);
      old.close();
      const db = await openSqlite(dir);
      try {
        expect((await monthlyCounts(db, { from: '2026-01', to: '2026-12' })).map((r) => ({ ...r })).sort((a, b) => a.month.localeCompare(b.month))).to.deep.equal([
          { achievement: 'a', month: '2026-02', issued: 2, claimed: 1, revoked: 0 },
          { achievement: 'a', month: '2026-03', issued: 0, claimed: 0, revoked: 1 },
        ]);
      } finally {
        await db.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
