// Rate limits that hold across server instances: the database-backed limiter on a real
// PostgreSQL (two pools on one database stand for two instances) grants exactly `limit` takes to
// a burst of concurrent ones, counts no refused take, lets a batch larger than the limit into an
// empty window only, starts a window over when it ends, answers the wait until then, and never
// stores a caller's address in clear. The same store statement runs on SQLite, and the in-memory
// limiter SQLite's single process uses keeps the same rules.
import { randomBytes } from 'node:crypto';
import { describe, it, after, expect } from '@col/harness';
import { openPostgres, type PostgresDatabase } from '../src/sql/postgres.js';
import { openSqlite } from '../src/sql/sqlite.js';
import type { Sql, SqlDatabase } from '../src/sql/sql.js';
import { MemoryRateLimiter, type RateLimiter } from '../src/rate-limit.js';
import { DatabaseRateLimiter } from '../src/database-rate-limit.js';
import { testPostgres } from './support/postgres.js';

const postgres = await testPostgres();
const pepper = randomBytes(32);

const opened: SqlDatabase[] = [];
async function openPg(url: string): Promise<PostgresDatabase> {
  const database = await openPostgres(url, { maxConnections: 20 });
  opened.push(database);
  return database;
}

/** A clock the test moves by hand. */
function clock(start = 1_800_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let at = start;
  return { now: () => at, advance: (ms) => void (at += ms) };
}

/** The rules every limiter keeps, whatever holds its counts. */
function sharedRules(make: (options: { limit: number; windowMs: number; now: () => number }) => Promise<RateLimiter>): void {
  it('refused takes do not count, and the window starts over when it ends', async () => {
    const time = clock();
    const limiter = await make({ limit: 3, windowMs: 60_000, now: time.now });
    for (let i = 0; i < 3; i++) expect(await limiter.take('198.51.100.7')).to.equal(0);
    time.advance(20_000);
    expect(await limiter.take('198.51.100.7')).to.equal(40_000); // the wait until the window ends
    expect(await limiter.take('198.51.100.7')).to.equal(40_000);
    expect(await limiter.take('198.51.100.8'), 'another caller has a budget of its own').to.equal(0);
    time.advance(40_000);
    // Two refusals above counted nothing: the new window has the whole limit.
    for (let i = 0; i < 3; i++) expect(await limiter.take('198.51.100.7')).to.equal(0);
    expect(await limiter.take('198.51.100.7')).to.be.greaterThan(0);
  });

  it('a batch larger than the limit passes only into an empty window; one that does not fit counts nothing', async () => {
    const time = clock();
    const limiter = await make({ limit: 10, windowMs: 60_000, now: time.now });
    expect(await limiter.take('issuer:library', 25), 'a big batch into an empty window').to.equal(0);
    expect(await limiter.take('issuer:library', 1)).to.equal(60_000);
    time.advance(60_000);
    expect(await limiter.take('issuer:library', 6)).to.equal(0);
    expect(await limiter.take('issuer:library', 5), 'does not fit beside 6').to.be.greaterThan(0);
    expect(await limiter.take('issuer:library', 4), 'the refused 5 left room for 4').to.equal(0);
    expect(await limiter.take('issuer:library', 1)).to.be.greaterThan(0);
  });
}

describe('in-memory rate limiter (SQLite: one process)', () => {
  sharedRules(async ({ limit, windowMs, now }) => new MemoryRateLimiter(limit, windowMs, now));
});

describe('database rate limiter on SQLite (the same statement)', () => {
  after(async () => {
    await Promise.all(opened.map((database) => database.close().catch(() => {})));
  });
  sharedRules(async (options) => {
    const database = await openSqlite(':memory:');
    opened.push(database);
    return new DatabaseRateLimiter(database, { bucket: 'claims', pepper, ...options });
  });
});

describe('database rate limiter on PostgreSQL (shared by instances)', { skip: postgres.skip }, () => {
  after(async () => {
    await Promise.all(opened.map((database) => database.close().catch(() => {})));
    await postgres.stop();
  });

  sharedRules(async (options) => new DatabaseRateLimiter(await openPg(await postgres.freshDatabase()), { bucket: 'claims', pepper, ...options }));

  it('200 concurrent takes through two instances grant exactly the limit, and the rest wait for the window', async () => {
    const url = await postgres.freshDatabase();
    const [a, b] = [await openPg(url), await openPg(url)];
    const options = { bucket: 'claims', limit: 37, windowMs: 60_000, pepper };
    const limiters = [new DatabaseRateLimiter(a, options), new DatabaseRateLimiter(b, options)];
    const waits = await Promise.all(Array.from({ length: 200 }, (_, i) => limiters[i % 2]!.take('203.0.113.9')));
    expect(waits.filter((w) => w === 0).length).to.equal(37);
    for (const wait of waits.filter((w) => w > 0)) expect(wait).to.be.within(1, 60_000);
    const row = await a.get<{ used: number }>('SELECT used FROM rate_limits');
    expect(row!.used, 'refused takes counted nothing').to.equal(37);
  });

  it('concurrent batches from two instances never overfill a window', async () => {
    const url = await postgres.freshDatabase();
    const [a, b] = [await openPg(url), await openPg(url)];
    const options = { bucket: 'awards', limit: 100, windowMs: 60_000, pepper };
    const limiters = [new DatabaseRateLimiter(a, options), new DatabaseRateLimiter(b, options)];
    // Batches of 7 rows: at most 14 fit in 100 (98 rows), whatever the interleaving, unless the
    // first one landed into an empty window (it always does: one of them is first).
    const waits = await Promise.all(Array.from({ length: 60 }, (_, i) => limiters[i % 2]!.take('issuer:library', 7)));
    expect(waits.filter((w) => w === 0).length).to.equal(14);
    expect((await b.get<{ used: number }>('SELECT used FROM rate_limits'))!.used).to.equal(98);
  });

  it('stores the caller as a keyed hash, never the address itself', async () => {
    const database = await openPg(await postgres.freshDatabase());
    await new DatabaseRateLimiter(database, { bucket: 'claims', limit: 5, windowMs: 60_000, pepper }).take('203.0.113.9');
    const rows = await database.all<{ bucket: string; subject: string }>('SELECT bucket, subject FROM rate_limits');
    expect(rows).to.have.length(1);
    expect(rows[0]!.bucket).to.equal('claims');
    expect(rows[0]!.subject).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(rows[0]!.subject).not.to.include('203.0.113');
  });

  it('buckets are separate: the claims budget of an address is not its shares budget', async () => {
    const database = await openPg(await postgres.freshDatabase());
    const claims = new DatabaseRateLimiter(database, { bucket: 'claims', limit: 1, windowMs: 60_000, pepper });
    const shares = new DatabaseRateLimiter(database, { bucket: 'shares', limit: 1, windowMs: 60_000, pepper });
    expect(await claims.take('203.0.113.9')).to.equal(0);
    expect(await claims.take('203.0.113.9')).to.be.greaterThan(0);
    expect(await shares.take('203.0.113.9')).to.equal(0);
  });

  it('sweeps expired windows now and then, keeping live ones', async () => {
    const database: Sql = await openPg(await postgres.freshDatabase());
    const time = clock();
    const limiter = new DatabaseRateLimiter(database, { bucket: 'claims', limit: 5, windowMs: 1_000, pepper, now: time.now });
    for (let i = 0; i < 500; i++) await limiter.take(`192.0.2.${i % 250}`);
    time.advance(1_000);
    for (let i = 0; i < 499; i++) await limiter.take('198.51.100.1');
    expect((await database.get<{ n: number }>('SELECT count(*) AS n FROM rate_limits'))!.n, 'no sweep before the 1000th take').to.equal(251);
    await limiter.take('198.51.100.2');
    const left = await database.all<{ used: number }>('SELECT used FROM rate_limits ORDER BY used');
    expect(left.map((r) => r.used), 'only the live windows are left').to.deep.equal([1, 5]);
  });
});
