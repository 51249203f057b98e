// Two server instances on one real PostgreSQL behave as one: each instance is its own process
// (so one can be SIGKILLed), both with the same signing and admin keys from their environment and
// the same public base URL, as behind a load balancer. A single-use code raced across both issues
// once, a five-use code five times, a ticket once, a pathway milestone once; a cohort's claims of
// many codes get distinct status indexes and exact insight counts; a revocation on one shows in
// the list the other serves, 200 concurrent ones of two badges included (none answered 503, none
// lost), and one credential revoked at once on both is revoked once; rate limits count
// on both; a killed instance loses no acknowledged claim and no code use; the same
// Idempotency-Key on both gives one credential.
import { describe, it, before, after, expect } from '@col/harness';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { decodeStatusList, generateKeyPair, getStatusBit, signCredentialJwt } from '@citiesoflearning/verify';
import { ADMIN } from './support/test-server.js';
import { testPostgres } from './support/postgres.js';
import { spawnServerProcess, type ServerProcess } from './support/spawn-server.js';

const postgres = await testPostgres();
const child = fileURLToPath(new URL('./support/postgres-instance-child.ts', import.meta.url));
/** The address learners and verifiers see: the load balancer's, not either instance's. */
const PUBLIC_URL = 'https://badges.city.example';
const signingKey = JSON.stringify((await generateKeyPair('Ed25519')).privateJwk);

type Instance = ServerProcess;

const running: Instance[] = [];
const folders: string[] = [];

/** Start one instance on `database` and wait until it listens. */
async function startInstance(database: string, options: Record<string, unknown> = {}): Promise<Instance> {
  const dataDir = await mkdtemp(join(tmpdir(), 'col-instance-'));
  folders.push(dataDir);
  const instance = await spawnServerProcess(child, [JSON.stringify({ database, dataDir, baseUrl: PUBLIC_URL, claimsPerMinute: 1_000_000, ...options })], {
    env: { ...process.env, COL_ADMIN_KEY: ADMIN, COL_SIGNING_KEY: signingKey, COL_DATABASE_URL: '' },
    startMs: 60_000,
  });
  running.push(instance);
  return instance;
}

/** Two instances on one fresh database, the second started once the first listens (pgops makes concurrent starts safe). */
async function twoInstances(options: Record<string, unknown> = {}): Promise<{ a: Instance; b: Instance; database: string; db: pg.Pool }> {
  const database = await postgres.freshDatabase();
  const a = await startInstance(database, options);
  const b = await startInstance(database, options);
  const db = new pg.Pool({ connectionString: database, max: 2 });
  pools.push(db);
  return { a, b, database, db };
}
const pools: pg.Pool[] = [];

interface Answer {
  status: number;
  json: any;
  headers: Headers;
}

async function call(instance: Instance, method: string, path: string, body?: unknown, options: { admin?: boolean; headers?: Record<string, string> } = {}): Promise<Answer> {
  const res = await fetch(new URL(path, instance.url), {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(options.admin ? { authorization: `Bearer ${ADMIN}` } : {}), ...options.headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** An issuer and a badge, created through instance `on`; returns the badge's key. */
async function seedBadge(on: Instance, issuer: string): Promise<string> {
  expect((await call(on, 'POST', '/api/v1/issuers', { key: issuer, name: 'City Library', url: 'https://library.example' }, { admin: true })).status).to.equal(201);
  const badge = await call(on, 'POST', '/api/v1/achievements', { issuer, name: 'Reading Club', description: 'Read six books.', criteria: 'Read six books and talk about one.' }, { admin: true });
  expect(badge.status).to.equal(201);
  return badge.json.key as string;
}

async function claimCode(on: Instance, badge: string, uses: number): Promise<string> {
  const codes = await call(on, 'POST', `/api/v1/achievements/${badge}/claim-codes`, { uses }, { admin: true });
  expect(codes.status).to.equal(201);
  return codes.json.codes[0] as string;
}

const claim = (on: Instance, badge: string, code: string, email: string, headers: Record<string, string> = {}) =>
  call(on, 'POST', '/api/v1/claims', { achievement: badge, code, recipient: { email } }, { headers });

/** The bit of a credential in the status list `on` serves (reached by path: both serve the public URL's lists). */
async function statusBit(on: Instance, credential: any, purpose: 'revocation' | 'suspension'): Promise<boolean> {
  const entry = credential.credentialStatus.find((e: any) => e.statusPurpose === purpose);
  const list = await call(on, 'GET', new URL(entry.statusListCredential).pathname);
  expect(list.status).to.equal(200);
  return getStatusBit(await decodeStatusList(list.json.credentialSubject.encodedList), Number(entry.statusListIndex));
}

/** Every status bit of `purpose` in the list `on` serves for `issuer`. */
async function statusBits(on: Instance, issuer: string, purpose: 'revocation'): Promise<Uint8Array> {
  const list = await call(on, 'GET', `/api/v1/issuers/${issuer}/status/${purpose}`);
  expect(list.status).to.equal(200);
  return decodeStatusList(list.json.credentialSubject.encodedList);
}

describe('two server instances on one PostgreSQL', { skip: postgres.skip }, () => {
  let a: Instance;
  let b: Instance;
  let db: pg.Pool;

  before(async () => {
    ({ a, b, db } = await twoInstances());
  });

  after(async () => {
    for (const instance of running) instance.proc.kill('SIGKILL');
    await Promise.all(running.map((instance) => instance.exited));
    await Promise.all(pools.map((pool) => pool.end()));
    await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
    await postgres.stop();
  });

  it('a single-use code raced by 100 concurrent claims split across both issues exactly once', async () => {
    const badge = await seedBadge(a, 'race-library');
    const code = await claimCode(b, badge, 1);
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => claim(i % 2 ? b : a, badge, code, `racer${i}@example.org`)));
    const won = answers.filter((r) => r.status === 201);
    expect(won, answers.filter((r) => r.status !== 201 && r.status !== 409).map((r) => `${r.status} ${r.json?.code}`).join(', ')).to.have.length(1);
    for (const lost of answers.filter((r) => r.status !== 201)) expect([lost.status, lost.json.code]).to.deep.equal([409, 'code-used-up']);
    const { rows } = await db.query("SELECT state, count(*)::int AS n FROM credentials WHERE achievement_key = $1 GROUP BY state", [badge]);
    expect(rows).to.deep.equal([{ state: 'issued', n: 1 }]);
    expect((await db.query('SELECT uses_left FROM claim_codes WHERE achievement_key = $1', [badge])).rows).to.deep.equal([{ uses_left: 0 }]);
  });

  it('a code with five uses raced by 100 claims split across both issues exactly five credentials, and no claim is answered 503', async () => {
    const badge = await seedBadge(b, 'five-library');
    const code = await claimCode(a, badge, 5);
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => claim(i % 2 ? a : b, badge, code, `five${i}@example.org`)));
    expect(answers.filter((r) => r.status === 201)).to.have.length(5);
    expect(answers.filter((r) => !(r.status === 409 && r.json.code === 'code-used-up')).map((r) => r.status).filter((s) => s !== 201)).to.deep.equal([]);
    const { rows } = await db.query("SELECT count(*)::int AS n FROM credentials WHERE achievement_key = $1 AND state = 'issued'", [badge]);
    expect(rows[0].n).to.equal(5);
    expect((await db.query('SELECT uses_left FROM claim_codes WHERE achievement_key = $1', [badge])).rows).to.deep.equal([{ uses_left: 0 }]);
  });

  it('claims of many codes of one badge at once on both: each gets its own status indexes, and the insight counts are exact', async () => {
    const badge = await seedBadge(a, 'cohort-library');
    const codes = await call(a, 'POST', `/api/v1/achievements/${badge}/claim-codes`, { uses: 3, count: 40 }, { admin: true });
    expect(codes.status).to.equal(201);
    const answers = await Promise.all(Array.from({ length: 120 }, (_, i) => claim(i % 2 ? b : a, badge, codes.json.codes[i % 40], `cohort${i}@example.org`)));
    expect(answers.map((r) => r.status).filter((s) => s !== 201), JSON.stringify(answers.find((r) => r.status !== 201)?.json)).to.deep.equal([]);
    const indexes = (purpose: string) => answers.map((r) => r.json.credential.credentialStatus.find((e: any) => e.statusPurpose === purpose).statusListIndex);
    expect(new Set(indexes('revocation')).size).to.equal(120);
    expect(new Set(indexes('suspension')).size).to.equal(120);
    const stored = await db.query(
      "SELECT count(*)::int AS n, count(DISTINCT revocation_index)::int AS r, count(DISTINCT suspension_index)::int AS s FROM credentials WHERE achievement_key = $1 AND state = 'issued'",
      [badge],
    );
    expect(stored.rows).to.deep.equal([{ n: 120, r: 120, s: 120 }]);
    // The trigger-kept monthly row every one of these claims added to at once.
    const insight = await db.query('SELECT sum(issued)::int AS issued, sum(claimed)::int AS claimed FROM insight_monthly WHERE achievement_key = $1', [badge]);
    expect(insight.rows).to.deep.equal([{ issued: 120, claimed: 120 }]);
    expect((await db.query('SELECT sum(uses_left)::int AS n FROM claim_codes WHERE achievement_key = $1', [badge])).rows).to.deep.equal([{ n: 0 }]);
  });

  it('a pathway milestone asked for on both instances at once is awarded once, and every answer names that one credential', async () => {
    expect((await call(a, 'POST', '/api/v1/issuers', { key: 'path-college', name: 'Brightwater College', url: 'https://college.example' }, { admin: true })).status).to.equal(201);
    const ids: Record<string, string> = {};
    const codes: Record<string, string> = {};
    for (const key of ['path-step-a', 'path-step-b', 'path-finished']) {
      const made = await call(a, 'POST', '/api/v1/achievements', { key, issuer: 'path-college', name: `Step ${key}`, description: 'A step.', criteria: 'Do the step.' }, { admin: true });
      expect(made.status).to.equal(201);
      ids[key] = made.json.id;
      codes[key] = await claimCode(b, key, 5);
    }
    const root = {
      type: 'group', id: 'root', title: 'Both steps', min: 2, milestoneBadge: ids['path-finished'],
      children: ['path-step-a', 'path-step-b'].map((k) => ({ type: 'badge', id: k, badge: { id: ids[k] } })),
    };
    expect((await call(b, 'POST', '/api/v1/pathways', { key: 'both-steps', issuer: 'path-college', name: 'Both steps', root }, { admin: true })).status).to.equal(201);
    expect((await call(a, 'POST', '/api/v1/pathways/both-steps/publish', {}, { admin: true })).json.status).to.equal('published');
    const email = 'finisher@example.org';
    const earned = await Promise.all(['path-step-a', 'path-step-b'].map((key, i) => claim(i ? b : a, key, codes[key]!, email)));
    const credentials = earned.map((r) => r.json.credential);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => call(i % 2 ? b : a, 'POST', '/api/v1/pathways/both-steps/milestones', { recipient: { email }, credentials })));
    expect(answers.map((r) => r.status), JSON.stringify(answers.find((r) => r.status !== 200)?.json)).to.deep.equal(Array(12).fill(200));
    const awarded = answers.map((r) => r.json.awarded.map((x: any) => x.id));
    expect(new Set(awarded.flat()).size, JSON.stringify(awarded)).to.equal(1);
    expect(awarded.every((ids) => ids.length === 1)).to.equal(true);
    expect(answers.filter((r) => r.json.awarded[0].new).length, 'answered as newly awarded').to.equal(1);
    const issued = await db.query("SELECT count(*)::int AS n FROM credentials WHERE achievement_key = 'path-finished'");
    expect(issued.rows[0].n).to.equal(1);
    expect((await db.query('SELECT count(*)::int AS n FROM milestone_awards')).rows[0].n).to.equal(1);
  });

  it('a claim ticket replayed on both instances is redeemed once', async () => {
    const badge = await seedBadge(a, 'ticket-library');
    const keys = await generateKeyPair('Ed25519');
    expect((await call(b, 'POST', '/api/v1/issuers/ticket-library/ticket-keys', { jwk: keys.publicJwk, kid: 'lms-1' }, { admin: true })).status).to.equal(201);
    const ticket = await signCredentialJwt(
      { aud: `${PUBLIC_URL}/api/v1/claims`, exp: Math.floor(Date.now() / 1000) + 600, jti: `jti-${crypto.randomUUID()}`, achievement: badge, email: 'pupil@example.org' },
      { privateJwk: keys.privateJwk, kid: 'lms-1' },
    );
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => call(i % 2 ? b : a, 'POST', '/api/v1/claims', { achievement: badge, ticket, recipient: { email: 'pupil@example.org' } })));
    expect(answers.filter((r) => r.status === 201)).to.have.length(1);
    for (const lost of answers.filter((r) => r.status !== 201)) expect([lost.status, lost.json.code]).to.deep.equal([409, 'ticket-used']);
    expect((await db.query("SELECT count(*)::int AS n FROM credentials WHERE achievement_key = $1", [badge])).rows[0].n).to.equal(1);
  });

  it('a revocation on A is in the status list B serves', async () => {
    const badge = await seedBadge(a, 'revoke-library');
    const code = await claimCode(a, badge, 2);
    const first = await claim(a, badge, code, 'first@example.org');
    const second = await claim(b, badge, code, 'second@example.org');
    // B signs (and stores) its list before the change, so a stale copy would show.
    expect(await statusBit(b, first.json.credential, 'revocation')).to.equal(false);
    const key = first.json.credential.id.split('/').pop();
    const revoked = await call(a, 'POST', `/api/v1/credentials/${key}/revoke`, { reason: 'Issued to the wrong learner' }, { admin: true });
    expect(revoked.status).to.equal(200);
    expect(await statusBit(b, first.json.credential, 'revocation')).to.equal(true);
    expect(await statusBit(b, second.json.credential, 'revocation')).to.equal(false);
    expect((await call(b, 'GET', `/api/v1/credentials/${key}/status`)).json).to.include({ revoked: true });
  });

  it('200 concurrent revocations spread over both are each answered 200 at once (no 503) and each in the list either serves', async () => {
    // Two badges of one issuer: their revocations share only the issuer's list row (each badge
    // has its own insight row), so a lost update of the list's bits would show.
    const badges = [await seedBadge(b, 'mass-library')];
    const second = await call(a, 'POST', '/api/v1/achievements', { issuer: 'mass-library', name: 'Writing Club', description: 'Wrote six stories.', criteria: 'Write six stories.' }, { admin: true });
    expect(second.status).to.equal(201);
    badges.push(second.json.key as string);
    const perBadge: any[][] = [];
    for (const [n, badge] of badges.entries()) {
      const recipients = Array.from({ length: 130 }, (_, i) => ({ email: `learner${n}-${i}@example.org` }));
      const awarded = await call(a, 'POST', '/api/v1/awards', { achievement: badge, recipients }, { admin: true });
      expect(awarded.status).to.equal(200);
      expect(awarded.json.summary.issued).to.equal(130);
      perBadge.push(awarded.json.results.map((r: any) => r.credential));
    }
    const revoke = Array.from({ length: 100 }, (_, i) => [perBadge[0]![i], perBadge[1]![i]]).flat();
    const kept = [...perBadge[0]!.slice(100), ...perBadge[1]!.slice(100)];
    // Each revocation sets a bit in the issuer's one list row: READ COMMITTED transactions queue
    // for its lock instead of aborting, so every one is answered 200 at the first try.
    const answers = await Promise.all(
      revoke.map((credential: any, i: number) => call(i % 2 ? b : a, 'POST', `/api/v1/credentials/${credential.id.split('/').pop()}/revoke`, { reason: 'Course withdrawn' }, { admin: true })),
    );
    expect(answers.map((r) => r.status).filter((s) => s !== 200), JSON.stringify(answers.find((r) => r.status !== 200)?.json)).to.deep.equal([]);
    for (const on of [a, b]) {
      const bits = await statusBits(on, 'mass-library', 'revocation');
      const index = (credential: any) => Number(credential.credentialStatus.find((e: any) => e.statusPurpose === 'revocation').statusListIndex);
      expect(revoke.filter((credential: any) => !getStatusBit(bits, index(credential))), 'revoked but not in the list').to.deep.equal([]);
      expect(kept.filter((credential: any) => getStatusBit(bits, index(credential))), 'in the list but not revoked').to.deep.equal([]);
    }
  });

  it('one credential revoked 20 times at once on both is revoked once: one 200, the rest 409, counted once', async () => {
    const badge = await seedBadge(a, 'twice-library');
    const code = await claimCode(b, badge, 1);
    const issued = await claim(a, badge, code, 'once@example.org');
    expect(issued.status).to.equal(201);
    const key = issued.json.credential.id.split('/').pop();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => call(i % 2 ? b : a, 'POST', `/api/v1/credentials/${key}/revoke`, { reason: `Reason ${i}` }, { admin: true })));
    expect(answers.filter((r) => r.status === 200)).to.have.length(1);
    for (const lost of answers.filter((r) => r.status !== 200)) expect([lost.status, lost.json.code]).to.deep.equal([409, 'already-revoked']);
    // The reason stored is the one request that was answered 200.
    const winner = answers.findIndex((r) => r.status === 200);
    expect((await db.query('SELECT revocation_reason FROM credentials WHERE key = $1', [key])).rows).to.deep.equal([{ revocation_reason: `Reason ${winner}` }]);
    expect((await db.query('SELECT sum(revoked)::int AS n FROM insight_monthly WHERE achievement_key = $1', [badge])).rows).to.deep.equal([{ n: 1 }]);
    expect(await statusBit(b, issued.json.credential, 'revocation')).to.equal(true);
  });

  it('the same Idempotency-Key sent to both at once gives one credential', async () => {
    const badge = await seedBadge(a, 'idem-library');
    const code = await claimCode(a, badge, 10);
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const answers = await Promise.all([claim(a, badge, code, 'same@example.org', headers), claim(b, badge, code, 'same@example.org', headers)]);
    // One runs; the other replays its answer, or (still running) is told to retry in a moment.
    for (const r of answers) expect(r.status === 201 || (r.status === 409 && r.json.code === 'idempotency-in-progress'), `${r.status} ${r.json?.code}`).to.equal(true);
    const retried = await Promise.all([claim(a, badge, code, 'same@example.org', headers), claim(b, badge, code, 'same@example.org', headers)]);
    expect(retried.map((r) => r.status)).to.deep.equal([201, 201]);
    const ids = new Set([...answers, ...retried].filter((r) => r.status === 201).map((r) => r.json.credential.id));
    expect(ids.size).to.equal(1);
    expect((await db.query("SELECT count(*)::int AS n FROM credentials WHERE achievement_key = $1", [badge])).rows[0].n).to.equal(1);
    expect((await db.query('SELECT uses_left FROM claim_codes WHERE achievement_key = $1', [badge])).rows).to.deep.equal([{ uses_left: 9 }]);
  });

  it('a caller over the claim limit on A is limited on B, and a key over its award limit on B is limited on A', async () => {
    const limited = await twoInstances({ claimsPerMinute: 5, awardsPerMinute: 10 });
    const badge = await seedBadge(limited.a, 'limit-library');
    const code = await claimCode(limited.a, badge, 100);
    // Five claims from this address, three on A and two on B, use the budget…
    for (const on of [limited.a, limited.b, limited.a, limited.b, limited.a]) expect((await claim(on, badge, code, `l${Math.random()}@example.org`)).status).to.equal(201);
    // …so a sixth is refused on either, with the wait until the window ends.
    for (const on of [limited.b, limited.a]) {
      const refused = await claim(on, badge, code, 'sixth@example.org');
      expect([refused.status, refused.json.code]).to.deep.equal([429, 'rate-limited']);
      expect(Number(refused.headers.get('retry-after'))).to.be.within(1, 60);
    }
    // Awards per key: 6 rows on A fit the budget of 10; 6 more on B do not, nor 1 more on A.
    const rows = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ email: `${tag}${i}@example.org` }));
    expect((await call(limited.a, 'POST', '/api/v1/awards', { achievement: badge, recipients: rows(6, 'first') }, { admin: true })).status).to.equal(200);
    const overB = await call(limited.b, 'POST', '/api/v1/awards', { achievement: badge, recipients: rows(6, 'second') }, { admin: true });
    expect([overB.status, overB.json.code]).to.deep.equal([429, 'rate-limited']);
    expect((await call(limited.a, 'POST', '/api/v1/awards', { achievement: badge, recipients: rows(4, 'third') }, { admin: true })).status, 'the refused 6 counted nothing').to.equal(200);
    const overA = await call(limited.a, 'POST', '/api/v1/awards', { achievement: badge, recipients: rows(1, 'fourth') }, { admin: true });
    expect([overA.status, overA.json.code]).to.deep.equal([429, 'rate-limited']);
    // Nothing personal in the shared counters: hashed callers only.
    const counters = await limited.db.query('SELECT bucket, subject FROM rate_limits ORDER BY bucket');
    expect(counters.rows.map((r) => r.bucket)).to.deep.equal(['awards', 'claims']);
    for (const r of counters.rows) expect(r.subject).not.to.match(/127\.0\.0\.1|admin/);
  });

  it('SIGKILL of one instance during a claim burst loses no acknowledged claim and no code use; the other keeps serving', async () => {
    const pair = await twoInstances();
    const badge = await seedBadge(pair.a, 'kill-library');
    const code = await claimCode(pair.a, badge, 100_000);
    const acknowledged: any[] = [];
    const failedOnB: string[] = [];
    let stop = false;
    let n = 0;
    const worker = (on: Instance) => async () => {
      while (!stop) {
        const i = n++;
        try {
          const r = await claim(on, badge, code, `burst${i}@example.org`);
          if (r.status === 201) acknowledged.push(r.json);
          else if (on === pair.b) failedOnB.push(`${r.status} ${r.json?.code}`);
        } catch (error) {
          if (on === pair.b) failedOnB.push(String(error));
          if (on === pair.a) return; // A is gone
        }
      }
    };
    const workers = [...Array.from({ length: 8 }, () => worker(pair.a)()), ...Array.from({ length: 8 }, () => worker(pair.b)())];
    /** Wait until `count` claims are acknowledged (the machine may be busy: by count, not by time). */
    const until = async (count: number) => {
      const deadline = Date.now() + 120_000;
      while (acknowledged.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    await until(30);
    const beforeKill = acknowledged.length;
    pair.a.proc.kill('SIGKILL');
    await pair.a.exited;
    await until(beforeKill + 30);
    const afterKill = acknowledged.length;
    stop = true;
    await Promise.all(workers);
    expect(beforeKill, 'claims were acknowledged before the kill').to.be.greaterThan(5);
    expect(afterKill, 'B kept acknowledging claims after A died').to.be.greaterThan(beforeKill);
    expect(failedOnB, 'B refused or failed nothing').to.deep.equal([]);

    // Every acknowledged claim is there, complete (issued, signed) and the one that was answered.
    const { rows } = await pair.db.query("SELECT key, state, credential FROM credentials WHERE achievement_key = $1", [badge]);
    const stored = new Map(rows.map((r) => [r.key, r]));
    for (const award of acknowledged) {
      const row = stored.get(award.credential.id.split('/').pop());
      expect(row?.state, award.credential.id).to.equal('issued');
      expect(JSON.parse(row.credential).proof.proofValue).to.equal(award.credential.proof.proofValue);
    }
    // A claim A was in the middle of may be left 'issuing' (holding its use until an instance
    // recovers it as abandoned, an hour on); none is lost or counted twice.
    const counts = async () =>
      (
        await pair.db.query(
          `SELECT (SELECT uses_left FROM claim_codes WHERE achievement_key = $1) AS uses_left,
                  (SELECT count(*)::int FROM credentials WHERE achievement_key = $1 AND state = 'issued') AS issued,
                  (SELECT count(*)::int FROM credentials WHERE achievement_key = $1 AND state = 'issuing') AS issuing`,
          [badge],
        )
      ).rows[0];
    const after = await counts();
    expect(after.issued).to.be.at.least(acknowledged.length);
    expect(after.uses_left + after.issued + after.issuing).to.equal(100_000);
    // An hour on (ABANDONED_ISSUE_AGE_MS: live neighbours' claims in flight are younger), an
    // instance starting recovers what A left half done: then every use is either left or issued.
    pair.b.proc.kill('SIGTERM');
    await pair.b.exited;
    await pair.db.query("UPDATE credentials SET issued_at = '2000-01-01T00:00:00Z' WHERE achievement_key = $1 AND state = 'issuing'", [badge]);
    await startInstance(pair.database);
    const recovered = await counts();
    expect(recovered.issuing).to.equal(0);
    expect(recovered.uses_left + recovered.issued).to.equal(100_000);
    expect(recovered.issued).to.be.at.least(acknowledged.length);
  });
});
