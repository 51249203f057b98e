// Node side of the end-to-end suites: the pieces every "as a user meets it" test needs — the real
// `colearn serve --demo` as a child process on loopback, the examples' bundles built from today's
// elements, Debian's Chromium through playwright-core, axe-core run in a page under its strict
// CSP, and a Node script run to completion. Node only: browser suites never import this subpath.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { appendFile, chmod, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { tmpdir } from 'node:os';
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

// A throwaway PostgreSQL cluster for the suites that need a real one: initdb into a temporary
// folder, listening on 127.0.0.1 (a free port) and a unix socket in that folder only, with a
// random password (scram-sha-256) so the URL is a real login. initdb and the server refuse to
// run as root, so as root they run as `nobody`, owning the folder. Settings stay the defaults
// (fsync on: the crash tests need real durability), except a small shared_buffers.

const NOBODY = { uid: 65534, gid: 65534 };
const POSTGRES_MISSING = 'skipped: PostgreSQL is not installed (apt-get install postgresql)';
const liveClusters = new Set();

/** The folder holding initdb, pg_ctl and postgres: COL_POSTGRES_BIN, else Debian's newest, else PATH. */
function postgresBinDir() {
  const has = (dir) => dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  if (process.env.COL_POSTGRES_BIN) return has(process.env.COL_POSTGRES_BIN) ? process.env.COL_POSTGRES_BIN : undefined;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) if (has(join(debian, version, 'bin'))) return join(debian, version, 'bin');
  }
  return (process.env.PATH ?? '').split(delimiter).find(has);
}

/** Why PostgreSQL suites are skipped here (no initdb/pg_ctl found), or undefined when they can run. */
export function postgresSkipReason() {
  return postgresBinDir() ? undefined : POSTGRES_MISSING;
}

/** A port on 127.0.0.1 that nothing listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Run a PostgreSQL program (as nobody when we are root) to completion; rejects with its output. */
function runPostgresTool(bin, program, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(join(bin, program), args, {
      cwd,
      // Only what the tools need: no PG* variable of the caller's may point them elsewhere.
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', LANG: 'C', TZ: 'UTC' },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(process.getuid?.() === 0 ? NOBODY : {}),
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`${program} ${args.join(' ')} exited ${code}: ${output}`))));
  });
}

export async function startPostgres() {
  const bin = postgresBinDir();
  if (!bin) return { skipped: POSTGRES_MISSING };
  const root = await mkdtemp(join(tmpdir(), 'col-postgres-'));
  const dataDir = join(root, 'data');
  const logFile = join(root, 'server.log');
  const password = randomBytes(18).toString('base64url');
  const user = 'colearn';
  try {
    if (process.getuid?.() === 0) await chown(root, NOBODY.uid, NOBODY.gid);
    await chmod(root, 0o700);
    const passwordFile = join(root, 'password');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (process.getuid?.() === 0) await chown(passwordFile, NOBODY.uid, NOBODY.gid);
    await runPostgresTool(bin, 'initdb', ['-D', dataDir, '-U', user, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C'], root);
    await rm(passwordFile);
    await appendFile(join(dataDir, 'postgresql.conf'), [
      '',
      '# colearn test cluster (tools/harness): loopback and a private socket only',
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${root}'`,
      'shared_buffers = 16MB',
      'max_connections = 100',
      "timezone = 'UTC'",
      '',
    ].join('\n'));
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }

  let port;
  let running = false;
  const start = async () => {
    // A free port can be taken between the check and the start: try another one then.
    for (let attempt = 1; ; attempt++) {
      port ??= await freePort();
      try {
        await runPostgresTool(bin, 'pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', `-p ${port}`, 'start'], root);
        running = true;
        return;
      } catch (error) {
        const log = await readFile(logFile, 'utf8').catch(() => '');
        if (attempt >= 3 || !/could not (bind|create any TCP\/IP sockets)/.test(log)) throw new Error(`${error.message}\n${log}`);
        port = undefined;
      }
    }
  };
  const halt = async (mode) => {
    if (!running) return;
    await runPostgresTool(bin, 'pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop'], root);
    running = false;
  };
  // A suite that dies before `stop` must not leave a server running: stop it as the process exits.
  const onExit = () => {
    if (running) spawnSync(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop'], { cwd: root, ...(process.getuid?.() === 0 ? NOBODY : {}) });
    spawnSync('rm', ['-rf', root]);
  };

  try {
    await start();
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  liveClusters.add(onExit);
  if (liveClusters.size === 1) process.once('exit', stopLeftoverClusters);

  return {
    url: `postgres://${user}:${password}@127.0.0.1:${port}/postgres`,
    password,
    socketDir: root,
    async restart(options = {}) {
      await halt('fast');
      try {
        await options.whileDown?.();
      } finally {
        await start();
      }
    },
    async stop() {
      liveClusters.delete(onExit);
      try {
        await halt('immediate');
      } finally {
        // The server's last files can still be closing as pg_ctl returns: retry the removal.
        await rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      }
    },
  };
}

function stopLeftoverClusters() {
  for (const stop of liveClusters) stop();
  liveClusters.clear();
}
