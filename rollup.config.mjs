// Browser bundles for size tracking (`npm run bundle`, used by bench/bundle-size.bench.mjs).
// Bundles the built `dist/` of the browser-capable packages, minified, one file per entry, so
// the size a web developer pays for each import is measured the way their bundler would see it.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';

/**
 * The elements of issue 12 (claim, pathway, opportunities): a CDN bundle each (its define
 * entry: registers the tag and exports the class), measured up front by the bench.
 */
export const elementEntriesII = {
  'col-badge-claim': "export * from '@citiesoflearning/components/col-badge-claim/define.js';",
  'col-pathway': "export * from '@citiesoflearning/components/col-pathway/define.js';",
  'col-opportunities': "export * from '@citiesoflearning/components/col-opportunities/define.js';",
};

/** Up-front gzip budgets of issue 12's elements, in bytes, checked by `npm run bench`. */
export const budgetsII = { 'col-badge-claim': 15 * 1024 };

/** What a web developer imports → the bundle it should cost. */
export const entries = {
  ...elementEntriesII,
  'core': "export * from '@citiesoflearning/core';",
  'core-unbake': "export { unbake } from '@citiesoflearning/core';",
  'core-pathways': "export { validatePathway, evaluatePathway } from '@citiesoflearning/core';",
  'core-normalize': "export { detect, normalize } from '@citiesoflearning/core';",
  'verify': "export { verify } from '@citiesoflearning/verify';",
  'client': "export { createClient } from '@citiesoflearning/client';",
};

const virtual = (source) => ({
  name: 'virtual-entry',
  resolveId: (id) => (id === 'entry' ? id : null),
  load: (id) => (id === 'entry' ? source : null),
});

// `--environment COL_BUNDLE:examples` (run by `npm start`) builds only what the demo page in
// examples/ imports, into examples/vendor/.
const forExamples = process.env.COL_BUNDLE === 'examples';
const selected = forExamples ? { verify: entries.verify } : entries;
const outDir = forExamples ? 'examples/vendor' : 'dist-bundle';
// The course page (examples/course.html) needs every element and the page configuration.
if (forExamples) selected.components ??= "export * from '@citiesoflearning/components/define.js'; export * from '@citiesoflearning/components';";

export default Object.entries(selected).map(([name, source]) => ({
  input: 'entry',
  // A folder per entry: lazily imported code (jsonld for RDFC proofs) becomes its own chunk,
  // so the entry file's size is what a page pays up front.
  output: { dir: `${outDir}/${name}`, format: 'es', entryFileNames: 'index.js', chunkFileNames: '[name]-[hash].js' },
  plugins: [virtual(source), nodeResolve({ browser: true, exportConditions: ['browser', 'import', 'default'] }), commonjs(), terser()],
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules'))) return;
    warn(warning);
  },
}));
