// Several instances on one PostgreSQL database (issue #16): instances starting at the same moment
// all come up and agree on one pepper, one signing key, one admin key and one demo place; a
// configured signing key that is not the database's is refused; a later instance's start-up
// leaves a live instance's claim in flight alone, and rolls back only what was abandoned.
import { describe, it, after, expect, rejectionCode } from '@col/harness';
import { generateKeyPair } from '@citiesoflearning/verify';
import pg from 'pg';
import { createApp, type CreatedApp } from '../src/server.js';
import { buildApp } from '../src/app.js';
import type { ServerContext } from '../src/context.js';
import type { Sql, SqlDatabase } from '../src/sql/sql.js';
import { ABANDONED_ISSUE_AGE_MS } from '../src/issue.js';
import { insertIssuingCredential, type IssuingCredential } from '../src/store/credentials.js';
import { testPostgres } from './support/postgres.js';

const postgres = await testPostgres();
const ADMIN = 'pg-instances-admin-key-0123456789';

/** Every app a test creates, closed after the file even when the test failed. */
const apps: CreatedApp[] = [];
async function instance(database: string, options: Partial<Parameters<typeof createApp>[0]> = {}): Promise<CreatedApp> {
  const app = await createApp({ baseUrl: 'http://127.0.0.1:9', database, env: {}, ...options });
  apps.push(app);
  return app;
}

/** Rows of one query, straight from the database (not through the server). */
async function query<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * The instance's context on a database handle that, once an issue's reservation (the insert of
 * its `issuing` row) has committed, holds the next transaction until `release()`: an issue
 * stopped exactly between its reservation and its final commit, with no timing involved.
 */
function holdAfterReservation(ctx: ServerContext): { ctx: ServerContext; held: Promise<void>; release: () => void } {
  const db = ctx.sql;
  let reserved = false;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let markHeld!: () => void;
  const held = new Promise<void>((resolve) => (markHeld = resolve));
  const watch = (tx: Sql, saw: () => void): Sql => ({
    dialect: tx.dialect,
    get: (text, ...params) => tx.get(text, ...params),
    all: (text, ...params) => tx.all(text, ...params),
    run: (text, ...params) => {
      if (/INSERT INTO credentials/.test(text)) saw();
      return tx.run(text, ...params);
    },
    transaction: (work, options) => tx.transaction((inner) => work(watch(inner, saw)), options),
  });
  const sql: SqlDatabase = {
    dialect: db.dialect,
    description: db.description,
    get: (text, ...params) => db.get(text, ...params),
    all: (text, ...params) => db.all(text, ...params),
    run: (text, ...params) => db.run(text, ...params),
    flush: () => db.flush(),
    close: () => db.close(),
    async transaction(work, options) {
      if (reserved) {
        markHeld();
        await released;
      }
      let inserted = false;
      const result = await db.transaction((tx) => work(watch(tx, () => (inserted = true))), options);
      if (inserted) reserved = true;
      return result;
    },
  };
  return { ctx: { ...ctx, sql }, held, release };
}

async function claimCode(app: CreatedApp): Promise<{ achievement: string; code: string }> {
  const post = async (path: string, body: unknown) => {
    const res = await app.app.request(path, { method: 'POST', headers: { authorization: `Bearer ${app.context.adminKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status, `${path}: ${await res.clone().text()}`).to.equal(201);
    return (await res.json()) as Record<string, any>;
  };
  await post('/api/v1/issuers', { key: 'museum', name: 'Museum', url: 'https://museum.example', email: 'badges@museum.example' });
  const achievement = await post('/api/v1/achievements', { issuer: 'museum', name: 'Curator', description: 'Curated.', criteria: 'Curate.' });
  const codes = await post(`/api/v1/achievements/${achievement.key}/claim-codes`, { uses: 1, count: 1 });
  return { achievement: achievement.key as string, code: codes.codes[0] as string };
}

function claim(app: { request: CreatedApp['app']['request'] }, body: unknown, idempotencyKey: string) {
  return app.request('/api/v1/claims', { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey }, body: JSON.stringify(body) });
}

describe('several instances on one PostgreSQL database', { skip: postgres.skip }, () => {
  after(async () => {
    await Promise.all(apps.map((app) => app.close().catch(() => {})));
    await postgres.stop();
  });

  describe('starting at the same moment', () => {
    it('both come up with one pepper, one signing key and one admin key, printed by one of them only', async () => {
      const url = await postgres.freshDatabase();
      const [a, b] = await Promise.all([instance(url), instance(url)]);
      expect(a.context.pepper.equals(b.context.pepper)).to.equal(true);
      expect(a.context.key.publicKeyMultibase).to.equal(b.context.key.publicKeyMultibase);
      expect(a.context.adminKey).to.equal(b.context.adminKey);
      expect([a.adminKeyGenerated, b.adminKeyGenerated].sort()).to.deep.equal([false, true]);
      expect([a.context.key.source, b.context.key.source].sort()).to.deep.equal(['database', 'generated']);
      // What one instance publishes, the other signs with: the admin key works on both.
      const onB = await b.app.request('/api/v1/issuers', { method: 'POST', headers: { authorization: `Bearer ${a.context.adminKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ key: 'both', name: 'Both', url: 'https://both.example' }) });
      expect(onB.status).to.equal(201);
      const rows = await query<{ key: string }>(url, "SELECT key FROM meta WHERE key IN ('pepper', 'signing_key', 'signing_key_public', 'admin_key') ORDER BY key");
      expect(rows.map((r) => r.key)).to.deep.equal(['admin_key', 'pepper', 'signing_key', 'signing_key_public']);
    });

    it('with --demo, both come up and the database holds one demo place and one demo learner', async () => {
      const url = await postgres.freshDatabase();
      const [a, b] = await Promise.all([instance(url, { demo: true, adminKey: ADMIN }), instance(url, { demo: true, adminKey: ADMIN })]);
      expect(a.demo!.claimCodes).to.deep.equal(b.demo!.claimCodes);
      const count = async (db: string, table: string) => (await query<{ n: number }>(db, `SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
      // The same demo seeded by one instance alone, to compare with.
      const soloUrl = await postgres.freshDatabase();
      await instance(soloUrl, { demo: true, adminKey: ADMIN });
      for (const table of ['issuers', 'achievements', 'claim_codes', 'pathways', 'opportunities', 'priorities']) {
        expect(await count(url, table), table).to.equal(await count(soloUrl, table));
      }
      const [learner] = await query<{ value: string }>(url, "SELECT value FROM meta WHERE key = 'demo_learner'");
      const learnerKeys = JSON.parse(learner!.value) as string[];
      const [credentials] = await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM credentials WHERE state = 'issued'");
      // Only the demo learner's badges were issued, once: no second learner's worth of orphans.
      expect(credentials!.n).to.equal(learnerKeys.length);
      // The claim codes one printed work on the other.
      const { achievement, code } = a.demo!.claimCodes[0]!;
      const res = await claim(b.app, { achievement, code, recipient: { email: 'ada@example.org' } }, 'demo-claim-1');
      expect(res.status).to.equal(201);
    });
  });

  describe('the signing key', () => {
    it('a later instance signs with the key the first one stored, and says it came from the database', async () => {
      const url = await postgres.freshDatabase();
      const first = await instance(url);
      const later = await instance(url);
      expect(later.context.key.publicKeyMultibase).to.equal(first.context.key.publicKeyMultibase);
      expect(later.context.key.source).to.equal('database');
      expect(later.adminKeyGenerated).to.equal(false);
    });

    it('COL_SIGNING_KEY other than the database\'s key is refused at start-up, before anything is signed with it', async () => {
      const url = await postgres.freshDatabase();
      await instance(url);
      const other = JSON.stringify((await generateKeyPair('Ed25519')).privateJwk);
      expect(await rejectionCode(instance(url, { env: { COL_SIGNING_KEY: other } }))).to.equal('signing-key-mismatch');
    });

    it('COL_SIGNING_KEY equal to the stored key starts; an instance without it then uses the same key', async () => {
      const url = await postgres.freshDatabase();
      const configured = JSON.stringify((await generateKeyPair('Ed25519')).privateJwk);
      const first = await instance(url, { env: { COL_SIGNING_KEY: configured } });
      expect(first.context.key.source).to.equal('environment');
      const again = await instance(url, { env: { COL_SIGNING_KEY: configured } });
      expect(again.context.key.publicKeyMultibase).to.equal(first.context.key.publicKeyMultibase);
      // The configured private key is not copied into the database; an instance without it
      // cannot sign as the others do, so it refuses rather than make a second key.
      const [stored] = await query(url, "SELECT value FROM meta WHERE key = 'signing_key'");
      expect(stored).to.equal(undefined);
      expect(await rejectionCode(instance(url))).to.equal('signing-key-mismatch');
    });
  });

  describe('status list indexes', () => {
    it('an index another connection takes while we insert is reported as taken, not as an error, and nothing is written', async () => {
      const url = await postgres.freshDatabase();
      const a = await instance(url, { adminKey: ADMIN });
      const b = await instance(url, { adminKey: ADMIN });
      const { achievement } = await claimCode(a);
      const row = (key: string): IssuingCredential => ({ key, achievementKey: achievement, issuerKey: 'museum', source: 'admin', recipientHash: null, recipientSalt: null, recipientEmail: null, recipientDid: 'did:example:1', claimCode: null, revocationIndex: 7, suspensionIndex: 7, issuedAt: '2026-12-01T00:00:00Z' });
      let commit!: () => void;
      const committing = new Promise<void>((resolve) => (commit = resolve));
      let inserted!: () => void;
      const insertedByA = new Promise<void>((resolve) => (inserted = resolve));
      const first = a.context.sql.transaction(async (tx) => {
        const written = await insertIssuingCredential(tx, row('first'));
        inserted();
        await committing;
        return written;
      });
      await insertedByA;
      // B's insert of the same indexes waits for A's transaction, then finds them taken.
      const second = b.context.sql.transaction((tx) => insertIssuingCredential(tx, row('second'), { unlessTaken: true }));
      commit();
      expect(await first).to.equal(true);
      expect(await second).to.equal(false);
      expect((await query<{ key: string }>(url, 'SELECT key FROM credentials')).map((r) => r.key)).to.deep.equal(['first']);
    });

    it('200 awards at once on two instances are all issued at the first try (no 500, no 503), each with its own indexes', async () => {
      const url = await postgres.freshDatabase();
      const a = await instance(url, { adminKey: ADMIN });
      const b = await instance(url, { adminKey: ADMIN });
      const { achievement } = await claimCode(a);
      const award = (i: number) =>
        (i % 2 ? a : b).app.request('/api/v1/claims', {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', 'idempotency-key': `burst-${i}` },
          body: JSON.stringify({ achievement, recipient: { email: `learner${i}@example.org` } }),
        });
      // The issuing transactions run at READ COMMITTED: the rows every award writes (the badge's
      // insight row, the status indexes) are waited for, not fought over, so none is told to
      // come back (503) and every one is issued at the first try.
      const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => award(i)));
      const refused = answers.filter((res) => res.status !== 201);
      expect(await Promise.all(refused.map(async (res) => `${res.status} ${await res.text()}`))).to.deep.equal([]);
      const [counts] = await query<{ n: number; revocation: number; suspension: number; other: number }>(
        url,
        "SELECT count(*)::int AS n, count(DISTINCT revocation_index)::int AS revocation, count(DISTINCT suspension_index)::int AS suspension, count(*) FILTER (WHERE state <> 'issued')::int AS other FROM credentials",
      );
      expect(counts).to.deep.equal({ n: 200, revocation: 200, suspension: 200, other: 0 });
    });
  });

  describe('recovery at start-up', () => {
    it('a second instance starting leaves the first one\'s claim in flight alone: it completes and is acknowledged once', async () => {
      const url = await postgres.freshDatabase();
      const a = await instance(url, { adminKey: ADMIN });
      const { achievement, code } = await claimCode(a);
      const hold = holdAfterReservation(a.context);
      const body = { achievement, code, recipient: { email: 'grace@example.org' } };
      const answer = claim(buildApp(hold.ctx), body, 'in-flight-1');
      await hold.held;
      const [issuing] = await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM credentials WHERE state = 'issuing'");
      expect(issuing!.n).to.equal(1);
      const b = await instance(url, { adminKey: ADMIN });
      hold.release();
      const res = await answer;
      expect(res.status).to.equal(201);
      const issued = (await res.json()) as { id: string };
      // Asked again on the other instance, the same claim is the same credential, not a second one.
      const replay = await claim(b.app, body, 'in-flight-1');
      expect(replay.status).to.equal(201);
      expect(((await replay.json()) as { id: string }).id).to.equal(issued.id);
      const rows = await query<{ state: string; n: number }>(url, 'SELECT state, count(*)::int AS n FROM credentials GROUP BY state');
      expect(rows).to.deep.equal([{ state: 'issued', n: 1 }]);
      const [codeRow] = await query<{ uses_left: number }>(url, 'SELECT uses_left FROM claim_codes');
      expect(codeRow!.uses_left).to.equal(0);
    });

    it('an issue abandoned over an hour ago is rolled back by the next start, and its instance, if it wakes, does not acknowledge it', async () => {
      const url = await postgres.freshDatabase();
      const past = () => new Date(Date.now() - ABANDONED_ISSUE_AGE_MS - 60_000);
      const frozen = await instance(url, { adminKey: ADMIN, now: past });
      const { achievement, code } = await claimCode(frozen);
      const hold = holdAfterReservation(frozen.context);
      const answer = claim(buildApp(hold.ctx), { achievement, code, recipient: { email: 'old@example.org' } }, 'frozen-1');
      await hold.held;
      const logs: string[] = [];
      await instance(url, { adminKey: ADMIN, log: (line) => logs.push(line) });
      expect(logs.some((line) => /rolled back 1 claim/.test(line))).to.equal(true);
      hold.release();
      const res = await answer;
      expect(res.status).to.equal(503);
      expect(await query(url, 'SELECT key FROM credentials')).to.deep.equal([]);
      // The code's one use came back exactly once.
      const [codeRow] = await query<{ uses_left: number }>(url, 'SELECT uses_left FROM claim_codes');
      expect(codeRow!.uses_left).to.equal(1);
    });
  });
});
