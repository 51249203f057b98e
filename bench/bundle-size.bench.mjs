// What a web page pays for each import: minified + gzipped browser bundles built with the same
// rollup setup as rollup.config.mjs, next to a rival verifier bundled the same way in this run.
// Lazily imported chunks (jsonld for RDFC proofs) are reported apart from the entry.
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import { budgets, entries, litCssMinify } from '../rollup.config.mjs';

const RIVAL = {
  name: '@digitalbazaar/vc + eddsa-rdfc-2022 + data-integrity',
  source: "export { verifyCredential } from '@digitalbazaar/vc'; export { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'; export { DataIntegrityProof } from '@digitalbazaar/data-integrity';",
};

async function measure(source) {
  const bundle = await rollup({
    input: 'entry',
    plugins: [
      { name: 'entry', resolveId: (id) => (id === 'entry' ? id : null), load: (id) => (id === 'entry' ? source : null) },
      litCssMinify(),
      nodeResolve({ browser: true, exportConditions: ['browser', 'import', 'default'], preferBuiltins: false }),
      commonjs(),
      terser(),
    ],
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  let entry = 0;
  let lazy = 0;
  // Chunks reachable by static imports from the entry (transitively) load up front; the rest
  // (dynamic imports: the badge reader, the verifier, JSON-LD) only on demand.
  const chunks = new Map(output.filter((c) => c.type === 'chunk').map((c) => [c.fileName, c]));
  const upFront = new Set();
  const visit = (name) => {
    if (upFront.has(name)) return;
    upFront.add(name);
    for (const dep of chunks.get(name)?.imports ?? []) visit(dep);
  };
  for (const c of chunks.values()) if (c.isEntry) visit(c.fileName);
  // For the elements: what showing the first badge adds (the badge reader chunk and what it
  // statically needs), apart from the verifier and JSON-LD.
  const reader = [...chunks.values()].find((c) => Object.keys(c.modules).some((id) => id.endsWith('/internal/load-badge.js')));
  const toShow = new Set(upFront);
  const visitShow = (name) => {
    if (toShow.has(name)) return;
    toShow.add(name);
    for (const dep of chunks.get(name)?.imports ?? []) visitShow(dep);
  };
  if (reader) visitShow(reader.fileName);
  let firstBadge = 0;
  for (const chunk of chunks.values()) {
    const gz = gzipSync(chunk.code, { level: 9 }).length;
    if (upFront.has(chunk.fileName)) entry += gz;
    else lazy += gz;
    if (toShow.has(chunk.fileName)) firstBadge += gz;
  }
  return { entryGzip: entry, lazyGzip: lazy, ...(reader ? { firstBadgeGzip: firstBadge } : {}) };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

export async function run({ log = console.log } = {}) {
  const results = {};
  for (const [name, source] of Object.entries(entries)) {
    results[name] = await measure(source);
    const budget = budgets[name];
    const verdict = budget ? (results[name].entryGzip <= budget ? ` (budget ${kb(budget)}: within)` : ` (budget ${kb(budget)}: OVER BUDGET)`) : '';
    const first = results[name].firstBadgeGzip ? `, ${kb(results[name].firstBadgeGzip)} once a badge is shown` : '';
    log(`${name.padEnd(17)} ${kb(results[name].entryGzip).padStart(9)} gzip up front${verdict}${first}${results[name].lazyGzip ? `, ${kb(results[name].lazyGzip)} loaded on demand in all` : ''}`);
  }
  const over = Object.entries(budgets).filter(([name, budget]) => results[name].entryGzip > budget);
  try {
    const rival = await measure(RIVAL.source);
    const ours = results.verify.entryGzip + results.verify.lazyGzip;
    const theirs = rival.entryGzip + rival.lazyGzip;
    results.rival = { name: RIVAL.name, ...rival };
    log(`rival verifier (${RIVAL.name}): ${kb(theirs)} gzip, all up front, without contexts (its caller supplies them)`);
    log(`ours up front: ${kb(results.verify.entryGzip)} (${(rival.entryGzip / results.verify.entryGzip).toFixed(2)}× smaller); ` +
      `${kb(ours)} once an RDFC proof loads JSON-LD and the pinned contexts (${(ours / theirs).toFixed(2)}× the rival, which covers neither OB 2.0, VC-JWT nor status lists)`);
  } catch (error) {
    log(`rival verifier could not be bundled for the browser: ${error.message}`);
  }
  // Sizes are deterministic (no machine is slow here), so a broken budget fails the bench.
  if (over.length) throw new Error(`over the up-front size budget: ${over.map(([n]) => n).join(', ')}`);
  return { bench: 'bundle-size', results, budgets };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
