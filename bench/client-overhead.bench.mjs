// @citiesoflearning/client: cost per request over bare `fetch` on the same endpoint of a real
// reference server on loopback. The client adds ky (retry and timeout plumbing), a size-capped
// body reader, content-type and shape checks; the rival is `fetch` + `response.json()`.
// Figures are ratios measured in the same run (absolute times depend on the machine).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import ky from 'ky';
import { createClient } from '@citiesoflearning/client';
import { startServer } from '@citiesoflearning/server';

const SAMPLES = 600;

/**
 * Median per-request milliseconds of each function, taking one request of each in turn so that
 * the load of a shared machine falls on all alike; medians ignore the odd stall.
 */
async function compare(fns) {
  for (let i = 0; i < 50; i++) for (const fn of fns) await fn();
  const samples = fns.map(() => []);
  for (let i = 0; i < SAMPLES; i++) {
    for (const [j, fn] of fns.entries()) {
      const started = performance.now();
      await fn();
      samples[j].push(performance.now() - started);
    }
  }
  return samples.map((xs) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]);
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
      // ky alone, to show which part of the overhead is ky's and which is the client's own checks.
      const viaKy = () => ky(url).json();
      const [fetchMs, kyMs, clientMs] = await compare([bare, viaKy, viaClient]);
      const overheadUs = Math.round((clientMs - fetchMs) * 1000);
      figures[name] = {
        fetchMs: +fetchMs.toFixed(3), kyMs: +kyMs.toFixed(3), clientMs: +clientMs.toFixed(3), overheadUs,
        ratio: +(clientMs / fetchMs).toFixed(2), kyRatio: +(kyMs / fetchMs).toFixed(2),
      };
      console.log(
        `${name.padEnd(17)} fetch ${fetchMs.toFixed(3)} ms · ky ${kyMs.toFixed(3)} ms (${(kyMs / fetchMs).toFixed(2)}×) · ` +
          `client ${clientMs.toFixed(3)} ms (${(clientMs / fetchMs).toFixed(2)}× fetch, +${overheadUs} µs/request)`,
      );
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
