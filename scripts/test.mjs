#!/usr/bin/env node
// `npm test`: build and type-check every package, lint each package as npm would publish it
// (publint, attw), build the CDN bundles and the docs, hold the size budgets, run every Node suite, then every browser suite in Chromium, and end with one line CI reads:
// `N passed, N failed`.
//
//   --node-only | --browser-only    run one side
//   --filter TEXT                   only test files whose path contains TEXT
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const only = args.includes('--node-only') ? 'node' : args.includes('--browser-only') ? 'browser' : 'all';
const filterAt = args.indexOf('--filter');
const filter = filterAt >= 0 ? args[filterAt + 1] : '';
const results = join(root, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const add = (t) => { totals.passed += t.passed; totals.failed += t.failed; totals.skipped += t.skipped ?? 0; };

function run(cmd, cmdArgs, env = {}, cwd = root) {
  console.log(`\n$ ${cmd} ${cmdArgs.join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
const rel = (p) => relative(root, p).split(sep).join('/');
const testFiles = readdirSync(join(root, 'packages'))
  .flatMap((pkg) => walk(join(root, 'packages', pkg, 'test')))
  .map(rel)
  .filter((f) => f.endsWith('.test.ts') && f.includes(filter))
  .sort();

// 1. Build (emits dist for the CLI and examples) and type-check the tests.
for (const [name, cmdArgs] of [['build', [join(root, 'scripts/build.mjs')]], ['typecheck tests', [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.test.json']]]) {
  const status = run(process.execPath, cmdArgs);
  if (status === 0) totals.passed++;
  else { totals.failed++; console.error(`✗ ${name} failed`); }
}

// Packaging: every package's exports, types and files as npm would publish them (publint), and
// its types as TypeScript users resolve them (@arethetypeswrong/cli on the packed tarball; the
// packages are ESM only, so CommonJS resolutions are out of scope: --profile esm-only).
function step(name, cmdArgs, options = {}) {
  const status = run(process.execPath, cmdArgs, options.env, options.cwd);
  if (status === 0) totals.passed++;
  else { totals.failed++; console.error(`✗ ${name} failed`); }
}
for (const name of readdirSync(join(root, 'packages')).sort()) {
  step(`publint packages/${name}`, [join(root, 'node_modules/publint/src/cli.js'), '--strict', join('packages', name)]);
  step(`attw packages/${name}`, [join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js'), '--pack', '.', '--profile', 'esm-only', '--format', 'table-flipped'], { cwd: join(root, 'packages', name) });
}

// The elements' CDN bundles (prints their integrity hashes), the docs site that shows them
// (npm run docs, TypeDoc included), and the size budgets (scripts/check-budgets.mjs).
if (only !== 'browser' && !filter) {
  step('CDN bundles', [join(root, 'node_modules/rollup/dist/bin/rollup'), '-c', 'rollup.config.mjs', '--silent', '--environment', 'COL_BUNDLE:cdn']);
  step('docs build', [join(root, 'scripts/docs.mjs')]);
  step('size budgets', [join(root, 'scripts/check-budgets.mjs')]);
}

// 2. Node suites: every test file except browser-only ones.
if (only !== 'browser') {
  const files = testFiles.filter((f) => !f.endsWith('.browser.test.ts'));
  if (files.length) {
    const counts = join(results, 'node-counts.json');
    run(process.execPath, [
      '--import', 'tsx', '--conditions=@citiesoflearning/source', '--test', '--test-concurrency=1',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      `--test-reporter=${join(root, 'scripts/count-reporter.mjs')}`, `--test-reporter-destination=${counts}`,
      ...files,
    ]);
    if (existsSync(counts)) add(JSON.parse(readFileSync(counts, 'utf8')));
    else totals.failed++;
  }
}

// 3. Browser suites: the isomorphic packages (core, verify, client) and *.browser.test.ts.
if (only !== 'node') {
  const isomorphic = ['packages/core/', 'packages/verify/', 'packages/client/'];
  const files = testFiles.filter((f) => !f.endsWith('.node.test.ts') &&
    (f.endsWith('.browser.test.ts') || isomorphic.some((p) => f.startsWith(p))));
  if (files.length) {
    ensureChromium();
    const counts = join(results, 'browser-counts.json');
    run(process.execPath, [join(root, 'node_modules/@web/test-runner/dist/bin.js'), '--config', 'web-test-runner.config.mjs'],
      { COL_BROWSER_FILES: files.join(',') });
    if (existsSync(counts)) add(JSON.parse(readFileSync(counts, 'utf8')));
    else totals.failed++;
  }
}

function ensureChromium() {
  const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chrome)) {
    console.error(`Chromium not found at ${chrome}: run .ci/run (it installs Debian's chromium) or set CHROME_PATH.`);
  }
}

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed ? 1 : 0);
