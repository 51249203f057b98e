// @citiesoflearning/server: claims per second (each one an eddsa-rdfc-2022 Data Integrity proof
// plus a VC-JWT, two SQLite transactions, over real HTTP on loopback) at concurrency 1, 8 and
// 64; the latency of health checks and credential reads while a burst of claims is being signed
// (against the same reads on an idle server, same run); and the signing cost per credential
// next to the raw Ed25519 signature it contains. Signing runs in the server's worker pool (one
// worker per core). Figures are ratios measured in the same run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generateKeyPairSync, sign } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { generateKeyPair, signCredentialJwt, signDataIntegrity } from '@citiesoflearning/verify';
import { BENCH_ADMIN as ADMIN, startBenchServer } from './support/start-server.mjs';


async function post(url, body, admin = false) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(admin ? { authorization: `Bearer ${ADMIN}` } : {}) }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Run `task(i)` `total` times, `concurrency` at a time; returns operations per second. */
async function throughput(total, task, concurrency) {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) await task(next++);
  }));
  return total / ((performance.now() - started) / 1000);
}

async function perOp(n, fn) {
  const started = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  return (performance.now() - started) / n;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x) => Math.round(x * 100) / 100;

// The reader runs on its own thread: on the load generator's event loop, each read would also
// wait for this process to handle the 64 claim clients' responses, and the bench would report
// its own queueing as the server's latency.
const READER = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
let finished = false;
parentPort.on('message', () => (finished = true));
(async () => {
  const latencies = [];
  for (let i = 0; !finished && i < 100_000; i++) {
    const started = performance.now();
    const res = await fetch(workerData[i % workerData.length]);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error('read ' + res.status);
    latencies.push(performance.now() - started);
  }
  parentPort.postMessage(latencies);
})();
`;

/** Sequential GETs of `urls` (round robin, on a reader thread) until `until` settles; latency of each, in ms. */
async function readLatencies(urls, until) {
  const reader = new Worker(READER, { eval: true, workerData: urls });
  const latencies = new Promise((resolve, reject) => {
    reader.once('message', resolve);
    reader.once('error', reject);
  });
  await until.catch(() => {});
  reader.postMessage('stop');
  try {
    return await latencies;
  } finally {
    await reader.terminate();
  }
}

export async function run({ burst = 256 } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'col-bench-server-'));
  const server = await startBenchServer({ COL_BENCH_DIR: dataDir });
  try {
    await post(`${server.url}/api/v1/issuers`, { key: 'bench', name: 'Bench Provider', url: 'https://bench.example' }, true);
    await post(`${server.url}/api/v1/achievements`, { key: 'bench-badge', issuer: 'bench', name: 'Bench Badge', description: 'Benchmarked.', criteria: 'Be issued.' }, true);
    const { codes: [code] } = await post(`${server.url}/api/v1/achievements/bench-badge/claim-codes`, { uses: 1e6 }, true);
    let n = 0;
    const claim = () => post(`${server.url}/api/v1/claims`, { achievement: 'bench-badge', code, recipient: { email: `learner${n++}@example.org` } });

    // Warm up (workers start, contexts compile, JIT), then measure.
    const warm = [];
    for (let i = 0; i < 16; i++) warm.push(await claim());
    const claimsPerSecond = {};
    for (const [concurrency, total] of [[1, 60], [8, 160], [64, 256]]) claimsPerSecond[concurrency] = Math.round(await throughput(total, claim, concurrency) * 10) / 10;

    // Reads while a burst of claims (concurrency 64) is being signed, against the same reads idle.
    const health = [`${server.url}/api/v1/health`];
    const credentials = warm.map((w) => w.id);
    const idleHealth = await readLatencies(health, new Promise((r) => setTimeout(r, 1500)));
    const idleReads = await readLatencies(credentials, new Promise((r) => setTimeout(r, 1500)));
    const burstA = throughput(burst, claim, 64);
    const burstHealth = await readLatencies(health, burstA);
    await burstA;
    const burstB = throughput(burst, claim, 64);
    const burstReads = await readLatencies(credentials, burstB);
    await burstB;

    // Signing cost per credential (both proofs, in process, as a worker does it) vs one raw Ed25519 signature.
    const keys = await generateKeyPair('Ed25519');
    const { proof, ...unsigned } = warm[0].credential;
    const signOne = () => Promise.all([
      signDataIntegrity(unsigned, { privateJwk: keys.privateJwk, verificationMethod: 'https://bench.example/issuer#key-1', cryptosuite: 'eddsa-rdfc-2022' }),
      signCredentialJwt(unsigned, { privateJwk: keys.privateJwk, kid: 'https://bench.example/issuer#key-1' }),
    ]);
    const rdfcOnly = () => signDataIntegrity(unsigned, { privateJwk: keys.privateJwk, verificationMethod: 'https://bench.example/issuer#key-1', cryptosuite: 'eddsa-rdfc-2022' });
    const { privateKey } = generateKeyPairSync('ed25519');
    const message = new Uint8Array(64);
    await perOp(50, signOne);
    for (let i = 0; i < 500; i++) sign(null, message, privateKey);
    // Interleaved rounds, medians: load from other processes hits all three alike.
    const rounds = { signing: [], rdfc: [], raw: [] };
    for (let r = 0; r < 7; r++) {
      rounds.signing.push(await perOp(100, signOne));
      rounds.rdfc.push(await perOp(100, rdfcOnly));
      rounds.raw.push(await perOp(2000, () => sign(null, message, privateKey)));
    }
    const signingMs = median(rounds.signing);
    const rdfcMs = median(rounds.rdfc);
    const rawMs = median(rounds.raw);

    const figures = {
      workers: Number(process.env.COL_SIGNING_WORKERS || availableParallelism()),
      claimsPerSecond,
      healthMs: { idle: { p50: ms(percentile(idleHealth, 50)), p99: ms(percentile(idleHealth, 99)) }, burst: { p50: ms(percentile(burstHealth, 50)), p99: ms(percentile(burstHealth, 99)), n: burstHealth.length } },
      credentialReadMs: { idle: { p50: ms(percentile(idleReads, 50)), p99: ms(percentile(idleReads, 99)) }, burst: { p50: ms(percentile(burstReads, 50)), p99: ms(percentile(burstReads, 99)), n: burstReads.length } },
      signingMsPerCredential: ms(signingMs),
      rdfcProofMs: ms(rdfcMs),
      rawEd25519SignatureMs: Math.round(rawMs * 1000) / 1000,
      signingVsRawSignature: Math.round((signingMs / rawMs) * 10) / 10,
    };
    console.log(`claims/s (signed in ${figures.workers} workers, over HTTP): concurrency 1: ${claimsPerSecond[1]}, 8: ${claimsPerSecond[8]}, 64: ${claimsPerSecond[64]}`);
    console.log(`/api/v1/health during a ${burst}-claim burst: p50 ${figures.healthMs.burst.p50} ms, p99 ${figures.healthMs.burst.p99} ms (${burstHealth.length} requests; idle: p50 ${figures.healthMs.idle.p50}, p99 ${figures.healthMs.idle.p99})`);
    console.log(`credential reads during a ${burst}-claim burst: p50 ${figures.credentialReadMs.burst.p50} ms, p99 ${figures.credentialReadMs.burst.p99} ms (${burstReads.length} requests; idle: p50 ${figures.credentialReadMs.idle.p50}, p99 ${figures.credentialReadMs.idle.p99})`);
    console.log(`signing per credential (eddsa-rdfc-2022 proof + VC-JWT): ${figures.signingMsPerCredential} ms; rdfc proof alone ${figures.rdfcProofMs} ms`);
    console.log(`floor: raw Ed25519 signature ${figures.rawEd25519SignatureMs} ms → signing a credential costs ${figures.signingVsRawSignature}× a raw signature`);
    return figures;
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href || fileURLToPath(import.meta.url) === process.argv[1]) {
  await run();
}
