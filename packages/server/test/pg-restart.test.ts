// The database restarts under traffic (issue #16): a real server on loopback, a real PostgreSQL
// cluster stopped and started again by the harness. While it is down every request answers 503
// with Retry-After in bounded time (no 500, no hang) and the health check says so, for a load
// balancer to take the instance out; once it is back, requests succeed with no restart of the
// server; and nothing is half-written: every acknowledged claim is stored complete, no claim is
// left `issuing`, and the code's uses match the credentials made with it.
import { describe, it, after, expect } from '@col/harness';
import pg from 'pg';
import { startServer, type RunningServer } from '../src/server.js';
import { testPostgres } from './support/postgres.js';

const postgres = await testPostgres();
const ADMIN = 'pg-restart-admin-key-0123456789';
/** Longest a request may take while the database is away: the pool's 5 s wait, and some slack for a busy machine. */
const BOUND_MS = 15_000;

describe('a PostgreSQL restart under traffic', { skip: postgres.skip }, () => {
  let server: RunningServer | undefined;
  after(async () => {
    await server?.close();
    await postgres.stop();
  });

  it('answers 503 with Retry-After while the database is down, serves again once it is back, and leaves no half-written claim', async () => {
    const url = await postgres.freshDatabase();
    server = await startServer({ port: 0, host: '127.0.0.1', database: url, adminKey: ADMIN, env: {}, claimsPerMinute: 100_000, log: () => {} });
    const call = async (method: string, path: string, body?: unknown, token: string | null = ADMIN) => {
      const began = Date.now();
      const res = await fetch(new URL(path, server!.url), {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(60_000),
      });
      return { status: res.status, retryAfter: res.headers.get('retry-after'), json: (await res.json()) as any, ms: Date.now() - began };
    };
    expect((await call('POST', '/api/v1/issuers', { key: 'museum', name: 'Museum', url: 'https://museum.example' })).status).to.equal(201);
    const achievement = (await call('POST', '/api/v1/achievements', { issuer: 'museum', name: 'Curator', description: 'Curated.', criteria: 'Curate.' })).json.key as string;
    const code = (await call('POST', `/api/v1/achievements/${achievement}/claim-codes`, { uses: 1000, count: 1 })).json.codes[0] as string;

    // Learners claiming all along, before, during and after the restart.
    const answers: Array<{ status: number; retryAfter: string | null; id?: string; ms: number }> = [];
    let claiming = true;
    let n = 0;
    const learner = async () => {
      while (claiming) {
        const res = await call('POST', '/api/v1/claims', { achievement, code, recipient: { email: `learner${++n}@example.org` } }, null).catch((error: unknown) => ({ status: 0, retryAfter: null, json: { code: String(error) }, ms: 0 }));
        answers.push({ status: res.status, retryAfter: res.retryAfter, ms: res.ms, ...(res.status === 201 ? { id: res.json.id as string } : {}) });
      }
    };
    const learners = [learner(), learner(), learner()];
    const someAnswered = async (count: number) => {
      while (answers.filter((a) => a.status === 201).length < count) await new Promise((resolve) => setImmediate(resolve));
    };
    await someAnswered(5);

    const whileDown: Array<{ path: string; status: number; retryAfter: string | null; code: string; ms: number }> = [];
    await postgres.cluster!.restart({
      whileDown: async () => {
        for (const [method, path, body] of [
          ['GET', '/api/v1/health'],
          ['GET', `/api/v1/achievements/${achievement}`],
          ['POST', '/api/v1/claims', { achievement, code, recipient: { email: 'while.down@example.org' } }],
        ] as const) {
          const res = await call(method, path, body, method === 'POST' ? null : ADMIN);
          whileDown.push({ path, status: res.status, retryAfter: res.retryAfter, code: res.json.code, ms: res.ms });
        }
      },
    });
    for (const res of whileDown) {
      expect([res.path, res.status, res.code], res.path).to.deep.equal([res.path, 503, 'database-unavailable']);
      expect(Number(res.retryAfter), `${res.path} Retry-After`).to.be.greaterThan(0);
      expect(res.ms, `${res.path} took`).to.be.below(BOUND_MS);
    }

    // Back: the same server serves again, without a restart of its own.
    const before = answers.filter((a) => a.status === 201).length;
    await someAnswered(before + 5);
    claiming = false;
    await Promise.all(learners);
    expect((await call('GET', '/api/v1/health')).status).to.equal(200);

    const odd = answers.filter((a) => a.status !== 201 && !(a.status === 503 && a.retryAfter));
    expect(odd, 'every answer is a credential or a 503 with Retry-After').to.deep.equal([]);
    expect(Math.max(...answers.map((a) => a.ms))).to.be.below(BOUND_MS);

    const client = new pg.Client(url);
    await client.connect();
    try {
      const acknowledged = answers.filter((a) => a.status === 201).map((a) => a.id!.split('/').pop()!);
      const rows = (await client.query("SELECT key, state, credential IS NOT NULL AND jwt IS NOT NULL AS complete FROM credentials")).rows as Array<{ key: string; state: string; complete: boolean }>;
      const byKey = new Map(rows.map((row) => [row.key, row]));
      for (const key of acknowledged) expect(byKey.get(key), `acknowledged ${key}`).to.deep.include({ state: 'issued', complete: true });
      // No issued credential lacks its signed forms. A claim cut off between its two commits, whose
      // undo could not reach the database either, may stay `issuing` (never acknowledged: checked
      // above) and keeps its code use until recovery rolls it back.
      expect(rows.filter((row) => row.state === 'issued' && !row.complete)).to.deep.equal([]);
      expect(rows.filter((row) => row.state !== 'issued' && row.state !== 'issuing')).to.deep.equal([]);
      const [codeRow] = (await client.query('SELECT uses_left FROM claim_codes')).rows as Array<{ uses_left: number }>;
      expect(codeRow!.uses_left, 'uses taken = credentials made with the code').to.equal(1000 - rows.length);
    } finally {
      await client.end();
    }
  });
});
