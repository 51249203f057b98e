#!/usr/bin/env node
// Before the components package is published (its `prepublishOnly`): every CDN bundle the docs
// point at — cdn/<element>/index.js and cdn/components/index.js — must be in the package and
// built from today's elements. cdn/ is generated (gitignored), so a publish that skipped the CDN
// build would otherwise ship without it, and every snippet in the docs would 404 on the CDN.
//
//   node scripts/cdn-ready.mjs [--cdn DIR]    exit 0 ready, 1 missing or stale (named), 2 usage
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { entries } from '../rollup.config.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
if (args.length && (args[0] !== '--cdn' || args.length !== 2)) {
  console.error('Usage: node scripts/cdn-ready.mjs [--cdn DIR]');
  process.exit(2);
}
const cdn = args.length ? resolve(args[1]) : join(root, 'packages/components/cdn');
const elements = join(root, 'packages/components/dist/index.js');
const builtAt = existsSync(elements) ? statSync(elements).mtimeMs : 0;

const names = Object.keys(entries).filter((name) => name.startsWith('col-') || name === 'components');
const missing = names.filter((name) => !existsSync(join(cdn, name, 'index.js')));
const stale = names.filter((name) => !missing.includes(name) && statSync(join(cdn, name, 'index.js')).mtimeMs < builtAt);
if (missing.length || stale.length) {
  if (missing.length) console.error(`cdn-ready: no CDN bundle for ${missing.join(', ')}.`);
  if (stale.length) console.error(`cdn-ready: older than the built elements: ${stale.join(', ')}.`);
  console.error('Build them first: npm run build && npm run bundle -- --environment COL_BUNDLE:cdn');
  process.exit(1);
}
console.log(`cdn-ready: ${names.length} CDN bundles built from today's elements.`);
