// @citiesoflearning/server on PostgreSQL (#16): claims per second over HTTP on loopback with one
// and with two server instances on one PostgreSQL database, next to one instance on SQLite, in
// the same run; and how many times PostgreSQL ran each claim's transaction (transactions that
// conflict are rolled back and run again: pg_stat_database's rollbacks per claim; the issuing
// transactions run at READ COMMITTED, so this should stay near 0). The two-instance load is spread round robin, as a load balancer would. Each instance is
// its own process with the server's signing worker pool, so on a small machine two instances
// compete for the same cores: the figure shows what the database allows, not a second machine.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { generateKeyPair } from '@citiesoflearning/verify';
import { startPostgres } from '@col/harness/node';
import { BENCH_ADMIN as ADMIN, startBenchServer } from './support/start-server.mjs';


async function post(url, body, admin = false) {
  for (;;) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(admin ? { authorization: `Bearer ${ADMIN}` } : {}) }, body: JSON.stringify(body) });
    // A 503 (the database stayed too busy) is retried as a client would; it is counted.
    if (res.status === 503) {
      unavailable++;
      await res.arrayBuffer();
      continue;
    }
    if (res.status !== 201) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return res.json();
  }
}
let unavailable = 0;

/** `total` claims, `concurrency` at a time, spread round robin over `urls`; claims per second. */
async function claimsPerSecond(urls, code, total, concurrency) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        await post(`${urls[i % urls.length]}/api/v1/claims`, { achievement: 'bench-badge', code, recipient: { email: `learner${i}-${Math.random()}@example.org` } });
      }
    }),
  );
  return Math.round((total / ((performance.now() - started) / 1000)) * 10) / 10;
}

/** Transactions committed and rolled back in `database` so far (PostgreSQL's statistics, flushed first). */
async function transactionCounts(database) {
  const client = new pg.Client(database);
  await client.connect();
  try {
    // Statistics reach pg_stat_database about once a second.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query('SELECT xact_commit::int AS commits, xact_rollback::int AS rollbacks FROM pg_stat_database WHERE datname = current_database()');
    return rows[0];
  } finally {
    await client.end();
  }
}

async function newDatabase(cluster, name) {
  const admin = new pg.Client(cluster.url);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'`);
  await admin.end();
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  return url.toString();
}

/** One setup (SQLite, or N instances on one fresh PostgreSQL database): claims/s at each concurrency. */
async function measure(label, servers, database, loads) {
  const [first] = servers;
  await post(`${first.url}/api/v1/issuers`, { key: 'bench', name: 'Bench Provider', url: 'https://bench.example' }, true);
  await post(`${first.url}/api/v1/achievements`, { key: 'bench-badge', issuer: 'bench', name: 'Bench Badge', description: 'Benchmarked.', criteria: 'Be issued.' }, true);
  const { codes: [code] } = await post(`${first.url}/api/v1/achievements/bench-badge/claim-codes`, { uses: 1e6 }, true);
  const urls = servers.map((s) => s.url);
  await claimsPerSecond(urls, code, 16, 4); // warm up: keys loaded, workers started, connections open
  const figures = { label, claimsPerSecond: {}, rollbacksPerClaim: {}, unavailable: {} };
  for (const [concurrency, total] of loads) {
    const before = database ? await transactionCounts(database) : undefined;
    unavailable = 0;
    figures.claimsPerSecond[concurrency] = await claimsPerSecond(urls, code, total, concurrency);
    figures.unavailable[concurrency] = unavailable;
    if (database) {
      const after = await transactionCounts(database);
      figures.rollbacksPerClaim[concurrency] = Math.round(((after.rollbacks - before.rollbacks) / total) * 100) / 100;
    }
  }
  return figures;
}

export async function run({ loads = [[8, 160], [64, 256]] } = {}) {
  const cluster = await startPostgres();
  if (cluster.skipped) {
    console.log(`server-postgres-claims: skipped (${cluster.skipped})`);
    return { skipped: cluster.skipped };
  }
  const dirs = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'col-bench-pg-'));
    dirs.push(dir);
    return dir;
  };
  const signingKey = JSON.stringify((await generateKeyPair('Ed25519')).privateJwk);
  const results = [];
  try {
    const sqlite = await startBenchServer({ COL_BENCH_DIR: await tempDir() });
    try {
      results.push(await measure('SQLite, 1 instance', [sqlite], undefined, loads));
    } finally {
      await sqlite.close();
    }
    for (const instances of [1, 2]) {
      const database = await newDatabase(cluster, `bench_${instances}`);
      const servers = [];
      try {
        // One after the other: the first migrates and writes the pepper, the next finds them.
        for (let i = 0; i < instances; i++) servers.push(await startBenchServer({ COL_BENCH_DIR: await tempDir(), COL_BENCH_DATABASE: database, COL_SIGNING_KEY: signingKey }));
        results.push(await measure(`PostgreSQL, ${instances} instance${instances > 1 ? 's' : ''}`, servers, database, loads));
      } finally {
        await Promise.all(servers.map((s) => s.close()));
      }
    }
  } finally {
    await cluster.stop();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }
  const base = results[0].claimsPerSecond;
  for (const r of results) {
    const cells = Object.entries(r.claimsPerSecond).map(([c, v]) => `c${c}: ${v}/s (${Math.round((v / base[c]) * 100) / 100}× SQLite${r.rollbacksPerClaim[c] !== undefined ? `, ${r.rollbacksPerClaim[c]} rollbacks/claim` : ''}${r.unavailable[c] ? `, ${r.unavailable[c]} 503s` : ''})`);
    console.log(`${r.label}: ${cells.join('; ')}`);
  }
  return { results };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href || fileURLToPath(import.meta.url) === process.argv[1]) {
  await run();
}
