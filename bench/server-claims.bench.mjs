// @citiesoflearning/server: claims per second (each one an eddsa-rdfc-2022 Data Integrity proof
// plus a VC-JWT, two SQLite transactions, over real HTTP on loopback), credential reads per
// second, and the signing cost per credential next to the raw Ed25519 signature it contains.
// Figures are ratios measured in the same run (absolute numbers depend on the machine).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generateKeyPairSync, sign } from 'node:crypto';
import { startServer } from '@citiesoflearning/server';
import { generateKeyPair, signCredentialJwt, signDataIntegrity } from '@citiesoflearning/verify';

const ADMIN = 'bench-admin-key-0123456789abcdef';
const CONCURRENCY = 8;

async function post(url, body, admin = false) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(admin ? { authorization: `Bearer ${ADMIN}` } : {}) }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Run `task(i)` `total` times with `CONCURRENCY` workers; returns operations per second. */
async function throughput(total, task) {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < total) await task(next++);
  }));
  return total / ((performance.now() - started) / 1000);
}

async function perOp(n, fn) {
  const started = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  return (performance.now() - started) / n;
}

export async function run({ claims = 150, reads = 2000 } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'col-bench-server-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminKey: ADMIN, claimsPerMinute: 1e9 });
  try {
    await post(`${server.url}/api/v1/issuers`, { key: 'bench', name: 'Bench Provider', url: 'https://bench.example' }, true);
    await post(`${server.url}/api/v1/achievements`, { key: 'bench-badge', issuer: 'bench', name: 'Bench Badge', description: 'Benchmarked.', criteria: 'Be issued.' }, true);
    const { codes: [code] } = await post(`${server.url}/api/v1/achievements/bench-badge/claim-codes`, { uses: 1e6 }, true);
    const claim = (i) => post(`${server.url}/api/v1/claims`, { achievement: 'bench-badge', code, recipient: { email: `learner${i}@example.org` } });

    // Warm up (JSON-LD context loading, JIT), then measure.
    const warm = [];
    for (let i = 0; i < 10; i++) warm.push(await claim(-1 - i));
    const claimsPerSecond = await throughput(claims, claim);
    const urls = warm.map((w) => w.id);
    await throughput(200, async (i) => (await fetch(urls[i % urls.length])).arrayBuffer());
    const readsPerSecond = await throughput(reads, async (i) => {
      const res = await fetch(urls[i % urls.length]);
      if (res.status !== 200) throw new Error(`read ${res.status}`);
      await res.arrayBuffer();
    });

    // Signing cost per credential (both proofs, in process) vs one raw Ed25519 signature.
    const keys = await generateKeyPair('Ed25519');
    const { proof, ...unsigned } = warm[0].credential;
    const signOne = () => Promise.all([
      signDataIntegrity(unsigned, { privateJwk: keys.privateJwk, verificationMethod: 'https://bench.example/issuer#key-1', cryptosuite: 'eddsa-rdfc-2022' }),
      signCredentialJwt(unsigned, { privateJwk: keys.privateJwk, kid: 'https://bench.example/issuer#key-1' }),
    ]);
    const rdfcOnly = () => signDataIntegrity(unsigned, { privateJwk: keys.privateJwk, verificationMethod: 'https://bench.example/issuer#key-1', cryptosuite: 'eddsa-rdfc-2022' });
    const { privateKey } = generateKeyPairSync('ed25519');
    const message = new Uint8Array(64);
    await perOp(20, signOne);
    for (let i = 0; i < 500; i++) sign(null, message, privateKey);
    // Interleaved rounds, medians: load from other processes hits all three alike.
    const rounds = { signing: [], rdfc: [], raw: [] };
    for (let r = 0; r < 5; r++) {
      rounds.signing.push(await perOp(30, signOne));
      rounds.rdfc.push(await perOp(30, rdfcOnly));
      rounds.raw.push(await perOp(2000, () => sign(null, message, privateKey)));
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const signingMs = median(rounds.signing);
    const rdfcMs = median(rounds.rdfc);
    const rawMs = median(rounds.raw);

    const figures = {
      claimsPerSecond: Math.round(claimsPerSecond * 10) / 10,
      credentialReadsPerSecond: Math.round(readsPerSecond),
      readsPerClaim: Math.round((readsPerSecond / claimsPerSecond) * 10) / 10,
      signingMsPerCredential: Math.round(signingMs * 100) / 100,
      rdfcProofMs: Math.round(rdfcMs * 100) / 100,
      rawEd25519SignatureMs: Math.round(rawMs * 1000) / 1000,
      signingVsRawSignature: Math.round(signingMs / rawMs),
      concurrency: CONCURRENCY,
    };
    console.log(`claims/s (signed, over HTTP, concurrency ${CONCURRENCY}): ${figures.claimsPerSecond}`);
    console.log(`credential reads/s: ${figures.credentialReadsPerSecond} (${figures.readsPerClaim}× claims/s)`);
    console.log(`signing per credential (eddsa-rdfc-2022 proof + VC-JWT): ${figures.signingMsPerCredential} ms; rdfc proof alone ${figures.rdfcProofMs} ms`);
    console.log(`raw Ed25519 signature: ${figures.rawEd25519SignatureMs} ms → signing a credential costs ${figures.signingVsRawSignature}× a raw signature (JSON-LD canonicalization dominates)`);
    return figures;
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href || fileURLToPath(import.meta.url) === process.argv[1]) {
  await run();
}
