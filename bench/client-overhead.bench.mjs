// @citiesoflearning/client: cost per request over bare `fetch` on the same endpoint of a real
// reference server on loopback. The client adds ky (retry and timeout plumbing), a size-capped
// body reader, content-type and shape checks; the rival is `fetch` + `response.json()`.
// Figures are ratios measured in the same run (absolute times depend on the machine).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createClient } from '@citiesoflearning/client';
import { startServer } from '@citiesoflearning/server';

const ROUNDS = 5;
const PER_ROUND = 200;

async function time(fn, n) {
  const started = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return (performance.now() - started) / n;
}

/** Median per-request milliseconds of `a` and `b`, interleaved round by round so drift hits both. */
async function compare(a, b) {
  await time(a, 50);
  await time(b, 50);
  const as = [];
  const bs = [];
  for (let r = 0; r < ROUNDS; r++) {
    as.push(await time(a, PER_ROUND));
    bs.push(await time(b, PER_ROUND));
  }
  const median = (xs) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  return [median(as), median(bs)];
}

export async function run() {
  const dataDir = await mkdtemp(join(tmpdir(), 'col-bench-client-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, demo: true });
  try {
    const col = createClient({ baseUrl: server.url });
    const endpoints = [
      ['one achievement', `${server.url}/api/v1/achievements/intro-to-coding`, () => col.achievements.get('intro-to-coding')],
      ['achievement list', `${server.url}/api/v1/achievements`, () => col.achievements.list().toArray()],
    ];
    const figures = {};
    for (const [name, url, viaClient] of endpoints) {
      const bare = async () => {
        const res = await fetch(url, { headers: { accept: 'application/json' } });
        return res.json();
      };
      const [fetchMs, clientMs] = await compare(bare, viaClient);
      const overheadUs = Math.round((clientMs - fetchMs) * 1000);
      figures[name] = { fetchMs: +fetchMs.toFixed(3), clientMs: +clientMs.toFixed(3), overheadUs, ratio: +(clientMs / fetchMs).toFixed(2) };
      console.log(`${name.padEnd(17)} fetch ${fetchMs.toFixed(3)} ms · client ${clientMs.toFixed(3)} ms · overhead ${overheadUs} µs/request · ratio ${(clientMs / fetchMs).toFixed(2)}× fetch`);
    }
    return figures;
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href || fileURLToPath(import.meta.url) === process.argv[1]) {
  await run();
}
