// Node side of the end-to-end suites: the pieces every "as a user meets it" test needs — the real
// `colearn serve --demo` as a child process on loopback, the examples' bundles built from today's
// elements, Debian's Chromium through playwright-core, axe-core run in a page under its strict
// CSP, and a Node script run to completion. Node only: browser suites never import this subpath.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const cliBin = join(repoRoot, 'packages/cli/dist/bin.js');

export async function startDemoServer(options) {
  const dataDir = await mkdtemp(join(tmpdir(), `col-${options.name}-`));
  const child = spawn(process.execPath, [cliBin, 'serve', '--demo', '--port', '0', '--host', '127.0.0.1', '--data', dataDir], {
    env: { ...process.env, COL_ADMIN_KEY: options.adminKey },
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const match = /listening on (\S+)/.exec(out);
        if (match) resolve(match[1].replace(/\/$/, ''));
      });
      child.on('exit', (code) => reject(new Error(`colearn serve exited ${code}: ${stderr}`)));
    });
    return {
      url,
      adminKey: options.adminKey,
      stderr: () => stderr,
      claimCode: (achievement = 'digital-foundations') => new RegExp(`demo claim code for ${achievement}: (\\S+)`).exec(stderr)?.[1],
      async stop() {
        child.kill('SIGTERM');
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

export function buildExamplesBundle() {
  // npm start builds it; a checkout may lack it, or hold one older than the built elements (and
  // a test must never drive yesterday's code).
  const bundle = join(repoRoot, 'examples/vendor/components/index.js');
  const elements = join(repoRoot, 'packages/components/dist/index.js');
  if (existsSync(bundle) && !(existsSync(elements) && statSync(elements).mtimeMs > statSync(bundle).mtimeMs)) return;
  const built = spawnSync(process.execPath, [join(repoRoot, 'node_modules/rollup/dist/bin/rollup'), '-c', 'rollup.config.mjs', '--silent', '--environment', 'COL_BUNDLE:examples'], { cwd: repoRoot, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`building the examples bundle failed: ${built.stderr}`);
}

export async function buildCdnBundles() {
  // `npm test` builds them (its CDN step) before the suites run; a checkout may lack them, or
  // hold some older than the built elements. Built only then: all nine take minutes.
  const elements = join(repoRoot, 'packages/components/dist/index.js');
  const cdn = join(repoRoot, 'packages/components/cdn');
  // The bundles the CDN build writes: rollup.config.mjs's element entries and the one for all.
  const { entries } = await import(pathToFileURL(join(repoRoot, 'rollup.config.mjs')).href);
  const names = Object.keys(entries).filter((name) => name.startsWith('col-') || name === 'components');
  const fresh = names.every((name) => {
    const file = join(cdn, name, 'index.js');
    return existsSync(file) && !(existsSync(elements) && statSync(elements).mtimeMs > statSync(file).mtimeMs);
  });
  if (fresh) return;
  const built = spawnSync(process.execPath, [join(repoRoot, 'node_modules/rollup/dist/bin/rollup'), '-c', 'rollup.config.mjs', '--silent', '--environment', 'COL_BUNDLE:cdn'], { cwd: repoRoot, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`building the CDN bundles failed: ${built.stderr}`);
}

const CHROME_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export async function launchChromium() {
  // Imported here, not at the top: suites that only run scripts need no browser library.
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROME_ARGS });
}

let axeSource;

export async function axeViolations(page) {
  axeSource ??= readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol: the page's strict CSP (no inline scripts) stays on.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await globalThis.axe.run();
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

export function runNodeScript(script, args = [], options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: options.cwd ?? repoRoot, env: { ...process.env, ...options.env } });
    // Standard input is closed (after `input`, if any), so a script that reads it never waits.
    child.stdin.end(options.input ?? '');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
