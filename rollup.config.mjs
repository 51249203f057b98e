// Browser bundles for size tracking (`npm run bundle`, used by bench/bundle-size.bench.mjs).
// Bundles the built `dist/` of the browser-capable packages, minified, one file per entry, so
// the size a web developer pays for each import is measured the way their bundler would see it.
// TypeScript is compiled once, by `tsc -b` (`npm run build`), into the same `dist/` that npm
// publishes; bundling that output (rather than compiling src/ again through a TypeScript rollup
// plugin) means the CDN files and the published modules come from one compilation.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import { integrityOf } from './scripts/sri.mjs';

/** What a web developer imports → the bundle it should cost. */
export const entries = {
  'core': "export * from '@citiesoflearning/core';",
  'core-unbake': "export { unbake } from '@citiesoflearning/core';",
  'core-pathways': "export { validatePathway, evaluatePathway } from '@citiesoflearning/core';",
  'core-normalize': "export { detect, normalize } from '@citiesoflearning/core';",
  'verify': "export { verify } from '@citiesoflearning/verify';",
  'client': "export { createClient } from '@citiesoflearning/client';",
  // CDN bundles of the elements: one per element (its define entry: registers the tag and
  // exports the class) and one for all. The verifier stays a lazily loaded chunk.
  'col-badge': "export * from '@citiesoflearning/components/col-badge/define.js';",
  'col-badge-list': "export * from '@citiesoflearning/components/col-badge-list/define.js';",
  'col-badge-verify': "export * from '@citiesoflearning/components/col-badge-verify/define.js';",
  'col-badge-claim': "export * from '@citiesoflearning/components/col-badge-claim/define.js';",
  'col-pathway': "export * from '@citiesoflearning/components/col-pathway/define.js';",
  'col-opportunities': "export * from '@citiesoflearning/components/col-opportunities/define.js';",
  'col-impact': "export * from '@citiesoflearning/components/col-impact/define.js';",
  'col-skills': "export * from '@citiesoflearning/components/col-skills/define.js';",
  'components': "export * from '@citiesoflearning/components/define.js'; export * from '@citiesoflearning/components';",
};

/**
 * Up-front gzip budgets in bytes (issues 11, 12 and 13), `npm test` fails a build over them with the figures (scripts/check-budgets.mjs); `npm run bench` reports them.
 * `verify` is 37.4 KB (issue 13): OB 2.0, status lists, JSON-LD and Welsh load on demand.
 */
export const budgets = { 'verify': Math.round(37.4 * 1024), 'col-badge': 12 * 1024, 'col-badge-verify': 20 * 1024, 'col-badge-claim': 15 * 1024, 'col-impact': 16 * 1024, 'col-skills': 15 * 1024 };

/**
 * Minify the CSS inside Lit's css`` templates (terser leaves template text alone): comments
 * out, whitespace collapsed. Only whitespace that cannot matter is removed — around braces,
 * semicolons and commas, and after colons — so descendant combinators survive.
 */
export const litCssMinify = () => ({
  name: 'lit-css-minify',
  transform(code, id) {
    if (!id.includes('/packages/components/dist/') || !/\bcss ?`/.test(code)) return null;
    return {
      code: code.replace(/\bcss ?`([^`]*)`/g, (_, text) => `css\`${text
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\s+/g, ' ')
        .replace(/\s*([{};,])\s*/g, '$1')
        .replace(/:\s+/g, ':')
        .replace(/;}/g, '}')
        .trim()}\``),
      map: null,
    };
  },
});

const virtual = (source) => ({
  name: 'virtual-entry',
  resolveId: (id) => (id === 'entry' ? id : null),
  load: (id) => (id === 'entry' ? source : null),
});

// `--environment COL_BUNDLE:examples` (run by `npm start`) builds only what the demo page in
// examples/ imports, into examples/vendor/; `COL_BUNDLE:cdn` only the elements' CDN bundles.
const forExamples = process.env.COL_BUNDLE === 'examples';
const forCdn = process.env.COL_BUNDLE === 'cdn';
const outDir = forExamples ? 'examples/vendor' : 'dist-bundle';
// The elements' CDN bundles ship inside the components package (`cdn/<entry>/index.js`).
const isElementBundle = (name) => name.startsWith('col-') || name === 'components';
const selected = forExamples ? { components: entries.components }
  : forCdn ? Object.fromEntries(Object.entries(entries).filter(([name]) => isElementBundle(name))) : entries;

/** Print the subresource-integrity hash of each CDN entry file as it is written (docs show them). */
const printIntegrity = (name) => ({
  name: 'print-integrity',
  writeBundle(options, bundle) {
    const entry = bundle['index.js'];
    if (entry?.type === 'chunk') console.log(`cdn/${name}/index.js integrity="${integrityOf(entry.code)}"`);
  },
});

export default Object.entries(selected).map(([name, source]) => ({
  input: 'entry',
  // A folder per entry: lazily imported code (jsonld for RDFC proofs) becomes its own chunk,
  // so the entry file's size is what a page pays up front.
  output: { dir: `${!forExamples && isElementBundle(name) ? 'packages/components/cdn' : outDir}/${name}`, format: 'es', entryFileNames: 'index.js', chunkFileNames: '[name]-[hash].js' },
  plugins: [virtual(source), litCssMinify(), nodeResolve({ browser: true, exportConditions: ['browser', 'import', 'default'] }), commonjs(), terser(),
    ...(!forExamples && isElementBundle(name) ? [printIntegrity(name)] : [])],
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules'))) return;
    warn(warning);
  },
}));
