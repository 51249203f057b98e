#!/usr/bin/env node
// Bundles the React example (React 19 + the elements) with esbuild into examples/vendor/react/,
// which `npm start` serves. Run by `npm start`; by hand: `node examples/react/build.mjs`.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
await build({
  entryPoints: [here('./main.jsx')],
  outdir: here('../vendor/react'),
  entryNames: 'app',
  // The verifier and JSON-LD stay lazily loaded chunks, as in the CDN bundles.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  bundle: true,
  format: 'esm',
  minify: true,
  jsx: 'automatic',
  target: 'es2022',
  // The built elements (dist/), as an app installing @citiesoflearning/components from npm gets them.
  conditions: ['browser', 'import', 'default'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
