// What a web page pays for each import: minified + gzipped browser bundles built with the same
// rollup setup as rollup.config.mjs, next to a rival verifier bundled the same way in this run.
// Lazily imported chunks (jsonld for RDFC proofs) are reported apart from the entry.
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import { entries, litCssMinify } from '../rollup.config.mjs';

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
  for (const chunk of output) {
    if (chunk.type !== 'chunk') continue;
    const gz = gzipSync(chunk.code, { level: 9 }).length;
    // Chunks reachable by static imports from the entry load up front; the rest only on demand.
    if (chunk.isEntry || output.some((c) => c.type === 'chunk' && c.isEntry && c.imports.includes(chunk.fileName))) entry += gz;
    else lazy += gz;
  }
  return { entryGzip: entry, lazyGzip: lazy };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

export async function run({ log = console.log } = {}) {
  const results = {};
  for (const [name, source] of Object.entries(entries)) {
    results[name] = await measure(source);
    log(`${name.padEnd(15)} ${kb(results[name].entryGzip).padStart(9)} gzip up front${results[name].lazyGzip ? `, ${kb(results[name].lazyGzip)} loaded on demand` : ''}`);
  }
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
  return { bench: 'bundle-size', results };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
