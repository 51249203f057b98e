#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.mjs (each exports `run()` and prints its own
// figures, as ratios against a rival measured in the same run), then writes all figures to
// bench/results/latest.json. `npm run bench -- unbake` runs only the benches whose name matches.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const benchDir = join(root, 'bench');
const filter = process.argv[2] ?? '';
const files = readdirSync(benchDir).filter((f) => f.endsWith('.bench.mjs') && f.includes(filter)).sort();

const results = {};
let failures = 0;
for (const file of files) {
  console.log(`\n## ${file}`);
  try {
    const mod = await import(pathToFileURL(join(benchDir, file)).href);
    results[file] = await mod.run();
  } catch (error) {
    failures++;
    console.error(`bench ${file} failed: ${error?.stack ?? error}`);
  }
}
mkdirSync(join(benchDir, 'results'), { recursive: true });
writeFileSync(join(benchDir, 'results', 'latest.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2));
console.log(`\n${files.length - failures} benches ran, ${failures} failed; figures in bench/results/latest.json`);
process.exit(failures ? 1 : 0);
