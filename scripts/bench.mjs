#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.mjs (each exports `run()` and prints its own
// figures, as ratios against a rival measured in the same run), then writes all figures to
// bench/results/latest.json. `npm run bench -- unbake` runs only the benches whose name matches.
// Each bench runs in a process of its own: run in one process, later benches inherited the heap
// (and the garbage) of earlier ones, which distorted their figures (5–9× at 1k pathway nodes).
import { fork } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// In a bench's own process (forked below): run it and hand its figures back to the parent.
if (process.argv[2] === '--one' && process.send) {
  const mod = await import(pathToFileURL(process.argv[3]).href);
  const result = await mod.run();
  // Exit only once the figures are sent, and before the parent's code below runs here.
  await new Promise((resolve) => process.send({ result }, resolve));
  process.exit(0);
}

/** Run one bench file in a child process; its figures, or a rejection naming what went wrong. */
function runAlone(path) {
  return new Promise((resolve, reject) => {
    let result;
    const child = fork(fileURLToPath(import.meta.url), ['--one', path], { stdio: 'inherit' });
    child.on('message', (message) => (result = message.result));
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 && result !== undefined ? resolve(result) : reject(new Error(`exited with ${signal ?? `code ${code}`}`))));
  });
}

const root = fileURLToPath(new URL('..', import.meta.url));
const benchDir = join(root, 'bench');
const filter = process.argv[2] ?? '';
const files = readdirSync(benchDir).filter((f) => f.endsWith('.bench.mjs') && f.includes(filter)).sort();

const results = {};
let failures = 0;
for (const file of files) {
  console.log(`\n## ${file}`);
  try {
    results[file] = await runAlone(join(benchDir, file));
  } catch (error) {
    failures++;
    console.error(`bench ${file} failed: ${error?.message ?? error}`);
  }
}
mkdirSync(join(benchDir, 'results'), { recursive: true });
writeFileSync(join(benchDir, 'results', 'latest.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2));
console.log(`\n${files.length - failures} benches ran, ${failures} failed; figures in bench/results/latest.json`);
process.exit(failures ? 1 : 0);
