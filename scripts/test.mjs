#!/usr/bin/env node
// `npm test`: build and type-check every package, lint each package as npm would publish it
// (publint, attw), check that nothing reaches outside the repository, build the CDN bundles and the docs, hold the size budgets, run every Node suite, the server's
// suites a second time on PostgreSQL, then every browser suite in Chromium, and end with one line CI reads:
// `N passed, N failed` — tests only. The steps around them (build, type-check, publint, attw,
// bundles, docs, budgets) are reported each on its own line above it; a failed step fails the run
// (exit code 1) without being counted as a test.
//
//   --node-only | --browser-only    run one side
//   --filter TEXT                   only test files whose path contains TEXT
//   --package NAME                  one package: its build, packaging checks and suites
//                                   (what `npm test -w packages/NAME` runs)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const only = args.includes('--node-only') ? 'node' : args.includes('--browser-only') ? 'browser' : 'all';
const filterAt = args.indexOf('--filter');
const filter = filterAt >= 0 ? args[filterAt + 1] : '';
const packageAt = args.indexOf('--package');
const onePackage = packageAt >= 0 ? args[packageAt + 1] : '';
const packages = readdirSync(join(root, 'packages')).sort();
if (onePackage && !packages.includes(onePackage)) {
  console.error(`No package "${onePackage}" under packages/ (one of: ${packages.join(', ')}).`);
  process.exit(2);
}
const results = join(root, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

// Tests and steps are counted apart: the last line is about tests only.
const totals = { passed: 0, failed: 0, skipped: 0 };
const add = (t) => { totals.passed += t.passed; totals.failed += t.failed; totals.skipped += t.skipped ?? 0; };
const steps = [];

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
const testFiles = (onePackage ? [onePackage] : packages)
  .flatMap((pkg) => walk(join(root, 'packages', pkg, 'test')))
  .map(rel)
  .filter((f) => f.endsWith('.test.ts') && f.includes(filter))
  .sort();

function step(name, cmdArgs, options = {}) {
  const status = run(process.execPath, cmdArgs, options.env, options.cwd);
  steps.push({ name, ok: status === 0 });
  if (status !== 0) console.error(`✗ ${name} failed`);
}

// 1. Build (emits dist for the CLI and examples) and type-check the tests. Everything is built
// even for one package: its suites may serve another's dist (the CLI's demo serves the elements),
// and an up-to-date build is quick.
step('build', [join(root, 'scripts/build.mjs')]);
step('typecheck tests', [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.test.json']);
// A clone has nothing beside it: no code or config may reach outside the repository
// (scripts/check-repo-only.mjs; .ci/run also runs everything in a copy with nothing beside it).
step('repository only', [join(root, 'scripts/check-repo-only.mjs')]);

// Packaging: every package's exports, types and files as npm would publish them (publint), and
// its types as TypeScript users resolve them (@arethetypeswrong/cli on the packed tarball; the
// packages are ESM only, so CommonJS resolutions are out of scope: --profile esm-only).
for (const name of onePackage ? [onePackage] : packages) {
  step(`publint packages/${name}`, [join(root, 'node_modules/publint/src/cli.js'), '--strict', join('packages', name)]);
  step(`attw packages/${name}`, [join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js'), '--pack', '.', '--profile', 'esm-only', '--format', 'table-flipped'], { cwd: join(root, 'packages', name) });
}

// The elements' CDN bundles (prints their integrity hashes), the docs site that shows them
// (npm run docs, TypeDoc included), and the size budgets (scripts/check-budgets.mjs).
if (only !== 'browser' && !filter && !onePackage) {
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
    // A runner that reports nothing crashed before its tests could: that is a failed test run.
    if (existsSync(counts)) add(JSON.parse(readFileSync(counts, 'utf8')));
    else totals.failed++;
  }
}

// 2b. The server's suites again on PostgreSQL: COL_TEST_BACKEND=postgres makes every server and
// app a test starts through test/support/test-server.ts store in a fresh database of a throwaway
// cluster, so one set of tests holds both engines to the same API. Files that start
// nothing through it (SQLite's own adapter tests, the PostgreSQL backend's, pure functions) would
// only run again unchanged, so they run once. Its counts join the totals like any other run.
if (only !== 'browser') {
  const onBoth = testFiles.filter((f) => f.startsWith('packages/server/test/') && !f.endsWith('.browser.test.ts') &&
    readFileSync(join(root, f), 'utf8').includes("/support/test-server.js'"));
  if (onBoth.length) {
    const { postgresSkipReason } = await import('@col/harness/node');
    const missing = postgresSkipReason();
    if (missing) {
      console.log(`\nserver suites on PostgreSQL ${missing}`);
      steps.push({ name: 'server suites on PostgreSQL', ok: true, skipped: missing.replace(/^skipped: /, '') });
    } else {
      const counts = join(results, 'node-postgres-counts.json');
      const status = run(process.execPath, [
        '--import', 'tsx', '--conditions=@citiesoflearning/source', '--test', '--test-concurrency=1',
        '--test-reporter=spec', '--test-reporter-destination=stdout',
        `--test-reporter=${join(root, 'scripts/count-reporter.mjs')}`, `--test-reporter-destination=${counts}`,
        ...onBoth,
      ], { COL_TEST_BACKEND: 'postgres' });
      steps.push({ name: 'server suites on PostgreSQL', ok: status === 0 });
      if (existsSync(counts)) add(JSON.parse(readFileSync(counts, 'utf8')));
      else totals.failed++;
    }
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

const failedSteps = steps.filter((s) => !s.ok);
console.log('');
for (const s of steps) console.log(`step ${s.skipped ? 'skipped' : s.ok ? 'ok    ' : 'FAILED'} ${s.name}${s.skipped ? ` (${s.skipped})` : ''}`);
if (totals.skipped) console.log(`${totals.skipped} skipped`);
// The line CI reads, always last and always exactly this shape: tests only.
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed || failedSteps.length ? 1 : 0);
